/**
 * Overlapping token slots (`overlap: true`): whether an identity gets them, the grace they give, and the apply
 * schedule every identity needs, in words, from the rotation model (lib/core/rotation-model.ts).
 */
import { errors } from './errors';
import { IdentityKind } from './identity-kind';
import { KIND_EXPIRES, KIND_EXPIRY_FORMAT, KIND_PROVIDER_ROTATED } from './kind-traits';
import { overlapGraceDays, renewalPeriodDays, tolerableGapDays } from './rotation-model';

/** The two slots' names end with these. */
export const SLOT_SUFFIXES = Object.freeze(['a', 'b'] as const);
export type SlotId = (typeof SLOT_SUFFIXES)[number];

/**
 * Days between a renewal falling due and the token's expiry: the window in which an apply must run. The
 * provider rotates a dated token from rotate-before days before its midnight, so those get the whole window;
 * a date computed from a time_rotating's roll-over instant (`formatdate`) may fall up to a day before the
 * instant plus rotate-before, so a token replaced on a schedule with a date expiry gets a day less.
 */
export function renewalWindowDays(kind: IdentityKind, rotateBeforeDays: number, onSchedule: boolean): number {
  return onSchedule && KIND_EXPIRY_FORMAT[kind] === 'date' ? Math.max(1, rotateBeforeDays - 1) : rotateBeforeDays;
}

/** Whether the kind's token is replaced on a time_rotating schedule rather than rotated by the provider. */
export function replacedOnSchedule(kind: IdentityKind, overlap: boolean, tokenReplacedOnSchedule: boolean): boolean {
  return overlap || tokenReplacedOnSchedule || !KIND_PROVIDER_ROTATED[kind];
}

export interface OverlapPlan {
  /** Days a value stays valid after consumers are switched away from it, when applies run at least every rotateBeforeDays. */
  readonly graceDays: number;
  /** Days without any apply after which the delivered value is still valid. */
  readonly tolerableGapDays: number;
}

/**
 * The overlap of an identity that asked for it, or undefined for a kind without a stored secret (the CI job
 * token). Throws OVERLAP_WITHOUT_GRACE when the lifetime leaves consumers less than a day.
 */
export function planOverlap(kind: IdentityKind, lifetimeDays: number, rotateBeforeDays: number, maxLifetimeDays: number): OverlapPlan | undefined {
  if (kind === IdentityKind.CI_JOB_TOKEN) return undefined;
  const grace = (lifetime: number, before: number) => overlapGraceDays(lifetime, before, renewalWindowDays(kind, before, true));
  const graceDays = grace(lifetimeDays, rotateBeforeDays);
  if (graceDays < 1) {
    let minLifetime = rotateBeforeDays + 1;
    while (grace(minLifetime, rotateBeforeDays) < 1) minLifetime++;
    let maxRotateBefore = lifetimeDays - 1;
    while (maxRotateBefore > 0 && grace(lifetimeDays, maxRotateBefore) < 1) maxRotateBefore--;
    const raise = `raise lifetimeDays to ${minLifetime} or more${minLifetime > maxLifetimeDays ? ` (the policy's maxLifetimeDays, ${maxLifetimeDays}, too)` : ''}`;
    const lower = maxRotateBefore > 0 ? `, or lower rotateBeforeDays to ${maxRotateBefore} or less` : '';
    throw errors.overlapWithoutGrace(lifetimeDays, rotateBeforeDays, graceDays, `With overlap, ${raise}${lower}; or leave overlap off.`);
  }
  return Object.freeze({ graceDays, tolerableGapDays: tolerableGapDays(lifetimeDays, rotateBeforeDays, true, renewalWindowDays(kind, rotateBeforeDays, true)) });
}

/**
 * What apply schedule the identity needs and what a missed one costs, in one line of rationale. `onSchedule`:
 * its tokens are replaced on a time_rotating schedule (see replacedOnSchedule).
 */
export function describeSchedule(kind: IdentityKind, lifetimeDays: number, rotateBeforeDays: number, overlap: OverlapPlan | undefined, onSchedule: boolean): string {
  const period = renewalPeriodDays(lifetimeDays, rotateBeforeDays);
  const window = renewalWindowDays(kind, rotateBeforeDays, onSchedule);
  const every = `Schedule: run terraform apply at least every ${window} days${window < rotateBeforeDays ? ' (a day less than rotate-before: the expiry date may fall up to a day early)' : ''}`;
  if (overlap) {
    return `${every}. Two slots are renewed in turn, about ${period / 2} days apart, and the one that expires later is delivered: ` +
      `a replaced value stays valid at least ${overlap.graceDays} days after consumers are switched to the other` +
      (KIND_EXPIRES[kind] ? `, and the delivered one survives ${overlap.tolerableGapDays} days without an apply` : '') +
      `. After ${Math.floor(period / 2)} days without an apply both slots are due, and the apply that resumes renews both at once.`;
  }
  const revoked = 'the apply that renews it revokes the previous value at once, so consumers must read the new one before their next use';
  return KIND_EXPIRES[kind]
    ? `${every}: the token is renewed only by an apply in the ${window} days before it expires (every ${period} days), and ${revoked}.`
    : `${every}: the trigger is replaced by the first apply after each ${period} days, and ${revoked}.`;
}
