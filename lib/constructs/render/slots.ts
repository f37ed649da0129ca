/**
 * Two staggered token slots for an identity with `overlap: true` (lib/core/rotation-model.ts proves the
 * design). Each slot's tokens are replaced when its time_rotating rolls over, every lifetime - rotate-before
 * days, and expire rotate-before days after that. Slot a's schedule starts at the first apply; slot b's takes
 * its base from a's, half a period before or after it (overlapBase), decided at plan time with
 * `plantimestamp()` and kept (ignore_changes) until b rolls over. So b rolls over at the midpoints of a's
 * periods from the first apply on, with no date in the code, and follows a when a's applies run late.
 *
 * Consumers get the later-expiring slot: a conditional over the two roll-over instants, re-read by every
 * apply. While applies run at least once per window, the slot renewed is never the one delivered, so the value
 * consumers held stays valid until its own slot's next renewal, at least the plan's overlap.graceDays later.
 * After half a period without an apply both slots are due and the resuming apply renews both (README).
 */
import { Fn, Op, TerraformResource, TerraformResourceLifecycle, Token } from 'cdktf';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { KIND_EXPIRY_FORMAT, SLOT_SUFFIXES, SlotId } from '../../core';
import { ExpiryFormat, lapseCheck } from './lapse-check';
import { IssuedToken, once, RenderContext } from './render-context';
import { Rotation, createRotation, replacedWith } from './rotation';
import { attributeOf, rolloverPlusHours, rolloverPlusHoursAsDate, wired } from './wired-reference';

export interface Slot {
  readonly id: SlotId;
  readonly rotating: Rotating;
  /** `expires_at` of a token in this slot, in the format its resource takes. */
  expiry(format: ExpiryFormat): string;
  /** Replacement when the slot rolls over; the new token is created before the old is revoked. */
  lifecycle(format: ExpiryFormat | undefined, what: string): TerraformResourceLifecycle;
}

/** The two slots of an identity: their schedules, shared by all its tokens. */
export function createSlots(ctx: RenderContext): readonly [Slot, Slot] {
  const { lifetimeDays, rotateBeforeDays } = ctx.plan as Required<Pick<typeof ctx.plan, 'lifetimeDays' | 'rotateBeforeDays'>>;
  const period = lifetimeDays - rotateBeforeDays;
  ctx.support.requireTimeProvider();
  const a = new Rotating(ctx.scope, `Rotation-${SLOT_SUFFIXES[0]}`, { rotationDays: period });
  const half = `"${period * 12}h"`;
  const b = new Rotating(ctx.scope, `Rotation-${SLOT_SUFFIXES[1]}`, {
    rotationDays: period,
    rfc3339: wired(() => {
      const base = `${a.terraformResourceType}.${a.friendlyUniqueId}.rfc3339`;
      return `\${timecmp(plantimestamp(), timeadd(${base}, ${half})) < 0 ? timeadd(${base}, "-${period * 12}h") : timeadd(${base}, ${half})}`;
    }),
    // The base is decided when b is created: later plans (a renewed, another plan time) must not replace it.
    lifecycle: { ignoreChanges: ['rfc3339'] },
  });
  const slot = (id: SlotId, rotating: Rotating): Slot => {
    const replaced = replacedWith(ctx.scope, `Renewal-${id}`, rotating);
    const expiries = new Map<ExpiryFormat, string>();
    return {
      id,
      rotating,
      // One reference per format, shared by the slot's tokens (each registers a cdktf token).
      expiry: (format) => {
        const made = expiries.get(format) ?? (format === 'instant' ? rolloverPlusHours(rotating, rotateBeforeDays * 24) : rolloverPlusHoursAsDate(rotating, rotateBeforeDays * 24));
        expiries.set(format, made);
        return made;
      },
      lifecycle: (format, what) => ({ ...replaced, ...(format ? { postcondition: [lapseCheck(ctx.plan, format, what)] } : {}) }),
    };
  };
  return [slot(SLOT_SUFFIXES[0], a), slot(SLOT_SUFFIXES[1], b)];
}

type TokenResource = TerraformResource & { readonly token: string; readonly username?: string };

/**
 * An issued token whose references are made on first read (see `once`): `make` gives the cdktf reference for
 * users, `wire` the text the library's deliveries use, for the token and, for deploy tokens, the username.
 */
function issued(
  fields: { target: string; tokenName: string; slotNames?: readonly string[]; resource: TerraformResource },
  make: (attribute: 'token' | 'username') => string, wire: (attribute: 'token' | 'username') => string, withUsername: boolean,
): IssuedToken {
  const out = { ...fields } as IssuedToken;
  const lazy = (key: string, value: () => string) =>
    Object.defineProperty(out, key, { get() { return once(this, key, value); }, enumerable: true, configurable: true });
  lazy('value', () => make('token'));
  lazy('wiredValue', () => wire('token'));
  if (withUsername) {
    lazy('username', () => make('username'));
    lazy('wiredUsername', () => wire('username'));
  }
  return out;
}

