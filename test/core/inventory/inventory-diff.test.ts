/**
 * The review diff of inventories (DESIGN.md §8, docs/inventory.md): raising any privilege dimension is an
 * escalation and lowering it is not; a diff of an inventory with itself is empty whatever the order of its
 * entries; `parseInventory` says clearly what is wrong with a file; `inventoryToJson` is key-sorted and
 * stable. Pure: inventories are built by hand, no construct is synthesized.
 */
import fc from 'fast-check';
import { runs } from '../../support/property-runs';
import {
  ACCESS_LEVEL_VALUE,
  ALL_ACCESS_LEVELS,
  ALL_CAPABILITIES,
  ALL_IDENTITY_KINDS,
  ALL_TOKEN_SCOPES,
  AccessLevel,
  Dimension,
  ErrorCode,
  ExpiryMode,
  Grant,
  GrantType,
  IdentityKind as K,
  InventoryDelivery,
  InventoryEntry,
  InventoryFinding,
  InventorySuppression,
  KIND_BLAST_RADIUS,
  ReachDescription,
  ReachType,
  RuntimeDescription,
  RuntimeType,
  SCOPE_SUBSUMES,
  StackInventory,
  TokenScope,
  diffInventories,
  inventoryToJson,
  isEmptyDiff,
  parseInventory,
  stackInventory,
} from '../../../lib/core';
import { diffOf, entry, inventory, parseRejection, variable } from './fixtures';
import { mentioning } from '../../support/mentioning';

const RUNS = 200;

// ---- hand-built entries ---------------------------------------------------------------------------------

const escalatedDimensions = (before: InventoryEntry, after: InventoryEntry) => diffOf(before, after).escalations.map((e) => e.change.dimension);
const changedDimensions = (before: InventoryEntry, after: InventoryEntry) => diffOf(before, after).changed.flatMap((c) => c.changes.map((ch) => ch.dimension));

const rotating = (days: number, before = 14): Partial<InventoryEntry> => ({ expiry: 'rotating', lifetimeDays: days, rotateBeforeDays: before });
const unbounded = (expiry: ExpiryMode): Partial<InventoryEntry> => ({ expiry, lifetimeDays: null, rotateBeforeDays: null });
const projectGrant = (target: string): Grant => ({ type: GrantType.ACCESS_TOKEN, targetType: 'project', target, tokenName: 'quality-allure-report', accessLevel: AccessLevel.REPORTER });
const groupReach = (projectCount: number): Partial<InventoryEntry> => ({
  kind: K.SERVICE_ACCOUNT,
  reach: { type: ReachType.GROUP, group: 'gitlab-org', projectCount },
  grants: [{ type: GrantType.MEMBERSHIP, targetType: 'group', target: 'gitlab-org', accessLevel: AccessLevel.REPORTER }],
});
const suppression = (id: string, scope = 'quality/allure-report'): InventorySuppression => ({ id, reason: 'reporter-only token in merge-request pipelines', scope });

// ---- tables ------------------------------------------------------------------------------------------------

const KINDS_BY_RADIUS = [...ALL_IDENTITY_KINDS].sort((a, b) => KIND_BLAST_RADIUS[a] - KIND_BLAST_RADIUS[b]);
const kindPairs = KINDS_BY_RADIUS.flatMap((a) => KINDS_BY_RADIUS.map((b) => [a, b] as const)).filter(([a, b]) => a !== b);
const levelPairs = ALL_ACCESS_LEVELS.flatMap((a) => ALL_ACCESS_LEVELS.map((b) => [a, b] as const)).filter(([a, b]) => a !== b);

describe('kind: a larger KIND_BLAST_RADIUS is an escalation', () => {
  test.each(kindPairs.filter(([a, b]) => KIND_BLAST_RADIUS[b] > KIND_BLAST_RADIUS[a]))('%s -> %s escalates', (from, to) => {
    expect(escalatedDimensions(entry({ kind: from }), entry({ kind: to }))).toEqual(['kind']);
  });

  test.each(kindPairs.filter(([a, b]) => KIND_BLAST_RADIUS[b] <= KIND_BLAST_RADIUS[a]))('%s -> %s is reported, not an escalation', (from, to) => {
    const diff = diffOf(entry({ kind: from }), entry({ kind: to }));
    expect(diff.escalations).toEqual([]);
    expect(diff.changed).toEqual([{ name: 'quality-allure-report', stack: 'quality', changes: [{ dimension: 'kind', from, to, escalation: false }] }]);
  });
});

describe('access level: a higher role is an escalation', () => {
  test.each(levelPairs.filter(([a, b]) => ACCESS_LEVEL_VALUE[b] > ACCESS_LEVEL_VALUE[a]))('%s -> %s escalates', (from, to) => {
    expect(diffOf(entry({ accessLevel: from }), entry({ accessLevel: to })).escalations).toEqual([
      { name: 'quality-allure-report', stack: 'quality', change: { dimension: 'access-level', from, to, escalation: true } },
    ]);
  });

  test.each(levelPairs.filter(([a, b]) => ACCESS_LEVEL_VALUE[b] < ACCESS_LEVEL_VALUE[a]))('%s -> %s is not', (from, to) => {
    expect(escalatedDimensions(entry({ accessLevel: from }), entry({ accessLevel: to }))).toEqual([]);
    expect(changedDimensions(entry({ accessLevel: from }), entry({ accessLevel: to }))).toEqual(['access-level']);
  });

  test('a role given to a kind that had none escalates; taking it away does not', () => {
    expect(escalatedDimensions(entry({ accessLevel: null }), entry({ accessLevel: AccessLevel.GUEST }))).toEqual(['access-level']);
    expect(escalatedDimensions(entry({ accessLevel: AccessLevel.GUEST }), entry({ accessLevel: null }))).toEqual([]);
  });
});

