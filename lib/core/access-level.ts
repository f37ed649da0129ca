/**
 * GitLab roles, lowest first. The values are GitLab's words and match what the provider accepts.
 * `no one` and `minimal` exist in the provider's enum but GitLab rejects them for tokens, so they are not
 * offered (gitlab-facts.md §2).
 */
export enum AccessLevel {
  GUEST = 'guest',
  PLANNER = 'planner',
  REPORTER = 'reporter',
  DEVELOPER = 'developer',
  MAINTAINER = 'maintainer',
  OWNER = 'owner',
}

/** Every access level, lowest first. */
export const ALL_ACCESS_LEVELS: readonly AccessLevel[] = Object.freeze(Object.values(AccessLevel));

/** GitLab's numeric value for each role (the REST API's `access_level`). */
export const ACCESS_LEVEL_VALUE: Readonly<Record<AccessLevel, number>> = Object.freeze({
  [AccessLevel.GUEST]: 10,
  [AccessLevel.PLANNER]: 15,
  [AccessLevel.REPORTER]: 20,
  [AccessLevel.DEVELOPER]: 30,
  [AccessLevel.MAINTAINER]: 40,
  [AccessLevel.OWNER]: 50,
});

export function isAccessLevel(value: unknown): value is AccessLevel {
  return typeof value === 'string' && (ALL_ACCESS_LEVELS as readonly string[]).includes(value);
}

/** Negative when `a` is lower than `b`, zero when equal, positive when higher. */
export function compareAccessLevels(a: AccessLevel, b: AccessLevel): number {
  return ACCESS_LEVEL_VALUE[a] - ACCESS_LEVEL_VALUE[b];
}

/** The higher of two roles. */
export function maxAccessLevel(a: AccessLevel, b: AccessLevel): AccessLevel {
  return compareAccessLevels(a, b) >= 0 ? a : b;
}
