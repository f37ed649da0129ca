/**
 * The rules judged on the provider requirement and the platform, from the Terraform JSON alone: GLID-020
 * (a provider whose rotation is broken may be installed), GLID-024 (an instance service account needs an
 * administrator, and exists only on self-managed and Dedicated), GLID-025 (service-account tokens rotated
 * on a GitLab before 17.9).
 *
 * GIVEN one stack of hand-written Terraform JSON and a policy WHEN checked THEN the rule's finding, or none.
 */
import { Capability, DEFAULT_POLICY, IdentityBinding, IdentityPolicy, Reach, Runtime, StackReport, TerraformConfig, checkApp, planIdentity, resolvePolicy } from '../../../lib/core';
import { compliantToken } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

function run(config: Record<string, unknown>, policy: IdentityPolicy = DEFAULT_POLICY, identities: readonly IdentityBinding[] = []): StackReport {
  return checkApp([{ name: 'team', config: config as TerraformConfig, policies: [resolvePolicy(policy)], identities }])[0];
}
const found = (r: StackReport, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId).map((f) => ({ level: f.level, path: f.path, message: f.message }));
const attributes = (r: StackReport, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId).map((f) => f.attribute);

const requiring = (version?: unknown) => ({
  terraform: { required_providers: { gitlab: version === undefined ? { source: 'gitlabhq/gitlab' } : { source: 'gitlabhq/gitlab', version } } },
});
const tokens = (n: number) => ({ resource: { gitlab_project_access_token: Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, compliantToken({ name: `team-reader-${i}` })])) } });

describe('GLID-020: the GitLab provider version allowed where tokens are rotated', () => {
  test.each([
    ['no constraint', undefined, 1, 'the stack has 1 token rotated by the provider and requires no GitLab provider version, so any release below 18.8.1 may be installed.'],
    ['an expression', '${var.v}', 1, 'its GitLab provider version is an expression (${var.v}), which cannot be checked against 18.8.1'],
    ['a constraint that is not one', 'banana', 1, "its GitLab provider version 'banana' cannot be read as a version constraint"],
    ['a constraint allowing 18.6', '~> 18.6', 2, "the stack has 2 tokens rotated by the provider and allows GitLab provider 18.6.0 ('~> 18.6'), older than 18.8.1"],
  ])('%s: a warning on the stack', (_what, version, n, message) => {
    const findings = found(run({ ...requiring(version), ...tokens(n) }), 'GLID-020');
    expect(findings).toEqual([{ level: 'warning', path: 'team', message: expect.stringContaining(message) }]);
  });

  test.each([
    ['a constraint from 18.8.1', { ...requiring('>= 18.8.1'), ...tokens(1) }],
    ['no token to rotate', requiring('~> 18.6')],
  ])('%s: nothing', (_what, config) => {
    expect(found(run(config), 'GLID-020')).toEqual([]);
  });

  test('only tokens the provider rotates are counted and listed, in address order: not one given expires_at, nor a deploy token', () => {
    const config = {
      ...requiring('~> 18.6'),
      resource: {
        gitlab_project_access_token: {
          zeta: compliantToken({ name: 'team-zeta' }),
          alpha: compliantToken({ name: 'team-alpha' }),
          fixed: compliantToken({ name: 'team-fixed', rotation_configuration: undefined, expires_at: '2027-01-01' }),
        },
        gitlab_project_deploy_token: { d: { project: 'acme/app', name: 'team-deploy', scopes: ['read_registry'], expires_at: '2027-01-01T00:00:00Z' } },
      },
    };
    const report = run(config);
    expect(found(report, 'GLID-020')).toEqual([{ level: 'warning', path: 'team', message: expect.stringContaining('the stack has 2 tokens rotated by the provider') }]);
    expect(report.credentials.find((c) => c.subject === 'provider-requirement')).toMatchObject({
      rotatingTokens: ['gitlab_project_access_token.alpha', 'gitlab_project_access_token.zeta'],
    });
  });
});

