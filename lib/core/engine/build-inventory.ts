/**
 * The inventory, derived from what the engine read in the Terraform JSON: for each identity, the role,
 * scopes, lifetime, rotation, targets, users and copies that will be applied, joined with its plan's
 * metadata (owner, purpose, rationale, declared needs); for each credential written by hand, what its JSON
 * says. An identity whose JSON differs from its plan lists the differences. Every stack is inventoried.
 */
import { ACCESS_LEVEL_VALUE, isAccessLevel } from '../access-level';
import { Grant, GrantType } from '../grants';
import { IdentityKind } from '../identity-kind';
import { ExpiryMode, InventoryDelivery, InventoryEntry, InventoryFinding, InventoryOverlap, InventorySuppression, StackInventory, stackInventory } from '../inventory/inventory';
import { ReachType } from '../reach';
import { Described, TokenCredential, VariableCredential } from '../rules/credential';
import { EngineFinding, StackReport } from './check-app';
import { IdentityBinding } from './describe-stack';
import { pushTo } from './terraform-config';
import { GRANT_TYPES, GrantResourceType, GrantTypeSpec, TOKEN_TYPES, VARIABLE_TYPES, VariableResourceType, isGrantType, isTokenType } from './resource-catalogue';

/** Findings that say the JSON differs from the plan. */
const DRIFT_RULES = new Set(['GLID-007', 'GLID-021', 'GLID-022']);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort(byText);

/** A variable's delivery, by the token address (`stack:address` for a token of another stack) it holds. */
export type DeliveryIndex = Map<string, InventoryDelivery[]>;

function delivery(v: VariableCredential): InventoryDelivery {
  return {
    type: VARIABLE_TYPES[v.resourceType as VariableResourceType]?.delivery ?? 'project-variable',
    target: v.owner ?? '',
    key: v.key?.known ? v.key.value : '(computed)',
    environmentScope: v.environmentScope ?? '*',
    protected: v.protected?.known ? v.protected.value : null,
    // Masked, and hidden known to be off or not set (an unknown hidden is GLID-022's, not a fact to print).
    ...(v.masked?.known && v.masked.value && v.hidden !== null && (v.hidden === undefined || (v.hidden.known && !v.hidden.value)) ? { maskedOnly: true as const } : {}),
  };
}

/** Every variable of the app that holds a secret, by the secret's qualified address `stack:address`. */
export function deliveryIndex(reports: readonly StackReport[]): DeliveryIndex {
  const index: DeliveryIndex = new Map();
  for (const report of reports) addDeliveries(index, report);
  return index;
}

/** Adds the report's variables that hold a secret to `index`; returns the stacks whose secrets they hold. */
export function addDeliveries(index: DeliveryIndex, report: StackReport): Set<string> {
  const stacks = new Set<string>();
  for (const c of report.credentials) {
    if (c.subject !== 'variable' || !c.tokenAddresses) continue;
    for (const a of c.tokenAddresses) {
      const key = a.includes(':') ? a : `${report.stack}:${a}`;
      pushTo(index, key, delivery(c));
      stacks.add(key.slice(0, key.lastIndexOf(':'))); // addresses hold no ':'
    }
  }
  return stacks;
}

