/**
 * The error catalogue, end to end: every bad input to `planIdentity`, `Reach.*` and `Runtime.*` raises an
 * IdentityError (never a TypeError) whose `code` and `field` are pinned here, and whose message holds its
 * key parts: the field, the value received (as formatValue shows it), what is allowed and the fix
 * (lib/core/errors.ts). The wording around them ("must be", "got", "Use") is free to change between
 * versions, so no test spells a whole sentence.
 *
 * Key parts are what a reader acts on, so each row lists the value and, where the fix names a value or a call
 * (a corrected path, `Reach.group(...)`, a suggested spelling), the fix: a message that lost either fails. Where
 * the fix repeats what is allowed (Use 'gitlab-org' after the example 'gitlab-org'), the part is listed twice
 * and must occur twice.
 */
import {
  ALL_ACCESS_LEVELS,
  ALL_CAPABILITIES,
  AccessLevel,
  Capability,
  DEFAULT_POLICY,
  ErrorCode,
  IdentityError,
  IdentityKind,
  IdentityRequest,
  Reach,
  Runtime,
  isIdentityError,
  planIdentity,
  resolvePolicy,
} from '../../lib/core';
import { mentioningPattern } from '../support/mentioning';

// ---- helpers -----------------------------------------------------------------------------------------------

interface Expected {
  readonly code: ErrorCode;
  readonly field: string;
  /** What the message must contain; a part listed n times must occur at least n times. */
  readonly parts: readonly string[];
  /** What the message must not contain: a suggestion where none fits. */
  readonly absent?: readonly string[];
}

/** Runs `fn`, expecting it to throw; returns what it threw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an IdentityError, but nothing was thrown');
}

/** Asserts `fn` throws an IdentityError (not a TypeError) with this code and field, whose message holds the parts. */
function expectIdentityError(fn: () => unknown, expected: Expected): void {
  const e = thrownBy(fn);
  expect(e).not.toBeInstanceOf(TypeError);
  expect(e).toBeInstanceOf(IdentityError);
  expect(isIdentityError(e)).toBe(true);
  const err = e as IdentityError;
  expect(err.name).toBe('IdentityError');
  expect({ code: err.code, field: err.field }).toEqual({ code: expected.code, field: expected.field });
  expect(err.message).toMatch(mentioningPattern(...expected.parts));
  for (const part of expected.absent ?? []) expect(err.message).not.toContain(part);
}

/** The fix that changes both lifetimeDays and rotateBeforeDays, when no single change works. */
const BOTH_FIX = 'lifetimeDays to at least 2 and rotateBeforeDays to 1';

/** A valid request: an external automation triaging one project (a project access token). */
const BASE = {
  owner: 'quality',
  purpose: 'triage',
  runtime: Runtime.external(),
  reach: Reach.project('gitlab-org/gitlab'),
  capabilities: [Capability.API_TRIAGE],
};

/** Plans BASE with `overrides` applied; values are deliberately untyped (input may come from JSON). */
function plan(overrides: Record<string, unknown>) {
  return planIdentity({ ...BASE, ...overrides } as unknown as IdentityRequest);
}

/** Plans BASE without `key`. */
function planWithout(key: keyof typeof BASE) {
  const request: Record<string, unknown> = { ...BASE };
  delete request[key];
  return planIdentity(request as unknown as IdentityRequest);
}

// The factories, typed loosely so that tests can hand them what JavaScript callers might.
const looseReach = Reach as unknown as {
  project(path: unknown): Reach;
  projects(paths: unknown): Reach;
  group(path: unknown, options?: unknown): Reach;
};
const looseRuntime = Runtime as unknown as { ciPipeline(sourceProject: unknown): Runtime };

/** Every capability, each a part: the allowed list, whatever joins it. */
const CAPABILITIES: readonly string[] = ALL_CAPABILITIES;
/** A capability as a suggestion shows it, quoted (the allowed list does not quote). */
const QUOTED_CAPABILITIES = CAPABILITIES.map((c) => `'${c}'`);
const POLICY_OPTIONS = Object.keys(DEFAULT_POLICY);
/** The example of an allowed project path. */
const PROJECT_EXAMPLE = "'gitlab-org/quality/triage-ops'";
/** The examples of an allowed group path. */
const GROUP_EXAMPLES = ["'gitlab-org'", "'gitlab-org/quality'"];
/** The path rules, the fix when no corrected path can be suggested: allowed characters, separator, forbidden ending. */
const PATH_RULES = ["'_'", "'/'", "'.atom'"];

// ---- the helper itself --------------------------------------------------------------------------------------

describe('assertion style', () => {
  // GIVEN a bad request WHEN it is planned THEN toThrow matches its key parts, each on its own
  test('key parts, not the sentence, match with toThrow', () => {
    expect(() => plan({ capabilities: 'api:read' })).toThrow(IdentityError);
    expect(() => plan({ capabilities: 'api:read' })).toThrow('`capabilities`');
    expect(() => plan({ capabilities: 'api:read' })).toThrow("'api:read'");
    expect(() => plan({ capabilities: 'api:read' })).toThrow('[Capability.API_READ]');
  });

  test('a part listed twice must occur twice', () => {
    expect("such as 'gitlab-org', got 'x'.").not.toMatch(mentioningPattern("'gitlab-org'", "'gitlab-org'"));
    expect("such as 'gitlab-org', got 'x'. Use 'gitlab-org'.").toMatch(mentioningPattern("'gitlab-org'", "'gitlab-org'"));
  });

  test('a part that starts or ends with a letter or digit stands alone: 8 is not found in 18', () => {
    expect('reaches 18 projects (at most 15)').not.toMatch(mentioningPattern('8', '5'));
    expect('reaches 8 projects (at most 5)').toMatch(mentioningPattern('8', '5'));
    expect('scopes read_api').not.toMatch(mentioningPattern('api'));
  });

  test('a valid request does not throw', () => {
    expect(plan({}).kind).toBe(IdentityKind.PROJECT_ACCESS_TOKEN);
  });
});

// ---- request shape ------------------------------------------------------------------------------------------

