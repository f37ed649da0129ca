/**
 * The steps of the decision a reviewer reads in `plan.rationale` and `gitlab-identity explain`: why each
 * rule before the chosen one did not apply, in the words that name the capabilities and projects at fault;
 * plus the plan's description at GitLab's 255-character limit and the note on an unused botUserId.
 */
import { Capability as C, IdentityKind as K, IdentityRequest, MAX_DESCRIPTION_LENGTH, Reach, Runtime, planIdentity, topLevelGroupsOf } from '../../lib/core';

const GITLAB = 'gitlab-org/gitlab';
const GITALY = 'gitlab-org/gitaly';

function plan(request: Partial<IdentityRequest> & Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'>) {
  return planIdentity({ owner: 'team', purpose: 'bot', ...request });
}

describe('why a rule did not apply', () => {
  test('GIVEN a CI automation with capabilities a job token lacks THEN rule 1 names every one of them', () => {
    const p = plan({ runtime: Runtime.ciPipeline(GITLAB), reach: Reach.project(GITALY), capabilities: [C.API_READ, C.REPOSITORY_WRITE] });
    expect(p.rationale).toContain('Rule 1 (CI job token) does not apply: a job token cannot do repository:write, api:read.');
    expect(p.rationale).toContain('Rule 3 (deploy token) does not apply: a deploy token cannot do repository:write, api:read.');
  });

  test('GIVEN a CI automation pushing images to another project THEN rule 1 says the push works only on its own project', () => {
    const p = plan({ runtime: Runtime.ciPipeline(GITLAB), reach: Reach.project(GITALY), capabilities: [C.CONTAINER_REGISTRY_WRITE] });
    expect(p.kind).toBe(K.PROJECT_DEPLOY_TOKEN);
    expect(p.rationale).toContain(
      'Rule 1 (CI job token) does not apply: a job token can do container-registry:write only on its own project gitlab-org/gitlab.',
    );
  });

  test('GIVEN an external system that triggers pipelines and also reads the API THEN rule 2 does not apply: it does more', () => {
    const p = plan({ runtime: Runtime.external(), reach: Reach.project(GITALY), capabilities: [C.PIPELINE_TRIGGER, C.API_READ] });
    expect(p.kind).toBe(K.PROJECT_ACCESS_TOKEN);
    expect(p.rationale).toContain('Rule 2 (pipeline trigger token) does not apply: it does more than trigger pipelines.');
  });

  test('GIVEN deploy-token capabilities on several projects THEN the reason says one token per project; on one project it does not', () => {
    const several = plan({ runtime: Runtime.external(), reach: Reach.projects([GITALY, GITLAB]), capabilities: [C.REPOSITORY_READ] });
    expect(several.rationale[0]).toBe('project-deploy-token chosen by rule 3: only repository and registry access is needed, one token per project.');
    const one = plan({ runtime: Runtime.external(), reach: Reach.project(GITALY), capabilities: [C.REPOSITORY_READ] });
    expect(one.rationale[0]).toBe('project-deploy-token chosen by rule 3: only repository and registry access is needed.');
  });

  test('GIVEN no service accounts and a large group THEN rule 7 chooses the bot user token and says it is the last resort', () => {
    const p = plan({
      runtime: Runtime.external(), reach: Reach.group('gitlab-org', { projectCount: 50 }), capabilities: [C.API_READ],
      policy: { serviceAccountsAvailable: false }, botUserId: 42,
    });
    expect(p.kind).toBe(K.PERSONAL_ACCESS_TOKEN);
    expect(p.rationale).toContain(
      'Rule 6 (several projects) would apply, but the reach is the group gitlab-org (50 projects) and the policy says service accounts are not available; continuing with rule 7.',
    );
    expect(p.rationale[0]).toBe('personal-access-token chosen by rule 7: without service accounts, the last resort is a personal access token of an existing bot user.');
  });

  test('GIVEN no service accounts and a small group THEN rule 6 already chooses the group token (rule 7 is not consulted)', () => {
    const p = plan({
      runtime: Runtime.external(), reach: Reach.group('gitlab-org/quality', { projectCount: 3 }), capabilities: [C.API_READ],
      policy: { serviceAccountsAvailable: false },
    });
    expect(p.kind).toBe(K.GROUP_ACCESS_TOKEN);
    expect(p.rationale.some((line) => line.startsWith('Rule 7'))).toBe(false);
  });
});

