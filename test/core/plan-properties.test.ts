/**
 * Property-based tests of `planIdentity` (DESIGN.md §3–5): for any valid request, the plan is least
 * privilege, monotone in the capabilities, deterministic, frozen, well named and self-consistent; for any
 * junk request, the only failure is an IdentityError.
 *
 * Requests are generated as plain data (`Spec`) and built into Runtime/Reach objects inside each property,
 * so that a shrunk counterexample prints readably.
 */
import fc from 'fast-check';
import { runs } from '../support/property-runs';
import {
  ACCESS_LEVEL_VALUE,
  ADMIN_SCOPES,
  ALL_ACCESS_LEVELS,
  ALL_CAPABILITIES,
  AccessLevel,
  CAPABILITY_ACCESS_LEVEL,
  Capability as C,
  DEPLOY_TOKEN_SCOPES,
  ErrorCode,
  IdentityKind as K,
  IdentityPlan,
  IdentityPolicy,
  IdentityRequest,
  JOB_TOKEN_ELIGIBLE,
  KIND_BLAST_RADIUS,
  KIND_HAS_ROLE,
  KIND_SCOPE_FAMILY,
  PlanRuleId,
  Reach,
  Runtime,
  SCOPES_ALLOWED_FOR_KIND,
  SCOPE_SUBSUMES,
  isIdentityError,
  planIdentity,
  resolvePolicy,
  scopesCover,
} from '../../lib/core';

const RUNS = 300;
const NAME_RULE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

// ---- request specs: plain data, built into a request per run ------------------------------------------

type RuntimeSpec = { readonly type: 'external' } | { readonly type: 'ci-pipeline'; readonly source: string };
type ReachSpec =
  | { readonly type: 'project'; readonly path: string }
  | { readonly type: 'projects'; readonly paths: readonly string[] }
  | { readonly type: 'group'; readonly path: string; readonly projectCount: number };

interface Spec {
  readonly owner: string;
  readonly purpose: string;
  readonly runtime: RuntimeSpec;
  readonly reach: ReachSpec;
  readonly capabilities: readonly C[];
  readonly policy?: IdentityPolicy;
  readonly botUserId: number;
}

/** A name part (owner or purpose) of at most `max` characters: words of a-z0-9 joined by single hyphens. */
const namePart = (max: number) =>
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { maxLength: 3 }))
    .map(([first, rest]) => [first, ...rest].join('-'))
    .filter((s) => s.length <= max);

/** A GitLab path segment: mostly plain, sometimes with capitals, '_' and '.', often colliding on purpose. */
const segment = fc
  .oneof(
    { weight: 2, arbitrary: fc.constantFrom('app', 'api', 'web', 'App', 'x_y', 'a.b', '_1', '9lives', 'web-') },
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,5}$/) },
  )
  .filter((s) => !s.endsWith('.') && !s.endsWith('.git') && !s.endsWith('.atom'));

const projectPath = fc.array(segment, { minLength: 2, maxLength: 3 }).map((s) => s.join('/'));
const groupPath = fc.array(segment, { minLength: 1, maxLength: 2 }).map((s) => s.join('/'));
// Mostly inside one top-level group, as a service account needs; sometimes across several (which it refuses).
const projectPathIn = (top: string) => fc.array(segment, { minLength: 1, maxLength: 2 }).map((s) => [top, ...s].join('/'));
const projectPaths = fc.oneof(
  { weight: 4, arbitrary: segment.chain((top) => fc.uniqueArray(projectPathIn(top), { minLength: 1, maxLength: 5, selector: (p) => p.toLowerCase() })) },
  { weight: 1, arbitrary: fc.uniqueArray(projectPath, { minLength: 1, maxLength: 5, selector: (p) => p.toLowerCase() }) },
);

const reachSpec: fc.Arbitrary<ReachSpec> = fc.oneof(
  projectPath.map((path): ReachSpec => ({ type: 'project', path })),
  projectPaths.map((paths): ReachSpec => ({ type: 'projects', paths })),
  fc
    .tuple(groupPath, fc.oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 500 })))
    .map(([path, projectCount]): ReachSpec => ({ type: 'group', path, projectCount })),
);

const reachedProjects = (reach: ReachSpec): readonly string[] =>
  reach.type === 'project' ? [reach.path] : reach.type === 'projects' ? reach.paths : [];

