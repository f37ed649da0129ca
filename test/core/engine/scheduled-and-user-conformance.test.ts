/**
 * GLID-021 for the renderings plan-conformance.test.ts does not cover: a deploy token replaced on a
 * time_rotating schedule, the two slots of an overlapping identity and the variable that must deliver the
 * later one, a bot user's personal access token, and a CI job token's allowlist. Each fixture is the JSON
 * lib/constructs renders for the plan (addresses shortened), changed as an override would change it.
 */
import { Capability, IdentityBinding, Reach, Runtime, planIdentity } from '../../../lib/core';
import { active, check, entry, stack, OVERLAP_PLAN } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const messages021 = (config: object, binding: IdentityBinding) => active(check(config, [binding]), 'GLID-021').map((f) => f.message);

/** The renewal chain the constructs write: token ← terraform_data ← time_rotating (lib/constructs/render/rotation.ts). */
function schedule(name: string, rotationDays: unknown = 23) {
  return {
    time_rotating: { [`${name}_Rotation`]: { rotation_days: rotationDays } },
    terraform_data: { [`${name}_Renewal`]: { triggers_replace: { rotation: `\${time_rotating.${name}_Rotation.rotation_rfc3339}` } } },
  };
}

describe('a deploy token replaced on a time_rotating schedule (lifetime 30, renewed 7 days before)', () => {
  const plan = planIdentity({
    owner: 'team', purpose: 'registry', runtime: Runtime.external(), reach: Reach.project('acme/app'),
    capabilities: [Capability.CONTAINER_REGISTRY_READ], lifetimeDays: 30, rotateBeforeDays: 7,
  });
  const TOKEN = 'gitlab_project_deploy_token.registry_DeployToken';
  const binding: IdentityBinding = { path: 'team/registry', plan, addresses: [TOKEN, 'time_rotating.registry_Rotation', 'terraform_data.registry_Renewal'] };

  function rendered(change: { token?: Record<string, unknown>; remove?: string; rotationDays?: unknown } = {}) {
    const token: Record<string, unknown> = {
      '//': { metadata: { path: 'team/registry/DeployToken' } },
      name: 'team-registry', project: 'acme/app', scopes: ['read_registry'],
      expires_at: '${timeadd(time_rotating.registry_Rotation.rotation_rfc3339, "168h")}',
      lifecycle: { create_before_destroy: true, replace_triggered_by: ['terraform_data.registry_Renewal'] },
      ...change.token,
    };
    if (change.remove) delete token[change.remove];
    const { time_rotating, terraform_data } = schedule('registry', change.rotationDays);
    return stack({ resource: { gitlab_project_deploy_token: { registry_DeployToken: token }, time_rotating, terraform_data } });
  }

  test('given the rendering as planned, when checked, then nothing is reported and the inventory shows the schedule', () => {
    const report = check(rendered(), [binding]);
    expect(active(report)).toEqual([]);
    expect(entry([report], 'team-registry')).toMatchObject({ kind: 'project-deploy-token', differsFromPlan: [] });
  });

  test.each([
    ['replace_triggered_by removed', { token: { lifecycle: { create_before_destroy: true } } }, ['not replaced', 'time_rotating', 'plan replaces']],
    ['the schedule stretched to 40 days', { rotationDays: 40 }, ['every 40 days', 'plan', '23']],
    ['a 14-day offset after each roll-over', { token: { expires_at: '${timeadd(time_rotating.registry_Rotation.rotation_rfc3339, "336h")}' } }, ['14 days after each roll-over', 'plan', '7']],
    ['a fixed expires_at', { token: { expires_at: '2030-01-01T00:00:00Z' } }, ['fixed expires_at 2030-01-01T00:00:00Z', 'schedule']],
  ])('given the rendering with %s, when checked, then GLID-021 says how it differs', (_what, change, parts) => {
    const found = messages021(rendered(change), binding);
    expect(found).toEqual(expect.arrayContaining([mentioning(...parts)]));
    expect(found.every((m) => m.startsWith("gitlab_project_deploy_token 'team-registry'"))).toBe(true);
  });

  test('given the rendering with a rotation_configuration added, when checked, then GLID-022: a deploy token has none, and Terraform refuses it', () => {
    const report = check(rendered({ token: { rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } } }), [binding]);
    expect(active(report).filter((f) => f.ruleId === 'GLID-022').map((f) => f.message))
      .toEqual([mentioning('gitlab_project_deploy_token', 'no rotation_configuration', 'Unsupported argument')]);
    // Judged without it: the schedule it is planned with still holds, so nothing else differs.
    expect(messages021(rendered({ token: { rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } } }), binding)).toEqual([]);
  });
});

