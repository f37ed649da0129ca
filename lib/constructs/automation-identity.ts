/**
 * `AutomationIdentity`: one per automation. Plans the least-privilege identity with the core, renders it
 * as provider resources, and delivers the secret where the automation reads it.
 */
import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { GroupVariable } from '@cdktf/provider-gitlab/lib/group-variable';
import { ProjectHook } from '@cdktf/provider-gitlab/lib/project-hook';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import {
  Capability,
  IdentityKind,
  IdentityPlan,
  IdentityRequest,
  errors,
  isIdentityError,
  planIdentity,
  samePath,
} from '../core';
import { claimDelivery, claimTokenNames, claimUsername } from './app-registry';
import { pathId } from './construct-ids';
import { Delivery, DeliveryTargetType } from './delivery';
import { constructErrors } from './errors';
import { IDENTITY_BRAND, brand, isBrandedIdentity } from './brands';
import { ensureAppChecks } from './policy/app-checks';
import { IssuedToken, renderPlan } from './render';
import { IdentityStackSupport } from './stack-support';

/** A webhook that GitLab calls before a project access token expires. */
export interface NotifyExpiryOptions {
  /** https:// URL that receives GitLab's "Resource Access Token Hook" events. */
  readonly url: string;
  /**
   * Secret GitLab sends in `X-Gitlab-Token`, for the receiver to verify. Pass a sensitive reference.
   * @default - none
   */
  readonly secretToken?: string;
}

export interface AutomationIdentityProps extends IdentityRequest {
  /**
   * Where the secret goes: one or several CI/CD variables. Identities with one token per project write
   * one variable per token, with the project's suffix appended to the key (`KEY_GITALY`). Deploy tokens
   * also write `<KEY>_USERNAME`.
   * @default - no delivery; read `token` yourself (it is a sensitive reference)
   */
  readonly deliverTo?: Delivery | readonly Delivery[];
  /**
   * Create the `automation:bot-authored` label on each reached project (or the reached group). Only for
   * merge-request bots (api:write with repository:write).
   * @default false
   */
  readonly ensureBotAuthoredLabel?: boolean;
  /**
   * A project webhook for token expiry events. Project access tokens only.
   * @default - none; GitLab still emails the project's maintainers
   */
  readonly notifyExpiry?: NotifyExpiryOptions;
}

/**
 * The least-privilege GitLab identity for one automation, declared by what the automation does.
 *
 * Child construct IDs are a contract (renaming one recreates a token): `Token`, `ServiceAccount`,
 * `Membership-<path>`, `DeployToken-<path>`, `Trigger-<path>`, `Allowlist-<path>`, `Rotation`,
 * `Variable-<project|group>-<path>-<KEY>[-<scope>]`, `ExpiryHook`, where `<path>` is the lowercase full path
 * with `~` for `/`.
 *
 * @example
 * new AutomationIdentity(stack, 'allure-report', {
 *   owner: 'quality', purpose: 'allure-report',
 *   runtime: Runtime.ciPipeline('gitlab-org/gitlab'), reach: Reach.project('gitlab-org/gitlab'),
 *   capabilities: [Capability.API_TRIAGE],
 *   deliverTo: Delivery.ciVariable({ project: 'gitlab-org/gitlab', key: 'ALLURE_REPORT_TOKEN' }),
 * });
 */
export class AutomationIdentity extends Construct {
  /** True for AutomationIdentity instances (also from another copy of this library). */
  public static isAutomationIdentity(x: unknown): x is AutomationIdentity {
    return isBrandedIdentity(x);
  }

  /** The identity that rendered `construct`, or undefined when the library did not create it for one. */
  public static renderedBy(construct: IConstruct): AutomationIdentity | undefined {
    for (let s = construct.node.scope; s; s = s.node.scope) {
      if (AutomationIdentity.isAutomationIdentity(s)) return s.renderedResources.includes(construct) ? s : undefined;
    }
    return undefined;
  }

  /** The decision: kind, scopes, role, grants, lifetime, rationale and findings. */
  public readonly plan: IdentityPlan;
  /** The deliveries of this identity (descriptions, never values). */
  public readonly deliveries: readonly Delivery[];
  /** Service-account plans: the top-level group owning the account. */
  public readonly serviceAccountGroup?: string;
  /** Service-account plans: the account's username (explicit, or `<top-level group>_<name>`). */
  public readonly serviceAccountUsername?: string;
  /**
   * The constructs the identity rendered itself. Anything a user adds under an identity afterwards is not
   * the identity's: the checks and the inventory treat it as a hand-written resource, so it cannot hide there.
   */
  public readonly renderedResources: readonly IConstruct[];
  private readonly issued: readonly IssuedToken[];

