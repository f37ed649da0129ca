/**
 * The inventory built from what the engine read in a stack's Terraform JSON (lib/core/engine/build-inventory.ts):
 * deliveries, expiry, roles, grants, users and copies of each identity and of each credential written by hand.
 * Most reports here are written by hand (the engine's descriptions are plain data), so that every branch is
 * reached with one small input; a few go through the engine from Terraform JSON.
 */
import {
  Capability,
  DeliveryIndex,
  EngineFinding,
  GrantType,
  IdentityBinding,
  IdentityKind,
  IdentityPlan,
  InventoryEntry,
  Reach,
  Runtime,
  StackReport,
  addDeliveries,
  deliveryIndex,
  diffInventories,
  inventoriesFromReports,
  planIdentity,
  stackInventoryOf,
} from '../../../lib/core';
import {
  Described, GrantCredential, MembershipCredential, SecretCredential, TokenCredential, VariableCredential, known, unresolved,
} from '../../../lib/core/rules/credential';
import { check, compliantToken, entry, stack } from './engine-fixture';

const PAT = 'gitlab_project_access_token';
const T = `${PAT}.t`;
const IDENTITY = 'team/reader';

function token(name: string, over: Partial<TokenCredential> = {}): TokenCredential {
  return { subject: 'token', resourceType: PAT, kind: IdentityKind.PROJECT_ACCESS_TOKEN, path: `${PAT}.${name}`, address: `${PAT}.${name}`, replacedOnSchedule: false, ...over };
}

function variable(name: string, holds: readonly string[] | undefined, over: Partial<VariableCredential> = {}): VariableCredential {
  const address = `gitlab_project_variable.${name}`;
  return { subject: 'variable', resourceType: 'gitlab_project_variable', path: address, address, holdsToken: true, tokenAddresses: holds, owner: 'acme/app', key: known('TOKEN'), ...over };
}

function membership(name: string, over: Partial<MembershipCredential> = {}): MembershipCredential {
  const address = `gitlab_project_membership.${name}`;
  return { subject: 'membership', resourceType: 'gitlab_project_membership', path: address, address, target: { type: 'project', value: known('acme/app') }, ...over };
}

function grant(name: string, over: Partial<GrantCredential> = {}): GrantCredential {
  const address = `gitlab_project_job_token_scopes.${name}`;
  return {
    subject: 'grant', resourceType: 'gitlab_project_job_token_scopes', what: 'job-token allowlist', path: address, address,
    target: { type: 'project', value: known('acme/app') }, grantees: [], ...over,
  };
}

function secret(name: string, over: Partial<SecretCredential> = {}): SecretCredential {
  const address = `gitlab_cluster_agent_token.${name}`;
  return { subject: 'secret', resourceType: 'gitlab_cluster_agent_token', what: 'cluster agent token', path: address, address, ...over };
}

function finding(ruleId: string, path: string, over: Partial<EngineFinding> = {}): EngineFinding {
  return { ruleId, level: 'error', message: `${ruleId} on ${path}`, stack: 'team', path, ...over };
}

function report(parts: Partial<StackReport> = {}): StackReport {
  return { stack: 'team', credentials: [], findings: [], suppressions: [], identities: [], ...parts };
}

/** What an identity at `path` rendered (the engine binds each credential to it). */
function own<C extends Described>(c: C, path = IDENTITY): C {
  return { ...c, identity: { path, addresses: [] } };
}

/** A stack with one identity planned as `plan`, which rendered `rendered`, and `others` written by hand. */
function withIdentity(plan: IdentityPlan, rendered: readonly Described[], parts: Partial<StackReport> = {}): StackReport {
  const addresses = rendered.flatMap((c) => ('address' in c && c.address ? [c.address] : []));
  const binding: IdentityBinding = { path: IDENTITY, plan, addresses };
  return report({ ...parts, credentials: [...rendered.map((c) => own(c)), ...(parts.credentials ?? [])], identities: [binding] });
}

function entriesOf(r: StackReport): InventoryEntry[] {
  return [...stackInventoryOf(r, deliveryIndex([r])).identities];
}

function only(r: StackReport): InventoryEntry {
  const entries = entriesOf(r);
  expect(entries).toHaveLength(1);
  return entries[0];
}

const readerPlan = planIdentity({
  owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'),
  capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7,
});
const saPlan = planIdentity({
  owner: 'team', purpose: 'multi', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/web']), capabilities: [Capability.API_READ],
});
const patPlan = planIdentity({
  owner: 'team', purpose: 'bot', runtime: Runtime.external(), reach: Reach.projects(['acme/a', 'acme/b']), capabilities: [Capability.API_READ],
  botUserId: 42, policy: { serviceAccountsAvailable: false },
});
const jobPlan = planIdentity({
  owner: 'team', purpose: 'clone', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.projects(['acme/lib', 'acme/web']), capabilities: [Capability.REPOSITORY_READ],
});
const deployPlan = planIdentity({
  owner: 'team', purpose: 'pull', runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.CONTAINER_REGISTRY_READ],
});
const overlapPlan = planIdentity({
  owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'),
  capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7, overlap: true,
});

/** The one delivery `v` makes of token T. */
function deliveryOf(v: Partial<VariableCredential>) {
  return deliveryIndex([report({ credentials: [variable('v', [T], v)] })]).get(`team:${T}`);
}

