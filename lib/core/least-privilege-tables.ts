/**
 * Least privilege, as tables a reviewer audits in one file (DESIGN.md §3–4, gitlab-facts.md §1–2).
 *
 * Every scope and role the library emits comes from here: the decision engine only looks values up.
 * Changing a table changes synthesized Terraform for every user: treat it as a versioned change and say
 * why in the changelog.
 */
import { AccessLevel } from './access-level';
import { Capability } from './capability';
import { IdentityKind } from './identity-kind';
import { TokenScope } from './token-scope';

type CapabilityTable<T> = Readonly<Record<Capability, T>>;

/**
 * Capabilities a CI/CD job token can exercise (gitlab-facts.md §6, job token access table).
 * `container-registry:write` only on the job's own project: the decision engine checks that.
 */
export const JOB_TOKEN_ELIGIBLE: CapabilityTable<boolean> = Object.freeze({
  [Capability.REPOSITORY_READ]: true,
  [Capability.REPOSITORY_WRITE]: false,
  [Capability.CONTAINER_REGISTRY_READ]: true,
  [Capability.CONTAINER_REGISTRY_WRITE]: true,
  [Capability.PACKAGE_REGISTRY_READ]: true,
  [Capability.PACKAGE_REGISTRY_WRITE]: true,
  [Capability.JOB_ARTIFACTS_READ]: true,
  [Capability.RELEASES_WRITE]: true,
  [Capability.DEPLOYMENTS_WRITE]: true,
  [Capability.PIPELINE_TRIGGER]: true,
  [Capability.API_READ]: false,
  [Capability.API_TRIAGE]: false,
  [Capability.API_WRITE]: false,
  [Capability.API_MAINTAIN]: false,
  [Capability.TOKENS_MANAGE]: false,
});

/** Capabilities a job token exercises only on its own project. */
export const JOB_TOKEN_OWN_PROJECT_ONLY: ReadonlySet<Capability> = new Set([Capability.CONTAINER_REGISTRY_WRITE]);

/**
 * Scopes for tokens that authenticate as a user or bot: project, group, personal and service-account
 * tokens. `null` never occurs here: every capability maps to at least one scope.
 */
export const ACCESS_TOKEN_SCOPES: CapabilityTable<readonly TokenScope[]> = Object.freeze({
  [Capability.REPOSITORY_READ]: [TokenScope.READ_REPOSITORY],
  [Capability.REPOSITORY_WRITE]: [TokenScope.WRITE_REPOSITORY],
  [Capability.CONTAINER_REGISTRY_READ]: [TokenScope.READ_REGISTRY],
  // Group and project tokens need read_registry as well to push (gitlab-facts.md §1.2).
  [Capability.CONTAINER_REGISTRY_WRITE]: [TokenScope.READ_REGISTRY, TokenScope.WRITE_REGISTRY],
  [Capability.PACKAGE_REGISTRY_READ]: [TokenScope.READ_API],
  [Capability.PACKAGE_REGISTRY_WRITE]: [TokenScope.API],
  [Capability.JOB_ARTIFACTS_READ]: [TokenScope.READ_API],
  [Capability.RELEASES_WRITE]: [TokenScope.API],
  [Capability.DEPLOYMENTS_WRITE]: [TokenScope.API],
  [Capability.PIPELINE_TRIGGER]: [TokenScope.API],
  [Capability.API_READ]: [TokenScope.READ_API],
  [Capability.API_TRIAGE]: [TokenScope.API],
  [Capability.API_WRITE]: [TokenScope.API],
  [Capability.API_MAINTAIN]: [TokenScope.API],
  [Capability.TOKENS_MANAGE]: [TokenScope.API],
});

/**
 * Scopes for deploy tokens. `null`: a deploy token cannot do it at all (deploy tokens have no API access
 * besides the package registry, and cannot push to repositories).
 */
