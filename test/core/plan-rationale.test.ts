/**
 * The rationale a reviewer reads in the inventory and `explain`: each line names what was decided and why.
 * Asserted by key parts (the wording may change), one line at a time, for what each kind and option adds.
 */
import { Capability as C, IdentityKind as K, IdentityRequest, Reach, Runtime, describePlatform, planIdentity } from '../../lib/core';
import { BOT_AUTHORED_LABEL, JOB_TOKEN_ALLOWLIST_PRECONDITION, MERGE_REQUEST_BOT_CAPABILITIES } from '../../lib/core/least-privilege-tables';

type Request = Partial<IdentityRequest> & Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'>;
const plan = (r: Request) => planIdentity({ owner: 'team', purpose: 'bot', ...r });
/** The rationale lines that contain every part. */
const linesWith = (rationale: readonly string[], ...parts: string[]) => rationale.filter((l) => parts.every((p) => l.includes(p)));

const JOB: Request = { runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/lib'), capabilities: [C.REPOSITORY_READ] };
const TRIGGER: Request = { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [C.PIPELINE_TRIGGER] };
const PROJECT_TOKEN: Request = { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [C.API_TRIAGE] };
const DEPLOY_TOKEN: Request = { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [C.CONTAINER_REGISTRY_READ] };
const ACCOUNT: Request = { runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']), capabilities: [C.API_WRITE] };

test('a job token: valid while its job runs, no scopes, the allowlist precondition, and no schedule', () => {
  const p = plan(JOB);
  expect(p.kind).toBe(K.CI_JOB_TOKEN);
  expect(linesWith(p.rationale, 'Lifetime:', 'only while its job runs')).toHaveLength(1);
  expect(linesWith(p.rationale, 'Scopes: none', K.CI_JOB_TOKEN)).toHaveLength(1);
  expect(p.rationale).toContain(JOB_TOKEN_ALLOWLIST_PRECONDITION);
  expect(linesWith(p.rationale, 'expires after')).toEqual([]);
  expect(linesWith(p.rationale, 'Schedule:')).toEqual([]);
});

test('a trigger is replaced on a schedule, every lifetime; other tokens expire after it', () => {
  const trigger = plan({ ...TRIGGER, policy: { defaultLifetimeDays: 60, defaultRotateBeforeDays: 14 } });
  expect(trigger.kind).toBe(K.PIPELINE_TRIGGER_TOKEN);
  expect(linesWith(trigger.rationale, 'Lifetime:', 'replaced on a schedule', 'cannot expire', 'every 60 days', 'rotated 14 days before')).toHaveLength(1);
  expect(linesWith(trigger.rationale, 'Scopes: none', K.PIPELINE_TRIGGER_TOKEN)).toHaveLength(1);
  const token = plan({ ...PROJECT_TOKEN, policy: { defaultLifetimeDays: 60, defaultRotateBeforeDays: 14 } });
  expect(token.kind).toBe(K.PROJECT_ACCESS_TOKEN);
  expect(linesWith(token.rationale, 'Lifetime:', 'expires after 60 days', 'rotated 14 days before')).toHaveLength(1);
  expect(linesWith(token.rationale, 'replaced on a schedule')).toEqual([]);
  for (const p of [trigger, token]) expect(p.rationale).not.toContain(JOB_TOKEN_ALLOWLIST_PRECONDITION);
});

test('scopes name the table they come from: access tokens and deploy tokens have their own', () => {
  expect(linesWith(plan(PROJECT_TOKEN).rationale, 'Scopes api', 'ACCESS_TOKEN_SCOPES', 'minimized')).toHaveLength(1);
  const deploy = plan(DEPLOY_TOKEN);
  expect(deploy.kind).toBe(K.PROJECT_DEPLOY_TOKEN);
  expect(linesWith(deploy.rationale, 'Scopes read_registry', 'DEPLOY_TOKEN_SCOPES')).toHaveLength(1);
});

test('a bot user that was not needed is said to be unused; one that was is not', () => {
  expect(linesWith(plan({ ...PROJECT_TOKEN, botUserId: 42 }).rationale, 'botUserId 42', 'not used', K.PROJECT_ACCESS_TOKEN)).toHaveLength(1);
  expect(linesWith(plan(PROJECT_TOKEN).rationale, 'botUserId')).toEqual([]);
});

test('overlap asked of an identity that stores no secret is said not to apply', () => {
  expect(linesWith(plan({ ...JOB, overlap: true }).rationale, 'Overlap', 'does not apply', K.CI_JOB_TOKEN)).toHaveLength(1);
  expect(linesWith(plan(JOB).rationale, 'Overlap')).toEqual([]);
});

test('a merge-request bot must label its merge requests; another automation is not told to', () => {
  const bot = plan({ runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [...MERGE_REQUEST_BOT_CAPABILITIES] });
  expect(linesWith(bot.rationale, 'Merge requests', BOT_AUTHORED_LABEL)).toHaveLength(1);
  expect(linesWith(plan(PROJECT_TOKEN).rationale, BOT_AUTHORED_LABEL)).toEqual([]);
});

test('a service account says where its group came from', () => {
  const derived = plan(ACCOUNT);
  expect(derived.kind).toBe(K.SERVICE_ACCOUNT);
  expect(linesWith(derived.rationale, 'top-level group acme', 'the top-level group of everything reached')).toHaveLength(1);
  expect(linesWith(plan({ ...ACCOUNT, serviceAccountGroup: 'acme' }).rationale, 'top-level group acme', '(as requested)')).toHaveLength(1);
  expect(linesWith(plan({ ...ACCOUNT, policy: { serviceAccountGroup: 'acme' } }).rationale, 'top-level group acme', "the policy's serviceAccountGroup")).toHaveLength(1);
});

test('overlap that does not apply says where it was asked: on the identity, or by the policy\'s default', () => {
  expect(linesWith(plan({ ...JOB, overlap: true }).rationale, 'Overlap', '(requested)', 'does not apply')).toHaveLength(1);
  expect(linesWith(plan({ ...JOB, policy: { defaultOverlap: true } }).rationale, 'Overlap', "(the policy's defaultOverlap)", 'does not apply')).toHaveLength(1);
  // Where it applies, the schedule says so instead.
  const applied = plan({ ...PROJECT_TOKEN, overlap: true });
  expect(applied.overlap).toBeDefined();
  expect(linesWith(applied.rationale, 'does not apply', 'Overlap')).toEqual([]);
  expect(linesWith(applied.rationale, 'Schedule:', 'Two slots')).toHaveLength(1);
});

describe('an instance service account', () => {
  // Built inside the test, where Stryker links the code it runs to the test.
  const across = (): Request => ({
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'beta/lib']), capabilities: [C.API_READ],
    policy: { platform: { offering: 'self-managed', tier: 'premium' } },
  });

  test('says its username is the identity\'s name, or the one requested', () => {
    const named = plan(across());
    expect(named.kind).toBe(K.INSTANCE_SERVICE_ACCOUNT);
    expect(linesWith(named.rationale, 'instance service account', `username ${named.name}`, "(the identity's name)")).toHaveLength(1);
    expect(linesWith(plan({ ...across(), serviceAccountUsername: 'release-bot' }).rationale, 'instance service account', 'username release-bot', '(as requested)'))
      .toHaveLength(1);
  });
});