describe('a variable delivering a token', () => {
  test.each([
    ['gitlab_project_variable', 'project-variable'],
    ['gitlab_group_variable', 'group-variable'],
    ['gitlab_instance_variable', 'instance-variable'],
    ['gitlab_unknown_variable', 'project-variable'],
  ])('given a %s, when indexed, then the delivery type is %s', (resourceType, type) => {
    expect(deliveryOf({ resourceType })).toEqual([{ type, target: 'acme/app', key: 'TOKEN', environmentScope: '*', protected: null }]);
  });

  test('given an owner, a known key, a scope and protected set, when indexed, then each is delivered as written', () => {
    expect(deliveryOf({ owner: 'acme/web', key: known('DEPLOY'), environmentScope: 'production', protected: known(true) }))
      .toEqual([{ type: 'project-variable', target: 'acme/web', key: 'DEPLOY', environmentScope: 'production', protected: true }]);
  });

  test('given no owner (an instance variable), a computed key and protected false, when indexed, then target is empty and key computed', () => {
    expect(deliveryOf({ owner: undefined, key: unresolved('var.key'), protected: known(false) }))
      .toEqual([{ type: 'project-variable', target: '', key: '(computed)', environmentScope: '*', protected: false }]);
  });

  test('given no key and a computed protected, when indexed, then the key is computed and protected null', () => {
    expect(deliveryOf({ key: undefined, protected: unresolved('var.p') })).toEqual([expect.objectContaining({ key: '(computed)', protected: null })]);
  });

  test.each<[string, Partial<VariableCredential>, boolean]>([
    ['masked, hidden not set', { masked: known(true) }, true],
    ['masked, hidden false', { masked: known(true), hidden: known(false) }, true],
    ['masked and hidden', { masked: known(true), hidden: known(true) }, false],
    ['masked, hidden computed', { masked: known(true), hidden: unresolved('var.h') }, false],
    ['masked, no hidden attribute (null)', { masked: known(true), hidden: null }, false],
    ['not masked, hidden false', { masked: known(false), hidden: known(false) }, false],
    ['masked computed, hidden not set', { masked: unresolved('var.m') }, false],
    ['masked not set', {}, false],
  ])('given a variable %s, when indexed, then maskedOnly is %s', (_what, v, maskedOnly) => {
    const [d] = deliveryOf(v) ?? [];
    expect(Object.keys(d).includes('maskedOnly')).toBe(maskedOnly);
    if (maskedOnly) expect(d.maskedOnly).toBe(true);
  });
});

describe('the delivery index', () => {
  test('given variables of one stack holding its own and another stack\'s tokens, when added, then keys are stack:address and the owning stacks are returned', () => {
    const index: DeliveryIndex = new Map();
    const stacks = addDeliveries(index, report({ credentials: [variable('a', [T, `tokens:${PAT}.x`]), variable('b', [T], { key: known('OTHER') })] }));
    expect([...stacks].sort()).toEqual(['team', 'tokens']);
    expect([...index.keys()].sort()).toEqual([`team:${T}`, `tokens:${PAT}.x`]);
    expect(index.get(`team:${T}`)?.map((d) => d.key)).toEqual(['TOKEN', 'OTHER']);
  });

  test('given an output and a variable without token addresses, when indexed, then neither delivers anything', () => {
    const output: Described = { subject: 'output', path: 'output.o', address: 'output.o', holdsToken: true, tokenAddresses: [T], sensitive: true };
    const stacks = addDeliveries(new Map(), report({ credentials: [output, variable('v', undefined)] }));
    expect(stacks.size).toBe(0);
    expect(deliveryIndex([report({ credentials: [output, variable('v', undefined)] })]).size).toBe(0);
  });

  test('given a token in one stack delivered by a variable of another, when inventoried, then the token\'s entry lists the delivery', () => {
    const tokens = report({ stack: 'tokens', credentials: [token('t', { name: known('team-reader') })] });
    const team = report({ credentials: [variable('v', [`tokens:${T}`], { key: known('FROM_TOKENS') })] });
    const [tokensInv, teamInv] = inventoriesFromReports([tokens, team]);
    expect(tokensInv.stack).toBe('tokens');
    expect(tokensInv.identities[0].deliveries).toEqual([{ type: 'project-variable', target: 'acme/app', key: 'FROM_TOKENS', environmentScope: '*', protected: null }]);
    expect(teamInv).toEqual({ schemaVersion: 2, generator: 'cdktf-gitlab-identity', stack: 'team', identities: [] });
  });
});

describe('the expiry of a token', () => {
  const expiry = (over: Partial<TokenCredential>) => {
    const e = only(report({ credentials: [token('t', over)] }));
    return { expiry: e.expiry, lifetimeDays: e.lifetimeDays, rotateBeforeDays: e.rotateBeforeDays };
  };

  test.each<[string, Partial<TokenCredential>, string, number | null, number | null]>([
    ['rotation 30/7', { rotation: { expirationDays: known(30), rotateBeforeDays: known(7) } }, 'rotating', 30, 7],
    ['rotation with computed days', { rotation: { expirationDays: unresolved('var.d'), rotateBeforeDays: unresolved('var.b') } }, 'rotating', null, null],
    ['rotation without days', { rotation: {} }, 'rotating', null, null],
    ['rotation and a fixed expires_at', { rotation: { expirationDays: known(30) }, expiresAt: known('2030-01-01'), replacedOnSchedule: true }, 'rotating', 30, null],
    ['a schedule of 30 days, no offset, no plan', { replacedOnSchedule: true, scheduleDays: known(30) }, 'rotating', 30, null],
    ['a schedule of 76 days with a 14-day offset', { replacedOnSchedule: true, scheduleDays: known(76), scheduleOffsetDays: 14 }, 'rotating', 90, 14],
    ['a schedule of 76 days matching the plan 90/14', { replacedOnSchedule: true, scheduleDays: known(76), plan: deployPlan }, 'rotating', 90, 14],
    ['a schedule of 23 days matching the plan 30/7', { replacedOnSchedule: true, scheduleDays: known(23), plan: readerPlan }, 'rotating', 30, 7],
    ['a schedule of 60 days not matching the plan 90/14', { replacedOnSchedule: true, scheduleDays: known(60), plan: deployPlan }, 'rotating', 60, null],
    ['a computed schedule with a 14-day offset', { replacedOnSchedule: true, scheduleDays: unresolved('var.s'), scheduleOffsetDays: 14 }, 'rotating', null, 14],
    ['a computed schedule and the plan 90/14', { replacedOnSchedule: true, scheduleDays: unresolved('var.s'), plan: deployPlan }, 'rotating', null, null],
    ['a schedule of the CI job plan (no lifetime)', { replacedOnSchedule: true, scheduleDays: known(30), plan: jobPlan }, 'rotating', 30, null],
    ['a fixed expires_at', { expiresAt: known('2030-01-01') }, 'fixed-date', null, null],
    ['a computed expires_at', { expiresAt: unresolved('time_rotating.r.rotation_rfc3339') }, 'unknown', null, null],
    ['nothing bounding it', {}, 'never', null, null],
  ])('given %s, when inventoried, then expiry is %s, %s days, rotated %s days before', (_what, over, mode, lifetime, before) => {
    expect(expiry(over)).toEqual({ expiry: mode, lifetimeDays: lifetime, rotateBeforeDays: before });
  });
});

