/**
 * Every resource and data-source type of GitLab provider 18.6.1 (bindings @cdktf/provider-gitlab 15.6.2)
 * that holds or mints a secret or a grant: the one place their names live. Records are keyed by type, so
 * adding a type is a compile error wherever a record over its family is not completed.
 *
 * Sources: the provider's resource documentation, registry.terraform.io/providers/gitlabhq/gitlab/18.6.1/docs
 * (the attributes marked Sensitive there are the `secrets` below), and the bindings' config interfaces.
 */
import { GrantType } from '../grants';
import { IdentityKind } from '../identity-kind';

/** How a token type stays short-lived. */
export type TokenRenewal =
  /** `rotation_configuration`: the provider rotates it in place (access, personal, service-account tokens). */
  | 'provider-rotation'
  /** No rotation of its own: `expires_at` from a `time_rotating`, replaced on its schedule (deploy tokens). */
  | 'scheduled-replacement'
  /** Cannot expire: only replacement on a schedule bounds it (pipeline triggers). */
  | 'replacement-only'
  /** A fixed `expires_at`, required by the API, never rotated (impersonation tokens). */
  | 'fixed-expiry';

export interface TokenTypeSpec {
  /** The identity kind a token of this type is judged as. */
  readonly kind: IdentityKind;
  readonly renewal: TokenRenewal;
  /** Attributes naming where it is granted, in order of precedence (`gitlab_deploy_token` takes either). */
  readonly targets: readonly { readonly attribute: string; readonly type: 'project' | 'group' }[];
  /** `user_id` for tokens of a user (personal, service-account, impersonation). */
  readonly user: boolean;
  readonly scopes: boolean;
  /** Project and group access tokens: `access_level`, which defaults to maintainer when omitted. */
  readonly role: boolean;
}

const project = [{ attribute: 'project', type: 'project' }] as const;
const group = [{ attribute: 'group', type: 'group' }] as const;

export const TOKEN_TYPES = {
  gitlab_project_access_token: { kind: IdentityKind.PROJECT_ACCESS_TOKEN, renewal: 'provider-rotation', targets: project, user: false, scopes: true, role: true },
  gitlab_group_access_token: { kind: IdentityKind.GROUP_ACCESS_TOKEN, renewal: 'provider-rotation', targets: group, user: false, scopes: true, role: true },
  gitlab_personal_access_token: { kind: IdentityKind.PERSONAL_ACCESS_TOKEN, renewal: 'provider-rotation', targets: [], user: true, scopes: true, role: false },
  gitlab_group_service_account_access_token: { kind: IdentityKind.SERVICE_ACCOUNT, renewal: 'provider-rotation', targets: group, user: true, scopes: true, role: false },
  // An administrator's token acting as another user: judged as that user's personal token.
  gitlab_user_impersonation_token: { kind: IdentityKind.PERSONAL_ACCESS_TOKEN, renewal: 'fixed-expiry', targets: [], user: true, scopes: true, role: false },
  gitlab_project_deploy_token: { kind: IdentityKind.PROJECT_DEPLOY_TOKEN, renewal: 'scheduled-replacement', targets: project, user: false, scopes: true, role: false },
  gitlab_group_deploy_token: { kind: IdentityKind.GROUP_DEPLOY_TOKEN, renewal: 'scheduled-replacement', targets: group, user: false, scopes: true, role: false },
  // Deprecated resource for either; a `group` makes it a group deploy token (see tokenKindOf).
  gitlab_deploy_token: { kind: IdentityKind.PROJECT_DEPLOY_TOKEN, renewal: 'scheduled-replacement', targets: [...project, ...group], user: false, scopes: true, role: false },
  gitlab_pipeline_trigger: { kind: IdentityKind.PIPELINE_TRIGGER_TOKEN, renewal: 'replacement-only', targets: project, user: false, scopes: false, role: false },
} as const satisfies Record<string, TokenTypeSpec>;

export type TokenResourceType = keyof typeof TOKEN_TYPES;

/** Other resources whose attributes are secrets GitLab mints: inventoried, and followed to every sink. */
export const OTHER_SECRET_TYPES = {
  gitlab_cluster_agent_token: { what: 'cluster agent token', secrets: ['token'], targets: project },
  gitlab_runner: { what: 'runner authentication token', secrets: ['authentication_token'], targets: [] },
  gitlab_user_runner: { what: 'runner authentication token', secrets: ['token'], targets: [{ attribute: 'project_id', type: 'project' }, { attribute: 'group_id', type: 'group' }] },
  gitlab_application: { what: 'OAuth application secret', secrets: ['secret'], targets: [] },
  gitlab_group_dependency_proxy: { what: 'dependency proxy secret', secrets: ['secret'], targets: group },
} as const satisfies Record<string, { readonly what: string; readonly secrets: readonly string[]; readonly targets: TokenTypeSpec['targets'] }>;

