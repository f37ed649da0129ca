/**
 * The error catalogue, end to end: every bad input to `planIdentity`, `Reach.*` and `Runtime.*` raises an
 * IdentityError (never a TypeError) whose `code`, `field` and whole `message` are pinned here. Each message
 * names the field, shows the value received, says what is allowed and how to fix it (lib/core/errors.ts).
 *
 * Repeated fragments (the capability list, the path rules) are spelled out once as constants below, so a
 * table row stays readable while still asserting the full text.
 */
import {
  AccessLevel,
  Capability,
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

// ---- helpers -----------------------------------------------------------------------------------------------

interface Expected {
  readonly code: ErrorCode;
  readonly field: string;
  readonly message: string;
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

/** Asserts `fn` throws exactly this IdentityError: type, code, field and the whole message. */
function expectIdentityError(fn: () => unknown, expected: Expected): void {
  const e = thrownBy(fn);
  expect(e).not.toBeInstanceOf(TypeError);
  expect(e).toBeInstanceOf(IdentityError);
  expect(isIdentityError(e)).toBe(true);
  const err = e as IdentityError;
  expect(err.name).toBe('IdentityError');
  expect({ code: err.code, field: err.field, message: err.message }).toEqual(expected);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

const CAPABILITY_LIST =
  'repository:read, repository:write, container-registry:read, container-registry:write, package-registry:read, ' +
  'package-registry:write, job-artifacts:read, releases:write, deployments:write, pipeline:trigger, api:read, ' +
  'api:triage, api:write, api:maintain, tokens:manage';
const PROJECT_PATH = "must be a GitLab project full path such as 'gitlab-org/quality/triage-ops'";
const GROUP_PATH = "must be a GitLab group full path such as 'gitlab-org' or 'gitlab-org/quality'";
const PATH_RULES =
  "Segments hold letters, digits, '_', '-' and '.', are separated by '/', and must not end in '.', '.git' or '.atom'.";
const NAME_RULE =
  "must be lowercase letters, digits and single hyphens ('a-z0-9-'), start with a letter and not end with a hyphen";
const PROJECT_COUNT_RULE =
  'must be a whole number of at least 1 (how many projects the group holds, subgroups included)';
const PROJECT_COUNT_FIX = "Count the group's projects, for example Reach.group('gitlab-org', { projectCount: 350 }).";
const POLICY_OPTIONS =
  'maxLifetimeDays, defaultLifetimeDays, defaultRotateBeforeDays, smallGroupMaxProjects, allowGroupAccessTokens, ' +
  'serviceAccountsAvailable, namePrefix, maxNameLength, serviceAccountGroup, contactEmail, defaultOverlap, platform';
const BOT_USER_ID_FIX = "Look the id up on the bot user's profile page or with GET /users?username=<name>.";

// ---- the helper itself --------------------------------------------------------------------------------------

describe('assertion style', () => {
  // GIVEN a bad request WHEN it is planned THEN toThrow with an anchored RegExp matches the whole message
  test('the whole message, anchored, matches with toThrow', () => {
    const message =
      '`capabilities` must be an array of Capability values, got \'api:read\'. Use for example [Capability.API_READ].';
    expect(() => plan({ capabilities: 'api:read' })).toThrow(new RegExp('^' + escapeRegExp(message) + '$'));
    expect(() => plan({ capabilities: 'api:read' })).toThrow(IdentityError);
  });

  test('a valid request does not throw', () => {
    expect(plan({}).kind).toBe(IdentityKind.PROJECT_ACCESS_TOKEN);
  });
});

// ---- request shape ------------------------------------------------------------------------------------------

describe('request shape', () => {
  // GIVEN a request that is not an object, lacks a field, or holds a plain object where a Runtime or Reach
  // instance belongs WHEN planned THEN INVALID_TYPE or MISSING_FIELD names the field and shows how to build it
  const REQUEST_FIX =
    "Pass for example { owner: 'quality', purpose: 'triage', runtime: Runtime.external(), " +
    "reach: Reach.project('group/project'), capabilities: [Capability.API_TRIAGE] }.";

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
      message: `\`request\` must be an object with owner, purpose, runtime, reach and capabilities, got ${shown}. ${REQUEST_FIX}`,
    });
  });

  test.each([
    ['owner', "`owner` is required (the owning team), got undefined. Set it, for example owner: 'quality'."],
    [
      'purpose',
      "`purpose` is required (what the automation does), got undefined. Set it, for example purpose: 'triage-reminders'.",
    ],
    ['runtime', '`runtime` is required (where it runs), got undefined. Set it, for example runtime: Runtime.external().'],
    [
      'reach',
      "`reach` is required (what it touches), got undefined. Set it, for example reach: Reach.project('group/project').",
    ],
  ] as const)('missing %s', (field, message) => {
    expectIdentityError(() => planWithout(field), { code: ErrorCode.MISSING_FIELD, field, message });
  });

  const RUNTIME_FIX = "Create it with Runtime.ciPipeline('group/project') or Runtime.external().";
  const REACH_FIX =
    "Create it with Reach.project('group/project'), Reach.projects([...]) or Reach.group('group', { projectCount: 5 }).";

  test.each([
    ['a plain object', { type: 'external' }, 'an object {"type":"external"}'],
    ['a plain object like a CI runtime', { type: 'ci-pipeline', sourceProject: 'a/b' }, 'an object {"type":"ci-pipeline","sourceProject":"a/b"}'],
    ['a string', 'external', "'external'"],
    ['null', null, 'null'],
  ])('runtime as %s', (_what, runtime, shown) => {
    expectIdentityError(() => plan({ runtime }), {
      code: ErrorCode.INVALID_TYPE,
      field: 'runtime',
      message: `\`runtime\` must be a Runtime, got ${shown}. ${RUNTIME_FIX}`,
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
      message: `\`reach\` must be a Reach, got ${shown}. ${REACH_FIX}`,
    });
  });
});