  public constructor(scope: Construct, id: string, props: AutomationIdentityProps) {
    super(scope, id);
    brand(this, IDENTITY_BRAND);
    // Errors in what was declared name this construct: `[team/bot] \`lifetimeDays\` must be ...`.
    const here = <T>(check: () => T): T => {
      try {
        return check();
      } catch (e) {
        throw isIdentityError(e) ? e.at(this.node.path) : e;
      }
    };
    if (props === null || typeof props !== 'object') {
      throw errors.invalidType('props', 'an AutomationIdentityProps object', props, 'Pass owner, purpose, runtime, reach and capabilities.').at(this.node.path);
    }
    this.plan = here(() => planIdentity(props));
    const plan = this.plan;
    this.deliveries = here(() => validateDeliveries(props.deliverTo, plan, this.node.path));
    const ensureLabel = here(() => validateEnsureLabel(props.ensureBotAuthoredLabel, plan));
    here(() => validateNotifyExpiry(props.notifyExpiry, plan));
    // Decided by the plan, so that `gitlab-identity explain` and the construct always agree.
    this.serviceAccountGroup = plan.serviceAccountGroup;
    this.serviceAccountUsername = plan.serviceAccountUsername;

    // Token names first: two identities with one name are that error, not a username clash that follows from it.
    claimTokenNames(this, [plan.name, ...plan.grants.flatMap((g) => (g.tokenName ? [g.tokenName] : []))]);
    if (this.serviceAccountUsername !== undefined) claimUsername(this, this.serviceAccountUsername);

    const support = IdentityStackSupport.of(this);
    this.issued = Object.freeze(
      renderPlan({
        scope: this, plan, support,
        serviceAccountGroup: this.serviceAccountGroup, serviceAccountUsername: this.serviceAccountUsername,
      }),
    );
    this.deliver();
    if (ensureLabel) for (const g of plan.grants) support.ensureBotAuthoredLabel(g.targetType, g.target);
    if (props.notifyExpiry) this.addExpiryHook(props.notifyExpiry);
    this.renderedResources = Object.freeze(this.node.findAll().filter((c) => c !== this));
    // The plan travels with the stack's JSON, for tools that read only cdk.tf.json (gitlab-identity diff).
    support.recordIdentity(this, props);
    // An over-privileged plan fails synth even without IdentityPolicyChecks (DESIGN.md §4), unless suppressed:
    // the App validation enforces the plan's errors in every stack.
    ensureAppChecks(this);
  }

  /**
   * The secret, as a reference to the provider's sensitive `token` attribute: usable in variables and
   * other resources, never printed. Throws for the CI job token (no secret) and for identities with one
   * token per project (use {@link tokenFor}).
   */
  public get token(): string {
    if (this.plan.kind === IdentityKind.CI_JOB_TOKEN) {
      throw constructErrors.noSingleToken(this.node.path, 'a CI job token has no stored secret; jobs read $CI_JOB_TOKEN');
    }
    if (this.issued.length !== 1) {
      throw constructErrors.noSingleToken(this.node.path, `this ${this.plan.kind} identity has one token per project (${this.issued.length})`);
    }
    return this.issued[0].value;
  }

  /** The secret of the token for one reached project (or group), for identities with per-project tokens. */
  public tokenFor(target: string): string {
    return this.issuedFor(target).value;
  }

  /** The username of a deploy token (for `docker login` and git), for the given reached project or group. */
  public usernameFor(target: string): string {
    const username = this.issuedFor(target).username;
    if (username === undefined) throw constructErrors.noUsername(this.node.path, this.plan.kind);
    return username;
  }

  /** Token names this identity creates, one per token (both slots' of an overlapping identity). */
  public get tokenNames(): readonly string[] {
    return this.issued.flatMap((t) => t.slotNames ?? [t.tokenName]);
  }

  /** The token for a reached project or group: its own for per-project tokens, else the one token. */
  private issuedFor(target: string): IssuedToken {
    const reached = this.plan.grants.map((g) => g.target);
    if (typeof target !== 'string' || !reached.some((r) => samePath(r, target))) {
      throw constructErrors.unknownTarget('target', target, reached);
    }
    if (this.issued.length === 0) throw constructErrors.noSingleToken(this.node.path, 'a CI job token has no stored secret; jobs read $CI_JOB_TOKEN');
    return this.issued.length === 1 ? this.issued[0] : (this.issued.find((t) => samePath(t.target, target)) as IssuedToken);
  }

