/**
 * Decision rules (DESIGN.md §4), one table per rule, and the automations named in the seeds.
 * GIVEN what an automation does, WHEN it is planned, THEN the least-privilege identity is chosen.
 */
import {
  AccessLevel,
  Capability as C,
  Grant,
  GrantType,
  IdentityKind as K,
  IdentityPolicy,
  IdentityRequest,
  Reach,
  Runtime,
  TokenScope as S,
  planIdentity,
  requiredAccessLevel,
  sortCapabilities,
} from '../../lib/core';

const GITLAB = 'gitlab-org/gitlab';
const ci = (source = GITLAB) => Runtime.ciPipeline(source);
const ext = () => Runtime.external();

function plan(partial: Partial<IdentityRequest> & Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'>) {
  return planIdentity({ owner: 'team', purpose: 'bot', botUserId: 42, ...partial });
}

interface Case {
  readonly name: string;
  readonly request: Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'> & { policy?: IdentityPolicy };
  readonly kind: K;
  readonly rule: number;
}

const cases: Case[] = [
  // Rule 1: CI job token
  { name: 'CI clone of another project', request: { runtime: ci(), reach: Reach.project('gitlab-org/gitaly'), capabilities: [C.REPOSITORY_READ] }, kind: K.CI_JOB_TOKEN, rule: 1 },
  { name: 'CI package publish to own project', request: { runtime: ci(), reach: Reach.project(GITLAB), capabilities: [C.PACKAGE_REGISTRY_WRITE] }, kind: K.CI_JOB_TOKEN, rule: 1 },
  { name: 'CI image push to own project', request: { runtime: ci(), reach: Reach.project(GITLAB), capabilities: [C.CONTAINER_REGISTRY_WRITE] }, kind: K.CI_JOB_TOKEN, rule: 1 },
  { name: 'CI releases and deployments across projects', request: { runtime: ci(), reach: Reach.projects([GITLAB, 'gitlab-org/charts/gitlab']), capabilities: [C.RELEASES_WRITE, C.DEPLOYMENTS_WRITE, C.JOB_ARTIFACTS_READ] }, kind: K.CI_JOB_TOKEN, rule: 1 },
  { name: 'CI downstream pipeline trigger', request: { runtime: ci(), reach: Reach.project('gitlab-org/build/omnibus-gitlab-mirror'), capabilities: [C.PIPELINE_TRIGGER] }, kind: K.CI_JOB_TOKEN, rule: 1 },
  // Rule 2: pipeline trigger token
  { name: 'external trigger of one project', request: { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.PIPELINE_TRIGGER] }, kind: K.PIPELINE_TRIGGER_TOKEN, rule: 2 },
  { name: 'external trigger of several projects', request: { runtime: ext(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly']), capabilities: [C.PIPELINE_TRIGGER] }, kind: K.PIPELINE_TRIGGER_TOKEN, rule: 2 },
  // Rule 3: deploy tokens
  { name: 'cluster image pulls from one project', request: { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.CONTAINER_REGISTRY_READ] }, kind: K.PROJECT_DEPLOY_TOKEN, rule: 3 },
  { name: 'cluster image pulls from a whole group', request: { runtime: ext(), reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.CONTAINER_REGISTRY_READ] }, kind: K.GROUP_DEPLOY_TOKEN, rule: 3 },
  { name: 'external package publishing', request: { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.PACKAGE_REGISTRY_WRITE] }, kind: K.PROJECT_DEPLOY_TOKEN, rule: 3 },
  { name: 'CI cross-project registry push (rule 1 fails only on that)', request: { runtime: ci(), reach: Reach.project('gitlab-org/build/cng'), capabilities: [C.CONTAINER_REGISTRY_WRITE] }, kind: K.PROJECT_DEPLOY_TOKEN, rule: 3 },
  { name: 'CI clone of a whole group', request: { runtime: ci(), reach: Reach.group('gitlab-org/quality', { projectCount: 40 }), capabilities: [C.REPOSITORY_READ] }, kind: K.GROUP_DEPLOY_TOKEN, rule: 3 },
  // Rule 4: service account required
  { name: 'Terraform bootstrap on one project', request: { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.TOKENS_MANAGE] }, kind: K.SERVICE_ACCOUNT, rule: 4 },
  { name: 'token management on a small group still needs a service account', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 3 }), capabilities: [C.API_READ, C.TOKENS_MANAGE] }, kind: K.SERVICE_ACCOUNT, rule: 4 },
  // Rule 5: one project
  { name: 'API read on one project', request: { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_READ] }, kind: K.PROJECT_ACCESS_TOKEN, rule: 5 },
  { name: 'one-element project list counts as one project', request: { runtime: ext(), reach: Reach.projects([GITLAB]), capabilities: [C.API_WRITE] }, kind: K.PROJECT_ACCESS_TOKEN, rule: 5 },
  // Rule 6: several projects
  { name: 'named projects get a service account', request: { runtime: ext(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly']), capabilities: [C.API_TRIAGE] }, kind: K.SERVICE_ACCOUNT, rule: 6 },
  { name: 'a large group gets a service account', request: { runtime: ext(), reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.API_TRIAGE] }, kind: K.SERVICE_ACCOUNT, rule: 6 },
  { name: 'a small group gets a group token', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 10 }), capabilities: [C.API_TRIAGE] }, kind: K.GROUP_ACCESS_TOKEN, rule: 6 },
  { name: 'a small group without group tokens allowed gets a service account', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 4 }), capabilities: [C.API_TRIAGE], policy: { allowGroupAccessTokens: false } }, kind: K.SERVICE_ACCOUNT, rule: 6 },
  { name: 'a group one above the small limit gets a service account', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 11 }), capabilities: [C.API_TRIAGE] }, kind: K.SERVICE_ACCOUNT, rule: 6 },
  { name: 'a group trigger cannot use trigger tokens', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 30 }), capabilities: [C.PIPELINE_TRIGGER] }, kind: K.SERVICE_ACCOUNT, rule: 6 },
  // Rule 7: no service accounts
  { name: 'several projects without service accounts fall back to a bot PAT', request: { runtime: ext(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly']), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false } }, kind: K.PERSONAL_ACCESS_TOKEN, rule: 7 },
  { name: 'token management without service accounts falls back to a bot PAT', request: { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.TOKENS_MANAGE], policy: { serviceAccountsAvailable: false } }, kind: K.PERSONAL_ACCESS_TOKEN, rule: 7 },
  { name: 'token management on a small group without service accounts is never a group token', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 3 }), capabilities: [C.TOKENS_MANAGE], policy: { serviceAccountsAvailable: false } }, kind: K.PERSONAL_ACCESS_TOKEN, rule: 7 },
  { name: 'a large group without service accounts falls back to a bot PAT', request: { runtime: ext(), reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false } }, kind: K.PERSONAL_ACCESS_TOKEN, rule: 7 },
  { name: 'a small group without service accounts still gets a group token (rule 6)', request: { runtime: ext(), reach: Reach.group('team', { projectCount: 2 }), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false } }, kind: K.GROUP_ACCESS_TOKEN, rule: 6 },
];

