/** What a group deploy token's write scopes let a holder do, in words (GLID-017, plan and checks alike). */
import { DEPLOY_TOKEN_WRITE_SCOPES } from './least-privilege-tables';
import { TokenScope } from './token-scope';

/** `push container images (write_registry) and publish packages (write_package_registry)`, or undefined. */
export function describeDeployTokenWrites(scopes: readonly string[]): string | undefined {
  const writes = scopes
    .filter((s) => DEPLOY_TOKEN_WRITE_SCOPES[s as TokenScope] !== undefined)
    .map((s) => `${DEPLOY_TOKEN_WRITE_SCOPES[s as TokenScope]} (${s})`);
  if (writes.length === 0) return undefined;
  return writes.length === 1 ? writes[0] : `${writes.slice(0, -1).join(', ')} and ${writes[writes.length - 1]}`;
}
