/**
 * Describes every credential, grant and secret sink of one stack's Terraform JSON for the rules. Values
 * are evaluated (constants, locals, variable defaults) or followed (data sources, service accounts); what
 * stays unresolved in an attribute that decides privilege, lifetime, target or secrecy is recorded as
 * unverifiable, and the engine reports it as an error (GLID-022): the checks fail closed.
 */
import { IdentityPlan } from '../plan-identity';
import {
  Checked,
  Described,
  GrantCredential,
  MembershipCredential,
  TokenCredential,
  UnverifiableAttribute,
  VariableCredential,
  known,
  unresolved,
} from '../rules/credential';
import { Value, deepTaint, unknown } from './expression/value';
import { asBoolean, asNumber, asRole, asString, asStringList, copiesOf, followTarget, followUser } from './follow';
import {
  GRANT_TYPES,
  OTHER_SECRET_TYPES,
  TIME_ROTATING,
  TOKEN_TYPES,
  TokenRenewal,
  TokenResourceType,
  VARIABLE_TYPES,
  isGrantType,
  isOtherSecretType,
  isServiceAccountType,
  isTokenType,
  isVariableType,
  tokenKindOf,
} from './resource-catalogue';
import { StackModel } from './stack-model';
import { ConfigBlock, isObject } from './terraform-config';

/** An identity's plan and the Terraform addresses it rendered, as the construct layer (or `//`) gives them. */
export interface IdentityBinding {
  /** Construct path of the AutomationIdentity. */
  readonly path: string;
  readonly plan: IdentityPlan;
  /** `type.name` of every resource the identity rendered. */
  readonly addresses: readonly string[];
}

/** Tracks the unverifiable decision attributes of one block while it is described. */
class Decisions {
  /** Shared and empty until something is unverifiable: descriptions are kept for the whole app. */
  public unverifiable: readonly UnverifiableAttribute[] = NONE;
  public note<T>(attribute: string, checked: Checked<T> | undefined): Checked<T> | undefined {
    if (checked !== undefined && !checked.known) this.unverifiable = [...this.unverifiable, { attribute, reason: checked.expression }];
    return checked;
  }
}

const NONE: readonly UnverifiableAttribute[] = Object.freeze([]);

/** Where the block is, how many copies it makes, and the identity that rendered it (if any). */
function located(block: ConfigBlock, stack: StackModel, decisions: Decisions, binding: IdentityBinding | undefined) {
  // Each instance of an expanded count/for_each stands for the block: as many copies as the block makes.
  const copies = block.iteration ? known(block.iteration.instances) : decisions.note('count/for_each', copiesOf(stack, block.body));
  // One object, filled in place: spreads of optional parts allocated as much as the descriptions themselves.
  const where: { path: string; address: string; copies: Checked<number> | undefined; instanceOf?: string; provider?: string; identity?: IdentityBinding } =
    { path: block.path, address: block.address, copies };
  if (block.iteration) where.instanceOf = block.iteration.of;
  // `provider = "gitlab"` (or null) names the default configuration; only `type.alias` names another one.
  const provider = block.body.provider;
  if (typeof provider === 'string' ? provider.includes('.') : provider !== undefined && provider !== null) {
    where.provider = typeof provider === 'string' ? provider : JSON.stringify(provider);
  }
  // The binding itself (it has the path and addresses): one object per identity, not per credential.
  if (binding) where.identity = binding;
  return where;
}

/** Addresses of the secrets a value was computed from: `type.name`, or `stack:type.name` for another stack. */
export function secretAddresses(stack: StackModel, value: Value | undefined): string[] {
  if (value === undefined) return [];
  return deepTaint(value).map((id) => {
    const source = stack.app.source(id);
    if (source.stack === stack.name) return source.address;
    // A module instance's secret reads as Terraform addresses it (module.tok.<type>.<name>); another stack's as stack:address.
    // In one tree of modules (a root and its local modules), Terraform's address; across roots, stack:address.
    return stack.app.sameRoot(source.stack, stack.name) ? `${stack.app.moduleAddress(source.stack)}${source.address}` : `${source.stack}:${source.address}`;
  });
}