describe('scopes: a scope the old ones do not cover is an escalation', () => {
  const S = TokenScope;
  test.each<[string, TokenScope[], TokenScope[]]>([
    ['read_api -> api', [S.READ_API], [S.API]],
    ['one more scope', [S.READ_API], [S.READ_API, S.READ_REPOSITORY]],
    ['none -> read_registry', [], [S.READ_REGISTRY]],
    ['read_repository -> write_repository', [S.READ_REPOSITORY], [S.WRITE_REPOSITORY]],
    ['api does not cover write_repository', [S.API], [S.API, S.WRITE_REPOSITORY]],
    ['swapped for an unrelated scope', [S.READ_REGISTRY], [S.READ_PACKAGE_REGISTRY]],
  ])('%s escalates', (_, from, to) => {
    expect(escalatedDimensions(entry({ scopes: from }), entry({ scopes: to }))).toEqual(['scopes']);
  });

  test.each<[string, TokenScope[], TokenScope[]]>([
    ['api -> read_api', [S.API], [S.READ_API]],
    ['write_repository -> read_repository', [S.WRITE_REPOSITORY], [S.READ_REPOSITORY]],
    ['a scope dropped', [S.API, S.READ_REPOSITORY], [S.API]],
    ['api keeps read_api it already covered', [S.API], [S.API, S.READ_API]],
    ['all scopes removed', [S.READ_API], []],
  ])('%s is not', (_, from, to) => {
    expect(escalatedDimensions(entry({ scopes: from }), entry({ scopes: to }))).toEqual([]);
    expect(changedDimensions(entry({ scopes: from }), entry({ scopes: to }))).toEqual(['scopes']);
  });
});

describe('reach: a new grant target or more projects in the group is an escalation', () => {
  // A provider resource has no stated reach: its reach is its grants' targets.
  const raw = (...targets: string[]) => entry({ source: 'provider-resource', reach: null, runtime: null, grants: targets.map(projectGrant) });

  test('a new grant target escalates', () => {
    expect(diffOf(raw('gitlab-org/gitlab'), raw('gitlab-org/gitlab', 'gitlab-org/gitaly')).escalations.map((e) => e.change)).toEqual([
      { dimension: 'reach', from: 'project gitlab-org/gitlab', to: 'project gitlab-org/gitaly; project gitlab-org/gitlab', escalation: true },
    ]);
  });

  // BUG: compareEntries drops every change whose text is unchanged, even when it computed escalation: true.
  // The reach text of an entry with a stated reach ignores its grants, so a grant on a new target is lost.
  test('a new grant target outside the stated reach escalates', () => {
    const before = entry();
    expect(escalatedDimensions(before, entry({ grants: [...before.grants, projectGrant('gitlab-org/gitaly')] }))).toEqual(['reach']);
  });

  // BUG: neither the runtime nor a grant's `source` is compared, so letting the CI jobs of another project
  // into gitlab-org/gitlab-runner (job-token allowlist) is not even reported: the diff is empty.
  test('a job-token allowlist opened to the jobs of another project escalates', () => {
    const pull = (source: string) =>
      entry({
        kind: K.CI_JOB_TOKEN,
        accessLevel: null,
        scopes: [],
        ...unbounded('job-duration'),
        deliveries: [],
        runtime: { type: RuntimeType.CI_PIPELINE, sourceProject: source },
        reach: { type: ReachType.PROJECT, projects: ['gitlab-org/gitlab-runner'] },
        grants: [{ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'gitlab-org/gitlab-runner', source }],
      });
    const diff = diffOf(pull('gitlab-org/ci-cd/runner-tools/helper-images'), pull('some-group/any-project'));
    expect(isEmptyDiff(diff)).toBe(false);
    expect(diff.escalations.map((e) => e.change.dimension)).toEqual(['reach', 'runtime']);
  });

  test('a new reached project escalates', () => {
    const after = entry({ reach: { type: ReachType.PROJECTS, projects: ['gitlab-org/gitaly', 'gitlab-org/gitlab'] } });
    expect(diffOf(entry(), after).escalations.map((e) => e.change)).toEqual([
      { dimension: 'reach', from: 'project gitlab-org/gitlab', to: 'project gitlab-org/gitaly; project gitlab-org/gitlab', escalation: true },
    ]);
  });

  test('one project -> its whole group escalates', () => {
    const after = entry(groupReach(350));
    expect(diffOf(entry(), after).escalations.map((e) => e.change.dimension)).toEqual(['kind', 'reach']);
  });

  test('the group holding more projects escalates', () => {
    expect(diffOf(entry(groupReach(10)), entry(groupReach(350))).escalations.map((e) => e.change)).toEqual([
      { dimension: 'reach', from: 'group gitlab-org (10 projects)', to: 'group gitlab-org (350 projects)', escalation: true },
    ]);
  });

  test('target paths compare case-insensitively (GitLab paths do)', () => {
    expect(escalatedDimensions(entry(), entry({ grants: [projectGrant('GitLab-Org/GitLab')] }))).toEqual([]);
  });

  test.each<[string, Partial<InventoryEntry>, Partial<InventoryEntry>]>([
    ['a grant target removed', { reach: null, grants: [projectGrant('gitlab-org/gitlab'), projectGrant('gitlab-org/gitaly')] }, { reach: null }],
    ['a reached project removed', { reach: { type: ReachType.PROJECTS, projects: ['gitlab-org/gitaly', 'gitlab-org/gitlab'] } }, {}],
    ['the group holding fewer projects', groupReach(350), groupReach(10)],
  ])('%s is not', (_, from, to) => {
    expect(escalatedDimensions(entry(from), entry(to))).toEqual([]);
    expect(changedDimensions(entry(from), entry(to))).toEqual(['reach']);
  });
});

