/**
 * Credential descriptions for the policy-rule tests, built by hand: no construct is synthesized.
 *
 * Raw credentials look like provider resources written directly; rendered ones look like what an
 * AutomationIdentity renders from a real plan (the mapping mirrors lib/constructs/policy/describe-credential.ts).
 * Every builder returns a credential that the rule under test finds compliant; a test overrides the one
 * attribute it is about.
 */
import {
  Capability,
  Credential,
  Finding,
  IdentityKind,
  IdentityPlan,
  IdentityPolicy,
  MembershipCredential,
  OutputCredential,
  POLICY_RULES,
  PolicyRule,
  Reach,
  ResolvedPolicy,
  RuleContext,
  Runtime,
  TokenCredential,
  VariableCredential,
  checkCredential,
  known,
  planIdentity,
  policyRule,
  resolvePolicy,
  unresolved,
} from '../../../lib/core';

/** Kinds that exist as a Terraform resource (the CI job token does not). */
export type TokenKind = Exclude<IdentityKind, IdentityKind.CI_JOB_TOKEN>;

export const RESOURCE_TYPE: Readonly<Record<TokenKind, string>> = Object.freeze({
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: 'gitlab_pipeline_trigger',
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: 'gitlab_project_deploy_token',
  [IdentityKind.GROUP_DEPLOY_TOKEN]: 'gitlab_group_deploy_token',
  [IdentityKind.PROJECT_ACCESS_TOKEN]: 'gitlab_project_access_token',
  [IdentityKind.GROUP_ACCESS_TOKEN]: 'gitlab_group_access_token',
  [IdentityKind.SERVICE_ACCOUNT]: 'gitlab_group_service_account_access_token',
  // The personal access token of a gitlab_instance_service_account.
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: 'gitlab_personal_access_token',
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: 'gitlab_personal_access_token',
});

/** Name of the raw token of each kind. */
export const RAW_NAME: Readonly<Record<TokenKind, string>> = Object.freeze({
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: 'release-trigger',
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: 'quality-deploy-token',
  [IdentityKind.GROUP_DEPLOY_TOKEN]: 'quality-group-deploy-token',
  [IdentityKind.PROJECT_ACCESS_TOKEN]: 'quality-project-token',
  [IdentityKind.GROUP_ACCESS_TOKEN]: 'quality-group-token',
  [IdentityKind.SERVICE_ACCOUNT]: 'platform-service-token',
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: 'platform-instance-token',
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: 'quality-personal-token',
});

export const ALL_TOKEN_KINDS: readonly TokenKind[] = Object.freeze(Object.keys(RESOURCE_TYPE) as TokenKind[]);

const DEPLOY_KINDS = new Set<IdentityKind>([IdentityKind.PROJECT_DEPLOY_TOKEN, IdentityKind.GROUP_DEPLOY_TOKEN]);
/** Tokens of a user: a group or instance service account, or a bot user. */
const USER_KINDS = new Set<IdentityKind>([IdentityKind.SERVICE_ACCOUNT, IdentityKind.INSTANCE_SERVICE_ACCOUNT, IdentityKind.PERSONAL_ACCESS_TOKEN]);
const KINDS_WITH_ACCESS_LEVEL = new Set<IdentityKind>([IdentityKind.PROJECT_ACCESS_TOKEN, IdentityKind.GROUP_ACCESS_TOKEN]);

/** What a deploy token's expires_at looks like when it follows a time_rotating resource. */
export const ROTATING_EXPIRES_AT = '${timeadd(time_rotating.rotation.rotation_rfc3339, "336h")}';

type TokenOverrides = Partial<Omit<TokenCredential, 'subject'>>;

/** A raw provider token of `kind`, as a careful engineer would write it. */
export function rawToken(kind: TokenKind, overrides: TokenOverrides = {}): TokenCredential {
  const resourceType = RESOURCE_TYPE[kind];
  const base: TokenCredential = {
    subject: 'token',
    path: `app/stack/${resourceType}`,
    resourceType,
    kind,
    name: known(RAW_NAME[kind]),
    replacedOnSchedule: false,
  };
  if (kind === IdentityKind.PIPELINE_TRIGGER_TOKEN) return { ...base, replacedOnSchedule: true, ...overrides };
  if (DEPLOY_KINDS.has(kind)) {
    return { ...base, scopes: known(['read_repository']), expiresAt: unresolved(ROTATING_EXPIRES_AT), replacedOnSchedule: true, ...overrides };
  }
  return {
    ...base,
    scopes: known(['read_api']),
    ...(KINDS_WITH_ACCESS_LEVEL.has(kind) ? { accessLevel: known('reporter') } : {}),
    rotation: { expirationDays: known(90), rotateBeforeDays: known(14) },
    ...(USER_KINDS.has(kind) ? { userIsServiceAccount: kind !== IdentityKind.PERSONAL_ACCESS_TOKEN } : {}),
    ...overrides,
  };
}

