/**
 * The policy checks against AutomationIdentity: the library's own identities are clean for every kind,
 * the plan's own findings (GLID-007, GLID-010, GLID-011) are reported on the identity, and escape hatches
 * on rendered resources are judged against the plan (GLID-007 on the changed resource).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import {
  AccessLevel,
  AutomationIdentity,
  AutomationIdentityProps,
  Capability as C,
  Delivery,
  IdentityKind as K,
  IdentityPolicy,
  Reach,
  Runtime,
  policyRule,
} from '../../../lib';
import { request, userStack } from '../support';
import { synth, synthFailure, annotations, checkedStack, findingsIn, projectToken, projectVariable, ruleFindings, tempApp } from './policy-support';
import { mentioning } from '../../support/mentioning';

/** The " Fix: ..." the checks append to a rule's finding in annotations and synth errors. */
const fixOf = (ruleId: string) => ` Fix: ${policyRule(ruleId)?.fix}`;

/** A checked stack holding one identity, synthesized. */
function checkedIdentity(props: Partial<AutomationIdentityProps>, checksPolicy?: IdentityPolicy, change?: (i: AutomationIdentity) => void) {
  const stack = checkedStack(checksPolicy === undefined ? undefined : { policy: checksPolicy });
  const identity = new AutomationIdentity(stack, 'bot', request(props));
  change?.(identity);
  synth(stack);
  return { stack, identity };
}

const child = (identity: AutomationIdentity, id: string) => identity.node.findChild(id) as TerraformResource;

const ci = Runtime.ciPipeline('acme/ci');
const deliver = Delivery.ciVariable({ project: 'acme/ci', key: 'TEAM_TOKEN' });

describe('the library\'s own identities are clean', () => {
  // GIVEN an identity of each kind, delivered where possible WHEN checked THEN no error; only the warnings
  // that the plan itself gives for the last-resort kinds.
  test.each<[K, Partial<AutomationIdentityProps>, string[]]>([
    [K.CI_JOB_TOKEN, { runtime: ci, reach: Reach.project('acme/app'), capabilities: [C.PACKAGE_REGISTRY_READ] }, []],
    [K.PIPELINE_TRIGGER_TOKEN, { reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.PIPELINE_TRIGGER], deliverTo: deliver }, []],
    [K.PROJECT_DEPLOY_TOKEN, { reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.CONTAINER_REGISTRY_READ], deliverTo: deliver }, []],
    [K.GROUP_DEPLOY_TOKEN, { reach: Reach.group('acme', { projectCount: 50 }), capabilities: [C.CONTAINER_REGISTRY_READ, C.REPOSITORY_READ], deliverTo: deliver }, []],
    [K.PROJECT_ACCESS_TOKEN, { runtime: ci, reach: Reach.project('acme/app'), capabilities: [C.API_TRIAGE], deliverTo: deliver }, []],
    [K.SERVICE_ACCOUNT, { reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_WRITE], deliverTo: Delivery.groupVariable({ group: 'acme', key: 'TEAM_TOKEN' }) }, []],
    [K.SERVICE_ACCOUNT, { reach: Reach.group('acme', { projectCount: 50 }), capabilities: [C.API_READ], lifetimeDays: 30, rotateBeforeDays: 7, deliverTo: deliver }, []],
    [K.SERVICE_ACCOUNT, { reach: Reach.project('acme/app'), capabilities: [C.TOKENS_MANAGE], deliverTo: deliver }, []],
    [K.GROUP_ACCESS_TOKEN, { reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ], deliverTo: deliver }, ['warning GLID-010 team/bot']],
    [K.PERSONAL_ACCESS_TOKEN, {
      reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false }, botUserId: 42, deliverTo: deliver,
    }, ['warning GLID-011 team/bot']],
  ])('%s', (kind, props, expected) => {
    const { stack, identity } = checkedIdentity(props);
    expect(identity.plan.kind).toBe(kind);
    expect(findingsIn(stack).map((f) => `${f.level} ${f.ruleId} ${f.path}`)).toEqual(expected);
    expect(annotations(stack).map((a) => `${a.level} ${a.text.slice(0, 8)} ${a.path}`)).toEqual(expected);
  });

  test('every kind together in one app: app.synth() succeeds', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    new AutomationIdentity(stack, 'job', request({ purpose: 'job', runtime: ci, reach: Reach.project('acme/app'), capabilities: [C.PACKAGE_REGISTRY_READ] }));
    new AutomationIdentity(stack, 'trigger', request({ purpose: 'trigger', reach: Reach.project('acme/app'), capabilities: [C.PIPELINE_TRIGGER] }));
    new AutomationIdentity(stack, 'pull', request({ purpose: 'pull', reach: Reach.project('acme/app'), capabilities: [C.CONTAINER_REGISTRY_READ] }));
    new AutomationIdentity(stack, 'group-pull', request({ purpose: 'group-pull', reach: Reach.group('acme', { projectCount: 50 }), capabilities: [C.CONTAINER_REGISTRY_READ] }));
    new AutomationIdentity(stack, 'triage', request({ purpose: 'triage', reach: Reach.project('acme/app'), capabilities: [C.API_TRIAGE], deliverTo: deliver }));
    new AutomationIdentity(stack, 'small', request({ purpose: 'small', reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ] }));
    new AutomationIdentity(stack, 'sa', request({ purpose: 'sa', reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ] }));
    new AutomationIdentity(stack, 'pat', request({
      purpose: 'pat', reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false }, botUserId: 42,
    }));
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app).map((a) => `${a.level} ${a.path}`)).toEqual(['warning team/small', 'warning team/pat']);
  });
});

