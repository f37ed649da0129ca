/**
 * What the construct layer writes about each identity into the stack's JSON, so that tools reading only
 * `cdk.tf.json` (`gitlab-identity diff`) can group resources per identity and label them with owner,
 * purpose and rationale:
 * `"//": { "gitlab-identity": { "identities": { "<identity path>": "<record>" } } }`, where the record is a
 * JSON string `{"rendered": [<construct ids under the identity>], "request": <the declared request>}`.
 * One string per identity: cdktf resolves a stack's JSON twice and walks every object and array in it, so
 * the record costs one string scan instead of a tree walk (at 10,000 identities the metadata was a quarter
 * of the JSON). Only the declared request is written; tools plan it again with `planIdentity`. The merge
 * request's own code writes it, so it is never trusted to relax anything: escalations come from resources.
 * The older form (`{ path, addresses, request }` objects) is still read, for trees synthesized by earlier releases.
 */
import { IdentityRequest } from '../identity-request';
import { IdentityPlan, planIdentity } from '../plan-identity';
import { policyDifferences, resolvePolicy } from '../policy';
import { Reach, ReachType } from '../reach';
import { Runtime, RuntimeType } from '../runtime';
import { IdentityBinding } from './describe-stack';
import { RENDERED_TYPES } from './resource-catalogue';
import { TerraformConfig, blocksOf, isObject, libraryComment } from './terraform-config';

/** The declared request as written into the JSON: plain values, the policy resolved. */
export function requestRecord(request: IdentityRequest): string {
  return JSON.stringify(requestFields(request));
}

function requestFields(request: IdentityRequest): object {
  const email = request.contactEmail;
  return {
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
    overlap: request.overlap,
    // Only what differs from the defaults: the same policy is written once per identity, in every stack.
    policy: policyDifferences(resolvePolicy(request.policy)),
  };
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

/** The record of one identity: the construct ids it rendered (relative to it) and its declared request. */
export function identityRecord(request: IdentityRequest, renderedIds: readonly string[]): string {
  // One JSON.stringify, so the record is one flat string (a concatenation would be a rope that cdktf's
  // resolver flattens into a copy, twice per synth).
  return JSON.stringify({ rendered: renderedIds, request: requestFields(request) });
}

const isRendered = (a: unknown): a is string => typeof a === 'string' && RENDERED_TYPES.has(a.split('.')[0]);

/** An entry as written now (a record string keyed by path), or as 0.x wrote it; undefined when malformed. */
function entryOf(key: string, entry: unknown, addressAt: ReadonlyMap<string, string>): { path: string; request: string; addresses: string[] } | undefined {
  if (typeof entry === 'string') {
    try {
      const record = JSON.parse(entry) as unknown;
      if (!isObject(record) || !isObject(record.request) || !Array.isArray(record.rendered)) return undefined;
      const addresses = record.rendered.flatMap((id) => (typeof id === 'string' ? [addressAt.get(`${key}/${id}`)] : [])).filter(isRendered);
      return { path: key, request: JSON.stringify(record.request), addresses };
    } catch {
      return undefined;
    }
  }
  if (!isObject(entry) || typeof entry.path !== 'string' || typeof entry.request !== 'string' || !Array.isArray(entry.addresses)) return undefined;
  return { path: entry.path, request: entry.request, addresses: entry.addresses.filter(isRendered) };
}

/** The identities a stack's JSON says it holds, planned again; entries that do not plan are left out (their resources count as hand-written). */
export function bindingsFromConfig(config: TerraformConfig): IdentityBinding[] {
  const identities = libraryComment(config).identities;
  if (!isObject(identities)) return [];
  const addressAt = new Map(blocksOf(config, 'resource').map((b) => [b.path, b.address]));
  const bindings: IdentityBinding[] = [];
  for (const key of Object.keys(identities).sort()) {
    const entry = entryOf(key, identities[key], addressAt);
    const plan = entry ? planOf(entry.request) : undefined;
    if (entry && plan) bindings.push({ path: entry.path, plan, addresses: entry.addresses });
  }
  return bindings;
}