describe('lifetime: a credential living longer is an escalation', () => {
  test.each<[string, Partial<InventoryEntry>, Partial<InventoryEntry>, string, string]>([
    ['30 -> 60 days', rotating(30, 7), rotating(60), '30 d, rotated 7 d before', '60 d, rotated 14 d before'],
    ['job duration -> rotating', unbounded('job-duration'), rotating(60), 'job duration', '60 d, rotated 14 d before'],
    ['rotating -> never', rotating(60), unbounded('never'), '60 d, rotated 14 d before', '**never expires**'],
    ['rotating -> fixed date', rotating(60), unbounded('fixed-date'), '60 d, rotated 14 d before', 'fixed date, not rotated'],
    ['rotating -> computed at apply', rotating(60), unbounded('unknown'), '60 d, rotated 14 d before', 'computed at apply'],
    ['job duration -> never', unbounded('job-duration'), unbounded('never'), 'job duration', '**never expires**'],
  ])('%s escalates', (_, from, to, fromText, toText) => {
    expect(diffOf(entry(from), entry(to)).escalations.map((e) => e.change)).toEqual([
      { dimension: 'lifetime', from: fromText, to: toText, escalation: true },
    ]);
  });

  test.each<[string, Partial<InventoryEntry>, Partial<InventoryEntry>]>([
    ['60 -> 30 days', rotating(60), rotating(30, 7)],
    ['never -> rotating', unbounded('never'), rotating(60)],
    ['rotating -> job duration', rotating(60), unbounded('job-duration')],
    ['same lifetime, rotated earlier', rotating(60, 14), rotating(60, 21)],
  ])('%s is not', (_, from, to) => {
    expect(escalatedDimensions(entry(from), entry(to))).toEqual([]);
    expect(changedDimensions(entry(from), entry(to))).toEqual(['lifetime']);
  });

  // BUG: every unbounded-or-unknown lifetime counts as infinite days, so losing the expiry of a credential
  // that had one (a trigger replaced on a time_rotating schedule, a fixed expires_at, a computed one) is
  // not flagged. A raw pipeline trigger whose replace_triggered_by is removed goes from 'rotating' to 'never'.
  test.each<[string, Partial<InventoryEntry>]>([
    ['rotating on a schedule (days unknown) -> never', unbounded('rotating')],
    ['fixed date -> never', unbounded('fixed-date')],
    ['computed at apply -> never', unbounded('unknown')],
  ])('%s escalates', (_, from) => {
    expect(escalatedDimensions(entry(from), entry(unbounded('never')))).toEqual(['lifetime']);
  });
});

describe('delivery: a new place for the secret is an escalation', () => {
  test.each<[string, InventoryDelivery[], InventoryDelivery[]]>([
    ['a second variable', [variable()], [variable(), variable({ type: 'group-variable', target: 'gitlab-org', key: 'GITLAB_TOKEN' })]],
    ['a first variable', [], [variable()]],
    ['moved to another project', [variable()], [variable({ target: 'gitlab-org/gitaly' })]],
    ['exposed to unprotected branches', [variable()], [variable({ protected: false })]],
    ['exposed to every environment', [variable({ environmentScope: 'production' })], [variable()]],
  ])('%s escalates', (_, from, to) => {
    expect(escalatedDimensions(entry({ deliveries: from }), entry({ deliveries: to }))).toEqual(['delivery']);
  });

  test.each<[string, InventoryDelivery[], InventoryDelivery[]]>([
    ['a variable removed', [variable(), variable({ key: 'OTHER_TOKEN' })], [variable()]],
    ['no variable any more', [variable()], []],
  ])('%s is not', (_, from, to) => {
    expect(escalatedDimensions(entry({ deliveries: from }), entry({ deliveries: to }))).toEqual([]);
    expect(changedDimensions(entry({ deliveries: from }), entry({ deliveries: to }))).toEqual(['delivery']);
  });

  // BUG: deliveries are compared as whole strings including protection and environment scope, so hardening
  // a variable (protecting it, narrowing it to one environment) looks like a new delivery: a false
  // escalation that fails `diff --fail-on-escalation` on a change that only reduces exposure.
  test.each<[string, InventoryDelivery[], InventoryDelivery[]]>([
    ['the variable protected', [variable({ protected: false })], [variable()]],
    ['narrowed to one environment', [variable()], [variable({ environmentScope: 'production' })]],
  ])('%s is not an escalation', (_, from, to) => {
    expect(escalatedDimensions(entry({ deliveries: from }), entry({ deliveries: to }))).toEqual([]);
  });
});

