/**
 * What the engine describes for each resource block of a stack's Terraform JSON (lib/core/engine/describe-stack.ts),
 * before any rule judges it: the schedule a token is replaced on and the days it runs, the rotation a dynamic
 * block writes, a token's kind, target, user and trigger name, a variable's owner, scope and secrecy, whether a
 * variable delivers the later slot of an overlapping identity, the grantees of a grant, and which outputs'
 * `sensitive` decides anything. What cannot be known is recorded as unverifiable, with the attribute and why.
 *
 * GIVEN hand-written Terraform JSON WHEN checked THEN the description of the block, field by field.
 */
import { Capability, IdentityBinding, Reach, Runtime, StackReport, TerraformConfig, checkApp, planIdentity } from '../../../lib/core';
import { describeBlock } from '../../../lib/core/engine/describe-stack';
import { AppModel } from '../../../lib/core/engine/stack-model';
import { DEFAULT_POLICY, resolvePolicy } from '../../../lib/core/policy';
import { Described, GrantCredential, TokenCredential, VariableCredential } from '../../../lib/core/rules/credential';
import { check, compliantToken, credential, stack, OVERLAP_PLAN } from './engine-fixture';

const known = <T>(value: T) => ({ known: true, value });
const unknownBecause = (expression: string) => ({ known: false, expression });

/** A value computed at apply, and the reason the engine gives for it. */
const COMPUTED = '${random_id.x.hex}';
const COMPUTED_REASON = 'random_id.x.hex is computed at apply';
const RANDOM = { random_id: { x: { byte_length: 4 } } };

const tokenAt = (report: StackReport, address: string) => credential(report, address) as TokenCredential & Described;
const variableAt = (report: StackReport, address: string) => credential(report, address) as VariableCredential & Described;
const grantAt = (report: StackReport, address: string) => credential(report, address) as GrantCredential & Described;

/** The description of the one block of `type` named `name` in a stack of `resources` (and RANDOM). */
function describe1(type: string, name: string, body: Record<string, unknown>, resources: Record<string, unknown> = {}): Described {
  return credential(check(stack({ resource: { ...RANDOM, ...resources, [type]: { [name]: body } } })), `${type}.${name}`);
}

