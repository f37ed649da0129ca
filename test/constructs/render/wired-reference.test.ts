/**
 * The library's wired references write exactly what cdktf's own references and functions write, follow a
 * later overrideLogicalId, and record no stack trace (the reason they exist).
 */
import { App, Fn, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import { DataGitlabProject } from '@cdktf/provider-gitlab/lib/data-gitlab-project';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectJobTokenScope } from '@cdktf/provider-gitlab/lib/project-job-token-scope';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { addressOf, attributeOf, numberAttributeOf, rolloverPlusHours } from '../../../lib/constructs/render/wired-reference';
import { expectTerraformLoads } from '../../support/terraform';

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

/** One stack wired either way: with the wired references, or with cdktf's own. */
function wired(how: 'wired' | 'cdktf', override?: string): Json {
  const stack = new TerraformStack(Testing.app(), 'team');
  new GitlabProvider(stack, 'gitlab', {});
  new TimeProvider(stack, 'time', {});
  const token = new ProjectAccessToken(stack, 'Token', { project: 'acme/app', name: 't', scopes: ['api'], accessLevel: 'reporter', rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 7 } });
  const project = new DataGitlabProject(stack, 'Project', { pathWithNamespace: 'acme/lib' });
  const account = new GroupServiceAccount(stack, 'Account', { group: 'acme', name: 'bot', username: 'acme_bot' });
  const rotating = new Rotating(stack, 'Rotation', { rotationDays: 23 });
  if (override) rotating.overrideLogicalId(override);
  const w = how === 'wired';
  new ProjectVariable(stack, 'Variable', { project: 'acme/ops', key: 'K', value: w ? attributeOf(token, 'token') : token.token, masked: true });
  new ProjectJobTokenScope(stack, 'Allow', { project: 'acme/app', targetProjectId: w ? numberAttributeOf(project, 'id') : Token.asNumber(Fn.tonumber(project.id)) });
  new ProjectVariable(stack, 'Account-id', { project: 'acme/ops', key: 'ID', value: Token.asString(w ? numberAttributeOf(account, 'service_account_id') : Token.asNumber(Fn.tonumber(account.serviceAccountId))) });
  new ProjectDeployToken(stack, 'Deploy', {
    project: 'acme/app', name: 'd', scopes: ['read_registry'],
    expiresAt: w ? rolloverPlusHours(rotating, 168) : Fn.timeadd(rotating.rotationRfc3339, '168h'),
    lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [w ? addressOf(rotating) : `time_rotating.${rotating.friendlyUniqueId}`] },
  });
  return JSON.parse(Testing.synth(stack)) as Json;
}

test('each wired reference writes the text cdktf writes for the same reference or function call', () => {
  const ours = wired('wired');
  expect(ours).toEqual(wired('cdktf'));
  expect(ours.resource.gitlab_project_variable.Variable.value).toBe('${gitlab_project_access_token.Token.token}');
  expect(ours.resource.gitlab_project_job_token_scope.Allow.target_project_id).toBe('${tonumber(data.gitlab_project.Project.id)}');
  expect(ours.resource.gitlab_project_deploy_token.Deploy.expires_at).toBe('${timeadd(time_rotating.Rotation.rotation_rfc3339, "168h")}');
});

test('a logical id overridden after wiring is the one written, and the result loads in Terraform', async () => {
  const ours = wired('wired', 'renamed');
  const deploy = ours.resource.gitlab_project_deploy_token.Deploy;
  expect(deploy.expires_at).toBe('${timeadd(time_rotating.renamed.rotation_rfc3339, "168h")}');
  expect((deploy.lifecycle as { replace_triggered_by: string[] }).replace_triggered_by).toEqual(['time_rotating.renamed']);
  await expectTerraformLoads([{ label: 'wired references', json: ours }]);
});

test('wired references record no stack trace; cdktf references record one each', () => {
  const stack = new TerraformStack(new App(), 'team');
  const token = new ProjectAccessToken(stack, 'Token', { project: 'acme/app', name: 't', scopes: ['api'], accessLevel: 'reporter' });
  const creationStack = (text: string) => Tokenization.reverseString(text).tokens[0].creationStack;
  expect(creationStack(attributeOf(token, 'token'))).toEqual([]);
  expect(creationStack(token.token).length).toBeGreaterThan(0);
});
