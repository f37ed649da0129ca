/**
 * The request `planIdentity` takes, and its validation. Input may come from JavaScript or JSON, so every
 * field is checked for type as well as value: a bad request raises an {@link IdentityError}, never a
 * `TypeError`.
 */
import { AccessLevel, ALL_ACCESS_LEVELS, isAccessLevel } from './access-level';
import { ALL_CAPABILITIES, Capability, isCapability, sortCapabilities } from './capability';
import { closest } from './closest';
import { ErrorCode, errors } from './errors';
import { Expiry, resolveExpiry } from './expiry';
import { validateTopLevelGroup } from './gitlab-path';
import { validateNamePart } from './naming';
import { EMAIL_PATTERN, IdentityPolicy, ResolvedPolicy, resolvePolicy } from './policy';
import { Reach } from './reach';
import { Runtime } from './runtime';
import { validateServiceAccountUsername } from './service-account-username';

/** What an automation does and where; everything the decision needs. */
export interface IdentityRequest {
  /**
   * The team that owns the automation: first part of every token name. Lowercase `a-z0-9-`, starting
   * with a letter.
   */
  readonly owner: string;
  /** What the automation does, for example `triage-reminders`: second part of every token name. */
  readonly purpose: string;
  /** Where it runs: `Runtime.ciPipeline('group/project')` or `Runtime.external()`. */
  readonly runtime: Runtime;
  /** What it touches: `Reach.project(...)`, `Reach.projects([...])` or `Reach.group(..., { projectCount })`. */
  readonly reach: Reach;
  /**
   * What it does. At least one; duplicates are ignored. `Capability.API_TRIAGE` or its string, `'api:triage'`
   * (both complete in the editor).
   */
  readonly capabilities: readonly (Capability | `${Capability}`)[];
  /**
   * Organisation policy.
   * @default - DEFAULT_POLICY
   */
  readonly policy?: IdentityPolicy;
  /**
   * Token lifetime in days; at most the policy's maxLifetimeDays and GitLab's 365.
   * @default - the policy's defaultLifetimeDays (90)
   */
  readonly lifetimeDays?: number;
  /**
   * Replace the token this many days before it expires; at least 1 and below the lifetime.
   * @default - the policy's defaultRotateBeforeDays (14)
   */
  readonly rotateBeforeDays?: number;
  /**
   * Role of the token's bot user or service account. Lower than the capabilities need is an error;
   * higher is an over-privilege finding (GLID-007) that fails synth unless suppressed with a reason.
   * @default - the lowest role that covers the capabilities
   */
  readonly accessLevel?: AccessLevel | `${AccessLevel}`;
  /**
   * Numeric id of an existing bot user, needed only when the plan falls back to a personal access token
   * (no service accounts available).
   * @default - none; an error if the fallback is reached
   */
  readonly botUserId?: number;
  /**
   * Email of the service account, when one is chosen: GitLab mails service-account token expiry only to a
   * custom address. Each account gets it plus-tagged with its name (`bots+quality-triage@example.com`).
   * GitLab keeps an account with a custom address inactive until the address is confirmed, wherever email
   * confirmation is on (GitLab.com included), unless the group has verified the domain: the plan warns
   * (GLID-019). `email` forces a new account, so changing it replaces every service account that uses it.
   * A Terraform reference is accepted as it is.
   * @default - the policy's contactEmail; without one, service-account tokens expire without warning mails
   */
  readonly contactEmail?: string;
  /**
   * Top-level group that owns the service account, when one is chosen.
   * @default - the policy's serviceAccountGroup, else the top-level group of everything reached
   */
  readonly serviceAccountGroup?: string;
  /**
   * Username of the service account, when one is chosen. GitLab usernames are unique across every user and
   * group of the instance. Changing it replaces the service account, its memberships and its token.
   * @default - `<top-level group>_<name>`, for example `gitlab-org_eng-prod-triage-scheduled`
   */
  readonly serviceAccountUsername?: string;
  /**
   * Keep two token slots renewed half a period apart and deliver the one that expires later, so that a
   * renewal never revokes the value consumers hold: they keep it for at least the plan's
   * `overlap.graceDays`. For every kind that holds a secret (not the CI job token). Needs a lifetime of at
   * least three times rotateBeforeDays. Switching it on or off replaces the identity's tokens.
   * @default - the policy's defaultOverlap (false)
   */
  readonly overlap?: boolean;
}

/** A request whose every field has been checked. */
export interface ValidatedRequest {
  readonly owner: string;
  readonly purpose: string;
  readonly runtime: Runtime;
  readonly reach: Reach;
  readonly capabilities: readonly Capability[];
  readonly policy: ResolvedPolicy;
  readonly expiry: Expiry;
  readonly accessLevel?: AccessLevel;
  readonly botUserId?: number;
  /** The service account's email: the request's, else the policy's (a Terraform reference is kept as is). */
  readonly contactEmail?: string;
  /** Checked whatever kind is chosen, so a bad value does not wait for a capability change to surface. */
  readonly serviceAccountGroup?: string;
  readonly serviceAccountUsername?: string;
  /** Two slots asked for: the request's `overlap`, else the policy's defaultOverlap. */
  readonly overlap: boolean;
  readonly overlapSource: string;
}