describe('GLID-007 over-privileged', () => {
  test('non-compliant: an explicit accessLevel above the need is an error on the identity, reported once', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ], accessLevel: AccessLevel.MAINTAINER });
    // The level set, the level needed and why; the fixes: remove accessLevel, or suppress GLID-007.
    expect(ruleFindings(stack, 'GLID-007')).toEqual([
      { path: 'team/bot', level: 'error', message: mentioning('accessLevel', "'maintainer'", "'reporter'", 'api:read', 'accessLevel', 'GLID-007') },
    ]);
    // The plan's message already says how to fix it: no "Fix:" is appended.
    const [{ message }] = ruleFindings(stack, 'GLID-007');
    expect(synthFailure(stack.node.root as App)).toContain(`[team/bot] GLID-007: ${message}\n`);
  });

  test('compliant: an explicit accessLevel equal to the need', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ], accessLevel: AccessLevel.REPORTER });
    expect(findingsIn(stack)).toEqual([]);
  });

  test('not applicable: a deploy-token identity has no role', () => {
    const { stack, identity } = checkedIdentity({ capabilities: [C.CONTAINER_REGISTRY_READ] });
    expect(identity.plan.kind).toBe(K.PROJECT_DEPLOY_TOKEN);
    expect(ruleFindings(stack, 'GLID-007')).toEqual([]);
  });


  test('escape hatch: access_level raised on the rendered token is an error on that resource', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ] }, undefined, (i) => child(i, 'Token').addOverride('access_level', 'maintainer'));
    expect(ruleFindings(stack, 'GLID-007')).toEqual([
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_project_access_token', "'team-bot'", 'access_level', 'maintainer', 'reporter') },
    ]);
    const [{ message }] = ruleFindings(stack, 'GLID-007');
    expect(synthFailure(stack.node.root as App)).toContain(`[team/bot/Token] GLID-007: ${message}${fixOf('GLID-007')}`);
  });

  test('escape hatch: a scope added to the rendered token', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ] }, undefined, (i) => child(i, 'Token').addOverride('scopes', ['read_api', 'write_repository']));
    expect(ruleFindings(stack, 'GLID-007')).toEqual([
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_project_access_token', "'team-bot'", 'write_repository', 'read_api') },
    ]);
  });

  test('escape hatch: api added to a read_api service-account token', () => {
    const { stack } = checkedIdentity({ reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ] }, undefined,
      (i) => child(i, 'Token').addOverride('scopes', ['read_api', 'api']));
    expect(ruleFindings(stack, 'GLID-007')).toEqual([
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_group_service_account_access_token', "'team-bot'", 'api', 'read_api') },
    ]);
  });

  test('escape hatch: a service-account membership raised to owner is GLID-006 and GLID-007 on the membership', () => {
    const { stack } = checkedIdentity({ reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ] }, undefined,
      (i) => child(i, 'Membership-acme~docs').addOverride('access_level', 'owner'));
    expect(findingsIn(stack).map(({ path, level, ruleId, message }) => ({ path, level, ruleId, message }))).toEqual([
      { path: 'team/bot/Membership-acme~docs', level: 'error', ruleId: 'GLID-006', message: mentioning('gitlab_project_membership', 'access_level', 'owner') },
      { path: 'team/bot/Membership-acme~docs', level: 'error', ruleId: 'GLID-007', message: mentioning('gitlab_project_membership', 'access_level', 'owner', 'reporter') },
    ]);
  });

  test('escape hatch: a registry write scope added to a pull-only deploy token', () => {
    const { stack } = checkedIdentity({ reach: Reach.project('acme/app'), capabilities: [C.CONTAINER_REGISTRY_READ] }, undefined,
      (i) => child(i, 'DeployToken-acme~app').addOverride('scopes', ['read_registry', 'write_registry']));
    expect(ruleFindings(stack, 'GLID-007')).toEqual([
      { path: 'team/bot/DeployToken-acme~app', level: 'error', message: mentioning('gitlab_project_deploy_token', "'team-bot'", 'write_registry', 'read_registry') },
    ]);
  });

  test('an override that stays within the plan is not a finding', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ] }, undefined, (i) => child(i, 'Token').addOverride('access_level', 'guest'));
    expect(ruleFindings(stack, 'GLID-007')).toEqual([]);
  });
});