describe('suppression: a new suppression is an escalation', () => {
  test.each<[string, InventorySuppression[], InventorySuppression[]]>([
    ['a first suppression', [], [suppression('GLID-014')]],
    ['another rule suppressed', [suppression('GLID-014')], [suppression('GLID-014'), suppression('GLID-010')]],
    ['the same rule suppressed once more, on the stack', [suppression('GLID-014')], [suppression('GLID-014'), suppression('GLID-014', 'quality')]],
  ])('%s escalates', (_, from, to) => {
    expect(escalatedDimensions(entry({ suppressions: from }), entry({ suppressions: to }))).toEqual(['suppression']);
  });

  // BUG: the suppression text lists IDs only, and a change with unchanged text is dropped: moving a
  // suppression from the identity up to its whole stack (it now silences the rule for every construct) is
  // not reported at all.
  test('a suppression moved to a wider scope escalates', () => {
    expect(escalatedDimensions(entry({ suppressions: [suppression('GLID-014')] }), entry({ suppressions: [suppression('GLID-014', 'quality')] }))).toEqual([
      'suppression',
    ]);
  });

  test('a suppression removed is reported with its reason, not an escalation', () => {
    const removed = suppression('GLID-014');
    const diff = diffOf(entry({ suppressions: [removed] }), entry());
    expect(diff.escalations).toEqual([]);
    expect(diff.changed[0].changes).toEqual([{ dimension: 'suppression', from: `GLID-014 on quality/allure-report: ${removed.reason}`, to: 'none', escalation: false }]);
  });

  test('a new open warning is reported but is not itself an escalation', () => {
    const warning: InventoryFinding = { ruleId: 'GLID-014', level: 'warning', message: 'not protected', path: 'quality/allure-report' };
    const diff = diffOf(entry(), entry({ findings: [warning] }));
    expect(diff.escalations).toEqual([]);
    expect(diff.changed[0].changes).toEqual([{ dimension: 'findings', from: 'none', to: 'warning GLID-014: not protected', escalation: false }]);
  });

  test('a new open error, or a warning worsened to an error, is an escalation', () => {
    const f = (level: 'error' | 'warning'): InventoryFinding => ({ ruleId: 'GLID-006', level, message: 'owner', path: 'quality/allure-report' });
    expect(escalatedDimensions(entry(), entry({ findings: [f('error')] }))).toEqual(['findings']);
    expect(escalatedDimensions(entry({ findings: [f('warning')] }), entry({ findings: [f('error')] }))).toEqual(['findings']);
  });
});

describe('overlap switched on or off', () => {
  const overlapping = entry({ overlap: { slots: ['quality-allure-report-a', 'quality-allure-report-b'], delivered: 'later-expiring', graceDays: 25, tolerableGapDays: 52 } });

  test.each([['on', entry(), overlapping], ['off', overlapping, entry()]])('%s: a change to review, never an escalation', (_, before, after) => {
    const diff = diffOf(before, after);
    expect(diff.escalations).toEqual([]);
    expect(diff.changed.flatMap((c) => c.changes)).toEqual([{
      dimension: 'overlap', escalation: false,
      from: before.overlap ? 'two slots (quality-allure-report-a, quality-allure-report-b)' : 'one slot',
      to: after.overlap ? 'two slots (quality-allure-report-a, quality-allure-report-b)' : 'one slot',
    }]);
  });
});

describe('identities added and removed', () => {
  const other = entry({ name: 'quality-async-retrospectives', constructPath: 'quality/async-retrospectives', accessLevel: AccessLevel.DEVELOPER });

  test('an added identity is an escalation of dimension identity', () => {
    const diff = diffInventories([inventory([entry()])], [inventory([entry(), other])]);
    expect(diff.added).toEqual([{ ...other, stack: 'quality' }]);
    expect(diff.escalations).toEqual([
      { name: 'quality-async-retrospectives', stack: 'quality', change: { dimension: 'identity', from: 'none', to: 'project-access-token as developer', escalation: true } },
    ]);
  });

  test('an identity in a new stack is added with that stack', () => {
    const diff = diffInventories([inventory([entry()])], [inventory([entry()]), inventory([other], 'runner-delivery')]);
    expect(diff.added.map((e) => [e.name, e.stack])).toEqual([['quality-async-retrospectives', 'runner-delivery']]);
  });

  test('a removed identity is listed, and is not an escalation', () => {
    const diff = diffInventories([inventory([entry(), other])], [inventory([entry()])]);
    expect(diff.removed).toEqual([{ ...other, stack: 'quality' }]);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.escalations).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  test('unchanged inventories give an empty diff', () => {
    const diff = diffInventories([inventory([entry(), other])], [inventory([entry(), other])]);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff).toEqual({ added: [], removed: [], changed: [], escalations: [] });
  });

  // BUG (minor): the old side's deliveries are deduplicated (a Set) and the new side's are not, so an entry
  // holding two deliveries with the same key text differs from itself.
  test('an entry with a repeated delivery diffs empty with itself', () => {
    const e = entry({ deliveries: [variable(), variable({ protected: null })] });
    expect(isEmptyDiff(diffOf(e, e))).toBe(true);
  });

  test('several raised dimensions of one entry each give an escalation', () => {
    const after = entry({ accessLevel: AccessLevel.DEVELOPER, scopes: [TokenScope.API], ...rotating(90), suppressions: [suppression('GLID-014')] });
    expect(escalatedDimensions(entry(), after)).toEqual(['access-level', 'scopes', 'lifetime', 'suppression']);
  });
});

// ---- generated inventories ------------------------------------------------------------------------------

const PROJECTS = ['gitlab-org/gitlab', 'gitlab-org/gitaly', 'gitlab-org/quality/triage-ops', 'gl-retrospectives/quality', 'gitlab-org/build/cng'];
const GROUPS = ['gitlab-org', 'gitlab-org/build', 'gl-retrospectives'];
const KEYS = ['GITLAB_API_TOKEN', 'DANGER_GITLAB_API_TOKEN', 'RELEASE_BOT_TOKEN'];
const RULE_IDS = ['GLID-007', 'GLID-010', 'GLID-013', 'GLID-014'];
/** Outside every generated value: a raise with these is always new. */
const NEW_PROJECT = 'escalated/new-target';

