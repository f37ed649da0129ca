/**
 * Organisation-wide policy: the limits every identity is planned within. A plain options object so that it
 * can live in a shared module and be passed to every identity and to the policy checks alike.
 */
import { closest } from './closest';
import { ErrorCode, errors, formatValue } from './errors';
import { validateTopLevelGroup } from './gitlab-path';
import { GITLAB_MAX_LIFETIME_DAYS } from './least-privilege-tables';
import { Platform, PlatformInput, describePlatform, kindAvailability, resolvePlatform } from './platform';
import { IdentityKind } from './identity-kind';

export interface IdentityPolicy {
  /**
   * Longest lifetime any token may have, in days. GitLab's own cap is 365.
   * @default 90
   */
  readonly maxLifetimeDays?: number;
  /**
   * Lifetime of a token whose identity does not set `lifetimeDays`.
   * @default 90, or `maxLifetimeDays` when that is lower
   */
  readonly defaultLifetimeDays?: number;
  /**
   * How many days before expiry a token is replaced, when the identity does not set `rotateBeforeDays`.
   * @default 14, or `defaultLifetimeDays - 1` when that is lower
   */
  readonly defaultRotateBeforeDays?: number;
  /**
   * A group with at most this many projects is "small": a group access token is acceptable for it.
   * @default 10
   */
  readonly smallGroupMaxProjects?: number;
  /**
   * Whether group access tokens may be chosen at all (for small groups only). With a `platform`, a further
   * restriction: `false` forbids them where the platform has them; `true` where it has none is an error.
   * @default true
   */
  readonly allowGroupAccessTokens?: boolean;
  /**
   * Whether your GitLab offers service accounts (Premium/Ultimate, or Free from 18.11): group ones, and on
   * self-managed and Dedicated instance ones. When false, identities that need one fall back to a bot user's
   * personal access token. With a `platform`, the
   * platform says; this can only forbid them further (`true` where the platform has none is an error).
   * @default true
   */
  readonly serviceAccountsAvailable?: boolean;
  /**
   * The GitLab the identities are for: offering, tier and (self-managed) version. The decision rules then
   * pick the narrowest identity that exists there, and the rationale says which were skipped and why
   * ("project access tokens need Premium or Ultimate on GitLab.com"). Without it, every kind is assumed.
   * @default undefined - every identity kind assumed available
   */
  readonly platform?: PlatformInput | null;
  /**
   * Prepended to every token name, for example `acme-`. Lowercase `a-z0-9-`, starting with a letter and
   * ending with `-`.
   * @default ''
   */
  readonly namePrefix?: string;
  /**
   * Longest token name allowed, prefix and per-project suffix included.
   * @default 64
   */
  readonly maxNameLength?: number;
  /**
   * Top-level group that owns the service accounts the library creates (provider 18.6.1 supports group
   * service accounts on top-level groups only). Reached projects must lie inside it.
   * @default '' - the top-level group shared by everything the identity reaches
   */
  readonly serviceAccountGroup?: string;
  /**
   * Address that receives expiry emails for service-account tokens. GitLab mails service accounts only
   * when they have a custom email.
   * @default '' - none; no expiry emails for service accounts
   */
  readonly contactEmail?: string;
  /**
   * Whether identities keep two token slots (`overlap`) unless they say otherwise.
   * @default false
   */
  readonly defaultOverlap?: boolean;
}

/** A policy with every default applied and every value checked; `platform` null when none is given. */
export type ResolvedPolicy = Readonly<Required<Omit<IdentityPolicy, 'platform'>>> & { readonly platform: Platform | null };

/** The defaults, as documented on {@link IdentityPolicy}. */
export const DEFAULT_POLICY: ResolvedPolicy = Object.freeze({
  maxLifetimeDays: 90,
  defaultLifetimeDays: 90,
  defaultRotateBeforeDays: 14,
  smallGroupMaxProjects: 10,
  allowGroupAccessTokens: true,
  serviceAccountsAvailable: true,
  namePrefix: '',
  maxNameLength: 64,
  serviceAccountGroup: '',
  contactEmail: '',
  defaultOverlap: false,
  platform: null,
});

