/**
 * What a merge request changes in who can do what: added, removed and changed identities, with every
 * escalation of privilege called out. Pure: compares two sets of inventories.
 */
import { ACCESS_LEVEL_VALUE, isAccessLevel } from '../access-level';
import { isIdentityKind } from '../identity-kind';
import { KIND_BLAST_RADIUS } from '../least-privilege-tables';
import { scopesCover } from '../scopes';
import { TokenScope } from '../token-scope';
import { InventoryEntry, StackInventory } from './inventory';
import { lifetimeText, reachText } from './inventory-markdown';

export type Dimension = 'identity' | 'kind' | 'access-level' | 'scopes' | 'reach' | 'lifetime' | 'delivery' | 'suppression' | 'findings';

export interface Change {
  readonly dimension: Dimension;
  readonly from: string;
  readonly to: string;
  /** True when the change grants more than before. */
  readonly escalation: boolean;
}

export interface ChangedIdentity {
  readonly name: string;
  readonly stack: string;
  readonly changes: readonly Change[];
}

export interface InventoryDiff {
  readonly added: readonly (InventoryEntry & { readonly stack: string })[];
  readonly removed: readonly (InventoryEntry & { readonly stack: string })[];
  readonly changed: readonly ChangedIdentity[];
  /** Every escalation: added identities and escalating changes. */
  readonly escalations: readonly { readonly name: string; readonly stack: string; readonly change: Change }[];
}

type Located = InventoryEntry & { readonly stack: string };

function index(inventories: readonly StackInventory[]): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const inv of inventories) for (const e of inv.identities) map.set(e.name, { ...e, stack: inv.stack });
  return map;
}

const levelValue = (level: string | null) => (level !== null && isAccessLevel(level) ? ACCESS_LEVEL_VALUE[level] : 0);
const radius = (kind: string) => (isIdentityKind(kind) ? KIND_BLAST_RADIUS[kind] : Number.MAX_SAFE_INTEGER);
/** Days a credential can live; unbounded counts as infinite, job-duration as zero. */
function lifetimeDays(e: InventoryEntry): number {
  if (e.expiry === 'job-duration') return 0;
  if (e.expiry === 'never' || e.expiry === 'fixed-date' || e.expiry === 'unknown') return Number.POSITIVE_INFINITY;
  return e.lifetimeDays ?? Number.POSITIVE_INFINITY;
}

function reachTargets(e: InventoryEntry): Set<string> {
  const targets = new Set(e.grants.map((g) => `${g.targetType}:${g.target.toLowerCase()}`));
  if (e.reach?.type === 'group') targets.add(`group:${(e.reach.group ?? '').toLowerCase()}`);
  for (const p of e.reach?.projects ?? []) targets.add(`project:${p.toLowerCase()}`);
  return targets;
}

function compareEntries(before: InventoryEntry, after: InventoryEntry): Change[] {
  const changes: Change[] = [];
  const add = (dimension: Dimension, from: string, to: string, escalation: boolean) => {
    if (from !== to) changes.push({ dimension, from, to, escalation });
  };
  add('kind', before.kind, after.kind, radius(after.kind) > radius(before.kind));
  add('access-level', before.accessLevel ?? 'none', after.accessLevel ?? 'none', levelValue(after.accessLevel) > levelValue(before.accessLevel));
  add('scopes', before.scopes.join(', ') || 'none', after.scopes.join(', ') || 'none',
    !scopesCover(before.scopes as TokenScope[], after.scopes as TokenScope[]));

  const beforeTargets = reachTargets(before);
  const widened = [...reachTargets(after)].some((t) => !beforeTargets.has(t)) ||
    (after.reach?.type === 'group' && before.reach?.type === 'group' && (after.reach.projectCount ?? 0) > (before.reach.projectCount ?? 0));
  add('reach', reachText(before), reachText(after), widened);
  add('lifetime', lifetimeText(before), lifetimeText(after), lifetimeDays(after) > lifetimeDays(before));

  const key = (d: InventoryEntry['deliveries'][number]) => `${d.type} ${d.target} ${d.key} ${d.environmentScope}${d.protected === false ? ' unprotected' : ''}`;
  const beforeDeliveries = new Set(before.deliveries.map(key));
  const afterDeliveries = after.deliveries.map(key);
  add('delivery', [...beforeDeliveries].sort().join('; ') || 'none', [...afterDeliveries].sort().join('; ') || 'none',
    afterDeliveries.some((d) => !beforeDeliveries.has(d)));

  const beforeSuppressions = new Set(before.suppressions.map((s) => `${s.id} ${s.scope}`));
  const newSuppressions = after.suppressions.filter((s) => !beforeSuppressions.has(`${s.id} ${s.scope}`));
  add('suppression', before.suppressions.map((s) => s.id).sort().join(', ') || 'none',
    after.suppressions.map((s) => s.id).sort().join(', ') || 'none', newSuppressions.length > 0);

  const open = (e: InventoryEntry) => e.findings.filter((f) => !f.suppressedBy && f.level !== 'info').map((f) => f.ruleId).sort().join(', ') || 'none';
  add('findings', open(before), open(after), false);
  return changes;
}

export function diffInventories(before: readonly StackInventory[], after: readonly StackInventory[]): InventoryDiff {
  const old = index(before);
  const now = index(after);
  const byName = (a: Located, b: Located) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const added = [...now.values()].filter((e) => !old.has(e.name)).sort(byName);
  const removed = [...old.values()].filter((e) => !now.has(e.name)).sort(byName);
  const changed: ChangedIdentity[] = [];
  for (const e of [...now.values()].sort(byName)) {
    const prior = old.get(e.name);
    if (!prior) continue;
    const changes = compareEntries(prior, e);
    if (changes.length) changed.push({ name: e.name, stack: e.stack, changes });
  }
  const escalations = [
    ...added.map((e) => ({ name: e.name, stack: e.stack, change: { dimension: 'identity' as const, from: 'none', to: `${e.kind}${e.accessLevel ? ` as ${e.accessLevel}` : ''}`, escalation: true } })),
    ...changed.flatMap((c) => c.changes.filter((ch) => ch.escalation).map((change) => ({ name: c.name, stack: c.stack, change }))),
  ];
  return { added, removed, changed, escalations };
}

export function isEmptyDiff(diff: InventoryDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
