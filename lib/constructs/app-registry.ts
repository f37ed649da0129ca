/**
 * App-wide bookkeeping: token names and CI/CD variables must be unique across every stack of an app.
 * One registry per app, kept on the app's root construct under a global symbol: it lives and dies with the
 * construct tree, and every copy of the library loaded in one process shares it. Each check costs O(1).
 */
import { IConstruct } from 'constructs';
import { constructErrors } from './errors';

interface Registry {
  readonly names: Map<string, string>;
  readonly deliveries: Map<string, string>;
  readonly labels: Set<string>;
  readonly usernames: Map<string, string>;
}

const REGISTRY = Symbol.for('cdktf-gitlab-identity.appRegistry');

type WithRegistry = IConstruct & { [REGISTRY]?: Registry };

function registryOf(scope: IConstruct): Registry {
  const root = scope.node.root as WithRegistry;
  let r = root[REGISTRY];
  if (!r) {
    r = { names: new Map(), deliveries: new Map(), labels: new Set(), usernames: new Map() };
    Object.defineProperty(root, REGISTRY, { value: r, enumerable: false });
  }
  return r;
}

/** Claims token names for the construct at `path`; throws DUPLICATE_TOKEN_NAME with both paths. */
export function claimTokenNames(scope: IConstruct, names: Iterable<string>): void {
  const { names: taken } = registryOf(scope);
  const path = scope.node.path;
  for (const name of new Set(names)) {
    const owner = taken.get(name);
    if (owner !== undefined && owner !== path) throw constructErrors.duplicateTokenName(name, owner, path);
    taken.set(name, path);
  }
}

/**
 * Claims a service-account username (GitLab compares usernames case-insensitively); throws
 * DUPLICATE_USERNAME with both paths.
 */
export function claimUsername(scope: IConstruct, username: string): void {
  const { usernames } = registryOf(scope);
  const path = scope.node.path;
  const owner = usernames.get(username.toLowerCase());
  if (owner !== undefined && owner !== path) throw constructErrors.duplicateUsername(username, owner, path);
  usernames.set(username.toLowerCase(), path);
}

/** Claims a CI/CD variable (`where` identifies project/group, key and scope); throws DUPLICATE_DELIVERY. */
export function claimDelivery(scope: IConstruct, where: string): void {
  const { deliveries } = registryOf(scope);
  const path = scope.node.path;
  const owner = deliveries.get(where);
  if (owner !== undefined) throw constructErrors.duplicateDelivery(where, owner, path);
  deliveries.set(where, path);
}

/**
 * Claims a label on a project or group for the whole app: true for the first stack that asks. One stack owns
 * each label, so two stacks never both create it (the second apply would fail) or delete it.
 */
export function claimLabel(scope: IConstruct, key: string): boolean {
  const { labels } = registryOf(scope);
  if (labels.has(key)) return false;
  labels.add(key);
  return true;
}
