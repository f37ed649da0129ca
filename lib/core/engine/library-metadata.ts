/**
 * What the construct layer writes about each identity into the stack's JSON
 * (`"//": { "gitlab-identity": { "identities": { <id>: { path, addresses, request } } } }`), so that tools
 * reading only `cdk.tf.json` (`gitlab-identity diff`) can group resources per identity and label them with
 * owner, purpose and rationale. Only the declared request is written (a few hundred bytes, as a JSON string
 * that cdktf's token resolver passes over cheaply); tools plan it again with `planIdentity`. The merge
 * request's own code writes it, so it is never trusted to relax anything: escalations come from resources.
 */
import { IdentityRequest } from '../identity-request';
import { IdentityPlan, planIdentity } from '../plan-identity';
import { policyDifferences, resolvePolicy } from '../policy';
import { Reach, ReachType } from '../reach';
import { Runtime, RuntimeType } from '../runtime';
import { IdentityBinding } from './describe-stack';
import { RENDERED_TYPES } from './resource-catalogue';
import { TerraformConfig, isObject, libraryComment } from './terraform-config';

/** The declared request as written into the JSON: plain values, the policy resolved. */
export function requestRecord(request: IdentityRequest): string {
  const email = request.contactEmail;
  return JSON.stringify({
    owner: request.owner,
    purpose: request.purpose,
    runtime: request.runtime.describe(),
    reach: request.reach.describe(),
    capabilities: request.capabilities,
    lifetimeDays: request.lifetimeDays,
    rotateBeforeDays: request.rotateBeforeDays,
    accessLevel: request.accessLevel,
    botUserId: request.botUserId,
    // A Terraform reference cannot be replanned (and the resolver would rewrite it inside this string).
    contactEmail: typeof email === 'string' && !email.includes('${') ? email : undefined,
    serviceAccountGroup: request.serviceAccountGroup,
    serviceAccountUsername: request.serviceAccountUsername,
    // Only what differs from the defaults: the same policy is written once per identity, in every stack.
    policy: policyDifferences(resolvePolicy(request.policy)),
  });
}

function runtimeOf(value: unknown): Runtime {
  const r = isObject(value) ? value : {};
  return r.type === RuntimeType.CI_PIPELINE ? Runtime.ciPipeline(r.sourceProject as string) : Runtime.external();
}

function reachOf(value: unknown): Reach {
  const r = isObject(value) ? value : {};
  if (r.type === ReachType.GROUP) return Reach.group(r.group as string, { projectCount: r.projectCount as number });
  const projects = (Array.isArray(r.projects) ? r.projects : []) as string[];
  return projects.length === 1 ? Reach.project(projects[0]) : Reach.projects(projects);
}

/** The plan of a written request, or undefined when it does not plan (malformed or hand-edited). */
function planOf(text: string): IdentityPlan | undefined {
  try {
    const r = JSON.parse(text) as Record<string, unknown>;
    return planIdentity({ ...(r as unknown as IdentityRequest), runtime: runtimeOf(r.runtime), reach: reachOf(r.reach) });
  } catch {
    return undefined;
  }
}

/** The identities a stack's JSON says it holds, planned again; entries that do not plan are left out (their resources count as hand-written). */
export function bindingsFromConfig(config: TerraformConfig): IdentityBinding[] {
  const identities = libraryComment(config).identities;
  if (!isObject(identities)) return [];
  const bindings: IdentityBinding[] = [];
  for (const key of Object.keys(identities).sort()) {
    const entry = identities[key];
    if (!isObject(entry) || typeof entry.path !== 'string' || typeof entry.request !== 'string' || !Array.isArray(entry.addresses)) continue;
    const plan = planOf(entry.request);
    const rendered = (a: unknown): a is string => typeof a === 'string' && RENDERED_TYPES.has(a.split('.')[0]);
    if (plan) bindings.push({ path: entry.path, plan, addresses: entry.addresses.filter(rendered) });
  }
  return bindings;
}
