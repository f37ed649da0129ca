/**
 * Builds a stack's inventory from its constructs: one entry per AutomationIdentity and one per token
 * written directly with the provider. CI/CD variables are linked to the tokens they hold by Terraform
 * address, so deliveries show where each secret goes — keys and places only, never values.
 */
import { TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  Credential,
  ExpiryMode,
  IdentityKind,
  InventoryDelivery,
  InventoryEntry,
  InventoryFinding,
  InventorySuppression,
  StackInventory,
  TokenCredential,
  VariableCredential,
  stackInventory,
} from '../../core';
import { AutomationIdentity } from '../automation-identity';
import { describeCredential, tokensOfOtherStacks } from '../policy/describe-credential';
import { IdentityPolicyChecks } from '../policy/identity-policy-checks';

const ROLE_DEFAULTS_TO_MAINTAINER = new Set(['gitlab_project_access_token', 'gitlab_group_access_token']);

interface Collected {
  readonly node: IConstruct;
  readonly credential: Credential;
}

function address(node: IConstruct): string | undefined {
  return TerraformResource.isTerraformResource(node)
    ? `${(node as TerraformResource).terraformResourceType}.${(node as TerraformResource).friendlyUniqueId}`
    : undefined;
}

const LEVEL_RANK = { error: 0, warning: 1, info: 2 } as const;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Findings of several constructs, in canonical order: level, rule, path, message. */
function findingsOf(nodes: readonly IConstruct[]): InventoryFinding[] {
  const all = nodes.flatMap((n) => IdentityPolicyChecks.findingsOf(n));
  all.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || byText(a.ruleId, b.ruleId) || byText(a.path, b.path) || byText(a.message, b.message));
  return all.map((f) => ({
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    path: f.path,
    ...(f.suppressedBy ? { suppressedBy: { id: f.suppressedBy.id, reason: f.suppressedBy.reason } } : {}),
  }));
}

function suppressionsOf(nodes: readonly IConstruct[]): InventorySuppression[] {
  const seen = new Map<string, InventorySuppression>();
  for (const f of nodes.flatMap((n) => IdentityPolicyChecks.findingsOf(n))) {
    if (f.suppressedBy) seen.set(`${f.suppressedBy.id} ${f.suppressedBy.scope}`, { ...f.suppressedBy });
  }
  return [...seen.values()].sort((a, b) => byText(a.id, b.id) || byText(a.scope, b.scope));
}

function delivery(v: VariableCredential): InventoryDelivery {
  const type = v.resourceType === 'gitlab_project_variable' ? 'project-variable' : v.resourceType === 'gitlab_group_variable' ? 'group-variable' : 'instance-variable';
  return {
    type,
    target: v.owner ?? '',
    key: v.key?.known ? v.key.value : '(computed)',
    environmentScope: v.environmentScope ?? '*',
    protected: v.protected?.known ? v.protected.value : null,
  };
}

function identityEntry(identity: AutomationIdentity, nodes: readonly IConstruct[], deliveries: readonly InventoryDelivery[]): InventoryEntry {
  const plan = identity.plan;
  return {
    name: plan.name,
    source: 'automation-identity',
    kind: plan.kind,
    resourceType: null,
    owner: plan.owner,
    purpose: plan.purpose,
    runtime: plan.runtime,
    reach: plan.reach,
    capabilities: plan.capabilities,
    grants: plan.grants,
    accessLevel: plan.accessLevel ?? null,
    scopes: plan.scopes,
    expiry: plan.kind === IdentityKind.CI_JOB_TOKEN ? 'job-duration' : 'rotating',
    lifetimeDays: plan.lifetimeDays ?? null,
    rotateBeforeDays: plan.rotateBeforeDays ?? null,
    deliveries,
    labels: plan.labels,
    decisionRule: plan.decisionRule,
    rationale: plan.rationale,
    findings: findingsOf(nodes),
    suppressions: suppressionsOf(nodes),
    constructPath: identity.node.path,
  };
}

