/**
 * Brands shared by every copy of the library loaded in one process (`Symbol.for`), so that one copy finds
 * the identities, checks and stack support of another without `instanceof`, and without importing the
 * classes (which would make an import cycle of the policy layer and the identities it judges).
 */
import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import type { IdentityPlan, ResolvedPolicy } from '../core';

export const IDENTITY_BRAND = Symbol.for('cdktf-gitlab-identity.AutomationIdentity');
export const CHECKS_BRAND = Symbol.for('cdktf-gitlab-identity.IdentityPolicyChecks');
export const SUPPORT_BRAND = Symbol.for('cdktf-gitlab-identity.IdentityStackSupport');

/** What the policy layer reads of an AutomationIdentity, whichever copy of the library created it. */
export interface BrandedIdentity extends IConstruct {
  readonly plan: IdentityPlan;
  /** The resources the identity rendered itself (not what a user added under it). */
  readonly renderedResources: readonly IConstruct[];
}

/** What the policy layer reads of an IdentityPolicyChecks aspect. */
export interface BrandedChecks {
  readonly policy: ResolvedPolicy;
}

export function brand(target: object, symbol: symbol): void {
  Object.defineProperty(target, symbol, { value: true, enumerable: false });
}

export function isBrandedIdentity(x: unknown): x is BrandedIdentity {
  return typeof x === 'object' && x !== null && IDENTITY_BRAND in x;
}

export function isBrandedChecks(x: unknown): x is BrandedChecks {
  return typeof x === 'object' && x !== null && CHECKS_BRAND in x;
}

/** `type.name` of every Terraform resource the identity rendered. */
export function renderedAddresses(identity: BrandedIdentity): string[] {
  return identity.renderedResources
    .filter((r): r is TerraformResource => TerraformResource.isTerraformResource(r))
    .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
}