// ---- capabilities -------------------------------------------------------------------------------------------

describe('capabilities', () => {
  // GIVEN no, unknown or mistyped capabilities, or a list with a hole WHEN planned THEN the error lists the
  // allowed values and, for a near miss, suggests the intended one
  const noCapabilities = (shown: string) =>
    `\`capabilities\` must list at least one capability, got ${shown}. Allowed: ${CAPABILITY_LIST}. ` +
    'Declare what the automation does, for example [Capability.API_READ].';

  test('an empty list', () => {
    expectIdentityError(() => plan({ capabilities: [] }), {
      code: ErrorCode.NO_CAPABILITIES,
      field: 'capabilities',
      message: noCapabilities('[]'),
    });
  });

  test('capabilities missing entirely (NO_CAPABILITIES, "got undefined")', () => {
    expectIdentityError(() => planWithout('capabilities'), {
      code: ErrorCode.NO_CAPABILITIES,
      field: 'capabilities',
      message: noCapabilities('undefined'),
    });
  });

  test.each([
    ['a string', 'api:read', "'api:read'"],
    ['null', null, 'null'],
    ['an object', { 0: 'api:read' }, 'an object {"0":"api:read"}'],
  ])('capabilities as %s', (_what, capabilities, shown) => {
    expectIdentityError(() => plan({ capabilities }), {
      code: ErrorCode.INVALID_TYPE,
      field: 'capabilities',
      message: `\`capabilities\` must be an array of Capability values, got ${shown}. Use for example [Capability.API_READ].`,
    });
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
    expectIdentityError(() => plan({ capabilities }), {
      code: ErrorCode.UNKNOWN_CAPABILITY,
      field,
      message:
        `\`${field}\` must be one of ${CAPABILITY_LIST}, got ${shown}. ` +
        `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Use a member of the Capability enum.`,
    });
  });

  test('a suggested capability is accepted', () => {
    expect(plan({ capabilities: ['api:read'] }).capabilities).toEqual([Capability.API_READ]);
  });

  // GIVEN a sparse list (`new Array(1)`) WHEN planned THEN the hole is checked like any entry: an
  // IdentityError for capabilities[0], not a TypeError from deeper in planIdentity
  test('a hole in the list raises UNKNOWN_CAPABILITY, not a TypeError', () => {
    expectIdentityError(() => plan({ capabilities: new Array(1) }), {
      code: ErrorCode.UNKNOWN_CAPABILITY,
      field: 'capabilities[0]',
      message: `\`capabilities[0]\` must be one of ${CAPABILITY_LIST}, got undefined. Use a member of the Capability enum.`,
    });
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
      message:
        '`reach.projects` must name at least one project, got []. List the projects the automation touches, ' +
        "for example Reach.projects(['gitlab-org/gitlab', 'gitlab-org/gitaly']).",
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
      message: `\`reach.projects\` must be an array of project paths, got ${shown}. Use Reach.projects(['group/project-a', 'group/project-b']).`,
    });
  });

  test.each([
    ['an exact duplicate', ['a/b', 'c/d', 'a/b'], 'reach.projects[2]', "'a/b'", 0],
    ['a case-insensitive duplicate', ['A/b', 'a/b'], 'reach.projects[1]', "'a/b'", 0],
    ['a duplicate of a later entry', ['x/y', 'Gitlab-Org/GitLab', 'gitlab-org/gitlab'], 'reach.projects[2]', "'gitlab-org/gitlab'", 1],
  ])('%s', (_what, paths, field, shown, firstIndex) => {
    expectIdentityError(() => Reach.projects(paths), {
      code: ErrorCode.DUPLICATE_PROJECT,
      field,
      message:
        `\`${field}\` repeats the project at index ${firstIndex} (paths compare case-insensitively), got ${shown}. ` +
        'Remove the duplicate entry.',
    });
  });

  // A hole is checked like any entry, not skipped: no Reach with zero projects.
  test('holes in the list raise INVALID_PATH', () => {
    expectIdentityError(() => Reach.projects(new Array<string>(2)), {
      code: ErrorCode.INVALID_PATH,
      field: 'reach.projects[0]',
      message: `\`reach.projects[0]\` ${PROJECT_PATH} (it must be a string), got undefined. ${PATH_RULES}`,
    });
  });
});