describe('decision rules choose the narrowest identity', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const p = plan(c.request);
    expect({ kind: p.kind, rule: p.decisionRule }).toEqual({ kind: c.kind, rule: c.rule });
    // The deciding rule is both the summary line and the last rule line of the rationale.
    expect(p.rationale[0]).toContain(`by rule ${c.rule}`);
    expect(p.rationale.filter((l) => l.startsWith('Rule ')).pop()).toMatch(new RegExp(`^Rule ${c.rule} .* applies: .* -> ${c.kind}\\.$`));
  });

  test('every rule looked at before the deciding one is recorded as not applying, in order', () => {
    const p = plan({ runtime: ext(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly']), capabilities: [C.API_READ] });
    const ruleLines = p.rationale.filter((l) => l.startsWith('Rule '));
    expect(ruleLines.map((l) => Number(/^Rule (\d)/.exec(l)?.[1]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ruleLines.slice(0, 5).every((l) => l.includes('does not apply'))).toBe(true);
  });

  test('a fallback to rule 7 says which rule would have applied', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.TOKENS_MANAGE], policy: { serviceAccountsAvailable: false } });
    expect(p.rationale).toContain(
      'Rule 4 (service account required) would apply, but tokens:manage needs a service account and the policy says service accounts are not available; continuing with rule 7.',
    );
  });

  test('the small-group limit comes from the policy', () => {
    const request = { runtime: ext(), reach: Reach.group('team', { projectCount: 15 }), capabilities: [C.API_READ] };
    expect(plan(request).kind).toBe(K.SERVICE_ACCOUNT);
    expect(plan({ ...request, policy: { smallGroupMaxProjects: 20 } }).kind).toBe(K.GROUP_ACCESS_TOKEN);
  });

  test('container-registry:write from CI is a job token only on the source project itself (case-insensitive)', () => {
    const own = plan({ runtime: ci('Gitlab-Org/GitLab'), reach: Reach.project(GITLAB), capabilities: [C.CONTAINER_REGISTRY_WRITE] });
    expect(own.kind).toBe(K.CI_JOB_TOKEN);
    const withOther = plan({ runtime: ci(), reach: Reach.projects([GITLAB, 'gitlab-org/cng']), capabilities: [C.CONTAINER_REGISTRY_WRITE] });
    expect(withOther.kind).toBe(K.PROJECT_DEPLOY_TOKEN);
    expect(withOther.rationale).toContain(
      'Rule 1 (CI job token) does not apply: a job token can do container-registry:write only on its own project gitlab-org/gitlab.',
    );
  });
});

