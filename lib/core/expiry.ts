/**
 * Lifetime and rotation (DESIGN.md §5). Values are whole days and checked against the policy and GitLab's
 * cap. Nothing here reads a clock: dates are computed by Terraform at apply time.
 */
import { errors } from './errors';
import { GITLAB_MAX_LIFETIME_DAYS } from './least-privilege-tables';
import { ResolvedPolicy } from './policy';

export interface Expiry {
  /** Days a token lives. */
  readonly lifetimeDays: number;
  /** Days before expiry at which the token is replaced. */
  readonly rotateBeforeDays: number;
  /** Where each value came from, for the rationale. */
  readonly lifetimeSource: string;
  readonly rotateBeforeSource: string;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Resolves and validates lifetime and rotate-before for one identity. */
export function resolveExpiry(lifetimeDays: unknown, rotateBeforeDays: unknown, policy: ResolvedPolicy): Expiry {
  let lifetime: number;
  let lifetimeSource: string;
  if (lifetimeDays === undefined) {
    lifetime = policy.defaultLifetimeDays;
    lifetimeSource = 'policy defaultLifetimeDays';
  } else {
    if (!isWholeNumber(lifetimeDays) || lifetimeDays < 1) throw errors.invalidLifetime('lifetimeDays', lifetimeDays);
    if (lifetimeDays > GITLAB_MAX_LIFETIME_DAYS) {
      throw errors.lifetimeAboveGitLabMax('lifetimeDays', lifetimeDays, GITLAB_MAX_LIFETIME_DAYS, policy.maxLifetimeDays);
    }
    if (lifetimeDays > policy.maxLifetimeDays) {
      throw errors.lifetimeAbovePolicy('lifetimeDays', lifetimeDays, policy.maxLifetimeDays);
    }
    lifetime = lifetimeDays;
    lifetimeSource = 'lifetimeDays';
  }

  let rotateBefore: number;
  let rotateBeforeSource: string;
  if (rotateBeforeDays === undefined) {
    rotateBefore = policy.defaultRotateBeforeDays;
    rotateBeforeSource = 'policy defaultRotateBeforeDays';
  } else {
    if (!isWholeNumber(rotateBeforeDays) || rotateBeforeDays < 1) {
      throw errors.invalidRotateBefore('rotateBeforeDays', rotateBeforeDays);
    }
    rotateBefore = rotateBeforeDays;
    rotateBeforeSource = 'rotateBeforeDays';
  }
  if (rotateBefore >= lifetime) {
    throw errors.rotateBeforeNotBelowLifetime(rotateBefore, rotateBeforeSource, lifetime, lifetimeSource, policy.maxLifetimeDays);
  }
  return Object.freeze({ lifetimeDays: lifetime, rotateBeforeDays: rotateBefore, lifetimeSource, rotateBeforeSource });
}