describe('warnings the plan gives', () => {
  test('GLID-010 is a warning on the identity, in the synthesized manifest, without IdentityPolicyChecks', () => {
    const app = tempApp();
    const stack = userStack(app);
    new AutomationIdentity(stack, 'bot', request({ reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ] }));
    expect(() => app.synth()).not.toThrow();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { annotations: { constructPath: string; level: string; message: string }[] }> };
    // What `cdktf synth` prints: the manifest's annotations.
    expect(manifest.stacks.team.annotations).toEqual([
      { constructPath: 'team/bot', level: '@cdktf/warn', message: expect.stringMatching(/^GLID-010: .*acme\/small/) },
    ]);
  });

  test('GLID-010: a group access token on a small group', () => {
    const { stack } = checkedIdentity({ reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ] });
    // The group, its size, the role and the limit; the fix: Reach.projects.
    expect(ruleFindings(stack, 'GLID-010')).toEqual([
      { path: 'team/bot', level: 'warning', message: mentioning('acme/small', '4', "'reporter'", '10', 'Reach.projects') },
    ]);
    const [{ message }] = ruleFindings(stack, 'GLID-010');
    // Reported on the identity only, not again on its rendered group token.
    expect(annotations(stack)).toEqual([{ path: 'team/bot', level: 'warning', text: `GLID-010: ${message}` }]);
    // As cdktf's Annotations record it, without a stack trace of the checks' own frames.
    const warning = stack.node.findChild('bot').node.metadata.find((m) => m.type === '@cdktf/warn');
    expect(warning).toEqual(expect.objectContaining({ data: `GLID-010: ${message}`, trace: undefined }));
  });

  test('GLID-011: a bot user\'s personal access token', () => {
    const { stack } = checkedIdentity({ reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [C.API_READ], policy: { serviceAccountsAvailable: false }, botUserId: 42 });
    // The bot user and the role to keep; the fix: a service account.
    expect(ruleFindings(stack, 'GLID-011')).toEqual([{ path: 'team/bot', level: 'warning', message: mentioning('42', "'reporter'", 'service account') }]);
    const [{ message }] = ruleFindings(stack, 'GLID-011');
    expect(annotations(stack)).toEqual([{ path: 'team/bot', level: 'warning', text: `GLID-011: ${message}` }]);
  });

  test('GLID-014: a delivery with protected: false', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_TRIAGE], deliverTo: Delivery.ciVariable({ project: 'acme/ci', key: 'TEAM_TOKEN', protected: false }) });
    const path = 'team/bot/Variable-project-acme~ci-TEAM_TOKEN';
    expect(ruleFindings(stack, 'GLID-014')).toEqual([{ path, level: 'warning', message: mentioning('gitlab_project_variable', "'TEAM_TOKEN'", 'protected') }]);
    const [{ message }] = ruleFindings(stack, 'GLID-014');
    expect(annotations(stack)).toEqual([{ path, level: 'warning', text: `GLID-014: ${message}${fixOf('GLID-014')}` }]);
  });

  test('warnings alone do not fail app.synth()', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    new AutomationIdentity(stack, 'bot', request({ reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ],
      deliverTo: Delivery.ciVariable({ project: 'acme/ci', key: 'TEAM_TOKEN', protected: false }) }));
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app).map((a) => `${a.level} ${a.text.slice(0, 8)}`)).toEqual(['warning GLID-010', 'warning GLID-014']);
  });
});