describe('the automations named in the seeds', () => {
  // GIVEN each automation as its owners describe it, THEN the identity, role and scopes are the narrowest.
  const seeds: [string, Partial<IdentityRequest> & Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'>, K, AccessLevel | undefined, S[]][] = [
    ['merge-request hygiene bot (Danger) comments and labels on MRs from CI',
      { runtime: ci(), reach: Reach.project(GITLAB), capabilities: [C.API_TRIAGE] }, K.PROJECT_ACCESS_TOKEN, AccessLevel.REPORTER, [S.API]],
    ['scheduled triage: reminders and restricted quick actions across gitlab-org',
      { runtime: ci('gitlab-org/quality/triage-ops'), reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.API_TRIAGE, C.API_MAINTAIN] }, K.SERVICE_ACCOUNT, AccessLevel.MAINTAINER, [S.API]],
    ['real-time triage reacting to issue and MR events from a web service',
      { runtime: ext(), reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.API_READ, C.API_TRIAGE] }, K.SERVICE_ACCOUNT, AccessLevel.REPORTER, [S.API]],
    ['test-report poster (Allure) comments on MRs from CI',
      { runtime: ci(), reach: Reach.project(GITLAB), capabilities: [C.API_TRIAGE] }, K.PROJECT_ACCESS_TOKEN, AccessLevel.REPORTER, [S.API]],
    ['retrospective generator reads a project and opens issues',
      { runtime: ext(), reach: Reach.project('gl-retrospectives/create-stage'), capabilities: [C.API_READ, C.API_WRITE] }, K.PROJECT_ACCESS_TOKEN, AccessLevel.DEVELOPER, [S.API]],
    ['runner releases: tags, releases and MRs across runner projects',
      { runtime: ci('gitlab-org/gitlab-runner'), reach: Reach.projects(['gitlab-org/gitlab-runner', 'gitlab-org/charts/gitlab-runner', 'gitlab-org/ci-cd/runner-tools/releaser']), capabilities: [C.REPOSITORY_WRITE, C.RELEASES_WRITE, C.API_WRITE] }, K.SERVICE_ACCOUNT, AccessLevel.DEVELOPER, [S.API, S.WRITE_REPOSITORY]],
    ['repository mirroring pushes to mirrors of several projects',
      { runtime: ext(), reach: Reach.projects(['gitlab-org/omnibus-gitlab', 'gitlab-org/build/omnibus-mirror/gitlab']), capabilities: [C.REPOSITORY_READ, C.REPOSITORY_WRITE] }, K.SERVICE_ACCOUNT, AccessLevel.DEVELOPER, [S.WRITE_REPOSITORY]],
    ['registry pulls from a cluster',
      { runtime: ext(), reach: Reach.project('gitlab-org/build/cng'), capabilities: [C.CONTAINER_REGISTRY_READ] }, K.PROJECT_DEPLOY_TOKEN, undefined, [S.READ_REGISTRY]],
    ['package publishing from an external build system',
      { runtime: ext(), reach: Reach.project('gitlab-org/gitlab-ui'), capabilities: [C.PACKAGE_REGISTRY_WRITE] }, K.PROJECT_DEPLOY_TOKEN, undefined, [S.READ_PACKAGE_REGISTRY, S.WRITE_PACKAGE_REGISTRY]],
    ['package publishing from its own CI',
      { runtime: ci('gitlab-org/gitlab-ui'), reach: Reach.project('gitlab-org/gitlab-ui'), capabilities: [C.PACKAGE_REGISTRY_WRITE] }, K.CI_JOB_TOKEN, undefined, []],
    ['cross-project CI package pull',
      { runtime: ci(), reach: Reach.project('gitlab-org/gitlab-ui'), capabilities: [C.PACKAGE_REGISTRY_READ] }, K.CI_JOB_TOKEN, undefined, []],
    ['pipeline trigger from an external scheduler',
      { runtime: ext(), reach: Reach.project('gitlab-org/build/omnibus-gitlab-mirror'), capabilities: [C.PIPELINE_TRIGGER] }, K.PIPELINE_TRIGGER_TOKEN, undefined, []],
  ];

  test.each(seeds)('%s', (_name, request, kind, accessLevel, scopes) => {
    const p = plan(request);
    expect(p.kind).toBe(kind);
    expect(p.accessLevel).toBe(accessLevel);
    expect(p.scopes).toEqual(scopes);
  });
});

describe('grants', () => {
  test('CI job token: an allowlist entry on each reached project other than the source, naming the source', () => {
    const p = plan({ runtime: ci(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly', 'gitlab-org/charts/gitlab']), capabilities: [C.REPOSITORY_READ] });
    expect(p.grants).toEqual([
      { type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'gitlab-org/charts/gitlab', source: GITLAB },
      { type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'gitlab-org/gitaly', source: GITLAB },
    ]);
    expect(p.lifetimeDays).toBeUndefined();
    expect(p.rotateBeforeDays).toBeUndefined();
  });

  test('CI job token on its own project needs no allowlist entry', () => {
    expect(plan({ runtime: ci(), reach: Reach.project(GITLAB), capabilities: [C.RELEASES_WRITE] }).grants).toEqual([]);
  });

  test('per-project tokens get the project name as suffix, the whole path where names clash', () => {
    const p = plan({ runtime: ext(), reach: Reach.projects(['a/runner', 'b/runner', 'gitlab-org/gitaly']), capabilities: [C.REPOSITORY_READ] });
    expect(p.grants.map((g) => [g.target, g.tokenName])).toEqual([
      ['a/runner', 'team-bot-a-runner'],
      ['b/runner', 'team-bot-b-runner'],
      ['gitlab-org/gitaly', 'team-bot-gitaly'],
    ]);
  });

  test('a single project deploy token carries the base name', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.REPOSITORY_READ] });
    expect(p.grants).toEqual([{ type: GrantType.DEPLOY_TOKEN, targetType: 'project', target: GITLAB, tokenName: 'team-bot' }]);
  });

  test('a service account gets a membership per project, or one on the group', () => {
    const projects = plan({ runtime: ext(), reach: Reach.projects(['x/b', 'x/a']), capabilities: [C.API_WRITE] });
    expect(projects.grants).toEqual([
      { type: GrantType.MEMBERSHIP, targetType: 'project', target: 'x/a', accessLevel: AccessLevel.DEVELOPER },
      { type: GrantType.MEMBERSHIP, targetType: 'project', target: 'x/b', accessLevel: AccessLevel.DEVELOPER },
    ]);
    const group = plan({ runtime: ext(), reach: Reach.group('x', { projectCount: 50 }), capabilities: [C.API_READ] });
    expect(group.grants).toEqual([{ type: GrantType.MEMBERSHIP, targetType: 'group', target: 'x', accessLevel: AccessLevel.REPORTER }]);
  });

  test('a bot user PAT states the memberships the bot user needs', () => {
    const p = plan({ runtime: ext(), reach: Reach.projects(['x/a', 'x/b']), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false } });
    expect(p.grants.map((g) => [g.type, g.target, g.accessLevel])).toEqual([
      [GrantType.BOT_USER_MEMBERSHIP, 'x/a', AccessLevel.REPORTER],
      [GrantType.BOT_USER_MEMBERSHIP, 'x/b', AccessLevel.REPORTER],
    ]);
    expect(p.botUserId).toBe(42);
  });
});

