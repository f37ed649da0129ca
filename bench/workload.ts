/**
 * The benchmark's workload: N automations in a realistic mix of all eight identity kinds, with deliveries,
 * spread over team stacks of 500, declared either (a) with AutomationIdentity and IdentityPolicyChecks on, or
 * (b) as the same provider resources written by hand with the checks off. The difference is everything the
 * library costs (planning, rendering, the checks over the written JSON, the inventories) on top of writing the
 * resources yourself and checking nothing.
 */
import { App, Aspects, Fn, LocalBackend, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DataGitlabProject } from '@cdktf/provider-gitlab/lib/data-gitlab-project';
import { GroupAccessToken } from '@cdktf/provider-gitlab/lib/group-access-token';
import { GroupDeployToken } from '@cdktf/provider-gitlab/lib/group-deploy-token';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { GroupServiceAccountAccessToken } from '@cdktf/provider-gitlab/lib/group-service-account-access-token';
import { PersonalAccessToken } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { ProjectJobTokenScope } from '@cdktf/provider-gitlab/lib/project-job-token-scope';
import { ProjectMembership } from '@cdktf/provider-gitlab/lib/project-membership';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import {
  AutomationIdentity,
  AutomationIdentityProps,
  Capability,
  Delivery,
  IdentityPolicy,
  IdentityPolicyChecks,
  Reach,
  Runtime,
} from '../lib';
import { RenewalTrigger } from '../lib/constructs/render/rotation';

export type Variant = 'identity' | 'raw';

export const IDENTITIES_PER_STACK = 500;
const policy: IdentityPolicy = { defaultLifetimeDays: 60, defaultRotateBeforeDays: 14 };
const noServiceAccounts: IdentityPolicy = { ...policy, serviceAccountsAvailable: false };
const LIFETIME = 60;
const ROTATE_BEFORE = 14;
const rotation = { expirationDays: LIFETIME, rotateBeforeDays: ROTATE_BEFORE };

/**
 * The lapse check the library writes on every expiring token (lib/constructs/render/lapse-check.ts), written by
 * hand: the same resources include the same lifecycle blocks, so the baseline's JSON is the library's but for
 * names, descriptions and the library's metadata.
 */
function lapseCheck(name: string, format: 'instant' | 'date') {
  const expiry = format === 'instant' ? 'self.expires_at' : 'format("%sT00:00:00Z", self.expires_at)';
  const hours = (format === 'instant' ? ROTATE_BEFORE : ROTATE_BEFORE - 1) * 24;
  return {
    condition: `\${timecmp(${expiry}, timeadd(plantimestamp(), "${hours}h")) >= 0}`,
    errorMessage: `${name} expires at \${self.expires_at}, within its ${ROTATE_BEFORE}-day rotate-before window after this apply, so it was not renewed. ` +
      `Run terraform apply at least every ${ROTATE_BEFORE} days (README, "Rotation schedule"); if applies ran, the provider did not renew the token.`,
  };
}
/** Access and personal tokens: GitLab keeps the description given at creation (the library's DESCRIPTION_IS_SET_ONCE). */
const rotatedLifecycle = (name: string, description = true) =>
  ({ ...(description ? { ignoreChanges: ['description'] } : {}), postcondition: [lapseCheck(name, 'date')] });

/** The i-th automation, as AutomationIdentity props: kind = i mod 8. */
export function automation(i: number, team: string): AutomationIdentityProps {
  const group = `org${i % 40}`;
  const project = `${group}/app-${i}`;
  const other = `${group}/lib-${i}`;
  const deliverTo = Delivery.ciVariable({ project: `${group}/ops-${i}`, key: 'AUTOMATION_TOKEN' });
  const base = { owner: team, purpose: `bot-${i}`, policy };
  switch (i % 8) {
    case 0: return { ...base, runtime: Runtime.ciPipeline(other), reach: Reach.project(project), capabilities: [Capability.REPOSITORY_READ] };
    case 1: return { ...base, runtime: Runtime.external(), reach: Reach.project(project), capabilities: [Capability.PIPELINE_TRIGGER], deliverTo };
    case 2: return { ...base, runtime: Runtime.external(), reach: Reach.project(project), capabilities: [Capability.CONTAINER_REGISTRY_READ], deliverTo };
    case 3: return { ...base, runtime: Runtime.external(), reach: Reach.group(`${group}/sub-${i}`, { projectCount: 100 }), capabilities: [Capability.PACKAGE_REGISTRY_READ], deliverTo };
    case 4: return { ...base, runtime: Runtime.external(), reach: Reach.project(project), capabilities: [Capability.API_TRIAGE], deliverTo };
    case 5: return { ...base, runtime: Runtime.external(), reach: Reach.group(`${group}/team-${i}`, { projectCount: 5 }), capabilities: [Capability.API_READ], deliverTo };
    case 6: return { ...base, runtime: Runtime.external(), reach: Reach.projects([project, other]), capabilities: [Capability.API_WRITE], deliverTo };
    default: return { ...base, policy: noServiceAccounts, botUserId: 1000 + i, runtime: Runtime.external(), reach: Reach.projects([project, other]), capabilities: [Capability.API_READ], deliverTo };
  }
}

