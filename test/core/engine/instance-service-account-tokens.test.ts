/**
 * The kind of a token resource written by hand (resource-catalogue.ts tokenKindOf, fed by follow.ts
 * followUser): a gitlab_personal_access_token whose user_id is a gitlab_instance_service_account of the stack
 * is that account's token (instance-service-account), one of a plain user id is a personal access token
 * (GLID-011), an impersonation token stays a personal access token whoever its user is, and a deploy token
 * keeps its own kind. The kind is what the description, the inventory and the rules read.
 *
 * Every report is built inside its test, where Stryker links the code it runs to the test.
 */
import { IdentityKind, StackReport } from '../../../lib/core';
import { TokenCredential } from '../../../lib/core/rules/credential';
import { active, check, credential, entry, stack } from './engine-fixture';

const ACCOUNT = { gitlab_instance_service_account: { sa: { name: 'bot', username: 'bot' } } };
const OF_ACCOUNT = '${gitlab_instance_service_account.sa.service_account_id}';
const ROTATION = { rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } };

/** A stack holding the instance service account and `resources`. */
function checked(resources: Record<string, unknown>): StackReport {
  return check(stack({ resource: { ...ACCOUNT, ...resources } }));
}

function tokenKind(report: StackReport, address: string): IdentityKind {
  const c = credential(report, address);
  if (c.subject !== 'token') throw new Error(`${address} is a ${c.subject}, not a token`);
  return (c as TokenCredential).kind;
}

/** Ids of the active findings on `path`. */
const rulesOn = (report: StackReport, path: string) => active(report).filter((f) => f.path === path).map((f) => f.ruleId);

describe('a personal access token of an instance service account', () => {
  const withToken = () => checked({ gitlab_personal_access_token: { inst: { user_id: OF_ACCOUNT, name: 'team-inst', scopes: ['read_api'], ...ROTATION } } });

  test('given a gitlab_personal_access_token whose user_id is the account\'s id, when described, then it is the instance service account\'s token, of that user', () => {
    const report = withToken();
    expect(tokenKind(report, 'gitlab_personal_access_token.inst')).toBe(IdentityKind.INSTANCE_SERVICE_ACCOUNT);
    expect(credential(report, 'gitlab_personal_access_token.inst')).toMatchObject({
      user: { known: true, value: 'service account gitlab_instance_service_account.sa' }, userIsServiceAccount: true,
    });
  });

  test('given that token, when inventoried, then its entry is an instance-service-account entry whose user is the account', () => {
    expect(entry([withToken()], 'team-inst')).toMatchObject({
      kind: 'instance-service-account', resourceType: 'gitlab_personal_access_token', users: ['service account gitlab_instance_service_account.sa'],
      expiry: 'rotating', lifetimeDays: 30, rotateBeforeDays: 7, findings: [],
    });
  });

  test('given that token, when checked, then only the account itself needs an administrator (GLID-024), and the token is not a human\'s (no GLID-011)', () => {
    const report = withToken();
    expect(rulesOn(report, 'gitlab_personal_access_token.inst')).toEqual([]);
    expect(rulesOn(report, 'gitlab_instance_service_account.sa')).toEqual(['GLID-024']);
  });
});

describe('tokens that are not an instance service account\'s', () => {
  test('given a gitlab_personal_access_token of a plain user id, when checked, then it is a personal access token and GLID-011 names it', () => {
    const report = checked({ gitlab_personal_access_token: { user: { user_id: 42, name: 'team-user', scopes: ['read_api'], ...ROTATION } } });
    expect(tokenKind(report, 'gitlab_personal_access_token.user')).toBe(IdentityKind.PERSONAL_ACCESS_TOKEN);
    expect(entry([report], 'team-user')).toMatchObject({ kind: 'personal-access-token', users: ['user 42'] });
    expect(active(report, 'GLID-011')).toEqual([expect.objectContaining({ path: 'gitlab_personal_access_token.user', message: expect.stringContaining("'team-user'") })]);
  });

  test('given an impersonation token of the instance service account, when described, then it stays a personal access token (only gitlab_personal_access_token is the account\'s)', () => {
    const report = checked({ gitlab_user_impersonation_token: { imp: { user_id: OF_ACCOUNT, name: 'team-imp', scopes: ['read_api'], expires_at: '2030-01-01' } } });
    expect(tokenKind(report, 'gitlab_user_impersonation_token.imp')).toBe(IdentityKind.PERSONAL_ACCESS_TOKEN);
    expect(entry([report], 'team-imp').kind).toBe('personal-access-token');
  });

  test('given a project deploy token next to the account, when described, then it is a project deploy token', () => {
    const report = checked({ gitlab_project_deploy_token: { d: { project: 'acme/app', name: 'team-deploy', scopes: ['read_registry'], expires_at: '2030-01-01T00:00:00Z' } } });
    expect(tokenKind(report, 'gitlab_project_deploy_token.d')).toBe(IdentityKind.PROJECT_DEPLOY_TOKEN);
    expect(entry([report], 'team-deploy').kind).toBe('project-deploy-token');
  });
});