/** The findings on any of `paths`, in the report's order (each path's list is in that order already). */
function findingsOn(byPath: ReadonlyMap<string, readonly EngineFinding[]>, order: ReadonlyMap<EngineFinding, number>, paths: ReadonlySet<string>): EngineFinding[] {
  const found = [...paths].flatMap((p) => byPath.get(p) ?? []);
  return found.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

function findingsFor(findings: readonly EngineFinding[]): InventoryFinding[] {
  return findings.map((f) => ({
    ruleId: f.ruleId, level: f.level, message: f.message, path: f.path,
    ...(f.suppressedBy ? { suppressedBy: { id: f.suppressedBy.id, reason: f.suppressedBy.reason } } : {}),
  }));
}

function suppressionsOf(findings: readonly EngineFinding[]): InventorySuppression[] {
  const seen = new Map<string, InventorySuppression>();
  for (const f of findings) if (f.suppressedBy) seen.set(`${f.suppressedBy.id} ${f.suppressedBy.scope}`, { ...f.suppressedBy });
  return [...seen.values()].sort((a, b) => byText(a.id, b.id) || byText(a.scope, b.scope));
}

function expiryOf(t: TokenCredential): { expiry: ExpiryMode; lifetimeDays: number | null; rotateBeforeDays: number | null } {
  const plan = t.plan;
  if (t.rotation) {
    const days = t.rotation.expirationDays;
    const before = t.rotation.rotateBeforeDays;
    return { expiry: 'rotating', lifetimeDays: days?.known ? days.value : null, rotateBeforeDays: before?.known ? before.value : null };
  }
  if (t.replacedOnSchedule) {
    const every = t.scheduleDays?.known ? t.scheduleDays.value : undefined;
    // A trigger has no expiry of its own: when its schedule is the plan's, the plan says how the days divide.
    const matchesPlan = plan?.lifetimeDays !== undefined && plan.rotateBeforeDays !== undefined && every === plan.lifetimeDays - plan.rotateBeforeDays;
    const offset = t.scheduleOffsetDays ?? (matchesPlan ? plan?.rotateBeforeDays : undefined);
    if (every !== undefined && offset === undefined) return { expiry: 'rotating', lifetimeDays: every, rotateBeforeDays: null };
    return { expiry: 'rotating', lifetimeDays: every !== undefined && offset !== undefined ? every + offset : null, rotateBeforeDays: offset ?? null };
  }
  if (t.expiresAt) return { expiry: t.expiresAt.known ? 'fixed-date' : 'unknown', lifetimeDays: null, rotateBeforeDays: null };
  return { expiry: 'never', lifetimeDays: null, rotateBeforeDays: null };
}

/** The longest-lived of several tokens (an identity with one token per project). */
function longest(tokens: readonly TokenCredential[]): ReturnType<typeof expiryOf> {
  const rank: Record<ExpiryMode, number> = { 'job-duration': 0, rotating: 1, 'fixed-date': 3, unknown: 4, never: 5 };
  return tokens.map(expiryOf).reduce((a, b) => (rank[b.expiry] > rank[a.expiry] || (b.expiry === a.expiry && (b.lifetimeDays ?? Infinity) > (a.lifetimeDays ?? Infinity)) ? b : a),
    { expiry: 'job-duration', lifetimeDays: null, rotateBeforeDays: null } as ReturnType<typeof expiryOf>);
}

function highestRole(levels: readonly (string | undefined)[]): string | null {
  const known = levels.filter((l): l is string => l !== undefined);
  if (known.length === 0) return null;
  return known.reduce((a, b) => ((isAccessLevel(b) ? ACCESS_LEVEL_VALUE[b] : Infinity) > (isAccessLevel(a) ? ACCESS_LEVEL_VALUE[a] : Infinity) ? b : a));
}

const copiesOf = (c: Described) => ('copies' in c && c.copies ? (c.copies.known ? c.copies.value : null) : 1);
const text = (c: { known: true; value: string } | { known: false; expression: string } | undefined) => (c === undefined ? '' : c.known ? c.value : `(${c.expression})`);

/** Where the JSON grants what it grants, in the plan's vocabulary. */
function grantsOf(credentials: readonly Described[]): Grant[] {
  const grants: Grant[] = [];
  for (const c of credentials) {
    if (c.subject === 'token' && c.target && c.target.type !== 'user') {
      const type = c.kind === IdentityKind.PIPELINE_TRIGGER_TOKEN ? GrantType.PIPELINE_TRIGGER
        : c.kind === IdentityKind.PROJECT_DEPLOY_TOKEN || c.kind === IdentityKind.GROUP_DEPLOY_TOKEN ? GrantType.DEPLOY_TOKEN
          : c.kind === IdentityKind.SERVICE_ACCOUNT ? undefined : GrantType.ACCESS_TOKEN;
      const tokenName = c.name?.known ? c.name.value : c.kind === IdentityKind.PIPELINE_TRIGGER_TOKEN ? c.triggerName : undefined;
      if (type) grants.push({ type, targetType: c.target.type, target: c.target.value, ...(tokenName ? { tokenName } : {}), ...(c.accessLevel?.known ? { accessLevel: c.accessLevel.value as Grant['accessLevel'] } : {}) });
    }
    if (c.subject === 'membership' && c.target) {
      grants.push({ type: GrantType.MEMBERSHIP, targetType: c.target.type, target: text(c.target.value), ...(c.accessLevel?.known ? { accessLevel: c.accessLevel.value as Grant['accessLevel'] } : {}) });
    }
    const spec: GrantTypeSpec | undefined = c.subject === 'grant' && isGrantType(c.resourceType) ? GRANT_TYPES[c.resourceType] : undefined;
    if (c.subject === 'grant' && c.target && spec?.inventoryGrant === GrantType.JOB_TOKEN_ALLOWLIST) {
      for (const g of c.grantees) grants.push({ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: text(c.target.value), source: text(g).replace(/^(project|group) /, '') });
    }
  }
  return grants.sort((a, b) => byText(`${a.type} ${a.target} ${a.source ?? ''}`, `${b.type} ${b.target} ${b.source ?? ''}`));
}

function usersOf(credentials: readonly Described[]): string[] {
  return sortedUnique(credentials.flatMap((c) => ((c.subject === 'token' || c.subject === 'membership') && c.user ? [text(c.user)] : [])));
}

/** The most instances any one credential or grant has (count/for_each): 1 normally, null when unknown. */
function mostCopies(credentials: readonly Described[]): number | null {
  let most = 1;
  for (const c of credentials.filter((x) => x.subject === 'token' || x.subject === 'membership' || x.subject === 'grant' || x.subject === 'secret')) {
    const n = copiesOf(c);
    if (n === null) return null;
    most = Math.max(most, n);
  }
  return most;
}

interface Context {
  readonly report: StackReport;
  readonly deliveries: DeliveryIndex;
  /** Paths of variables, outputs and sinks holding each token address (their findings belong to the token). */
  readonly holdersOf: Map<string, string[]>;
  /** The report's findings by path, and each finding's place in the report (built once per stack). */
  readonly findingsByPath: Map<string, EngineFinding[]>;
  readonly findingOrder: Map<EngineFinding, number>;
  /** The credentials each identity rendered, by the identity's path. */
  readonly renderedBy: Map<string, Described[]>;
}

function findingsAt(ctx: Context, paths: ReadonlySet<string>): EngineFinding[] {
  return findingsOn(ctx.findingsByPath, ctx.findingOrder, paths);
}

function deliveriesOf(ctx: Context, addresses: readonly string[]): InventoryDelivery[] {
  const list = addresses.flatMap((a) => ctx.deliveries.get(`${ctx.report.stack}:${a}`) ?? []);
  const key = (d: InventoryDelivery) => `${d.type}\u0000${d.target}\u0000${d.key}\u0000${d.environmentScope}`;
  const unique = new Map(list.map((d) => [key(d), d]));
  return [...unique.values()].sort((a, b) => byText(key(a), key(b)));
}

/** A credential's address as a list: none when it has none (no lookup then, not one under ''). */
const addressesOf = (c: { readonly address?: string }): string[] => (c.address ? [c.address] : []);

function relatedPaths(ctx: Context, addresses: readonly string[], own: readonly string[]): Set<string> {
  return new Set([...own, ...addresses.flatMap((a) => ctx.holdersOf.get(a) ?? [])]);
}

/** An overlapping identity's slots and what its variables deliver, read from the JSON. */
function overlapOf(planned: NonNullable<IdentityBinding['plan']['overlap']>, tokens: readonly TokenCredential[], own: readonly Described[]): InventoryOverlap {
  const laterEverywhere = own.every((c) => c.subject !== 'variable' || c.deliversLaterSlot !== false);
  return {
    slots: sortedUnique(tokens.map((t) => (t.name?.known ? t.name.value : t.triggerName ?? t.path))),
    delivered: laterEverywhere ? 'later-expiring' : 'not-the-later-slot',
    ...planned,
  };
}

function identityEntry(ctx: Context, binding: IdentityBinding): InventoryEntry {
  const plan = binding.plan;
  const own = ctx.renderedBy.get(binding.path) ?? [];
  const tokens = own.filter((c): c is TokenCredential & Described => c.subject === 'token');
  const addresses = tokens.flatMap(addressesOf);
  const paths = relatedPaths(ctx, addresses, [binding.path, ...own.map((c) => c.path)]);
  const related = findingsAt(ctx, paths);
  const findings = findingsFor(related);
  const roles = own.flatMap((c) => ((c.subject === 'token' || c.subject === 'membership') && c.accessLevel?.known ? [c.accessLevel.value] : []));
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
    // What the JSON grants; the plan's statements for what the library does not manage (a bot user's memberships).
    grants: [...grantsOf(own), ...plan.grants.filter((g) => g.type === GrantType.BOT_USER_MEMBERSHIP)],
    accessLevel: highestRole(roles) ?? (plan.kind === IdentityKind.PERSONAL_ACCESS_TOKEN ? plan.accessLevel ?? null : null),
    scopes: sortedUnique(tokens.flatMap((t) => (t.scopes?.known ? t.scopes.value : []))),
    ...(plan.kind === IdentityKind.CI_JOB_TOKEN ? { expiry: 'job-duration' as const, lifetimeDays: null, rotateBeforeDays: null } : longest(tokens)),
    deliveries: deliveriesOf(ctx, addresses),
    labels: plan.labels,
    decisionRule: plan.decisionRule,
    rationale: plan.rationale,
    findings,
    suppressions: suppressionsOf(related),
    constructPath: binding.path,
    users: usersOf(own),
    copies: mostCopies(own),
    differsFromPlan: findings.filter((f) => DRIFT_RULES.has(f.ruleId) && f.path !== binding.path).map((f) => f.message),
    ...(plan.overlap ? { overlap: overlapOf(plan.overlap, tokens, own) } : {}),
  };
}