describe('an identity with several tokens', () => {
  const rotating = (name: string, days: number | null) =>
    token(name, { name: known(`team-reader-${name}`), rotation: days === null ? {} : { expirationDays: known(days), rotateBeforeDays: known(7) } });
  const life = (tokens: readonly TokenCredential[]) => {
    const e = only(withIdentity(readerPlan, tokens));
    return [e.expiry, e.lifetimeDays, e.rotateBeforeDays];
  };

  test.each<[string, TokenCredential[], unknown[]]>([
    ['rotating 30 then 60 days', [rotating('a', 30), rotating('b', 60)], ['rotating', 60, 7]],
    ['rotating 60 then 30 days', [rotating('a', 60), rotating('b', 30)], ['rotating', 60, 7]],
    ['rotating 30 days then rotating with unknown days', [rotating('a', 30), rotating('b', null)], ['rotating', null, null]],
    ['rotating with unknown days then 30 days', [rotating('a', null), rotating('b', 30)], ['rotating', null, null]],
    ['a fixed date then rotating', [token('a', { expiresAt: known('2030-01-01') }), rotating('b', 30)], ['fixed-date', null, null]],
    ['rotating then a fixed date', [rotating('a', 30), token('b', { expiresAt: known('2030-01-01') })], ['fixed-date', null, null]],
    ['an unknown expiry then a fixed date', [token('a', { expiresAt: unresolved('x') }), token('b', { expiresAt: known('2030-01-01') })], ['unknown', null, null]],
    ['a fixed date then an unknown expiry', [token('a', { expiresAt: known('2030-01-01') }), token('b', { expiresAt: unresolved('x') })], ['unknown', null, null]],
    ['a never-expiring token then an unknown expiry', [token('a'), token('b', { expiresAt: unresolved('x') })], ['never', null, null]],
    ['an unknown expiry then a never-expiring token', [token('a', { expiresAt: unresolved('x') }), token('b')], ['never', null, null]],
  ])('given %s, when inventoried, then the longest-lived is listed', (_what, tokens, expected) => {
    expect(life(tokens)).toEqual(expected);
  });

  test('given two tokens rotating 30 days, 7 and 10 days before, when inventoried, then the first one\'s rotate-before is listed', () => {
    const before = (name: string, days: number) => token(name, { rotation: { expirationDays: known(30), rotateBeforeDays: known(days) } });
    expect(life([before('a', 7), before('b', 10)])).toEqual(['rotating', 30, 7]);
  });

  test('given an identity that rendered no token, when inventoried, then it is listed as job-duration', () => {
    expect(life([])).toEqual(['job-duration', null, null]);
  });

  test('given a CI job token identity with a rotating token in its JSON, when inventoried, then it is still job-duration', () => {
    const e = only(withIdentity(jobPlan, [rotating('a', 30)]));
    expect([e.expiry, e.lifetimeDays, e.rotateBeforeDays]).toEqual(['job-duration', null, null]);
  });

  test('given tokens with overlapping and computed scopes, when inventoried, then scopes are the known ones, sorted and unique', () => {
    const e = only(withIdentity(readerPlan, [
      token('a', { scopes: known(['write_repository', 'read_api']) }), token('b', { scopes: known(['read_api', 'api']) }), token('c', { scopes: unresolved('var.s') }),
    ]));
    expect(e.scopes).toEqual(['api', 'read_api', 'write_repository']);
  });
});

describe('the role of an identity', () => {
  const role = (plan: IdentityPlan, rendered: Described[]) => only(withIdentity(plan, rendered)).accessLevel;

  test.each<[string, string[], string]>([
    ['reporter then developer', ['reporter', 'developer'], 'developer'],
    ['developer then reporter', ['developer', 'reporter'], 'developer'],
    ['reporter then a role GitLab does not know', ['reporter', 'custom'], 'custom'],
    ['a role GitLab does not know then owner', ['custom', 'owner'], 'custom'],
    ['two roles GitLab does not know', ['custom-b', 'custom-a'], 'custom-b'],
  ])('given memberships %s, when inventoried, then the highest is listed', (_what, levels, expected) => {
    expect(role(saPlan, levels.map((l, i) => membership(`m${i}`, { accessLevel: known(l) })))).toBe(expected);
  });

  test('given a token with maintainer and a membership with a computed role, when inventoried, then the token\'s role is listed', () => {
    expect(role(saPlan, [token('t', { accessLevel: known('maintainer') }), membership('m', { accessLevel: unresolved('var.l') })])).toBe('maintainer');
  });

  test('given a service account whose JSON has no token or membership role, when inventoried, then it has no role', () => {
    expect(role(saPlan, [token('t'), membership('m'), variable('v', [T])])).toBeNull();
  });

  test('given a personal access token identity whose token has no role, when inventoried, then the plan\'s role is listed', () => {
    expect(role(patPlan, [token('t', { kind: IdentityKind.PERSONAL_ACCESS_TOKEN, resourceType: 'gitlab_personal_access_token' })])).toBe('reporter');
  });

  test('given a personal access token identity planned without a role, when inventoried, then no role is listed', () => {
    expect(role({ ...patPlan, accessLevel: undefined }, [])).toBeNull();
  });
});