function rawExpiry(t: TokenCredential): { expiry: ExpiryMode; lifetimeDays: number | null; rotateBeforeDays: number | null } {
  const days = t.rotation?.expirationDays;
  const before = t.rotation?.rotateBeforeDays;
  if (t.rotation) {
    return { expiry: 'rotating', lifetimeDays: days?.known ? days.value : null, rotateBeforeDays: before?.known ? before.value : null };
  }
  if (t.replacedOnSchedule) return { expiry: 'rotating', lifetimeDays: null, rotateBeforeDays: null };
  if (t.expiresAt) return { expiry: t.expiresAt.known ? 'fixed-date' : 'unknown', lifetimeDays: null, rotateBeforeDays: null };
  return { expiry: 'never', lifetimeDays: null, rotateBeforeDays: null };
}

function rawEntry(node: IConstruct, t: TokenCredential, related: readonly IConstruct[], deliveries: readonly InventoryDelivery[]): InventoryEntry {
  const accessLevel = t.accessLevel?.known
    ? t.accessLevel.value
    : t.accessLevel === undefined && ROLE_DEFAULTS_TO_MAINTAINER.has(t.resourceType) ? 'maintainer' : null;
  const target = t.target && t.target.type !== 'user'
    ? [{ type: t.kind === IdentityKind.PIPELINE_TRIGGER_TOKEN ? 'pipeline-trigger' : t.resourceType.includes('deploy') ? 'deploy-token' : 'access-token',
        targetType: t.target.type, target: t.target.value }]
    : [];
  return {
    name: t.name?.known ? t.name.value : node.node.path,
    source: 'provider-resource',
    kind: t.kind,
    resourceType: t.resourceType,
    owner: null,
    purpose: null,
    runtime: null,
    reach: null,
    capabilities: [],
    grants: target as InventoryEntry['grants'],
    accessLevel,
    scopes: t.scopes?.known ? [...t.scopes.value].sort() : [],
    ...rawExpiry(t),
    deliveries,
    labels: [],
    decisionRule: null,
    rationale: [],
    findings: findingsOf([node, ...related]),
    suppressions: suppressionsOf([node, ...related]),
    constructPath: node.node.path,
  };
}

/** The identity that rendered `node`; resources a user added under an identity are listed on their own. */
function owningIdentity(node: IConstruct): AutomationIdentity | undefined {
  return AutomationIdentity.renderedBy(node);
}

const VARIABLE_TYPES = new Set(['gitlab_project_variable', 'gitlab_group_variable', 'gitlab_instance_variable']);

type RemoteToken = { readonly address: string; readonly stack: TerraformStack };

/** What the app's variables hold from other stacks, found in one walk of the app. */
interface RemoteIndex {
  /** Deliveries into variables of other stacks, by the stack and address of the token they hold. */
  readonly deliveries: Map<TerraformStack, Map<string, InventoryDelivery[]>>;
  /** The tokens of other stacks each variable holds (those holding a token only). */
  readonly remoteOf: Map<IConstruct, readonly RemoteToken[]>;
  /** Stacks whose inventory has not been built from this index yet. */
  readonly waiting: Set<TerraformStack>;
  readonly multiStack: boolean;
}

function indexApp(stacks: readonly TerraformStack[]): RemoteIndex {
  const index: RemoteIndex = { deliveries: new Map(), remoteOf: new Map(), waiting: new Set(stacks), multiStack: stacks.length > 1 };
  if (!index.multiStack) return index;
  for (const stack of stacks) {
    for (const node of stack.node.findAll()) {
      if (!TerraformResource.isTerraformResource(node) || !VARIABLE_TYPES.has((node as TerraformResource).terraformResourceType)) continue;
      const seen = IdentityPolicyChecks.credentialOf(node);
      const credential = seen === undefined ? describeCredential(node) : seen;
      if (credential?.subject !== 'variable' || !credential.holdsToken) continue;
      const remote = tokensOfOtherStacks(node as TerraformResource);
      index.remoteOf.set(node, remote);
      for (const { address: a, stack: origin } of remote) {
        const byAddress = index.deliveries.get(origin) ?? new Map<string, InventoryDelivery[]>();
        byAddress.set(a, [...(byAddress.get(a) ?? []), delivery(credential)]);
        index.deliveries.set(origin, byAddress);
      }
    }
  }
  return index;
}

