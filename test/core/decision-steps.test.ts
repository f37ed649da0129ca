/**
 * The steps of the decision a reviewer reads in `plan.rationale` and `gitlab-identity explain`: why each
 * rule before the chosen one did not apply, in the words that name the capabilities and projects at fault;
 * plus the plan's description at GitLab's 255-character limit and the note on an unused botUserId.
 */
import { Capability as C, IdentityKind as K, IdentityRequest, MAX_DESCRIPTION_LENGTH, Reach, Runtime, planIdentity } from '../../lib/core';

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
