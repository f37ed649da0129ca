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
import { describeCredential, tokensHeldBy } from '../policy/describe-credential';
import { synthGeneration } from '../synth-generation';
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

/**
 * A stack that reads another stack's values through cdktf cross-stack references depends on it (cdktf adds
 * the dependency). Only such stacks can hold another stack's token, so only their values are traced.
 */
const readsOtherStacks = (stack: TerraformStack) => stack.dependencies.length > 0;

/** Deliveries into variables of other stacks, by the stack and address of the token they hold. */
type RemoteDeliveries = Map<TerraformStack, Map<string, InventoryDelivery[]>>;

function indexApp(root: IConstruct): RemoteDeliveries {
  const index: RemoteDeliveries = new Map();
  const consumers = root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c) && readsOtherStacks(c));
  for (const stack of consumers) {
    for (const node of stack.node.findAll()) {
      if (!TerraformResource.isTerraformResource(node) || !VARIABLE_TYPES.has((node as TerraformResource).terraformResourceType)) continue;
      if (TerraformStack.of(node) !== stack) continue; // a nested stack is indexed on its own
      const remote = tokensHeldBy(node as TerraformResource).filter((t) => t.stack !== stack);
      if (remote.length === 0) continue;
      const seen = IdentityPolicyChecks.credentialOf(node);
      const credential = seen === undefined ? describeCredential(node) : seen;
      if (credential?.subject !== 'variable') continue;
      for (const { address: a, stack: origin } of remote) {
        const byAddress = index.get(origin) ?? new Map<string, InventoryDelivery[]>();
        const list = byAddress.get(a) ?? [];
        list.push(delivery(credential));
        byAddress.set(a, list);
        index.set(origin, byAddress);
      }
    }
  }
  return index;
}

// Aspects run stack by stack during synthesis, so each inventory is built at its own stack's synthesis. The
// index of deliveries across stacks depends on no aspect: it is built once per synth of the app (the count
// of stack preparations tells a new synth apart), at the first stack's synthesis.
const appIndex = new WeakMap<IConstruct, { readonly generation: number; readonly index: RemoteDeliveries }>();

function deliveriesFromOtherStacks(stack: TerraformStack): ReadonlyMap<string, readonly InventoryDelivery[]> | undefined {
  const root = stack.node.root;
  const generation = synthGeneration(root);
  let cached = appIndex.get(root);
  if (cached?.generation !== generation) {
    cached = { generation, index: indexApp(root) };
    appIndex.set(root, cached);
  }
  return cached.index.get(stack);
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
  const add = (holder: IConstruct, found: readonly InventoryDelivery[]) => {
    const list = deliveriesOf.get(holder) ?? [];
    list.push(...found);
    deliveriesOf.set(holder, list);
  };
  // Hand-written variables and outputs holding a token: their findings belong to the token's entry too.
  const relatedOf = new Map<IConstruct, IConstruct[]>();
  const tracesStacks = readsOtherStacks(stack);
  for (const { node, credential } of collected) {
    if (credential.subject !== 'variable' && credential.subject !== 'output') continue;
    if (!credential.tokenAddresses?.length) continue;
    // A token of another stack may share its address with one of this stack: only this stack's count here.
    const addresses = tracesStacks
      ? tokensHeldBy(node as TerraformResource | TerraformOutput).filter((t) => t.stack === stack).map((t) => t.address)
      : credential.tokenAddresses;
    const holders = new Set(addresses.map((a) => holderOf.get(a)).filter((h): h is IConstruct => h !== undefined));
    for (const holder of holders) {
      if (credential.subject === 'variable') add(holder, [delivery(credential)]);
      if (!owningIdentity(node)) {
        const list = relatedOf.get(holder) ?? [];
        list.push(node);
        relatedOf.set(holder, list);
      }
    }
  }
  for (const [a, found] of deliveriesFromOtherStacks(stack) ?? []) {
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