describe('the grants an identity\'s JSON makes', () => {
  const grantsOf = (plan: IdentityPlan, rendered: Described[]) => only(withIdentity(plan, rendered)).grants;
  const on = { type: 'project' as const, value: 'acme/app' };

  test('given an access token on a project with a role, when inventoried, then it is an access-token grant with its name and role', () => {
    expect(grantsOf(readerPlan, [token('t', { target: on, name: known('team-reader'), accessLevel: known('reporter') })]))
      .toEqual([{ type: GrantType.ACCESS_TOKEN, targetType: 'project', target: 'acme/app', tokenName: 'team-reader', accessLevel: 'reporter' }]);
  });

  test('given an access token with a computed name and role, when inventoried, then the grant has neither', () => {
    expect(grantsOf(readerPlan, [token('t', { target: { type: 'group', value: 'acme' }, name: unresolved('var.n'), accessLevel: unresolved('var.l'), triggerName: 'not-a-trigger' })]))
      .toEqual([{ type: GrantType.ACCESS_TOKEN, targetType: 'group', target: 'acme' }]);
  });

  test.each<[IdentityKind, string]>([
    [IdentityKind.PROJECT_DEPLOY_TOKEN, GrantType.DEPLOY_TOKEN],
    [IdentityKind.GROUP_DEPLOY_TOKEN, GrantType.DEPLOY_TOKEN],
    [IdentityKind.GROUP_ACCESS_TOKEN, GrantType.ACCESS_TOKEN],
  ])('given a %s token, when inventoried, then its grant type is %s', (kind, type) => {
    expect(grantsOf(deployPlan, [token('t', { kind, target: on, name: known('team-pull') })])).toEqual([{ type, targetType: 'project', target: 'acme/app', tokenName: 'team-pull' }]);
  });

  test('given a pipeline trigger named by its description, when inventoried, then the trigger name is the grant\'s token name', () => {
    expect(grantsOf(deployPlan, [token('t', { kind: IdentityKind.PIPELINE_TRIGGER_TOKEN, target: on, triggerName: 'team-kick' })]))
      .toEqual([{ type: GrantType.PIPELINE_TRIGGER, targetType: 'project', target: 'acme/app', tokenName: 'team-kick' }]);
  });

  test('given a service-account token, a token of a user and a token without target, when inventoried, then none is a grant', () => {
    expect(grantsOf(saPlan, [
      token('sa', { kind: IdentityKind.SERVICE_ACCOUNT, target: { type: 'group', value: 'acme' } }),
      token('user', { kind: IdentityKind.PERSONAL_ACCESS_TOKEN, target: { type: 'user', value: '42' } }),
      token('none'),
    ])).toEqual([]);
  });

  test('given memberships on web then app, one with a computed project, when inventoried, then they are membership grants sorted by target', () => {
    expect(grantsOf(saPlan, [
      membership('web', { target: { type: 'project', value: known('acme/web') }, accessLevel: known('reporter') }),
      membership('app', { accessLevel: unresolved('var.l') }),
      membership('g', { target: { type: 'group', value: unresolved('var.g') }, accessLevel: known('developer') }),
      membership('none', { target: undefined }),
    ])).toEqual([
      { type: GrantType.MEMBERSHIP, targetType: 'group', target: '(var.g)', accessLevel: 'developer' },
      { type: GrantType.MEMBERSHIP, targetType: 'project', target: 'acme/app' },
      { type: GrantType.MEMBERSHIP, targetType: 'project', target: 'acme/web', accessLevel: 'reporter' },
    ]);
  });

  test('given a job-token allowlist of projects and groups, when inventoried, then each grantee is a source without its prefix, sorted', () => {
    expect(grantsOf(jobPlan, [
      grant('web', { target: { type: 'project', value: known('acme/web') }, grantees: [known('project acme/app')] }),
      grant('lib', { target: { type: 'project', value: known('acme/lib') }, grantees: [known('group acme/tools'), known('project acme/z'), unresolved('local.project x')] }),
    ])).toEqual([
      { type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'acme/lib', source: '(local.project x)' },
      { type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'acme/lib', source: 'acme/tools' },
      { type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'acme/lib', source: 'acme/z' },
      { type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'acme/web', source: 'acme/app' },
    ]);
  });

  test('given a single allowlist entry, a group share, an unknown grant type and an allowlist without target, when inventoried, then only the entry is a grant', () => {
    expect(grantsOf(jobPlan, [
      grant('one', { resourceType: 'gitlab_project_job_token_scope', target: { type: 'project', value: unresolved('var.p') }, grantees: [known('group acme')] }),
      grant('share', { resourceType: 'gitlab_project_share_group', grantees: [known('group acme')] }),
      grant('odd', { resourceType: 'gitlab_something_else', grantees: [known('project acme/x')] }),
      grant('none', { target: undefined, grantees: [known('project acme/x')] }),
    ])).toEqual([{ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: '(var.p)', source: 'acme' }]);
  });

  test('given grants of several types, when inventoried, then they are sorted by type, then target', () => {
    const types = grantsOf(saPlan, [
      membership('m', { target: { type: 'project', value: known('acme/b') } }),
      token('t', { target: { type: 'project', value: 'acme/c' } }),
      token('d', { kind: IdentityKind.PROJECT_DEPLOY_TOKEN, target: { type: 'project', value: 'acme/a' } }),
    ]).map((g) => `${g.type} ${g.target}`);
    expect(types).toEqual(['access-token acme/c', 'deploy-token acme/a', 'membership acme/b']);
  });

  test('given two access tokens on one project, when inventoried, then their grants keep the JSON\'s order', () => {
    expect(grantsOf(readerPlan, [token('x', { target: on, name: known('team-x') }), token('a', { target: on, name: known('team-a') })]).map((g) => g.tokenName))
      .toEqual(['team-x', 'team-a']);
  });

  test.each([
    ['the project, then one whose name extends it after a space', ['acme/app', 'acme/app (fork)']],
    ['one whose name extends the project after a space, then the project', ['acme/app (fork)', 'acme/app']],
  ])('given access tokens on %s, when inventoried, then the shorter target comes first', (_what, targets) => {
    const rendered = targets.map((value, i) => token(`t${i}`, { target: { type: 'project', value } }));
    expect(grantsOf(readerPlan, rendered).map((g) => g.target)).toEqual(['acme/app', 'acme/app (fork)']);
  });

  test('given a personal access token identity, when inventoried, then the plan\'s bot-user memberships are listed after the JSON\'s grants', () => {
    expect(grantsOf(patPlan, [token('t', { kind: IdentityKind.PERSONAL_ACCESS_TOKEN, target: { type: 'project', value: 'acme/z' } })]).map((g) => `${g.type} ${g.target}`))
      .toEqual(['access-token acme/z', 'bot-user-membership acme/a', 'bot-user-membership acme/b']);
  });

  test('given a service account whose memberships are not in the JSON, when inventoried, then the plan\'s memberships are not listed', () => {
    expect(grantsOf(saPlan, [])).toEqual([]);
  });
});