/**
 * The `time_rotating` attributes besides rotation_days: the checks do not turn months or years into days, and
 * `rotation_rfc3339` sets the instant outright.
 */
const OTHER_PERIODS = ['rotation_minutes', 'rotation_hours', 'rotation_months', 'rotation_years', 'rotation_rfc3339'];

/**
 * The base an overlapping identity's second slot takes from its first (lib/core/rotation-model.ts
 * overlapBase): half a period before or after the first slot's base, chosen at plan time.
 */
const OVERLAP_BASE = /^\$\{timecmp\(plantimestamp\(\), timeadd\((time_rotating\.[\w-]+)\.rfc3339, "(\d+)h"\)\) < 0 \? timeadd\(\1\.rfc3339, "-\2h"\) : timeadd\(\1\.rfc3339, "\2h"\)\}$/;

/**
 * A `rfc3339` base on a time_rotating moves its roll-over anywhere, the future included: only the overlap
 * base, which is never after the plan's time and follows a schedule of the same period, is bounded.
 */
function baseProblem(stack: StackModel, rotating: ConfigBlock, days: Checked<number>): string | undefined {
  const raw = rotating.body.rfc3339;
  if (raw === undefined) return undefined;
  const match = typeof raw === 'string' ? OVERLAP_BASE.exec(raw) : null;
  const first = match ? stack.block(match[1]) : undefined;
  const firstDays = first ? asNumber(stack.attribute(first, 'rotation_days')) : undefined;
  const bounded = match && days.known && firstDays?.known && firstDays.value === days.value && Number(match[2]) === days.value * 12 && first?.body.rfc3339 === undefined;
  if (!bounded) return `${rotating.address} sets rfc3339, a base that can put its roll-over anywhere; leave it out`;
  // Without it the base is recomputed, and the schedule replaced, whenever the first one rolls over: both
  // slots would renew in one apply.
  const lifecycle = isObject(rotating.body.lifecycle) ? rotating.body.lifecycle : {};
  const kept = Array.isArray(lifecycle.ignore_changes) && lifecycle.ignore_changes.includes('rfc3339');
  return kept ? undefined : `${rotating.address} takes its base from ${match[1]} without lifecycle.ignore_changes = ["rfc3339"], so both slots renew in one apply; keep it`;
}

/** `${time_rotating.x.rotation_rfc3339}`: the roll-over instant a renewal terraform_data is replaced with. */
const ROLLOVER = /^\$\{(time_rotating\.[\w-]+)\.rotation_rfc3339\}$/;

/** The time_rotating whose roll-over instant is among a terraform_data's `triggers_replace`. */
function rolloverOf(stack: StackModel, data: ConfigBlock | undefined): ConfigBlock | undefined {
  const raw = data?.body.triggers_replace;
  const values = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [raw];
  for (const v of values) {
    const match = typeof v === 'string' ? ROLLOVER.exec(v) : null;
    const rotating = match ? stack.block(match[1]) : undefined;
    if (rotating) return rotating;
  }
  return undefined;
}

/**
 * The schedule a token is replaced on: a `terraform_data` in `lifecycle.replace_triggered_by` whose
 * `triggers_replace` holds a `time_rotating`'s roll-over instant, every `rotation_days`. A time_rotating
 * named there directly replaces nothing (an expired one is planned as a create, which does not fire
 * replace_triggered_by; lib/constructs/render/rotation.ts), unless the token's `expires_at` comes from it,
 * whose change replaces the token. Any other trigger replaces it on no schedule the checks can know.
 */
