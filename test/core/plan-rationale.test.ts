/**
 * The rationale a reviewer reads in the inventory and `explain`: each line names what was decided and why.
 * Asserted by key parts (the wording may change), one line at a time, for what each kind and option adds.
 */
import { Capability as C, IdentityKind as K, IdentityRequest, Reach, Runtime, planIdentity } from '../../lib/core';
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