describe('request shape', () => {
  // GIVEN a request that is not an object, lacks a field, or holds a plain object where a Runtime or Reach
  // instance belongs WHEN planned THEN INVALID_TYPE or MISSING_FIELD names the field and shows how to build it
  test.each([
    ['null', null, 'null'],
    ['a string', 'quality', "'quality'"],
    ['an array', [], '[]'],
    ['undefined', undefined, 'undefined'],
    ['a number', 42, '42'],
  ])('request %s', (_what, request, shown) => {
    expectIdentityError(() => planIdentity(request as unknown as IdentityRequest), {
      code: ErrorCode.INVALID_TYPE,
      field: 'request',
      // The fix is an example request; its owner 'quality' is also the string received in one row, where it
      // is then listed twice.
      parts: ['request', shown, 'owner, purpose, runtime, reach and capabilities', "'quality'", 'Runtime.external()', "Reach.project('group/project')"],
    });
  });

  // [field, what it holds (what is allowed), the example that is the fix]
  test.each([
    ['owner', 'the owning team', "owner: 'quality'"],
    ['purpose', 'what the automation does', "purpose: 'triage-reminders'"],
    ['runtime', 'where it runs', 'runtime: Runtime.external()'],
    ['reach', 'what it touches', "reach: Reach.project('group/project')"],
  ] as const)('missing %s', (field, holds, example) => {
    expectIdentityError(() => planWithout(field), { code: ErrorCode.MISSING_FIELD, field, parts: [field, 'undefined', holds, example] });
  });

  const RUNTIME_FIX = ["Runtime.ciPipeline('group/project')", 'Runtime.external()'];
  const REACH_FIX = ["Reach.project('group/project')", 'Reach.projects([...])', "Reach.group('group', { projectCount: 5 })"];

  test.each([
    ['a plain object', { type: 'external' }, 'an object {"type":"external"}'],
    ['a plain object like a CI runtime', { type: 'ci-pipeline', sourceProject: 'a/b' }, 'an object {"type":"ci-pipeline","sourceProject":"a/b"}'],
    ['a string', 'external', "'external'"],
    ['null', null, 'null'],
  ])('runtime as %s', (_what, runtime, shown) => {
    expectIdentityError(() => plan({ runtime }), {
      code: ErrorCode.INVALID_TYPE,
      field: 'runtime',
      parts: ['runtime', shown, 'a Runtime', ...RUNTIME_FIX],
    });
  });

  test.each([
    ['a plain object', { type: 'project', projects: ['a/b'] }, 'an object {"type":"project","projects":["a/b"]}'],
    ['a plain group object', { type: 'group', group: 'g', projectCount: 3 }, 'an object {"type":"group","group":"g","projectCount":3}'],
    ['a string', 'gitlab-org/gitlab', "'gitlab-org/gitlab'"],
    ['null', null, 'null'],
  ])('reach as %s', (_what, reach, shown) => {
    expectIdentityError(() => plan({ reach }), {
      code: ErrorCode.INVALID_TYPE,
      field: 'reach',
      parts: ['reach', shown, 'a Reach', ...REACH_FIX],
    });
  });
});

// ---- capabilities -------------------------------------------------------------------------------------------

describe('capabilities', () => {
  // GIVEN no, unknown or mistyped capabilities, or a list with a hole WHEN planned THEN the error lists the
  // allowed values and, for a near miss, suggests the intended one
  const noCapabilities = (shown: string): Expected => ({
    code: ErrorCode.NO_CAPABILITIES,
    field: 'capabilities',
    parts: ['capabilities', shown, ...CAPABILITIES, '[Capability.API_READ]'],
  });

  test('an empty list', () => {
    expectIdentityError(() => plan({ capabilities: [] }), noCapabilities('[]'));
  });

  test('capabilities missing entirely (NO_CAPABILITIES, "got undefined")', () => {
    expectIdentityError(() => planWithout('capabilities'), noCapabilities('undefined'));
  });

  test.each([
    ['a string', 'api:read', "'api:read'"],
    ['null', null, 'null'],
    ['an object', { 0: 'api:read' }, 'an object {"0":"api:read"}'],
  ])('capabilities as %s', (_what, capabilities, shown) => {
    expectIdentityError(() => plan({ capabilities }), {
      code: ErrorCode.INVALID_TYPE,
      field: 'capabilities',
      parts: ['capabilities', shown, 'array of Capability', '[Capability.API_READ]'],
    });
  });

  // The fix is the suggestion when there is one, and the Capability enum always; no suggestion is made up.
  const unknownCapability = (field: string, shown: string, suggestion: string | undefined): Expected => ({
    code: ErrorCode.UNKNOWN_CAPABILITY,
    field,
    parts: [field, shown, ...CAPABILITIES, ...(suggestion ? [`'${suggestion}'`] : []), 'Capability'],
    ...(suggestion ? {} : { absent: QUOTED_CAPABILITIES }),
  });

  test.each([
    ['a typo', ['api:read', 'api:reed'], 'capabilities[1]', "'api:reed'", 'api:read'],
    ['the enum key instead of its value', ['API_READ'], 'capabilities[0]', "'API_READ'", 'api:read'],
    ['a typo in a long value', [Capability.API_READ, 'container-registry:wrte'], 'capabilities[1]', "'container-registry:wrte'", 'container-registry:write'],
    ['a made-up capability', ['fly-to-the-moon'], 'capabilities[0]', "'fly-to-the-moon'", undefined],
    ['a plausible but unknown capability', ['api:admin'], 'capabilities[0]', "'api:admin'", undefined],
    ['a number', [42], 'capabilities[0]', '42', undefined],
    ['null', [Capability.API_READ, Capability.API_WRITE, null], 'capabilities[2]', 'null', undefined],
  ])('%s', (_what, capabilities, field, shown, suggestion) => {
    expectIdentityError(() => plan({ capabilities }), unknownCapability(field, shown, suggestion));
  });

  test('a suggested capability is accepted', () => {
    expect(plan({ capabilities: ['api:read'] }).capabilities).toEqual([Capability.API_READ]);
  });

  // GIVEN a sparse list (`new Array(1)`) WHEN planned THEN the hole is checked like any entry: an
  // IdentityError for capabilities[0], not a TypeError from deeper in planIdentity
  test('a hole in the list raises UNKNOWN_CAPABILITY, not a TypeError', () => {
    expectIdentityError(() => plan({ capabilities: new Array(1) }), unknownCapability('capabilities[0]', 'undefined', undefined));
  });
});

// ---- Reach.projects: the list itself --------------------------------------------------------------------------

describe('Reach.projects list', () => {
  // GIVEN an empty, non-array, sparse or duplicated project list WHEN Reach.projects is called THEN the error
  // names the offending index and, for duplicates, the index of the first occurrence
  test('an empty list', () => {
    expectIdentityError(() => Reach.projects([]), {
      code: ErrorCode.EMPTY_PROJECT_LIST,
      field: 'reach.projects',
      parts: ['reach.projects', '[]', "Reach.projects(['gitlab-org/gitlab', 'gitlab-org/gitaly'])"],
    });
  });

  test.each([
    ['a string', 'gitlab-org/gitlab', "'gitlab-org/gitlab'"],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
  ])('not an array: %s', (_what, paths, shown) => {
    expectIdentityError(() => looseReach.projects(paths), {
      code: ErrorCode.INVALID_TYPE,
      field: 'reach.projects',
      parts: ['reach.projects', shown, "Reach.projects(['group/project-a', 'group/project-b'])"],
    });
  });

  // The fix, removing the entry, names no value: the field names the entry, the index its first occurrence.
  test.each([
    ['an exact duplicate', ['a/b', 'c/d', 'a/b'], 'reach.projects[2]', "'a/b'", 0],
    ['a case-insensitive duplicate', ['A/b', 'a/b'], 'reach.projects[1]', "'a/b'", 0],
    ['a duplicate of a later entry', ['x/y', 'Gitlab-Org/GitLab', 'gitlab-org/gitlab'], 'reach.projects[2]', "'gitlab-org/gitlab'", 1],
  ])('%s', (_what, paths, field, shown, firstIndex) => {
    expectIdentityError(() => Reach.projects(paths), {
      code: ErrorCode.DUPLICATE_PROJECT,
      field,
      parts: [field, shown, String(firstIndex)],
    });
  });

  // A hole is checked like any entry, not skipped: no Reach with zero projects.
  test('holes in the list raise INVALID_PATH', () => {
    expectIdentityError(() => Reach.projects(new Array<string>(2)), {
      code: ErrorCode.INVALID_PATH,
      field: 'reach.projects[0]',
      parts: ['reach.projects[0]', 'undefined', PROJECT_EXAMPLE, ...PATH_RULES],
    });
  });
});