export const DEPLOY_TOKEN_SCOPES: CapabilityTable<readonly TokenScope[] | null> = Object.freeze({
  [Capability.REPOSITORY_READ]: [TokenScope.READ_REPOSITORY],
  [Capability.REPOSITORY_WRITE]: null,
  [Capability.CONTAINER_REGISTRY_READ]: [TokenScope.READ_REGISTRY],
  [Capability.CONTAINER_REGISTRY_WRITE]: [TokenScope.READ_REGISTRY, TokenScope.WRITE_REGISTRY],
  [Capability.PACKAGE_REGISTRY_READ]: [TokenScope.READ_PACKAGE_REGISTRY],
  [Capability.PACKAGE_REGISTRY_WRITE]: [TokenScope.READ_PACKAGE_REGISTRY, TokenScope.WRITE_PACKAGE_REGISTRY],
  [Capability.JOB_ARTIFACTS_READ]: null,
  [Capability.RELEASES_WRITE]: null,
  [Capability.DEPLOYMENTS_WRITE]: null,
  [Capability.PIPELINE_TRIGGER]: null,
  [Capability.API_READ]: null,
  [Capability.API_TRIAGE]: null,
  [Capability.API_WRITE]: null,
  [Capability.API_MAINTAIN]: null,
  [Capability.TOKENS_MANAGE]: null,
});

/**
 * A scope that grants everything another scope grants, so the smaller one is dropped from a plan
 * (gitlab-facts.md §1.1, `abilities_for_scopes`): `api` is full API where `read_api` is read-only, and
 * `write_repository` is `download_code` + `push_code` where `read_repository` is `download_code`.
 * Registry scopes do not subsume each other: pushing needs read_registry too.
 */
export const SCOPE_SUBSUMES: Readonly<Partial<Record<TokenScope, readonly TokenScope[]>>> = Object.freeze({
  [TokenScope.API]: [TokenScope.READ_API],
  [TokenScope.WRITE_REPOSITORY]: [TokenScope.READ_REPOSITORY],
});

/**
 * The lowest role that covers each capability (DESIGN.md §4): reads and triage need reporter, writes and
 * pipeline triggers developer, maintainer-only actions and token management maintainer. Never owner.
 */
export const CAPABILITY_ACCESS_LEVEL: CapabilityTable<AccessLevel> = Object.freeze({
  [Capability.REPOSITORY_READ]: AccessLevel.REPORTER,
  [Capability.REPOSITORY_WRITE]: AccessLevel.DEVELOPER,
  [Capability.CONTAINER_REGISTRY_READ]: AccessLevel.REPORTER,
  [Capability.CONTAINER_REGISTRY_WRITE]: AccessLevel.DEVELOPER,
  [Capability.PACKAGE_REGISTRY_READ]: AccessLevel.REPORTER,
  [Capability.PACKAGE_REGISTRY_WRITE]: AccessLevel.DEVELOPER,
  [Capability.JOB_ARTIFACTS_READ]: AccessLevel.REPORTER,
  [Capability.RELEASES_WRITE]: AccessLevel.DEVELOPER,
  [Capability.DEPLOYMENTS_WRITE]: AccessLevel.DEVELOPER,
  [Capability.PIPELINE_TRIGGER]: AccessLevel.DEVELOPER,
  [Capability.API_READ]: AccessLevel.REPORTER,
  [Capability.API_TRIAGE]: AccessLevel.REPORTER,
  [Capability.API_WRITE]: AccessLevel.DEVELOPER,
  [Capability.API_MAINTAIN]: AccessLevel.MAINTAINER,
  [Capability.TOKENS_MANAGE]: AccessLevel.MAINTAINER,
});