const levelArb = fc.constantFrom(...ALL_ACCESS_LEVELS);
const runtimeArb: fc.Arbitrary<RuntimeDescription | null> = fc.option(
  fc.oneof(
    fc.constant({ type: RuntimeType.EXTERNAL }),
    fc.constantFrom(...PROJECTS).map((p) => ({ type: RuntimeType.CI_PIPELINE, sourceProject: p })),
  ),
  { nil: null },
);
const reachArb: fc.Arbitrary<ReachDescription | null> = fc.option(
  fc.oneof(
    fc.constantFrom(...PROJECTS).map((p) => ({ type: ReachType.PROJECT, projects: [p] })),
    fc.uniqueArray(fc.constantFrom(...PROJECTS), { minLength: 2, maxLength: 3 }).map((ps) => ({ type: ReachType.PROJECTS, projects: [...ps].sort() })),
    fc.record({ group: fc.constantFrom(...GROUPS), projectCount: fc.integer({ min: 1, max: 1000 }) }).map((g) => ({ type: ReachType.GROUP, ...g })),
  ),
  { nil: null },
);
const grantArb: fc.Arbitrary<Grant> = fc.record(
  {
    type: fc.constantFrom(...Object.values(GrantType)),
    targetType: fc.constantFrom('project' as const, 'group' as const),
    target: fc.constantFrom(...PROJECTS, ...GROUPS),
    source: fc.constantFrom(...PROJECTS),
    tokenName: fc.constantFrom('quality-allure-report', 'runner-releases'),
    accessLevel: levelArb,
  },
  { requiredKeys: ['type', 'targetType', 'target'] },
);
const lifetimeArb: fc.Arbitrary<Pick<InventoryEntry, 'expiry' | 'lifetimeDays' | 'rotateBeforeDays'>> = fc.oneof(
  fc.constantFrom<ExpiryMode>('job-duration', 'never', 'fixed-date', 'unknown', 'rotating').map((expiry) => ({ expiry, lifetimeDays: null, rotateBeforeDays: null })),
  fc.integer({ min: 2, max: 365 }).chain((days) =>
    fc.integer({ min: 1, max: days - 1 }).map((before) => ({ expiry: 'rotating' as const, lifetimeDays: days, rotateBeforeDays: before }))),
);
const deliveryArb: fc.Arbitrary<InventoryDelivery> = fc.record({
  type: fc.constantFrom('project-variable' as const, 'group-variable' as const, 'instance-variable' as const),
  target: fc.constantFrom(...PROJECTS, ...GROUPS, ''),
  key: fc.constantFrom(...KEYS),
  environmentScope: fc.constantFrom('*', 'production'),
  protected: fc.constantFrom(true, false, null),
});
const findingArb: fc.Arbitrary<InventoryFinding> = fc.record(
  {
    ruleId: fc.constantFrom(...RULE_IDS),
    level: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    message: fc.string({ maxLength: 20 }),
    path: fc.constantFrom('quality/allure-report', 'legacy/bot-token'),
    suppressedBy: fc.record({ id: fc.constantFrom(...RULE_IDS), reason: fc.string({ minLength: 10, maxLength: 30 }) }),
  },
  { requiredKeys: ['ruleId', 'level', 'message', 'path'] },
);
const suppressionArb: fc.Arbitrary<InventorySuppression> = fc.record({
  id: fc.constantFrom(...RULE_IDS),
  reason: fc.string({ minLength: 10, maxLength: 30 }),
  scope: fc.constantFrom('quality', 'quality/allure-report'),
});

const entryArb = (nameArb: fc.Arbitrary<string>): fc.Arbitrary<InventoryEntry> =>
  fc
    .record({
      name: nameArb,
      source: fc.constantFrom('automation-identity' as const, 'provider-resource' as const),
      kind: fc.constantFrom(...ALL_IDENTITY_KINDS),
      resourceType: fc.option(fc.constantFrom('gitlab_project_access_token', 'gitlab_pipeline_trigger'), { nil: null }),
      owner: fc.option(fc.constantFrom('quality', 'runner'), { nil: null }),
      purpose: fc.option(fc.constantFrom('allure-report', 'releases'), { nil: null }),
      runtime: runtimeArb,
      reach: reachArb,
      capabilities: fc.subarray([...ALL_CAPABILITIES], { maxLength: 3 }),
      grants: fc.array(grantArb, { maxLength: 3 }),
      accessLevel: fc.option(levelArb, { nil: null }),
      scopes: fc.subarray([...ALL_TOKEN_SCOPES], { maxLength: 4 }).map((s) => [...s].sort()),
      lifetime: lifetimeArb,
      // Distinct places (a repeated one is a known bug, pinned above).
      deliveries: fc.uniqueArray(deliveryArb, { maxLength: 3, selector: (d) => `${d.type} ${d.target} ${d.key} ${d.environmentScope}` }),
      labels: fc.subarray(['automation:bot-authored']),
      decisionRule: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
      rationale: fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }),
      findings: fc.array(findingArb, { maxLength: 3 }),
      suppressions: fc.uniqueArray(suppressionArb, { maxLength: 2, selector: (s) => `${s.id} ${s.scope}` }),
      stackFolder: fc.constantFrom('quality', 'legacy', 'runner-delivery'),
    })
    // Construct paths are unique like names: hand-written credentials are matched by their path.
    .map(({ lifetime, stackFolder, ...rest }) => ({ ...rest, ...lifetime, constructPath: `${stackFolder}/${rest.name}`, users: [], copies: 1, differsFromPlan: [] }));

const nameArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const entriesArb = (names = nameArb, maxLength = 5) => fc.uniqueArray(entryArb(names), { minLength: 1, maxLength, selector: (e) => e.name });

