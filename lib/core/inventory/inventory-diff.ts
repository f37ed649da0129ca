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
import { lifetimeText } from './inventory-markdown';

export type Dimension =
  | 'identity' | 'kind' | 'access-level' | 'scopes' | 'reach' | 'users' | 'copies' | 'runtime' | 'lifetime' | 'delivery' | 'overlap'
  | 'suppression' | 'suppressed' | 'findings';

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

/**
 * An identity's name is unique in the app (the library enforces it), so it keys identities across stacks.
 * Hand-written credentials may share names, so they are keyed by stack and construct path.
 */
function keyOf(e: InventoryEntry, stack: string): string {
  return e.source === 'automation-identity' ? `identity ${e.name}` : `resource ${stack} ${e.constructPath}`;
}

function index(inventories: readonly StackInventory[]): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const inv of inventories) for (const e of inv.identities) map.set(keyOf(e, inv.stack), { ...e, stack: inv.stack });
  return map;
}

const levelValue = (level: string | null) => (level !== null && isAccessLevel(level) ? ACCESS_LEVEL_VALUE[level] : 0);
const radius = (kind: string) => (isIdentityKind(kind) ? KIND_BLAST_RADIUS[kind] : Number.MAX_SAFE_INTEGER);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** How long a credential can live, as a comparable pair: [expiry mode rank, days within the mode]. */
const EXPIRY_RANK: Readonly<Record<string, number>> = { 'job-duration': 0, rotating: 1, 'fixed-date': 3, unknown: 4, never: 5 };
function lifetimeRank(e: InventoryEntry): [number, number] {
  if (e.expiry === 'rotating') return e.lifetimeDays === null ? [2, 0] : [1, e.lifetimeDays];
  return [EXPIRY_RANK[e.expiry] ?? 5, 0];
}
const longer = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** Everything the identity can reach: grant targets (with the source of allowlist entries) and its reach. */
function reachTargets(e: InventoryEntry): string[] {
  const targets = e.grants.map((g) => `${g.targetType} ${g.target.toLowerCase()}${g.source ? ` for jobs of ${g.source.toLowerCase()}` : ''}`);
  if (e.reach?.type === 'group') targets.push(`group ${(e.reach.group ?? '').toLowerCase()}`);
  for (const p of e.reach?.projects ?? []) targets.push(`project ${p.toLowerCase()}`);
  return sorted(targets);
}

const groupSize = (e: InventoryEntry) => (e.reach?.type === 'group' ? e.reach.projectCount ?? 0 : 0);
const reachDescription = (e: InventoryEntry) =>
  reachTargets(e).map((t) => (e.reach?.type === 'group' && t === `group ${(e.reach.group ?? '').toLowerCase()}` ? `${t} (${groupSize(e)} projects)` : t)).join('; ') || 'none';

const writtenReach = (e: InventoryEntry) =>
  e.reach?.type === 'group' ? `group ${e.reach.group ?? ''}` : sorted((e.reach?.projects ?? []).map((p) => `project ${p}`)).join('; ') || 'none';

const runtimeText = (e: InventoryEntry) => (e.runtime === null ? 'unknown' : e.runtime.sourceProject ? `${e.runtime.type} ${e.runtime.sourceProject}` : e.runtime.type);

type Delivery = InventoryEntry['deliveries'][number];
const place = (d: Delivery) => `${d.type} ${d.target.toLowerCase()} ${d.key} ${d.environmentScope}`;
const deliveryText = (d: Delivery) => `${place(d)} (scope ${d.environmentScope}${d.protected === false ? ', not protected' : ''})`;
/**
 * A delivery exposes more when it reaches a new place (project or group, key and environment scope, except a
 * scope narrowed from '*' for the same key) or loses its protection.
 */
function deliveryEscalates(before: readonly Delivery[], after: readonly Delivery[]): boolean {
  const old = new Map(before.map((d) => [place(d), d]));
  const keyOnly = (d: Delivery) => `${d.type} ${d.target.toLowerCase()} ${d.key}`;
  const wideOld = new Map(before.filter((d) => d.environmentScope === '*').map((d) => [keyOnly(d), d]));
  return after.some((d) => {
    const prior = old.get(place(d)) ?? wideOld.get(keyOnly(d));
    if (!prior) return true;
    return prior.protected !== false && d.protected === false;
  });
}