describe('findings', () => {
  test('a group access token carries a high-blast-radius warning', () => {
    const p = plan({ runtime: ext(), reach: Reach.group('team', { projectCount: 4 }), capabilities: [C.API_TRIAGE] });
    expect(p.findings).toEqual([
      {
        ruleId: 'GLID-010',
        level: 'warning',
        message:
          "group access token on team: a leak exposes all 4 projects of the group with role 'reporter'. Acceptable for small groups (at most 10); name the projects with Reach.projects to get a service account instead.",
      },
    ]);
  });

  test('a bot user PAT carries a last-resort warning', () => {
    const p = plan({ runtime: ext(), reach: Reach.projects(['x/a', 'x/b']), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false } });
    expect(p.findings.map((f) => [f.ruleId, f.level])).toEqual([['GLID-011', 'warning']]);
  });

  test('an explicit access level above the need is an error finding, not an exception', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_READ], accessLevel: AccessLevel.MAINTAINER });
    expect(p.accessLevel).toBe(AccessLevel.MAINTAINER);
    expect(p.requiredAccessLevel).toBe(AccessLevel.REPORTER);
    expect(p.findings).toEqual([
      {
        ruleId: 'GLID-007',
        level: 'error',
        message: "accessLevel 'maintainer' is above the 'reporter' the capabilities need (api:read needs reporter). Remove accessLevel, or suppress GLID-007 with a reason.",
      },
    ]);
  });

  test('an explicit access level equal to the need is clean', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_WRITE], accessLevel: AccessLevel.DEVELOPER });
    expect(p.findings).toEqual([]);
  });

  test('narrow identities have no findings', () => {
    expect(plan({ runtime: ci(), reach: Reach.project('gitlab-org/gitaly'), capabilities: [C.REPOSITORY_READ] }).findings).toEqual([]);
  });
});

describe('merge-request bots', () => {
  test('api:write with repository:write exposes the bot-authored label', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_WRITE, C.REPOSITORY_WRITE] });
    expect(p.labels).toEqual(['automation:bot-authored']);
  });

  test.each([[[C.API_WRITE]], [[C.REPOSITORY_WRITE]], [[C.API_TRIAGE, C.REPOSITORY_WRITE]]])('%j alone is not a merge-request bot', (capabilities) => {
    expect(plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities }).labels).toEqual([]);
  });
});

describe('plan basics', () => {
  test('name, description and lifetime', () => {
    const p = planIdentity({
      owner: 'quality', purpose: 'allure-report', runtime: ci(), reach: Reach.project(GITLAB), capabilities: [C.API_TRIAGE],
      policy: { namePrefix: 'acme-' }, lifetimeDays: 30, rotateBeforeDays: 7,
    });
    expect(p.name).toBe('acme-quality-allure-report');
    expect(p.description).toBe('quality/allure-report: project-access-token');
    expect([p.lifetimeDays, p.rotateBeforeDays]).toEqual([30, 7]);
  });

  test('the description depends on owner, purpose and kind only, not on reach or rationale', () => {
    const p = planIdentity({ owner: 'o', purpose: 'p', runtime: ext(), reach: Reach.group('a'.repeat(200), { projectCount: 500 }), capabilities: [C.API_READ] });
    expect(p.description).toBe('o/p: service-account');
  });

  test('capabilities are deduplicated and put in canonical order', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_WRITE, C.API_READ, C.API_WRITE] });
    expect(p.capabilities).toEqual([C.API_READ, C.API_WRITE]);
  });

  test('an unused botUserId is noted, not used', () => {
    const p = plan({ runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_READ] });
    expect(p.botUserId).toBeUndefined();
    expect(p.rationale).toContain('botUserId 42 is not used: a project-access-token was chosen.');
  });

  test('the plan and its collections are frozen', () => {
    const p = plan({ runtime: ext(), reach: Reach.projects(['x/a', 'x/b']), capabilities: [C.API_READ] });
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.scopes)).toBe(true);
    expect(Object.isFrozen(p.grants[0])).toBe(true);
    expect(Object.isFrozen(p.reach)).toBe(true);
    expect(() => (p.scopes as S[]).push(S.SUDO)).toThrow(TypeError);
  });
});

