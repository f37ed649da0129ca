/**
 * Edges of GLID-003 to GLID-019 that the rule-by-rule tests leave open: when a token's time_rotating schedule
 * counts as its plan's, who counts as an automation's member, where an identity's grants may be, which
 * platform has no hidden variables, when a plan already reported a finding; and the facts every message and
 * attribute must carry (each value, each list entry on its own, the attribute `check` points at).
 * Judged on credential descriptions: nothing is synthesized.
 */
import {
  Capability,
  Finding,
  GrantCredential,
  GrantType,
  IdentityKind,
  IdentityPlan,
  MembershipCredential,
  ProviderRequirementCredential,
  Reach,
  Runtime,
  RuntimeType,
  ServiceAccountCredential,
  known,
  planIdentity,
  unresolved,
} from '../../../lib/core';
import { subjectLabel } from '../../../lib/core/rules/describe';
import { PLANS, attributesOf, context, findingsOf, membership, output, rawToken, renderedToken, variable } from './fixtures';
import { mentioning, mentioningPattern } from '../../support/mentioning';

/** A finding a plan may carry that is not the rule's own. */
const otherFinding: Finding = { ruleId: 'GLID-010', level: 'warning', message: 'another finding of the plan' };

describe('GLID-003 lifetime-too-long: a time_rotating schedule against the plan', () => {
  // The plan replaces its deploy token every lifetime - rotateBefore days; expires_at adds rotateBefore.
  const plan = PLANS.projectDeployToken;
  const LIFETIME = plan.lifetimeDays as number;
  const BEFORE = plan.rotateBeforeDays as number;
  const PLANNED_EVERY = LIFETIME - BEFORE;
  const LABEL = ['gitlab_project_deploy_token', `'${plan.name}'`];
  const scheduled = (days: number, offset?: number) =>
    renderedToken(plan, { scheduleDays: known(days), ...(offset !== undefined ? { scheduleOffsetDays: offset } : {}) });

  test('GIVEN the plan of the fixtures WHEN read THEN it lives 90 days and is replaced 14 days before', () => {
    expect([LIFETIME, BEFORE, PLANNED_EVERY]).toEqual([90, 14, 76]);
  });

  test.each([
    ['without an expires_at offset', undefined],
    ['with the planned expires_at offset', BEFORE],
  ])('GIVEN the planned schedule %s WHEN the checks allow less than the plan THEN the plan\'s lifetime is judged, not the schedule', (_, offset) => {
    // GIVEN: 90 days planned, replaced every 76; the checks' policy allows 80
    const ctx = context({ policy: { maxLifetimeDays: 80 } });
    // WHEN
    const findings = findingsOf('GLID-003', scheduled(PLANNED_EVERY, offset), ctx);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-003', level: 'error', message: mentioning(...LABEL, '90', '80', 'maxLifetimeDays') }]);
    expect(findings[0].message).not.toMatch(mentioningPattern(String(PLANNED_EVERY)));
  });

  test('GIVEN a schedule other than the plan\'s and no offset WHEN it is longer than the policy THEN an error names the schedule', () => {
    // GIVEN: replaced every 300 days instead of 76
    const credential = scheduled(300);
    // WHEN
    const findings = findingsOf('GLID-003', credential);
    // THEN: the 300 days it lives and the 90 allowed
    expect(findings).toEqual([{ ruleId: 'GLID-003', level: 'error', message: mentioning(...LABEL, '300', '300', '90') }]);
    expect(attributesOf('GLID-003', credential)).toEqual(['rotation_configuration.expiration_days']);
  });

  test('GIVEN the planned schedule with an expires_at offset other than the plan\'s WHEN checked THEN it lives the schedule plus the offset', () => {
    // GIVEN: replaced every 76 days, each token expiring 30 days after its roll-over: 106 days
    const credential = scheduled(PLANNED_EVERY, 30);
    // WHEN
    const findings = findingsOf('GLID-003', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-003', level: 'error', message: mentioning(...LABEL, '106', '76', '90') }]);
  });

  test('GIVEN the planned schedule with a shorter offset WHEN the sum stays within the policy THEN it is compliant', () => {
    expect(findingsOf('GLID-003', scheduled(PLANNED_EVERY, 7))).toEqual([]);
  });

  test('GIVEN a fixed expires_at date WHEN checked THEN the lifetime cannot be judged and the finding points at expires_at', () => {
    // GIVEN
    const credential = rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { expiresAt: known('2030-01-01'), replacedOnSchedule: false });
    // WHEN
    const findings = findingsOf('GLID-003', credential);
    // THEN: what cannot be verified, the date, and what to use instead
    expect(findings).toEqual([{ ruleId: 'GLID-003', level: 'error', message: mentioning('lifetime', '2030-01-01', 'rotation_configuration') }]);
    expect(attributesOf('GLID-003', credential)).toEqual(['expires_at']);
  });
});

