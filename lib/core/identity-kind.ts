/** The kinds of GitLab identity the library can choose, narrowest first (DESIGN.md §3). */
export enum IdentityKind {
  /** `CI_JOB_TOKEN` of a pipeline job: no stored secret, valid only while the job runs. */
  CI_JOB_TOKEN = 'ci-job-token',
  /** A project's pipeline trigger token: can only start pipelines. */
  PIPELINE_TRIGGER_TOKEN = 'pipeline-trigger-token',
  /** A project deploy token: repository and registries, no API. */
  PROJECT_DEPLOY_TOKEN = 'project-deploy-token',
  /** A group deploy token: repository and registries of every project in the group. */
  GROUP_DEPLOY_TOKEN = 'group-deploy-token',
  /** A project access token: API on one project, through a bot user with a role. */
  PROJECT_ACCESS_TOKEN = 'project-access-token',
  /** A group access token: API on every project of a group. High blast radius. */
  GROUP_ACCESS_TOKEN = 'group-access-token',
  /** A group service account with memberships on exactly the reached projects, and its token. */
  SERVICE_ACCOUNT = 'service-account',
  /**
   * An instance service account (self-managed and Dedicated, created by an administrator) with memberships on
   * the reached projects, and its personal access token: the one identity that reaches several top-level groups.
   */
  INSTANCE_SERVICE_ACCOUNT = 'instance-service-account',
  /** A personal access token of an existing bot user: the last resort. */
  PERSONAL_ACCESS_TOKEN = 'personal-access-token',
}

export const ALL_IDENTITY_KINDS: readonly IdentityKind[] = Object.freeze(Object.values(IdentityKind));

export function isIdentityKind(value: unknown): value is IdentityKind {
  return typeof value === 'string' && (ALL_IDENTITY_KINDS as readonly string[]).includes(value);
}
