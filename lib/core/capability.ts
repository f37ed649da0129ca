/**
 * What an automation does: the closed set of capabilities from DESIGN.md §3. The string values are part of
 * the public API (inventories and the CLI use them).
 */
export enum Capability {
  /** Clone or fetch a repository. */
  REPOSITORY_READ = 'repository:read',
  /** Push commits or tags. */
  REPOSITORY_WRITE = 'repository:write',
  /** Pull container images. */
  CONTAINER_REGISTRY_READ = 'container-registry:read',
  /** Push container images. */
  CONTAINER_REGISTRY_WRITE = 'container-registry:write',
  /** Download packages. */
  PACKAGE_REGISTRY_READ = 'package-registry:read',
  /** Publish packages. */
  PACKAGE_REGISTRY_WRITE = 'package-registry:write',
  /** Download job artifacts. */
  JOB_ARTIFACTS_READ = 'job-artifacts:read',
  /** Create or update releases. */
  RELEASES_WRITE = 'releases:write',
  /** Use the environments and deployments API. */
  DEPLOYMENTS_WRITE = 'deployments:write',
  /** Start a pipeline. */
  PIPELINE_TRIGGER = 'pipeline:trigger',
  /** Read issues, merge requests, pipelines and other API resources. */
  API_READ = 'api:read',
  /** Comment, label, assign, close and reopen issues and merge requests. */
  API_TRIAGE = 'api:triage',
  /** Create branches, merge requests and issues; edit project content. */
  API_WRITE = 'api:write',
  /** Maintainer-only actions: merge to protected branches, restricted quick actions, settings. */
  API_MAINTAIN = 'api:maintain',
  /** Create or rotate other tokens (bootstrapping, Terraform). */
  TOKENS_MANAGE = 'tokens:manage',
}

/** Every capability, in canonical (declaration) order. */
export const ALL_CAPABILITIES: readonly Capability[] = Object.freeze(Object.values(Capability));

const CAPABILITY_ORDER = new Map<string, number>(ALL_CAPABILITIES.map((c, i) => [c, i]));

/** True when `value` is one of the capability strings. */
export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && CAPABILITY_ORDER.has(value);
}

/** Sorts capabilities into canonical order (a copy). */
export function sortCapabilities(capabilities: Iterable<Capability>): Capability[] {
  return [...capabilities].sort((a, b) => (CAPABILITY_ORDER.get(a) ?? 0) - (CAPABILITY_ORDER.get(b) ?? 0));
}