const copiesText = (e: InventoryEntry) => (e.copies === null ? 'unknown' : String(e.copies));
/** More instances, or a count that can no longer be known. */
const moreCopies = (before: number | null, after: number | null) => (after === null ? before !== null : before !== null && after > before);

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
  const wider = reachTargets(after).some((t) => !beforeTargets.includes(t)) || groupSize(after) > groupSize(before);
  add('reach', reachDescription(before), reachDescription(after), wider);
  // GitLab compares paths without regard to case (so the above does), but the case written goes to Terraform,
  // where a changed `project` replaces a token: a change of case alone is shown, as the runtime's is, never as
  // an escalation.
  if (reachDescription(before) === reachDescription(after)) add('reach', writtenReach(before), writtenReach(after), false);
  // Another project's jobs, or a secret leaving CI for an outside system, is more than before.
  const leftSource = before.runtime?.type === 'ci-pipeline' &&
    (after.runtime?.type !== 'ci-pipeline' || (after.runtime.sourceProject ?? '').toLowerCase() !== (before.runtime.sourceProject ?? '').toLowerCase());
  add('runtime', runtimeText(before), runtimeText(after), leftSource);
  add('lifetime', lifetimeText(before), lifetimeText(after), longer(lifetimeRank(after), lifetimeRank(before)));
  add('delivery', sorted(before.deliveries.map(deliveryText)).join('; ') || 'none', sorted(after.deliveries.map(deliveryText)).join('; ') || 'none',
    deliveryEscalates(before.deliveries, after.deliveries));

  // Users of its tokens and memberships: a new one is the grant handed to someone else.
  add('users', before.users.join('; ') || 'none', after.users.join('; ') || 'none', after.users.some((u) => !before.users.includes(u)));
  add('copies', copiesText(before), copiesText(after), moreCopies(before.copies, after.copies));
  // Two slots are two live tokens, but each within the plan's lifetime: a change to review, not an escalation.
  const overlapText = (e: InventoryEntry) => (e.overlap ? `two slots (${e.overlap.slots.join(', ')})` : 'one slot');
  add('overlap', overlapText(before), overlapText(after), false);

  // A suppression with its reason: added ones escalate, and so does one that now silences something else.
  const suppressionText = (e: InventoryEntry) => sorted(e.suppressions.map((x) => `${x.id} on ${x.scope}: ${x.reason}`));
  const suppressionKey = (e: InventoryEntry) => sorted(e.suppressions.map((x) => `${x.id} on ${x.scope}`));
  add('suppression', suppressionText(before).join('; ') || 'none', suppressionText(after).join('; ') || 'none',
    suppressionKey(after).some((x) => !suppressionKey(before).includes(x)));
  const silenced = (e: InventoryEntry) => sorted(e.findings.filter((f) => f.suppressedBy).map((f) => `${f.ruleId} ${f.path}: ${f.message}`));
  add('suppressed', silenced(before).join('; ') || 'none', silenced(after).join('; ') || 'none',
    silenced(after).some((x) => !silenced(before).includes(x)));

  // Open findings: any error that was not there before (new, or worsened from a warning) escalates.
  const open = (e: InventoryEntry) => sorted(e.findings.filter((f) => !f.suppressedBy && f.level !== 'info').map((f) => `${f.level} ${f.ruleId}: ${f.message}`));
  const errors = (e: InventoryEntry) => open(e).filter((f) => f.startsWith('error '));
  add('findings', open(before).join('; ') || 'none', open(after).join('; ') || 'none', errors(after).some((f) => !errors(before).includes(f)));
  return changes;
}

export function diffInventories(before: readonly StackInventory[], after: readonly StackInventory[]): InventoryDiff {
  const old = index(before);
  const now = index(after);
  const byName = (a: Located, b: Located) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : 0);
  const added = [...now.entries()].filter(([k]) => !old.has(k)).map(([, e]) => e).sort(byName);
  const removed = [...old.entries()].filter(([k]) => !now.has(k)).map(([, e]) => e).sort(byName);
  const changed: ChangedIdentity[] = [];
  for (const [key, e] of [...now.entries()].sort(([, a], [, b]) => byName(a, b))) {
    const prior = old.get(key);
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