  private deliver(): void {
    for (const delivery of this.deliveries) {
      for (const issued of this.issued) {
        // The plan decides each token's key suffix (one variable per token when there are several).
        const suffix = this.plan.grants.find((g) => g.tokenName === issued.tokenName)?.keySuffix ?? '';
        const tokenDelivery = delivery.withKey(`${delivery.key}${suffix}`);
        // Wired references (see wired-reference.ts): the variable is in the token's stack, and takes the whole value.
        this.writeVariable(tokenDelivery, issued.wiredValue, true, `Token ${issued.tokenName} (cdktf-gitlab-identity, ${this.plan.kind})`);
        if (issued.wiredUsername !== undefined) {
          this.writeVariable(tokenDelivery.withKey(`${tokenDelivery.key}_USERNAME`), issued.wiredUsername, false,
            `Username of deploy token ${issued.tokenName} (cdktf-gitlab-identity)`);
        }
      }
    }
  }

  private writeVariable(delivery: Delivery, value: string, secret: boolean, description: string): void {
    claimDelivery(this, delivery.identityKey);
    // Encoded: constructs turns '/' into '--', so 'review/x' and 'review--x' would clash unencoded.
    const scopeSuffix = delivery.environmentScope === '*' ? '' : `-${encodeURIComponent(delivery.environmentScope)}`;
    const common = {
      key: delivery.key,
      value,
      // A secret is masked in job logs and hidden in the UI (where the platform has hidden variables: 17.6);
      // raw so that `$` in it is never expanded.
      masked: secret,
      ...(this.plan.variablesNotHidden === undefined ? { hidden: secret } : {}),
      protected: delivery.protected,
      raw: true,
      environmentScope: delivery.environmentScope,
      description,
    };
    if (delivery.type === DeliveryTargetType.PROJECT_VARIABLE) {
      new ProjectVariable(this, `${pathId('Variable-project', delivery.target)}-${delivery.key}${scopeSuffix}`, { project: delivery.target, ...common });
    } else {
      new GroupVariable(this, `${pathId('Variable-group', delivery.target)}-${delivery.key}${scopeSuffix}`, { group: delivery.target, ...common });
    }
  }

  private addExpiryHook(options: NotifyExpiryOptions): void {
    new ProjectHook(this, 'ExpiryHook', {
      project: this.plan.grants[0].target,
      url: options.url,
      name: `${this.plan.name}-expiry`,
      description: `Expiry warnings for token ${this.plan.name} (cdktf-gitlab-identity)`,
      // Only token expiry events: push events default to on in GitLab, so turn them off explicitly.
      resourceAccessTokenEvents: true,
      pushEvents: false,
      enableSslVerification: true,
      ...(options.secretToken !== undefined ? { token: options.secretToken } : {}),
    });
  }
}

function validateDeliveries(value: unknown, plan: IdentityPlan, path: string): readonly Delivery[] {
  if (value === undefined) return Object.freeze([]);
  const list: unknown[] = Array.isArray(value) ? value : [value];
  list.forEach((d, i) => {
    if (!Delivery.isDelivery(d)) {
      throw errors.invalidType(Array.isArray(value) ? `deliverTo[${i}]` : 'deliverTo', 'a Delivery', d,
        "Create it with Delivery.ciVariable({ project, key }) or Delivery.groupVariable({ group, key }).");
    }
  });
  if (list.length > 0 && plan.kind === IdentityKind.CI_JOB_TOKEN) throw constructErrors.nothingToDeliver(path);
  return Object.freeze(list as Delivery[]);
}

function validateEnsureLabel(value: unknown, plan: IdentityPlan): boolean {
  if (value === undefined || value === false) return false;
  if (value !== true) throw errors.invalidType('ensureBotAuthoredLabel', 'true or false', value, 'Use a boolean.');
  if (plan.labels.length === 0) throw constructErrors.notAMergeRequestBot(plan.capabilities as Capability[]);
  return true;
}

function validateNotifyExpiry(value: NotifyExpiryOptions | undefined, plan: IdentityPlan): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object') {
    throw errors.invalidType('notifyExpiry', 'an options object', value, "Use { url: 'https://...' }.");
  }
  if (plan.kind !== IdentityKind.PROJECT_ACCESS_TOKEN) throw constructErrors.notifyExpiryNotSupported(plan.kind);
  if (!Token.isUnresolved(value.url) && (typeof value.url !== 'string' || !/^https:\/\/[^\s/]+(\/\S*)?$/.test(value.url))) {
    // Webhook URLs often carry a secret in their path or query: show only what identifies the host.
    throw constructErrors.invalidUrl('notifyExpiry.url', typeof value.url === 'string' ? value.url.replace(/^([a-z]*:?\/*[^/?#\s]*).*$/i, '$1...') : value.url);
  }
  if (value.secretToken !== undefined && !Token.isUnresolved(value.secretToken)) {
    throw constructErrors.literalSecret('notifyExpiry.secretToken');
  }
}