describe('the schedule a deploy token is replaced on: token ← terraform_data ← time_rotating', () => {
  const TOKEN = 'gitlab_project_deploy_token.d';
  const deployPlan = planIdentity({
    owner: 'team', purpose: 'registry', runtime: Runtime.external(), reach: Reach.project('acme/app'),
    capabilities: [Capability.CONTAINER_REGISTRY_READ], lifetimeDays: 30, rotateBeforeDays: 7,
  });

  interface Change {
    /** Replaces the token's replace_triggered_by. */
    readonly triggers?: readonly unknown[];
    readonly expiresAt?: string;
    /** The renewal's triggers_replace. */
    readonly replace?: unknown;
    /** time_rotating.r's body. */
    readonly rotating?: Record<string, unknown>;
    readonly resources?: Record<string, unknown>;
    readonly binding?: boolean;
  }

  function scheduled(change: Change = {}): TokenCredential & Described {
    const token = {
      name: 'team-registry', project: 'acme/app', scopes: ['read_registry'],
      expires_at: change.expiresAt ?? '${timeadd(time_rotating.r.rotation_rfc3339, "168h")}',
      lifecycle: { create_before_destroy: true, replace_triggered_by: change.triggers ?? ['terraform_data.renewal'] },
    };
    const config = stack({
      resource: {
        gitlab_project_deploy_token: { d: token },
        time_rotating: { r: change.rotating ?? { rotation_days: 23 } },
        terraform_data: { renewal: { triggers_replace: change.replace ?? { rotation: '${time_rotating.r.rotation_rfc3339}' } } },
        ...change.resources,
      },
    });
    const binding: IdentityBinding = { path: 'team/registry', plan: deployPlan, addresses: [TOKEN] };
    return tokenAt(check(config, change.binding ? [binding] : []), TOKEN);
  }

  test('given the rendering of an identity, when described, then it is replaced every 23 days, 7 days after each roll-over, with its plan\'s days', () => {
    const token = scheduled({ binding: true });
    expect(token).toMatchObject({
      replacedOnSchedule: true, scheduleDays: known(23), scheduleOffsetDays: 7,
      plannedLifetimeDays: 30, plannedRotateBeforeDays: 7, unverifiable: [],
    });
    expect(token.expiresAt?.known).toBe(false);
  });

  test('given the same token without an identity, when described, then it has no planned days', () => {
    const token = scheduled();
    expect(token).toMatchObject({ replacedOnSchedule: true, scheduleDays: known(23), unverifiable: [] });
    expect('plannedLifetimeDays' in token).toBe(false);
  });

  test.each<[string, Change]>([
    ['the renewal interpolated, ${terraform_data.renewal}', { triggers: ['${terraform_data.renewal}'] }],
    ['an attribute of the renewal, terraform_data.renewal.output', { triggers: ['terraform_data.renewal.output'] }],
    ['a trigger that is not a string before the renewal', { triggers: [42, 'terraform_data.renewal'] }],
    ['the roll-over as the whole triggers_replace', { replace: '${time_rotating.r.rotation_rfc3339}' }],
    ['the roll-over after another trigger in triggers_replace', { replace: { first: 'v1', rotation: '${time_rotating.r.rotation_rfc3339}' } }],
    ['the roll-over in a list of triggers_replace', { replace: ['v1', '${time_rotating.r.rotation_rfc3339}'] }],
    ['the time_rotating itself, whose roll-over expires_at reads', { triggers: ['time_rotating.r'], expiresAt: '${timeadd(time_rotating.r.rotation_rfc3339, "168h")}' }],
  ])('given %s, when described, then the token is replaced on the 23-day schedule', (_what, change) => {
    expect(scheduled(change)).toMatchObject({ replacedOnSchedule: true, scheduleDays: known(23), unverifiable: [] });
  });

  test.each<[string, Change]>([
    ['the time_rotating itself, with a fixed expires_at (an expired schedule replaces nothing)', { triggers: ['time_rotating.r'], expiresAt: '2030-01-01' }],
    ['a template ending in an interpolation, terraform_${data.renewal}', { triggers: ['terraform_${data.renewal}'] }],
    ['a template with text after its interpolation, ${terraform_data.renewal}.id', { triggers: ['${terraform_data.renewal}.id'] }],
    ['a block that is not a time_rotating, though expires_at reads its rotation_rfc3339', {
      triggers: ['null_resource.n'], expiresAt: '${null_resource.n.rotation_rfc3339}', resources: { null_resource: { n: {} } },
    }],
  ])('given a trigger on %s, when described, then the token is on no schedule', (_what, change) => {
    const token = scheduled(change);
    expect(token.replacedOnSchedule).toBe(false);
    expect('scheduleDays' in token).toBe(false);
    expect('scheduleOffsetDays' in token).toBe(false);
  });

  test('given a time_rotating without rotation_days, when described, then the schedule\'s days are unverifiable, and why', () => {
    const reason = 'time_rotating.r sets no rotation_days';
    expect(scheduled({ rotating: {} })).toMatchObject({
      replacedOnSchedule: true, scheduleDays: unknownBecause(reason), unverifiable: [{ attribute: 'time_rotating rotation_days', reason }],
    });
  });

  test('given a time_rotating counting months, when described, then the checks do not convert them to days', () => {
    expect(scheduled({ rotating: { rotation_months: 1 } }).scheduleDays).toEqual(unknownBecause('time_rotating.r sets rotation_months, which the checks do not convert to days; use rotation_days'));
  });

  test('given expires_at the roll-over itself, when described, then expires_at is decided by the schedule: nothing unverifiable', () => {
    const token = scheduled({ expiresAt: '${time_rotating.r.rotation_rfc3339}' });
    expect(token).toMatchObject({ replacedOnSchedule: true, unverifiable: [] });
    expect('scheduleOffsetDays' in token).toBe(false);
  });

  test('given expires_at 14 days after the roll-over as a date, when described, then the offset is 14 days', () => {
    const token = scheduled({ expiresAt: '${formatdate("YYYY-MM-DD", timeadd(time_rotating.r.rotation_rfc3339, "336h"))}' });
    expect(token).toMatchObject({ scheduleOffsetDays: 14, unverifiable: [] });
  });

  test('given expires_at 36 hours after the roll-over (not whole days), when described, then no offset, and expires_at is unverifiable', () => {
    const token = scheduled({ expiresAt: '${timeadd(time_rotating.r.rotation_rfc3339, "36h")}' });
    expect('scheduleOffsetDays' in token).toBe(false);
    expect(token.unverifiable?.map((u) => u.attribute)).toEqual(['expires_at']);
  });

  test('given expires_at offset from another time_rotating than the one replacing it, when described, then expires_at is unverifiable', () => {
    const token = scheduled({
      expiresAt: '${timeadd(time_rotating.other.rotation_rfc3339, "168h")}',
      resources: { time_rotating: { r: { rotation_days: 23 }, other: { rotation_days: 5 } } },
    });
    expect(token).toMatchObject({ replacedOnSchedule: true, scheduleDays: known(23), scheduleOffsetDays: 7 });
    expect(token.unverifiable?.map((u) => u.attribute)).toEqual(['expires_at']);
  });

  test('given a token on no schedule whose expires_at reads undefined.rotation_rfc3339, when described, then expires_at stays unverifiable', () => {
    const token = scheduled({ triggers: [], expiresAt: '${undefined.rotation_rfc3339}' });
    expect(token.replacedOnSchedule).toBe(false);
    expect(token.unverifiable?.map((u) => u.attribute)).toEqual(['expires_at']);
  });
});

