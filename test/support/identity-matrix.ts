/**
 * Every identity kind × every delivery option, plus the options that add resources of their own (expiry
 * hook, bot-authored label, contact email, username, several targets, delivery into another stack): the
 * declarations the Terraform tier loads and the prose-stability test synthesizes twice.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { AutomationIdentity, AutomationIdentityProps, Capability as C, Delivery, IdentityKind, Reach, Runtime } from '../../lib';
import { userStack } from '../constructs/support';

/** A synthesized stack, with the rationale of the identities in it (to prove what the plan said). */
export interface MatrixStack {
  readonly label: string;
  readonly json: string;
  readonly rationale: readonly string[];
}

/** One declaration per kind; reaches with several targets where the kind emits one token per target. */
export const KINDS: Record<IdentityKind, Omit<AutomationIdentityProps, 'owner' | 'purpose'>> = {
  [IdentityKind.CI_JOB_TOKEN]: {
    runtime: Runtime.ciPipeline('acme/source'), reach: Reach.projects(['acme/lib', 'acme/other']), capabilities: [C.PACKAGE_REGISTRY_READ],
  },
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: {
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.PIPELINE_TRIGGER],
  },
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: {
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/sub/images']), capabilities: [C.CONTAINER_REGISTRY_READ],
  },
  [IdentityKind.GROUP_DEPLOY_TOKEN]: {
    runtime: Runtime.external(), reach: Reach.group('acme', { projectCount: 40 }), capabilities: [C.PACKAGE_REGISTRY_READ],
  },
  [IdentityKind.PROJECT_ACCESS_TOKEN]: {
    runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'), capabilities: [C.API_TRIAGE],
  },
  [IdentityKind.GROUP_ACCESS_TOKEN]: {
    runtime: Runtime.external(), reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ],
  },
  [IdentityKind.SERVICE_ACCOUNT]: {
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.REPOSITORY_WRITE],
  },
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: {
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'beta/docs']), capabilities: [C.REPOSITORY_WRITE],
    policy: { platform: { offering: 'self-managed', tier: 'premium', version: '18.6' } },
  },
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: {
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ],
    policy: { serviceAccountsAvailable: false }, botUserId: 42,
  },
};

export const DELIVERIES: Record<string, () => Delivery[]> = {
  'no delivery': () => [],
  'a project variable': () => [Delivery.ciVariable({ project: 'acme/ops', key: 'TOKEN' })],
  'a group variable': () => [Delivery.groupVariable({ group: 'acme', key: 'TOKEN' })],
  'an environment scope, protected off': () => [Delivery.ciVariable({ project: 'acme/ops', key: 'TOKEN', environmentScope: 'review/*', protected: false })],
  'several deliveries': () => [
    Delivery.ciVariable({ project: 'acme/ops', key: 'TOKEN' }),
    Delivery.ciVariable({ project: 'acme/ops', key: 'TOKEN', environmentScope: 'production' }),
    Delivery.groupVariable({ group: 'acme/sub', key: 'OTHER_TOKEN', protected: false }),
  ],
};

function synthOne(label: string, props: Omit<AutomationIdentityProps, 'owner' | 'purpose'>, extra: Partial<AutomationIdentityProps> = {}): MatrixStack {
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'identity', { owner: 'team', purpose: 'bot', ...props, ...extra });
  if (!label.includes(identity.plan.kind)) throw new Error(`matrix case '${label}' built a ${identity.plan.kind}`);
  return { label, json: Testing.synth(stack, true), rationale: identity.plan.rationale };
}

/** Every kind with every delivery option (the CI job token has nothing to deliver). */
export function kindDeliveryMatrix(): MatrixStack[] {
  const configs: MatrixStack[] = [];
  for (const [kind, props] of Object.entries(KINDS) as [IdentityKind, AutomationIdentityProps][]) {
    for (const [name, deliveries] of Object.entries(DELIVERIES)) {
      if (kind === IdentityKind.CI_JOB_TOKEN && name !== 'no delivery') continue; // nothing to deliver
      configs.push(synthOne(`${kind} with ${name}`, props, { deliverTo: deliveries() }));
    }
  }
  return configs;
}

/** Options that add resources or change attributes of their own. */
export function optionStacks(): MatrixStack[] {
  const mergeRequestBot = [C.API_WRITE, C.REPOSITORY_WRITE];
  return [
    synthOne('project-access-token with notifyExpiry', KINDS[IdentityKind.PROJECT_ACCESS_TOKEN], { notifyExpiry: { url: 'https://hooks.example.com/expiry' } }),
    synthOne('project-access-token with ensureBotAuthoredLabel', { ...KINDS[IdentityKind.PROJECT_ACCESS_TOKEN], capabilities: mergeRequestBot }, { ensureBotAuthoredLabel: true }),
    synthOne('service-account with ensureBotAuthoredLabel on several projects', { ...KINDS[IdentityKind.SERVICE_ACCOUNT], capabilities: mergeRequestBot }, { ensureBotAuthoredLabel: true }),
    synthOne('group-access-token with ensureBotAuthoredLabel on the group', { ...KINDS[IdentityKind.GROUP_ACCESS_TOKEN], capabilities: mergeRequestBot }, { ensureBotAuthoredLabel: true }),
    synthOne('service-account with contactEmail', KINDS[IdentityKind.SERVICE_ACCOUNT], { contactEmail: 'bots@example.com' }),
    synthOne('service-account with serviceAccountUsername', KINDS[IdentityKind.SERVICE_ACCOUNT], { serviceAccountUsername: 'acme_release.bot' }),
    synthOne('service-account on a whole group', { ...KINDS[IdentityKind.SERVICE_ACCOUNT], reach: Reach.group('acme', { projectCount: 300 }) }),
    synthOne('service-account with serviceAccountGroup and tokens:manage', { ...KINDS[IdentityKind.SERVICE_ACCOUNT], capabilities: [C.TOKENS_MANAGE] }, { serviceAccountGroup: 'acme' }),
    synthOne('project-deploy-token with a custom lifetime', KINDS[IdentityKind.PROJECT_DEPLOY_TOKEN], { lifetimeDays: 30, rotateBeforeDays: 7 }),
    synthOne('project-access-token with a name prefix', KINDS[IdentityKind.PROJECT_ACCESS_TOKEN], { policy: { namePrefix: 'bot-' } }),
  ];
}

/** A token delivered into a variable of another stack: cdktf wires it through an output and remote state. */
export function crossStackPair(): MatrixStack[] {
  const app: App = Testing.app();
  const tokens = userStack(app, 'tokens');
  const consumers: TerraformStack = userStack(app, 'consumers');
  const identity = new AutomationIdentity(tokens, 'identity', { owner: 'team', purpose: 'bot', ...KINDS[IdentityKind.PROJECT_ACCESS_TOKEN] });
  new ProjectVariable(consumers, 'copy', {
    project: 'acme/ops', key: 'TOKEN', value: identity.token, masked: true, hidden: true, protected: true, raw: true,
  });
  app.synth();
  return [
    { label: 'cross-stack: the producing stack', json: Testing.synth(tokens, true), rationale: identity.plan.rationale },
    { label: 'cross-stack: the consuming stack', json: Testing.synth(consumers, true), rationale: [] },
  ];
}
