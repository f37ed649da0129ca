/**
 * The identity inventory: what a merge-request reviewer reads instead of a Terraform plan. One file per
 * stack, JSON (for tools) and Markdown (for people). Never holds a secret; deterministic byte for byte.
 * The schema is documented in docs/inventory.md; bump INVENTORY_SCHEMA_VERSION on any incompatible change.
 */
import { Finding } from '../findings';
import { canonicalJson } from './canonical-json';
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
}

export interface InventoryFinding extends Finding {
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
}

export interface StackInventory {
  readonly schemaVersion: number;
  readonly generator: 'cdktf-gitlab-identity';
  readonly stack: string;
  readonly identities: readonly InventoryEntry[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical order: by name, then construct path. */
export function sortEntries(entries: readonly InventoryEntry[]): InventoryEntry[] {
  return [...entries].sort((a, b) => compare(a.name, b.name) || compare(a.constructPath, b.constructPath));
}

export function stackInventory(stack: string, entries: readonly InventoryEntry[]): StackInventory {
  return { generator: 'cdktf-gitlab-identity', identities: sortEntries(entries).map(keysInOrder), schemaVersion: INVENTORY_SCHEMA_VERSION, stack };
}

/**
 * The entry with its keys in code-unit order, as the JSON writes them: the writer then has nothing to
 * sort (it checks). Every key is listed, so a new field is a compile error here until it is added.
 */
function keysInOrder(e: InventoryEntry): InventoryEntry {
  return {
    accessLevel: e.accessLevel, capabilities: e.capabilities, constructPath: e.constructPath, copies: e.copies,
    decisionRule: e.decisionRule, deliveries: e.deliveries, differsFromPlan: e.differsFromPlan, expiry: e.expiry,
    findings: e.findings, grants: e.grants, kind: e.kind, labels: e.labels, lifetimeDays: e.lifetimeDays, name: e.name,
    owner: e.owner, purpose: e.purpose, rationale: e.rationale, reach: e.reach, resourceType: e.resourceType,
    rotateBeforeDays: e.rotateBeforeDays, runtime: e.runtime, scopes: e.scopes, source: e.source,
    suppressions: e.suppressions, users: e.users,
  };
}

/**
 * Serialises with sorted keys and two-space indentation, so that equal inventories are equal bytes
 * whatever order properties were set in.
 */
export function inventoryToJson(inventory: StackInventory): string {
  return `${canonicalJson(inventory)}\n`;
}
