/** `overlap` in the plan: who gets two slots, the grace it promises, what it refuses, and the schedule every plan states. */
import { Capability, ErrorCode, IdentityKind, Reach, Runtime, planIdentity } from '../../lib/core';
import { identityErrorOf } from '../support/identity-error-of';

type Request = Parameters<typeof planIdentity>[0];
const BASE: Request = { owner: 'quality', purpose: 'sync', runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ] };

const thrown = (request: Partial<Request>) => identityErrorOf(() => planIdentity({ ...BASE, ...request }));

test('GIVEN overlap: true WHEN planned THEN the plan states the grace and the longest gap between applies, from the rotation model', () => {
  // A deploy token's expiry is the instant its schedule computes.
  const deploy = planIdentity({ ...BASE, capabilities: [Capability.CONTAINER_REGISTRY_READ], overlap: true });
  expect(deploy.overlap).toEqual({ graceDays: 25, tolerableGapDays: 52 });
  expect(deploy.rationale).toContain('Schedule: run terraform apply at least every 14 days. Two slots are renewed in turn, about 38 days apart, and the one ' +
    'that expires later is delivered: a replaced value stays valid at least 25 days after consumers are switched to the other, and the delivered one ' +
    'survives 52 days without an apply. After 38 days without an apply both slots are due, and the apply that resumes renews both at once.');
  // An access token's is a date, whose midnight may fall up to a day before the instant: a day less of window.
  const access = planIdentity({ ...BASE, overlap: true });
  expect(access.overlap).toEqual({ graceDays: 26, tolerableGapDays: 51 });
  expect(access.rationale.find((r) => r.startsWith('Schedule:'))).toContain('at least every 13 days (a day less than rotate-before: the expiry date may fall up to a day early)');
});

test('GIVEN one slot rotated by the provider WHEN planned THEN the whole rotate-before window', () => {
  expect(planIdentity(BASE).rationale.find((r) => r.startsWith('Schedule:'))).toContain('Schedule: run terraform apply at least every 14 days: the token is renewed');
});

test('GIVEN the policy\'s defaultOverlap WHEN an identity says nothing THEN it overlaps; overlap: false opts out', () => {
  expect(planIdentity({ ...BASE, policy: { defaultOverlap: true } }).overlap).toBeDefined();
  expect(planIdentity({ ...BASE, policy: { defaultOverlap: true }, overlap: false }).overlap).toBeUndefined();
});

test('GIVEN no overlap WHEN planned THEN one slot, and the schedule says the renewal revokes the previous value at once', () => {
  const plan = planIdentity(BASE);
  expect(plan.overlap).toBeUndefined();
  expect(plan.rationale.find((r) => r.startsWith('Schedule:'))).toContain('revokes the previous value at once');
});

test('GIVEN a CI job token WHEN overlap is asked for THEN nothing to overlap, and the rationale says why', () => {
  const plan = planIdentity({ ...BASE, runtime: Runtime.ciPipeline('acme/ci'), capabilities: [Capability.REPOSITORY_READ], overlap: true });
  expect(plan.kind).toBe(IdentityKind.CI_JOB_TOKEN);
  expect(plan.overlap).toBeUndefined();
  expect(plan.rationale).toContain('Overlap (requested) does not apply: a ci-job-token stores no secret.');
});

test.each([
  [{ lifetimeDays: 30, rotateBeforeDays: 14 }, 'leaves consumers -4 days of grace with lifetimeDays 30 and rotateBeforeDays 14',
    'With overlap, raise lifetimeDays to 40 or more, or lower rotateBeforeDays to 10 or less; or leave overlap off.'],
  [{ lifetimeDays: 80, rotateBeforeDays: 30, policy: { maxLifetimeDays: 80 } }, 'leaves consumers -3 days of grace',
    "With overlap, raise lifetimeDays to 88 or more (the policy's maxLifetimeDays, 80, too), or lower rotateBeforeDays to 27 or less; or leave overlap off."],
])('GIVEN %j WHEN overlap leaves no day of grace THEN OVERLAP_WITHOUT_GRACE says how much and what would give one', (request, problem, fix) => {
  const e = thrown({ ...request, overlap: true });
  expect([e.code, e.field]).toEqual([ErrorCode.OVERLAP_WITHOUT_GRACE, 'overlap']);
  expect(e.message).toContain(problem);
  expect(e.message).toContain(fix);
  // Each suggestion, taken, is accepted.
  const lifetime = Number(/lifetimeDays to (\d+)/.exec(fix)?.[1]);
  const rotateBefore = Number(/rotateBeforeDays to (\d+)/.exec(fix)?.[1]);
  expect(planIdentity({ ...BASE, ...request, policy: { maxLifetimeDays: 365 }, lifetimeDays: lifetime, overlap: true }).overlap?.graceDays).toBeGreaterThanOrEqual(1);
  expect(planIdentity({ ...BASE, ...request, rotateBeforeDays: rotateBefore, overlap: true }).overlap?.graceDays).toBeGreaterThanOrEqual(1);
});

test('GIVEN overlap: "yes" WHEN planned THEN INVALID_TYPE names the field', () => {
  expect(thrown({ overlap: 'yes' as unknown as boolean })).toMatchObject({ code: ErrorCode.INVALID_TYPE, field: 'overlap' });
});

test('GIVEN a name that fits only without the slot suffix WHEN overlapping THEN NAME_TOO_LONG counts the suffix', () => {
  const request = { ...BASE, purpose: 'a'.repeat(64 - 'quality-'.length), policy: { maxNameLength: 64 } };
  expect(planIdentity(request).name).toHaveLength(64);
  expect(thrown({ ...request, overlap: true }).code).toBe(ErrorCode.NAME_TOO_LONG);
});

test.each([
  // No rotate-before below 1 gives a day of grace at lifetime 2: only the longer lifetime is offered.
  [{ lifetimeDays: 2, rotateBeforeDays: 1 }, ['raise lifetimeDays to 3'], ['lower rotateBeforeDays']],
  // The longer lifetime equals the policy's maximum: allowed as it is, so the policy is not named.
  [{ lifetimeDays: 3, rotateBeforeDays: 2, policy: { maxLifetimeDays: 4 } }, ['raise lifetimeDays to 4', 'lower rotateBeforeDays to 1'], ['maxLifetimeDays']],
])('GIVEN %j WHEN overlap leaves no day of grace THEN only the fixes that exist are offered', (request, offered, notOffered) => {
  const e = thrown({ ...request, overlap: true });
  expect(e.code).toBe(ErrorCode.OVERLAP_WITHOUT_GRACE);
  for (const part of offered) expect(e.message).toContain(part);
  for (const part of notOffered) expect(e.message).not.toContain(part);
});