test('a service account\'s token on GitLab before 17.9 is said to be replaced on a schedule; another kind\'s is not', () => {
  const old = { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } } as const;
  const account = plan({ ...ACCOUNT, policy: old });
  expect(account.tokenReplacedOnSchedule).toBeDefined();
  expect(linesWith(account.rationale, 'replaced on a schedule, not rotated in place', '17.9')).toHaveLength(1);
  // A token replaced on a schedule gets a date-only expires_at: applies must come a day sooner than rotate-before.
  expect(linesWith(account.rationale, 'Schedule:', 'every 13 days', 'a day less than rotate-before')).toHaveLength(1);
  expect(linesWith(plan(ACCOUNT).rationale, 'Schedule:', 'every 14 days')).toHaveLength(1);
  const token = plan({ ...PROJECT_TOKEN, policy: old });
  expect(token.kind).toBe(K.PROJECT_ACCESS_TOKEN);
  expect(token.tokenReplacedOnSchedule).toBeUndefined();
  expect(linesWith(token.rationale, 'not rotated in place')).toEqual([]);
});

test('variables not hidden before 17.6 are said of identities that deliver one; a job token delivers none', () => {
  const old = { platform: { offering: 'self-managed', tier: 'premium', version: '17.5' } } as const;
  expect(linesWith(plan({ ...PROJECT_TOKEN, policy: old }).rationale, 'not hidden', '17.6')).toHaveLength(1);
  const job = plan({ ...JOB, policy: old });
  expect(job.variablesNotHidden).toBeUndefined();
  expect(linesWith(job.rationale, 'not hidden')).toEqual([]);
});

test('the platform the plan was made for is on the plan, in words', () => {
  expect(plan({ ...PROJECT_TOKEN, policy: { platform: { offering: 'dedicated', tier: 'ultimate' } } }).platform).toBe(
    describePlatform({ offering: 'dedicated', tier: 'ultimate' }));
  expect(plan(PROJECT_TOKEN).platform).toBeUndefined();
});