// ---- paths --------------------------------------------------------------------------------------------------

describe('malformed project paths', () => {
  // GIVEN a malformed project path WHEN passed to Reach.project, Reach.projects or Runtime.ciPipeline THEN
  // INVALID_PATH names the field, the value (and the segment at fault) and either a corrected path or the
  // path rules
  const factories: [string, string, (p: unknown) => unknown][] = [
    ['Reach.project', 'reach.project', (p) => looseReach.project(p)],
    ['Reach.projects', 'reach.projects[1]', (p) => looseReach.projects(['gitlab-org/gitaly', p])],
    ['Runtime.ciPipeline', 'runtime.sourceProject', (p) => looseRuntime.ciPipeline(p)],
  ];
  // [what, value, shown, the part of the value at fault (when the value does not show it alone), suggestion]
  const cases: [string, unknown, string, string | undefined, string | undefined][] = [
    ['a URL', 'https://gitlab.com/gitlab-org/gitlab', "'https://gitlab.com/gitlab-org/gitlab'", undefined, 'gitlab-org/gitlab'],
    ['a URL to a merge request', 'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1', "'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1'", undefined, 'gitlab-org/gitlab'],
    ['a leading slash', '/gitlab-org/gitlab', "'/gitlab-org/gitlab'", undefined, 'gitlab-org/gitlab'],
    ['a trailing slash', 'gitlab-org/gitlab/', "'gitlab-org/gitlab/'", undefined, 'gitlab-org/gitlab'],
    ['a double slash', 'gitlab-org//gitlab', "'gitlab-org//gitlab'", "'//'", 'gitlab-org/gitlab'],
    ['no namespace', 'gitlab', "'gitlab'", undefined, undefined],
    ['an empty string', '', "''", undefined, undefined],
    ['only white space', '   ', "'   '", undefined, undefined],
    ['a trailing space', 'gitlab-org/gitlab ', "'gitlab-org/gitlab '", undefined, 'gitlab-org/gitlab'],
    ['a last segment ending in .git', 'gitlab-org/gitlab.git', "'gitlab-org/gitlab.git'", "'gitlab.git'", 'gitlab-org/gitlab'],
    ['an inner segment ending in .git', 'gitlab-org.git/gitlab', "'gitlab-org.git/gitlab'", "'gitlab-org.git'", undefined],
    ['a segment starting with -', '-org/gitlab', "'-org/gitlab'", "'-org'", undefined],
    ['a number', 42, '42', undefined, undefined],
    ['undefined', undefined, 'undefined', undefined, undefined],
  ];
  const table = factories.flatMap(([name, field, make]) =>
    cases.map(([what, value, shown, atFault, suggestion]) => ({ name, field, make, what, value, shown, atFault, suggestion })),
  );

  test.each(table)('$name: $what', ({ field, make, value, shown, atFault, suggestion }) => {
    expectIdentityError(() => make(value), {
      code: ErrorCode.INVALID_PATH,
      field,
      parts: [field, shown, ...(atFault ? [atFault] : []), PROJECT_EXAMPLE, ...(suggestion ? [`'${suggestion}'`] : PATH_RULES)],
    });
  });

  test.each(cases.filter((c) => c[4] !== undefined).map((c) => [c[0], c[4] as string]))(
    'the suggestion for %s is itself a valid path',
    (_what, suggestion) => {
      expect(Reach.project(suggestion).projects).toEqual([suggestion]);
      expect(Runtime.ciPipeline(suggestion).sourceProject).toBe(suggestion);
    },
  );
});

describe('malformed group paths', () => {
  // GIVEN a malformed group path WHEN passed to Reach.group THEN INVALID_PATH names reach.group; a single
  // segment is a valid group, unlike a project. A suggestion may repeat an example, so it is counted apart.
  test.each([
    ['a URL', 'https://gitlab.com/gitlab-org', "'https://gitlab.com/gitlab-org'", 'gitlab-org'],
    ['leading and trailing slashes', '/gitlab-org/', "'/gitlab-org/'", 'gitlab-org'],
    ['a trailing slash on a subgroup', 'gitlab-org/quality/', "'gitlab-org/quality/'", 'gitlab-org/quality'],
    ['an empty string', '', "''", undefined],
    ['white space', 'gitlab org', "'gitlab org'", undefined],
    ['a segment ending in .git', 'gitlab-org.git', "'gitlab-org.git'", 'gitlab-org'],
    ['a segment ending in .', 'gitlab-org.', "'gitlab-org.'", undefined],
    ['null', null, 'null', undefined],
    ['a number', 7, '7', undefined],
  ])('%s', (_what, value, shown, suggestion) => {
    expectIdentityError(() => looseReach.group(value, { projectCount: 5 }), {
      code: ErrorCode.INVALID_PATH,
      field: 'reach.group',
      parts: ['reach.group', shown, ...GROUP_EXAMPLES, ...(suggestion ? [`'${suggestion}'`] : PATH_RULES)],
    });
  });

  test('a one-segment group path is valid', () => {
    expect(Reach.group('gitlab', { projectCount: 5 }).group).toBe('gitlab');
  });
});

// ---- Reach.group projectCount ---------------------------------------------------------------------------------

describe('Reach.group projectCount', () => {
  // GIVEN a group reach whose projectCount is not a whole number >= 1, or no options at all WHEN
  // Reach.group is called THEN INVALID_PROJECT_COUNT shows what was received and an example
  test.each([
    ['0', { projectCount: 0 }, '0'],
    ['-1', { projectCount: -1 }, '-1'],
    ['2.5', { projectCount: 2.5 }, '2.5'],
    ['NaN', { projectCount: NaN }, 'NaN'],
    ['Infinity', { projectCount: Infinity }, 'Infinity'],
    ['a string', { projectCount: '5' }, "'5'"],
    ['an empty options object', {}, 'undefined'],
    ['options missing', undefined, 'undefined'],
    ['options null', null, 'undefined'],
    ['options a bare number', 5, 'undefined'],
  ])('%s', (_what, options, shown) => {
    expectIdentityError(() => looseReach.group('gitlab-org', options), {
      code: ErrorCode.INVALID_PROJECT_COUNT,
      field: 'reach.projectCount',
      parts: ['reach.projectCount', shown, '1', "Reach.group('gitlab-org', { projectCount: 350 })"],
    });
  });

  test('the path is checked before the count', () => {
    expectIdentityError(() => looseReach.group('', undefined), {
      code: ErrorCode.INVALID_PATH,
      field: 'reach.group',
      parts: ['reach.group', "''", ...GROUP_EXAMPLES, ...PATH_RULES],
    });
  });
});

