/**
 * Random identity declarations for property tests: the construct layer's invariants and the Terraform
 * tier's sample share one generator, so every shape the properties cover is also loaded by Terraform.
 */
import fc from 'fast-check';
import {
  ALL_CAPABILITIES,
  AutomationIdentity,
  AutomationIdentityProps,
  Capability,
  Delivery,
  IdentityPolicy,
  Reach,
  Runtime,
  isIdentityError,
  planIdentity,
} from '../../lib';
import { synth, userStack } from '../constructs/support';

const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/);
const projectPath = fc.tuple(fc.constantFrom('acme', 'acme', 'tools'), segment).map(([g, p]) => `${g}/${p}`);
const namePart = fc.stringMatching(/^[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,5})?$/);

export interface Spec {
  readonly owner: string;
  readonly purpose: string;
  readonly ci: boolean;
  readonly source: string;
  readonly reach: { type: 'project'; path: string } | { type: 'projects'; paths: string[] } | { type: 'group'; path: string; count: number };
  readonly capabilities: Capability[];
  readonly serviceAccounts: boolean;
  readonly deliver: boolean;
  readonly protectedDelivery: boolean;
  readonly lifetime: number;
  readonly rotateBefore: number;
}

export const spec: fc.Arbitrary<Spec> = fc.record({
  owner: namePart,
  purpose: namePart,
  ci: fc.boolean(),
  source: projectPath,
  reach: fc.oneof(
    projectPath.map((path) => ({ type: 'project' as const, path })),
    fc.uniqueArray(projectPath, { minLength: 1, maxLength: 3, selector: (p) => p.toLowerCase() }).map((paths) => ({ type: 'projects' as const, paths })),
    fc.tuple(fc.constantFrom('acme', 'acme/sub', 'tools'), fc.integer({ min: 1, max: 400 })).map(([path, count]) => ({ type: 'group' as const, path, count })),
  ),
  capabilities: fc.uniqueArray(fc.constantFrom(...ALL_CAPABILITIES), { minLength: 1, maxLength: 4 }),
  serviceAccounts: fc.boolean(),
  deliver: fc.boolean(),
  protectedDelivery: fc.boolean(),
  lifetime: fc.integer({ min: 2, max: 90 }),
  rotateBefore: fc.integer({ min: 1, max: 89 }),
});

export function props(s: Spec): AutomationIdentityProps {
  const policy: IdentityPolicy = { serviceAccountsAvailable: s.serviceAccounts };
  return {
    owner: s.owner,
    purpose: s.purpose,
    runtime: s.ci ? Runtime.ciPipeline(s.source) : Runtime.external(),
    reach: s.reach.type === 'project' ? Reach.project(s.reach.path)
      : s.reach.type === 'projects' ? Reach.projects(s.reach.paths)
        : Reach.group(s.reach.path, { projectCount: s.reach.count }),
    capabilities: s.capabilities,
    policy,
    lifetimeDays: s.lifetime,
    rotateBeforeDays: Math.min(s.rotateBefore, s.lifetime - 1),
    botUserId: 77,
  };
}

/** Declares the identity; undefined when the spec is one the library rightly refuses (checked separately). */
export function declare(s: Spec): { out: string; identity: AutomationIdentity } | undefined {
  const base = props(s);
  const stack = userStack();
  try {
    // The CI job token has nothing to deliver: ask for a delivery only where there is a secret.
    const deliverTo = s.deliver && planIdentity(base).kind !== 'ci-job-token'
      ? Delivery.ciVariable({ project: 'acme/ops', key: 'TOKEN', protected: s.protectedDelivery })
      : undefined;
    const identity = new AutomationIdentity(stack, 'identity', { ...base, deliverTo });
    return { out: synth(stack), identity };
  } catch (e) {
    // The one refusal a valid spec can meet: a service account across two top-level groups.
    if (isIdentityError(e) && e.code === 'REACH_SPANS_TOP_LEVEL_GROUPS') return undefined;
    throw e;
  }
}