// ---- paths --------------------------------------------------------------------------------------------------

describe('malformed project paths', () => {
  // GIVEN a malformed project path WHEN passed to Reach.project, Reach.projects or Runtime.ciPipeline THEN
  // INVALID_PATH names the field, the reason and either a corrected path or the path rules
  const factories: [string, string, (p: unknown) => unknown][] = [
    ['Reach.project', 'reach.project', (p) => looseReach.project(p)],
    ['Reach.projects', 'reach.projects[1]', (p) => looseReach.projects(['gitlab-org/gitaly', p])],
    ['Runtime.ciPipeline', 'runtime.sourceProject', (p) => looseRuntime.ciPipeline(p)],
  ];
  const cases: [string, unknown, string, string, string | undefined][] = [
    ['a URL', 'https://gitlab.com/gitlab-org/gitlab', "'https://gitlab.com/gitlab-org/gitlab'", 'it is a URL, not a path', 'gitlab-org/gitlab'],
    ['a URL to a merge request', 'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1', "'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1'", 'it is a URL, not a path', 'gitlab-org/gitlab'],
    ['a leading slash', '/gitlab-org/gitlab', "'/gitlab-org/gitlab'", "it starts or ends with '/'", 'gitlab-org/gitlab'],
    ['a trailing slash', 'gitlab-org/gitlab/', "'gitlab-org/gitlab/'", "it starts or ends with '/'", 'gitlab-org/gitlab'],
    ['a double slash', 'gitlab-org//gitlab', "'gitlab-org//gitlab'", "it contains an empty segment ('//')", 'gitlab-org/gitlab'],
    ['no namespace', 'gitlab', "'gitlab'", 'a project path needs its namespace, as in namespace/project', undefined],
    ['an empty string', '', "''", 'it is empty', undefined],
    ['only white space', '   ', "'   '", 'it contains white space', undefined],
    ['a trailing space', 'gitlab-org/gitlab ', "'gitlab-org/gitlab '", 'it contains white space', 'gitlab-org/gitlab'],
    ['a last segment ending in .git', 'gitlab-org/gitlab.git', "'gitlab-org/gitlab.git'", "segment 'gitlab.git' ends in '.', '.git' or '.atom'", 'gitlab-org/gitlab'],
    ['an inner segment ending in .git', 'gitlab-org.git/gitlab', "'gitlab-org.git/gitlab'", "segment 'gitlab-org.git' ends in '.', '.git' or '.atom'", undefined],
    ['a segment starting with -', '-org/gitlab', "'-org/gitlab'", "segment '-org' has a character outside letters, digits, '_', '-', '.' or starts with '-'", undefined],
    ['a number', 42, '42', 'it must be a string', undefined],
    ['undefined', undefined, 'undefined', 'it must be a string', undefined],
  ];
  const table = factories.flatMap(([name, field, make]) =>
    cases.map(([what, value, shown, reason, suggestion]) => ({ name, field, make, what, value, shown, reason, suggestion })),
  );

  test.each(table)('$name: $what', ({ field, make, value, shown, reason, suggestion }) => {
    expectIdentityError(() => make(value), {
      code: ErrorCode.INVALID_PATH,
      field,
      message: `\`${field}\` ${PROJECT_PATH} (${reason}), got ${shown}. ${suggestion ? `Use '${suggestion}'.` : PATH_RULES}`,
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
  // segment is a valid group, unlike a project
  test.each([
    ['a URL', 'https://gitlab.com/gitlab-org', "'https://gitlab.com/gitlab-org'", 'it is a URL, not a path', 'gitlab-org'],
    ['leading and trailing slashes', '/gitlab-org/', "'/gitlab-org/'", "it starts or ends with '/'", 'gitlab-org'],
    ['a trailing slash on a subgroup', 'gitlab-org/quality/', "'gitlab-org/quality/'", "it starts or ends with '/'", 'gitlab-org/quality'],
    ['an empty string', '', "''", 'it is empty', undefined],
    ['white space', 'gitlab org', "'gitlab org'", 'it contains white space', undefined],
    ['a segment ending in .git', 'gitlab-org.git', "'gitlab-org.git'", "segment 'gitlab-org.git' ends in '.', '.git' or '.atom'", 'gitlab-org'],
    ['a segment ending in .', 'gitlab-org.', "'gitlab-org.'", "segment 'gitlab-org.' ends in '.', '.git' or '.atom'", undefined],
    ['null', null, 'null', 'it must be a string', undefined],
    ['a number', 7, '7', 'it must be a string', undefined],
  ])('%s', (_what, value, shown, reason, suggestion) => {
    expectIdentityError(() => looseReach.group(value, { projectCount: 5 }), {
      code: ErrorCode.INVALID_PATH,
      field: 'reach.group',
      message: `\`reach.group\` ${GROUP_PATH} (${reason}), got ${shown}. ${suggestion ? `Use '${suggestion}'.` : PATH_RULES}`,
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
      message: `\`reach.projectCount\` ${PROJECT_COUNT_RULE}, got ${shown}. ${PROJECT_COUNT_FIX}`,
    });
  });

  test('the path is checked before the count', () => {
    expectIdentityError(() => looseReach.group('', undefined), {
      code: ErrorCode.INVALID_PATH,
      field: 'reach.group',
      message: `\`reach.group\` ${GROUP_PATH} (it is empty), got ''. ${PATH_RULES}`,
    });
  });
});

// ---- owner and purpose ----------------------------------------------------------------------------------------

describe('owner and purpose', () => {
  // GIVEN an owner or purpose that breaks the naming rule WHEN planned THEN INVALID_NAME_PART suggests the
  // corrected value (or a generic one when nothing can be salvaged), and the suggestion is accepted
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
      message: `\`owner\` ${NAME_RULE}, got ${shown}. Use '${suggestion}'.`,
    });
    expect(plan({ owner: suggestion }).owner).toBe(suggestion);
  });

  test.each(cases)('purpose: %s', (_what, purpose, shown, _ownerSuggestion, suggestion) => {
    expectIdentityError(() => plan({ purpose }), {
      code: ErrorCode.INVALID_NAME_PART,
      field: 'purpose',
      message: `\`purpose\` ${NAME_RULE}, got ${shown}. Use '${suggestion}'.`,
    });
    expect(plan({ purpose: suggestion }).purpose).toBe(suggestion);
  });

  test('owner is checked before purpose', () => {
    expectIdentityError(() => plan({ owner: 'Quality Team', purpose: 'Triage Reminders' }), {
      code: ErrorCode.INVALID_NAME_PART,
      field: 'owner',
      message: `\`owner\` ${NAME_RULE}, got 'Quality Team'. Use 'quality-team'.`,
    });
  });
});

