/**
 * Construct IDs derived from GitLab paths. IDs are a contract: Terraform addresses come from them, so a
 * changed ID destroys and recreates a token. Paths compare case-insensitively in GitLab and `/` cannot
 * appear in an ID, so the ID uses the lowercase path with `~` (never part of a GitLab path) for `/`:
 * distinct paths always give distinct IDs.
 */
export function pathId(prefix: string, path: string): string {
  return `${prefix}-${path.toLowerCase().replace(/\//g, '~')}`;
}