describe('GLID-024: an instance service account', () => {
  const account = { ...requiring('>= 18.8.1'), resource: { gitlab_instance_service_account: { sa: { name: 'bot', username: 'bot' } } } };

  test('without a platform: a warning that only an administrator can apply it', () => {
    expect(found(run(account), 'GLID-024')).toEqual([{
      level: 'warning', path: 'gitlab_instance_service_account.sa',
      message: 'gitlab_instance_service_account.sa is an instance service account: only an administrator can create it and its tokens.',
    }]);
  });

  test('given an AutomationIdentity that planned it (its plan already warns), when checked on its platform, then the warning is reported once, from the plan', () => {
    const platform = { offering: 'self-managed' as const, tier: 'premium' as const, version: '18.6' };
    const plan = planIdentity({ owner: 'team', purpose: 'wide', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'other/web']), capabilities: [Capability.API_READ], policy: { platform } });
    expect(plan.kind).toBe('instance-service-account');
    const report = run(account, { ...DEFAULT_POLICY, platform }, [{ path: 'team/wide', plan, addresses: ['gitlab_instance_service_account.sa'] }]);
    expect(found(report, 'GLID-024')).toEqual([{ level: 'warning', path: 'team/wide', message: expect.stringContaining('instance service account team-wide') }]);
  });

  test('on GitLab.com, which has none: an error that says why', () => {
    const findings = found(run(account, { ...DEFAULT_POLICY, platform: { offering: 'gitlab.com', tier: 'premium' } }), 'GLID-024');
    expect(findings).toEqual([{ level: 'error', path: 'gitlab_instance_service_account.sa', message: expect.stringContaining('but on GitLab.com Premium: GitLab.com has no instance service accounts') }]);
  });
});

describe('GLID-025: a service-account token rotated before GitLab 17.9', () => {
  const token = (rotation: Record<string, unknown>) => ({
    ...requiring('>= 18.8.1'),
    resource: { gitlab_group_service_account_access_token: { s: { group: 'acme', user_id: 1, name: 'team-sa', scopes: ['read_api'], rotation_configuration: rotation } } },
  });
  const on = (version: string): IdentityPolicy => ({ ...DEFAULT_POLICY, platform: { offering: 'self-managed', tier: 'premium', version } });

  test('with expiration_days on 17.8: an error, the provider fails the plan', () => {
    expect(found(run(token({ expiration_days: 30, rotate_before_days: 7 }), on('17.8')), 'GLID-025')).toEqual([{
      level: 'error', path: 'gitlab_group_service_account_access_token.s',
      message: expect.stringMatching(/sets rotation_configuration\.expiration_days, but .*17\.9 \(this is 17\.8\): the provider fails the plan\.$/),
    }]);
    expect(attributes(run(token({ expiration_days: 30, rotate_before_days: 7 }), on('17.8')), 'GLID-025')).toEqual(['rotation_configuration.expiration_days']);
  });

  test('without expiration_days on 17.8: a warning, each rotation lasts 7 days', () => {
    expect(found(run(token({ rotate_before_days: 7 }), on('17.8')), 'GLID-025')).toEqual([{
      level: 'warning', path: 'gitlab_group_service_account_access_token.s', message: expect.stringContaining('is rotated without expiration_days, so each rotation lasts only 7 days'),
    }]);
    expect(attributes(run(token({ rotate_before_days: 7 }), on('17.8')), 'GLID-025')).toEqual(['rotation_configuration']);
  });

  test.each([
    ['on 18.0', on('18.0')],
    ['without a platform', DEFAULT_POLICY],
  ])('%s: nothing', (_what, policy) => {
    expect(found(run(token({ expiration_days: 30, rotate_before_days: 7 }), policy), 'GLID-025')).toEqual([]);
  });

  // An AutomationIdentity planned for a GitLab that rotates these tokens renders rotation_configuration; checked on 17.8 it would fail.
  test.each([
    ['without a platform', undefined, 'was planned without a platform'],
    ['for 18.0', { offering: 'self-managed' as const, tier: 'premium' as const, version: '18.0' }, 'was planned for self-managed GitLab Premium 18.0'],
  ])('given an identity planned %s, when checked on 17.8, then GLID-025 says to plan it for the checks\' platform', (_what, platform, said) => {
    const plan = planIdentity({ owner: 'team', purpose: 'sa', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/web']), capabilities: [Capability.API_READ], policy: platform ? { platform } : {} });
    expect(plan.kind).toBe('service-account');
    const config = token({ expiration_days: 30, rotate_before_days: 7 });
    const report = run(config, on('17.8'), [{ path: 'team/sa', plan, addresses: ['gitlab_group_service_account_access_token.s'] }]);
    expect(found(report, 'GLID-025').map((f) => f.message)).toEqual([mentioning(said, 'plan the identity', 'policy.platform')]);
  });
});