// ---- name length ----------------------------------------------------------------------------------------------

describe('name length', () => {
  // GIVEN owner and purpose (plus prefix and per-project suffix) longer than the policy's maxNameLength
  // WHEN planned THEN NAME_TOO_LONG (field `name`) shows the limit, the actual length and the full name, and
  // names every part that can be shortened
  const tooLong = (name: string, max: number): Expected => ({
    code: ErrorCode.NAME_TOO_LONG,
    field: 'name',
    message:
      `\`name\` must be at most ${max} characters (policy maxNameLength), is ${name.length}, got '${name}'. ` +
      'Shorten owner or purpose, or raise maxNameLength in the policy.',
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
    expectIdentityError(
      () => plan({ owner: 'a'.repeat(30), purpose: 'b'.repeat(28), policy: { namePrefix: 'acme-corp-' } }),
      {
        code: ErrorCode.NAME_TOO_LONG,
        field: 'name',
        message:
          `\`name\` must be at most 64 characters (policy maxNameLength), is 69, got '${name}'. ` +
          "Shorten owner or purpose or the policy namePrefix 'acme-corp-', or raise maxNameLength in the policy.",
      },
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
      expectIdentityError(() => plan({ ...deploy, reach: Reach.projects(['gitlab-org/gitlab', longProject]) }), {
        code: ErrorCode.NAME_TOO_LONG,
        field: 'name',
        message:
          `\`name\` of the token for ${longProject} must be at most 64 characters (policy maxNameLength), is 65, ` +
          "got 'quality-mirror-sources-a-really-quite-long-project-name-for-tests'. Shorten owner or purpose " +
          "(the suffix '-a-really-quite-long-project-name-for-tests' names the project: the identity has one token " +
          'per project), or raise maxNameLength in the policy.',
      });
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
      message: `\`lifetimeDays\` must be a whole number of days, at least 1, got ${shown}. Use for example 30.`,
    });
  });

  test('above the default policy maximum of 90', () => {
    expectIdentityError(() => plan({ lifetimeDays: 120 }), {
      code: ErrorCode.LIFETIME_ABOVE_POLICY,
      field: 'lifetimeDays',
      message: '`lifetimeDays` must be at most 90 (policy maxLifetimeDays), got 120. Lower it, or raise maxLifetimeDays in the policy.',
    });
  });

  test('above a custom policy maximum', () => {
    expectIdentityError(() => plan({ lifetimeDays: 31, policy: { maxLifetimeDays: 30 } }), {
      code: ErrorCode.LIFETIME_ABOVE_POLICY,
      field: 'lifetimeDays',
      message: '`lifetimeDays` must be at most 30 (policy maxLifetimeDays), got 31. Lower it, or raise maxLifetimeDays in the policy.',
    });
  });

  test("above GitLab's 365 with a policy that allows 365", () => {
    expect(plan({ lifetimeDays: 365, policy: { maxLifetimeDays: 365 } }).lifetimeDays).toBe(365);
    expectIdentityError(() => plan({ lifetimeDays: 366, policy: { maxLifetimeDays: 365 } }), {
      code: ErrorCode.LIFETIME_ABOVE_GITLAB_MAX,
      field: 'lifetimeDays',
      message: "`lifetimeDays` must be at most 365 (GitLab's maximum token lifetime), got 366. Lower it to 365 or less.",
    });
  });

  test("400 with the default policy: GitLab's cap wins over the policy's 90, whose limit the fix names", () => {
    expectIdentityError(() => plan({ lifetimeDays: 400 }), {
      code: ErrorCode.LIFETIME_ABOVE_GITLAB_MAX,
      field: 'lifetimeDays',
      message:
        "`lifetimeDays` must be at most 365 (GitLab's maximum token lifetime), got 400. " +
        'Lower it to 90 or less (policy maxLifetimeDays).',
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
      message:
        `\`rotateBeforeDays\` must be a whole number of days, at least 1, got ${shown}. ` +
        'Use for example 14: the token is replaced that many days before it expires.',
    });
  });

  test('equal to the lifetime', () => {
    expectIdentityError(() => plan({ lifetimeDays: 30, rotateBeforeDays: 30 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 30 days (from lifetimeDays), got 30. ' +
        'Set rotateBeforeDays to a value from 1 to 29, or raise lifetimeDays to at least 31 (policy maxLifetimeDays: 90).',
    });
  });

  test('above the lifetime given explicitly', () => {
    expectIdentityError(() => plan({ lifetimeDays: 30, rotateBeforeDays: 45 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 30 days (from lifetimeDays), got 45. ' +
        'Set rotateBeforeDays to a value from 1 to 29, or raise lifetimeDays to at least 46 (policy maxLifetimeDays: 90).',
    });
  });

  // The longest lifetime the policy allows is still a fix: rotate 89 days before, live 90.
  test('one day below the policy maximum lifetime', () => {
    expectIdentityError(() => plan({ lifetimeDays: 30, rotateBeforeDays: 89 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 30 days (from lifetimeDays), got 89. ' +
        'Set rotateBeforeDays to a value from 1 to 29, or raise lifetimeDays to at least 90 (policy maxLifetimeDays: 90).',
    });
  });

  // A lifetime of 101 days would exceed the policy's maxLifetimeDays of 90, so raising it is not offered.
  test('above the policy default lifetime', () => {
    expectIdentityError(() => plan({ rotateBeforeDays: 100 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 90 days (from policy defaultLifetimeDays), got 100. ' +
        'Set rotateBeforeDays to a value from 1 to 89.',
    });
  });

  test('lifetimeDays 7 leaves the policy default of 14 too high', () => {
    expectIdentityError(() => plan({ lifetimeDays: 7 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 7 days (from lifetimeDays); the value comes from ' +
        'policy defaultRotateBeforeDays, got 14. Set rotateBeforeDays to a value from 1 to 6, ' +
        'or raise lifetimeDays to at least 15 (policy maxLifetimeDays: 90).',
    });
    expect(plan({ lifetimeDays: 7, rotateBeforeDays: 6 }).rotateBeforeDays).toBe(6);
    expect(plan({ lifetimeDays: 15 }).rotateBeforeDays).toBe(14);
  });

  test('lifetimeDays 1 leaves no room to rotate at all', () => {
    expectIdentityError(() => plan({ lifetimeDays: 1 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 1 day (from lifetimeDays); the value comes from ' +
        'policy defaultRotateBeforeDays, got 14. Raise lifetimeDays to at least 15 (policy maxLifetimeDays: 90).',
    });
  });

  test('lifetimeDays 2 with the policy default of 14', () => {
    expectIdentityError(() => plan({ lifetimeDays: 2 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 2 days (from lifetimeDays); the value comes from ' +
        'policy defaultRotateBeforeDays, got 14. Set rotateBeforeDays to 1, ' +
        'or raise lifetimeDays to at least 15 (policy maxLifetimeDays: 90).',
    });
    expect(plan({ lifetimeDays: 2, rotateBeforeDays: 1 }).rotateBeforeDays).toBe(1);
  });

  test('the lifetime is checked before rotate-before', () => {
    expectIdentityError(() => plan({ lifetimeDays: 0, rotateBeforeDays: 0 }), {
      code: ErrorCode.INVALID_LIFETIME,
      field: 'lifetimeDays',
      message: '`lifetimeDays` must be a whole number of days, at least 1, got 0. Use for example 30.',
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
      message:
        `\`accessLevel\` must be at least '${required}' for the declared capabilities (${because} needs ${required}), ` +
        `got '${accessLevel}'. Raise it to '${required}', or remove it to get exactly '${required}'.`,
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
      message: `\`accessLevel\` must be one of guest, planner, reporter, developer, maintainer, owner, got ${shown}. Use a member of the AccessLevel enum.`,
    });
  });

  test.each([
    [
      'a CI job token',
      { runtime: Runtime.ciPipeline('gitlab-org/gitlab'), capabilities: [Capability.REPOSITORY_READ] },
      IdentityKind.CI_JOB_TOKEN,
      'a job token acts with the role of the user who runs the pipeline',
    ],
    [
      'a pipeline trigger token',
      { capabilities: [Capability.PIPELINE_TRIGGER] },
      IdentityKind.PIPELINE_TRIGGER_TOKEN,
      "triggered pipelines run as the trigger's owner",
    ],
    [
      'a project deploy token',
      { capabilities: [Capability.REPOSITORY_READ] },
      IdentityKind.PROJECT_DEPLOY_TOKEN,
      'deploy tokens carry scopes only',
    ],
    [
      'a group deploy token',
      { capabilities: [Capability.CONTAINER_REGISTRY_READ], reach: Reach.group('gitlab-org', { projectCount: 3 }) },
      IdentityKind.GROUP_DEPLOY_TOKEN,
      'deploy tokens carry scopes only',
    ],
  ])('not applicable to %s', (_what, overrides, kind, why) => {
    expect(plan(overrides).kind).toBe(kind);
    expectIdentityError(() => plan({ ...overrides, accessLevel: AccessLevel.REPORTER }), {
      code: ErrorCode.ACCESS_LEVEL_NOT_APPLICABLE,
      field: 'accessLevel',
      message:
        `\`accessLevel\` cannot be applied: the chosen identity is a ${kind}, which has no role of its own (${why}), ` +
        "got 'reporter'. Remove accessLevel.",
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
    expect(p.findings).toEqual([
      {
        ruleId: 'GLID-007',
        level: 'error',
        message:
          "accessLevel 'maintainer' is above the 'reporter' the capabilities need (api:triage needs reporter). " +
          'Remove accessLevel, or suppress GLID-007 with a reason.',
      },
    ]);
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

  test('required for the personal-access-token fallback', () => {
    expectIdentityError(() => plan(fallback), {
      code: ErrorCode.BOT_USER_REQUIRED,
      field: 'botUserId',
      message:
        '`botUserId` is required because the plan falls back to a personal access token of a bot user ' +
        '(the policy says service accounts are not available), got undefined. Set botUserId to the numeric id of ' +
        'an existing bot user, or set serviceAccountsAvailable: true in the policy if your GitLab offers service accounts.',
    });
  });

  test('required for tokens:manage without service accounts, even on one project', () => {
    expectIdentityError(() => plan({ policy: { serviceAccountsAvailable: false }, capabilities: [Capability.TOKENS_MANAGE] }), {
      code: ErrorCode.BOT_USER_REQUIRED,
      field: 'botUserId',
      message:
        '`botUserId` is required because the plan falls back to a personal access token of a bot user ' +
        '(the policy says service accounts are not available), got undefined. Set botUserId to the numeric id of ' +
        'an existing bot user, or set serviceAccountsAvailable: true in the policy if your GitLab offers service accounts.',
    });
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

  test.each(invalid)('invalid on the fallback: %s', (_what, botUserId, shown) => {
    expectIdentityError(() => plan({ ...fallback, botUserId }), {
      code: ErrorCode.INVALID_BOT_USER_ID,
      field: 'botUserId',
      message: `\`botUserId\` must be the positive whole-number id of an existing GitLab user, got ${shown}. ${BOT_USER_ID_FIX}`,
    });
  });

  test.each(invalid)('invalid even where it would be unused: %s', (_what, botUserId, shown) => {
    expectIdentityError(() => plan({ botUserId }), {
      code: ErrorCode.INVALID_BOT_USER_ID,
      field: 'botUserId',
      message: `\`botUserId\` must be the positive whole-number id of an existing GitLab user, got ${shown}. ${BOT_USER_ID_FIX}`,
    });
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
      message: `\`policy\` must be an options object, got ${shown}. Pass for example { maxLifetimeDays: 30 }.`,
    });
  });

  test.each([
    ['an option from another tool', { expiresInDays: 30 }, 'expiresInDays', '30'],
  ])('unknown option: %s', (_what, policy, key, shown) => {
    expectIdentityError(() => plan({ policy }), {
      code: ErrorCode.INVALID_POLICY,
      field: `policy.${key}`,
      message: `\`policy.${key}\` is not a policy option (options: ${POLICY_OPTIONS}), got ${shown}. Remove it or correct its spelling.`,
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
      message: `\`policy.${key}\` is not a policy option (options: ${POLICY_OPTIONS}), got ${shown}. Did you mean '${suggestion}'?`,
    });
    expect(() => plan({ policy: { [suggestion]: value } })).not.toThrow();
  });

  const MAX_LIFETIME_WHY = 'GitLab caps token lifetime at 365 days, and a token needs at least 2 to rotate before expiry.';
  const MAX_NAME_LENGTH_WHY = 'Names need room for owner and purpose, and GitLab rejects names over 255 characters.';

  test.each([
    ['maxLifetimeDays above 365', { maxLifetimeDays: 400 }, 'maxLifetimeDays', 'a whole number from 2 to 365', '400', MAX_LIFETIME_WHY],
    ['maxLifetimeDays 1', { maxLifetimeDays: 1 }, 'maxLifetimeDays', 'a whole number from 2 to 365', '1', MAX_LIFETIME_WHY],
    ['maxLifetimeDays 30.5', { maxLifetimeDays: 30.5 }, 'maxLifetimeDays', 'a whole number from 2 to 365', '30.5', MAX_LIFETIME_WHY],
    [
      'defaultLifetimeDays above maxLifetimeDays',
      { maxLifetimeDays: 30, defaultLifetimeDays: 60 },
      'defaultLifetimeDays',
      'a whole number from 2 to 30',
      '60',
      'It must fit within maxLifetimeDays (30) and leave room to rotate.',
    ],
    [
      'defaultRotateBeforeDays equal to defaultLifetimeDays',
      { defaultLifetimeDays: 30, defaultRotateBeforeDays: 30 },
      'defaultRotateBeforeDays',
      'a whole number from 1 to 29',
      '30',
      'It must be below defaultLifetimeDays (30).',
    ],
    [
      'defaultRotateBeforeDays above defaultLifetimeDays',
      { defaultLifetimeDays: 30, defaultRotateBeforeDays: 31 },
      'defaultRotateBeforeDays',
      'a whole number from 1 to 29',
      '31',
      'It must be below defaultLifetimeDays (30).',
    ],
    [
      'defaultRotateBeforeDays at or above the default lifetime of 90',
      { defaultRotateBeforeDays: 90 },
      'defaultRotateBeforeDays',
      'a whole number from 1 to 89',
      '90',
      'It must be below defaultLifetimeDays (90).',
    ],
    [
      'smallGroupMaxProjects -1',
      { smallGroupMaxProjects: -1 },
      'smallGroupMaxProjects',
      'a whole number, 0 or more',
      '-1',
      'Use 0 to treat no group as small.',
    ],
    ['maxNameLength 4', { maxNameLength: 4 }, 'maxNameLength', 'a whole number from 8 to 255', '4', MAX_NAME_LENGTH_WHY],
    ['maxNameLength 300', { maxNameLength: 300 }, 'maxNameLength', 'a whole number from 8 to 255', '300', MAX_NAME_LENGTH_WHY],
  ])('out of range: %s', (_what, policy, key, range, shown, fix) => {
    expectIdentityError(() => plan({ policy }), {
      code: ErrorCode.INVALID_POLICY,
      field: `policy.${key}`,
      message: `\`policy.${key}\` must be ${range}, got ${shown}. ${fix}`,
    });
  });

  test('lowering maxLifetimeDays alone pulls the defaults down with it', () => {
    expect(plan({ policy: { maxLifetimeDays: 7 } })).toMatchObject({ lifetimeDays: 7, rotateBeforeDays: 6 });
  });

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
      message:
        "`policy.namePrefix` must be '' or lowercase letters, digits and '-', starting with a letter and ending with '-', " +
        `got ${shown}. Use for example '${suggestion}'.`,
    });
    expect(plan({ policy: { namePrefix: suggestion } }).name).toBe(`${suggestion}quality-triage`);
  });

  test('a non-string namePrefix', () => {
    expectIdentityError(() => plan({ policy: { namePrefix: 5 } }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy.namePrefix',
      message:
        "`policy.namePrefix` must be '' or lowercase letters, digits and '-', starting with a letter and ending with '-', " +
        "got 5. Use for example 'acme-'.",
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
      message: `\`policy.${key}\` must be true or false, got ${shown}. Use a boolean.`,
    });
  });

  // GIVEN any bad serviceAccountGroup (a subgroup, a URL, not a string) WHEN planned THEN INVALID_POLICY at
  // policy.serviceAccountGroup says it must be a top-level group; the fix names that group when one can be
  // read from the value, and the suggested group is accepted
  const SERVICE_ACCOUNT_GROUP =
    "must be a top-level group path such as 'gitlab-org' (provider 18.6.1 creates service accounts only on top-level groups)";

  test('serviceAccountGroup below the top level', () => {
    expectIdentityError(() => plan({ policy: { serviceAccountGroup: 'gitlab-org/quality' } }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy.serviceAccountGroup',
      message: `\`policy.serviceAccountGroup\` ${SERVICE_ACCOUNT_GROUP}, got 'gitlab-org/quality'. Use 'gitlab-org'.`,
    });
    expect(resolvePolicy({ serviceAccountGroup: 'gitlab-org' }).serviceAccountGroup).toBe('gitlab-org');
    expect(plan({ policy: { serviceAccountGroup: 'gitlab-org' } }).kind).toBe(IdentityKind.PROJECT_ACCESS_TOKEN);
  });

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
  ])('serviceAccountGroup as %s', (_what, serviceAccountGroup, shown, suggestion) => {
    expectIdentityError(() => plan({ policy: { serviceAccountGroup } }), {
      code: ErrorCode.INVALID_POLICY,
      field: 'policy.serviceAccountGroup',
      message:
        `\`policy.serviceAccountGroup\` ${SERVICE_ACCOUNT_GROUP}, got ${shown}. ` +
        (suggestion ? `Use '${suggestion}'.` : "Use the group's path as in its URL."),
    });
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
      message: `\`policy.contactEmail\` must be an email address, got ${shown}. Use a team address such as 'platform-alerts@example.com'.`,
    });
  });

  test('an option set to undefined is the default, not an error', () => {
    expect(plan({ policy: { maxLifetimeDays: undefined } }).lifetimeDays).toBe(90);
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
  // GIVEN a policy capping lifetime at 2 days WHEN lifetime 1 and rotate-before 2 THEN both must change
  test('lifetime 1, rotate-before 2, policy maximum 2', () => {
    expectIdentityError(() => plan({ policy: { maxLifetimeDays: 2 }, lifetimeDays: 1, rotateBeforeDays: 2 }), {
      code: ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      field: 'rotateBeforeDays',
      message:
        '`rotateBeforeDays` must be less than the lifetime of 1 day (from lifetimeDays), got 2. Set lifetimeDays to at least 2 and rotateBeforeDays to 1.',
    });
  });
});