/** A membership, group share, allowlist entry, deploy key or runner written by hand: a grant the gate must see move. */
function grantEntry(ctx: Context, c: Described & { subject: 'membership' | 'grant' }): InventoryEntry {
  const related = findingsAt(ctx, new Set([c.path]));
  const role = c.subject === 'membership' ? c.accessLevel : c.role;
  const what = c.subject === 'membership' ? GRANT_TYPES[c.resourceType as GrantResourceType]?.what ?? c.resourceType : c.what;
  const target = c.target ? `${c.target.type} ${text(c.target.value)}` : undefined;
  return {
    name: c.path,
    source: 'provider-resource',
    kind: what,
    resourceType: c.resourceType,
    owner: null,
    purpose: null,
    runtime: null,
    // Where the grant is: a move to another project or group is a change of reach.
    reach: c.target?.value.known ? (c.target.type === 'group' ? { type: ReachType.GROUP, group: c.target.value.value } : { type: ReachType.PROJECT, projects: [c.target.value.value] }) : null,
    capabilities: [],
    grants: grantsOf([c]),
    accessLevel: role?.known ? role.value : role ? `(${role.expression})` : null,
    scopes: [],
    expiry: 'never',
    lifetimeDays: null,
    rotateBeforeDays: null,
    deliveries: [],
    labels: [],
    decisionRule: null,
    rationale: target ? [`${what} on ${target}`] : [],
    findings: findingsFor(related),
    suppressions: suppressionsOf(related),
    constructPath: c.path,
    users: sortedUnique(c.subject === 'membership' ? (c.user ? [text(c.user)] : []) : c.grantees.map(text)),
    copies: mostCopies([c]),
    differsFromPlan: [],
  };
}

