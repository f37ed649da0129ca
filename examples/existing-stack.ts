/**
 * A stack written directly with @cdktf/provider-gitlab, as many organisations have: one shared token, a
 * deploy token that never expires, a trigger that never rotates, a token printed as an output. One line
 * (`IdentityPolicyChecks.enable(app)`) makes synth fail with one precise message per problem. Built without it,
 * the stack synthesizes as plain cdktf does, and `gitlab-identity inventory cdktf.out` lists what it holds.
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { GroupAccessToken } from '@cdktf/provider-gitlab/lib/group-access-token';
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { IdentityPolicyChecks } from '../lib/public';

export function buildExistingStack(app: App, options: { readonly checks?: boolean } = {}): App {
  const stack = new TerraformStack(app, 'legacy');
  new LocalBackend(stack, { path: '../../../terraform.legacy.tfstate' });
  new GitlabProvider(stack, 'gitlab', {});

  // The one bot token everything uses: group-wide, no role set (so maintainer), a year long.
  const shared = new GroupAccessToken(stack, 'gitlab-bot', {
    group: 'gitlab-org',
    name: 'GitLab Bot',
    scopes: ['api', 'read_user'],
    rotationConfiguration: { expirationDays: 365, rotateBeforeDays: 30 },
  });
  new ProjectVariable(stack, 'bot-token', { project: 'gitlab-org/gitlab', key: 'GITLAB_BOT_TOKEN', value: shared.token });
  new TerraformOutput(stack, 'bot-token-for-debugging', { value: shared.token });

  new ProjectDeployToken(stack, 'registry-pull', { project: 'gitlab-org/build/cng', name: 'registry-pull', scopes: ['read_registry'] });
  new PipelineTrigger(stack, 'nightly', { project: 'gitlab-org/build/omnibus-gitlab-mirror', description: 'nightly build' });

  if (options.checks !== false) IdentityPolicyChecks.enable(app);
  return app;
}

// Run it: `npx ts-node --transpile-only examples/existing-stack.ts` (the app is written to cdktf.out): synth
// fails with the errors the README lists, and writes nothing of the stack.
if (require.main === module) buildExistingStack(new App()).synth();