const ACCESS_TOKEN_ALLOWED = [
  TokenScope.API,
  TokenScope.READ_API,
  TokenScope.READ_REGISTRY,
  TokenScope.WRITE_REGISTRY,
  TokenScope.READ_REPOSITORY,
  TokenScope.WRITE_REPOSITORY,
  TokenScope.CREATE_RUNNER,
  TokenScope.MANAGE_RUNNER,
  TokenScope.AI_FEATURES,
  TokenScope.K8S_PROXY,
  TokenScope.READ_OBSERVABILITY,
  TokenScope.WRITE_OBSERVABILITY,
  TokenScope.SELF_ROTATE,
];

const PERSONAL_TOKEN_ALLOWED = [
  TokenScope.API,
  TokenScope.READ_USER,
  TokenScope.READ_API,
  TokenScope.READ_REPOSITORY,
  TokenScope.WRITE_REPOSITORY,
  TokenScope.READ_REGISTRY,
  TokenScope.WRITE_REGISTRY,
  TokenScope.READ_VIRTUAL_REGISTRY,
  TokenScope.WRITE_VIRTUAL_REGISTRY,
  TokenScope.SUDO,
  TokenScope.ADMIN_MODE,
  TokenScope.CREATE_RUNNER,
  TokenScope.MANAGE_RUNNER,
  TokenScope.AI_FEATURES,
  TokenScope.K8S_PROXY,
  TokenScope.SELF_ROTATE,
  TokenScope.READ_SERVICE_PING,
];

const DEPLOY_TOKEN_ALLOWED = [
  TokenScope.READ_REPOSITORY,
  TokenScope.READ_REGISTRY,
  TokenScope.WRITE_REGISTRY,
  TokenScope.READ_VIRTUAL_REGISTRY,
  TokenScope.WRITE_VIRTUAL_REGISTRY,
  TokenScope.READ_PACKAGE_REGISTRY,
  TokenScope.WRITE_PACKAGE_REGISTRY,
];

/**
 * Scopes each kind's provider resource accepts (provider 18.6.1 plan-time validation, gitlab-facts.md
 * §1.3). Job and trigger tokens have no scopes. Admin scopes are listed where the provider accepts them;
 * the policy checks flag them separately.
 */
export const SCOPES_ALLOWED_FOR_KIND: Readonly<Record<IdentityKind, ReadonlySet<TokenScope>>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: new Set<TokenScope>(),
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: new Set<TokenScope>(),
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: new Set(DEPLOY_TOKEN_ALLOWED),
  [IdentityKind.GROUP_DEPLOY_TOKEN]: new Set(DEPLOY_TOKEN_ALLOWED),
  [IdentityKind.PROJECT_ACCESS_TOKEN]: new Set(ACCESS_TOKEN_ALLOWED),
  [IdentityKind.GROUP_ACCESS_TOKEN]: new Set([
    ...ACCESS_TOKEN_ALLOWED,
    TokenScope.READ_VIRTUAL_REGISTRY,
    TokenScope.WRITE_VIRTUAL_REGISTRY,
  ]),
  [IdentityKind.SERVICE_ACCOUNT]: new Set(PERSONAL_TOKEN_ALLOWED),
  // Its token is a gitlab_personal_access_token.
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: new Set(PERSONAL_TOKEN_ALLOWED),
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: new Set(PERSONAL_TOKEN_ALLOWED),
});

/** Scopes that act with administrator rights; never emitted by the library. */
export const ADMIN_SCOPES: ReadonlySet<TokenScope> = new Set([
  TokenScope.SUDO,
  TokenScope.ADMIN_MODE,
  TokenScope.READ_SERVICE_PING,
]);

/**
 * Deploy-token scopes that write, and what each lets a holder do. On a group deploy token they act on every
 * project of the group (the dependency proxy on the group itself), so a leak poisons what all of them pull.
 */
export const DEPLOY_TOKEN_WRITE_SCOPES: Readonly<Partial<Record<TokenScope, string>>> = Object.freeze({
  [TokenScope.WRITE_REGISTRY]: 'push container images',
  [TokenScope.WRITE_PACKAGE_REGISTRY]: 'publish packages',
  [TokenScope.WRITE_VIRTUAL_REGISTRY]: 'push to the dependency proxy',
});