describe('a time_rotating base (rfc3339): only the overlap base of a second slot is bounded', () => {
  const TOKEN = 'gitlab_project_access_token.b';
  /** The base lib/core/rotation-model.ts gives a second slot: half a period (`hours`) around the first one's. */
  const overlapBase = (first: string, hours: number) =>
    `\${timecmp(plantimestamp(), timeadd(${first}.rfc3339, "${hours}h")) < 0 ? timeadd(${first}.rfc3339, "-${hours}h") : timeadd(${first}.rfc3339, "${hours}h")}`;
  const KEPT = { ignore_changes: ['rfc3339'] };

  /** Token b replaced on time_rotating.b, whose base is `rfc3339`; time_rotating.a is the first slot. */
  function slotB(b: Record<string, unknown>, a: Record<string, unknown> = { rotation_days: 23 }): TokenCredential['scheduleDays'] {
    const config = stack({
      resource: {
        gitlab_project_access_token: {
          b: compliantToken({ lifecycle: { replace_triggered_by: ['terraform_data.renewal_b'] } }),
        },
        time_rotating: { a, b: { rotation_days: 23, ...b } },
        terraform_data: { renewal_b: { triggers_replace: ['${time_rotating.b.rotation_rfc3339}'] } },
      },
    });
    return tokenAt(check(config), TOKEN).scheduleDays;
  }

  const ANYWHERE = 'time_rotating.b sets rfc3339, a base that can put its roll-over anywhere; leave it out';

  test('given the overlap base of a 23-day first slot (276 hours), with ignore_changes on it, when described, then the schedule is 23 days', () => {
    expect(slotB({ rfc3339: overlapBase('time_rotating.a', 276), lifecycle: KEPT })).toEqual(known(23));
  });

  test('given the overlap base without lifecycle.ignore_changes, when described, then the days are unverifiable: both slots would renew in one apply', () => {
    expect(slotB({ rfc3339: overlapBase('time_rotating.a', 276) })).toEqual(unknownBecause(
      'time_rotating.b takes its base from time_rotating.a without lifecycle.ignore_changes = ["rfc3339"], so both slots renew in one apply; keep it',
    ));
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a fixed date', { rfc3339: '2030-01-01T00:00:00Z', lifecycle: KEPT }, { rotation_days: 23 }],
    ['the overlap base of a first slot of another period (30 days, 360 hours)', { rfc3339: overlapBase('time_rotating.a', 360), rotation_days: 30, lifecycle: KEPT }, { rotation_days: 23 }],
    ['the overlap base off by some hours (300, not 276)', { rfc3339: overlapBase('time_rotating.a', 300), lifecycle: KEPT }, { rotation_days: 23 }],
    ['the overlap base of a first slot that has a base of its own', { rfc3339: overlapBase('time_rotating.a', 276), lifecycle: KEPT }, { rotation_days: 23, rfc3339: '2030-01-01T00:00:00Z' }],
  ])('given %s, when described, then the days are unverifiable: the roll-over can be anywhere', (_what, b, a) => {
    expect(slotB(b, a)).toEqual(unknownBecause(ANYWHERE));
  });
});

