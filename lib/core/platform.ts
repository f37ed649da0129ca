/**
 * The GitLab an identity is planned for: offering, tier and version. Which identities exist where is one
 * table below, each row citing its source (../shared/reference/gitlab-platforms.md §1 collects them with
 * links); the decision rules consult it so that no plan names an identity the platform does not offer.
 * Without a platform the library plans as before (every kind available), as documented on IdentityPolicy.
 */
import { ErrorCode, fail, IdentityError } from './errors';
import { IdentityKind } from './identity-kind';

export type Offering = 'gitlab.com' | 'self-managed' | 'dedicated';
export type Tier = 'free' | 'premium' | 'ultimate';

export const OFFERINGS: readonly Offering[] = Object.freeze(['gitlab.com', 'self-managed', 'dedicated']);
export const TIERS: readonly Tier[] = Object.freeze(['free', 'premium', 'ultimate']);

/** `policy.platform` as written. */
export interface PlatformInput {
  readonly offering: Offering;
  readonly tier: Tier;
  /**
   * `MAJOR.MINOR` of GitLab. GitLab.com and Dedicated run current releases: leave it out there. On
   * self-managed, leaving it out means "current", and the rationale says so.
   */
  readonly version?: string;
}

/** A checked platform: `version` is a valid `MAJOR.MINOR`; undefined means current. */
export interface Platform {
  readonly offering: Offering;
  readonly tier: Tier;
  readonly version?: string;
}

/**
 * The newest GitLab release whose behaviour the table below depends on: a platform whose version is
 * missing is taken to be at least this. GitLab.com and Dedicated run it or newer, so an older version
 * there is refused.
 */
export const NEWEST_GATE = '18.11';

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Compares `MAJOR.MINOR` versions. */
export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** `version` is at least `minimum`; a missing version is current. */
export function atLeast(platform: Platform, minimum: string): boolean {
  return platform.version === undefined || compareVersions(platform.version, minimum) >= 0;
}

function invalid(field: string, problem: string, got: unknown, fix: string): IdentityError {
  return fail(ErrorCode.INVALID_PLATFORM, field, problem, got, fix);
}

/** Checks `policy.platform`. Throws INVALID_PLATFORM naming the field, the value and what is allowed. */
export function resolvePlatform(input: unknown): Platform {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw invalid('policy.platform', 'must be an object { offering, tier, version? }', input, "Use for example { offering: 'gitlab.com', tier: 'premium' }.");
  }
  const { offering, tier, version, ...rest } = input as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw invalid(`policy.platform.${extra[0]}`, 'is not a platform field (fields: offering, tier, version)', rest[extra[0]], 'Remove it.');
  if (!OFFERINGS.includes(offering as Offering)) {
    throw invalid('policy.platform.offering', `must be one of ${OFFERINGS.map((o) => `'${o}'`).join(', ')}`, offering, "Use 'gitlab.com' for GitLab.com, 'self-managed' for your own instance, 'dedicated' for GitLab Dedicated.");
  }
  if (!TIERS.includes(tier as Tier)) {
    throw invalid('policy.platform.tier', `must be one of ${TIERS.map((t) => `'${t}'`).join(', ')}`, tier, 'Use the subscription of the top-level group (GitLab.com) or the instance\'s license.');
  }
  if (version === undefined) return Object.freeze({ offering: offering as Offering, tier: tier as Tier });
  if (typeof version !== 'string' || !VERSION.test(version)) {
    throw invalid('policy.platform.version', "must be 'MAJOR.MINOR', for example '18.6'", version, 'Use the version shown under Help in your GitLab, without the patch number.');
  }
  if (offering !== 'self-managed' && compareVersions(version, NEWEST_GATE) < 0) {
    throw invalid('policy.platform.version', `is older than ${offering === 'gitlab.com' ? 'GitLab.com' : 'GitLab Dedicated'} runs (it runs current releases, ${NEWEST_GATE} or newer)`, version,
      'Leave version out: only self-managed instances run older releases.');
  }
  return Object.freeze({ offering: offering as Offering, tier: tier as Tier, version });
}

/** `GitLab.com Free`, `self-managed Premium 18.6`, `self-managed Free (current)`. */
export function describePlatform(p: Platform): string {
  const offering = p.offering === 'gitlab.com' ? 'GitLab.com' : p.offering === 'dedicated' ? 'GitLab Dedicated' : 'self-managed GitLab';
  const tier = p.tier[0].toUpperCase() + p.tier.slice(1);
  return `${offering} ${tier}${p.version !== undefined ? ` ${p.version}` : p.offering === 'self-managed' ? ' (version not given: taken as current)' : ''}`;
}

/** Whether an identity kind exists on a platform, and if not, why, in the user's terms. */
export type Availability = { readonly available: true } | { readonly available: false; readonly why: string };

const YES: Availability = Object.freeze({ available: true });
const no = (why: string): Availability => Object.freeze({ available: false, why });

/**
 * Every identity kind on every platform. Audited here, in one place, like the least-privilege tables; each
 * row cites its source (tags as in gitlab-platforms.md §1).
 */
