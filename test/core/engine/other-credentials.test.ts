/**
 * Credentials other than project access tokens: impersonation tokens are judged as personal tokens with
 * admin scopes flagged; cluster agent tokens, runner tokens and OAuth application secrets are followed to
 * outputs and inventoried.
 */
import { active, check, credential, entry, inventoryOf, messages, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

describe('gitlab_user_impersonation_token', () => {
  const config = stack({
    resource: {
      gitlab_user_impersonation_token: {
        imp: { user_id: 42, name: 'team-impersonate', scopes: ['api', 'sudo'], expires_at: '2030-01-01' },
      },
    },
  });

  test('given an impersonation token with sudo, when checked, then GLID-008 names the admin scope', () => {
    expect(messages(check(config), 'GLID-008')).toEqual([mentioning('gitlab_user_impersonation_token', "'team-impersonate'", 'sudo')]);
  });

  test('given an impersonation token, when checked, then GLID-011 is an error, not a warning', () => {
    const [finding, ...rest] = active(check(config), 'GLID-011');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ level: 'error', message: expect.stringContaining('impersonates a user') });
  });

  test('given an impersonation token with a fixed expires_at, when checked, then its lifetime cannot be judged (GLID-003)', () => {
    expect(messages(check(config), 'GLID-003')).toEqual([expect.stringContaining('expires_at is the fixed date 2030-01-01')]);
  });

  test('given an impersonation token, when inventoried, then it is an entry of a personal access token of user 42', () => {
    expect(entry([check(config)], 'team-impersonate')).toMatchObject({
      source: 'provider-resource', resourceType: 'gitlab_user_impersonation_token', kind: 'personal-access-token',
      users: ['user 42'], scopes: ['api', 'sudo'], expiry: 'fixed-date',
    });
  });

  test('given sudo next to a computed scope, when checked, then the literal sudo is still reported', () => {
    const computed = stack({
      variable: { extra: {} },
      resource: { gitlab_user_impersonation_token: { imp: { user_id: 42, name: 'team-impersonate', scopes: ['sudo', '${var.extra}'], expires_at: '2030-01-01' } } },
    });
    const report = check(computed);
    expect(messages(report, 'GLID-008')).toHaveLength(1);
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify scopes')]);
  });
});

describe('secrets GitLab mints that are not automation tokens', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['gitlab_cluster_agent_token', 'token', { project: 'acme/app', agent_id: 1, name: 'agent' }, 'cluster agent token'],
    ['gitlab_user_runner', 'token', { runner_type: 'project_type', project_id: 7 }, 'runner authentication token'],
    ['gitlab_runner', 'authentication_token', { registration_token: 'x' }, 'runner authentication token'],
    ['gitlab_application', 'secret', { name: 'app', redirect_url: 'https://x.example', scopes: ['openid'] }, 'OAuth application secret'],
    ['gitlab_group_dependency_proxy', 'secret', { group: 'acme', identity: 'u', secret: 'x' }, 'dependency proxy secret'],
  ];

  test.each(cases)('given %s.%s in a plain output, when checked, then GLID-012 is reported', (type, attribute, body) => {
    const report = check(stack({ resource: { [type]: { s: body } }, output: { leak: { value: `\${${type}.s.${attribute}}` } } }));
    expect(messages(report, 'GLID-012')).toHaveLength(1);
    expect(credential(report, 'output.leak')).toMatchObject({ holdsToken: true, tokenAddresses: [`${type}.s`] });
  });

  test.each(cases)('given %s, when inventoried, then it is an entry of its own', (type, _attribute, body, what) => {
    const report = check(stack({ resource: { [type]: { s: body } } }));
    expect(inventoryOf([report])).toEqual([expect.objectContaining({ source: 'provider-resource', resourceType: type, kind: what, constructPath: `${type}.s` })]);
  });

  test('given a cluster agent token on a project, when inventoried, then its project is a grant target', () => {
    const report = check(stack({ resource: { gitlab_cluster_agent_token: { s: { project: 'acme/app', agent_id: 1, name: 'agent' } } } }));
    expect(credential(report, 'gitlab_cluster_agent_token.s')).toMatchObject({ subject: 'secret', target: { type: 'project', value: { known: true, value: 'acme/app' } } });
  });

  test('given a user runner with count from a variable without default, when checked, then GLID-022 reports its copies', () => {
    const report = check(stack({ variable: { n: {} }, resource: { gitlab_user_runner: { s: { count: '${var.n}', runner_type: 'instance_type' } } } }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify count/for_each')]);
    expect(inventoryOf([report])[0]).toMatchObject({ copies: null });
  });

  test('given the application id (not its secret) in a plain output, when checked, then nothing leaks', () => {
    const report = check(stack({ resource: { gitlab_application: { s: { name: 'app', redirect_url: 'https://x.example', scopes: ['openid'] } } }, output: { id: { value: '${gitlab_application.s.application_id}' } } }));
    expect(active(report, 'GLID-012')).toEqual([]);
  });
});