describe('every decision, field by field', () => {
  // GIVEN every decision case above and the variations of role, lifetime and bot user
  // WHEN planned THEN every structured field of the plan is the expected one, the rules were looked at in the
  // expected order with the expected outcome, and the deciding reason names the data that drove it. The
  // rationale's wording is not pinned: it is prose for reviewers (its sentences are tested in decision-steps,
  // overlap and the findings tests).
  type Req = Partial<IdentityRequest> & Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'>;
  const variations: [string, Req][] = [
    ['explicit role above the need', { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_READ], accessLevel: AccessLevel.MAINTAINER }],
    ['explicit role equal to the need', { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_READ], accessLevel: AccessLevel.REPORTER }],
    ['lifetime and rotation set', { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.API_READ], lifetimeDays: 30, rotateBeforeDays: 7 }],
    ['a trigger replaced every 60 days', { runtime: ext(), reach: Reach.project(GITLAB), capabilities: [C.PIPELINE_TRIGGER], lifetimeDays: 60 }],
    ['group deploy token writing to a large group', { runtime: ext(), reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.CONTAINER_REGISTRY_WRITE, C.PACKAGE_REGISTRY_WRITE] }],
    ['one-project group', { runtime: ext(), reach: Reach.group('team', { projectCount: 1 }), capabilities: [C.API_READ] }],
    ['merge-request bot', { runtime: ext(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly']), capabilities: [C.API_WRITE, C.REPOSITORY_WRITE] }],
    ['job token for artifacts and releases', { runtime: ci(), reach: Reach.projects([GITLAB, 'gitlab-org/gitaly']), capabilities: [C.JOB_ARTIFACTS_READ, C.RELEASES_WRITE] }],
  ];
  const all: [string, Req][] = [...cases.map((c) => [c.name, c.request] as [string, Req]), ...variations];

  interface Expected {
    readonly kind: K;
    readonly rule: number;
    /** [accessLevel, requiredAccessLevel], for kinds with a role. */
    readonly role?: readonly [AccessLevel, AccessLevel];
    readonly scopes: readonly S[];
    readonly grants: readonly Grant[];
    /** [lifetimeDays, rotateBeforeDays]; absent for the CI job token. */
    readonly days?: readonly [number, number];
    readonly labels?: readonly string[];
    readonly botUserId?: number;
    /** [serviceAccountGroup, serviceAccountUsername], for service accounts. */
    readonly account?: readonly [string, string];
    /** [ruleId, level] of each finding. */
    readonly findings?: readonly (readonly [string, string])[];
    /** Each rule looked at, in order: `-` does not apply, `>` would apply but defers to rule 7, `+` decides. */
    readonly trail: string;
    /** What the deciding (or deferring) rule's reason must name: the project, group, size, capability or source. */
    readonly why: readonly string[];
    /** Skipped rules whose reason must name something: rule number -> what. */
    readonly skipWhy?: Readonly<Record<number, string>>;
  }

  const R = AccessLevel.REPORTER;
  const D = AccessLevel.DEVELOPER;
  const M = AccessLevel.MAINTAINER;
  const DEFAULT_DAYS = [90, 14] as const;
  const allow = (target: string): Grant => ({ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target, source: GITLAB });
  const trigger = (target: string, tokenName = 'team-bot', keySuffix?: string): Grant =>
    ({ type: GrantType.PIPELINE_TRIGGER, targetType: 'project', target, tokenName, ...(keySuffix ? { keySuffix } : {}) });
  const deploy = (targetType: 'project' | 'group', target: string): Grant => ({ type: GrantType.DEPLOY_TOKEN, targetType, target, tokenName: 'team-bot' });
  const accessToken = (targetType: 'project' | 'group', target: string, accessLevel: AccessLevel): Grant =>
    ({ type: GrantType.ACCESS_TOKEN, targetType, target, tokenName: 'team-bot', accessLevel });
  const member = (targetType: 'project' | 'group', target: string, accessLevel: AccessLevel): Grant => ({ type: GrantType.MEMBERSHIP, targetType, target, accessLevel });
  const botMember = (targetType: 'project' | 'group', target: string, accessLevel: AccessLevel): Grant =>
    ({ type: GrantType.BOT_USER_MEMBERSHIP, targetType, target, accessLevel });
  const JOB_TOKEN = { kind: K.CI_JOB_TOKEN, rule: 1, scopes: [], trail: '1+', why: [GITLAB] } as const;

  const expected: Record<string, Expected> = {
    // Rule 1
    'CI clone of another project': { ...JOB_TOKEN, grants: [allow('gitlab-org/gitaly')] },
    'CI package publish to own project': { ...JOB_TOKEN, grants: [] },
    'CI image push to own project': { ...JOB_TOKEN, grants: [] },
    'CI releases and deployments across projects': { ...JOB_TOKEN, grants: [allow('gitlab-org/charts/gitlab')] },
    'CI downstream pipeline trigger': { ...JOB_TOKEN, grants: [allow('gitlab-org/build/omnibus-gitlab-mirror')] },
    'job token for artifacts and releases': { ...JOB_TOKEN, grants: [allow('gitlab-org/gitaly')] },
    // Rule 2
    'external trigger of one project': {
      kind: K.PIPELINE_TRIGGER_TOKEN, rule: 2, scopes: [], grants: [trigger(GITLAB)], days: DEFAULT_DAYS, trail: '1- 2+', why: [],
    },
    'external trigger of several projects': {
      kind: K.PIPELINE_TRIGGER_TOKEN, rule: 2, scopes: [], days: DEFAULT_DAYS, trail: '1- 2+', why: [],
      grants: [trigger('gitlab-org/gitaly', 'team-bot-gitaly', '_GITALY'), trigger(GITLAB, 'team-bot-gitlab', '_GITLAB')],
    },
    'a trigger replaced every 60 days': {
      kind: K.PIPELINE_TRIGGER_TOKEN, rule: 2, scopes: [], grants: [trigger(GITLAB)], days: [60, 14], trail: '1- 2+', why: [],
    },
    // Rule 3
    'cluster image pulls from one project': {
      kind: K.PROJECT_DEPLOY_TOKEN, rule: 3, scopes: [S.READ_REGISTRY], grants: [deploy('project', GITLAB)], days: DEFAULT_DAYS, trail: '1- 2- 3+', why: [],
      skipWhy: { 2: 'trigger' },
    },
    'cluster image pulls from a whole group': {
      kind: K.GROUP_DEPLOY_TOKEN, rule: 3, scopes: [S.READ_REGISTRY], grants: [deploy('group', 'gitlab-org')], days: DEFAULT_DAYS, trail: '1- 2- 3+', why: ['gitlab-org'],
    },
    'external package publishing': {
      kind: K.PROJECT_DEPLOY_TOKEN, rule: 3, scopes: [S.READ_PACKAGE_REGISTRY, S.WRITE_PACKAGE_REGISTRY], grants: [deploy('project', GITLAB)], days: DEFAULT_DAYS,
      trail: '1- 2- 3+', why: [],
    },
    'CI cross-project registry push (rule 1 fails only on that)': {
      kind: K.PROJECT_DEPLOY_TOKEN, rule: 3, scopes: [S.READ_REGISTRY, S.WRITE_REGISTRY], grants: [deploy('project', 'gitlab-org/build/cng')], days: DEFAULT_DAYS,
      trail: '1- 2- 3+', why: [], skipWhy: { 1: 'container-registry:write' },
    },
    'CI clone of a whole group': {
      kind: K.GROUP_DEPLOY_TOKEN, rule: 3, scopes: [S.READ_REPOSITORY], grants: [deploy('group', 'gitlab-org/quality')], days: DEFAULT_DAYS,
      trail: '1- 2- 3+', why: ['gitlab-org/quality'], skipWhy: { 1: 'whole-group' },
    },
    'group deploy token writing to a large group': {
      kind: K.GROUP_DEPLOY_TOKEN, rule: 3, scopes: [S.READ_PACKAGE_REGISTRY, S.READ_REGISTRY, S.WRITE_PACKAGE_REGISTRY, S.WRITE_REGISTRY],
      grants: [deploy('group', 'gitlab-org')], days: DEFAULT_DAYS, findings: [['GLID-017', 'warning']], trail: '1- 2- 3+', why: ['gitlab-org'],
    },
    // Rule 4
    'Terraform bootstrap on one project': {
      kind: K.SERVICE_ACCOUNT, rule: 4, role: [M, M], scopes: [S.API], grants: [member('project', GITLAB, M)], days: DEFAULT_DAYS,
      account: ['gitlab-org', 'gitlab-org_team-bot'], trail: '1- 2- 3- 4+', why: ['tokens:manage'], skipWhy: { 3: 'tokens:manage' },
    },
    'token management on a small group still needs a service account': {
      kind: K.SERVICE_ACCOUNT, rule: 4, role: [M, M], scopes: [S.API], grants: [member('group', 'team', M)], days: DEFAULT_DAYS,
      account: ['team', 'team_team-bot'], trail: '1- 2- 3- 4+', why: ['tokens:manage'],
    },
    // Rule 5
    'API read on one project': {
      kind: K.PROJECT_ACCESS_TOKEN, rule: 5, role: [R, R], scopes: [S.READ_API], grants: [accessToken('project', GITLAB, R)], days: DEFAULT_DAYS,
      trail: '1- 2- 3- 4- 5+', why: [GITLAB], skipWhy: { 3: 'api:read' },
    },
    'one-element project list counts as one project': {
      kind: K.PROJECT_ACCESS_TOKEN, rule: 5, role: [D, D], scopes: [S.API], grants: [accessToken('project', GITLAB, D)], days: DEFAULT_DAYS,
      trail: '1- 2- 3- 4- 5+', why: [GITLAB],
    },
    'explicit role above the need': {
      kind: K.PROJECT_ACCESS_TOKEN, rule: 5, role: [M, R], scopes: [S.READ_API], grants: [accessToken('project', GITLAB, M)], days: DEFAULT_DAYS,
      findings: [['GLID-007', 'error']], trail: '1- 2- 3- 4- 5+', why: [GITLAB],
    },
    'explicit role equal to the need': {
      kind: K.PROJECT_ACCESS_TOKEN, rule: 5, role: [R, R], scopes: [S.READ_API], grants: [accessToken('project', GITLAB, R)], days: DEFAULT_DAYS,
      trail: '1- 2- 3- 4- 5+', why: [GITLAB],
    },
    'lifetime and rotation set': {
      kind: K.PROJECT_ACCESS_TOKEN, rule: 5, role: [R, R], scopes: [S.READ_API], grants: [accessToken('project', GITLAB, R)], days: [30, 7],
      trail: '1- 2- 3- 4- 5+', why: [GITLAB],
    },
    // Rule 6
    'named projects get a service account': {
      kind: K.SERVICE_ACCOUNT, rule: 6, role: [R, R], scopes: [S.API], grants: [member('project', 'gitlab-org/gitaly', R), member('project', GITLAB, R)],
      days: DEFAULT_DAYS, account: ['gitlab-org', 'gitlab-org_team-bot'], trail: '1- 2- 3- 4- 5- 6+', why: ['2 named projects'],
    },
    'merge-request bot': {
      kind: K.SERVICE_ACCOUNT, rule: 6, role: [D, D], scopes: [S.API, S.WRITE_REPOSITORY], grants: [member('project', 'gitlab-org/gitaly', D), member('project', GITLAB, D)],
      days: DEFAULT_DAYS, labels: ['automation:bot-authored'], account: ['gitlab-org', 'gitlab-org_team-bot'], trail: '1- 2- 3- 4- 5- 6+', why: ['2 named projects'],
    },
    'a large group gets a service account': {
      kind: K.SERVICE_ACCOUNT, rule: 6, role: [R, R], scopes: [S.API], grants: [member('group', 'gitlab-org', R)], days: DEFAULT_DAYS,
      account: ['gitlab-org', 'gitlab-org_team-bot'], trail: '1- 2- 3- 4- 5- 6+', why: ['gitlab-org', '350 projects'],
    },
    'a small group gets a group token': {
      kind: K.GROUP_ACCESS_TOKEN, rule: 6, role: [R, R], scopes: [S.API], grants: [accessToken('group', 'team', R)], days: DEFAULT_DAYS,
      findings: [['GLID-010', 'warning']], trail: '1- 2- 3- 4- 5- 6+', why: ['team', '10 projects', 'at most 10'],
    },
    'one-project group': {
      kind: K.GROUP_ACCESS_TOKEN, rule: 6, role: [R, R], scopes: [S.READ_API], grants: [accessToken('group', 'team', R)], days: DEFAULT_DAYS,
      findings: [['GLID-010', 'warning']], trail: '1- 2- 3- 4- 5- 6+', why: ['team', '1 project,'],
    },
    'a small group without group tokens allowed gets a service account': {
      kind: K.SERVICE_ACCOUNT, rule: 6, role: [R, R], scopes: [S.API], grants: [member('group', 'team', R)], days: DEFAULT_DAYS,
      account: ['team', 'team_team-bot'], trail: '1- 2- 3- 4- 5- 6+', why: ['team', '4 projects'],
    },
    'a group one above the small limit gets a service account': {
      kind: K.SERVICE_ACCOUNT, rule: 6, role: [R, R], scopes: [S.API], grants: [member('group', 'team', R)], days: DEFAULT_DAYS,
      account: ['team', 'team_team-bot'], trail: '1- 2- 3- 4- 5- 6+', why: ['team', '11 projects'],
    },
    'a group trigger cannot use trigger tokens': {
      kind: K.SERVICE_ACCOUNT, rule: 6, role: [D, D], scopes: [S.API], grants: [member('group', 'team', D)], days: DEFAULT_DAYS,
      account: ['team', 'team_team-bot'], trail: '1- 2- 3- 4- 5- 6+', why: ['team', '30 projects'], skipWhy: { 2: 'Reach.projects' },
    },
    'a small group without service accounts still gets a group token (rule 6)': {
      kind: K.GROUP_ACCESS_TOKEN, rule: 6, role: [R, R], scopes: [S.READ_API], grants: [accessToken('group', 'team', R)], days: DEFAULT_DAYS,
      findings: [['GLID-010', 'warning']], trail: '1- 2- 3- 4- 5- 6+', why: ['team', '2 projects'],
    },
    // Rule 7: `why` is what the deferring rule names.
    'several projects without service accounts fall back to a bot PAT': {
      kind: K.PERSONAL_ACCESS_TOKEN, rule: 7, role: [R, R], scopes: [S.READ_API], grants: [botMember('project', 'gitlab-org/gitaly', R), botMember('project', GITLAB, R)],
      days: DEFAULT_DAYS, botUserId: 42, findings: [['GLID-011', 'warning']], trail: '1- 2- 3- 4- 5- 6> 7+', why: ['2 named projects', 'service accounts are not available'],
    },
    'token management without service accounts falls back to a bot PAT': {
      kind: K.PERSONAL_ACCESS_TOKEN, rule: 7, role: [M, M], scopes: [S.API], grants: [botMember('project', GITLAB, M)], days: DEFAULT_DAYS, botUserId: 42,
      findings: [['GLID-011', 'warning']], trail: '1- 2- 3- 4> 7+', why: ['tokens:manage', 'service accounts are not available'],
    },
    'token management on a small group without service accounts is never a group token': {
      kind: K.PERSONAL_ACCESS_TOKEN, rule: 7, role: [M, M], scopes: [S.API], grants: [botMember('group', 'team', M)], days: DEFAULT_DAYS, botUserId: 42,
      findings: [['GLID-011', 'warning']], trail: '1- 2- 3- 4> 7+', why: ['tokens:manage', 'service accounts are not available'],
    },
    'a large group without service accounts falls back to a bot PAT': {
      kind: K.PERSONAL_ACCESS_TOKEN, rule: 7, role: [R, R], scopes: [S.READ_API], grants: [botMember('group', 'gitlab-org', R)], days: DEFAULT_DAYS, botUserId: 42,
      findings: [['GLID-011', 'warning']], trail: '1- 2- 3- 4- 5- 6> 7+', why: ['gitlab-org', '350 projects', 'service accounts are not available'],
    },
  };

  const OUTCOMES: Record<string, string> = { 'does not apply': '-', 'would apply': '>', applies: '+' };
  /** Each `Rule N (...)` line of the rationale as `N` and its outcome. */
  const ruleLines = (rationale: readonly string[]) => rationale.flatMap((line) => {
    const m = /^Rule (\d) \([^)]*\) (does not apply|would apply|applies)\b/.exec(line);
    return m ? [{ rule: Number(m[1]), outcome: OUTCOMES[m[2]], line }] : [];
  });

  test('every case has its expectation, and every expectation its case', () => {
    expect(Object.keys(expected).sort()).toEqual(all.map(([name]) => name).sort());
  });

  test.each(all)('%s', (name, request) => {
    const e = expected[name];
    const p = plan(request);
    const { rationale, findings, ...fields } = p;
    expect(fields).toEqual({
      kind: e.kind,
      decisionRule: e.rule,
      name: 'team-bot',
      owner: 'team',
      purpose: 'bot',
      description: `team/bot: ${e.kind}`,
      runtime: request.runtime.describe(),
      reach: request.reach.describe(),
      capabilities: sortCapabilities(request.capabilities as readonly C[]),
      ...(e.role ? { accessLevel: e.role[0], requiredAccessLevel: e.role[1] } : {}),
      scopes: e.scopes,
      grants: e.grants,
      ...(e.days ? { lifetimeDays: e.days[0], rotateBeforeDays: e.days[1] } : {}),
      labels: e.labels ?? [],
      ...(e.botUserId !== undefined ? { botUserId: e.botUserId } : {}),
      ...(e.account ? { serviceAccountGroup: e.account[0], serviceAccountUsername: e.account[1] } : {}),
    });
    expect(findings.map((f) => [f.ruleId, f.level])).toEqual(e.findings ?? []);

    const rules = ruleLines(rationale);
    expect(rules.map((r) => `${r.rule}${r.outcome}`).join(' ')).toBe(e.trail);
    // The summary names the kind and the deciding rule; the deciding (and any deferring) rule names what drove it.
    expect(rationale[0].startsWith(`${e.kind} chosen by rule ${e.rule}: `)).toBe(true);
    const deciding = rules.filter((r) => r.outcome !== '-').map((r) => r.line).join('\n');
    for (const word of e.why) expect([name, deciding]).toEqual([name, expect.stringContaining(word)]);
    for (const [rule, word] of Object.entries(e.skipWhy ?? {})) {
      expect([name, rules.find((r) => r.rule === Number(rule))?.line]).toEqual([name, expect.stringContaining(word)]);
    }
    // The role, when there is one, is explained by the capability that needs it, or, when set above the need,
    // by the role that would have sufficed.
    const roleLine = rationale.find((l) => l.startsWith('Access level '));
    if (e.role) {
      expect(roleLine).toContain(`Access level ${e.role[0]}:`);
      expect(roleLine).toContain(e.role[0] === e.role[1] ? requiredAccessLevel(p.capabilities).because : `required ${e.role[1]}`);
    } else {
      expect(roleLine).toBeUndefined();
    }
  });
});