describe('who an identity\'s tokens belong to, and its copies', () => {
  test('given a token and memberships of users, one computed, when inventoried, then users are sorted and unique', () => {
    const e = only(withIdentity(saPlan, [
      token('t', { user: known('service account b') }), membership('m', { user: known('service account b') }),
      membership('n', { user: unresolved('var.u') }), membership('o', { user: known('service account a') }), token('u'),
    ]));
    expect(e.users).toEqual(['(var.u)', 'service account a', 'service account b']);
  });

  test.each<[string, number | null, Described[]]>([
    ['nothing copied', 1, [token('t'), membership('m')]],
    ['a token whose copies are undefined', 1, [token('t', { copies: undefined })]],
    ['a token with 3 copies', 3, [token('t', { copies: known(3) }), membership('m', { copies: known(2) })]],
    ['a membership with 2 copies', 2, [token('t'), membership('m', { copies: known(2) })]],
    ['a grant with 4 copies', 4, [grant('g', { copies: known(4) })]],
    ['a secret with 5 copies', 5, [secret('s', { copies: known(5) })]],
    ['a membership with computed copies', null, [token('t', { copies: known(3) }), membership('m', { copies: unresolved('var.n') })]],
    ['a grant with computed copies', null, [grant('g', { copies: unresolved('var.n') })]],
    ['a variable with computed copies', 1, [token('t'), variable('v', [T], { copies: unresolved('var.n') })]],
  ])('given %s, when inventoried, then copies is %s', (_what, copies, rendered) => {
    expect(only(withIdentity(saPlan, rendered)).copies).toBe(copies);
  });
});