function variable(scope: Construct, id: string, i: number, key: string, value: string, secret: boolean): void {
  new ProjectVariable(scope, id, {
    project: `org${i % 40}/ops-${i}`, key, value, masked: secret, hidden: secret, protected: true, raw: true, environmentScope: '*',
    description: `Token (hand-written, ${i})`,
  });
}

/** The same resources as `automation(i)` renders, written directly with the provider. */
function rawAutomation(stack: TerraformStack, i: number, team: string): void {
  const scope = new Construct(stack, `bot-${i}`);
  const group = `org${i % 40}`;
  const project = `${group}/app-${i}`;
  const other = `${group}/lib-${i}`;
  const name = `${team}-bot-${i}`;
  const description = `${team}/bot-${i}: hand-written`;
  const scheduled = () => {
    const rotating = new Rotating(scope, 'Rotation', { rotationDays: LIFETIME - ROTATE_BEFORE });
    // Replaced through a terraform_data (a time_rotating named in replace_triggered_by never fires). A plain
    // address: Terraform rejects the interpolation cdktf writes for a resource object here.
    // The library's terraform_data class, not cdktf's DataResource: that one runs `terraform version` in a
    // child process for each resource at synth (lib/constructs/render/rotation.ts), which would make this
    // baseline measure process starts rather than synth.
    const renewal = new RenewalTrigger(scope, 'Renewal', { rotation: rotating.rotationRfc3339 });
    const address = `${renewal.terraformResourceType}.${renewal.friendlyUniqueId}`;
    return { rotating, expiresAt: Fn.timeadd(rotating.rotationRfc3339, `${ROTATE_BEFORE * 24}h`), lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [address] } };
  };
  switch (i % 8) {
    case 0: {
      const source = new DataGitlabProject(scope, 'Source', { pathWithNamespace: other });
      new ProjectJobTokenScope(scope, 'Allowlist', { project, targetProjectId: Token.asNumber(Fn.tonumber(source.id)) });
      return;
    }
    case 1: {
      const { lifecycle } = scheduled();
      const t = new PipelineTrigger(scope, 'Trigger', { project, description, lifecycle });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
      return;
    }
    case 2: {
      const { expiresAt, lifecycle } = scheduled();
      const t = new ProjectDeployToken(scope, 'DeployToken', { project, name, scopes: ['read_registry'], expiresAt, lifecycle: { ...lifecycle, postcondition: [lapseCheck(name, 'instant')] } });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
      variable(scope, 'Username', i, 'AUTOMATION_TOKEN_USERNAME', t.username, false);
      return;
    }
    case 3: {
      const { expiresAt, lifecycle } = scheduled();
      const t = new GroupDeployToken(scope, 'DeployToken', { group: `${group}/sub-${i}`, name, scopes: ['read_package_registry'], expiresAt, lifecycle: { ...lifecycle, postcondition: [lapseCheck(name, 'instant')] } });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
      variable(scope, 'Username', i, 'AUTOMATION_TOKEN_USERNAME', t.username, false);
      return;
    }
    case 4: {
      const t = new ProjectAccessToken(scope, 'Token', { project, name, description, scopes: ['api'], accessLevel: 'reporter', rotationConfiguration: rotation, lifecycle: rotatedLifecycle(name) });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
      return;
    }
    case 5: {
      const t = new GroupAccessToken(scope, 'Token', { group: `${group}/team-${i}`, name, description, scopes: ['read_api'], accessLevel: 'reporter', rotationConfiguration: rotation, lifecycle: rotatedLifecycle(name) });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
      return;
    }
    case 6: {
      const account = new GroupServiceAccount(scope, 'ServiceAccount', { group, name, username: name });
      const userId = Token.asNumber(Fn.tonumber(account.serviceAccountId));
      for (const p of [project, other]) new ProjectMembership(scope, `Membership-${p.replace(/\//g, '~')}`, { project: p, userId, accessLevel: 'developer' });
      const t = new GroupServiceAccountAccessToken(scope, 'Token', { group, userId, name, scopes: ['api'], rotationConfiguration: rotation, lifecycle: rotatedLifecycle(name, false) });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
      return;
    }
    default: {
      const t = new PersonalAccessToken(scope, 'Token', { userId: 1000 + i, name, description, scopes: ['read_api'], rotationConfiguration: rotation, lifecycle: rotatedLifecycle(name) });
      variable(scope, 'Variable', i, 'AUTOMATION_TOKEN', t.token, true);
    }
  }
}

/**
 * An app with `n` automations in stacks of `perStack` (500 in the benchmark; tests use smaller stacks to
 * get several stacks cheaply), declared as `variant`.
 */
export function buildWorkload(app: App, n: number, variant: Variant, perStack = IDENTITIES_PER_STACK): App {
  if (variant === 'identity') Aspects.of(app).add(new IdentityPolicyChecks({ policy }));
  for (let s = 0; s * perStack < n; s++) {
    const team = `team${s}`;
    const stack = new TerraformStack(app, team);
    new LocalBackend(stack, { path: `../../../terraform.${team}.tfstate` });
    new GitlabProvider(stack, 'gitlab', {});
    if (variant === 'raw') new TimeProvider(stack, 'time', {});
    for (let i = s * perStack; i < Math.min(n, (s + 1) * perStack); i++) {
      if (variant === 'identity') new AutomationIdentity(stack, `bot-${i}`, automation(i, team));
      else rawAutomation(stack, i, team);
    }
  }
  return app;
}