describe('a project access token rotated by the provider, given a fixed expires_at besides its rotation', () => {
  const plan = planIdentity({
    owner: 'team', purpose: 'reader', runtime: Runtime.external(), reach: Reach.project('acme/app'),
    capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7,
  });
  const binding: IdentityBinding = { path: 'team/reader', plan, addresses: ['gitlab_project_access_token.reader_Token'] };

  test('when checked, then GLID-021 names the date its plan does not set, and nothing about its rotation', () => {
    const token = {
      name: 'team-reader', project: 'acme/app', access_level: 'reporter', scopes: ['read_api'],
      rotation_configuration: { expiration_days: 30, rotate_before_days: 7 }, expires_at: '2030-01-01',
    };
    const found = messages021(stack({ resource: { gitlab_project_access_token: { reader_Token: token } } }), binding);
    expect(found).toEqual([mentioning('fixed expires_at 2030-01-01', 'plan does not set')]);
  });
});

describe('an overlapping identity: two slots, the variable delivers the one that expires later', () => {
  const plan = OVERLAP_PLAN;
  const A = 'gitlab_project_access_token.overlap_Token-a';
  const B = 'gitlab_project_access_token.overlap_Token-b';
  const VARIABLE = 'gitlab_project_variable.overlap_Variable';
  const binding: IdentityBinding = { path: 'team/overlap', plan, addresses: [A, B, VARIABLE] };
  const later = (a: string, b: string, op = '>=') =>
    `\${timecmp(time_rotating.overlap_Rotation-a.rotation_rfc3339, time_rotating.overlap_Rotation-b.rotation_rfc3339) ${op} 0 ? ${a}.token : ${b}.token}`;

  function rendered(value: string) {
    const slot = (s: string) => ({
      '//': { metadata: { path: `team/overlap/Token-${s}` } },
      name: `team-overlap-${s}`, project: 'acme/app', access_level: 'reporter', scopes: ['read_api'],
      expires_at: `\${formatdate("YYYY-MM-DD", timeadd(time_rotating.overlap_Rotation-${s}.rotation_rfc3339, "168h"))}`,
      lifecycle: { create_before_destroy: true, replace_triggered_by: [`terraform_data.overlap_Renewal-${s}`] },
    });
    const a = schedule('overlap', 23);
    const b = schedule('overlap', 23);
    return stack({
      resource: {
        gitlab_project_access_token: { 'overlap_Token-a': slot('a'), 'overlap_Token-b': slot('b') },
        time_rotating: { 'overlap_Rotation-a': a.time_rotating.overlap_Rotation, 'overlap_Rotation-b': b.time_rotating.overlap_Rotation },
        terraform_data: {
          'overlap_Renewal-a': { triggers_replace: { rotation: '${time_rotating.overlap_Rotation-a.rotation_rfc3339}' } },
          'overlap_Renewal-b': { triggers_replace: { rotation: '${time_rotating.overlap_Rotation-b.rotation_rfc3339}' } },
        },
        gitlab_project_variable: {
          overlap_Variable: {
            '//': { metadata: { path: 'team/overlap/Variable' } },
            project: 'acme/ops', key: 'OV', value, masked: true, hidden: true, protected: true, raw: true,
          },
        },
      },
    });
  }

  test('given the variable as rendered, when checked, then GLID-021 reports nothing', () => {
    expect(messages021(rendered(later(A, B)), binding)).toEqual([]);
  });

  test.each([
    ['one slot only', `\${${A}.token}`],
    ['the conditional inverted', later(A, B, '<')],
    ['the slots swapped', later(B, A)],
    ['one slot twice', later(A, A)],
  ])('given the variable delivering %s, when checked, then GLID-021 says a renewal may revoke it', (_what, value) => {
    expect(messages021(rendered(value), binding)).toEqual([mentioning('gitlab_project_variable', 'slot that expires later', 'overlapping plan', 'renewal may revoke')]);
  });
});

describe("a bot user's personal access token (the last resort)", () => {
  const plan = planIdentity({
    owner: 'team', purpose: 'bot', runtime: Runtime.external(), reach: Reach.group('acme', { projectCount: 200 }),
    capabilities: [Capability.API_READ], botUserId: 77, lifetimeDays: 30, rotateBeforeDays: 7, policy: { serviceAccountsAvailable: false },
  });
  const binding: IdentityBinding = { path: 'team/bot', plan, addresses: ['gitlab_personal_access_token.bot_Token'] };
  const rendered = (userId: unknown) => stack({
    resource: {
      gitlab_personal_access_token: {
        bot_Token: { name: 'team-bot', user_id: userId, scopes: ['read_api'], rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } },
      },
    },
  });

  test('given no service accounts and a bot user, when planned, then the kind is a personal access token (the branch under test)', () => {
    expect(plan.kind).toBe('personal-access-token');
  });

  test('given the token on the bot user its plan names, when checked, then GLID-021 reports nothing', () => {
    expect(messages021(rendered(77), binding)).toEqual([]);
  });

  test('given the token moved to another user, when checked, then GLID-021 names both users', () => {
    expect(messages021(rendered(78), binding)).toEqual([mentioning('user 78', 'plan', 'user 77')]);
  });
});