describe('warnings the checks give on an identity\'s rendered resources', () => {
  test('GLID-017: a group deploy token that writes to a group larger than smallGroupMaxProjects (the plan warns, once)', () => {
    const { stack, identity } = checkedIdentity({ reach: Reach.group('acme', { projectCount: 50 }), capabilities: [C.CONTAINER_REGISTRY_WRITE] });
    expect(identity.plan.kind).toBe(K.GROUP_DEPLOY_TOKEN);
    expect(ruleFindings(stack, 'GLID-017')).toEqual([{ path: 'team/bot', level: 'warning', message: identity.plan.findings[0].message }]);
    expect(identity.plan.findings[0].message).toEqual(mentioning('acme', 'write_registry', '50', 'smallGroupMaxProjects', 'Reach.projects'));
  });

  test('GLID-017: the checks\' stricter policy warns on the rendered token the plan found small enough', () => {
    const { stack } = checkedIdentity({
      reach: Reach.group('acme', { projectCount: 8 }), capabilities: [C.CONTAINER_REGISTRY_WRITE],
    }, { smallGroupMaxProjects: 5 });
    expect(ruleFindings(stack, 'GLID-017').map((f) => ({ level: f.level, identity: f.path.split('/').slice(0, 2).join('/'), message: f.message }))).toEqual([{
      level: 'warning', identity: 'team/bot',
      message: mentioning('gitlab_group_deploy_token', "'team-bot'", 'write_registry', '8', 'acme', 'smallGroupMaxProjects', '5'),
    }]);
  });

  test('GLID-017: reading a large group is not flagged', () => {
    const { stack } = checkedIdentity({ reach: Reach.group('acme', { projectCount: 50 }), capabilities: [C.CONTAINER_REGISTRY_READ] });
    expect(ruleFindings(stack, 'GLID-017')).toEqual([]);
  });

  test('GLID-018: a CI automation delivering its token to another project', () => {
    const { stack } = checkedIdentity({ runtime: ci, capabilities: [C.API_TRIAGE], deliverTo: Delivery.ciVariable({ project: 'acme/other', key: 'TEAM_TOKEN' }) });
    const path = 'team/bot/Variable-project-acme~other-TEAM_TOKEN';
    expect(ruleFindings(stack, 'GLID-018')).toEqual([
      { path, level: 'warning', message: mentioning('gitlab_project_variable', "'TEAM_TOKEN'", "'team-bot'", 'acme/other', 'acme/ci') },
    ]);
    const [{ message }] = ruleFindings(stack, 'GLID-018');
    expect(annotations(stack)).toEqual([{ path, level: 'warning', text: `GLID-018: ${message}${fixOf('GLID-018')}` }]);
  });

  test.each([
    ['the source project', Delivery.ciVariable({ project: 'acme/ci', key: 'TEAM_TOKEN' })],
    ['a group holding the source project', Delivery.groupVariable({ group: 'acme', key: 'TEAM_TOKEN' })],
  ])('GLID-018: a CI automation delivering to %s is clean', (_, deliverTo) => {
    const { stack } = checkedIdentity({ runtime: ci, capabilities: [C.API_TRIAGE], deliverTo });
    expect(findingsIn(stack)).toEqual([]);
  });

  test('GLID-018: a deploy token delivered outside its CI runtime\'s project is reported once, not again for its username', () => {
    const { stack, identity } = checkedIdentity({
      runtime: ci, reach: Reach.project('acme/images'), capabilities: [C.CONTAINER_REGISTRY_WRITE],
      deliverTo: Delivery.ciVariable({ project: 'acme/other', key: 'PULL_TOKEN' }),
    });
    expect(identity.plan.kind).toBe(K.PROJECT_DEPLOY_TOKEN);
    expect(ruleFindings(stack, 'GLID-018').map((f) => f.path)).toEqual(['team/bot/Variable-project-acme~other-PULL_TOKEN']);
  });

  test('GLID-018: a hand-written variable holding an identity\'s token is not judged against the runtime', () => {
    const { stack } = checkedIdentity({ runtime: ci, capabilities: [C.API_TRIAGE] }, undefined,
      (i) => projectVariable(i.node.scope as TerraformStack, i.token, 'raw-variable', { project: 'acme/other' }));
    expect(ruleFindings(stack, 'GLID-018')).toEqual([]);
  });
});