/**
 * What an identity issues for one target with a token in each slot: the later-expiring slot's value, as a
 * cdktf reference for users and as wired text for the library's own deliveries.
 */
export function issuedPair(target: string, tokenName: string, slots: readonly [Slot, Slot], tokens: readonly [TokenResource, TokenResource], withUsername = false): IssuedToken {
  const [a, b] = slots;
  const at = (s: Slot) => `${s.rotating.terraformResourceType}.${s.rotating.friendlyUniqueId}.rotation_rfc3339`;
  const of = (t: TokenResource, attribute: string) => `${t.terraformResourceType}.${t.friendlyUniqueId}.${attribute}`;
  return issued(
    { target, tokenName, slotNames: slots.map((s) => `${tokenName}-${s.id}`), resource: tokens[0] },
    (attribute) => Token.asString(Fn.conditional(Op.gte(Fn.timecmp(a.rotating.rotationRfc3339, b.rotating.rotationRfc3339), 0), tokens[0][attribute], tokens[1][attribute])),
    (attribute) => wired(() => `\${timecmp(${at(a)}, ${at(b)}) >= 0 ? ${of(tokens[0], attribute)} : ${of(tokens[1], attribute)}}`),
    withUsername,
  );
}

/** What an identity issues for a single token: its value, and the wired reference deliveries use. */
export function issuedOne(target: string, tokenName: string, token: TokenResource, withUsername = false): IssuedToken {
  return issued({ target, tokenName, resource: token }, (attribute) => token[attribute] as string, (attribute) => attributeOf(token, attribute), withUsername);
}

/** How one token is renewed: the attributes that say so, given to its resource. */
export interface Renewal {
  readonly expiresAt?: string;
  readonly rotationConfiguration?: { readonly expirationDays: number; readonly rotateBeforeDays: number };
  readonly lifecycle: TerraformResourceLifecycle;
}

/** Makes one token resource: construct id, token name, and how it is renewed. */
export type MakeToken = (id: string, name: string, renewal: Renewal) => TokenResource;

/** Issues an identity's tokens, one target at a time, renewed as its plan says. */
export interface TokenIssuer {
  issue(target: string, tokenName: string, id: string, make: MakeToken, withUsername?: boolean): IssuedToken;
}

/** How the kind's expires_at reads; none for pipeline triggers, which cannot expire. */
const expiryFormatOf = (ctx: RenderContext): ExpiryFormat | undefined => {
  const format = KIND_EXPIRY_FORMAT[ctx.plan.kind];
  return format === 'none' ? undefined : format;
};

/**
 * The issuer for an identity: with overlap, a token in each slot (`<id>-a`, `<name>-a`, ...) replaced on the
 * slot's schedule; otherwise one token, renewed as `single` says for its name.
 */
export function tokenIssuer(ctx: RenderContext, single: (name: string) => Renewal): TokenIssuer {
  const format = expiryFormatOf(ctx);
  if (ctx.plan.overlap === undefined) {
    return { issue: (target, tokenName, id, make, withUsername) => issuedOne(target, tokenName, make(id, tokenName, single(tokenName)), withUsername) };
  }
  const slots = createSlots(ctx);
  return {
    issue(target, tokenName, id, make, withUsername) {
      const tokens = slots.map((s) => {
        const name = `${tokenName}-${s.id}`;
        return make(`${id}-${s.id}`, name, { ...(format ? { expiresAt: s.expiry(format) } : {}), lifecycle: s.lifecycle(format, name) });
      });
      return issuedPair(target, tokenName, slots, tokens as [TokenResource, TokenResource], withUsername);
    },
  };
}

/**
 * Tokens replaced on a time_rotating schedule (deploy tokens, triggers, service-account tokens before 17.9):
 * one schedule for the identity, made with its first token, with the lapse check where the token expires;
 * or, with overlap, the two slots.
 */
export function scheduledTokens(ctx: RenderContext): TokenIssuer {
  const format = expiryFormatOf(ctx);
  let rotation: Rotation | undefined;
  return tokenIssuer(ctx, (name) => {
    rotation ??= createRotation(ctx);
    if (format === undefined) return { lifecycle: rotation.lifecycle };
    return {
      expiresAt: format === 'instant' ? rotation.expiresAt : rotation.expiresOn,
      lifecycle: { ...rotation.lifecycle, postcondition: [lapseCheck(ctx.plan, format, name)] },
    };
  });
}
