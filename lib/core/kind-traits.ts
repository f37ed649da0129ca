/**
 * What the rules need to know about each identity kind's token, as exhaustive records: adding a kind is a
 * compile error here until it is decided for every trait. Sources: gitlab-facts.md (expiry), the provider
 * documentation of each token resource (rotation_configuration, the attribute naming the target).
 */
import { IdentityKind } from './identity-kind';

/** Tokens GitLab lets expire, so an expiry or rotation must be set (triggers cannot expire; job tokens live per job). */
export const KIND_EXPIRES: Readonly<Record<IdentityKind, boolean>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: false,
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: false,
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: true,
  [IdentityKind.GROUP_DEPLOY_TOKEN]: true,
  [IdentityKind.PROJECT_ACCESS_TOKEN]: true,
  [IdentityKind.GROUP_ACCESS_TOKEN]: true,
  [IdentityKind.SERVICE_ACCOUNT]: true,
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: true,
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: true,
});

/** Tokens the provider rotates in place (`rotation_configuration`); the others are replaced on a schedule. */
export const KIND_PROVIDER_ROTATED: Readonly<Record<IdentityKind, boolean>> = Object.freeze({
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

/** Token resources that name the project or group they act on (service-account and personal tokens name a user). */
export const KIND_NAMES_ITS_TARGET: Readonly<Record<IdentityKind, boolean>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: false,
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: true,
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: true,
  [IdentityKind.GROUP_DEPLOY_TOKEN]: true,
  [IdentityKind.PROJECT_ACCESS_TOKEN]: true,
  [IdentityKind.GROUP_ACCESS_TOKEN]: true,
  [IdentityKind.SERVICE_ACCOUNT]: false,
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: false,
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: false,
});

/**
 * How a kind's `expires_at` reads: a `YYYY-MM-DD` date, at whose midnight (UTC) GitLab expires the token
 * (access, personal and service-account tokens), an RFC 3339 instant (deploy tokens), or none (job tokens live
 * per job; triggers cannot expire). Provider docs of each token resource's expires_at, 18.6.1.
 */
export const KIND_EXPIRY_FORMAT: Readonly<Record<IdentityKind, 'date' | 'instant' | 'none'>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: 'none',
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: 'none',
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: 'instant',
  [IdentityKind.GROUP_DEPLOY_TOKEN]: 'instant',
  [IdentityKind.PROJECT_ACCESS_TOKEN]: 'date',
  [IdentityKind.GROUP_ACCESS_TOKEN]: 'date',
  [IdentityKind.SERVICE_ACCOUNT]: 'date',
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: 'date',
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: 'date',
});