describe('GLID-004 rotate-before-invalid: a token that would rotate on every apply', () => {
  test('GIVEN rotate_before_days equal to expiration_days WHEN checked THEN the error names both and points at rotate_before_days', () => {
    // GIVEN
    const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(30), rotateBeforeDays: known(30) } });
    // WHEN
    const findings = findingsOf('GLID-004', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-004', level: 'error', message: mentioning('gitlab_project_access_token', '30', '30', 'every apply') }]);
    expect(attributesOf('GLID-004', credential)).toEqual(['rotation_configuration.rotate_before_days']);
  });
});

describe('GLID-006 owner-access-level: memberships written by hand', () => {
  const handWritten = (user: string): MembershipCredential => ({
    subject: 'membership',
    path: 'app/stack/membership',
    address: 'gitlab_project_membership.owner',
    resourceType: 'gitlab_project_membership',
    accessLevel: known('owner'),
    target: { type: 'project', value: known('gitlab-org/gitlab') },
    user: known(user),
  });

  test('GIVEN a hand-written owner membership of a service account WHEN checked THEN an error: it is an automation\'s', () => {
    // GIVEN
    const credential = handWritten('service account gitlab_group_service_account.bot');
    // WHEN
    const findings = findingsOf('GLID-006', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-006', level: 'error', message: mentioning('gitlab_project_membership', 'owner') }]);
    expect(attributesOf('GLID-006', credential)).toEqual(['access_level']);
  });

  test.each([
    ['a user by id', 'user 42'],
    ['a user whose description merely ends like a service account', 'user service account '],
  ])('GIVEN a hand-written owner membership of %s WHEN checked THEN it is a person\'s: the rule does not apply', (_, user) => {
    expect(findingsOf('GLID-006', handWritten(user))).toEqual([]);
  });

  test('GIVEN a hand-written owner membership whose member is computed at apply WHEN checked THEN it is not taken for an automation\'s', () => {
    expect(findingsOf('GLID-006', { ...handWritten('x'), user: unresolved('${var.user_id}') })).toEqual([]);
  });
});

describe('GLID-007 over-privileged: where an identity\'s grants and tokens are', () => {
  const perProject = planIdentity({
    owner: 'quality', purpose: 'images', runtime: Runtime.external(),
    reach: Reach.projects(['gitlab-org/gitlab', 'gitlab-org/quality']), capabilities: [Capability.CONTAINER_REGISTRY_READ],
  });
  const onProject = (path: string) => ({ target: { type: 'project' as const, value: path } });

  test('GIVEN the per-project plan of the fixtures WHEN read THEN it grants two projects a deploy token each', () => {
    expect(perProject.kind).toBe(IdentityKind.PROJECT_DEPLOY_TOKEN);
    expect(perProject.grants.map((g) => [g.targetType, g.target])).toEqual([['project', 'gitlab-org/gitlab'], ['project', 'gitlab-org/quality']]);
  });

  test.each(['gitlab-org/gitlab', 'gitlab-org/quality', 'GitLab-org/Quality'])(
    'GIVEN a per-project deploy token on %s, one of its plan\'s projects, WHEN checked THEN it is compliant', (path) => {
      expect(findingsOf('GLID-007', renderedToken(perProject, onProject(path)))).toEqual([]);
    });

  test('GIVEN a per-project deploy token moved to another project WHEN checked THEN the error lists each planned project', () => {
    expect(findingsOf('GLID-007', renderedToken(perProject, onProject('gitlab-org/other')))).toEqual([{
      ruleId: 'GLID-007', level: 'error',
      message: mentioning('gitlab_project_deploy_token', 'project gitlab-org/other', 'gitlab-org/gitlab', 'gitlab-org/quality'),
    }]);
  });

  test('GIVEN a deploy token with a scope beyond two planned ones WHEN checked THEN the error lists each planned scope', () => {
    // GIVEN
    const twoScopes = planIdentity({
      owner: 'quality', purpose: 'mirror', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'),
      capabilities: [Capability.REPOSITORY_READ, Capability.CONTAINER_REGISTRY_READ],
    });
    expect(twoScopes.scopes).toEqual(['read_registry', 'read_repository']);
    // WHEN
    const findings = findingsOf('GLID-007', renderedToken(twoScopes, { scopes: known(['read_registry', 'read_repository', 'write_registry']) }));
    // THEN
    expect(findings).toEqual([{
      ruleId: 'GLID-007', level: 'error', message: mentioning('write_registry', 'read_registry', 'read_repository'),
    }]);
  });

  test('GIVEN an identity\'s membership moved from its project to a group of the same path WHEN checked THEN an error: its plan grants no group', () => {
    // GIVEN: the plan grants project gitlab-org/gitlab; the membership is on group gitlab-org/gitlab
    expect(PLANS.serviceAccount.grants.map((g) => [g.targetType, g.target])).toEqual([['project', 'gitlab-org/gitlab']]);
    const credential = membership(PLANS.serviceAccount, { target: { type: 'group', value: known('gitlab-org/gitlab') } });
    // WHEN
    const findings = findingsOf('GLID-007', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-007', level: 'error', message: mentioning('gitlab_project_membership', 'group gitlab-org/gitlab') }]);
  });

  test('GIVEN an identity\'s membership on its planned project WHEN checked THEN it is compliant', () => {
    const credential = membership(PLANS.serviceAccount, { target: { type: 'project', value: known('gitlab-org/gitlab') } });
    expect(findingsOf('GLID-007', credential)).toEqual([]);
  });

  test('GIVEN a job-token allowlist entry an identity rendered, moved to another project, WHEN checked THEN an error names the project', () => {
    // GIVEN: jobs of the source project may access gitlab-org/gitlab; the entry was moved to gitlab-org/other
    const inCi = planIdentity({
      owner: 'quality', purpose: 'triage', runtime: Runtime.ciPipeline('gitlab-org/quality/triage-ops'),
      reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.REPOSITORY_READ],
    });
    expect(inCi.grants.map((g) => [g.type, g.target])).toEqual([[GrantType.JOB_TOKEN_ALLOWLIST, 'gitlab-org/gitlab']]);
    const entry = (path: string): GrantCredential => ({
      subject: 'grant', path: 'app/stack/allowlist', resourceType: 'gitlab_project_job_token_scopes', what: 'job-token allowlist', plan: inCi,
      target: { type: 'project', value: known(path) }, grantees: [known('project gitlab-org/quality/triage-ops')],
    });
    // WHEN / THEN
    expect(findingsOf('GLID-007', entry('gitlab-org/gitlab'))).toEqual([]);
    expect(findingsOf('GLID-007', entry('gitlab-org/other'))).toEqual([{
      ruleId: 'GLID-007', level: 'error', message: mentioning('gitlab_project_job_token_scopes', 'project gitlab-org/other', 'gitlab-org/gitlab'),
    }]);
  });

  test('GIVEN a membership whose plan grants nothing WHEN checked THEN the error says the plan reaches none', () => {
    // GIVEN
    const grantsNothing: IdentityPlan = { ...PLANS.serviceAccount, grants: [] };
    const credential = membership(grantsNothing, { target: { type: 'project', value: known('gitlab-org/gitlab') } });
    // WHEN
    const findings = findingsOf('GLID-007', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-007', level: 'error', message: mentioning('project gitlab-org/gitlab', 'none') }]);
  });
});

describe('GLID-009 scopes-invalid-for-type: the attribute', () => {
  test('GIVEN a deploy token with an API scope WHEN checked THEN the error names the scope and the type and points at scopes', () => {
    const credential = rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { scopes: known(['read_repository', 'api']) });
    expect(findingsOf('GLID-009', credential)).toEqual([{ ruleId: 'GLID-009', level: 'error', message: mentioning('api', 'gitlab_project_deploy_token') }]);
    expect(attributesOf('GLID-009', credential)).toEqual(['scopes']);
  });
});

describe('GLID-013 variable-not-masked-hidden: GitLab without hidden variables', () => {
  const OLD_GITLAB = { platform: { offering: 'self-managed', tier: 'premium', version: '17.5' } } as const;
  const VARIABLE = ['gitlab_project_variable', "'TRIAGE_TOKEN'"];

  test('GIVEN the checks\' platform is GitLab 17.5 WHEN a masked variable is not hidden THEN it is compliant', () => {
    expect(findingsOf('GLID-013', variable({ hidden: known(false) }), context({ policy: OLD_GITLAB }))).toEqual([]);
  });

  test('GIVEN the checks\' platform is GitLab 17.5 WHEN a variable is neither masked nor hidden THEN one error, for masked only', () => {
    // GIVEN
    const credential = variable({ masked: known(false), hidden: known(false) });
    // WHEN
    const findings = findingsOf('GLID-013', credential, context({ policy: OLD_GITLAB }));
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-013', level: 'error', message: mentioning(...VARIABLE, 'masked') }]);
    expect(attributesOf('GLID-013', credential, context({ policy: OLD_GITLAB }))).toEqual(['masked']);
  });

  test('GIVEN an identity planned for GitLab 17.5 WHEN its variable is not hidden under the default checks THEN it is compliant', () => {
    // GIVEN
    const planned = planIdentity({
      owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'),
      capabilities: [Capability.API_TRIAGE], policy: OLD_GITLAB,
    });
    expect(planned.variablesNotHidden).toEqual(expect.stringContaining('17.6'));
    // WHEN
    const findings = findingsOf('GLID-013', variable({ plan: planned, hidden: known(false) }));
    // THEN
    expect(findings).toEqual([]);
  });
});

describe('GLID-015 token-name-reused: every other use, on its own', () => {
  test('GIVEN a name two other credentials use WHEN checked THEN the error names each and points at name', () => {
    // GIVEN
    const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN);
    const ctx = context({ otherUsesOfName: () => ['app/stack/first', 'app/stack/second'] });
    // WHEN
    const findings = findingsOf('GLID-015', credential, ctx);
    // THEN
    expect(findings).toEqual([{
      ruleId: 'GLID-015', level: 'error',
      message: mentioning('gitlab_project_access_token', "'quality-project-token'", 'app/stack/first', 'app/stack/second'),
    }]);
    expect(attributesOf('GLID-015', credential, ctx)).toEqual(['name']);
  });
});