// ---- owner and purpose ----------------------------------------------------------------------------------------

describe('owner and purpose', () => {
  // GIVEN an owner or purpose that breaks the naming rule WHEN planned THEN INVALID_NAME_PART shows the
  // allowed characters and suggests the corrected value (or a generic one when nothing can be salvaged), and
  // the suggestion is accepted
  const NAME_CHARACTERS = "'a-z0-9-'";
  const cases: [string, unknown, string, string, string][] = [
    ['words with capitals and a space', 'Quality Team', "'Quality Team'", 'quality-team', 'quality-team'],
    ['a trailing underscore', 'quality_', "'quality_'", 'quality', 'quality'],
    ['a trailing hyphen', 'quality-', "'quality-'", 'quality', 'quality'],
    ['a double hyphen', 'qa--team', "'qa--team'", 'qa-team', 'qa-team'],
    ['a leading digit', '9lives', "'9lives'", 'lives', 'lives'],
    ['an empty string', '', "''", 'platform-team', 'automation'],
    ['a number', 42, '42', 'platform-team', 'automation'],
    ['null', null, 'null', 'platform-team', 'automation'],
  ];

  test.each(cases)('owner: %s', (_what, owner, shown, suggestion) => {
    expectIdentityError(() => plan({ owner }), {
      code: ErrorCode.INVALID_NAME_PART,
      field: 'owner',
      parts: ['owner', shown, NAME_CHARACTERS, `'${suggestion}'`],
    });
    expect(plan({ owner: suggestion }).owner).toBe(suggestion);
  });

  test.each(cases)('purpose: %s', (_what, purpose, shown, _ownerSuggestion, suggestion) => {
    expectIdentityError(() => plan({ purpose }), {
      code: ErrorCode.INVALID_NAME_PART,
      field: 'purpose',
      parts: ['purpose', shown, NAME_CHARACTERS, `'${suggestion}'`],
    });
    expect(plan({ purpose: suggestion }).purpose).toBe(suggestion);
  });

  test('owner is checked before purpose', () => {
    expectIdentityError(() => plan({ owner: 'Quality Team', purpose: 'Triage Reminders' }), {
      code: ErrorCode.INVALID_NAME_PART,
      field: 'owner',
      parts: ['owner', "'Quality Team'", NAME_CHARACTERS, "'quality-team'"],
      absent: ["'Triage Reminders'"],
    });
  });
});

// ---- name length ----------------------------------------------------------------------------------------------

describe('name length', () => {
  // GIVEN owner and purpose (plus prefix and per-project suffix) longer than the policy's maxNameLength
  // WHEN planned THEN NAME_TOO_LONG (field `name`) shows the limit, the actual length and the full name, and
  // names every part that can be shortened
  const tooLong = (name: string, max: number, ...shorten: string[]): Expected => ({
    code: ErrorCode.NAME_TOO_LONG,
    field: 'name',
    parts: ['name', `'${name}'`, String(max), String(name.length), 'maxNameLength', 'owner', 'purpose', ...shorten],
  });

  test('exactly 64 characters is allowed by default', () => {
    expect(plan({ owner: 'a'.repeat(30), purpose: 'b'.repeat(33) }).name).toHaveLength(64);
  });

  test('65 characters is over the default 64', () => {
    const name = `${'a'.repeat(30)}-${'b'.repeat(34)}`;
    expectIdentityError(() => plan({ owner: 'a'.repeat(30), purpose: 'b'.repeat(34) }), tooLong(name, 64));
  });

  test('a custom maxNameLength', () => {
    expectIdentityError(
      () => plan({ purpose: 'triage-reminders', policy: { maxNameLength: 20 } }),
      tooLong('quality-triage-reminders', 20),
    );
  });

  test('the name prefix counts towards the length, and the fix names it', () => {
    const name = `acme-corp-${'a'.repeat(30)}-${'b'.repeat(28)}`;
    expect(name).toHaveLength(69);
    expectIdentityError(
      () => plan({ owner: 'a'.repeat(30), purpose: 'b'.repeat(28), policy: { namePrefix: 'acme-corp-' } }),
      tooLong(name, 64, 'namePrefix', "'acme-corp-'"),
    );
  });

  describe('per-project token names of a multi-project deploy token', () => {
    const longProject = 'gitlab-org/a-really-quite-long-project-name-for-tests';
    const deploy = { purpose: 'mirror-sources', capabilities: [Capability.REPOSITORY_READ] };

    test('the base name alone fits', () => {
      const p = plan({ ...deploy, reach: Reach.project(longProject) });
      expect(p.kind).toBe(IdentityKind.PROJECT_DEPLOY_TOKEN);
      expect(p.name).toBe('quality-mirror-sources');
    });

    test('<owner>-<purpose>-<project> over 64 characters is rejected, naming the project', () => {
      const name = 'quality-mirror-sources-a-really-quite-long-project-name-for-tests';
      expect(name).toHaveLength(65);
      expectIdentityError(
        () => plan({ ...deploy, reach: Reach.projects(['gitlab-org/gitlab', longProject]) }),
        tooLong(name, 64, longProject, "'-a-really-quite-long-project-name-for-tests'"),
      );
    });

    test('raising maxNameLength, as the fix says, is accepted', () => {
      const p = plan({ ...deploy, reach: Reach.projects(['gitlab-org/gitlab', longProject]), policy: { maxNameLength: 65 } });
      expect(p.grants.map((g) => g.tokenName)).toEqual([
        'quality-mirror-sources-a-really-quite-long-project-name-for-tests',
        'quality-mirror-sources-gitlab',
      ]);
    });
  });
});

// ---- lifetime -------------------------------------------------------------------------------------------------