function schedule(stack: StackModel, block: ConfigBlock): { scheduled: boolean; rotating?: string; days?: Checked<number> } {
  const lifecycle = isObject(block.body.lifecycle) ? block.body.lifecycle : undefined;
  const triggers = Array.isArray(lifecycle?.replace_triggered_by) ? lifecycle.replace_triggered_by : [];
  for (const trigger of triggers) {
    const address = typeof trigger === 'string' ? trigger.replace(/^\$\{(.*)\}$/, '$1').split('.').slice(0, 2).join('.') : '';
    const direct = address.startsWith(`${TIME_ROTATING}.`) ? stack.block(address) : undefined;
    const rotating = address.startsWith('terraform_data.') ? rolloverOf(stack, stack.block(address))
      : direct && typeof block.body.expires_at === 'string' && block.body.expires_at.includes(`${direct.address}.rotation_rfc3339`) ? direct : undefined;
    if (!rotating) continue;
    const other = OTHER_PERIODS.find((p) => rotating.body[p] !== undefined);
    const days = other !== undefined
      ? unresolved<number>(`${rotating.address} sets ${other}, which the checks do not convert to days; use rotation_days`)
      : asNumber(stack.attribute(rotating, 'rotation_days')) ?? unresolved<number>(`${rotating.address} sets no rotation_days`);
    const problem = baseProblem(stack, rotating, days);
    return { scheduled: true, rotating: rotating.address, days: problem ? unresolved<number>(problem) : days };
  }
  return { scheduled: false };
}

/**
 * `expires_at` that the replacing `time_rotating` decides: its `rotation_rfc3339`, or that plus a literal
 * whole number of days (`timeadd(..., "336h")`). Anything else computed at apply is unknown.
 */
function expiresFromSchedule(raw: unknown, rotating: string | undefined): boolean {
  if (rotating === undefined || typeof raw !== 'string') return false;
  return raw === `\${${rotating}.rotation_rfc3339}` || offsetDays(raw).scheduleOffsetDays !== undefined && raw.includes(`(${rotating}.rotation_rfc3339,`);
}

/**
 * `rotation_configuration`, an attribute in provider 18.x: an object, or any expression that evaluates to
 * one. A list (`[{ ... }]`, the JSON form of a block) is not one, and Terraform refuses it ("object
 * required"). What cannot be evaluated is unverifiable, and so is a lifetime that is missing from it; a
 * dynamic block is refused (dynamicRotation).
 */
function rotationOf(stack: StackModel, block: ConfigBlock, d: Decisions, renewal: TokenRenewal): TokenCredential['rotation'] {
  // A dynamic block comes first: next to the attribute (even a null one) Terraform refuses it all the same.
  const value = dynamicRotation(block) ?? stack.attribute(block, 'rotation_configuration');
  if (value === undefined || value.type === 'null') return undefined;
  if (renewal !== 'provider-rotation') {
    // Deploy tokens, triggers and impersonation tokens have no such attribute: it rotates nothing, and the
    // token is judged without it (Terraform refuses it; where an override file drops it, it is not there).
    d.note('rotation_configuration', unresolved(`${block.type} has no rotation_configuration in provider 18.x, which Terraform refuses ` +
      '("Unsupported argument"); remove it, and bound the token with expires_at (README, "Rotation schedule")'));
    return undefined;
  }
  if (value.type !== 'object') {
    d.note('rotation_configuration', unresolved(value.type === 'unknown' ? value.reason
      : `it is a ${value.type}, which Terraform refuses: it holds an object in provider 18.x; give it one, rotation_configuration = { expiration_days = ..., ` +
        'rotate_before_days = ... } in HCL, "rotation_configuration": { ... } in JSON, rotationConfiguration: { ... } in CDKTF'));
    return { expirationDays: unresolved('rotation_configuration cannot be read'), rotateBeforeDays: unresolved('rotation_configuration cannot be read') };
  }
  const field = (name: string, otherwise: Checked<number> = unresolved<number>(`rotation_configuration sets no ${name}`)) =>
    d.note(`rotation_configuration.${name}`, asNumber(value.type === 'object' ? value.attrs.get(name) : undefined) ?? otherwise);
  // A service-account token's expiration_days is optional: without it each rotation lasts 7 days
  // (DEFAULT_EXPIRATION_DAYS in resource_gitlab_group_service_account_access_token.go, provider 18.6.1).
  const defaulted = block.type === 'gitlab_group_service_account_access_token' && value.attrs.get('expiration_days') === undefined;
  return { expirationDays: defaulted ? known(7) : field('expiration_days'), rotateBeforeDays: field('rotate_before_days'), ...(defaulted ? { expirationDaysDefaulted: true } : {}) };
}