// ---- one raised dimension, generated -------------------------------------------------------------------

// Overlap is a change to review, never an escalation: its own test below.
type Raisable = Exclude<Dimension, 'findings' | 'identity' | 'overlap'>;
const RAISABLE: readonly Raisable[] = ['kind', 'access-level', 'scopes', 'reach', 'users', 'copies', 'runtime', 'lifetime', 'delivery', 'suppression', 'suppressed'];

/** Independent oracle of scope coverage: a scope is covered when held, or implied per SCOPE_SUBSUMES. */
const covered = (scope: TokenScope, held: readonly string[]) =>
  held.includes(scope) || held.some((h) => (SCOPE_SUBSUMES[h as TokenScope] ?? []).includes(scope));

/** Days a lifetime lasts when it is bounded; undefined when it is not (or not known). */
const boundedDays = (e: InventoryEntry) => (e.expiry === 'job-duration' ? 0 : e.expiry === 'rotating' ? (e.lifetimeDays ?? undefined) : undefined);

/** Every way to raise `dimension` of `e` and nothing else; undefined when it is already at the top. */
function raised(e: InventoryEntry, dimension: Raisable): fc.Arbitrary<InventoryEntry> | undefined {
  const pick = <T>(options: readonly T[], apply: (t: T) => InventoryEntry) => (options.length ? fc.constantFrom(...options).map(apply) : undefined);
  switch (dimension) {
    case 'kind':
      return pick(ALL_IDENTITY_KINDS.filter((k) => KIND_BLAST_RADIUS[k] > KIND_BLAST_RADIUS[e.kind as K]), (kind) => ({ ...e, kind }));
    case 'access-level': {
      const current = e.accessLevel === null ? 0 : ACCESS_LEVEL_VALUE[e.accessLevel as AccessLevel];
      return pick(ALL_ACCESS_LEVELS.filter((l) => ACCESS_LEVEL_VALUE[l] > current), (accessLevel) => ({ ...e, accessLevel }));
    }
    case 'scopes':
      return pick(ALL_TOKEN_SCOPES.filter((s) => !covered(s, e.scopes)), (s) => ({ ...e, scopes: [...e.scopes, s].sort() }));
    case 'reach': {
      const reach = e.reach;
      // No stated reach (a provider resource): a grant on a new target.
      if (reach === null) return grantArb.map((g) => ({ ...e, grants: [...e.grants, { ...g, target: NEW_PROJECT }] }));
      // A group: more projects in it. (A new grant outside a stated reach is a known bug, pinned above.)
      if (reach.type === ReachType.GROUP) {
        return fc.integer({ min: (reach.projectCount ?? 0) + 1, max: 100_000 }).map((projectCount) => ({ ...e, reach: { ...reach, projectCount } }));
      }
      // Projects: one more.
      return fc.constant({ ...e, reach: { type: ReachType.PROJECTS, projects: [...(reach.projects ?? []), NEW_PROJECT].sort() } });
    }
    case 'runtime':
      // Leaving CI for an outside system is more than before (and coming back is not). Swapping the source
      // project escalates both ways (another project's jobs get in), so it has its own table test.
      return e.runtime?.type === 'ci-pipeline' ? fc.constant({ ...e, runtime: { type: RuntimeType.EXTERNAL } }) : undefined;
    case 'lifetime': {
      // Longer within rotation, or a looser mode: rotating with unknown days < fixed date < computed < never.
      const days = boundedDays(e);
      const order: ExpiryMode[] = ['fixed-date', 'unknown', 'never'];
      const looser = order.slice(e.expiry === 'rotating' || e.expiry === 'job-duration' ? 0 : order.indexOf(e.expiry) + 1);
      const options: fc.Arbitrary<InventoryEntry>[] = looser.map((expiry) => fc.constant({ ...e, expiry, lifetimeDays: null, rotateBeforeDays: null }));
      if (days !== undefined) {
        options.push(fc.integer({ min: days + 1, max: 10_000 }).map((d) => ({ ...e, expiry: 'rotating' as const, lifetimeDays: d, rotateBeforeDays: 1 })));
        options.push(fc.constant({ ...e, expiry: 'rotating' as const, lifetimeDays: null, rotateBeforeDays: null }));
      }
      return options.length ? fc.oneof(...options) : undefined;
    }
    case 'delivery':
      return deliveryArb.map((d) => ({ ...e, deliveries: [...e.deliveries, { ...d, key: 'ESCALATED_TOKEN' }] }));
    case 'suppression':
      return suppressionArb.map((s) => ({ ...e, suppressions: [...e.suppressions, { ...s, id: 'GLID-999', scope: 'escalated/scope' }] }));
    case 'users':
      return fc.constant({ ...e, users: [...e.users, 'user 4242'].sort() });
    case 'copies':
      return e.copies === null ? undefined : fc.oneof(fc.integer({ min: e.copies + 1, max: 100 }), fc.constant(null)).map((copies) => ({ ...e, copies }));
    case 'suppressed':
      // A suppression that now silences another finding (a new role, scope or target under the same reason).
      return fc.constant({ ...e, findings: [...e.findings, { ruleId: 'GLID-006', level: 'error' as const, message: 'escalated to owner', path: 'escalated/path', suppressedBy: { id: 'GLID-006', reason: 'reviewed once, long ago' } }] });
  }
}

