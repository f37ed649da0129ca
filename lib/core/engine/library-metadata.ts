/**
 * The copy of each identity's plan that the construct layer writes into the stack's JSON
 * (`"//": { "gitlab-identity": { "identities": { ... } } }`), so that tools reading only `cdk.tf.json`
 * (`gitlab-identity diff`) can label entries with owner, purpose and rationale. It is written by the merge
 * request's own code, so it is never trusted to relax anything: escalations are computed from the resources.
 */
import { isIdentityKind } from '../identity-kind';
import { IdentityPlan } from '../plan-identity';
import { IdentityBinding } from './describe-stack';
import { TerraformConfig, isObject, libraryComment } from './terraform-config';

function looksLikePlan(plan: unknown): plan is IdentityPlan {
  return isObject(plan) && isIdentityKind(plan.kind) && typeof plan.name === 'string' && typeof plan.owner === 'string' &&
    typeof plan.purpose === 'string' && Array.isArray(plan.grants) && Array.isArray(plan.findings) && Array.isArray(plan.rationale) &&
    Array.isArray(plan.scopes) && Array.isArray(plan.capabilities) && Array.isArray(plan.labels) && isObject(plan.runtime) && isObject(plan.reach);
}

/** The identities a stack's JSON says it holds; malformed entries are left out (their resources count as hand-written). */
export function bindingsFromConfig(config: TerraformConfig): IdentityBinding[] {
  const identities = libraryComment(config).identities;
  if (!isObject(identities)) return [];
  const bindings: IdentityBinding[] = [];
  for (const key of Object.keys(identities).sort()) {
    const entry = identities[key];
    if (!isObject(entry) || typeof entry.path !== 'string' || !looksLikePlan(entry.plan) || !Array.isArray(entry.addresses)) continue;
    bindings.push({ path: entry.path, plan: entry.plan, addresses: entry.addresses.filter((a): a is string => typeof a === 'string') });
  }
  return bindings;
}
