/**
 * Where a token's secret goes: a masked, hidden, protected CI/CD variable of a project or a group.
 * Nothing else is offered on purpose: a secret in a Terraform output or file is a secret in plain text.
 */
import { Token } from 'cdktf';
import { errors, validatePath } from '../core';
import { constructErrors } from './errors';

/** GitLab CI/CD variable keys: letters, digits and `_`, at most 255 characters. */
const VARIABLE_KEY = /^[A-Za-z0-9_]{1,255}$/;

export interface CiVariableDeliveryOptions {
  /** Full path of the project that runs the automation and reads the variable. */
  readonly project: string;
  /** Variable key, for example `TRIAGE_TOKEN`. Letters, digits and `_`. */
  readonly key: string;
  /**
   * Environment scope of the variable.
   * @default '*'
   */
  readonly environmentScope?: string;
  /**
   * Expose the variable only to pipelines on protected branches and tags. Turn it off only for
   * automations that must run in merge-request pipelines on unprotected branches (such as Danger).
   * @default true
   */
  readonly protected?: boolean;
}

export interface GroupVariableDeliveryOptions {
  /** Full path of the group whose projects read the variable. */
  readonly group: string;
  /** Variable key. Letters, digits and `_`. */
  readonly key: string;
  /** @default '*' */
  readonly environmentScope?: string;
  /** @default true */
  readonly protected?: boolean;
}

export enum DeliveryTargetType {
  PROJECT_VARIABLE = 'project-variable',
  GROUP_VARIABLE = 'group-variable',
}

/** Brands Delivery values of every copy of the library in one process. */
const DELIVERY_BRAND = Symbol.for('cdktf-gitlab-identity.Delivery');

/**
 * A destination for an identity's secret. Always `masked`, `hidden` and `raw`; `protected` unless turned
 * off. Deploy tokens also deliver their username as `<KEY>_USERNAME`.
 *
 * @example Delivery.ciVariable({ project: 'gitlab-org/gitlab', key: 'ALLURE_REPORT_TOKEN' })
 */
export class Delivery {
  /** A project CI/CD variable. */
  public static ciVariable(options: CiVariableDeliveryOptions): Delivery {
    const o = optionsObject(options, 'Delivery.ciVariable', "{ project: 'group/project', key: 'MY_TOKEN' }");
    const project = literalPath(o.project, 'project', 'deliverTo.project');
    return new Delivery(DeliveryTargetType.PROJECT_VARIABLE, project, key(o.key), scope(o.environmentScope), flag(o.protected));
  }

  /** A group CI/CD variable, for automations that run in several projects of a group. */
  public static groupVariable(options: GroupVariableDeliveryOptions): Delivery {
    const o = optionsObject(options, 'Delivery.groupVariable', "{ group: 'group', key: 'MY_TOKEN' }");
    const group = literalPath(o.group, 'group', 'deliverTo.group');
    return new Delivery(DeliveryTargetType.GROUP_VARIABLE, group, key(o.key), scope(o.environmentScope), flag(o.protected));
  }

  public static isDelivery(value: unknown): value is Delivery {
    // Also from another copy of the library in the same app (its own class, the same brand).
    return value instanceof Delivery || (typeof value === 'object' && value !== null && DELIVERY_BRAND in value);
  }

  /** Whether the variable is exposed only to protected branches and tags. */
  public readonly protected: boolean;

  private constructor(
    public readonly type: DeliveryTargetType,
    /** Project or group full path. */
    public readonly target: string,
    public readonly key: string,
    public readonly environmentScope: string,
    protectedOnly: boolean,
  ) {
    Object.defineProperty(this, DELIVERY_BRAND, { value: true });
    this.protected = protectedOnly;
    Object.freeze(this);
  }

  /** `project:key:scope` or `group:key:scope`: what must be unique app-wide. */
  public get identityKey(): string {
    return `${this.type === DeliveryTargetType.PROJECT_VARIABLE ? 'project' : 'group'} ${this.target.toLowerCase()} key ${this.key} (scope ${this.environmentScope})`;
  }

  /** Plain description for plans and inventories. Never holds a value. */
  public describe() {
    return Object.freeze({ type: this.type, target: this.target, key: this.key, environmentScope: this.environmentScope, protected: this.protected });
  }

  /** The same delivery with another key (per-target tokens and deploy-token usernames). */
  public withKey(newKey: string): Delivery {
    return new Delivery(this.type, this.target, key(newKey), this.environmentScope, this.protected);
  }
}

/**
 * The path must be written out: it is part of the variable's construct ID (and so of its Terraform address),
 * and a token's placeholder would change whenever unrelated code creates tokens earlier.
 */
function literalPath(value: unknown, kind: 'project' | 'group', field: string): string {
  if (Token.isUnresolved(value)) {
    throw constructErrors.invalidDeliveryOption(field, `a ${kind} path written out, not a Terraform reference`, 'a reference',
      `Write the path, for example '${kind === 'project' ? 'gitlab-org/gitlab' : 'gitlab-org'}': it names the variable's construct and Terraform address.`);
  }
  return validatePath(value, kind, field);
}

function optionsObject(value: unknown, factory: string, example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw errors.invalidType('deliverTo', 'an options object', value, `Call ${factory}(${example}).`);
  }
  return value as Record<string, unknown>;
}

function key(value: unknown): string {
  if (typeof value !== 'string' || !VARIABLE_KEY.test(value)) throw constructErrors.invalidDeliveryKey('deliverTo.key', value);
  return value;
}

function scope(value: unknown): string {
  if (value === undefined) return '*';
  if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) {
    throw constructErrors.invalidDeliveryOption('deliverTo.environmentScope', "an environment name or pattern such as 'production' or 'review/*'", value, "Omit it for '*'.");
  }
  return value;
}

function flag(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw constructErrors.invalidDeliveryOption('deliverTo.protected', 'true or false', value, 'Use a boolean.');
  return value;
}