interface Scenario {
  readonly entries: readonly InventoryEntry[];
  readonly index: number;
  readonly dimension: Raisable;
  readonly after: InventoryEntry | undefined;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(entriesArb(), fc.nat(), fc.constantFrom(...RAISABLE))
  .chain(([entries, n, dimension]) => {
    const index = n % entries.length;
    const way = raised(entries[index], dimension);
    return (way ?? fc.constant(undefined)).map((after) => ({ entries, index, dimension, after }));
  });

const replace = (entries: readonly InventoryEntry[], index: number, e: InventoryEntry) => entries.map((x, i) => (i === index ? e : x));

describe('properties', () => {
  test('the diff of an inventory with itself is empty (also after a JSON round trip)', () => {
    fc.assert(
      fc.property(entriesArb(), (entries) => {
        const inv = inventory(entries);
        const self = diffInventories([inv], [inv]);
        expect(isEmptyDiff(self)).toBe(true);
        expect(self.escalations).toEqual([]);
        const copy = parseInventory(inventoryToJson(inv), 'copy.json');
        expect(isEmptyDiff(diffInventories([inv], [copy]))).toBe(true);
      }),
      { numRuns: runs(RUNS) },
    );
  });

  test('raising any single dimension of any entry is reported as an escalation of exactly that dimension', () => {
    fc.assert(
      fc.property(scenarioArb, ({ entries, index, dimension, after }) => {
        fc.pre(after !== undefined);
        const diff = diffInventories([inventory(entries)], [inventory(replace(entries, index, after as InventoryEntry))]);
        expect(diff.escalations.map((e) => [e.name, e.change.dimension])).toEqual([[entries[index].name, dimension]]);
        expect(isEmptyDiff(diff)).toBe(false);
      }),
      { numRuns: runs(RUNS * 2) },
    );
  });

  test('lowering it back (the same change in reverse) is never an escalation', () => {
    fc.assert(
      fc.property(scenarioArb, ({ entries, index, after }) => {
        fc.pre(after !== undefined);
        const diff = diffInventories([inventory(replace(entries, index, after as InventoryEntry))], [inventory(entries)]);
        expect(diff.escalations).toEqual([]);
        expect(diff.changed.map((c) => c.name)).toEqual([entries[index].name]);
      }),
      { numRuns: runs(RUNS * 2) },
    );
  });

  test('adding any identity is an escalation of dimension identity; removing it is not', () => {
    fc.assert(
      fc.property(entriesArb(), entryArb(fc.constant('Added Identity')), (entries, added) => {
        const up = diffInventories([inventory(entries)], [inventory([...entries, added])]);
        expect(up.escalations.map((e) => [e.name, e.change.dimension])).toEqual([['Added Identity', 'identity']]);
        const down = diffInventories([inventory([...entries, added])], [inventory(entries)]);
        expect(down.removed.map((e) => e.name)).toEqual(['Added Identity']);
        expect(down.escalations).toEqual([]);
      }),
      { numRuns: runs(RUNS) },
    );
  });

  test('the diff does not depend on the order of entries or of stacks', () => {
    // Names from a small pool, so that before and after share identities and changes show up.
    const pool = fc.constantFrom('a-bot', 'b-bot', 'c-bot', 'd-bot', 'e-bot', 'f-bot');
    const sides = fc.tuple(entriesArb(pool, 6), entriesArb(pool, 6), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }));
    fc.assert(
      fc.property(
        sides.chain(([before, after, inFirstStack]) =>
          fc.tuple(
            fc.constant(before),
            fc.constant(after),
            fc.constant(inFirstStack),
            fc.shuffledSubarray(before, { minLength: before.length }),
            fc.shuffledSubarray(after, { minLength: after.length }),
            fc.boolean(),
          )),
        ([before, after, inFirstStack, beforeShuffled, afterShuffled, stacksSwapped]) => {
          const split = (entries: readonly InventoryEntry[], swap: boolean) => {
            const stacks = [
              inventory(entries.filter((e) => inFirstStack[e.name.charCodeAt(0) - 97]), 'one'),
              inventory(entries.filter((e) => !inFirstStack[e.name.charCodeAt(0) - 97]), 'two'),
            ];
            return swap ? stacks.reverse() : stacks;
          };
          const expected = diffInventories(split(before, false), split(after, false));
          expect(diffInventories(split(beforeShuffled, stacksSwapped), split(afterShuffled, !stacksSwapped))).toEqual(expected);
        },
      ),
      { numRuns: runs(RUNS) },
    );
  });
});

// ---- parseInventory ---------------------------------------------------------------------------------------