describe('botUserId', () => {
  test('GIVEN a botUserId and a personal access token chosen THEN it is used, with no note', () => {
    const p = plan({
      runtime: Runtime.external(), reach: Reach.projects([GITALY, GITLAB]), capabilities: [C.API_READ],
      policy: { serviceAccountsAvailable: false }, botUserId: 42,
    });
    expect(p.kind).toBe(K.PERSONAL_ACCESS_TOKEN);
    expect(p.rationale.filter((line) => line.includes('botUserId'))).toEqual([]);
  });

  test('GIVEN a botUserId and another kind chosen THEN the rationale says it is not used', () => {
    const p = plan({ runtime: Runtime.external(), reach: Reach.project(GITALY), capabilities: [C.API_READ], botUserId: 42 });
    expect(p.rationale).toContain('botUserId 42 is not used: a project-access-token was chosen.');
  });

  test('GIVEN no botUserId THEN nothing is said about it', () => {
    const p = plan({ runtime: Runtime.external(), reach: Reach.project(GITALY), capabilities: [C.API_READ] });
    expect(p.rationale.filter((line) => line.includes('botUserId'))).toEqual([]);
  });
});

describe('the description at the 255-character limit', () => {
  // owner + purpose fill the description; the policy's maxNameLength lets them grow to GitLab's 255.
  const described = (purpose: string) =>
    plan({ owner: 'team', purpose, runtime: Runtime.external(), reach: Reach.project(GITALY), capabilities: [C.API_READ], policy: { maxNameLength: 255 } }).description;
  const fixed = described('p').length - 1;

  test('GIVEN a description of exactly 255 characters THEN it is kept whole', () => {
    const text = described('p'.repeat(MAX_DESCRIPTION_LENGTH - fixed));
    expect(text).toHaveLength(255);
    expect(text.endsWith(': project-access-token')).toBe(true);
  });

  test('GIVEN one character more THEN it is cut to 252 characters and "..."', () => {
    const purpose = 'p'.repeat(MAX_DESCRIPTION_LENGTH - fixed + 1);
    const text = described(purpose);
    expect(text).toHaveLength(255);
    expect(text).toBe(`team/${purpose}: project-access-token`.slice(0, 252) + '...');
  });
});