/**
 * `dynamic "rotation_configuration"`, in either JSON form of `dynamic` (an object, or a list of them). In
 * provider 18.x `rotation_configuration` is an attribute (a single nested attribute of the plugin framework,
 * written `rotation_configuration = { ... }`), not a block, and Terraform refuses a dynamic block for it
 * ("Unsupported block type"), whatever its for_each. The configuration cannot be applied as written, so the
 * rotation is not judged (GLID-022, with the fix), rather than read as "no rotation" (GLID-001) or as one.
 */
function dynamicRotation(block: ConfigBlock): Value | undefined {
  const dynamic = block.body.dynamic;
  const written = (Array.isArray(dynamic) ? dynamic : [dynamic]).some((d) => isObject(d) && 'rotation_configuration' in d);
  return written
    ? unknown('rotation_configuration is written as a dynamic block, which Terraform refuses: it is an attribute in provider 18.x; write rotation_configuration = { expiration_days = ..., rotate_before_days = ... }')
    : undefined;
}

/** A trigger has no name: the library starts its description with the token name (`<name>: ...`). */
function triggerName(description: Value | undefined): { triggerName?: string } {
  const match = description?.type === 'string' ? /^([a-z0-9][a-z0-9-]*): /.exec(description.value) : null;
  return match ? { triggerName: match[1] } : {};
}

/** The known entries of a scope list that also holds computed ones: an admin scope among them is judged even then. */
function literalScopes(value: Value | undefined): { literalScopes?: readonly string[] } {
  if (value?.type !== 'tuple') return {};
  return { literalScopes: value.items.flatMap((i) => (i.type === 'string' ? [i.value] : [])) };
}

const OFFSET = /^\$\{timeadd\(time_rotating\.[\w-]+\.rotation_rfc3339,\s*"(\d+)h"\)\}$/;
const OFFSET_AS_DATE = /^\$\{formatdate\("YYYY-MM-DD",\s*timeadd\(time_rotating\.[\w-]+\.rotation_rfc3339,\s*"(\d+)h"\)\)\}$/;

/**
 * `timeadd(time_rotating.x.rotation_rfc3339, "336h")`, or that as a date (`formatdate("YYYY-MM-DD", ...)`, for
 * tokens whose expires_at is a date): the days a scheduled token outlives its roll-over.
 */
function offsetDays(raw: unknown): { scheduleOffsetDays?: number } {
  const match = typeof raw === 'string' ? OFFSET.exec(raw) ?? OFFSET_AS_DATE.exec(raw) : null;
  return match && Number(match[1]) % 24 === 0 ? { scheduleOffsetDays: Number(match[1]) / 24 } : {};
}

// Each description is one object literal, its unverifiable list last (filled while the literal is built):
// copying a finished description with a spread cost more than describing it, at 10,000 identities.

function describeToken(stack: StackModel, block: ConfigBlock, type: TokenResourceType, binding: IdentityBinding | undefined): Described {
  const plan = binding?.plan;
  const spec = TOKEN_TYPES[type];
  const d = new Decisions();
  const attr = (name: string) => stack.attribute(block, name);
  const targetSpec = spec.targets.find((t) => block.body[t.attribute] !== undefined);
  const target = targetSpec ? d.note(targetSpec.attribute, followTarget(stack, attr(targetSpec.attribute), block.body[targetSpec.attribute])) : undefined;
  const user = spec.user ? d.note('user_id', followUser(stack, attr('user_id'), block.body.user_id)) : undefined;
  const rotation = rotationOf(stack, block, d, spec.renewal);
  const { scheduled, rotating, days } = schedule(stack, block);
  const expires = attr('expires_at');
  const token: TokenCredential & Described = {
    subject: 'token',
    ...located(block, stack, d, binding),
    resourceType: type,
    kind: tokenKindOf(type, block.body.group !== undefined, user?.known ? user.value : undefined),
    plan,
    name: asString(attr('name')),
    ...(type === 'gitlab_pipeline_trigger' ? triggerName(attr('description')) : {}),
    scopes: spec.scopes ? d.note('scopes', asStringList(attr('scopes')) ?? known([])) : undefined,
    ...(spec.scopes ? literalScopes(attr('scopes')) : {}),
    accessLevel: d.note('access_level', asRole(attr('access_level'))),
    // From the replacing time_rotating only: without replace_triggered_by the date is just unknown.
    expiresAt: expiresFromSchedule(block.body.expires_at, rotating) ? asString(expires) : d.note('expires_at', asString(expires)),
    rotation,
    replacedOnSchedule: scheduled,
    ...(days !== undefined ? { scheduleDays: d.note('time_rotating rotation_days', days) } : {}),
    ...(scheduled ? offsetDays(block.body.expires_at) : {}),
    ...(plan && scheduled ? { plannedLifetimeDays: plan.lifetimeDays, plannedRotateBeforeDays: plan.rotateBeforeDays } : {}),
    userIsServiceAccount: user?.known === true && user.value.startsWith('service account '),
    ...(user ? { user } : {}),
    ...(target && targetSpec ? { target: { type: targetSpec.type, value: target.known ? target.value : `(${target.expression})` } } : {}),
    ...(!target && user ? { target: { type: 'user' as const, value: user.known ? user.value : `(${user.expression})` } } : {}),
    unverifiable: d.unverifiable,
  };
  return token;
}

