/**
 * A neutral description of a credential, whoever declared it: an AutomationIdentity or a raw provider
 * resource. The engine (lib/core/engine) builds these from a stack's Terraform JSON; rules judge them, so
 * they can be tested without synthesizing anything.
 *
 * An attribute is absent (`undefined`), known (a literal, or an expression the engine evaluated), or
 * unresolved (computed at apply). Rules never guess about unresolved values: the engine reports every
 * unresolved attribute that decides privilege, lifetime, target or secrecy as GLID-022, an error.
 */
import { IdentityKind } from '../identity-kind';
import { IdentityPlan } from '../plan-identity';

export type Checked<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly expression: string };

export function known<T>(value: T): Checked<T> {
  return { known: true, value };
}

export function unresolved<T>(expression: string): Checked<T> {
  return { known: false, expression };
}

/** Where a credential is in the Terraform JSON: what every subject the engine builds carries. */
export interface Located {
  /** Construct path (from cdktf's metadata), or the Terraform address for plain Terraform. */
  readonly path: string;
  /** Terraform address, `type.name` (absent for stack-wide subjects). */
  readonly address?: string;
  /**
   * Instances Terraform creates: 1 without count/for_each; unresolved when count/for_each cannot be
   * evaluated at synth.
   */
  readonly copies?: Checked<number>;
  /** For one instance of a block with count/for_each (judged instance by instance): the block's address. */
  readonly instanceOf?: string;
  /** For what an AutomationIdentity rendered: its construct path and every address it rendered. */
  readonly identity?: { readonly path: string; readonly addresses: readonly string[] };
  /** The `provider` meta-argument as written (`gitlab.other`), when the block names a provider configuration. */
  readonly provider?: string;
}

/** A token resource: access, personal, service-account, deploy or trigger token. */
export interface TokenCredential extends Located {
  readonly subject: 'token';
  /** Terraform resource type, e.g. `gitlab_project_access_token`. */
  readonly resourceType: string;
  readonly kind: IdentityKind;
  /** The plan of the AutomationIdentity that rendered it; absent for raw resources. */
  readonly plan?: IdentityPlan;
  readonly name?: Checked<string>;
  /** Absent for kinds without scopes (pipeline triggers). */
  readonly scopes?: Checked<readonly string[]>;
  /** The literal entries of a scope list that also holds computed ones (judged even then). */
  readonly literalScopes?: readonly string[];
  /** Absent when not set (project and group tokens then default to maintainer). */
  readonly accessLevel?: Checked<string>;
  readonly expiresAt?: Checked<string>;
  readonly rotation?: {
    readonly expirationDays?: Checked<number>;
    readonly rotateBeforeDays?: Checked<number>;
    /** A service-account token without expiration_days: each rotation lasts the provider's 7 days. */
    readonly expirationDaysDefaulted?: boolean;
  };
  /** `lifecycle.replace_triggered_by` is set: the token is replaced on a schedule. */
  readonly replacedOnSchedule: boolean;
  /** Lifetime and rotate-before known from an AutomationIdentity's plan (deploy and trigger tokens). */
  readonly plannedLifetimeDays?: number;
  readonly plannedRotateBeforeDays?: number;
  /** Personal access tokens: whether `user_id` references a service account resource. */
  readonly userIsServiceAccount?: boolean;
  /** What the token is granted on: its project, group or user (a path, an id or an expression). */
  readonly target?: { readonly type: 'project' | 'group' | 'user'; readonly value: string };
  /** Tokens of a user: who (`service account <address>`, `user <id>`, or the expression). */
  readonly user?: Checked<string>;
  /** Tokens replaced on a time_rotating schedule: its `rotation_days`. */
  readonly scheduleDays?: Checked<number>;
  /** Pipeline triggers: the token name their description starts with (`<name>: <owner>/<purpose>: ...`). */
  readonly triggerName?: string;
  /** Scheduled tokens: days `expires_at` adds to the roll-over (`timeadd(..., "336h")`), when literal. */
  readonly scheduleOffsetDays?: number;
}

/** A CI/CD variable. */
export interface VariableCredential extends Located {
  readonly subject: 'variable';
  readonly resourceType: string;
  /** The plan of the AutomationIdentity that rendered the variable (its deliverTo); absent for raw variables. */
  readonly plan?: IdentityPlan;
  readonly key?: Checked<string>;
  /** Whether the value references a token's secret. */
  readonly holdsToken: boolean;
  /** Terraform addresses (`type.name`) of the tokens whose secret the value holds. */
  readonly tokenAddresses?: readonly string[];
  /** The project or group path the variable belongs to (absent for instance variables). */
  readonly owner?: string;
  readonly environmentScope?: string;
  readonly masked?: Checked<boolean>;
  /** `null` where the resource type has no `hidden` attribute (instance variables). */
  readonly hidden?: Checked<boolean> | null;
  readonly protected?: Checked<boolean>;
  /**
   * A variable an overlapping identity delivers to: whether its value is the library's choice of the slot that
   * expires later (a conditional over the two slots' roll-over instants, each token with its own slot's).
   */
  readonly deliversLaterSlot?: boolean;
}