describe('lifetimeDays', () => {
  // GIVEN a lifetime that is not a whole number >= 1, or above the policy's or GitLab's cap WHEN planned
  // THEN the matching error says which cap applies; GitLab's 365 is checked before the policy's cap
  test.each([
    ['0', 0, '0'],
    ['-5', -5, '-5'],
    ['1.5', 1.5, '1.5'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['a string', '30', "'30'"],
    ['null', null, 'null'],
  ])('not a whole number of days >= 1: %s', (_what, lifetimeDays, shown) => {
    expectIdentityError(() => plan({ lifetimeDays }), {
      code: ErrorCode.INVALID_LIFETIME,
      field: 'lifetimeDays',
      parts: ['lifetimeDays', shown, '1', '30'],
    });
  });

  // The policy's cap is what is allowed, and raising it one of the fixes: maxLifetimeDays is named twice.
  test('above the default policy maximum of 90', () => {
    expectIdentityError(() => plan({ lifetimeDays: 120 }), {
      code: ErrorCode.LIFETIME_ABOVE_POLICY,
      field: 'lifetimeDays',
      parts: ['lifetimeDays', '120', '90', 'maxLifetimeDays', 'maxLifetimeDays'],
    });
  });

  test('above a custom policy maximum', () => {
    expectIdentityError(() => plan({ lifetimeDays: 31, policy: { maxLifetimeDays: 30 } }), {
      code: ErrorCode.LIFETIME_ABOVE_POLICY,
      field: 'lifetimeDays',
      parts: ['lifetimeDays', '31', '30', 'maxLifetimeDays', 'maxLifetimeDays'],
    });
  });

  test("above GitLab's 365 with a policy that allows 365", () => {
    expect(plan({ lifetimeDays: 365, policy: { maxLifetimeDays: 365 } }).lifetimeDays).toBe(365);
    expectIdentityError(() => plan({ lifetimeDays: 366, policy: { maxLifetimeDays: 365 } }), {
      code: ErrorCode.LIFETIME_ABOVE_GITLAB_MAX,
      field: 'lifetimeDays',
      // 365 is both GitLab's cap and the value to lower it to.
      parts: ['lifetimeDays', '366', 'GitLab', '365', '365'],
    });
  });

  test("400 with the default policy: GitLab's cap wins over the policy's 90, whose limit the fix names", () => {
    expectIdentityError(() => plan({ lifetimeDays: 400 }), {
      code: ErrorCode.LIFETIME_ABOVE_GITLAB_MAX,
      field: 'lifetimeDays',
      parts: ['lifetimeDays', '400', 'GitLab', '365', '90', 'maxLifetimeDays'],
    });
    expect(plan({ lifetimeDays: 90 }).lifetimeDays).toBe(90);
  });
});

// ---- rotation -------------------------------------------------------------------------------------------------

describe('rotateBeforeDays', () => {
  // GIVEN a rotate-before that is not a whole number >= 1, or not below the lifetime (given or defaulted)
  // WHEN planned THEN the error says where each value came from and offers only the fixes that work: a
  // smaller rotateBeforeDays, and a longer lifetime only when the policy's maxLifetimeDays allows it
  test.each([
    ['0', 0, '0'],
    ['-1', -1, '-1'],
    ['2.5', 2.5, '2.5'],
    ['a string', '14', "'14'"],
  ])('not a whole number of days >= 1: %s', (_what, rotateBeforeDays, shown) => {
    expectIdentityError(() => plan({ rotateBeforeDays }), {
      code: ErrorCode.INVALID_ROTATE_BEFORE,
      field: 'rotateBeforeDays',
      parts: ['rotateBeforeDays', shown, '1', '14'],
    });
  });

  // Parts of ROTATE_BEFORE_NOT_BELOW_LIFETIME: the field, the value received, the lifetime and where it came
  // from, where rotateBeforeDays came from when defaulted, the largest rotateBeforeDays that works, the
  // smallest lifetime that works and the policy maximum that allows it.
  const notBelow = (parts: string[], absent?: string[]): Expected => ({
    code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
    field: 'rotateBeforeDays',
    parts: ['rotateBeforeDays', ...parts],
    ...(absent ? { absent } : {}),
  });

  // The fix that changes both values is offered only when neither change alone works (below).
  test('equal to the lifetime', () => {
    expectIdentityError(
      () => plan({ lifetimeDays: 30, rotateBeforeDays: 30 }),
      notBelow(['30', '30', 'lifetimeDays', '29', '31', '90'], [BOTH_FIX]),
    );
  });

  test('above the lifetime given explicitly', () => {
    expectIdentityError(
      () => plan({ lifetimeDays: 30, rotateBeforeDays: 45 }),
      notBelow(['45', '30', 'lifetimeDays', '29', '46', '90']),
    );
  });

  // The longest lifetime the policy allows is still a fix: rotate 89 days before, live 90.
  test('one day below the policy maximum lifetime', () => {
    expectIdentityError(
      () => plan({ lifetimeDays: 30, rotateBeforeDays: 89 }),
      notBelow(['89', '30', 'lifetimeDays', '29', '90', '90']),
    );
  });

  // A lifetime of 101 days would exceed the policy's maxLifetimeDays of 90, so raising it is not offered.
  test('above the policy default lifetime', () => {
    expectIdentityError(
      () => plan({ rotateBeforeDays: 100 }),
      notBelow(['100', '90', 'defaultLifetimeDays', '89'], ['101']),
    );
  });

  test('lifetimeDays 7 leaves the policy default of 14 too high', () => {
    expectIdentityError(
      () => plan({ lifetimeDays: 7 }),
      notBelow(['14', 'defaultRotateBeforeDays', '7', 'lifetimeDays', '6', '15', '90']),
    );
    expect(plan({ lifetimeDays: 7, rotateBeforeDays: 6 }).rotateBeforeDays).toBe(6);
    expect(plan({ lifetimeDays: 15 }).rotateBeforeDays).toBe(14);
  });

  // No rotateBeforeDays below a lifetime of 1 exists: the only fix is a longer lifetime.
  test('lifetimeDays 1 leaves no room to rotate at all', () => {
    expectIdentityError(
      () => plan({ lifetimeDays: 1 }),
      notBelow(['14', 'defaultRotateBeforeDays', '1', 'lifetimeDays', '15', '90']),
    );
  });

  test('lifetimeDays 2 with the policy default of 14', () => {
    expectIdentityError(
      () => plan({ lifetimeDays: 2 }),
      notBelow(['14', 'defaultRotateBeforeDays', '2', 'lifetimeDays', '1', '15', '90']),
    );
    expect(plan({ lifetimeDays: 2, rotateBeforeDays: 1 }).rotateBeforeDays).toBe(1);
  });

  test('the lifetime is checked before rotate-before', () => {
    expectIdentityError(() => plan({ lifetimeDays: 0, rotateBeforeDays: 0 }), {
      code: ErrorCode.INVALID_LIFETIME,
      field: 'lifetimeDays',
      parts: ['lifetimeDays', '0', '1', '30'],
    });
  });
});

// ---- access level ---------------------------------------------------------------------------------------------

describe('accessLevel', () => {
  // GIVEN an explicit access level below the need, unknown, or on a kind without a role WHEN planned THEN
  // it throws; GIVEN one above the need THEN the plan carries a GLID-007 error finding instead
  test.each([
    ['guest for api:triage', [Capability.API_TRIAGE], 'guest', 'reporter', 'api:triage'],
    ['planner for api:read', [Capability.API_READ], 'planner', 'reporter', 'api:read'],
    ['reporter for api:write', [Capability.API_WRITE], 'reporter', 'developer', 'api:write'],
    ['developer for api:maintain', [Capability.API_MAINTAIN], 'developer', 'maintainer', 'api:maintain'],
    ['developer for api:read + tokens:manage', [Capability.API_READ, Capability.TOKENS_MANAGE], 'developer', 'maintainer', 'tokens:manage'],
  ])('too low: %s', (_what, capabilities, accessLevel, required, because) => {
    expectIdentityError(() => plan({ capabilities, accessLevel }), {
      code: ErrorCode.ACCESS_LEVEL_TOO_LOW,
      field: 'accessLevel',
      // The required level is what is allowed and the level to raise it to: listed twice.
      parts: ['accessLevel', `'${accessLevel}'`, `'${required}'`, `'${required}'`, because],
    });
  });

  test.each([
    ['a made-up level', 'admin', "'admin'"],
    ['a capitalised level', 'Developer', "'Developer'"],
    ["GitLab's numeric value", 30, '30'],
    ["a provider-only level GitLab rejects for tokens", 'no one', "'no one'"],
    ['null', null, 'null'],
  ])('unknown: %s', (_what, accessLevel, shown) => {
    expectIdentityError(() => plan({ accessLevel }), {
      code: ErrorCode.UNKNOWN_ACCESS_LEVEL,
      field: 'accessLevel',
      parts: ['accessLevel', shown, ...ALL_ACCESS_LEVELS, 'AccessLevel'],
    });
  });

  test.each([
    [
      'a CI job token',
      { runtime: Runtime.ciPipeline('gitlab-org/gitlab'), capabilities: [Capability.REPOSITORY_READ] },
      IdentityKind.CI_JOB_TOKEN,
    ],
    ['a pipeline trigger token', { capabilities: [Capability.PIPELINE_TRIGGER] }, IdentityKind.PIPELINE_TRIGGER_TOKEN],
    ['a project deploy token', { capabilities: [Capability.REPOSITORY_READ] }, IdentityKind.PROJECT_DEPLOY_TOKEN],
    [
      'a group deploy token',
      { capabilities: [Capability.CONTAINER_REGISTRY_READ], reach: Reach.group('gitlab-org', { projectCount: 3 }) },
      IdentityKind.GROUP_DEPLOY_TOKEN,
    ],
  ])('not applicable to %s', (_what, overrides, kind) => {
    expect(plan(overrides).kind).toBe(kind);
    expectIdentityError(() => plan({ ...overrides, accessLevel: AccessLevel.REPORTER }), {
      code: ErrorCode.ACCESS_LEVEL_NOT_APPLICABLE,
      field: 'accessLevel',
      // accessLevel is the field and what to remove: listed twice.
      parts: ['accessLevel', "'reporter'", kind, 'accessLevel'],
    });
  });

  test('equal to the need: no finding', () => {
    const p = plan({ accessLevel: AccessLevel.REPORTER });
    expect(p.accessLevel).toBe(AccessLevel.REPORTER);
    expect(p.findings).toEqual([]);
  });

  test('above the need does not throw but yields an over-privilege error finding (GLID-007)', () => {
    const p = plan({ accessLevel: AccessLevel.MAINTAINER });
    expect(p.accessLevel).toBe(AccessLevel.MAINTAINER);
    expect(p.requiredAccessLevel).toBe(AccessLevel.REPORTER);
    expect(p.findings).toEqual([{ ruleId: 'GLID-007', level: 'error', message: expect.any(String) }]);
    // The level set, the level needed and why; the fixes: remove accessLevel, or suppress GLID-007.
    expect(p.findings[0].message).toMatch(mentioningPattern('accessLevel', "'maintainer'", "'reporter'", 'api:triage', 'accessLevel', 'GLID-007'));
  });
});

// ---- bot user -------------------------------------------------------------------------------------------------

describe('botUserId', () => {
  // GIVEN no service accounts and a reach of several projects WHEN planned without botUserId THEN
  // BOT_USER_REQUIRED explains the fallback; GIVEN a botUserId that is not a positive whole number THEN
  // INVALID_BOT_USER_ID, whatever kind is chosen
  const fallback = {
    policy: { serviceAccountsAvailable: false },
    reach: Reach.projects(['gitlab-org/gitlab', 'gitlab-org/gitaly']),
  };
  // botUserId is the field and the first fix; the policy switch is the other.
  const BOT_USER_REQUIRED: Expected = {
    code: ErrorCode.BOT_USER_REQUIRED,
    field: 'botUserId',
    parts: ['botUserId', 'undefined', 'botUserId', 'serviceAccountsAvailable: true'],
  };

  test('required for the personal-access-token fallback', () => {
    expectIdentityError(() => plan(fallback), BOT_USER_REQUIRED);
  });

  test('required for tokens:manage without service accounts, even on one project', () => {
    expectIdentityError(
      () => plan({ policy: { serviceAccountsAvailable: false }, capabilities: [Capability.TOKENS_MANAGE] }),
      BOT_USER_REQUIRED,
    );
  });

  test('either fix the message offers is accepted', () => {
    expect(plan({ ...fallback, botUserId: 42 }).kind).toBe(IdentityKind.PERSONAL_ACCESS_TOKEN);
    expect(plan({ ...fallback, policy: { serviceAccountsAvailable: true } }).kind).toBe(IdentityKind.SERVICE_ACCOUNT);
  });

  const invalid: [string, unknown, string][] = [
    ['0', 0, '0'],
    ['-1', -1, '-1'],
    ['1.5', 1.5, '1.5'],
    ['a numeric string', '42', "'42'"],
    ['NaN', NaN, 'NaN'],
    ['an unsafe integer', 2 ** 53, '9007199254740992'],
    ['null', null, 'null'],
  ];
  const invalidBotUserId = (shown: string): Expected => ({
    code: ErrorCode.INVALID_BOT_USER_ID,
    field: 'botUserId',
    parts: ['botUserId', shown, 'GET /users?username=<name>'],
  });

  test.each(invalid)('invalid on the fallback: %s', (_what, botUserId, shown) => {
    expectIdentityError(() => plan({ ...fallback, botUserId }), invalidBotUserId(shown));
  });

  test.each(invalid)('invalid even where it would be unused: %s', (_what, botUserId, shown) => {
    expectIdentityError(() => plan({ botUserId }), invalidBotUserId(shown));
  });
});

// ---- policy ---------------------------------------------------------------------------------------------------

describe('policy', () => {
  // GIVEN a policy with an unknown option or a value out of range WHEN planned THEN INVALID_POLICY names
  // policy.<option>, the allowed range and a fix
  test.each([
    ['null', null, 'null'],
    ['a string', 'strict', "'strict'"],
    ['an array', [], '[]'],
  ])('not an object: %s', (_what, policy, shown) => {
    expectIdentityError(() => plan({ policy }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy',
      parts: ['policy', shown, 'options object', '{ maxLifetimeDays: 30 }'],
    });
  });

  // The fix (remove it or correct its spelling) names no value: the options are what is allowed.
  test.each([
    ['an option from another tool', { expiresInDays: 30 }, 'expiresInDays', '30'],
  ])('unknown option: %s', (_what, policy, key, shown) => {
    expectIdentityError(() => plan({ policy }), {
      code: ErrorCode.INVALID_POLICY,
      field: `policy.${key}`,
      parts: [`policy.${key}`, shown, ...POLICY_OPTIONS, 'Remove it', 'spelling'],
      absent: POLICY_OPTIONS.map((o) => `'${o}'`),
    });
  });

  // GIVEN an unknown option close to a real one WHEN planned THEN the fix suggests that option, and the
  // suggestion is accepted with the same value
  test.each([
    ['a dropped final letter', 'maxLifetimeDay', 30, '30', 'maxLifetimeDays'],
    ['a truncated name', 'maxLifetime', 30, '30', 'maxLifetimeDays'],
    ['the wrong case', 'MaxNameLength', 30, '30', 'maxNameLength'],
    ['a dropped inner letter', 'defaultLifetimDays', 30, '30', 'defaultLifetimeDays'],
    ['an extra plural s', 'serviceAccountGroups', 'gitlab-org', "'gitlab-org'", 'serviceAccountGroup'],
  ])('unknown option near a real one: %s', (_what, key, value, shown, suggestion) => {
    expectIdentityError(() => plan({ policy: { [key]: value } }), {
      code: ErrorCode.INVALID_POLICY,
      field: `policy.${key}`,
      parts: [`policy.${key}`, shown, ...POLICY_OPTIONS, `'${suggestion}'`],
    });
    expect(() => plan({ policy: { [suggestion]: value } })).not.toThrow();
  });

  // [what, policy, option, value shown, the allowed bounds and the fix]
  test.each([
    // 365 twice: the upper bound and GitLab's cap, the reason; 2 twice: the lower bound and the days rotation needs.
    ['maxLifetimeDays above 365', { maxLifetimeDays: 400 }, 'maxLifetimeDays', '400', ['2', '2', '365', '365']],
    ['maxLifetimeDays 1', { maxLifetimeDays: 1 }, 'maxLifetimeDays', '1', ['2', '2', '365', '365']],
    ['maxLifetimeDays 30.5', { maxLifetimeDays: 30.5 }, 'maxLifetimeDays', '30.5', ['2', '2', '365', '365']],
    [
      'defaultLifetimeDays above maxLifetimeDays',
      { maxLifetimeDays: 30, defaultLifetimeDays: 60 },
      'defaultLifetimeDays',
      '60',
      ['2', '30', 'maxLifetimeDays'],
    ],
    [
      'defaultRotateBeforeDays equal to defaultLifetimeDays',
      { defaultLifetimeDays: 30, defaultRotateBeforeDays: 30 },
      'defaultRotateBeforeDays',
      '30',
      ['1', '29', 'defaultLifetimeDays', '30'],
    ],
    [
      'defaultRotateBeforeDays above defaultLifetimeDays',
      { defaultLifetimeDays: 30, defaultRotateBeforeDays: 31 },
      'defaultRotateBeforeDays',
      '31',
      ['1', '29', 'defaultLifetimeDays', '30'],
    ],
    [
      'defaultRotateBeforeDays at or above the default lifetime of 90',
      { defaultRotateBeforeDays: 90 },
      'defaultRotateBeforeDays',
      '90',
      ['1', '89', 'defaultLifetimeDays', '90'],
    ],
    // 0 is the lower bound and the value to use: listed twice.
    // No upper bound: 'or more', never the largest safe integer.
    ['smallGroupMaxProjects -1', { smallGroupMaxProjects: -1 }, 'smallGroupMaxProjects', '-1', ['0', '0', 'or more']],
    // 255 twice: the upper bound and GitLab's limit, the reason.
    ['maxNameLength 4', { maxNameLength: 4 }, 'maxNameLength', '4', ['8', '255', '255']],
    ['maxNameLength 300', { maxNameLength: 300 }, 'maxNameLength', '300', ['8', '255', '255']],
  ])('out of range: %s', (_what, policy, key, shown, allowedAndFix) => {
    expectIdentityError(() => plan({ policy }), {
      code: ErrorCode.INVALID_POLICY,
      field: `policy.${key}`,
      parts: [`policy.${key}`, shown, ...allowedAndFix],
      absent: [String(Number.MAX_SAFE_INTEGER)],
    });
  });

  test('lowering maxLifetimeDays alone pulls the defaults down with it', () => {
    expect(plan({ policy: { maxLifetimeDays: 7 } })).toMatchObject({ lifetimeDays: 7, rotateBeforeDays: 6 });
  });

  // Allowed: '' or a prefix ending with '-'; the fix is a corrected prefix.
  const NAME_PREFIX_ALLOWED = ["''", "'-'"];

  test.each([
    ['Acme', "'Acme'", 'acme-'],
    ['acme', "'acme'", 'acme-'],
    ['Acme Corp', "'Acme Corp'", 'acme-corp-'],
    ['acme_', "'acme_'", 'acme-'],
    ['123', "'123'", 'acme-'],
  ])('namePrefix %j', (namePrefix, shown, suggestion) => {
    expectIdentityError(() => plan({ policy: { namePrefix } }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy.namePrefix',
      parts: ['policy.namePrefix', shown, ...NAME_PREFIX_ALLOWED, `'${suggestion}'`],
    });
    expect(plan({ policy: { namePrefix: suggestion } }).name).toBe(`${suggestion}quality-triage`);
  });

  test('a non-string namePrefix', () => {
    expectIdentityError(() => plan({ policy: { namePrefix: 5 } }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy.namePrefix',
      parts: ['policy.namePrefix', '5', ...NAME_PREFIX_ALLOWED, "'acme-'"],
    });
  });

  test.each([
    ['allowGroupAccessTokens', 'yes', "'yes'"],
    ['allowGroupAccessTokens', 0, '0'],
    ['serviceAccountsAvailable', 1, '1'],
    ['serviceAccountsAvailable', 'false', "'false'"],
    ['serviceAccountsAvailable', null, 'null'],
  ])('non-boolean %s: %j', (key, value, shown) => {
    expectIdentityError(() => plan({ policy: { [key]: value } }), {
      code: ErrorCode.INVALID_POLICY,
      field: `policy.${key}`,
      parts: [`policy.${key}`, shown, 'true', 'false', 'boolean'],
    });
  });

  // GIVEN any bad serviceAccountGroup (a subgroup, a URL, not a string) WHEN planned THEN INVALID_POLICY at
  // policy.serviceAccountGroup says it must be a top-level group; the fix names that group when one can be
  // read from the value (after the example 'gitlab-org', so counted twice), and the suggested group is accepted
  const serviceAccountGroup = (shown: string, fix: string): Expected => ({
    code: ErrorCode.INVALID_POLICY,
    field: 'policy.serviceAccountGroup',
    parts: ['policy.serviceAccountGroup', shown, 'top-level', "'gitlab-org'", fix],
  });

  test('serviceAccountGroup below the top level', () => {
    expectIdentityError(
      () => plan({ policy: { serviceAccountGroup: 'gitlab-org/quality' } }),
      serviceAccountGroup("'gitlab-org/quality'", "'gitlab-org'"),
    );
    expect(resolvePolicy({ serviceAccountGroup: 'gitlab-org' }).serviceAccountGroup).toBe('gitlab-org');
    expect(plan({ policy: { serviceAccountGroup: 'gitlab-org' } }).kind).toBe(IdentityKind.PROJECT_ACCESS_TOKEN);
  });

  // Without a group to suggest, the fix points at where the path is read: the group's URL.
  test.each([
    ['a URL of a top-level group', 'https://gitlab.com/gitlab-org', "'https://gitlab.com/gitlab-org'", 'gitlab-org'],
    [
      'a URL of a subgroup (the suggestion is its top-level group)',
      'https://gitlab.com/gitlab-org/quality',
      "'https://gitlab.com/gitlab-org/quality'",
      'gitlab-org',
    ],
    ['a number', 5, '5', undefined],
    ['null', null, 'null', undefined],
  ])('serviceAccountGroup as %s', (_what, value, shown, suggestion) => {
    expectIdentityError(
      () => plan({ policy: { serviceAccountGroup: value } }),
      serviceAccountGroup(shown, suggestion ? `'${suggestion}'` : 'URL'),
    );
    if (suggestion) expect(resolvePolicy({ serviceAccountGroup: suggestion }).serviceAccountGroup).toBe(suggestion);
  });

  test.each([
    ['no @', 'platform-alerts', "'platform-alerts'"],
    ['a space', 'platform alerts@example.com', "'platform alerts@example.com'"],
    ['no dot in the domain', 'alerts@localhost', "'alerts@localhost'"],
    ['a number', 42, '42'],
  ])('contactEmail with %s', (_what, contactEmail, shown) => {
    expectIdentityError(() => plan({ policy: { contactEmail } }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy.contactEmail',
      parts: ['policy.contactEmail', shown, 'email address', "'platform-alerts@example.com'"],
    });
  });

  test('an option set to undefined is the default, not an error', () => {
    expect(plan({ policy: { maxLifetimeDays: undefined } }).lifetimeDays).toBe(90);
  });
});

// ---- the request's optional fields ----------------------------------------------------------------------------

describe('overlap, serviceAccountGroup and serviceAccountUsername on the request', () => {
  // GIVEN an optional field of the request with a bad value WHEN planned THEN the error names that field of the
  // request (for serviceAccountGroup, not the policy's option of the same name), whatever kind is chosen
  test.each([
    ['a string', 'yes', "'yes'"],
    ['a number', 1, '1'],
  ])('overlap as %s', (_what, overlap, shown) => {
    expectIdentityError(() => plan({ overlap }), {
      code: ErrorCode.INVALID_TYPE,
      field: 'overlap',
      parts: ['overlap', shown, 'true or false', 'overlap: true'],
    });
  });

  test('serviceAccountGroup below the top level, on an identity that gets a project token', () => {
    expectIdentityError(() => plan({ serviceAccountGroup: 'gitlab-org/quality' }), {
      code: ErrorCode.INVALID_PATH,
      field: 'serviceAccountGroup',
      // 'gitlab-org' twice: the example of a top-level group and the fix read from the value.
      parts: ['serviceAccountGroup', "'gitlab-org/quality'", 'top-level', "'gitlab-org'", "'gitlab-org'"],
    });
  });

  test('serviceAccountUsername that GitLab would refuse, on an identity that gets a project token', () => {
    expectIdentityError(() => plan({ serviceAccountUsername: 'Release Bot' }), {
      code: ErrorCode.INVALID_USERNAME,
      field: 'serviceAccountUsername',
      // What is allowed (2 to 255 characters) and the fix: the name made valid.
      parts: ['serviceAccountUsername', "'Release Bot'", '2 to 255', "'release-bot'"],
    });
  });

  test('a valid serviceAccountUsername names the service account', () => {
    const p = plan({ reach: Reach.projects(['gitlab-org/gitlab', 'gitlab-org/gitaly']), serviceAccountUsername: 'gitlab-org-release-bot' });
    expect(p.kind).toBe(IdentityKind.SERVICE_ACCOUNT);
    expect(p.serviceAccountUsername).toBe('gitlab-org-release-bot');
  });
});

// ---- order of checks ------------------------------------------------------------------------------------------

describe('order of checks', () => {
  // GIVEN a request with several faults WHEN planned THEN the first in field order is reported: the request
  // object, owner, purpose, runtime, reach, capabilities, policy, accessLevel, botUserId, lifetime, rotation
  test.each([
    ['owner before capabilities', { owner: '', capabilities: [] }, ErrorCode.INVALID_NAME_PART, 'owner'],
    ['runtime before reach', { runtime: {}, reach: {} }, ErrorCode.INVALID_TYPE, 'runtime'],
    ['capabilities before policy', { capabilities: ['x'], policy: null }, ErrorCode.UNKNOWN_CAPABILITY, 'capabilities[0]'],
    ['policy before accessLevel', { policy: null, accessLevel: 'admin' }, ErrorCode.INVALID_POLICY, 'policy'],
    ['accessLevel before botUserId', { accessLevel: 'admin', botUserId: 0 }, ErrorCode.UNKNOWN_ACCESS_LEVEL, 'accessLevel'],
    ['botUserId before lifetime', { botUserId: 0, lifetimeDays: 0 }, ErrorCode.INVALID_BOT_USER_ID, 'botUserId'],
  ])('%s', (_what, overrides, code, field) => {
    const e = thrownBy(() => plan(overrides)) as IdentityError;
    expect(e).toBeInstanceOf(IdentityError);
    expect({ code: e.code, field: e.field }).toEqual({ code, field });
  });
});

describe('rotate-before when no single change fixes it', () => {
  // GIVEN a policy capping lifetime at 2 days WHEN lifetime 1 and rotate-before 2 THEN both must change:
  // the fix names lifetimeDays (also the lifetime's source) and rotateBeforeDays (also the field), each twice
  test('lifetime 1, rotate-before 2, policy maximum 2', () => {
    expectIdentityError(() => plan({ policy: { maxLifetimeDays: 2 }, lifetimeDays: 1, rotateBeforeDays: 2 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      parts: ['rotateBeforeDays', '2', '1', 'lifetimeDays', 'lifetimeDays', 'rotateBeforeDays', '2', BOTH_FIX],
    });
  });
});
