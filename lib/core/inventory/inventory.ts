/**
 * The identity inventory: what a merge-request reviewer reads instead of a Terraform plan. One file per
 * stack, JSON (for tools) and Markdown (for people). Never holds a secret; deterministic byte for byte.
 * The schema is documented in docs/inventory.md; bump INVENTORY_SCHEMA_VERSION on any incompatible change.
 */
import { Finding } from '../findings';
import { Grant } from '../grants';
import { ReachDescription } from '../reach';
import { RuntimeDescription } from '../runtime';

export const INVENTORY_SCHEMA_VERSION = 2;
export const INVENTORY_JSON_FILE = 'identity-inventory.json';
export const INVENTORY_MARKDOWN_FILE = 'identity-inventory.md';

/** How a credential's lifetime is bounded. */
export type ExpiryMode =
  /** Expires and is rotated (rotation_configuration or time_rotating). */
  | 'rotating'
  /** A fixed expires_at date, never rotated. */
  | 'fixed-date'
  /** Valid only while a CI job runs. */
  | 'job-duration'
  /** Never expires. */
  | 'never'
  /** Computed at apply; the checks could not tell. */
  | 'unknown';

export interface InventoryDelivery {
  readonly type: 'project-variable' | 'group-variable' | 'instance-variable';
  /** Project or group path (empty for instance variables). */
  readonly target: string;
  readonly key: string;
  readonly environmentScope: string;
  readonly protected: boolean | null;
  /** Present (true) when the value is masked but not hidden: GitLab before 17.6 has no hidden variables. */
  readonly maskedOnly?: true;
}

/** A finding as the inventory lists it (the attribute it points at is for `check`'s locations only). */
export interface InventoryFinding extends Omit<Finding, 'attribute'> {
  /** Construct path the finding is about. */
  readonly path: string;
  /** Present when a suppression silenced it. */
  readonly suppressedBy?: { readonly id: string; readonly reason: string };
}

export interface InventorySuppression {
  readonly id: string;
  readonly reason: string;
  /** Construct path the suppression was declared on. */
  readonly scope: string;
}

export interface InventoryEntry {
  /** Token name (unique in the app); for nameless credentials, the construct path. */
  readonly name: string;
  /** `automation-identity` or `provider-resource` (written directly with the provider). */
  readonly source: 'automation-identity' | 'provider-resource';
  readonly kind: string;
  /** Terraform resource type, for provider resources. */
  readonly resourceType: string | null;
  readonly owner: string | null;
  readonly purpose: string | null;
  readonly runtime: RuntimeDescription | null;
  readonly reach: ReachDescription | null;
  readonly capabilities: readonly string[];
  readonly grants: readonly Grant[];
  readonly accessLevel: string | null;
  readonly scopes: readonly string[];
  readonly expiry: ExpiryMode;
  readonly lifetimeDays: number | null;
  readonly rotateBeforeDays: number | null;
  readonly deliveries: readonly InventoryDelivery[];
  readonly labels: readonly string[];
  readonly decisionRule: number | null;
  readonly rationale: readonly string[];
  readonly findings: readonly InventoryFinding[];
  readonly suppressions: readonly InventorySuppression[];
  readonly constructPath: string;
  /** Who the tokens and memberships belong to: `service account <address>`, `user <id>`. */
  readonly users: readonly string[];
  /** The most instances any one of its resources has (count/for_each): 1 normally; null when count/for_each cannot be evaluated. */
  readonly copies: number | null;
  /** Where the Terraform JSON differs from the plan (an override): the findings' messages. Empty when it matches. */
  readonly differsFromPlan: readonly string[];
  /**
   * Identities with `overlap: true` only: the token names of both slots (from the JSON), that the slot whose
   * schedule rolls over later is delivered, and the plan's grace and tolerable gap between applies.
   */
  readonly overlap?: InventoryOverlap;
}

export interface InventoryOverlap {
  readonly slots: readonly string[];
  /** `later-expiring` when every variable it delivers to holds the later slot's value, as the JSON writes it. */
  readonly delivered: 'later-expiring' | 'not-the-later-slot';
  readonly graceDays: number;
  readonly tolerableGapDays: number;
}

