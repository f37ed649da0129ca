/**
 * A neutral description of a credential, whoever declared it: an AutomationIdentity or a raw provider
 * resource. Rules judge these descriptions, so they can be tested without synthesizing anything.
 *
 * An attribute is absent (`undefined`), known, or unresolved (a Terraform expression computed at apply).
 * Rules never guess about unresolved values: they report that they cannot verify them.
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

/** A token resource: access, personal, service-account, deploy or trigger token. */
export interface TokenCredential {
  readonly subject: 'token';
  /** Construct path, for reports. */
  readonly path: string;
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
  readonly rotation?: { readonly expirationDays?: Checked<number>; readonly rotateBeforeDays?: Checked<number> };
  /** `lifecycle.replace_triggered_by` is set: the token is replaced on a schedule. */
  readonly replacedOnSchedule: boolean;
  /** Lifetime and rotate-before known from an AutomationIdentity's plan (deploy and trigger tokens). */
  readonly plannedLifetimeDays?: number;
  readonly plannedRotateBeforeDays?: number;
  /** Personal access tokens: whether `user_id` references a service account resource. */
  readonly userIsServiceAccount?: boolean;
  /** What the token is granted on: its project, group or user (a path, an id or an expression). */
  readonly target?: { readonly type: 'project' | 'group' | 'user'; readonly value: string };
}

/** A CI/CD variable. */
export interface VariableCredential {
  readonly subject: 'variable';
  readonly path: string;
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
}

/** A Terraform output. */
export interface OutputCredential {
  readonly subject: 'output';
  readonly path: string;
  readonly holdsToken: boolean;
  /** Terraform addresses (`type.name`) of the tokens whose secret the value holds. */
  readonly tokenAddresses?: readonly string[];
  readonly sensitive: boolean;
}

/** A membership of a service account: rendered by an AutomationIdentity (with its plan) or written by hand. */
export interface MembershipCredential {
  readonly subject: 'membership';
  readonly path: string;
  readonly resourceType: string;
  readonly plan?: IdentityPlan;
  readonly accessLevel?: Checked<string>;
}

/** A service account resource (group or instance): who it is, and the email GitLab must confirm. */
export interface ServiceAccountCredential {
  readonly subject: 'service-account';
  readonly path: string;
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
  | ServiceAccountCredential
  | ProviderRequirementCredential;