function describeVariable(stack: StackModel, block: ConfigBlock, binding: IdentityBinding | undefined): Described {
  const plan = binding?.plan;
  const type = block.type as keyof typeof VARIABLE_TYPES;
  const spec = VARIABLE_TYPES[type];
  const d = new Decisions();
  const secrets = secretAddresses(stack, stack.attribute(block, 'value'));
  const holds = secrets.length > 0;
  // Masked, hidden and protected decide secrecy only for a variable that holds a secret.
  const decide = <T>(attribute: string, checked: Checked<T> | undefined) => (holds ? d.note(attribute, checked) : checked);
  const owner = spec.owner ? asString(stack.attribute(block, spec.owner)) : undefined;
  const scope = asString(stack.attribute(block, 'environment_scope'));
  const variable: VariableCredential & Described = {
    subject: 'variable',
    ...located(block, stack, d, binding),
    resourceType: type,
    ...(plan ? { plan } : {}),
    key: asString(stack.attribute(block, 'key')),
    holdsToken: holds,
    tokenAddresses: secrets,
    ...(owner ? { owner: owner.known ? owner.value : `(${owner.expression})` } : {}),
    environmentScope: scope?.known ? scope.value : '*',
    masked: decide('masked', asBoolean(stack.attribute(block, 'masked'))),
    hidden: spec.hidden ? decide('hidden', asBoolean(stack.attribute(block, 'hidden'))) : null,
    protected: decide('protected', asBoolean(stack.attribute(block, 'protected'))),
    ...(plan?.overlap && holds ? { deliversLaterSlot: deliversLaterSlot(stack, block.body.value) } : {}),
    unverifiable: d.unverifiable,
  };
  return variable;
}

/** `${timecmp(A.rotation_rfc3339, B.rotation_rfc3339) >= 0 ? X.attr : Y.attr}`, as lib/constructs/render/slots.ts writes it. */
const LATER_SLOT = /^\$\{timecmp\((time_rotating\.[\w-]+)\.rotation_rfc3339, (time_rotating\.[\w-]+)\.rotation_rfc3339\) >= 0 \? ([\w-]+\.[\w-]+)\.(token|username) : ([\w-]+\.[\w-]+)\.\4\}$/;

/**
 * Whether a value is the slot that expires later: the conditional picks token X when schedule A rolls over
 * later, and X is replaced on A's schedule, Y on B's. Anything else (one slot, the conditional inverted, a
 * token of another schedule) delivers a value the next renewal may revoke.
 */
function deliversLaterSlot(stack: StackModel, raw: unknown): boolean {
  const match = typeof raw === 'string' ? LATER_SLOT.exec(raw) : null;
  if (!match) return false;
  const [, a, b, x, , y] = match;
  const scheduleOf = (address: string) => {
    const token = stack.block(address);
    return token ? schedule(stack, token).rotating : undefined;
  };
  return a !== b && scheduleOf(x) === a && scheduleOf(y) === b;
}