describe('rotation_configuration: an object, something else, or a dynamic block Terraform refuses', () => {
  const TOKEN = 'gitlab_project_access_token.t';
  const rotationOf = (rotation: unknown) => describe1('gitlab_project_access_token', 't', compliantToken({ rotation_configuration: rotation })) as TokenCredential & Described;

  /** Token t with `dynamic` as given, and `rotation_configuration` as given (left out when undefined). */
  function withDynamic(dynamic: unknown, rotation?: unknown): Record<string, unknown> {
    const body = compliantToken({ dynamic });
    if (rotation === undefined) delete body.rotation_configuration;
    else body.rotation_configuration = rotation;
    return body;
  }
  const REFUSED = 'rotation_configuration is written as a dynamic block, which Terraform refuses: it is an attribute in provider 18.x; '
    + 'write rotation_configuration = { expiration_days = ..., rotate_before_days = ... }';
  const CONTENT = { expiration_days: 400, rotate_before_days: 7 };

  test('given rotation_configuration null, when described, then the token has no rotation and nothing is unverifiable', () => {
    const token = rotationOf(null);
    expect(token.rotation).toBeUndefined();
    expect(token.unverifiable).toEqual([]);
  });

  test('given rotation_configuration a string, when described, then it cannot be read, and why', () => {
    const token = rotationOf('monthly');
    const cannot = unknownBecause('rotation_configuration cannot be read');
    expect(token.rotation).toEqual({ expirationDays: cannot, rotateBeforeDays: cannot });
    expect(token.unverifiable).toEqual([{ attribute: 'rotation_configuration', reason: expect.stringMatching(/^it is a string, which Terraform refuses: .*rotation_configuration = \{.*"rotation_configuration": \{/) }]);
  });

  test('given rotation_configuration a list of one object (the JSON form of a block), when described, then Terraform refuses it and it is not read as the object', () => {
    const token = rotationOf([{ expiration_days: 30, rotate_before_days: 7 }]);
    const cannot = unknownBecause('rotation_configuration cannot be read');
    expect(token.rotation).toEqual({ expirationDays: cannot, rotateBeforeDays: cannot });
    expect(token.unverifiable).toEqual([{ attribute: 'rotation_configuration', reason: expect.stringMatching(/^it is a tuple, which Terraform refuses/) }]);
  });

  test('given a project token\'s rotation without expiration_days, when described, then the lifetime is unverifiable, not the provider\'s 7 days', () => {
    const token = rotationOf({ rotate_before_days: 7 });
    expect(token.rotation).toStrictEqual({ expirationDays: unknownBecause('rotation_configuration sets no expiration_days'), rotateBeforeDays: known(7) });
    expect(token.unverifiable).toEqual([{ attribute: 'rotation_configuration.expiration_days', reason: 'rotation_configuration sets no expiration_days' }]);
  });

  test('given a service-account token\'s rotation without expiration_days, when described, then each rotation lasts the provider\'s 7 days', () => {
    const body = { name: 'team-sa', group: 'acme', user_id: 7, scopes: ['read_api'], rotation_configuration: { rotate_before_days: 2 } };
    expect((describe1('gitlab_group_service_account_access_token', 's', body) as TokenCredential).rotation)
      .toStrictEqual({ expirationDays: known(7), rotateBeforeDays: known(2), expirationDaysDefaulted: true });
  });

  // Provider 18.x declares rotation_configuration a single nested attribute; Terraform refuses a dynamic
  // block for an attribute ("Unsupported block type") whatever its for_each or content.
  test.each<[string, unknown, unknown]>([
    ['over one element', { rotation_configuration: { for_each: [1], content: CONTENT } }, undefined],
    ['over an empty for_each', { rotation_configuration: { for_each: [], content: CONTENT } }, undefined],
    ['as a list of one', { rotation_configuration: [{ for_each: [1], content: CONTENT }] }, undefined],
    ['as a list of two', { rotation_configuration: [{ for_each: [1], content: CONTENT }, { for_each: [1], content: CONTENT }] }, undefined],
    ['with content a list of two', { rotation_configuration: { for_each: [1], content: [CONTENT, CONTENT] } }, undefined],
    ['without content', { rotation_configuration: { for_each: [] } }, undefined],
    ['inside `dynamic` written as a list', [{ rotation_configuration: { for_each: [1], content: CONTENT } }], undefined],
    ['next to a rotation_configuration of 30 days', { rotation_configuration: { for_each: [1], content: CONTENT } }, { expiration_days: 30, rotate_before_days: 7 }],
    ['next to a rotation_configuration that is null', { rotation_configuration: { for_each: [1], content: CONTENT } }, null],
  ])('given a dynamic rotation_configuration %s, when checked, then the rotation is unverifiable (GLID-022) with the fix, never "no rotation" nor judged', (_what, dynamic, rotation) => {
    const report = check(stack({ resource: { ...RANDOM, gitlab_project_access_token: { t: withDynamic(dynamic, rotation) } } }));
    const token = tokenAt(report, TOKEN);
    expect(token.unverifiable).toEqual([{ attribute: 'rotation_configuration', reason: REFUSED }]);
    expect(report.findings.filter((f) => f.path === TOKEN).map((f) => f.ruleId)).toEqual(['GLID-022']);
  });

  test('given a dynamic block of another type only, when described, then the rotation is read from rotation_configuration', () => {
    const report = check(stack({ resource: { ...RANDOM, gitlab_project_access_token: { t: withDynamic({ other: { for_each: [1], content: {} } }, { expiration_days: 30, rotate_before_days: 7 }) } } }));
    expect(tokenAt(report, TOKEN).rotation).toEqual({ expirationDays: known(30), rotateBeforeDays: known(7) });
  });
});

describe('what a token is: its kind, target, user, trigger name and scopes', () => {
  test('given a gitlab_deploy_token with a group, when described, then it is a group deploy token on that group', () => {
    expect(describe1('gitlab_deploy_token', 'd', { name: 'team-deploy', group: 'acme', scopes: ['read_registry'] }))
      .toMatchObject({ kind: 'group-deploy-token', target: { type: 'group', value: 'acme' }, unverifiable: [] });
  });

  test('given a gitlab_deploy_token with a project, when described, then it is a project deploy token on that project', () => {
    expect(describe1('gitlab_deploy_token', 'd', { name: 'team-deploy', project: 'acme/app', scopes: ['read_registry'] }))
      .toMatchObject({ kind: 'project-deploy-token', target: { type: 'project', value: 'acme/app' }, unverifiable: [] });
  });

  test('given a personal access token of a group service account, when described, then its user is the account, and so is its target', () => {
    const user = 'service account gitlab_group_service_account.sa';
    const token = describe1('gitlab_personal_access_token', 'p',
      { name: 'team-sa', user_id: '${gitlab_group_service_account.sa.service_account_id}', scopes: ['read_api'] },
      { gitlab_group_service_account: { sa: { group: 'acme', name: 'team-sa' } } });
    expect(token).toMatchObject({ kind: 'personal-access-token', userIsServiceAccount: true, user: known(user), target: { type: 'user', value: user }, unverifiable: [] });
  });

  test('given a personal access token of user 77, when described, then its user is no service account, and its target is the user', () => {
    const token = describe1('gitlab_personal_access_token', 'p', { name: 'team-bot', user_id: 77, scopes: ['read_api'] });
    expect(token).toMatchObject({ userIsServiceAccount: false, user: known('user 77'), target: { type: 'user', value: 'user 77' } });
  });

  test('given a personal access token of a user computed at apply, when described, then its target names why, in parentheses', () => {
    const token = describe1('gitlab_personal_access_token', 'p', { name: 'team-bot', user_id: COMPUTED, scopes: ['read_api'] });
    expect(token).toMatchObject({
      userIsServiceAccount: false, user: unknownBecause(COMPUTED_REASON), target: { type: 'user', value: `(${COMPUTED_REASON})` },
      unverifiable: [{ attribute: 'user_id', reason: COMPUTED_REASON }],
    });
  });

  test('given a service-account token of user 7 on group acme, when described, then its target is the group', () => {
    const token = describe1('gitlab_group_service_account_access_token', 's', { name: 'team-sa', group: 'acme', user_id: 7, scopes: ['read_api'] });
    expect(token).toMatchObject({ user: known('user 7'), target: { type: 'group', value: 'acme' } });
  });

  test('given a project token on a project computed at apply, when described, then its target names why, in parentheses', () => {
    expect(describe1('gitlab_project_access_token', 't', compliantToken({ project: COMPUTED }))).toMatchObject({
      target: { type: 'project', value: `(${COMPUTED_REASON})` }, unverifiable: [{ attribute: 'project', reason: COMPUTED_REASON }],
    });
  });

  test('given a pipeline trigger whose description starts with its token name, when described, then that is its trigger name', () => {
    const trigger = describe1('gitlab_pipeline_trigger', 'tr', { project: 'acme/app', description: 'team-deploy-2: acme/app: nightly' });
    expect(trigger).toMatchObject({ kind: 'pipeline-trigger-token', triggerName: 'team-deploy-2', target: { type: 'project', value: 'acme/app' } });
    expect('scopes' in trigger && (trigger as TokenCredential).scopes).toBeUndefined();
  });

  test.each(['Nightly build: deploy', 'nightly build: deploy', 'team-deploy:no space'])('given a pipeline trigger described "%s", when described, then it has no trigger name', (description) => {
    expect('triggerName' in describe1('gitlab_pipeline_trigger', 'tr', { project: 'acme/app', description })).toBe(false);
  });

  test('given a project access token whose description starts with a name, when described, then only triggers carry a trigger name', () => {
    expect('triggerName' in describe1('gitlab_project_access_token', 't', compliantToken({ description: 'team-reader: acme/app: reads' }))).toBe(false);
  });

  test('given scopes with a computed entry, when described, then the scopes are unverifiable and the literal ones are kept', () => {
    const token = describe1('gitlab_project_access_token', 't', compliantToken({ scopes: ['read_api', COMPUTED, 'read_registry'] })) as TokenCredential;
    expect(token.scopes?.known).toBe(false);
    expect(token.literalScopes).toEqual(['read_api', 'read_registry']);
  });
});

describe('a CI/CD variable', () => {
  const TOKEN = 'gitlab_project_access_token.t';
  const variable = (body: Record<string, unknown>) => {
    const report = check(stack({
      resource: { ...RANDOM, gitlab_project_access_token: { t: compliantToken() }, gitlab_project_variable: { v: { project: 'acme/ops', key: 'K', ...body } } },
    }));
    return variableAt(report, 'gitlab_project_variable.v');
  };

  test('given a variable without a value, when described, then it holds no token', () => {
    expect(variable({ masked: false })).toMatchObject({ holdsToken: false, tokenAddresses: [], owner: 'acme/ops' });
  });

  test('given a variable without environment_scope, when described, then it is for every environment (*)', () => {
    expect(variable({ value: 'x' }).environmentScope).toBe('*');
  });

  test('given a variable for production, when described, then its scope is production', () => {
    expect(variable({ value: 'x', environment_scope: 'production' }).environmentScope).toBe('production');
  });

  test('given a variable holding a token on a computed project, its hidden and protected computed, when described, then each is unverifiable by name', () => {
    const described = variable({ project: COMPUTED, value: `\${${TOKEN}.token}`, masked: true, hidden: COMPUTED, protected: COMPUTED });
    expect(described).toMatchObject({
      holdsToken: true, tokenAddresses: [TOKEN], owner: `(${COMPUTED_REASON})`,
      masked: known(true), hidden: unknownBecause(COMPUTED_REASON), protected: unknownBecause(COMPUTED_REASON),
      unverifiable: [{ attribute: 'hidden', reason: COMPUTED_REASON }, { attribute: 'protected', reason: COMPUTED_REASON }],
    });
  });

  test('given a variable of a module instance holding the instance\'s own token, when described, then the token is named as the instance names it', () => {
    const policies = [resolvePolicy(DEFAULT_POLICY)];
    const instance = {
      resource: {
        gitlab_project_access_token: { t: compliantToken() },
        gitlab_project_variable: { v: { project: 'acme/ops', key: 'K', value: `\${${TOKEN}.token}`, masked: true, hidden: true, protected: true } },
      },
    };
    const reports = checkApp([
      { name: 'root', config: stack({ module: { tok: { source: './tok' } } }), policies },
      { name: 'root/module.tok', config: instance as TerraformConfig, policies, module: { caller: 'root', call: 'tok' } },
    ]);
    const inInstance = reports.find((r) => r.stack === 'root/module.tok') as StackReport;
    expect(variableAt(inInstance, 'gitlab_project_variable.v').tokenAddresses).toEqual([TOKEN]);
  });
});

describe('the variable of an overlapping identity: does it deliver the slot that expires later?', () => {
  const plan = OVERLAP_PLAN;
  const A = 'gitlab_project_access_token.a';
  const B = 'gitlab_project_access_token.b';
  const VARIABLE = 'gitlab_project_variable.v';
  const binding: IdentityBinding = { path: 'team/overlap', plan, addresses: [A, B, VARIABLE] };
  const later = (ra: string, rb: string, x: string, y: string) =>
    `\${timecmp(time_rotating.${ra}.rotation_rfc3339, time_rotating.${rb}.rotation_rfc3339) >= 0 ? ${x}.token : ${y}.token}`;

  function delivers(value: string): boolean | undefined {
    const slot = (s: string) => compliantToken({ name: `team-overlap-${s}`, lifecycle: { replace_triggered_by: [`terraform_data.renewal_${s}`] } });
    const config = stack({
      resource: {
        gitlab_project_access_token: { a: slot('a'), b: slot('b') },
        time_rotating: { rot_a: { rotation_days: 23 }, rot_b: { rotation_days: 23 } },
        terraform_data: {
          renewal_a: { triggers_replace: ['${time_rotating.rot_a.rotation_rfc3339}'] },
          renewal_b: { triggers_replace: ['${time_rotating.rot_b.rotation_rfc3339}'] },
        },
        gitlab_project_variable: { v: { project: 'acme/ops', key: 'OV', value, masked: true, hidden: true, protected: true } },
      },
    });
    return variableAt(check(config, [binding]), VARIABLE).deliversLaterSlot;
  }

  test('given token a when schedule a rolls over later, else b, when described, then it delivers the later slot', () => {
    expect(delivers(later('rot_a', 'rot_b', A, B))).toBe(true);
  });

  test.each([
    ['slot b either way', later('rot_a', 'rot_b', B, B)],
    ['one schedule compared with itself', later('rot_a', 'rot_a', A, A)],
    ['slot a either way', later('rot_a', 'rot_b', A, A)],
  ])('given the conditional choosing %s, when described, then it does not deliver the later slot', (_what, value) => {
    expect(delivers(value)).toBe(false);
  });
});

describe('a grant: its grantees and role', () => {
  test('given a job-token allowlist of projects computed at apply, when described, then the grantee is unverifiable, not absent', () => {
    const grant = describe1('gitlab_project_job_token_scopes', 'j', { project: 'acme/app', target_project_ids: COMPUTED }) as GrantCredential & Described;
    expect(grant.grantees).toEqual([unknownBecause(COMPUTED_REASON)]);
    expect(grant.unverifiable).toEqual([{ attribute: 'target_project_ids', reason: COMPUTED_REASON }]);
  });

  test('given a job-token allowlist of two projects, when described, then each is a grantee', () => {
    const grant = describe1('gitlab_project_job_token_scopes', 'j', { project: 'acme/app', target_project_ids: [11, 12], target_group_ids: [5] }) as GrantCredential;
    expect(grant.grantees).toEqual([known('project id 11'), known('project id 12'), known('group id 5')]);
  });

  test('given a project shared with group 42 as developer, when described, then the grantee is group id 42 and the role developer', () => {
    const grant = describe1('gitlab_project_share_group', 's', { project: 'acme/app', group_id: 42, group_access: 'developer' });
    expect(grant).toMatchObject({ subject: 'grant', what: 'project shared with a group', grantees: [known('group id 42')], role: known('developer'), unverifiable: [] });
  });

  test('given a project shared with a list where one group goes, when described, then the grantee is unverifiable', () => {
    const grant = describe1('gitlab_project_share_group', 's', { project: 'acme/app', group_id: [1, 2], group_access: 'developer' }) as GrantCredential & Described;
    expect(grant.grantees).toEqual([unknownBecause('it is a list, not a project or group')]);
  });

  test('given runner 42 enabled on a project, when described, then the grantee is runner 42, an id as written', () => {
    const grant = describe1('gitlab_project_runner_enablement', 'r', { project: 'acme/app', runner_id: 42 }) as GrantCredential & Described;
    expect(grant).toMatchObject({ grantees: [known('runner 42')], target: { type: 'project', value: known('acme/app') } });
    expect('role' in grant).toBe(false);
  });

  test('given a membership of user 7 as reporter, when described, then it is a membership, not a grant', () => {
    const membership = grantAt(check(stack({ resource: { gitlab_project_membership: { m: { project: 'acme/app', user_id: 7, access_level: 'reporter' } } } })), 'gitlab_project_membership.m');
    expect(membership).toMatchObject({ subject: 'membership', accessLevel: known('reporter'), user: known('user 7') });
  });
});

describe('service accounts, other secrets, outputs and data sources', () => {
  test('given a group service account with an email, when described, then the email is known', () => {
    expect(describe1('gitlab_group_service_account', 'sa', { group: 'acme', name: 'bot', email: 'bot@example.com' }))
      .toEqual({ subject: 'service-account', path: 'gitlab_group_service_account.sa', address: 'gitlab_group_service_account.sa', resourceType: 'gitlab_group_service_account', email: known('bot@example.com') });
  });

  test('given a user runner of a group, when described, then its target is the group', () => {
    expect(describe1('gitlab_user_runner', 'r', { runner_type: 'group_type', group_id: 'acme' }))
      .toMatchObject({ subject: 'secret', what: 'runner authentication token', target: { type: 'group', value: known('acme') } });
  });

  test('given an output holding no secret whose sensitive is computed, when described, then sensitive decides nothing: nothing is unverifiable', () => {
    const report = check(stack({ resource: RANDOM, output: { o: { value: 'hello', sensitive: COMPUTED } } }));
    expect(credential(report, 'output.o')).toEqual({
      subject: 'output', path: 'output.o', address: 'output.o', holdsToken: false, tokenAddresses: [], sensitive: false, unverifiable: [],
    });
  });

  test('given an output holding a token whose sensitive is computed, when described, then sensitive is unverifiable', () => {
    const report = check(stack({ resource: { ...RANDOM, gitlab_project_access_token: { t: compliantToken() } }, output: { o: { value: '${gitlab_project_access_token.t.token}', sensitive: COMPUTED } } }));
    expect(credential(report, 'output.o')).toMatchObject({ holdsToken: true, sensitive: false, unverifiable: [{ attribute: 'sensitive', reason: COMPUTED_REASON }] });
  });

  test('given a data source that reads a variable back, when its block is described, then it is no credential of the stack', () => {
    const config = stack({ data: { gitlab_project_variable: { v: { project: 'acme/app', key: 'K' } } } });
    const app = new AppModel([{ name: 'team', load: () => config }]);
    const model = app.model('team');
    expect(model.dataSources.map((b) => b.address)).toEqual(['data.gitlab_project_variable.v']);
    expect(describeBlock(model, model.dataSources[0])).toBeUndefined();
  });
});