describe('every step, by its key parts', () => {
  /** The one step of rule `n`; its text must hold every part. */
  const stepOf = (rationale: readonly string[], n: number, ...parts: string[]) => {
    const steps = rationale.filter((l) => l.startsWith(`Rule ${n} (`));
    expect(steps).toHaveLength(1);
    for (const part of parts) expect(steps[0]).toContain(part);
    return steps[0];
  };
  const external = (r: Partial<IdentityRequest>) => plan({ runtime: Runtime.external(), reach: Reach.projects([GITALY, GITLAB]), capabilities: [C.API_READ], ...r });
  const SELF_MANAGED_FREE_18_6 = { offering: 'self-managed', tier: 'free', version: '18.6' } as const;

  test('GIVEN an external automation THEN rule 1 is skipped: it does not run in CI; and one in CI skips rule 2: it does', () => {
    stepOf(external({}).rationale, 1, 'does not apply', 'does not run in GitLab CI');
    const ci = plan({ runtime: Runtime.ciPipeline(GITLAB), reach: Reach.project(GITALY), capabilities: [C.API_READ] });
    stepOf(ci.rationale, 2, 'does not apply', 'runs in GitLab CI');
  });

  test('GIVEN an external system that only triggers pipelines THEN rule 2 says so', () => {
    const p = plan({ runtime: Runtime.external(), reach: Reach.project(GITALY), capabilities: [C.PIPELINE_TRIGGER] });
    expect(p.rationale[0]).toContain('an external system only starts pipelines');
    stepOf(p.rationale, 2, 'applies', 'only starts pipelines');
  });

  test('GIVEN no tokens:manage THEN rule 4 is skipped; several projects skip rule 5', () => {
    const p = external({});
    stepOf(p.rationale, 4, 'does not apply', 'does not manage tokens');
    stepOf(p.rationale, 5, 'does not apply', 'more than one project');
  });

  test('GIVEN tokens:manage across top-level groups on self-managed THEN rule 4 names the groups it spans', () => {
    const p = external({ capabilities: [C.TOKENS_MANAGE], reach: Reach.projects(['acme/app', 'beta/lib']), policy: { platform: { offering: 'self-managed', tier: 'premium' } } });
    expect(p.kind).toBe(K.INSTANCE_SERVICE_ACCOUNT);
    stepOf(p.rationale, 4, 'applies', 'tokens:manage', 'top-level groups acme, beta', 'instance service account');
  });

  // Reaches are built inside the tests (rows hold functions), where Stryker links the code they run to the test.
  test.each([
    ['a group', () => Reach.group('acme', { projectCount: 30 }), ['the group acme (30 projects)', 'membership on the group']],
    ['named projects', () => Reach.projects([GITALY, GITLAB]), ['2 named projects', 'membership on each project']],
  ])('GIVEN %s THEN rule 6 says where the service account is a member', (_, reach, parts) => {
    stepOf(external({ reach: reach() }).rationale, 6, 'applies', ...parts);
  });

  test('GIVEN one project on GitLab.com Free THEN rule 5 says why not, and rule 6 gives the service account a membership on it', () => {
    const p = external({ reach: Reach.project('acme/app'), policy: { platform: { offering: 'gitlab.com', tier: 'free' } } });
    expect(p.kind).toBe(K.SERVICE_ACCOUNT);
    stepOf(p.rationale, 5, 'does not apply', 'Premium or Ultimate on GitLab.com', 'the single project acme/app');
    stepOf(p.rationale, 6, 'applies', 'the single project acme/app', 'membership on it');
  });

  test('GIVEN GitLab.com Free THEN a small group says why it gets no group token; a large group is not said to', () => {
    const free = { platform: { offering: 'gitlab.com', tier: 'free' } } as const;
    stepOf(external({ reach: Reach.group('acme', { projectCount: 3 }), policy: free }).rationale, 6, 'group access tokens need Premium or Ultimate');
    expect(stepOf(external({ reach: Reach.group('acme', { projectCount: 30 }), policy: free }).rationale, 6)).not.toContain('group access tokens');
  });

  test('GIVEN no platform THEN the steps open with rule 1; with one, with the platform', () => {
    expect(external({}).rationale[1]).toMatch(/^Rule 1 /);
    expect(external({ policy: { platform: { offering: 'gitlab.com', tier: 'premium' } } }).rationale[1]).toBe('Platform: GitLab.com Premium.');
  });

  test.each([
    // The platform's reason, not the policy's, when the policy also switches service accounts off.
    ['the platform has none', { ...SELF_MANAGED_FREE_18_6 }, { serviceAccountsAvailable: false }, ['acme/app', 'acme/lib'], ['18.11', '18.6'], ['the policy says']],
    ['the platform has no instance service accounts', { ...SELF_MANAGED_FREE_18_6 }, {}, ['acme/app', 'beta/lib'], ['top-level groups acme, beta', 'instance service accounts need', '18.11'], []],
    ['the policy forbids them', { offering: 'self-managed', tier: 'premium' } as const, { serviceAccountsAvailable: false }, ['acme/app', 'beta/lib'], ['the policy says service accounts are not available'], []],
  ])('GIVEN %s THEN rule 6 defers to rule 7 and says why', (_, platform, policy, projects, parts, absent) => {
    const p = external({ reach: Reach.projects(projects), botUserId: 4, policy: { ...policy, platform } });
    expect(p.kind).toBe(K.PERSONAL_ACCESS_TOKEN);
    const step = stepOf(p.rationale, 6, 'would apply', ...parts);
    for (const part of absent) expect(step).not.toContain(part);
  });

  test('GIVEN no identity at all THEN the error lists the steps and names the platform once, as the value received', () => {
    let message = '';
    try {
      external({ policy: { serviceAccountsAvailable: false, platform: { offering: 'gitlab.com', tier: 'premium' } } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Rule 6 (several projects) would apply');
    expect(message.match(/GitLab\.com Premium/g)).toHaveLength(1);
  });
});

test('the top-level groups of a reach, lower-cased, each once (a group reach has its own)', () => {
  expect(topLevelGroupsOf(Reach.group('Acme/tools', { projectCount: 3 }))).toEqual(['acme']);
  expect(topLevelGroupsOf(Reach.projects(['beta/x', 'Acme/app', 'acme/lib']))).toEqual(['acme', 'beta']);
});