describe('the checks\' policy is the organisation\'s guard, whatever policy an identity was given', () => {
  const lenient: IdentityPolicy = { maxLifetimeDays: 365 };

  test('GLID-003: a token planned for 180 days under a lenient policy breaks the checks\' 90', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ], policy: lenient, lifetimeDays: 180 });
    expect(ruleFindings(stack, 'GLID-003')).toEqual([
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_project_access_token', "'team-bot'", '180', '90', 'maxLifetimeDays') },
    ]);
  });

  test('GLID-003: deploy and trigger tokens are judged by the planned lifetime of their time_rotating schedule', () => {
    const stack = checkedStack();
    new AutomationIdentity(stack, 'pull', request({ purpose: 'pull', reach: Reach.project('acme/app'), capabilities: [C.CONTAINER_REGISTRY_READ], policy: lenient, lifetimeDays: 180 }));
    new AutomationIdentity(stack, 'trigger', request({ purpose: 'trigger', reach: Reach.project('acme/app'), capabilities: [C.PIPELINE_TRIGGER], policy: lenient, lifetimeDays: 180 }));
    synth(stack);
    expect(ruleFindings(stack, 'GLID-003')).toEqual([
      { path: 'team/pull/DeployToken-acme~app', level: 'error', message: mentioning('gitlab_project_deploy_token', "'team-pull'", '180', '90', 'maxLifetimeDays') },
      { path: 'team/trigger/Trigger-acme~app', level: 'error', message: mentioning('gitlab_pipeline_trigger', '180', '90', 'maxLifetimeDays') },
    ]);
  });

  test('GLID-016: a name without the organisation\'s prefix is an error for an identity (a warning for raw resources)', () => {
    const { stack } = checkedIdentity({ capabilities: [C.API_READ] }, { namePrefix: 'acme-' });
    expect(ruleFindings(stack, 'GLID-016')).toEqual([
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_project_access_token', "'team-bot'", "'acme-'") },
    ]);
  });

  test('an identity planned with the same policy as the checks is clean', () => {
    const policy: IdentityPolicy = { namePrefix: 'acme-', maxLifetimeDays: 30 };
    const { stack } = checkedIdentity({ capabilities: [C.API_READ], policy }, policy);
    expect(findingsIn(stack)).toEqual([]);
  });

  /** The plan's warning: the group, its size, the role and the limit; the fix: Reach.projects. */
  const smallGroupWarning = (group: string, count: number, max: number) =>
    mentioning(group, String(count), "'reporter'", String(max), 'Reach.projects');

  test('GLID-010: an identity\'s group token is an error when the checks\' policy disallows group tokens', () => {
    const { stack } = checkedIdentity({ reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ] }, { allowGroupAccessTokens: false });
    expect(ruleFindings(stack, 'GLID-010')).toEqual([
      { path: 'team/bot', level: 'warning', message: smallGroupWarning('acme/small', 4, 10) },
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_group_access_token', "'team-bot'", 'allowGroupAccessTokens: false') },
    ]);
  });

  test('GLID-010: an identity\'s group token is an error when the group is larger than the checks\' policy allows', () => {
    const { stack } = checkedIdentity({ reach: Reach.group('acme/medium', { projectCount: 8 }), capabilities: [C.API_READ] }, { smallGroupMaxProjects: 5 });
    expect(ruleFindings(stack, 'GLID-010')).toEqual([
      { path: 'team/bot', level: 'warning', message: smallGroupWarning('acme/medium', 8, 10) },
      { path: 'team/bot/Token', level: 'error', message: mentioning('gitlab_group_access_token', "'team-bot'", '8', 'smallGroupMaxProjects', '5') },
    ]);
  });

  test('GLID-010: within the checks\' policy, the identity\'s group token is only the plan\'s warning', () => {
    const { stack } = checkedIdentity({ reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ] }, { smallGroupMaxProjects: 4 });
    expect(ruleFindings(stack, 'GLID-010').map((f) => `${f.level} ${f.path}`)).toEqual(['warning team/bot']);
  });
});