export type OtherSecretType = keyof typeof OTHER_SECRET_TYPES;


/** Runner registration tokens of projects and groups (sensitive in the provider's schema). */
export const RUNNER_TOKEN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  gitlab_project: ['runners_token'],
  gitlab_group: ['runners_token'],
};

/** Data sources that read secrets back: their values are secrets too. */
export const SECRET_DATA_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  gitlab_project: ['runners_token'],
  gitlab_group: ['runners_token'],
  gitlab_project_variable: ['value'],
  gitlab_group_variable: ['value'],
  gitlab_instance_variable: ['value'],
  gitlab_project_variables: ['variables'],
  gitlab_group_variables: ['variables'],
  gitlab_instance_variables: ['variables'],
  gitlab_project_hook: ['token'],
  gitlab_project_hooks: ['hooks'],
  gitlab_group_hook: ['token'],
  gitlab_group_hooks: ['hooks'],
  gitlab_pipeline_schedule: ['variable'],
};

export interface GrantTypeSpec {
  /** What is granted, in a reviewer's words. */
  readonly what: string;
  /** The project or group the grant is on. */
  readonly target: { readonly attribute: string; readonly type: 'project' | 'group' };
  /** Who receives it: a user, a group, a project (allowlists), or a key/runner. */
  readonly grantee: readonly { readonly attribute: string; readonly type: 'user' | 'group' | 'project' | 'key' | 'runner'; readonly list?: boolean }[];
  /** The attribute holding the role, if any. */
  readonly role?: string;
  /** How the inventory names the grant, when it is one the library renders. */
  readonly inventoryGrant?: GrantType;
}

export const GRANT_TYPES = {
  gitlab_project_membership: { what: 'project membership', target: { attribute: 'project', type: 'project' }, grantee: [{ attribute: 'user_id', type: 'user' }], role: 'access_level' },
  gitlab_group_membership: { what: 'group membership', target: { attribute: 'group_id', type: 'group' }, grantee: [{ attribute: 'user_id', type: 'user' }], role: 'access_level' },
  gitlab_project_share_group: { what: 'project shared with a group', target: { attribute: 'project', type: 'project' }, grantee: [{ attribute: 'group_id', type: 'group' }], role: 'group_access' },
  gitlab_group_share_group: { what: 'group shared with a group', target: { attribute: 'group_id', type: 'group' }, grantee: [{ attribute: 'share_group_id', type: 'group' }], role: 'group_access' },
  gitlab_project_job_token_scope: {
    what: 'job-token allowlist entry', target: { attribute: 'project', type: 'project' }, inventoryGrant: GrantType.JOB_TOKEN_ALLOWLIST,
    grantee: [{ attribute: 'target_project_id', type: 'project' }, { attribute: 'target_group_id', type: 'group' }],
  },
  gitlab_project_job_token_scopes: {
    what: 'job-token allowlist', target: { attribute: 'project', type: 'project' }, inventoryGrant: GrantType.JOB_TOKEN_ALLOWLIST,
    grantee: [{ attribute: 'target_project_ids', type: 'project', list: true }, { attribute: 'target_group_ids', type: 'group', list: true }],
  },
  gitlab_deploy_key: { what: 'deploy key', target: { attribute: 'project', type: 'project' }, grantee: [{ attribute: 'key', type: 'key' }], role: 'can_push' },
  gitlab_deploy_key_enable: { what: 'deploy key enabled', target: { attribute: 'project', type: 'project' }, grantee: [{ attribute: 'key_id', type: 'key' }], role: 'can_push' },
  gitlab_project_runner_enablement: { what: 'runner enabled', target: { attribute: 'project', type: 'project' }, grantee: [{ attribute: 'runner_id', type: 'runner' }] },
  gitlab_group_ldap_link: { what: 'LDAP group link', target: { attribute: 'group', type: 'group' }, grantee: [{ attribute: 'cn', type: 'group' }], role: 'group_access' },
  gitlab_group_saml_link: { what: 'SAML group link', target: { attribute: 'group', type: 'group' }, grantee: [{ attribute: 'saml_group_name', type: 'group' }], role: 'access_level' },
} as const satisfies Record<string, GrantTypeSpec>;

export type GrantResourceType = keyof typeof GRANT_TYPES;

export const VARIABLE_TYPES = {
  gitlab_project_variable: { delivery: 'project-variable', owner: 'project', hidden: true },
  gitlab_group_variable: { delivery: 'group-variable', owner: 'group', hidden: true },
  // Instance variables have no `hidden` attribute.
  gitlab_instance_variable: { delivery: 'instance-variable', owner: undefined, hidden: false },
} as const satisfies Record<string, { readonly delivery: string; readonly owner: string | undefined; readonly hidden: boolean }>;

export type VariableResourceType = keyof typeof VARIABLE_TYPES;

export const SERVICE_ACCOUNT_TYPES = {
  gitlab_group_service_account: { id: 'service_account_id' },
  gitlab_instance_service_account: { id: 'service_account_id' },
} as const satisfies Record<string, { readonly id: string }>;