export interface StackInventory {
  readonly schemaVersion: number;
  readonly generator: 'cdktf-gitlab-identity';
  readonly stack: string;
  /**
   * The GitLab platforms its identities were planned for (`GitLab.com Free`), sorted; present only when a
   * policy names one (an inventory without platforms reads as before).
   */
  readonly platforms?: readonly string[];
  readonly identities: readonly InventoryEntry[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical order: by name, then construct path. */
export function sortEntries(entries: readonly InventoryEntry[]): InventoryEntry[] {
  return [...entries].sort((a, b) => compare(a.name, b.name) || compare(a.constructPath, b.constructPath));
}

export function stackInventory(stack: string, entries: readonly InventoryEntry[], platforms: readonly string[] = []): StackInventory {
  const assumed = [...new Set(platforms)].sort(compare);
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, generator: 'cdktf-gitlab-identity', stack, ...(assumed.length > 0 ? { platforms: assumed } : {}), identities: sortEntries(entries) };
}

/** Every key of T, optional ones included: an object literal `satisfies` it only if it lists them all. */
type EveryKey<T> = Record<keyof Required<T>, unknown>;

/**
 * The entry, and every object in it, with keys in code-unit order, as the JSON writes them: then the native
 * JSON.stringify writes canonical JSON as it is. Each literal lists every key of its type (`satisfies`), so
 * a new field is a compile error here until it is placed.
 */
function keysInOrder(e: InventoryEntry): InventoryEntry {
  return {
    accessLevel: e.accessLevel, capabilities: e.capabilities, constructPath: e.constructPath, copies: e.copies,
    decisionRule: e.decisionRule, deliveries: e.deliveries.map(deliveryInOrder), differsFromPlan: e.differsFromPlan, expiry: e.expiry,
    findings: e.findings.map(findingInOrder), grants: e.grants.map(grantInOrder), kind: e.kind, labels: e.labels,
    lifetimeDays: e.lifetimeDays, name: e.name,
    overlap: e.overlap && {
      delivered: e.overlap.delivered, graceDays: e.overlap.graceDays, slots: e.overlap.slots, tolerableGapDays: e.overlap.tolerableGapDays,
    } satisfies EveryKey<InventoryOverlap>,
    owner: e.owner, purpose: e.purpose, rationale: e.rationale,
    reach: e.reach && reachInOrder(e.reach), resourceType: e.resourceType, rotateBeforeDays: e.rotateBeforeDays,
    runtime: e.runtime && { sourceProject: e.runtime.sourceProject, type: e.runtime.type } satisfies EveryKey<RuntimeDescription>,
    scopes: e.scopes, source: e.source, suppressions: e.suppressions.map(suppressionInOrder), users: e.users,
  } satisfies EveryKey<InventoryEntry>;
}

const deliveryInOrder = (d: InventoryDelivery): InventoryDelivery =>
  ({ environmentScope: d.environmentScope, key: d.key, maskedOnly: d.maskedOnly, protected: d.protected, target: d.target, type: d.type }) satisfies EveryKey<InventoryDelivery>;

const findingInOrder = (f: InventoryFinding): InventoryFinding => ({
  level: f.level, message: f.message, path: f.path, ruleId: f.ruleId,
  suppressedBy: f.suppressedBy && { id: f.suppressedBy.id, reason: f.suppressedBy.reason } satisfies EveryKey<NonNullable<InventoryFinding['suppressedBy']>>,
}) satisfies EveryKey<InventoryFinding>;

const grantInOrder = (g: Grant): Grant => ({
  accessLevel: g.accessLevel, keySuffix: g.keySuffix, source: g.source, target: g.target, targetType: g.targetType, tokenName: g.tokenName, type: g.type,
}) satisfies EveryKey<Grant>;

const reachInOrder = (r: ReachDescription): ReachDescription =>
  ({ group: r.group, projectCount: r.projectCount, projects: r.projects, type: r.type }) satisfies EveryKey<ReachDescription>;

const suppressionInOrder = (s: InventorySuppression): InventorySuppression =>
  ({ id: s.id, reason: s.reason, scope: s.scope }) satisfies EveryKey<InventorySuppression>;

/** Receives a document piece by piece, in order; the pieces joined are the document. */
export type TextOut = (piece: string) => void;

/**
 * Serialises with sorted keys and two-space indentation, so that equal inventories are equal bytes
 * whatever order properties were set in: `canonicalJson(inventory)` and a newline.
 */
export function inventoryToJson(inventory: StackInventory): string {
  let text = '';
  writeInventoryJson(inventory, (piece) => (text += piece));
  return text;
}

/**
 * The same JSON, handed to `out` whole: one native JSON.stringify over a copy of the inventory whose keys are
 * in order (keysInOrder), then a newline. Until the fourth session of 3 December each entry was written as a
 * piece of its own, sliced out of its own JSON.stringify, so that no megabyte string existed: V8 allocates the
 * document young (checked with %InYoungGeneration) and it dies at the next young collection, so the pieces
 * bought nothing; one call is 8% faster for the whole of the checks, warm, at 10,000 identities (1.48-1.66 s
 * against 1.55-1.88 s), with the same old-generation growth (327-335 MB at the end of the checks either
 * way). A serializer in JavaScript that handed out every key and value without building any string was tried
 * on 3 December: it took 370 ms a run against 140 ms (README, "Performance").
 */
export function writeInventoryJson(inventory: StackInventory, out: TextOut): void {
  const inOrder = {
    generator: inventory.generator,
    identities: inventory.identities.map(keysInOrder),
    platforms: inventory.platforms,
    schemaVersion: inventory.schemaVersion,
    stack: inventory.stack,
  } satisfies EveryKey<StackInventory>;
  out(JSON.stringify(inOrder, null, 2));
  out('\n');
}