describe('identities next to hand-written resources', () => {
  test('GLID-015: a raw token reusing an identity\'s token name', () => {
    const stack: TerraformStack = checkedStack();
    new AutomationIdentity(stack, 'bot', request({ capabilities: [C.API_READ] }));
    projectToken(stack, 'raw', { name: 'team-bot' });
    synth(stack);
    expect(ruleFindings(stack, 'GLID-015')).toEqual([
      { path: 'team/raw', level: 'error', message: mentioning('gitlab_project_access_token', "'team-bot'", 'team/bot/Token') },
    ]);
  });

  test('GLID-012: an identity\'s token in a non-sensitive output', () => {
    const stack = checkedStack();
    const identity = new AutomationIdentity(stack, 'bot', request({ capabilities: [C.API_READ] }));
    new TerraformOutput(stack, 'leak', { value: identity.token });
    synth(stack);
    expect(ruleFindings(stack, 'GLID-012')).toEqual([{ path: 'team/leak', level: 'error', message: mentioning('output', 'sensitive: true') }]);
  });

  test('GLID-013: an identity\'s token in a hand-written unmasked variable', () => {
    const stack = checkedStack();
    const identity = new AutomationIdentity(stack, 'bot', request({ capabilities: [C.API_READ] }));
    projectVariable(stack, identity.token, 'plain', { key: 'BOT', masked: false, hidden: false });
    synth(stack);
    expect(ruleFindings(stack, 'GLID-013').map((f) => f.message)).toEqual([
      mentioning('gitlab_project_variable', "'BOT'", 'hidden'),
      mentioning('gitlab_project_variable', "'BOT'", 'masked'),
    ]);
  });
});