describe('contactEmail (GLID-019)', () => {
  const sa = (overrides: Record<string, unknown> = {}) => planIdentity({
    owner: 'quality', purpose: 'triage', runtime: ext(), reach: Reach.projects(['acme/a', 'acme/b']), capabilities: [C.API_READ], ...overrides,
  });

  test('a service account gets the address plus-tagged with its name, and a warning that it must be confirmed', () => {
    const p = sa({ contactEmail: 'bots@example.com' });
    expect(p.serviceAccountEmail).toBe('bots+quality-triage@example.com');
    expect(p.findings.map((f) => [f.ruleId, f.level])).toEqual([['GLID-019', 'warning']]);
    expect(p.findings[0].message).toContain("'bots+quality-triage@example.com'");
    expect(p.findings[0].message).toMatch(/inactive.*until the address is confirmed/);
    expect(p.findings[0].message).toMatch(/verified the domain/);
    expect(p.findings[0].message).toMatch(/replaces every service account/);
  });

  test('the policy\'s contactEmail counts too', () => {
    expect(sa({ policy: { contactEmail: 'bots@example.com' } }).findings.map((f) => f.ruleId)).toEqual(['GLID-019']);
  });

  test('a Terraform reference is kept as it is, and still warned about', () => {
    const p = sa({ contactEmail: '${var.bots_email}' });
    expect(p.serviceAccountEmail).toBe('${var.bots_email}');
    expect(p.findings[0].message).toContain('from a Terraform reference');
  });

  test('no email, no finding; other kinds ignore it', () => {
    expect(sa().findings).toEqual([]);
    expect(sa().serviceAccountEmail).toBeUndefined();
    const pat = planIdentity({ owner: 'q', purpose: 't', runtime: ext(), reach: Reach.project('acme/a'), capabilities: [C.API_READ], contactEmail: 'bots@example.com' });
    expect([pat.kind, pat.findings, pat.serviceAccountEmail]).toEqual(['project-access-token', [], undefined]);
  });

  test.each([42, 'not an email', ''])('an invalid contactEmail %p is refused, naming the field', (value) => {
    expect(() => sa({ contactEmail: value })).toThrow(expect.objectContaining({ code: 'INVALID_EMAIL', field: 'contactEmail' }));
  });
});