export type ServiceAccountResourceType = keyof typeof SERVICE_ACCOUNT_TYPES;

/**
 * Places outside GitLab built to hold secrets: a token written there is stored as a secret, not shown.
 * Attribute per resource type (Vault, cloud secret managers, Kubernetes, GitHub Actions).
 */
export const SECRET_STORES: Readonly<Record<string, readonly string[]>> = {
  vault_generic_secret: ['data_json'],
  vault_kv_secret_v2: ['data_json'],
  aws_secretsmanager_secret_version: ['secret_string'],
  google_secret_manager_secret_version: ['secret_data'],
  azurerm_key_vault_secret: ['value'],
  kubernetes_secret: ['data', 'binary_data'],
  kubernetes_secret_v1: ['data', 'binary_data'],
  github_actions_secret: ['plaintext_value'],
};

/** The GitLab provider's `hashicorp/time` companion: schedules for replaced tokens. */
export const TIME_ROTATING = 'time_rotating';

/**
 * `record[key]` only for the record's own keys: types come from the configuration, and a resource type
 * named `toString` or `__proto__` must find nothing, not Object.prototype's members.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function isTokenType(type: string): type is TokenResourceType {
  return Object.prototype.hasOwnProperty.call(TOKEN_TYPES, type);
}

/**
 * Attributes of the resource type whose value is an object, written `rotation_configuration = { ... }` in
 * HCL: the token types the provider rotates declare `rotation_configuration` a `schema.SingleNestedAttribute`
 * of the plugin framework (resource_gitlab_project_access_token.go and the other token resources of provider
 * 18.6.1), and Terraform refuses a block of an attribute's name ("Unsupported block type"). Terraform's JSON
 * syntax writes an attribute and a block alike, so only a reader of HCL can tell them apart (`check`).
 */
export function objectAttributesOf(type: string): readonly string[] {
  return isTokenType(type) && TOKEN_TYPES[type].renewal === 'provider-rotation' ? ['rotation_configuration'] : [];
}
export function isOtherSecretType(type: string): type is OtherSecretType {
  return Object.prototype.hasOwnProperty.call(OTHER_SECRET_TYPES, type);
}
export function isGrantType(type: string): type is GrantResourceType {
  return Object.prototype.hasOwnProperty.call(GRANT_TYPES, type);
}
export function isVariableType(type: string): type is VariableResourceType {
  return Object.prototype.hasOwnProperty.call(VARIABLE_TYPES, type);
}
export function isServiceAccountType(type: string): type is ServiceAccountResourceType {
  return Object.prototype.hasOwnProperty.call(SERVICE_ACCOUNT_TYPES, type);
}

/** Resource attributes that are secrets: reading them taints a value. */
export function secretAttributesOf(mode: 'resource' | 'data', type: string): readonly string[] {
  if (mode === 'data') return ownEntry(SECRET_DATA_ATTRIBUTES, type) ?? [];
  if (isTokenType(type)) return ['token'];
  if (isOtherSecretType(type)) return OTHER_SECRET_TYPES[type].secrets;
  return ownEntry(RUNNER_TOKEN_ATTRIBUTES, type) ?? [];
}

/**
 * Kind of a token resource: `gitlab_deploy_token` with a `group` is a group deploy token, and a personal
 * access token of a gitlab_instance_service_account (`user` as followUser writes it) is that account's.
 */
export function tokenKindOf(type: TokenResourceType, hasGroup: boolean, user?: string): IdentityKind {
  if (type === 'gitlab_deploy_token' && hasGroup) return IdentityKind.GROUP_DEPLOY_TOKEN;
  if (type === 'gitlab_personal_access_token' && user?.startsWith('service account gitlab_instance_service_account.')) return IdentityKind.INSTANCE_SERVICE_ACCOUNT;
  return TOKEN_TYPES[type].kind;
}

/**
 * Resource types AutomationIdentity renders (lib/constructs/render, delivery and labels). A tool reading the
 * identities a stack's JSON claims counts only such resources as an identity's: any other claimed resource
 * (a cluster-agent token, a group share) stays a hand-written entry the gate sees.
 */
export const RENDERED_TYPES: ReadonlySet<string> = new Set([
  'gitlab_project_access_token', 'gitlab_group_access_token', 'gitlab_personal_access_token', 'gitlab_group_service_account', 'gitlab_instance_service_account',
  'gitlab_group_service_account_access_token', 'gitlab_project_deploy_token', 'gitlab_group_deploy_token', 'gitlab_pipeline_trigger',
  'gitlab_project_membership', 'gitlab_group_membership', 'gitlab_project_job_token_scope', 'gitlab_project_variable',
  'gitlab_group_variable', 'gitlab_project_hook', 'gitlab_project_label', 'gitlab_group_label', TIME_ROTATING, 'terraform_data',
]);