/** A reach and a runtime whose source project is sometimes one of the reached projects (any letter case). */
const reachAndRuntime: fc.Arbitrary<[ReachSpec, RuntimeSpec]> = reachSpec.chain((reach) => {
  const reached = reachedProjects(reach);
  const ci = (source: string): RuntimeSpec => ({ type: 'ci-pipeline', source });
  const runtimes: fc.Arbitrary<RuntimeSpec>[] = [fc.constant<RuntimeSpec>({ type: 'external' }), projectPath.map(ci)];
  if (reached.length > 0) {
    runtimes.push(fc.constantFrom(...reached).map(ci), fc.constantFrom(...reached).map((p) => ci(p.toUpperCase())));
  }
  return fc.tuple(fc.constant(reach), fc.oneof(...runtimes));
});

const DEPLOYABLE = ALL_CAPABILITIES.filter((c) => DEPLOY_TOKEN_SCOPES[c] !== null);
const JOB_TOKEN_ABLE = ALL_CAPABILITIES.filter((c) => JOB_TOKEN_ELIGIBLE[c]);

/** Non-empty capability sets, biased towards the small and special sets that the narrow kinds need. */
const capabilitiesArb: fc.Arbitrary<readonly C[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant([C.PIPELINE_TRIGGER]) },
  { weight: 2, arbitrary: fc.subarray([...DEPLOYABLE], { minLength: 1 }) },
  { weight: 2, arbitrary: fc.subarray([...JOB_TOKEN_ABLE], { minLength: 1 }) },
  { weight: 3, arbitrary: fc.subarray([...ALL_CAPABILITIES], { minLength: 1, maxLength: 3 }) },
  { weight: 3, arbitrary: fc.subarray([...ALL_CAPABILITIES], { minLength: 1 }) },
);