describe('an identity\'s entry', () => {
  const tokenT = token('t', {
    name: known('team-reader'), target: { type: 'project', value: 'acme/app' }, accessLevel: known('reporter'), scopes: known(['read_api']),
    rotation: { expirationDays: known(30), rotateBeforeDays: known(7) },
  });

  test('given the plan as rendered, when inventoried, then every field comes from the plan or the JSON', () => {
    const e = only(withIdentity(readerPlan, [tokenT, variable('v', [T], { masked: known(true), hidden: known(true), protected: known(true) })]));
    expect(e).toEqual({
      name: 'team-reader', source: 'automation-identity', kind: 'project-access-token', resourceType: null, owner: 'team', purpose: 'reader',
      runtime: { type: 'ci-pipeline', sourceProject: 'acme/app' }, reach: { type: 'project', projects: ['acme/app'] }, capabilities: ['api:read'],
      grants: [{ type: 'access-token', targetType: 'project', target: 'acme/app', tokenName: 'team-reader', accessLevel: 'reporter' }],
      accessLevel: 'reporter', scopes: ['read_api'], expiry: 'rotating', lifetimeDays: 30, rotateBeforeDays: 7,
      deliveries: [{ type: 'project-variable', target: 'acme/app', key: 'TOKEN', environmentScope: '*', protected: true }],
      labels: [], decisionRule: 5, rationale: readerPlan.rationale, findings: [], suppressions: [], constructPath: IDENTITY,
      users: [], copies: 1, differsFromPlan: [],
    });
    expect(Object.keys(e)).not.toContain('overlap');
    expect(e.rationale.length).toBeGreaterThan(0);
  });

  test('given variables delivering the token twice alike and with keys out of order, when inventoried, then deliveries are unique and sorted', () => {
    const e = only(withIdentity(readerPlan, [tokenT, variable('b', [T], { key: known('B') }), variable('a', [T], { key: known('A') }), variable('a2', [T], { key: known('A') }),
      variable('g', [T], { resourceType: 'gitlab_group_variable', owner: 'zeta', key: known('A') }), variable('s', [T], { key: known('A'), environmentScope: 'prod' })]));
    expect(e.deliveries.map((d) => `${d.type} ${d.target} ${d.key} ${d.environmentScope}`))
      .toEqual(['group-variable zeta A *', 'project-variable acme/app A *', 'project-variable acme/app A prod', 'project-variable acme/app B *']);
  });

  test('given a variable holding a token of another identity, when inventoried, then it is not this identity\'s delivery', () => {
    expect(only(withIdentity(readerPlan, [tokenT, variable('v', [`${PAT}.other`])])).deliveries).toEqual([]);
  });

  test('given findings on the variable, the identity and the token, when inventoried, then they are listed in the report\'s order', () => {
    const findings = [finding('GLID-013', 'gitlab_project_variable.v'), finding('GLID-001', T), finding('GLID-009', IDENTITY), finding('GLID-002', 'elsewhere')];
    const e = only(withIdentity(readerPlan, [tokenT, variable('v', [T])], { findings }));
    expect(e.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([`GLID-013 gitlab_project_variable.v`, `GLID-001 ${T}`, `GLID-009 ${IDENTITY}`]);
  });

  test('given findings on an output and a sink holding the token (not rendered by it), when inventoried, then they are the identity\'s', () => {
    const output: Described = { subject: 'output', path: 'output.o', address: 'output.o', holdsToken: true, tokenAddresses: [T], sensitive: false };
    const sink: Described = { subject: 'sink', path: 'gitlab_repository_file.f', place: 'gitlab_repository_file.content', secrets: [T] };
    const findings = [finding('GLID-012', 'output.o'), finding('GLID-023', 'gitlab_repository_file.f', { level: 'warning' })];
    const e = only(withIdentity(readerPlan, [tokenT], { credentials: [output, sink], findings }));
    expect(e.findings).toEqual([
      { ruleId: 'GLID-012', level: 'error', message: 'GLID-012 on output.o', path: 'output.o' },
      { ruleId: 'GLID-023', level: 'warning', message: 'GLID-023 on gitlab_repository_file.f', path: 'gitlab_repository_file.f' },
    ]);
  });

  test('given suppressed findings, when inventoried, then each names its suppression, and the suppressions are unique and sorted', () => {
    const by = (id: string, scope: string) => ({ suppressedBy: { id, reason: `${id} at ${scope}`, scope } });
    const findings = [
      finding('GLID-009', T, { ...by('GLID-009', 'team'), attribute: 'scopes' }), finding('GLID-001', T, by('GLID-001', 'team/z')), finding('GLID-001', IDENTITY, by('GLID-001', 'team')),
      finding('GLID-009', IDENTITY, by('GLID-009', 'team')), finding('GLID-002', T),
    ];
    const e = only(withIdentity(readerPlan, [tokenT], { findings }));
    expect(e.findings[0]).toEqual({ ruleId: 'GLID-009', level: 'error', message: `GLID-009 on ${T}`, path: T, suppressedBy: { id: 'GLID-009', reason: 'GLID-009 at team' } });
    expect(Object.keys(e.findings[4])).not.toContain('suppressedBy');
    expect(e.suppressions).toEqual([
      { id: 'GLID-001', reason: 'GLID-001 at team', scope: 'team' }, { id: 'GLID-001', reason: 'GLID-001 at team/z', scope: 'team/z' },
      { id: 'GLID-009', reason: 'GLID-009 at team', scope: 'team' },
    ]);
  });

  test('given drift findings on its resources and others, when inventoried, then differsFromPlan lists only the drift messages not on the identity itself', () => {
    const findings = [
      finding('GLID-007', T, { message: 'role raised' }), finding('GLID-003', T, { message: 'fixed date' }), finding('GLID-021', 'gitlab_project_variable.v', { message: 'lives longer' }),
      finding('GLID-022', T, { message: 'cannot verify' }), finding('GLID-021', IDENTITY, { message: 'on the identity' }),
    ];
    expect(only(withIdentity(readerPlan, [tokenT, variable('v', [T])], { findings })).differsFromPlan).toEqual(['role raised', 'lives longer', 'cannot verify']);
  });

  test('given a platform named by two identities\' plans, when inventoried, then the inventory lists the platforms sorted and unique', () => {
    const identities: IdentityBinding[] = ['b', 'a', 'c', 'd'].map((p, i) => ({
      path: `team/${p}`, plan: { ...readerPlan, name: p, ...(i < 3 ? { platform: i === 1 ? 'GitLab.com Free' : 'Self-managed 17.5' } : {}) }, addresses: [],
    }));
    const inventory = stackInventoryOf(report({ identities }), new Map());
    expect(inventory.platforms).toEqual(['GitLab.com Free', 'Self-managed 17.5']);
    expect(inventory.identities.map((e) => e.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('given no plan naming a platform, when inventoried, then the inventory has no platforms', () => {
    expect(Object.keys(stackInventoryOf(withIdentity(readerPlan, [tokenT]), new Map()))).not.toContain('platforms');
  });
});

describe('an overlapping identity', () => {
  const slot = (name: string, over: Partial<TokenCredential> = {}) => token(name, { name: known(`team-reader-${name}`), ...over });

  test('given both slots and a variable delivering the later one, when inventoried, then the slots are sorted and the later-expiring one is delivered', () => {
    const e = only(withIdentity(overlapPlan, [slot('b'), slot('a'), variable('v', [`${PAT}.a`, `${PAT}.b`], { deliversLaterSlot: true })]));
    expect(e.overlap).toEqual({ slots: ['team-reader-a', 'team-reader-b'], delivered: 'later-expiring', graceDays: 6, tolerableGapDays: 17 });
  });

  test('given a variable that does not deliver the later slot, when inventoried, then delivered says so', () => {
    const e = only(withIdentity(overlapPlan, [slot('a'), variable('ok', [`${PAT}.a`], { deliversLaterSlot: true }), variable('v', [`${PAT}.a`], { deliversLaterSlot: false })]));
    expect(e.overlap?.delivered).toBe('not-the-later-slot');
  });

  test('given no variable and slots named by trigger name or path, when inventoried, then those names are the slots', () => {
    const e = only(withIdentity(overlapPlan, [slot('b', { name: unresolved('var.n'), triggerName: 'team-kick-b' }), slot('a', { name: undefined })]));
    expect(e.overlap).toEqual({ slots: [`${PAT}.a`, 'team-kick-b'], delivered: 'later-expiring', graceDays: 6, tolerableGapDays: 17 });
  });
});

describe('a membership or grant written by hand', () => {
  test('given a project membership of a user with a role, when inventoried, then it is a provider-resource entry of its own', () => {
    const m = membership('m', { accessLevel: known('developer'), user: known('user 7') });
    expect(only(report({ credentials: [m] }))).toEqual({
      name: 'gitlab_project_membership.m', source: 'provider-resource', kind: 'project membership', resourceType: 'gitlab_project_membership',
      owner: null, purpose: null, runtime: null, reach: { type: 'project', projects: ['acme/app'] }, capabilities: [],
      grants: [{ type: 'membership', targetType: 'project', target: 'acme/app', accessLevel: 'developer' }],
      accessLevel: 'developer', scopes: [], expiry: 'never', lifetimeDays: null, rotateBeforeDays: null, deliveries: [], labels: [],
      decisionRule: null, rationale: ['project membership on project acme/app'], findings: [], suppressions: [],
      constructPath: 'gitlab_project_membership.m', users: ['user 7'], copies: 1, differsFromPlan: [],
    });
  });

  test('given a group membership with a computed role, when inventoried, then its reach is the group and its role the expression', () => {
    const m = membership('m', { resourceType: 'gitlab_group_membership', target: { type: 'group', value: known('acme') }, accessLevel: unresolved('var.level'), user: unresolved('var.u') });
    expect(only(report({ credentials: [m] }))).toMatchObject({
      kind: 'group membership', reach: { type: 'group', group: 'acme' }, accessLevel: '(var.level)', rationale: ['group membership on group acme'], users: ['(var.u)'],
    });
  });

  test('given a membership of an unknown type on a computed project, without role or user, when inventoried, then its kind is its type and reach unknown', () => {
    const m = membership('m', { resourceType: 'gitlab_custom_membership', target: { type: 'project', value: unresolved('var.p') }, copies: known(3) });
    expect(only(report({ credentials: [m] }))).toMatchObject({
      kind: 'gitlab_custom_membership', reach: null, accessLevel: null, rationale: ['gitlab_custom_membership on project (var.p)'], users: [], copies: 3,
    });
  });

  test('given a membership without target, when inventoried, then there is no reach, grant or rationale', () => {
    expect(only(report({ credentials: [membership('m', { target: undefined })] }))).toMatchObject({ reach: null, grants: [], rationale: [] });
  });

  test('given a group share with a role, when inventoried, then the grant\'s role and grantees are listed', () => {
    const share = grant('s', {
      resourceType: 'gitlab_project_share_group', what: 'project shared with a group', role: known('developer'), grantees: [known('group b'), unresolved('var.g'), known('group a')],
      copies: unresolved('var.n'),
    });
    expect(only(report({ credentials: [share] }))).toMatchObject({
      name: 'gitlab_project_job_token_scopes.s', kind: 'project shared with a group', resourceType: 'gitlab_project_share_group', accessLevel: 'developer',
      grants: [], rationale: ['project shared with a group on project acme/app'], users: ['(var.g)', 'group a', 'group b'], copies: null,
    });
  });

  test('given an allowlist written by hand with findings on it, when inventoried, then it lists its allowlist grants and its findings', () => {
    const allow = grant('a', { grantees: [known('project acme/lib')], role: unresolved('var.r') });
    const e = only(report({ credentials: [allow], findings: [finding('GLID-024', allow.path, { suppressedBy: { id: 'GLID-024', reason: 'known', scope: 'team' } }), finding('GLID-001', 'x')] }));
    expect(e).toMatchObject({
      accessLevel: '(var.r)', grants: [{ type: 'job-token-allowlist', targetType: 'project', target: 'acme/app', source: 'acme/lib' }],
      findings: [{ ruleId: 'GLID-024', level: 'error', message: `GLID-024 on ${allow.path}`, path: allow.path, suppressedBy: { id: 'GLID-024', reason: 'known' } }],
      suppressions: [{ id: 'GLID-024', reason: 'known', scope: 'team' }],
    });
  });
});

describe('a token or secret written by hand', () => {
  test('given a project access token with name, role, scopes and rotation, when inventoried, then its entry says what its JSON says', () => {
    const t = token('t', {
      name: known('team-raw'), target: { type: 'project', value: 'acme/app' }, accessLevel: known('developer'), scopes: known(['write_repository', 'read_api', 'read_api']),
      rotation: { expirationDays: known(60), rotateBeforeDays: known(10) }, user: known('user 3'),
    });
    expect(only(report({ credentials: [t, variable('v', [T], { masked: known(true) })] }))).toEqual({
      name: 'team-raw', source: 'provider-resource', kind: 'project-access-token', resourceType: PAT, owner: null, purpose: null, runtime: null, reach: null,
      capabilities: [], grants: [{ type: 'access-token', targetType: 'project', target: 'acme/app', tokenName: 'team-raw', accessLevel: 'developer' }],
      accessLevel: 'developer', scopes: ['read_api', 'write_repository'], expiry: 'rotating', lifetimeDays: 60, rotateBeforeDays: 10,
      deliveries: [{ type: 'project-variable', target: 'acme/app', key: 'TOKEN', environmentScope: '*', protected: null, maskedOnly: true }],
      labels: [], decisionRule: null, rationale: [], findings: [], suppressions: [], constructPath: T, users: ['user 3'], copies: 1, differsFromPlan: [],
    });
  });

  test.each<[string, string | null, Partial<TokenCredential>]>([
    ['a project access token without access_level', 'maintainer', {}],
    ['a group access token without access_level', 'maintainer', { resourceType: 'gitlab_group_access_token' }],
    ['a project access token with a computed access_level', null, { accessLevel: unresolved('var.l') }],
    ['a personal access token', null, { resourceType: 'gitlab_personal_access_token' }],
    ['a token of a type the catalogue does not know', null, { resourceType: 'gitlab_future_token' }],
  ])('given %s, when inventoried, then its role is %s', (_what, accessLevel, over) => {
    expect(only(report({ credentials: [token('t', over)] })).accessLevel).toBe(accessLevel);
  });

  test('given a token without an address and a variable that holds the address "", when inventoried, then the variable is not the token\'s', () => {
    const t = token('t', { address: undefined });
    const v = variable('v', ['']);
    const entry = only(report({ credentials: [t, v], findings: [finding('GLID-013', v.path)] }));
    expect(entry.deliveries).toEqual([]);
    expect(entry.findings).toEqual([]);
  });

  test('given a token with a computed name and computed scopes, when inventoried, then it is named by its path and has no scopes', () => {
    expect(only(report({ credentials: [token('t', { name: unresolved('var.n'), scopes: unresolved('var.s') })] }))).toMatchObject({ name: T, scopes: [] });
  });

  test('given findings on the token and on an output and a variable holding it, when inventoried, then all are the token\'s, in the report\'s order', () => {
    const output: Described = { subject: 'output', path: 'output.o', address: 'output.o', holdsToken: true, tokenAddresses: [T], sensitive: false };
    const findings = [finding('GLID-012', 'output.o'), finding('GLID-013', 'gitlab_project_variable.v'), finding('GLID-001', T), finding('GLID-002', 'elsewhere')];
    const e = only(report({ credentials: [token('t'), output, variable('v', [T])], findings }));
    expect(e.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['GLID-012 output.o', 'GLID-013 gitlab_project_variable.v', `GLID-001 ${T}`]);
  });

  test('given a suppressed finding on the token, when inventoried, then the token lists the suppression', () => {
    const e = only(report({ credentials: [token('t')], findings: [finding('GLID-001', T, { suppressedBy: { id: 'GLID-001', reason: 'accepted', scope: T } })] }));
    expect(e.suppressions).toEqual([{ id: 'GLID-001', reason: 'accepted', scope: T }]);
    expect(e.findings).toEqual([{ ruleId: 'GLID-001', level: 'error', message: `GLID-001 on ${T}`, path: T, suppressedBy: { id: 'GLID-001', reason: 'accepted' } }]);
  });

  test('given suppressions whose ids ascend while their scopes descend, when inventoried, then they are sorted by id before scope', () => {
    const by = (id: string, scope: string) => ({ suppressedBy: { id, reason: 'accepted', scope } });
    const e = only(report({ credentials: [token('t')], findings: [finding('GLID-001', T, by('GLID-001', 'team/z')), finding('GLID-009', T, by('GLID-009', 'team'))] }));
    expect(e.suppressions).toEqual([{ id: 'GLID-001', reason: 'accepted', scope: 'team/z' }, { id: 'GLID-009', reason: 'accepted', scope: 'team' }]);
  });

  test('given a cluster agent token delivered by a variable, when inventoried, then it is a secret entry with its delivery and copies', () => {
    const s = secret('s', { target: { type: 'project', value: known('acme/app') }, copies: known(2) });
    expect(only(report({ credentials: [s, variable('v', [s.address as string], { key: known('AGENT') })] }))).toEqual({
      name: s.path, source: 'provider-resource', kind: 'cluster agent token', resourceType: 'gitlab_cluster_agent_token', owner: null, purpose: null, runtime: null,
      reach: null, capabilities: [], grants: [], accessLevel: null, scopes: [], expiry: 'never', lifetimeDays: null, rotateBeforeDays: null,
      deliveries: [{ type: 'project-variable', target: 'acme/app', key: 'AGENT', environmentScope: '*', protected: null }],
      labels: [], decisionRule: null, rationale: [], findings: [], suppressions: [], constructPath: s.path, users: [], copies: 2, differsFromPlan: [],
    });
  });

  test('given variables, outputs, sinks, a service account and the provider requirement alone, when inventoried, then none is an entry', () => {
    const credentials: Described[] = [
      variable('v', [T]), { subject: 'output', path: 'output.o', address: 'output.o', holdsToken: false, sensitive: false },
      { subject: 'sink', path: 'f', place: 'x', secrets: [] }, { subject: 'service-account', path: 'sa', address: 'gitlab_group_service_account.sa', resourceType: 'gitlab_group_service_account' },
      { subject: 'provider-requirement', path: 'team', rotatingTokens: [] },
    ];
    expect(entriesOf(report({ credentials }))).toEqual([]);
  });
});

describe('a stack\'s entries', () => {
  test('given an identity\'s token and a token written by hand, when inventoried, then the identity\'s token is in its entry only', () => {
    const r = withIdentity(readerPlan, [token('t', { name: known('team-reader') })], { credentials: [token('raw', { name: known('team-raw') })] });
    expect(entriesOf(r).map((e) => `${e.source} ${e.name}`)).toEqual(['provider-resource team-raw', 'automation-identity team-reader']);
  });

  test('given a credential rendered by another identity path, when inventoried, then it is not this identity\'s', () => {
    const r = report({ credentials: [own(token('t', { scopes: known(['api']) }), 'team/other')], identities: [{ path: IDENTITY, plan: readerPlan, addresses: [] }] });
    expect(entriesOf(r).map((e) => [e.name, e.scopes])).toEqual([[T, ['api']], ['team-reader', []]]);
  });
});

describe('the inventory from Terraform JSON', () => {
  test('given a project access token delivered by a masked variable without hidden, when checked and inventoried, then the delivery is masked only', () => {
    const config = stack({
      resource: {
        gitlab_project_access_token: { t: compliantToken() },
        gitlab_project_variable: { v: { project: 'acme/app', key: 'READER_TOKEN', value: `\${${T}.token}`, masked: true, protected: false, environment_scope: 'production' } },
      },
    });
    expect(entry([check(config)], 'team-reader')).toMatchObject({
      source: 'provider-resource', accessLevel: 'reporter', scopes: ['read_api'], expiry: 'rotating', lifetimeDays: 90, rotateBeforeDays: 14,
      deliveries: [{ type: 'project-variable', target: 'acme/app', key: 'READER_TOKEN', environmentScope: 'production', protected: false, maskedOnly: true }],
    });
  });

  test('given the reader identity rendered as planned, when checked and inventoried, then its entry joins the plan and the JSON', () => {
    const meta = (name: string) => ({ '//': { metadata: { path: `${IDENTITY}/${name}` } } });
    const config = stack({
      resource: {
        gitlab_project_access_token: {
          reader_Token: { ...meta('Token'), ...compliantToken({ description: readerPlan.description, rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } }) },
        },
        gitlab_project_variable: {
          reader_Variable: { ...meta('Variable'), project: 'acme/app', key: 'READER_TOKEN', value: `\${${PAT}.reader_Token.token}`, masked: true, hidden: true, protected: true, raw: true },
        },
      },
    });
    const binding: IdentityBinding = { path: IDENTITY, plan: readerPlan, addresses: [`${PAT}.reader_Token`, 'gitlab_project_variable.reader_Variable'] };
    const r = check(config, [binding]);
    expect(r.findings).toEqual([]);
    expect(entriesOf(r)).toEqual([expect.objectContaining({
      name: 'team-reader', source: 'automation-identity', constructPath: IDENTITY, accessLevel: 'reporter', expiry: 'rotating', lifetimeDays: 30, rotateBeforeDays: 7,
      grants: [{ type: 'access-token', targetType: 'project', target: 'acme/app', tokenName: 'team-reader', accessLevel: 'reporter' }],
      deliveries: [{ type: 'project-variable', target: 'acme/app', key: 'READER_TOKEN', environmentScope: '*', protected: true }], differsFromPlan: [],
    })]);
  });
});

describe('a module call the checks cannot read', () => {
  const withModule = (extra: Record<string, unknown> = {}) => check(stack({
    resource: { gitlab_project_access_token: { t: compliantToken() } },
    module: { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0', ...extra } },
  }));

  test('given a remote module, when inventoried, then it has an entry of its own with its GLID-022 and an unknown lifetime', () => {
    expect(entry([withModule()], 'module.vpc')).toMatchObject({
      name: 'module.vpc', source: 'provider-resource', kind: 'module call', resourceType: 'module', expiry: 'unknown', accessLevel: null,
      scopes: [], grants: [], copies: 1, constructPath: 'module.vpc',
      rationale: ['Its source "terraform-aws-modules/vpc/aws": the checks do not read it, so what it creates is not in this inventory.'],
      findings: [expect.objectContaining({ ruleId: 'GLID-022', level: 'error' })],
    });
  });

  test('given a merge request that adds one, suppressed, when the gate compares inventories, then it is an escalation', () => {
    const before = inventoriesFromReports([check(stack({ resource: { gitlab_project_access_token: { t: compliantToken() } } }))]);
    const after = inventoriesFromReports([withModule({ '//': 'gitlab-identity:ignore GLID-022 AWS networking only, creates no GitLab resource' })]);
    const diff = diffInventories(before, after);
    expect(diff.added.map((e) => e.name)).toEqual(['module.vpc']);
    expect(diff.escalations.map((e) => e.name)).toContain('module.vpc');
  });

  test('given it is suppressed with a reason, when inventoried, then the entry shows the suppression a reviewer reads', () => {
    const report = withModule({ '//': 'gitlab-identity:ignore GLID-022 AWS networking only, creates no GitLab resource' });
    expect(entry([report], 'module.vpc').suppressions).toEqual([expect.objectContaining({ id: 'GLID-022', reason: 'AWS networking only, creates no GitLab resource' })]);
  });
});
