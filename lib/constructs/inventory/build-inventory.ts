/**
 * Builds a stack's inventory from its constructs: one entry per AutomationIdentity and one per token
 * written directly with the provider. CI/CD variables are linked to the tokens they hold by Terraform
 * address, so deliveries show where each secret goes — keys and places only, never values.
 */
import { TerraformResource, TerraformStack } from 'cdktf';
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
import { describeCredential } from '../policy/describe-credential';
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

/** The inventory of one stack. */
export function buildStackInventory(stack: TerraformStack): StackInventory {
  const all = stack.node.findAll();
  const collected: Collected[] = [];
  for (const node of all) {
    const seen = IdentityPolicyChecks.credentialOf(node);
    const credential = seen === undefined ? describeCredential(node) : seen;
    if (credential) collected.push({ node, credential });
  }

  // Who holds each token address: an identity (its tokens) or the raw token itself.
  const holderOf = new Map<string, IConstruct>();
  for (const { node, credential } of collected) {
    const a = address(node);
    if (credential.subject === 'token' && a) holderOf.set(a, owningIdentity(node) ?? node);
  }
  const deliveriesOf = new Map<IConstruct, InventoryDelivery[]>();
  const relatedOf = new Map<IConstruct, IConstruct[]>();
  for (const { node, credential } of collected) {
    const addresses = credential.subject === 'variable' || credential.subject === 'output' ? credential.tokenAddresses ?? [] : [];
    for (const holder of new Set(addresses.map((a) => holderOf.get(a)).filter((h): h is IConstruct => h !== undefined))) {
      if (credential.subject === 'variable') deliveriesOf.set(holder, [...(deliveriesOf.get(holder) ?? []), delivery(credential)]);
      if (!owningIdentity(node)) relatedOf.set(holder, [...(relatedOf.get(holder) ?? []), node]);
    }
  }

  const entries: InventoryEntry[] = [];
  // Code-unit order, not localeCompare: the inventory must not depend on the machine's locale.
  const deliveryKey = (d: InventoryDelivery) => `${d.type}\u0000${d.target}\u0000${d.key}\u0000${d.environmentScope}`;
  const sortDeliveries = (d: InventoryDelivery[] = []) => [...d].sort((a, b) => (deliveryKey(a) < deliveryKey(b) ? -1 : deliveryKey(a) > deliveryKey(b) ? 1 : 0));
  for (const identity of all.filter(AutomationIdentity.isAutomationIdentity)) {
    const own = identity.node.findAll().filter((c) => c === identity || AutomationIdentity.renderedBy(c) === identity);
    entries.push(identityEntry(identity, own, sortDeliveries(deliveriesOf.get(identity))));
  }
  for (const { node, credential } of collected) {
    if (credential.subject !== 'token' || owningIdentity(node)) continue;
    entries.push(rawEntry(node, credential, relatedOf.get(node) ?? [], sortDeliveries(deliveriesOf.get(node))));
  }
  return stackInventory(stack.node.id, entries);
}