// Aspects run stack by stack during synthesis, so each inventory is built at its own stack's synthesis. The
// index of what crosses stacks depends on no aspect: it is built once for the app at the first stack's
// synthesis and each stack takes its part. A stack that already took its part (the next synth) rebuilds it.
const appIndex = new WeakMap<IConstruct, RemoteIndex>();

function remoteIndexFor(stack: TerraformStack): RemoteIndex {
  const root = stack.node.root;
  let index = appIndex.get(root);
  if (!index?.waiting.has(stack)) {
    index = indexApp(root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c)));
    appIndex.set(root, index);
  }
  index.waiting.delete(stack);
  return index;
}

/**
 * The inventory of one stack. Tokens delivered into a variable of another stack (a cdktf cross-stack
 * reference) list that delivery too; that variable's findings are reported by its own stack.
 */
export function buildStackInventory(stack: TerraformStack): StackInventory {
  const all = stack.node.findAll();
  const collected: Collected[] = [];
  // Who holds each token address: an identity (its tokens) or the raw token itself.
  const holderOf = new Map<string, IConstruct>();
  for (const node of all) {
    const seen = IdentityPolicyChecks.credentialOf(node);
    const credential = seen === undefined ? describeCredential(node) : seen;
    if (!credential) continue;
    collected.push({ node, credential });
    const a = address(node);
    if (credential.subject === 'token' && a) holderOf.set(a, owningIdentity(node) ?? node);
  }

  const deliveriesOf = new Map<IConstruct, InventoryDelivery[]>();
  const add = (holder: IConstruct, found: readonly InventoryDelivery[]) => deliveriesOf.set(holder, [...(deliveriesOf.get(holder) ?? []), ...found]);
  // Hand-written variables and outputs holding a token: their findings belong to the token's entry too.
  const relatedOf = new Map<IConstruct, IConstruct[]>();
  const index = remoteIndexFor(stack);
  for (const { node, credential } of collected) {
    if (credential.subject !== 'variable' && credential.subject !== 'output') continue;
    // A token of another stack may share its address with one of this stack: it is listed by its own stack.
    const remoteTokens = credential.subject === 'variable' ? index.remoteOf.get(node)
      : index.multiStack ? tokensOfOtherStacks(node as TerraformOutput) : undefined;
    const remote = new Set((remoteTokens ?? []).map((r) => r.address));
    const holders = new Set((credential.tokenAddresses ?? []).filter((a) => !remote.has(a)).map((a) => holderOf.get(a)).filter((h): h is IConstruct => h !== undefined));
    for (const holder of holders) {
      if (credential.subject === 'variable') add(holder, [delivery(credential)]);
      if (!owningIdentity(node)) relatedOf.set(holder, [...(relatedOf.get(holder) ?? []), node]);
    }
  }
  for (const [a, found] of index.deliveries.get(stack) ?? []) {
    const holder = holderOf.get(a);
    if (holder) add(holder, found);
  }

  const entries: InventoryEntry[] = [];
  for (const identity of all.filter(AutomationIdentity.isAutomationIdentity)) {
    const own = identity.node.findAll().filter((c) => c === identity || AutomationIdentity.renderedBy(c) === identity);
    entries.push(identityEntry(identity, [...own, ...(relatedOf.get(identity) ?? [])], sortDeliveries(deliveriesOf.get(identity))));
  }
  for (const { node, credential } of collected) {
    if (credential.subject !== 'token' || owningIdentity(node)) continue;
    entries.push(rawEntry(node, credential, relatedOf.get(node) ?? [], sortDeliveries(deliveriesOf.get(node))));
  }
  return stackInventory(stack.node.id, entries);
}

// Code-unit order, not localeCompare: the inventory must not depend on the machine's locale.
const deliveryKey = (d: InventoryDelivery) => `${d.type}\u0000${d.target}\u0000${d.key}\u0000${d.environmentScope}`;
const sortDeliveries = (d: InventoryDelivery[] = []) => [...d].sort((a, b) => (deliveryKey(a) < deliveryKey(b) ? -1 : deliveryKey(a) > deliveryKey(b) ? 1 : 0));