describe('parseInventory: one clear message per problem', () => {
  const valid = inventoryToJson(stackInventory('quality', [entry()]));
  const jsonError = (text: string) => {
    try {
      JSON.parse(text);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('parsed');
  };
  const errorOf = (text: string, source = 'old/identity-inventory.json') => parseRejection(text, source);
  /** INVALID_INVENTORY on `inventory`, whose message names the file and holds `parts`, in any wording. */
  const rejectedWith = (...parts: string[]) =>
    ({ code: ErrorCode.INVALID_INVENTORY, field: 'inventory', message: mentioning('old/identity-inventory.json', ...parts) });
  const withEntry = (mutate: (e: Record<string, unknown>) => void) => {
    const data = JSON.parse(valid) as { identities: Record<string, unknown>[] };
    mutate(data.identities[0]);
    return JSON.stringify(data);
  };

  test('a valid inventory round-trips', () => {
    expect(parseInventory(valid, 'x.json')).toEqual(JSON.parse(valid));
  });

  test.each([
    ['truncated', valid.slice(0, 40)],
    ['empty', ''],
    ['not JSON at all', 'identity-inventory'],
  ])('malformed JSON (%s)', (_, text) => {
    // What was expected (JSON) and what the JSON parser found.
    expect(errorOf(text)).toEqual(rejectedWith('JSON', jsonError(text)));
  });

  // The field, the version found (as JSON) and the one this version reads. The fix (synthesize both sides
  // with one library version) names no value.
  test.each([
    ['a newer version', 3, '3'],
    ['a string', '1', '"1"'],
    ['none', undefined, 'undefined'],
  ])('wrong schemaVersion (%s)', (_, schemaVersion, shown) => {
    const data = { ...JSON.parse(valid), schemaVersion };
    expect(errorOf(JSON.stringify(data))).toEqual(rejectedWith('schemaVersion', shown, '2'));
  });

  test.each([['an array', '[]'], ['null', 'null'], ['a number', '42'], ['a string', '"inventory"']])('not an object (%s)', (_, text) => {
    expect(errorOf(text)).toEqual(rejectedWith('object'));
  });

  test.each([
    ['stack', { schemaVersion: 2, identities: [] }],
    ['identities', { schemaVersion: 2, stack: 'quality' }],
    ['identities as an object', { schemaVersion: 2, stack: 'quality', identities: {} }],
  ])('missing top-level field (%s)', (_, data) => {
    expect(errorOf(JSON.stringify(data))).toEqual(rejectedWith('"stack"', '"identities"'));
  });

  // The entry's field, what is expected and what was found: nothing.
  test.each([
    ['name', ['string']], ['kind', ['string']], ['scopes', ['array']], ['grants', ['array', 'objects']],
  ])('an entry without %s', (field, expected) => {
    const text = withEntry((e) => delete e[field]);
    expect(errorOf(text)).toEqual(rejectedWith(`identities[0].${field}`, ...expected, 'nothing'));
  });

  test('the index of the bad entry is named', () => {
    const data = JSON.parse(valid) as { identities: unknown[] };
    data.identities.push(null);
    expect(errorOf(JSON.stringify(data))).toEqual(rejectedWith('identities[1]', 'object'));
  });

  // BUG: only name, kind, scopes and grants are checked; an entry without the fields the diff and the
  // Markdown read (deliveries, suppressions, findings, expiry, ...) is accepted, and `diff` then fails with
  // "unexpected failure: Cannot read properties of undefined (reading 'map')" instead of saying what is missing.
  test.each(['deliveries', 'suppressions', 'findings', 'expiry', 'capabilities', 'labels', 'rationale'])(
    'an entry without %s is rejected with INVALID_INVENTORY',
    (field) => {
      expect(errorOf(withEntry((e) => delete e[field])).code).toBe(ErrorCode.INVALID_INVENTORY);
    },
  );
});

// ---- inventoryToJson ------------------------------------------------------------------------------------

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  return value;
}

/** Every object in `value` has its keys in code-unit order. */
function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.every((k, i) => i === 0 || keys[i - 1] < k) && Object.values(value).every(keysSorted);
  }
  return true;
}

describe('inventoryToJson', () => {
  test('exact bytes: sorted keys, two-space indent, final newline', () => {
    expect(inventoryToJson({ stack: 'quality', identities: [], schemaVersion: 2, generator: 'cdktf-gitlab-identity' })).toBe(
      '{\n  "generator": "cdktf-gitlab-identity",\n  "identities": [],\n  "schemaVersion": 2,\n  "stack": "quality"\n}\n',
    );
  });

  test('undefined properties are left out; null is kept', () => {
    const json = inventoryToJson(stackInventory('quality', [entry({ owner: null, grants: [{ ...projectGrant('gitlab-org/gitlab'), source: undefined }] })]));
    expect(json).toContain('"owner": null');
    expect(json).not.toContain('"source": undefined');
    expect(JSON.parse(json).identities[0].grants[0]).not.toHaveProperty('source');
  });

  test('stackInventory sorts entries by name, then construct path', () => {
    const a = entry({ name: 'b', constructPath: 'x/2' });
    const b = entry({ name: 'b', constructPath: 'x/1' });
    const c = entry({ name: 'a', constructPath: 'x/3' });
    expect(stackInventory('s', [a, b, c]).identities.map((e) => [e.name, e.constructPath])).toEqual([['a', 'x/3'], ['b', 'x/1'], ['b', 'x/2']]);
  });

  test('property: keys sorted at every level, whatever order they were set in; arrays keep their order; round-trips', () => {
    fc.assert(
      fc.property(entriesArb(), (entries) => {
        const inv = stackInventory('quality', entries);
        const json = inventoryToJson(inv);
        expect(inventoryToJson(reverseKeys(inv) as StackInventory)).toBe(json);
        expect(inventoryToJson(inv)).toBe(json);
        expect(json.endsWith('}\n')).toBe(true);
        const parsed = JSON.parse(json);
        expect(keysSorted(parsed)).toBe(true);
        expect(parsed).toEqual(JSON.parse(JSON.stringify(inv)));
        expect(parsed.identities.map((e: InventoryEntry) => e.name)).toEqual(inv.identities.map((e) => e.name));
      }),
      { numRuns: runs(RUNS) },
    );
  });
});

describe('hand-written credentials are matched by construct path', () => {
  test('a second token with an existing name is reported as added, not hidden', () => {
    const shared = entry({ name: 'gitlab-bot', source: 'provider-resource', constructPath: 'legacy/bot' });
    const twin = entry({ name: 'gitlab-bot', source: 'provider-resource', constructPath: 'legacy/bot-admin', accessLevel: AccessLevel.OWNER });
    const diff = diffInventories([inventory([shared])], [inventory([shared, twin])]);
    expect(diff.added.map((e) => e.constructPath)).toEqual(['legacy/bot-admin']);
    expect(diff.escalations.map((e) => [e.name, e.change.dimension])).toEqual([['gitlab-bot', 'identity']]);
  });
});
