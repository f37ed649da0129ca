/**
 * Attributes whose change replaces a resource, for every resource type the library emits.
 *
 * Replacing a token revokes it: the CI variable holds a dead secret until the new one is written, and
 * project and group tokens get a new bot user. So no attribute listed here may carry generated prose
 * (rationale, finding text): only declared inputs. A test changes every piece of prose the library
 * generates and asserts none of these attributes changes (test/constructs/prose-stability.test.ts), and
 * another that every emitted resource type is listed here.
 *
 * Sources, provider gitlabhq/gitlab 18.6.1 (`internal/provider/resource_*.go`, framework
 * `RequiresReplace` plan modifiers, or SDKv2 `ForceNew`; docs at tag v18.6.1 `docs/resources/*.md`), and
 * hashicorp/time for `time_rotating`. Where the source at exactly 18.6.1 could not be read, the entry is
 * conservative (listing an attribute that might update in place only makes the stability test stricter)
 * and says so.
 */

export interface ReplacementAttributes {
  /** Attributes whose change makes Terraform plan a replacement. */
  readonly replaces: readonly string[];
  /**
   * Attributes GitLab sets only when the resource is created (a later change needs a new resource, or is
   * silently ignored): `hidden` on CI/CD variables.
   */
  readonly createOnly: readonly string[];
  /** Where the facts come from, and what is conservative. */
  readonly source: string;
}

const ACCESS_TOKEN_SOURCE =
  'resource_gitlab_{project,group,personal}_access_token.go: name, scopes, access_level, description and the target are ' +
  'RequiresReplace; expires_at listed conservatively (rotation itself updates in place). description verified on group ' +
  'and personal tokens, assumed on project tokens (same shared schema).';

/** Keyed by Terraform resource type. Data sources are never replaced and are not listed. */
export const REPLACEMENT_ATTRIBUTES: Readonly<Record<string, ReplacementAttributes>> = Object.freeze({
  gitlab_project_access_token: {
    replaces: ['project', 'name', 'scopes', 'access_level', 'description', 'expires_at'],
    createOnly: [],
    source: ACCESS_TOKEN_SOURCE,
  },
  gitlab_group_access_token: {
    replaces: ['group', 'name', 'scopes', 'access_level', 'description', 'expires_at'],
    createOnly: [],
    source: ACCESS_TOKEN_SOURCE,
  },
  gitlab_personal_access_token: {
    replaces: ['user_id', 'name', 'scopes', 'description', 'expires_at'],
    createOnly: [],
    source: ACCESS_TOKEN_SOURCE,
  },
  gitlab_group_service_account_access_token: {
    replaces: ['group', 'user_id', 'name', 'scopes', 'expires_at', 'rotation_configuration'],
    createOnly: [],
    source: 'resource_gitlab_group_service_account_access_token.go: rotation_configuration has objectplanmodifier.RequiresReplace, ' +
      'so a lifetime change replaces the token. No description attribute in 18.6.1.',
  },
  gitlab_group_service_account: {
    replaces: ['group', 'name', 'username', 'email'],
    createOnly: [],
    source: 'resource_gitlab_group_service_account.go: every attribute RequiresReplace; Update refuses in-place changes.',
  },
  gitlab_instance_service_account: {
    replaces: ['name', 'username', 'email'],
    createOnly: [],
    // Listed like the group service account's: the 18.6.1 source of this resource was not available to
    // confirm which attributes update in place, and listing one too many only makes a review more careful.
    source: 'resource_gitlab_instance_service_account.go (not confirmed here): treated as gitlab_group_service_account, every attribute replacing.',
  },
  terraform_data: {
    replaces: ['triggers_replace'],
    createOnly: [],
    source: 'Terraform built-in terraform_data: a change of triggers_replace replaces it, which is its purpose here (lib/constructs/render/rotation.ts).',
  },
  gitlab_project_deploy_token: {
    replaces: ['project', 'name', 'username', 'scopes', 'expires_at'],
    createOnly: [],
    source: 'resource_gitlab_project_deploy_token.go: every argument RequiresReplace; GitLab has no update API for deploy tokens.',
  },
  gitlab_group_deploy_token: {
    replaces: ['group', 'name', 'username', 'scopes', 'expires_at'],
    createOnly: [],
    source: 'resource_gitlab_group_deploy_token.go: every argument RequiresReplace; GitLab has no update API for deploy tokens.',
  },
  gitlab_pipeline_trigger: {
    replaces: ['project'],
    createOnly: [],
    source: 'sdk/resource_gitlab_pipeline_trigger.go (SDKv2 in 18.6.x): description updates in place (EditPipelineTrigger); project listed conservatively.',
  },
  gitlab_project_variable: {
    replaces: ['project', 'key', 'environment_scope', 'hidden'],
    createOnly: ['hidden'],
    source: 'resource_gitlab_project_variable.go: project, key, environment_scope RequiresReplace; hidden RequiresReplace ' +
      '(GitLab sets it only at creation; RequiresReplaceIfConfigured from provider 18.8.0, MR !2838). description updates in place.',
  },
  gitlab_group_variable: {
    replaces: ['group', 'key', 'environment_scope', 'hidden'],
    createOnly: ['hidden'],
    source: 'resource_gitlab_group_variable.go: as project variables.',
  },
  gitlab_project_membership: {
    replaces: ['project', 'user_id'],
    createOnly: [],
    source: 'sdk/resource_gitlab_project_membership.go: project and user_id ForceNew; access_level updates in place.',
  },
  gitlab_group_membership: {
    replaces: ['group_id', 'user_id'],
    createOnly: [],
    source: 'resource_gitlab_group_membership.go: group_id and user_id RequiresReplace; access_level updates in place.',
  },
  gitlab_project_job_token_scope: {
    replaces: ['project', 'target_project_id', 'target_group_id'],
    createOnly: [],
    source: 'resource_gitlab_project_job_token_scope.go: every argument RequiresReplace.',
  },
  gitlab_project_hook: {
    replaces: ['project', 'url'],
    createOnly: [],
    source: 'resource_gitlab_project_hook.go: url RequiresReplace (to preserve token); project through the computed project_id, listed conservatively.',
  },
  gitlab_project_label: {
    replaces: ['project', 'name'],
    createOnly: [],
    source: 'resource_gitlab_project_label.go: project and name RequiresReplace.',
  },
  gitlab_group_label: {
    replaces: ['group', 'name'],
    createOnly: [],
    source: 'resource_gitlab_group_label.go: group RequiresReplace; name renames in place in the framework version, listed conservatively.',
  },
  time_rotating: {
    replaces: ['rfc3339', 'triggers', 'rotation_days', 'rotation_hours', 'rotation_minutes', 'rotation_months', 'rotation_years', 'rotation_rfc3339'],
    createOnly: [],
    source: 'hashicorp/time time_rotating: rfc3339 and triggers RequiresReplace; rotation_* listed conservatively. Its replacement replaces ' +
      'every token whose replace_triggered_by names it.',
  },
});

/** The attributes of `resourceType` that must never depend on prose: those that replace, and create-only ones. */
export function stableAttributesOf(resourceType: string): readonly string[] | undefined {
  const entry = REPLACEMENT_ATTRIBUTES[resourceType];
  return entry === undefined ? undefined : [...new Set([...entry.replaces, ...entry.createOnly])];
}
