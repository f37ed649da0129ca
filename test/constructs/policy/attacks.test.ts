/**
 * Issue 12, tried as an attacker with write access to a merge request would: every way we found to change
 * what Terraform applies after the plan was made, each one must fail synth with the rule that names it. The
 * checks judge the cdk.tf.json each stack wrote, so overrides, expressions, constants and hand-written
 * resources are all seen as Terraform will see them.
 *
 * GIVEN a checked stack with one identity (or hand-written resources) and one attack
 * WHEN the app is synthesized THEN synth fails, and the expected rule is among the errors.
 */
import { Fn, TerraformHclModule, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { ClusterAgentToken } from '@cdktf/provider-gitlab/lib/cluster-agent-token';
import { Application } from '@cdktf/provider-gitlab/lib/application';
import { PipelineScheduleVariable } from '@cdktf/provider-gitlab/lib/pipeline-schedule-variable';
import { ProjectHook } from '@cdktf/provider-gitlab/lib/project-hook';
import { RepositoryFile } from '@cdktf/provider-gitlab/lib/repository-file';
import { UserImpersonationToken } from '@cdktf/provider-gitlab/lib/user-impersonation-token';
import { UserRunner } from '@cdktf/provider-gitlab/lib/user-runner';
import { Label } from '@cdktf/provider-gitlab/lib/label';
import { AutomationIdentity, AutomationIdentityProps, Capability as C, Delivery, IdentitySuppressions, Reach, Runtime } from '../../../lib';
import { request } from '../support';
import { checkedStack, findingsIn, projectToken, ruleFindings, synth, tempApp } from './policy-support';
import { mentioning } from '../../support/mentioning';

type Attack = (stack: TerraformStack) => void;

/** The open error rule IDs the attack leads to (sorted, unique), and the synth failure. */
function attempt(attack: Attack): { rules: string[]; failure: string | undefined } {
  const stack = checkedStack(undefined, tempApp());
  attack(stack);
  const failure = synth(stack);
  const rules = [...new Set(findingsIn(stack).filter((f) => f.level === 'error' && !f.suppressedBy).map((f) => f.ruleId))].sort();
  return { rules, failure };
}

function expectCaught(attack: Attack, ...rules: string[]): void {
  const { rules: found, failure } = attempt(attack);
  expect(failure).toBeDefined();
  for (const rule of rules) expect(found).toContain(rule);
}

const identity = (stack: TerraformStack, props: Partial<AutomationIdentityProps> = {}, id = 'bot') =>
  new AutomationIdentity(stack, id, request({ capabilities: [C.API_READ], deliverTo: Delivery.ciVariable({ project: 'group/ops', key: 'BOT_TOKEN' }), ...props }));
/** The one rendered child of `identity` with this id. */
const rendered = (i: AutomationIdentity, id: string) => i.node.findChild(id) as unknown as { addOverride(path: string, value: unknown): void };
const serviceAccount = (stack: TerraformStack) => identity(stack, { reach: Reach.projects(['group/project', 'group/other']) });

describe('expressions that Terraform evaluates to forbidden values fail closed, evaluated', () => {
  test.each<[string, Attack, string[]]>([
    ['access_level = ${"owner"}', (s) => rendered(identity(s), 'Token').addOverride('access_level', '${"owner"}'), ['GLID-006', 'GLID-007']],
    ['the role from a TerraformVariable default', (s) => {
      const role = new TerraformVariable(s, 'role', { type: 'string', default: 'owner' });
      rendered(identity(s), 'Token').addOverride('access_level', role.stringValue);
    }, ['GLID-006', 'GLID-007']],
    ['scopes = ${["api","sudo"]}', (s) => rendered(identity(s), 'Token').addOverride('scopes', '${["api","sudo"]}'), ['GLID-007', 'GLID-008']],
    ['expiration_days = ${365}', (s) => rendered(identity(s), 'Token').addOverride('rotation_configuration.expiration_days', '${365}'), ['GLID-003', 'GLID-021']],
    ['masked = ${false} on the delivery', (s) => {
      const i = identity(s);
      const variable = i.node.children.find((c) => c.node.id.startsWith('Variable-')) as unknown as { addOverride(p: string, v: unknown): void };
      variable.addOverride('masked', '${false}');
    }, ['GLID-013']],
    ['the token\'s project moved by an expression', (s) => rendered(identity(s), 'Token').addOverride('project', '${"group/elsewhere"}'), ['GLID-007']],
    ['a role that Terraform reads from a variable without default', (s) => {
      const role = new TerraformVariable(s, 'role', { type: 'string' });
      rendered(identity(s), 'Token').addOverride('access_level', role.stringValue);
    }, ['GLID-022']],
  ])('%s', (_, attack, rules) => expectCaught(attack, ...rules));
});

describe('literal overrides are compared with the plan', () => {
  test.each<[string, Attack, string[]]>([
    ['a service account\'s membership moved to another project', (s) => rendered(serviceAccount(s), 'Membership-group~other').addOverride('project', 'group/secret'), ['GLID-007']],
    ['a job-token allowlist entry moved to another project', (s) => {
      const i = identity(s, { runtime: Runtime.ciPipeline('group/ci'), capabilities: [C.REPOSITORY_READ], deliverTo: undefined });
      rendered(i, 'Allowlist-group~project').addOverride('project', 'group/secret');
    }, ['GLID-007']],
    ['count = 50 on a token', (s) => rendered(identity(s), 'Token').addOverride('count', 50), ['GLID-015', 'GLID-021']],
    ['rotation removed and expires_at = "2099-01-01"', (s) => {
      const token = rendered(identity(s), 'Token');
      token.addOverride('rotation_configuration', undefined);
      token.addOverride('expires_at', '2099-01-01');
    }, ['GLID-003', 'GLID-021']],
    ['the lifetime raised within the policy maximum (60 to 85 of 90)', (s) => rendered(identity(s, { lifetimeDays: 60 }), 'Token').addOverride('rotation_configuration.expiration_days', 85), ['GLID-021']],
    ['a deploy token\'s schedule lengthened', (s) => {
      const i = identity(s, { capabilities: [C.CONTAINER_REGISTRY_READ] });
      rendered(i, 'Rotation').addOverride('rotation_days', 300);
    }, ['GLID-021']],
    ['a personal access token\'s user_id moved to another user', (s) => {
      const i = identity(s, { reach: Reach.projects(['group/project', 'group/other']), policy: { serviceAccountsAvailable: false }, botUserId: 42 });
      rendered(i, 'Token').addOverride('user_id', 1);
    }, ['GLID-021']],
    ['a service-account token handed to another user', (s) => rendered(serviceAccount(s), 'Token').addOverride('user_id', 1), ['GLID-021']],
  ])('%s', (_, attack, rules) => expectCaught(attack, ...rules));
});

describe('credentials and sinks outside the old model', () => {
  test.each<[string, Attack, string[]]>([
    ['an impersonation token with sudo', (s) => new UserImpersonationToken(s, 'imp', { userId: 1, name: 'team-imp', scopes: ['api', 'sudo'], expiresAt: '2026-12-31' }),
      ['GLID-003', 'GLID-008', 'GLID-011']],
    ['a cluster-agent token in a plain output', (s) => new TerraformOutput(s, 'agent', { value: new ClusterAgentToken(s, 'agent-token', { project: 'group/project', agentId: 1, name: 'a' }).token }), ['GLID-012']],
    ['a runner token in a plain output', (s) => new TerraformOutput(s, 'runner', { value: new UserRunner(s, 'runner-1', { runnerType: 'instance_type' }).token }), ['GLID-012']],
    ['an OAuth application secret in a plain output', (s) => new TerraformOutput(s, 'app', { value: new Application(s, 'oauth', { name: 'x', redirectUrl: 'https://x.example.com', scopes: ['api'] }).secret }), ['GLID-012']],
    ['a token written into a repository file', (s) => new RepositoryFile(s, 'file', {
      project: 'group/project', filePath: 'token', branch: 'main', encoding: 'text', commitMessage: 'x', content: identity(s).token,
    }), ['GLID-023']],
    ['a token as a webhook\'s secret', (s) => new ProjectHook(s, 'hook', { project: 'group/project', url: 'https://h.example.com', token: identity(s).token }), ['GLID-023']],
    ['a token in a pipeline-schedule variable', (s) => new PipelineScheduleVariable(s, 'schedule-variable', {
      project: 'group/project', pipelineScheduleId: 1, key: 'TOKEN', value: identity(s).token,
    }), ['GLID-023']],
    ['a token in a description', (s) => new Label(s, 'label', { project: 'group/project', name: 'x', color: '#fff', description: `token ${identity(s).token}` }), ['GLID-023']],
    ['a token as a module input', (s) => new TerraformHclModule(s, 'module', { source: 'gitlab.example.com/acme/token-consumer/generic', version: '1.0.0', variables: { token: identity(s).token } }), ['GLID-023']],
    // It could mint an owner token or an unmasked variable: what it creates is not read, so it fails closed.
    ['a remote module, whose contents the checks cannot read', (s) => new TerraformHclModule(s, 'mint', { source: 'git::https://example.com/mint.git' }), ['GLID-022']],
  ])('%s', (_, attack, rules) => expectCaught(attack, ...rules));

  const TOKEN = 'gitlab_project_access_token.token';
  test.each<[string, (s: TerraformStack) => string]>([
    ['six locals', (s) => {
      let value = projectToken(s).token;
      for (let i = 0; i < 6; i++) value = new TerraformLocal(s, `l${i}`, value).asString;
      return value;
    }],
    ['lookup(resource, "token")', (s) => (projectToken(s), `\${lookup(${TOKEN}, "token")}`)],
    ['(resource)["token"]', (s) => (projectToken(s), `\${(${TOKEN})["token"]}`)],
    ['local.bag.t', (s) => {
      new TerraformLocal(s, 'bag', { t: projectToken(s).token });
      return '${local.bag.t}';
    }],
    ['a for expression', (s) => (projectToken(s), `\${[for t in [${TOKEN}] : t.token][0]}`)],
    ['a splat', (s) => (projectToken(s), `\${[${TOKEN}][*].token}`)],
    ['a function call', (s) => Fn.base64encode(projectToken(s).token)],
    ['nonsensitive()', (s) => Fn.nonsensitive(projectToken(s).token)],
  ])('a secret reaching a plain output through %s: GLID-012', (_, route) => {
    expectCaught((s) => new TerraformOutput(s, 'leak', { value: route(s) }), 'GLID-012');
  });

  test('a token delivered into a variable of another stack through an output of its own: followed across stacks', () => {
    const app = tempApp();
    const alpha = checkedStack(undefined, app, 'alpha');
    const beta = checkedStack(undefined, app, 'beta');
    const token = projectToken(alpha);
    new RepositoryFile(beta, 'file', { project: 'group/project', filePath: 't', branch: 'main', encoding: 'text', commitMessage: 'x', content: token.token });
    expect(synth(beta)).toContain('[beta/file] GLID-023: ');
    // The sink, and the secret it receives, named with the stack it comes from.
    expect(ruleFindings(beta, 'GLID-023')).toEqual([
      { path: 'beta/file', level: 'error', message: mentioning('gitlab_repository_file.file.content', 'alpha:gitlab_project_access_token.token') },
    ]);
  });
});

describe('suppressions stay local', () => {
  test('a stack-wide suppression does not silence a secret in a plain sink (GLID-023)', () => {
    const { failure } = attempt((s) => {
      new RepositoryFile(s, 'file', { project: 'group/project', filePath: 't', branch: 'main', encoding: 'text', commitMessage: 'x', content: identity(s).token });
      IdentitySuppressions.add(s, [{ id: 'GLID-023', reason: 'the whole stack is trusted, we promise' }]);
    });
    expect(failure).toContain('GLID-023');
  });

  test('on the resource itself, it does, with its reason recorded', () => {
    const { rules, failure } = attempt((s) => {
      const file = new RepositoryFile(s, 'file', { project: 'group/project', filePath: 't', branch: 'main', encoding: 'text', commitMessage: 'x', content: identity(s).token });
      IdentitySuppressions.add(file, [{ id: 'GLID-023', reason: 'private bootstrap repository, reviewed by security' }]);
    });
    expect([rules, failure]).toEqual([[], undefined]);
  });
});