/** A Terraform output. */
export interface OutputCredential extends Located {
  readonly subject: 'output';
  readonly holdsToken: boolean;
  /** Terraform addresses (`type.name`) of the tokens whose secret the value holds. */
  readonly tokenAddresses?: readonly string[];
  readonly sensitive: boolean;
}

/** A membership of a service account: rendered by an AutomationIdentity (with its plan) or written by hand. */
export interface MembershipCredential extends Located {
  readonly subject: 'membership';
  readonly resourceType: string;
  readonly plan?: IdentityPlan;
  readonly accessLevel?: Checked<string>;
  /** The project or group path the membership is on. */
  readonly target?: { readonly type: 'project' | 'group'; readonly value: Checked<string> };
  /** Who is a member (`service account <address>`, `user <id>`). */
  readonly user?: Checked<string>;
}

/**
 * Any other grant: a group share, a job-token allowlist entry, a deploy key, a runner or an LDAP/SAML link.
 * Described so the inventory lists it and the gate sees it move.
 */
export interface GrantCredential extends Located {
  readonly subject: 'grant';
  readonly resourceType: string;
  readonly what: string;
  readonly plan?: IdentityPlan;
  readonly target?: { readonly type: 'project' | 'group'; readonly value: Checked<string> };
  /** Who receives the grant: `project acme/app`, `group acme`, `key ...`. */
  readonly grantees: readonly Checked<string>[];
  readonly role?: Checked<string>;
}

/** A secret GitLab mints that is not an automation token: cluster agent, runner, OAuth application. */
export interface SecretCredential extends Located {
  readonly subject: 'secret';
  readonly resourceType: string;
  readonly what: string;
  readonly target?: { readonly type: 'project' | 'group'; readonly value: Checked<string> };
}

/** A secret written into an attribute that is not a secret store: a finding by construction (GLID-023). */
export interface SinkCredential extends Located {
  readonly subject: 'sink';
  /** `gitlab_repository_file.content`, `module.x input y`, ... */
  readonly place: string;
  /** The attribute (or module input) written, for `check`'s line. */
  readonly attribute?: string;
  /** Addresses of the secrets that reach it (with their stack when it is another). */
  readonly secrets: readonly string[];
}

/**
 * A module call the checks cannot read: a remote source (registry, git, URL), or a local one whose files are
 * not given to them (cdktf's TerraformHclModule). What it creates is not checked, so it is reported as
 * unverifiable (GLID-022), whatever it holds; its inputs are still sinks (GLID-023).
 */
export interface ModuleCallCredential extends Located {
  readonly subject: 'module';
  /** `module.<name>`. */
  readonly address: string;
  /** The `source` argument as written (absent when it is missing or not a string). */
  readonly source?: string;
}

/** An attribute that decides privilege, lifetime, target or secrecy, left unverifiable (GLID-022). */
export interface UnverifiableAttribute {
  readonly attribute: string;
  readonly reason: string;
}

/** A service account resource (group or instance): who it is, and the email GitLab must confirm. */
export interface ServiceAccountCredential extends Located {
  readonly subject: 'service-account';
  readonly resourceType: string;
  readonly plan?: IdentityPlan;
  /** Absent when GitLab generates the address (no confirmation needed). */
  readonly email?: Checked<string>;
}

/**
 * A stack's GitLab provider requirement, read from the Terraform JSON the stack writes (overrides included),
 * with whether the stack rotates tokens through the provider.
 */
export interface ProviderRequirementCredential {
  readonly subject: 'provider-requirement';
  /** The stack's construct path. */
  readonly path: string;
  /** `terraform.required_providers.gitlab.version`; absent when no version is required (any version). */
  readonly constraint?: Checked<string>;
  /** Token resources with `rotation_configuration` in the stack (type.name addresses), sorted. */
  readonly rotatingTokens: readonly string[];
}

export type Credential =
  | TokenCredential
  | VariableCredential
  | OutputCredential
  | MembershipCredential
  | GrantCredential
  | SecretCredential
  | SinkCredential
  | ModuleCallCredential
  | ServiceAccountCredential
  | ProviderRequirementCredential;

/** A credential with the decision attributes the engine could not verify. */
export type Described = Credential & { readonly unverifiable?: readonly UnverifiableAttribute[] };