describe("a CI job token's allowlist entry: the pipeline's project let into the reached one", () => {
  const plan = planIdentity({
    owner: 'team', purpose: 'job', runtime: Runtime.ciPipeline('acme/web'), reach: Reach.project('acme/app'), capabilities: [Capability.REPOSITORY_READ],
  });
  const binding: IdentityBinding = { path: 'team/job', plan, addresses: ['gitlab_project_job_token_scope.job_Allowlist'] };
  const rendered = (grantee: string) => stack({
    data: { gitlab_project: { grantee: { path_with_namespace: grantee } } },
    resource: {
      gitlab_project_job_token_scope: {
        job_Allowlist: { '//': { metadata: { path: 'team/job/Allowlist' } }, project: 'acme/app', target_project_id: '${tonumber(data.gitlab_project.grantee.id)}' },
      },
    },
  });

  test('given a pipeline that reads another project, when planned, then the kind is the CI job token (the branch under test)', () => {
    expect(plan.kind).toBe('ci-job-token');
  });

  test.each(['acme/web', 'Acme/Web'])('given the allowlist letting in %s (paths compared without case), when checked, then GLID-021 reports nothing', (grantee) => {
    expect(messages021(rendered(grantee), binding)).toEqual([]);
  });

  test('given the allowlist letting in another project, when checked, then GLID-021 names it and what the plan allows', () => {
    expect(messages021(rendered('acme/secret'), binding)).toEqual([mentioning('lets in project acme/secret', 'plan allows project acme/web')]);
  });
});

describe('a service account on GitLab 17.8, whose token is replaced on a schedule rather than rotated by the provider', () => {
  const plan = planIdentity({
    owner: 'team', purpose: 'sa', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/web']), capabilities: [Capability.API_READ],
    lifetimeDays: 30, rotateBeforeDays: 7, policy: { platform: { offering: 'self-managed', version: '17.8', tier: 'premium' } },
  });
  const ACCOUNT = 'gitlab_group_service_account.sa_ServiceAccount';
  const TOKEN = 'gitlab_group_service_account_access_token.sa_Token';
  const binding: IdentityBinding = {
    path: 'team/sa', plan,
    addresses: [ACCOUNT, TOKEN, 'gitlab_project_membership.sa_Membership-app', 'gitlab_project_membership.sa_Membership-web', 'time_rotating.sa_Rotation', 'terraform_data.sa_Renewal'],
  };
  const USER = `\${tonumber(${ACCOUNT}.service_account_id)}`;
  const rendered = (token: Record<string, unknown> = {}) => stack({
    resource: {
      gitlab_group_service_account: { sa_ServiceAccount: { group: 'acme', name: 'team-sa', username: 'acme_team-sa' } },
      gitlab_group_service_account_access_token: {
        sa_Token: {
          group: 'acme', user_id: USER, name: 'team-sa', scopes: ['read_api'],
          expires_at: '${formatdate("YYYY-MM-DD", timeadd(time_rotating.sa_Rotation.rotation_rfc3339, "168h"))}',
          lifecycle: { create_before_destroy: true, replace_triggered_by: ['terraform_data.sa_Renewal'] },
          ...token,
        },
      },
      gitlab_project_membership: {
        'sa_Membership-app': { project: 'acme/app', user_id: USER, access_level: 'reporter' },
        'sa_Membership-web': { project: 'acme/web', user_id: USER, access_level: 'reporter' },
      },
      ...schedule('sa'),
    },
  });

  test('given the plan, then it replaces the token on a schedule', () => {
    expect(plan.tokenReplacedOnSchedule).toEqual(expect.any(String));
  });

  test('given the token as rendered (no rotation_configuration), when checked, then GLID-021 reports nothing', () => {
    expect(messages021(rendered(), binding)).toEqual([]);
  });

  test('given the token rotated by the provider instead, when checked, then GLID-021 says its plan replaces it on a schedule', () => {
    expect(messages021(rendered({ rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } }), binding))
      .toEqual(expect.arrayContaining([mentioning('rotation_configuration', 'plan replaces it on a schedule')]));
  });
});