/**
 * A module call the checks cannot read: an entry of its own, so that the merge-request gate sees a new one
 * (an added entry escalates) and the reason of the suppression a reviewer gave it, and the note lists it.
 */
function moduleEntry(ctx: Context, c: Described & { subject: 'module' }): InventoryEntry {
  const related = findingsAt(ctx, new Set([c.path]));
  return {
    name: c.address,
    source: 'provider-resource',
    kind: 'module call',
    resourceType: 'module',
    owner: null,
    purpose: null,
    runtime: null,
    reach: null,
    capabilities: [],
    grants: [],
    accessLevel: null,
    scopes: [],
    // What it creates is not read: its lifetime is unknown, not "never".
    expiry: 'unknown',
    lifetimeDays: null,
    rotateBeforeDays: null,
    deliveries: [],
    labels: [],
    decisionRule: null,
    rationale: [`Its source ${c.source === undefined ? 'is not a string' : JSON.stringify(c.source)}: the checks do not read it, so what it creates is not in this inventory.`],
    findings: findingsFor(related),
    suppressions: suppressionsOf(related),
    constructPath: c.path,
    users: [],
    // A call with count/for_each is one entry: what each instance creates is unknown either way.
    copies: 1,
    differsFromPlan: [],
  };
}

function rawEntry(ctx: Context, c: Described): InventoryEntry | undefined {
  if (c.subject === 'membership' || c.subject === 'grant') return grantEntry(ctx, c);
  if (c.subject === 'module') return moduleEntry(ctx, c);
  if (c.subject !== 'token' && c.subject !== 'secret') return undefined;
  const addresses = addressesOf(c);
  const related = findingsAt(ctx, relatedPaths(ctx, addresses, [c.path]));
  const token = c.subject === 'token' ? c : undefined;
  const accessLevel = token?.accessLevel?.known ? token.accessLevel.value
    : token && token.accessLevel === undefined && isTokenType(token.resourceType) && TOKEN_TYPES[token.resourceType].role ? 'maintainer' : null;
  return {
    name: token?.name?.known ? token.name.value : c.path,
    source: 'provider-resource',
    kind: c.subject === 'token' ? c.kind : c.what,
    resourceType: c.resourceType,
    owner: null,
    purpose: null,
    runtime: null,
    reach: null,
    capabilities: [],
    grants: grantsOf([c]),
    accessLevel,
    scopes: token?.scopes?.known ? sortedUnique(token.scopes.value) : [],
    ...(token ? expiryOf(token) : { expiry: 'never' as const, lifetimeDays: null, rotateBeforeDays: null }),
    deliveries: deliveriesOf(ctx, addresses),
    labels: [],
    decisionRule: null,
    rationale: [],
    findings: findingsFor(related),
    suppressions: suppressionsOf(related),
    constructPath: c.path,
    users: usersOf([c]),
    copies: mostCopies([c]),
    differsFromPlan: [],
  };
}