const policyArb: fc.Arbitrary<IdentityPolicy | undefined> = fc.option(
  fc.record(
    {
      serviceAccountsAvailable: fc.boolean(),
      allowGroupAccessTokens: fc.boolean(),
      smallGroupMaxProjects: fc.integer({ min: 0, max: 20 }),
      namePrefix: fc.constantFrom('', 'acme-'),
      // Platforms that offer every kind: there a reach across top-level groups becomes an instance service
      // account (test/core/platform.test.ts covers the other platforms).
      platform: fc.constantFrom<IdentityPolicy['platform']>({ offering: 'self-managed', tier: 'premium' }, { offering: 'dedicated', tier: 'ultimate' }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const specArb: fc.Arbitrary<Spec> = fc
  .record({
    owner: namePart(12),
    purpose: namePart(16),
    rr: reachAndRuntime,
    capabilities: capabilitiesArb,
    policy: policyArb,
    botUserId: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ rr: [reach, runtime], policy, ...rest }) => ({ ...rest, reach, runtime, ...(policy !== undefined ? { policy } : {}) }));

function buildReach(reach: ReachSpec, order?: (paths: readonly string[]) => string[]): Reach {
  switch (reach.type) {
    case 'project':
      return Reach.project(reach.path);
    case 'projects':
      return Reach.projects(order ? order(reach.paths) : reach.paths);
    case 'group':
      return Reach.group(reach.path, { projectCount: reach.projectCount });
  }
}

function buildRequest(spec: Spec, overrides: Partial<IdentityRequest> = {}): IdentityRequest {
  return {
    owner: spec.owner,
    purpose: spec.purpose,
    runtime: spec.runtime.type === 'external' ? Runtime.external() : Runtime.ciPipeline(spec.runtime.source),
    reach: buildReach(spec.reach),
    capabilities: spec.capabilities,
    botUserId: spec.botUserId,
    ...(spec.policy !== undefined ? { policy: spec.policy } : {}),
    ...overrides,
  };
}

/**
 * Plans `request`; a name over the length limit, a service account asked to span top-level groups or whose
 * default username GitLab would refuse (a generated group such as 'a-'),
 * discards the run (the generators keep both rare).
 */
function plan(request: IdentityRequest): IdentityPlan {
  try {
    return planIdentity(request);
  } catch (e) {
    fc.pre(!(isIdentityError(e) && (e.code === ErrorCode.NAME_TOO_LONG || e.code === ErrorCode.REACH_SPANS_TOP_LEVEL_GROUPS || e.code === ErrorCode.INVALID_USERNAME)));
    throw e;
  }
}

const property = <T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void) =>
  fc.assert(fc.property(arb, predicate), { numRuns: runs(RUNS) });

// ---- independent oracles -------------------------------------------------------------------------------

const levelValue = (level: AccessLevel | undefined) => (level === undefined ? -Infinity : ACCESS_LEVEL_VALUE[level]);

/** The lowest role covering `capabilities`, computed from the table without the library's helpers. */
function requiredLevel(capabilities: readonly C[]): AccessLevel {
  const value = Math.max(...capabilities.map((c) => ACCESS_LEVEL_VALUE[CAPABILITY_ACCESS_LEVEL[c]]));
  return ALL_ACCESS_LEVELS.find((l) => ACCESS_LEVEL_VALUE[l] === value) as AccessLevel;
}

/** GitLab paths compare case-insensitively; plans sort them by lowercase form, then by the original. */
const samePathCI = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
function pathOrder(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function shuffle<T>(items: readonly T[], randoms: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (randoms[i] ?? i) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---- properties -----------------------------------------------------------------------------------------

describe('planIdentity properties', () => {
  test('generators reach every identity kind and every decision rule', () => {
    const kinds = new Set<K>();
    const rules = new Set<number>();
    for (const spec of fc.sample(specArb, { numRuns: 3000 })) {
      try {
        const p = planIdentity(buildRequest(spec));
        kinds.add(p.kind);
        rules.add(p.decisionRule);
      } catch {
        // NAME_TOO_LONG only; the properties below discard such runs.
      }
    }
    expect([...kinds].sort()).toEqual(Object.values(K).sort());
    expect([...rules].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test('1. scopes are allowed for the kind, sorted, unique, minimal and never admin', () => {
    property(specArb, (spec) => {
      const p = plan(buildRequest(spec));
      const allowed = SCOPES_ALLOWED_FOR_KIND[p.kind];
      for (const s of p.scopes) expect(allowed.has(s)).toBe(true);
      if (p.kind === K.CI_JOB_TOKEN || p.kind === K.PIPELINE_TRIGGER_TOKEN) expect(p.scopes).toEqual([]);
      // Token resources require at least one scope (provider validator SizeAtLeast(1)).
      if (KIND_SCOPE_FAMILY[p.kind] !== 'none') expect(p.scopes.length).toBeGreaterThan(0);
      expect([...p.scopes]).toEqual([...new Set(p.scopes)].sort());
      for (const a of p.scopes) {
        for (const b of p.scopes) if (a !== b) expect(SCOPE_SUBSUMES[a] ?? []).not.toContain(b);
        expect(ADMIN_SCOPES.has(a)).toBe(false);
      }
    });
  });

  test('2. access level is the minimum the capabilities need, and only for kinds with a role', () => {
    property(specArb, (spec) => {
      const p = plan(buildRequest(spec));
      if (KIND_HAS_ROLE[p.kind]) {
        expect(p.accessLevel).toBe(requiredLevel(spec.capabilities));
        expect(p.requiredAccessLevel).toBe(p.accessLevel);
      } else {
        expect(p.accessLevel).toBeUndefined();
        expect(p.requiredAccessLevel).toBeUndefined();
      }
      expect(p.accessLevel).not.toBe(AccessLevel.OWNER);
    });
  });

  test('3. adding a capability never lowers privilege', () => {
    const arb = fc.tuple(specArb, fc.nat()).map(([spec, pick]) => {
      const missing = ALL_CAPABILITIES.filter((c) => !spec.capabilities.includes(c));
      return { spec, extra: missing.length > 0 ? missing[pick % missing.length] : undefined };
    });
    property(arb, ({ spec, extra }) => {
      fc.pre(extra !== undefined);
      const before = plan(buildRequest(spec));
      const after = plan(buildRequest(spec, { capabilities: [...spec.capabilities, extra as C] }));
      expect(KIND_BLAST_RADIUS[after.kind]).toBeGreaterThanOrEqual(KIND_BLAST_RADIUS[before.kind]);
      if (before.accessLevel !== undefined) {
        expect(after.accessLevel).toBeDefined();
        expect(levelValue(after.accessLevel)).toBeGreaterThanOrEqual(levelValue(before.accessLevel));
      }
      const family = KIND_SCOPE_FAMILY[before.kind];
      if (family !== 'none' && family === KIND_SCOPE_FAMILY[after.kind]) {
        expect(scopesCover(after.scopes, before.scopes)).toBe(true);
      }
    });
  });

  test('4. plans are deterministic, independent of declaration order and duplicates, and frozen', () => {
    const arb = fc.tuple(specArb, fc.array(fc.nat(), { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 5 }));
    property(arb, ([spec, randoms, duplicates]) => {
      const request = buildRequest(spec);
      const first = plan(request);
      const second = planIdentity(request);
      expect(second).toEqual(first);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));

      const caps = [...spec.capabilities, ...duplicates.map((i) => spec.capabilities[i % spec.capabilities.length])];
      const reordered = planIdentity({
        ...buildRequest(spec),
        reach: buildReach(spec.reach, (paths) => shuffle(paths, randoms)),
        capabilities: shuffle(caps, randoms),
        ...(spec.policy !== undefined ? { policy: { ...spec.policy } } : {}),
      });
      expect(JSON.stringify(reordered)).toBe(JSON.stringify(first));

      for (const frozen of [first, first.scopes, first.grants, first.rationale, first.findings, first.capabilities, first.labels]) {
        expect(Object.isFrozen(frozen)).toBe(true);
      }
      for (const g of first.grants) expect(Object.isFrozen(g)).toBe(true);
      for (const f of first.findings) expect(Object.isFrozen(f)).toBe(true);
    });
  });

  test('5. names follow the naming rule, carry the prefix, fit the limit and are unique per plan', () => {
    property(specArb, (spec) => {
      const p = plan(buildRequest(spec));
      const policy = resolvePolicy(spec.policy);
      const tokenNames = p.grants.flatMap((g) => (g.tokenName === undefined ? [] : [g.tokenName]));
      for (const name of [p.name, ...tokenNames]) {
        expect(name).toMatch(NAME_RULE);
        expect(name.startsWith(policy.namePrefix)).toBe(true);
        expect(name.length).toBeLessThanOrEqual(policy.maxNameLength);
        expect(name.length).toBeLessThanOrEqual(64);
      }
      expect(p.name).toBe(`${policy.namePrefix}${spec.owner}-${spec.purpose}`);
      expect(new Set(tokenNames).size).toBe(tokenNames.length);
    });
  });

  test('6. grants are sorted by target and consistent with the kind', () => {
    property(specArb, (spec) => {
      const p = plan(buildRequest(spec));
      const targets = p.grants.map((g) => g.target);
      for (let i = 1; i < targets.length; i++) expect(pathOrder(targets[i - 1], targets[i])).toBeLessThan(0);

      const reached = reachedProjects(spec.reach);
      switch (p.kind) {
        case K.CI_JOB_TOKEN: {
          const source = spec.runtime.type === 'ci-pipeline' ? spec.runtime.source : undefined;
          expect(source).toBeDefined();
          for (const g of p.grants) {
            expect(samePathCI(g.target, source as string)).toBe(false);
            expect(g.source).toBe(source);
          }
          expect([...targets].sort()).toEqual(reached.filter((r) => !samePathCI(r, source as string)).sort());
          break;
        }
        case K.SERVICE_ACCOUNT:
        case K.GROUP_ACCESS_TOKEN:
        case K.PROJECT_ACCESS_TOKEN:
          expect(p.accessLevel).toBeDefined();
          for (const g of p.grants) expect(g.accessLevel).toBe(p.accessLevel);
          break;
        case K.PROJECT_DEPLOY_TOKEN:
        case K.PIPELINE_TRIGGER_TOKEN:
          expect(p.grants).toHaveLength(reached.length);
          expect([...targets].sort()).toEqual([...reached].sort());
          break;
        default:
          break;
      }
    });
  });

  test('7. findings: GLID-007 iff over-privileged; group tokens warn GLID-010, personal tokens GLID-011', () => {
    const arb = fc.tuple(specArb, fc.option(fc.constantFrom(...ALL_ACCESS_LEVELS), { nil: undefined }));
    property(arb, ([spec, accessLevel]) => {
      const base = plan(buildRequest(spec));
      const has = (p: IdentityPlan, ruleId: string, level: string) => p.findings.some((f) => f.ruleId === ruleId && f.level === level);
      expect(has(base, PlanRuleId.OVER_PRIVILEGED, 'error')).toBe(false);

      let p = base;
      if (accessLevel !== undefined) {
        const required = requiredLevel(spec.capabilities);
        const attempt = () => planIdentity(buildRequest(spec, { accessLevel }));
        if (!KIND_HAS_ROLE[base.kind]) {
          expect(attempt).toThrow(expect.objectContaining({ code: ErrorCode.ACCESS_LEVEL_NOT_APPLICABLE }));
          return;
        }
        if (ACCESS_LEVEL_VALUE[accessLevel] < ACCESS_LEVEL_VALUE[required]) {
          expect(attempt).toThrow(expect.objectContaining({ code: ErrorCode.ACCESS_LEVEL_TOO_LOW }));
          return;
        }
        p = attempt();
        expect(p.kind).toBe(base.kind);
        expect(p.accessLevel).toBe(accessLevel);
        expect(has(p, PlanRuleId.OVER_PRIVILEGED, 'error')).toBe(ACCESS_LEVEL_VALUE[accessLevel] > ACCESS_LEVEL_VALUE[required]);
      }
      expect(has(p, PlanRuleId.GROUP_ACCESS_TOKEN, 'warning')).toBe(p.kind === K.GROUP_ACCESS_TOKEN);
      expect(has(p, PlanRuleId.PERSONAL_ACCESS_TOKEN, 'warning')).toBe(p.kind === K.PERSONAL_ACCESS_TOKEN);
    });
  });

  describe('8. robustness: junk is rejected with an IdentityError, never a TypeError', () => {
    const junk = fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withObjectString: true,
    });

    function expectPlanOrIdentityError(request: unknown): void {
      try {
        planIdentity(request as IdentityRequest);
      } catch (e) {
        if (!isIdentityError(e)) throw e; // shows the TypeError/RangeError itself
        expect(typeof e.code).toBe('string');
        expect(e.code.length).toBeGreaterThan(0);
      }
    }

    const FIELDS = [
      'owner', 'purpose', 'runtime', 'reach', 'capabilities', 'policy',
      'lifetimeDays', 'rotateBeforeDays', 'accessLevel', 'botUserId',
    ] as const;
    const POLICY_FIELDS = [
      'maxLifetimeDays', 'defaultLifetimeDays', 'defaultRotateBeforeDays', 'smallGroupMaxProjects',
      'allowGroupAccessTokens', 'serviceAccountsAvailable', 'namePrefix', 'maxNameLength',
    ] as const;

    test('a whole junk request', () => {
      const junkRequest = fc.oneof(
        junk,
        fc.record(Object.fromEntries(FIELDS.map((f) => [f, junk])), { requiredKeys: [] }),
      );
      property(junkRequest, expectPlanOrIdentityError);
    });

    test('a valid request with one field, one policy option or one capability replaced by junk', () => {
      const arb = fc.tuple(
        specArb,
        fc.oneof(
          fc.constantFrom(...FIELDS).map((f) => ({ where: 'request' as const, key: f })),
          fc.constantFrom(...POLICY_FIELDS).map((f) => ({ where: 'policy' as const, key: f })),
          fc.nat().map((i) => ({ where: 'capability' as const, key: i })),
        ),
        junk,
      );
      property(arb, ([spec, { where, key }, value]) => {
        const request: Record<string, unknown> = { ...buildRequest(spec) };
        if (where === 'request') request[key] = value;
        else if (where === 'policy') request.policy = { ...spec.policy, [key]: value };
        else {
          const caps: unknown[] = [...spec.capabilities];
          caps[key % caps.length] = value;
          request.capabilities = caps;
        }
        expectPlanOrIdentityError(request);
      });
    });

    // Regression (found by this file against bbe7c2a): validateCapabilities checked elements with
    // Array#forEach, which skips holes, then built the set with `new Set(value)`, which yields `undefined`
    // for them; planning [, Capability.API_READ] failed with "TypeError: Cannot read properties of
    // undefined (reading 'join')" in describeScopes. A hole must be reported like any unknown capability.
    test('a capability list with holes (sparse array) of otherwise valid capabilities', () => {
      property(fc.tuple(specArb, fc.nat()), ([spec, at]) => {
        const caps: C[] = [...spec.capabilities];
        const hole = at % (caps.length + 1);
        caps.splice(hole, 0, C.API_READ);
        delete caps[hole]; // a hole, not an undefined element
        expect(hole in caps).toBe(false);
        expectPlanOrIdentityError(buildRequest(spec, { capabilities: caps }));
        expect(() => planIdentity(buildRequest(spec, { capabilities: caps }))).toThrow(
          expect.objectContaining({ code: ErrorCode.UNKNOWN_CAPABILITY, field: `capabilities[${hole}]` }),
        );
      });
    });
  });
});