describe('GLID-016 naming: several problems at once', () => {
  test('GIVEN a name that breaks the pattern, the prefix and the length WHEN checked THEN one warning lists the three apart', () => {
    // GIVEN
    const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { name: known('Quality_Triage_Reports') });
    // WHEN
    const findings = findingsOf('GLID-016', credential, context({ policy: { namePrefix: 'acme-', maxNameLength: 20 } }));
    // THEN: the prefix and the length, in a list of three problems
    expect(findings).toEqual([{ ruleId: 'GLID-016', level: 'warning', message: mentioning("'Quality_Triage_Reports'", "'acme-'", '20') }]);
    expect(findings[0].message.split(', ')).toHaveLength(3);
  });
});

describe('GLID-017 group-deploy-token-write: the group and the checks\' limit', () => {
  test.each([
    ['a group computed at apply', { target: { type: 'group' as const, value: '(${var.group})' } }],
    ['no group at all', {}],
  ])('GIVEN a raw group deploy token that writes, on %s, WHEN checked THEN the warning speaks of its group', (_, where) => {
    // GIVEN
    const credential = rawToken(IdentityKind.GROUP_DEPLOY_TOKEN, { scopes: known(['write_registry']), ...where });
    // WHEN
    const findings = findingsOf('GLID-017', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-017', level: 'warning', message: mentioning('gitlab_group_deploy_token', 'write_registry', 'its group') }]);
    expect(findings[0].message).not.toContain('var.group');
  });

  // The plan found the group small, so it reported nothing under GLID-017.
  const planned = planIdentity({
    owner: 'quality', purpose: 'images', runtime: Runtime.external(), reach: Reach.group('gitlab-org/quality', { projectCount: 50 }),
    capabilities: [Capability.CONTAINER_REGISTRY_WRITE], policy: { smallGroupMaxProjects: 100 },
  });

  test('GIVEN the write plan of the fixtures WHEN read THEN it is a group deploy token and its plan did not report GLID-017', () => {
    expect(planned.kind).toBe(IdentityKind.GROUP_DEPLOY_TOKEN);
    expect(planned.findings.map((f) => f.ruleId)).not.toContain('GLID-017');
  });

  test.each([
    ['the findings it was planned with', planned],
    ['a finding of another rule', { ...planned, findings: [otherFinding] }],
  ])('GIVEN a group deploy token planned for a 50-project group under a limit of 100, with %s, WHEN the checks allow 10 THEN a warning names the size and the limit', (_, plan) => {
    // WHEN
    const findings = findingsOf('GLID-017', renderedToken(plan));
    // THEN
    expect(findings).toEqual([{
      ruleId: 'GLID-017', level: 'warning', message: mentioning('write_registry', '50', 'gitlab-org/quality', 'smallGroupMaxProjects', '10'),
    }]);
  });
});

describe('GLID-018 delivery-outside-runtime: what holds the copy', () => {
  const SOURCE = 'gitlab-org/quality/triage-ops';
  const inCi = planIdentity({
    owner: 'quality', purpose: 'triage', runtime: Runtime.ciPipeline(SOURCE),
    reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.API_TRIAGE],
  });

  test('GIVEN a CI automation delivering to another project WHEN checked THEN the warning says it is a project', () => {
    expect(findingsOf('GLID-018', variable({ plan: inCi, owner: 'gitlab-org/gitlab' }))).toEqual([{
      ruleId: 'GLID-018', level: 'warning', message: mentioning('project gitlab-org/gitlab', SOURCE),
    }]);
  });

  test('GIVEN a CI automation delivering to a group without its source project WHEN checked THEN the warning says it is a group without the source', () => {
    expect(findingsOf('GLID-018', variable({ plan: inCi, owner: 'gitlab-com', resourceType: 'gitlab_group_variable' }))).toEqual([{
      ruleId: 'GLID-018', level: 'warning', message: mentioning('group gitlab-com', SOURCE, 'not in that group'),
    }]);
  });
});