/** The inventory of each stack, from the engine's reports of the whole app. */
export function inventoriesFromReports(reports: readonly StackReport[]): StackInventory[] {
  const deliveries = deliveryIndex(reports);
  return reports.map((report) => stackInventoryOf(report, deliveries));
}

/**
 * One stack's inventory, given the app's delivery index: for callers that write each inventory and let it
 * go before building the next (an app of 10,000 identities holds tens of megabytes of inventories).
 */
export function stackInventoryOf(report: StackReport, deliveries: DeliveryIndex): StackInventory {
  const holdersOf = new Map<string, string[]>();
  for (const c of report.credentials) {
    const held = c.subject === 'variable' || c.subject === 'output' ? c.tokenAddresses ?? [] : c.subject === 'sink' ? c.secrets : [];
    for (const a of held) pushTo(holdersOf, a, c.path);
  }
  const findingsByPath = new Map<string, EngineFinding[]>();
  for (const f of report.findings) pushTo(findingsByPath, f.path, f);
  const renderedBy = new Map<string, Described[]>();
  for (const c of report.credentials) {
    const owner = 'identity' in c ? c.identity?.path : undefined;
    if (owner !== undefined) pushTo(renderedBy, owner, c);
  }
  const ctx: Context = { report, deliveries, holdersOf, findingsByPath, findingOrder: new Map(report.findings.map((f, i) => [f, i])), renderedBy };
  const bound = new Set(report.identities.flatMap((b) => b.addresses));
  const entries = [
    ...report.identities.map((b) => identityEntry(ctx, b)),
    ...report.credentials.filter((c) => !('address' in c) || !bound.has(c.address ?? '')).map((c) => rawEntry(ctx, c)).filter((e): e is InventoryEntry => e !== undefined),
  ];
  return stackInventory(report.stack, entries, report.identities.flatMap((b) => (b.plan.platform ? [b.plan.platform] : [])));
}