const POLICY_KEYS = Object.keys(DEFAULT_POLICY) as (keyof IdentityPolicy)[];
/** Lowercase words joined by single hyphens, ending with one hyphen: `acme-`, `acme-ops-`. */
const NAME_PREFIX = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-$/;
/** Longest name GitLab is known to accept everywhere (deploy token names: 255). */
const MAX_NAME_LENGTH_CEILING = 255;

function wholeNumber(field: keyof IdentityPolicy, value: unknown, min: number, max: number, why: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number, ${min} or more` : `a whole number from ${min} to ${max}`;
    throw errors.invalidPolicy(`policy.${field}`, `must be ${range}`, value, why);
  }
  return value;
}

function flag(field: keyof IdentityPolicy, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw errors.invalidPolicy(`policy.${field}`, 'must be true or false', value, 'Use a boolean.');
  }
  return value;
}

/** Applies defaults to `policy` and validates every field. Throws INVALID_POLICY. */
export function resolvePolicy(policy?: IdentityPolicy): ResolvedPolicy {
  if (policy === undefined) return DEFAULT_POLICY;
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
    throw errors.invalidPolicy('policy', 'must be an options object', policy, 'Pass for example { maxLifetimeDays: 30 }.');
  }
  for (const key of Object.keys(policy)) {
    if (!(POLICY_KEYS as string[]).includes(key)) {
      const suggestion = closest(key, POLICY_KEYS);
      throw errors.invalidPolicy(
        `policy.${key}`,
        `is not a policy option (options: ${POLICY_KEYS.join(', ')})`,
        (policy as Record<string, unknown>)[key],
        suggestion ? `Did you mean '${suggestion}'?` : 'Remove it or correct its spelling.',
      );
    }
  }
  const given = withoutUndefined(policy);
  const v = { ...DEFAULT_POLICY, ...given };
  const maxLifetimeDays = wholeNumber('maxLifetimeDays', v.maxLifetimeDays, 2, GITLAB_MAX_LIFETIME_DAYS,
    `GitLab caps token lifetime at ${GITLAB_MAX_LIFETIME_DAYS} days, and a token needs at least 2 to rotate before expiry.`);
  // Defaults that depend on another option follow it down, so lowering one cap alone is enough.
  const defaultLifetimeDays = wholeNumber('defaultLifetimeDays', given.defaultLifetimeDays ?? Math.min(DEFAULT_POLICY.defaultLifetimeDays, maxLifetimeDays), 2, maxLifetimeDays,
    `It must fit within maxLifetimeDays (${maxLifetimeDays}) and leave room to rotate.`);
  const defaultRotateBeforeDays = wholeNumber('defaultRotateBeforeDays', given.defaultRotateBeforeDays ?? Math.min(DEFAULT_POLICY.defaultRotateBeforeDays, defaultLifetimeDays - 1), 1, defaultLifetimeDays - 1,
    `It must be below defaultLifetimeDays (${defaultLifetimeDays}).`);
  const smallGroupMaxProjects = wholeNumber('smallGroupMaxProjects', v.smallGroupMaxProjects, 0, Number.MAX_SAFE_INTEGER,
    'Use 0 to treat no group as small.');
  const maxNameLength = wholeNumber('maxNameLength', v.maxNameLength, 8, MAX_NAME_LENGTH_CEILING,
    `Names need room for owner and purpose, and GitLab rejects names over ${MAX_NAME_LENGTH_CEILING} characters.`);
  if (typeof v.namePrefix !== 'string' || (v.namePrefix !== '' && !NAME_PREFIX.test(v.namePrefix))) {
    throw errors.invalidPolicy('policy.namePrefix',
      "must be '' or lowercase letters, digits and '-', starting with a letter and ending with '-'",
      v.namePrefix, `Use for example '${suggestPrefix(v.namePrefix)}'.`);
  }
  const platform = given.platform === undefined || given.platform === null ? null : resolvePlatform(given.platform);
  const allowGroupAccessTokens = flag('allowGroupAccessTokens', v.allowGroupAccessTokens);
  const serviceAccountsAvailable = flag('serviceAccountsAvailable', v.serviceAccountsAvailable);
  const defaultOverlap = flag('defaultOverlap', v.defaultOverlap);
  if (platform) checkSwitches(platform, given);
  const result: ResolvedPolicy = Object.freeze({
    maxLifetimeDays,
    defaultLifetimeDays,
    defaultRotateBeforeDays,
    smallGroupMaxProjects,
    allowGroupAccessTokens,
    serviceAccountsAvailable,
    namePrefix: v.namePrefix,
    maxNameLength,
    serviceAccountGroup: optionalGroup(v.serviceAccountGroup),
    contactEmail: optionalEmail(v.contactEmail),
    defaultOverlap,
    platform,
  });
  return result;
}

/** A switch set to true for what the platform does not have is a contradiction, said rather than ignored. */
function checkSwitches(platform: Platform, given: Partial<IdentityPolicy>): void {
  const sa = kindAvailability(IdentityKind.SERVICE_ACCOUNT, platform);
  if (given.serviceAccountsAvailable === true && !sa.available) {
    throw errors.platformConflict('policy.serviceAccountsAvailable', true, describePlatform(platform), sa.why);
  }
  const grat = kindAvailability(IdentityKind.GROUP_ACCESS_TOKEN, platform);
  if (given.allowGroupAccessTokens === true && !grat.available) {
    throw errors.platformConflict('policy.allowGroupAccessTokens', true, describePlatform(platform), grat.why);
  }
}

function optionalGroup(value: unknown): string {
  return value === '' ? '' : validateTopLevelGroup(value, 'policy.serviceAccountGroup', ErrorCode.INVALID_POLICY);
}

/** Deliberately loose: one '@', no spaces, a dot in the domain. GitLab does the real check. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function optionalEmail(value: unknown): string {
  if (value === '') return '';
  if (typeof value !== 'string' || !EMAIL_PATTERN.test(value)) {
    throw errors.invalidPolicy('policy.contactEmail', 'must be an email address', value, "Use a team address such as 'platform-alerts@example.com'.");
  }
  return value;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] !== undefined) out[key] = o[key];
  return out;
}

function suggestPrefix(value: unknown): string {
  const slug = typeof value === 'string' ? value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '') : '';
  return slug === '' ? 'acme-' : `${slug}-`;
}

/** One-line summary of a policy for rationale and inventories. */
/**
 * The options of a resolved policy that differ from the defaults: what the stack's JSON records. Resolving
 * it again gives the same policy, because a default that follows another option (defaultLifetimeDays,
 * defaultRotateBeforeDays) is left out only when it has its own default value, which it then gets back.
 */
export function policyDifferences(policy: ResolvedPolicy): IdentityPolicy {
  const out: Record<string, unknown> = {};
  for (const k of POLICY_KEYS) if (policy[k] !== DEFAULT_POLICY[k]) out[k] = policy[k];
  return out as IdentityPolicy;
}

export function describePolicy(policy: ResolvedPolicy): string {
  // Without a platform or overlap the summary reads as it always has; with a platform, the platform in words.
  return POLICY_KEYS.filter((k) => (k !== 'platform' || policy.platform !== null) && (k !== 'defaultOverlap' || policy.defaultOverlap))
    .map((k) => (k === 'platform' && policy.platform ? `platform=${describePlatform(policy.platform)}` : `${k}=${formatValue(policy[k])}`)).join(', ');
}