describe('GLID-018 delivery-outside-runtime: only CI runtimes are judged', () => {
  test('GIVEN an external runtime whose description names a source project WHEN its token is delivered elsewhere THEN the rule does not apply', () => {
    // GIVEN: a hand-made plan description; the library's external runtime names no project
    const external: IdentityPlan = { ...PLANS.projectAccessToken, runtime: { type: RuntimeType.EXTERNAL, sourceProject: 'gitlab-org/quality/triage-ops' } };
    // WHEN / THEN
    expect(findingsOf('GLID-018', variable({ plan: external, owner: 'gitlab-org/other' }))).toEqual([]);
  });
});

describe('GLID-019 service-account-custom-email', () => {
  const account = (overrides: Partial<Omit<ServiceAccountCredential, 'subject'>> = {}): ServiceAccountCredential => ({
    subject: 'service-account',
    path: 'app/stack/bot',
    address: 'gitlab_group_service_account.bot',
    resourceType: 'gitlab_group_service_account',
    email: known('bot@example.com'),
    ...overrides,
  });

  test('GIVEN a raw service account with a custom email WHEN checked THEN a warning names the type and the address', () => {
    expect(findingsOf('GLID-019', account())).toEqual([{
      ruleId: 'GLID-019', level: 'warning', message: mentioning('gitlab_group_service_account', "'bot@example.com'", 'confirmed'),
    }]);
  });

  test('GIVEN a raw service account whose email is computed at apply WHEN checked THEN the warning says it comes from an expression', () => {
    const findings = findingsOf('GLID-019', account({ email: unresolved('${var.email}') }));
    expect(findings).toEqual([{ ruleId: 'GLID-019', level: 'warning', message: mentioning('gitlab_group_service_account', 'Terraform expression') }]);
  });

  test('GIVEN a service account whose address GitLab generates WHEN checked THEN the rule does not apply', () => {
    expect(findingsOf('GLID-019', account({ email: undefined }))).toEqual([]);
  });

  test('GIVEN an identity whose plan already reported the custom email WHEN checked THEN the checks do not repeat it', () => {
    // GIVEN
    const planned = planIdentity({
      owner: 'platform', purpose: 'tokens', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'),
      capabilities: [Capability.TOKENS_MANAGE], policy: { contactEmail: 'bots@example.com' },
    });
    expect(planned.findings.map((f) => f.ruleId)).toEqual(['GLID-019']);
    // WHEN
    const findings = findingsOf('GLID-019', account({ plan: planned, email: known(planned.serviceAccountEmail as string) }));
    // THEN
    expect(findings).toEqual([]);
  });

  test.each([
    ['no findings', []],
    ['only a finding of another rule', [otherFinding]],
  ])('GIVEN an identity whose plan has %s WHEN its account has a custom email THEN the checks report it', (_, findings) => {
    const plan: IdentityPlan = { ...PLANS.serviceAccount, findings };
    expect(findingsOf('GLID-019', account({ plan }))).toEqual([{
      ruleId: 'GLID-019', level: 'warning', message: mentioning('gitlab_group_service_account', "'bot@example.com'"),
    }]);
  });
});

describe('subjectLabel: what a message calls subjects without a resource type', () => {
  const requirement: ProviderRequirementCredential = { subject: 'provider-requirement', path: 'app/stack', rotatingTokens: [] };

  test.each([
    ['an output without an address', output(), 'output'],
    ['an output with an address', output({ address: 'output.token' }), 'output.token'],
    ['a provider requirement', requirement, 'the stack'],
  ])('GIVEN %s WHEN labelled THEN it is named by what it is', (_, credential, label) => {
    expect(subjectLabel(credential)).toBe(label);
  });
});