/** Real plans, one per kind that renders a token, with the default policy unless named. */
export const PLANS = {
  projectAccessToken: planIdentity({
    owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.API_TRIAGE],
  }),
  groupAccessToken: planIdentity({
    owner: 'quality', purpose: 'report', runtime: Runtime.external(), reach: Reach.group('gitlab-org/quality', { projectCount: 5 }), capabilities: [Capability.API_READ],
  }),
  serviceAccount: planIdentity({
    owner: 'platform', purpose: 'tokens', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.TOKENS_MANAGE],
  }),
  personalAccessToken: planIdentity({
    owner: 'platform', purpose: 'tokens', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.TOKENS_MANAGE],
    policy: { serviceAccountsAvailable: false }, botUserId: 42,
  }),
  projectDeployToken: planIdentity({
    owner: 'quality', purpose: 'images', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.CONTAINER_REGISTRY_READ],
  }),
  groupDeployToken: planIdentity({
    owner: 'quality', purpose: 'mirror', runtime: Runtime.external(), reach: Reach.group('gitlab-org/quality', { projectCount: 50 }), capabilities: [Capability.REPOSITORY_READ],
  }),
  pipelineTrigger: planIdentity({
    owner: 'release', purpose: 'nightly', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.PIPELINE_TRIGGER],
  }),
  /** Planned under its own policy that allows 365 days; the stack-wide checks may use a stricter one. */
  longLivedDeployToken: planIdentity({
    owner: 'quality', purpose: 'images', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.CONTAINER_REGISTRY_READ],
    policy: { maxLifetimeDays: 365 }, lifetimeDays: 200,
  }),
} as const;

/** The token an AutomationIdentity renders from `plan`, described the way the policy aspect describes it. */
export function renderedToken(plan: IdentityPlan, overrides: TokenOverrides = {}): TokenCredential {
  const kind = plan.kind as TokenKind;
  const resourceType = RESOURCE_TYPE[kind];
  if (resourceType === undefined) throw new Error(`fixture: a ${plan.kind} renders no token resource`);
  const base: TokenCredential = {
    subject: 'token',
    path: `app/stack/${plan.name}/token`,
    resourceType,
    kind,
    plan,
    name: known(plan.name),
    replacedOnSchedule: false,
  };
  // Deploy and trigger tokens are replaced on a time_rotating schedule; their lifetime comes from the plan.
  const scheduled = {
    replacedOnSchedule: true,
    plannedLifetimeDays: plan.lifetimeDays,
    plannedRotateBeforeDays: plan.rotateBeforeDays,
  };
  if (kind === IdentityKind.PIPELINE_TRIGGER_TOKEN) return { ...base, ...scheduled, ...overrides };
  if (DEPLOY_KINDS.has(kind)) {
    return { ...base, ...scheduled, scopes: known([...plan.scopes]), expiresAt: unresolved(ROTATING_EXPIRES_AT), ...overrides };
  }
  return {
    ...base,
    scopes: known([...plan.scopes]),
    ...(KINDS_WITH_ACCESS_LEVEL.has(kind) && plan.accessLevel !== undefined ? { accessLevel: known<string>(plan.accessLevel) } : {}),
    rotation: { expirationDays: known(plan.lifetimeDays as number), rotateBeforeDays: known(plan.rotateBeforeDays as number) },
    userIsServiceAccount: kind === IdentityKind.SERVICE_ACCOUNT || kind === IdentityKind.INSTANCE_SERVICE_ACCOUNT,
    ...overrides,
  };
}

/** The membership an AutomationIdentity grants its service account. */
export function membership(plan: IdentityPlan = PLANS.serviceAccount, overrides: Partial<Omit<MembershipCredential, 'subject' | 'plan'>> = {}): MembershipCredential {
  return {
    subject: 'membership',
    path: `app/stack/${plan.name}/membership`,
    resourceType: 'gitlab_project_membership',
    plan,
    ...(plan.accessLevel !== undefined ? { accessLevel: known<string>(plan.accessLevel) } : {}),
    ...overrides,
  };
}

/** A project CI/CD variable holding a token, masked, hidden and protected. */
export function variable(overrides: Partial<Omit<VariableCredential, 'subject'>> = {}): VariableCredential {
  return {
    subject: 'variable',
    path: 'app/stack/triage-token-variable',
    resourceType: 'gitlab_project_variable',
    key: known('TRIAGE_TOKEN'),
    holdsToken: true,
    masked: known(true),
    hidden: known(true),
    protected: known(true),
    ...overrides,
  };
}

/** A sensitive output holding a token. */
export function output(overrides: Partial<Omit<OutputCredential, 'subject'>> = {}): OutputCredential {
  return { subject: 'output', path: 'app/stack/token-output', holdsToken: true, sensitive: true, ...overrides };
}

/** A rule context: a policy (resolved here) and the names used so far (none unless given). */
export function context(
  options: { readonly policy?: IdentityPolicy | ResolvedPolicy; readonly otherUsesOfName?: RuleContext['otherUsesOfName'] } = {},
): RuleContext {
  return { policy: resolvePolicy(options.policy), otherUsesOfName: options.otherUsesOfName ?? (() => []) };
}

/** The rule with `id`; fails the test if there is none. */
export function rule(id: string): PolicyRule {
  const found = policyRule(id);
  if (found === undefined) throw new Error(`no policy rule ${id}`);
  return found;
}

/**
 * Findings of the one rule `id` on `credential`, as the aspect would record them (rule ID and level applied),
 * without the attribute they point at: finding-attributes.test.ts asserts that.
 */
export function findingsOf(id: string, credential: Credential, ctx: RuleContext = context()): Finding[] {
  return checkCredential(credential, ctx, [rule(id)]).map(({ ruleId, level, message }) => ({ ruleId, level, message }));
}

/** The attributes the findings of rule `id` point at (for `check`'s line numbers). */
export function attributesOf(id: string, credential: Credential, ctx: RuleContext = context()): (string | undefined)[] {
  return checkCredential(credential, ctx, [rule(id)]).map((f) => f.attribute);
}

/** Findings of every rule on `credential`. */
export function allFindings(credential: Credential, ctx: RuleContext = context()): Finding[] {
  return checkCredential(credential, ctx, POLICY_RULES);
}