function validateCapabilities(value: unknown): Capability[] {
  if (!Array.isArray(value)) {
    throw errors.invalidType('capabilities', 'an array of Capability values', value, 'Use for example [Capability.API_READ].');
  }
  if (value.length === 0) throw errors.noCapabilities(ALL_CAPABILITIES, value);
  // An index loop, not forEach: forEach skips the holes of sparse arrays such as [, 'api:read'].
  for (let i = 0; i < value.length; i++) {
    const c: unknown = value[i];
    if (!isCapability(c)) {
      throw errors.unknownCapability(`capabilities[${i}]`, c, ALL_CAPABILITIES, typeof c === 'string' ? closest(c, ALL_CAPABILITIES) : undefined);
    }
  }
  return sortCapabilities(new Set(value as Capability[]));
}

/** Checks every field of `request` and resolves the policy. Throws IdentityError. */
export function validateRequest(request: unknown): ValidatedRequest {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw errors.invalidType('request', 'an object with owner, purpose, runtime, reach and capabilities', request,
      "Pass for example { owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.project('group/project'), capabilities: [Capability.API_TRIAGE] }.");
  }
  const r = request as Record<string, unknown>;
  if (r.owner === undefined) throw errors.missingField('owner', 'the owning team', "owner: 'quality'");
  const owner = validateNamePart(r.owner, 'owner');
  if (r.purpose === undefined) throw errors.missingField('purpose', 'what the automation does', "purpose: 'triage-reminders'");
  const purpose = validateNamePart(r.purpose, 'purpose');
  if (r.runtime === undefined) throw errors.missingField('runtime', 'where it runs', 'runtime: Runtime.external()');
  if (!Runtime.isRuntime(r.runtime)) {
    throw errors.invalidType('runtime', 'a Runtime', r.runtime, "Create it with Runtime.ciPipeline('group/project') or Runtime.external().");
  }
  if (r.reach === undefined) throw errors.missingField('reach', 'what it touches', "reach: Reach.project('group/project')");
  if (!Reach.isReach(r.reach)) {
    throw errors.invalidType('reach', 'a Reach', r.reach,
      "Create it with Reach.project('group/project'), Reach.projects([...]) or Reach.group('group', { projectCount: 5 }).");
  }
  if (r.capabilities === undefined) throw errors.noCapabilities(ALL_CAPABILITIES, undefined);
  const capabilities = validateCapabilities(r.capabilities);
  const policy = resolvePolicy(r.policy as IdentityPolicy | undefined);
  if (r.accessLevel !== undefined && !isAccessLevel(r.accessLevel)) {
    throw errors.unknownAccessLevel('accessLevel', r.accessLevel, ALL_ACCESS_LEVELS);
  }
  if (r.botUserId !== undefined && (typeof r.botUserId !== 'number' || !Number.isSafeInteger(r.botUserId) || r.botUserId < 1)) {
    throw errors.invalidBotUserId(r.botUserId);
  }
  const contactEmail = validateContactEmail(r.contactEmail) ?? (policy.contactEmail || undefined);
  const serviceAccountGroup = r.serviceAccountGroup === undefined
    ? undefined
    : validateTopLevelGroup(r.serviceAccountGroup, 'serviceAccountGroup', ErrorCode.INVALID_PATH);
  const serviceAccountUsername = r.serviceAccountUsername === undefined
    ? undefined
    : validateServiceAccountUsername(r.serviceAccountUsername, 'serviceAccountUsername');
  if (r.overlap !== undefined && typeof r.overlap !== 'boolean') {
    throw errors.invalidType('overlap', 'true or false', r.overlap, 'Use overlap: true to keep two token slots, or leave it out.');
  }
  return Object.freeze({
    owner,
    purpose,
    runtime: r.runtime,
    reach: r.reach,
    capabilities: Object.freeze(capabilities),
    policy,
    expiry: resolveExpiry(r.lifetimeDays, r.rotateBeforeDays, policy),
    accessLevel: r.accessLevel as AccessLevel | undefined,
    botUserId: r.botUserId as number | undefined,
    ...(contactEmail !== undefined ? { contactEmail } : {}),
    ...(serviceAccountGroup !== undefined ? { serviceAccountGroup } : {}),
    ...(serviceAccountUsername !== undefined ? { serviceAccountUsername } : {}),
    overlap: (r.overlap as boolean | undefined) ?? policy.defaultOverlap,
    overlapSource: r.overlap !== undefined ? 'requested' : 'the policy\'s defaultOverlap',
  });
}

/** An email address, or a Terraform reference (`${...}`, a cdktf token) that Terraform resolves. */
function validateContactEmail(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (value.includes('${') || EMAIL_PATTERN.test(value))) return value;
  throw errors.invalidEmail('contactEmail', value);
}