function describeGrant(stack: StackModel, block: ConfigBlock, binding: IdentityBinding | undefined): Described {
  const plan = binding?.plan;
  const type = block.type as keyof typeof GRANT_TYPES;
  const spec = GRANT_TYPES[type];
  const d = new Decisions();
  const target = d.note(spec.target.attribute, followTarget(stack, stack.attribute(block, spec.target.attribute), block.body[spec.target.attribute]));
  const role = 'role' in spec ? d.note(spec.role, (spec.role === 'can_push' ? asString : asRole)(stack.attribute(block, spec.role))) : undefined;
  const common = { ...located(block, stack, d, binding), resourceType: type, ...(plan ? { plan } : {}), ...(target ? { target: { type: spec.target.type, value: target } } : {}) };
  if (type === 'gitlab_project_membership' || type === 'gitlab_group_membership') {
    const user = d.note('user_id', followUser(stack, stack.attribute(block, 'user_id'), block.body.user_id));
    const membership: MembershipCredential & Described = { subject: 'membership', ...common, ...(role ? { accessLevel: role } : {}), ...(user ? { user } : {}), unverifiable: d.unverifiable };
    return membership;
  }
  const grantees: Checked<string>[] = [];
  for (const g of spec.grantee) {
    const value = stack.attribute(block, g.attribute);
    if (value === undefined) continue;
    const rawValue = block.body[g.attribute];
    const items = 'list' in g && g.list ? (value.type === 'tuple' ? value.items : [value]) : [value];
    items.forEach((item, i) => {
      const raw = Array.isArray(rawValue) ? rawValue[i] : rawValue;
      const followed = g.type === 'project' || g.type === 'group' ? followTarget(stack, item, raw) : asString(item);
      const noted = d.note(g.attribute, followed);
      if (noted) grantees.push(noted.known ? known(`${g.type} ${noted.value}`) : noted);
    });
  }
  const grant: GrantCredential & Described = { subject: 'grant', ...common, what: spec.what, grantees, ...(role ? { role } : {}), unverifiable: d.unverifiable };
  return grant;
}

/** The credential a resource block stands for, or undefined when it is none. */
export function describeBlock(stack: StackModel, block: ConfigBlock, binding?: IdentityBinding): Described | undefined {
  if (block.mode !== 'resource') return undefined;
  const type = block.type;
  if (isTokenType(type)) return describeToken(stack, block, type, binding);
  if (isVariableType(type)) return describeVariable(stack, block, binding);
  if (isGrantType(type)) return describeGrant(stack, block, binding);
  if (isServiceAccountType(type)) {
    const email = asString(stack.attribute(block, 'email'));
    return {
      subject: 'service-account', path: block.path, address: block.address, resourceType: type,
      ...(binding ? { plan: binding.plan, identity: binding } : {}), ...(email ? { email } : {}),
    };
  }
  if (isOtherSecretType(type)) {
    const spec = OTHER_SECRET_TYPES[type];
    const d = new Decisions();
    const targetSpec = spec.targets.find((t) => block.body[t.attribute] !== undefined);
    const target = targetSpec ? followTarget(stack, stack.attribute(block, targetSpec.attribute), block.body[targetSpec.attribute]) : undefined;
    return {
      subject: 'secret', ...located(block, stack, d, binding), resourceType: type, what: spec.what,
      ...(target && targetSpec ? { target: { type: targetSpec.type, value: target } } : {}),
      unverifiable: d.unverifiable,
    };
  }
  return undefined;
}

/** A Terraform output: whether a secret reaches it, and whether it is marked sensitive. */
export function describeOutput(stack: StackModel, name: string, raw: unknown): Described {
  const body = isObject(raw) ? raw : {};
  const secrets = secretAddresses(stack, stack.evaluate(body.value));
  const d = new Decisions();
  const sensitive = secrets.length > 0 && body.sensitive !== undefined ? d.note('sensitive', asBoolean(stack.evaluate(body.sensitive))) : undefined;
  return {
    subject: 'output',
    path: stack.outputPaths.get(name) ?? `output.${name}`,
    address: `output.${name}`,
    holdsToken: secrets.length > 0,
    tokenAddresses: secrets,
    sensitive: sensitive?.known === true && sensitive.value,
    unverifiable: d.unverifiable,
  };
}
