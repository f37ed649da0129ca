/**
 * What the library records about each identity in the stack's JSON (the contact email only when it is a
 * plain address; rendered ids that are strings), and how the engine classes token resources and data
 * sources: a deploy token with a group, a personal access token of an instance service account, the
 * attributes of data sources that read secrets back.
 */
import {
  Capability,
  IdentityKind,
  IdentityRequest,
  Reach,
  Runtime,
  TerraformConfig,
  bindingsFromConfig,
  identityRecord,
  planIdentity,
  requestRecord,
} from '../../../lib/core';
import { secretAttributesOf } from '../../../lib/core/engine/resource-catalogue';
import { check, credential, stack } from './engine-fixture';

const reader: IdentityRequest = {
  owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7,
};
/** Several projects: a group service account, whose email is where the contact address goes. */
const multi: IdentityRequest = { owner: 'team', purpose: 'multi', runtime: Runtime.external(), reach: Reach.projects(['acme/web', 'acme/app']), capabilities: [Capability.API_READ] };

const recorded = (request: IdentityRequest) => JSON.parse(requestRecord(request)) as Record<string, unknown>;

describe('the contact email in the request record', () => {
  test('given a plain contact address, when the request is recorded, then the record holds it', () => {
    expect(recorded({ ...reader, contactEmail: 'bots@example.com' }).contactEmail).toBe('bots@example.com');
    expect((JSON.parse(identityRecord({ ...reader, contactEmail: 'bots@example.com' }, ['Token'])) as { request: Record<string, unknown> }).request.contactEmail).toBe('bots@example.com');
  });

  test('given a contact email that is a Terraform reference (${...}), when recorded, then the record leaves it out', () => {
    expect(recorded({ ...reader, contactEmail: '${var.bots_email}' })).not.toHaveProperty('contactEmail');
    expect(recorded({ ...reader, contactEmail: 'bots+${var.team}@example.com' })).not.toHaveProperty('contactEmail');
  });

  test('given no contact email, when recorded, then the record has none', () => {
    expect(recorded(reader)).not.toHaveProperty('contactEmail');
  });

  test('given a service account with a plain contact address, when its record is read back, then the replanned plan is the same (custom email finding included)', () => {
    const request = { ...multi, contactEmail: 'bots@example.com' };
    const [binding] = bindingsFromConfig({ '//': { 'gitlab-identity': { identities: { 'team/multi': identityRecord(request, []) } } } });
    expect(binding.plan).toEqual(planIdentity(request));
    expect(binding.plan.findings.map((f) => f.ruleId)).toContain('GLID-019');
  });
});

describe('rendered ids in an identity record', () => {
  const at = (path: string) => ({ '//': { metadata: { path } } });
  const config = (rendered: unknown[]): TerraformConfig => ({
    resource: {
      gitlab_project_access_token: { reader_Token: { ...at('team/reader/Token'), name: 'team-reader' } },
      gitlab_project_variable: { seven: at('team/reader/7'), nothing: at('team/reader/null'), yes: at('team/reader/true') },
    },
    '//': { 'gitlab-identity': { identities: { 'team/reader': JSON.stringify({ rendered, request: recorded(reader) }) } } },
  });

  test('given rendered ids that are a number, null and a boolean, when read, then they name no resource, even ones at paths spelled like them', () => {
    const [binding] = bindingsFromConfig(config(['Token', 7, null, true]));
    expect(binding.addresses).toEqual(['gitlab_project_access_token.reader_Token']);
  });

  test('given the same ids as strings, when read, then they name those resources', () => {
    const [binding] = bindingsFromConfig(config(['Token', '7', 'null', 'true']));
    expect(binding.addresses).toEqual(['gitlab_project_access_token.reader_Token', 'gitlab_project_variable.seven', 'gitlab_project_variable.nothing', 'gitlab_project_variable.yes']);
  });
});

describe('the kind a token resource is judged as', () => {
  const report = check(stack({
    resource: {
      gitlab_deploy_token: {
        grp: { group: 'acme', name: 'team-grp', scopes: ['read_repository'], expires_at: '2030-01-01' },
        prj: { project: 'acme/app', name: 'team-prj', scopes: ['read_repository'], expires_at: '2030-01-01' },
      },
      gitlab_instance_service_account: { sa: { name: 'bot', username: 'bot' } },
      gitlab_personal_access_token: {
        inst: { user_id: '${gitlab_instance_service_account.sa.service_account_id}', name: 'team-inst', scopes: ['read_api'] },
        user: { user_id: 42, name: 'team-user', scopes: ['read_api'] },
      },
      gitlab_user_impersonation_token: {
        imp: { user_id: '${gitlab_instance_service_account.sa.service_account_id}', name: 'team-imp', scopes: ['read_api'], expires_at: '2030-01-01' },
      },
    },
  }));
  const kindOf = (address: string) => {
    const c = credential(report, address);
    return c.subject === 'token' ? c.kind : c.subject;
  };

  test('given the deprecated gitlab_deploy_token with a group, when described, then it is a group deploy token', () => {
    expect(kindOf('gitlab_deploy_token.grp')).toBe(IdentityKind.GROUP_DEPLOY_TOKEN);
  });

  test('given the deprecated gitlab_deploy_token with a project, when described, then it is a project deploy token', () => {
    expect(kindOf('gitlab_deploy_token.prj')).toBe(IdentityKind.PROJECT_DEPLOY_TOKEN);
  });

  test('given a personal access token of an instance service account, when described, then it is that account\'s token', () => {
    expect(kindOf('gitlab_personal_access_token.inst')).toBe(IdentityKind.INSTANCE_SERVICE_ACCOUNT);
  });

  test('given a personal access token of a user id, when described, then it is a personal access token', () => {
    expect(kindOf('gitlab_personal_access_token.user')).toBe(IdentityKind.PERSONAL_ACCESS_TOKEN);
  });

  test('given an impersonation token of an instance service account, when described, then it is still judged as a personal access token', () => {
    expect(kindOf('gitlab_user_impersonation_token.imp')).toBe(IdentityKind.PERSONAL_ACCESS_TOKEN);
  });
});

describe('secret attributes of data sources', () => {
  test.each([
    ['gitlab_project_variable', ['value']],
    ['gitlab_group_variables', ['variables']],
    ['gitlab_project', ['runners_token']],
  ])('given a %s data source, when its secrets are listed, then they are %j', (type, expected) => {
    expect(secretAttributesOf('data', type)).toEqual(expected);
  });

  test.each(['gitlab_project_access_token', 'gitlab_runner', 'http', 'toString'])('given a %s data source, which reads back no secret, when its secrets are listed, then there are none', (type) => {
    expect(secretAttributesOf('data', type)).toEqual([]);
  });

  test('given the same types as resources, when their secrets are listed, then a token holds token and a runner its authentication token', () => {
    expect(secretAttributesOf('resource', 'gitlab_project_access_token')).toEqual(['token']);
    expect(secretAttributesOf('resource', 'gitlab_runner')).toEqual(['authentication_token']);
    expect(secretAttributesOf('resource', 'http')).toEqual([]);
  });
});
