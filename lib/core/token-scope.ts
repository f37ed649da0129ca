/**
 * Every token scope GitLab provider 18.6.1 knows, across token types (gitlab-facts.md §1). Which of them a
 * kind accepts is in `least-privilege-tables.ts`.
 */
export enum TokenScope {
  API = 'api',
  READ_API = 'read_api',
  READ_USER = 'read_user',
  READ_REPOSITORY = 'read_repository',
  WRITE_REPOSITORY = 'write_repository',
  READ_REGISTRY = 'read_registry',
  WRITE_REGISTRY = 'write_registry',
  READ_VIRTUAL_REGISTRY = 'read_virtual_registry',
  WRITE_VIRTUAL_REGISTRY = 'write_virtual_registry',
  READ_PACKAGE_REGISTRY = 'read_package_registry',
  WRITE_PACKAGE_REGISTRY = 'write_package_registry',
  CREATE_RUNNER = 'create_runner',
  MANAGE_RUNNER = 'manage_runner',
  AI_FEATURES = 'ai_features',
  K8S_PROXY = 'k8s_proxy',
  SELF_ROTATE = 'self_rotate',
  READ_OBSERVABILITY = 'read_observability',
  WRITE_OBSERVABILITY = 'write_observability',
  SUDO = 'sudo',
  ADMIN_MODE = 'admin_mode',
  READ_SERVICE_PING = 'read_service_ping',
}

export const ALL_TOKEN_SCOPES: readonly TokenScope[] = Object.freeze(Object.values(TokenScope));

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === 'string' && (ALL_TOKEN_SCOPES as readonly string[]).includes(value);
}

/**
 * Canonical scope order is plain alphabetical order of the scope strings: easy to predict, and stable
 * whatever order the capabilities were declared in.
 */
export function sortScopes(scopes: Iterable<TokenScope>): TokenScope[] {
  return [...new Set(scopes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