export const KIND_AVAILABILITY: Readonly<Record<IdentityKind, (p: Platform) => Availability>> = Object.freeze({
  // Free and up on every offering [GL:doc/ci/jobs/ci_job_token.md] (gitlab-platforms.md row 13).
  [IdentityKind.CI_JOB_TOKEN]: () => YES,
  // Free and up [reference/gitlab-facts.md §3] (row 12).
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: () => YES,
  // Free and up [reference/gitlab-facts.md §3] (row 11).
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: () => YES,
  [IdentityKind.GROUP_DEPLOY_TOKEN]: () => YES,
  // "On GitLab.com, project access tokens require a Premium or Ultimate subscription… On GitLab
  // Self-Managed and GitLab Dedicated… any license" [GL:doc/user/project/settings/project_access_tokens.md] (row 1).
  [IdentityKind.PROJECT_ACCESS_TOKEN]: (p) => (p.offering === 'gitlab.com' && p.tier === 'free' ? no('project access tokens need Premium or Ultimate on GitLab.com') : YES),
  // "On GitLab.com, group access tokens require a Premium or Ultimate subscription" [docs group_access_tokens] (row 2).
  [IdentityKind.GROUP_ACCESS_TOKEN]: (p) => (p.offering === 'gitlab.com' && p.tier === 'free' ? no('group access tokens need Premium or Ultimate on GitLab.com') : YES),
  // Group service accounts: Premium/Ultimate since 16.1; Free since 18.11 (flag
  // service_accounts_available_on_free_or_unlicensed, GA 18.11) [GL:doc/user/profile/service_accounts.md] (row 4).
  [IdentityKind.SERVICE_ACCOUNT]: (p) => {
    if (p.tier === 'free' && !atLeast(p, '18.11')) return no(`group service accounts need Premium or Ultimate, or GitLab 18.11 on Free (this is ${p.version})`);
    if (!atLeast(p, '16.1')) return no(`group service accounts need GitLab 16.1 (this is ${p.version})`);
    return YES;
  },
  // Instance service accounts: "Offering: GitLab Self-Managed, GitLab Dedicated", created by an administrator,
  // since 16.1 [GL:doc/api/service_accounts.md]; Free counts them under the same 18.11 availability and
  // per-instance cap as group service accounts [GL:doc/user/profile/service_accounts.md] (rows 4, 8).
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: (p) => {
    if (p.offering === 'gitlab.com') return no('GitLab.com has no instance service accounts (self-managed and Dedicated only)');
    if (p.tier === 'free' && !atLeast(p, '18.11')) return no(`instance service accounts need Premium or Ultimate, or GitLab 18.11 on Free (this is ${p.version})`);
    if (!atLeast(p, '16.1')) return no(`instance service accounts need GitLab 16.1 (this is ${p.version})`);
    return YES;
  },
  // Creating a personal access token for another user: "Offering: GitLab Self-Managed, GitLab Dedicated",
  // administrators only [GL:doc/api/personal_access_tokens.md]; the provider's resource "requires
  // administration privileges" [TFdoc@v19.1.0:personal_access_token] (row 10).
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: (p) => (p.offering === 'gitlab.com' ? no("GitLab.com's API does not create a personal access token for another user") : YES),
});

/** Whether `kind` exists on the platform (always, without one). */
export function kindAvailability(kind: IdentityKind, platform: Platform | null): Availability {
  return platform === null ? YES : KIND_AVAILABILITY[kind](platform);
}

/** Features the rendering depends on, by the GitLab version that brought them. */
export const FEATURE_GATES = Object.freeze({
  /** `hidden` CI/CD variables: GA 17.6 [reference/gitlab-facts.md §9] (row 18). */
  hiddenVariables: '17.6',
  /** Service-account tokens with rotation_configuration / expiration_days: 17.9 [reference/gitlab-facts.md §8]. */
  serviceAccountTokenRotation: '17.9',
  /** The `self_rotate` scope: 17.9 [reference/gitlab-facts.md §1.2] (row 20). */
  selfRotate: '17.9',
});

/**
 * Why CI/CD variables cannot be hidden on the platform (GitLab before 17.6), or undefined when they can
 * (always, without a platform).
 */
export function hiddenVariablesMissing(platform: Platform | null): string | undefined {
  return platform && !atLeast(platform, FEATURE_GATES.hiddenVariables)
    ? `hidden variables need GitLab ${FEATURE_GATES.hiddenVariables} (this is ${platform.version}): the value is only masked`
    : undefined;
}

/**
 * Before GitLab 17.9 a service-account token's rotation cannot choose a lifetime: `rotation_configuration.
 * expiration_days` fails the plan, and without it each rotation lasts 7 days [TFsrc:
 * resource_gitlab_group_service_account_access_token.go, DEFAULT_EXPIRATION_DAYS and the 17.9 check;
 * reference/gitlab-facts.md §8]. Why, or undefined when the platform can (always, without a platform).
 */
export function serviceAccountTokenReplaced(platform: Platform | null): string | undefined {
  return platform && !atLeast(platform, FEATURE_GATES.serviceAccountTokenRotation)
    ? `service-account tokens can be rotated to a chosen lifetime from GitLab ${FEATURE_GATES.serviceAccountTokenRotation} (this is ${platform.version})`
    : undefined;
}

/**
 * On Free, GitLab caps service accounts at 100 per top-level group on GitLab.com and 100 per instance on
 * self-managed (instance, group and project accounts together) [GL:doc/user/profile/service_accounts.md]
 * (gitlab-platforms.md row 4). Where a service account of `group` counts, on such a platform.
 */
export function freeServiceAccountScope(platform: Platform, group: string | undefined): { freeServiceAccountScope: string } | Record<string, never> {
  if (platform.tier !== 'free') return {};
  // GitLab paths are case-insensitive: `Acme` and `acme` are one group, and one cap.
  return { freeServiceAccountScope: platform.offering === 'gitlab.com' ? `top-level group ${group?.toLowerCase()} on GitLab.com` : `the ${platform.offering} instance` };
}

/** GitLab's cap of service accounts on Free, and the count from which the library warns. */
export const FREE_SERVICE_ACCOUNT_CAP = 100;
export const FREE_SERVICE_ACCOUNT_WARNING = 80;