/** Which scope table a kind draws from. */
export type ScopeFamily = 'none' | 'deploy-token' | 'access-token';

export const KIND_SCOPE_FAMILY: Readonly<Record<IdentityKind, ScopeFamily>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: 'none',
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: 'none',
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: 'deploy-token',
  [IdentityKind.GROUP_DEPLOY_TOKEN]: 'deploy-token',
  [IdentityKind.PROJECT_ACCESS_TOKEN]: 'access-token',
  [IdentityKind.GROUP_ACCESS_TOKEN]: 'access-token',
  [IdentityKind.SERVICE_ACCOUNT]: 'access-token',
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: 'access-token',
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: 'access-token',
});

/**
 * Whether a kind carries a role of its own. The CI job token acts with the role of the user who started
 * the job; trigger tokens with their owner's; deploy tokens have none. A personal access token acts with
 * the bot user's memberships, which the plan states but the library does not manage.
 */
export const KIND_HAS_ROLE: Readonly<Record<IdentityKind, boolean>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: false,
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: false,
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: false,
  [IdentityKind.GROUP_DEPLOY_TOKEN]: false,
  [IdentityKind.PROJECT_ACCESS_TOKEN]: true,
  [IdentityKind.GROUP_ACCESS_TOKEN]: true,
  [IdentityKind.SERVICE_ACCOUNT]: true,
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: true,
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: true,
});

/**
 * Blast radius if the credential leaks, lowest first: used to tell escalations in review. A service
 * account and a group token rank alike: both reach what they are granted with a role; the service account
 * is preferred because its grants are explicit.
 */
export const KIND_BLAST_RADIUS: Readonly<Record<IdentityKind, number>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: 0,
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: 1,
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: 2,
  [IdentityKind.PROJECT_ACCESS_TOKEN]: 3,
  [IdentityKind.GROUP_DEPLOY_TOKEN]: 4,
  [IdentityKind.SERVICE_ACCOUNT]: 5,
  // Explicit memberships like a group service account's; they may lie in several top-level groups.
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: 5,
  [IdentityKind.GROUP_ACCESS_TOKEN]: 5,
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: 6,
});

/** Merge requests opened by a bot that pushes and writes through the API must carry this label. */
export const BOT_AUTHORED_LABEL = 'automation:bot-authored';

/** Capabilities that together make a merge-request bot (seed guidelines, DESIGN.md §6). */
export const MERGE_REQUEST_BOT_CAPABILITIES: readonly Capability[] = Object.freeze([
  Capability.API_WRITE,
  Capability.REPOSITORY_WRITE,
]);

/** GitLab's hard cap on access token lifetime in days (gitlab-facts.md §3). */
export const GITLAB_MAX_LIFETIME_DAYS = 365;

/**
 * Why a CI job token's allowlist entry works only under a condition. The entry (`gitlab_project_job_token_scope`
 * on the accessed project) matters only when that project limits job-token access to its allowlist: enforced by
 * default since GitLab 18.0 (allowlists back-filled from usage logs; MR gitlab-org/gitlab!166952 "default on
 * %18.0"), and "Allow any project to access your project" exists only on self-managed and Dedicated with the
 * admin setting "Enable and enforce job token allowlist for all projects" off (docs ci/jobs/ci_job_token.md), so
 * it cannot be turned off on GitLab.com. Where a project still allows every project, the entry is inert, and
 * jobs act with the role of the user who started the pipeline.
 */
export const JOB_TOKEN_ALLOWLIST_PRECONDITION =
  'The allowlist entries take effect only where the accessed project limits CI/CD job token access to its allowlist: ' +
  'the default since GitLab 18.0 and always on GitLab.com; on self-managed or Dedicated, check the project\'s ' +
  'Settings > CI/CD > Job token permissions. Jobs act with the role of the user who started the pipeline.';
