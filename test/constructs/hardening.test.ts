/**
 * Edge cases a demanding user or a security reviewer hits: hidden resources, competing policies, shared
 * labels and emails, references where literals are needed, and bad inputs that must not become TypeErrors.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformLocal, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GroupAccessToken } from '@cdktf/provider-gitlab/lib/group-access-token';
import { GroupMembership } from '@cdktf/provider-gitlab/lib/group-membership';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import {
  AutomationIdentity,
  Capability as C,
  Delivery,
  ErrorCode,
  IdentityPolicyChecks,
  IdentitySuppressions,
  Reach,
  resolvePolicy,
} from '../../lib';
import { inventoriesOfStacks } from '../support/inventory-of';
import { request, resources, synth, userStack } from './support';
import { mentioningPattern as mentioning } from '../support/mentioning';

/** The IdentityError with this code and field whose message holds `parts`. */
const identityError = (code: ErrorCode, field: string, ...parts: string[]) =>
  expect.objectContaining({ code, field, message: expect.stringMatching(mentioning(...parts)) });

function app(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-')) });
}

function stackIn(a: App, id: string): TerraformStack {
  const s = new TerraformStack(a, id);
  new GitlabProvider(s, 'gitlab', {});
  return s;
}

function synthError(a: App): string {
  try {
    a.synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

/**
 * The messages of the findings of `ruleId` at `at` in a synth error, whose lines read
 * `[path] RULE-ID: message Fix: fix` (README); the message alone, so its key parts come from it.
 */
function findingMessages(text: string, at: string, ruleId: string): string[] {
  const prefix = `[${at}] ${ruleId}: `;
  return text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length).split(' Fix: ')[0]);
}

/** A finding message holding `parts`. */
const finding = (...parts: string[]) => expect.stringMatching(mentioning(...parts));

describe('nothing hides under an AutomationIdentity', () => {
  test('a token a user adds under an identity is checked and inventoried as hand-written', () => {
    const a = app();
    const s = stackIn(a, 'team');
    Aspects.of(a).add(new IdentityPolicyChecks());
    const identity = new AutomationIdentity(s, 'reader', request({ capabilities: [C.API_READ] }));
    new GroupAccessToken(identity, 'extra', {
      group: 'gitlab-org', name: 'sneaky', scopes: ['api'], accessLevel: 'owner', rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 7 },
    });
    expect(findingMessages(synthError(a), 'team/reader/extra', 'GLID-006')).toEqual([finding('gitlab_group_access_token', "'sneaky'", 'access_level', 'owner')]);
    const [inventory] = inventoriesOfStacks([s]);
    expect(inventory.identities.map((e) => [e.name, e.source])).toEqual([['sneaky', 'provider-resource'], ['team-bot', 'automation-identity']]);
  });

  test('an override moving a rendered token to another project is over-privilege', () => {
    const a = app();
    const s = stackIn(a, 'team');
    Aspects.of(a).add(new IdentityPolicyChecks());
    const identity = new AutomationIdentity(s, 'reader', request({ capabilities: [C.API_READ] }));
    (identity.node.findChild('Token') as ProjectAccessToken).addOverride('project', 'gitlab-org/secret-project');
    // The project it was moved to, and the one its plan reaches.
    expect(findingMessages(synthError(a), 'team/reader/Token', 'GLID-007')).toEqual([
      finding('gitlab_project_access_token', "'team-bot'", 'gitlab-org/secret-project', 'group/project'),
    ]);
  });
});

describe('several policies', () => {
  test('a team\'s looser checks do not switch off the organisation\'s stricter ones', () => {
    const a = app();
    const s = stackIn(a, 'team');
    Aspects.of(a).add(new IdentityPolicyChecks({ policy: { maxLifetimeDays: 30 } }));
    Aspects.of(s).add(new IdentityPolicyChecks({ policy: { maxLifetimeDays: 365 } }));
    new ProjectAccessToken(s, 'token', { project: 'g/p', name: 'team-bot', scopes: ['read_api'], accessLevel: 'reporter', rotationConfiguration: { expirationDays: 300, rotateBeforeDays: 7 } });
    const message = synthError(a);
    // The 300 days received, and the stricter policy's limit of 30 (not the team's 365).
    expect(findingMessages(message, 'team/token', 'GLID-003')).toEqual([finding('gitlab_project_access_token', "'team-bot'", '300', '30', 'maxLifetimeDays')]);
    expect(message.match(/GLID-003/g)).toHaveLength(1);
  });
});

describe('shared resources across stacks', () => {
  test('the bot-authored label is created by one stack only', () => {
    const t = Testing.app();
    const one = userStack(t, 'one');
    const two = userStack(t, 'two');
    const mrBot = (purpose: string) => request({ purpose, reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_WRITE, C.REPOSITORY_WRITE], ensureBotAuthoredLabel: true });
    new AutomationIdentity(one, 'x', mrBot('x'));
    new AutomationIdentity(two, 'y', mrBot('y'));
    expect(resources(synth(one), 'gitlab_project_label')).toHaveLength(2);
    expect(resources(synth(two), 'gitlab_project_label')).toHaveLength(0);
  });

  test('service accounts sharing a contact address get distinct, plus-tagged emails', () => {
    const stack = userStack();
    const policy = { contactEmail: 'bots@example.com' };
    for (const purpose of ['one', 'two']) new AutomationIdentity(stack, purpose, request({ purpose, policy, reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_READ] }));
    expect(resources(synth(stack), 'gitlab_group_service_account').map((r) => r.email).sort()).toEqual(['bots+team-one@example.com', 'bots+team-two@example.com']);
  });

  test('a hand-written service account with an owner membership is GLID-006', () => {
    const a = app();
    const s = stackIn(a, 'team');
    IdentityPolicyChecks.enable(a);
    const account = new GroupServiceAccount(s, 'account', { group: 'g', name: 'ops' });
    new GroupMembership(s, 'membership', { groupId: 1, userId: account.serviceAccountId as unknown as number, accessLevel: 'owner' });
    expect(findingMessages(synthError(a), 'team/membership', 'GLID-006')).toEqual([finding('gitlab_group_membership', 'access_level', 'owner')]);
  });
});

describe('references where the library needs literals', () => {
  test('a delivery path must be written out: it names the variable\'s construct', () => {
    const stack = userStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    expect(() => Delivery.ciVariable({ project: project.stringValue, key: 'TOKEN' })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_DELIVERY, field: 'deliverTo.project' }),
    );
  });

  test('a webhook secret must be a sensitive reference, never a literal', () => {
    expect(() => new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ], notifyExpiry: { url: 'https://h.example.com/x', secretToken: 'hunter2-literal' } }))).toThrow(
      // What is received is named, never shown; the fix is a sensitive TerraformVariable.
      identityError(ErrorCode.INVALID_TYPE, 'notifyExpiry.secretToken', 'notifyExpiry.secretToken', "'a literal string'", 'TerraformVariable', 'sensitive: true'),
    );
  });

  test('a bad webhook URL is not echoed beyond its host (URLs carry secrets)', () => {
    let message = '';
    try {
      new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ], notifyExpiry: { url: 'http://hooks.example.com/T0KEN-s3cr3t?key=abc' } }));
    } catch (e) {
      message = (e as Error).message;
    }
    // The field, and the value received cut after its host.
    expect(message).toMatch(mentioning('notifyExpiry.url', "'http://hooks.example.com...'"));
    expect(message).not.toContain('s3cr3t');
  });
});

describe('bad inputs raise the library\'s errors', () => {
  const identity = () => new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ] }));

  test.each([
    ['tokenFor(undefined)', () => identity().tokenFor(undefined as unknown as string), ErrorCode.UNKNOWN_TARGET],
    ['tokenFor of a project it does not reach', () => identity().tokenFor('other/project'), ErrorCode.UNKNOWN_TARGET],
    ['usernameFor on an access token', () => identity().usernameFor('group/project'), ErrorCode.NO_SINGLE_TOKEN],
    ['IdentityPolicyChecks(null)', () => new IdentityPolicyChecks(null as never), ErrorCode.INVALID_TYPE],
    ['IdentitySuppressions.add(undefined)', () => IdentitySuppressions.add(undefined as never, []), ErrorCode.INVALID_SUPPRESSION],
    ['a subgroup as service-account group', () => new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ], serviceAccountGroup: 'gitlab-org/quality' })), ErrorCode.INVALID_PATH],
  ])('%s', (_name, act, code) => {
    expect(act).toThrow(expect.objectContaining({ code }));
  });

  test('the one token is returned for any reached project', () => {
    const i = new AutomationIdentity(userStack(), 'x', request({ reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_READ] }));
    expect(i.tokenFor('g/b')).toBe(i.token);
  });

  test('a subgroup service-account group says it must be top-level', () => {
    expect(() => new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ], serviceAccountGroup: 'gitlab-org/quality' }))).toThrow(
      // 'gitlab-org' is the example of what is allowed and the fix: listed twice.
      identityError(ErrorCode.INVALID_PATH, 'serviceAccountGroup', 'serviceAccountGroup', "'gitlab-org/quality'", 'top-level', "'gitlab-org'", "'gitlab-org'"),
    );
  });

  test('environment scopes that constructs would confuse get distinct variables', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'x', request({
      capabilities: [C.API_READ],
      deliverTo: [Delivery.ciVariable({ project: 'g/p', key: 'T', environmentScope: 'review/x' }), Delivery.ciVariable({ project: 'g/p', key: 'T', environmentScope: 'review--x' })],
    }));
    expect(resources(synth(stack), 'gitlab_project_variable').map((v) => v.environment_scope).sort()).toEqual(['review--x', 'review/x']);
  });
});

describe('policy', () => {
  test('a shared policy object changed after first use is validated again', () => {
    const policy: { maxLifetimeDays: number } = { maxLifetimeDays: 90 };
    expect(resolvePolicy(policy).maxLifetimeDays).toBe(90);
    policy.maxLifetimeDays = 30;
    expect(resolvePolicy(policy).maxLifetimeDays).toBe(30);
  });

  test('a name prefix with a doubled hyphen is refused', () => {
    expect(() => resolvePolicy({ namePrefix: 'acme--' })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_POLICY, field: 'policy.namePrefix' }));
  });
});

describe('tokens passed through locals', () => {
  test('a token reaching an unmasked variable through a TerraformLocal is still GLID-013', () => {
    const a = app();
    const s = stackIn(a, 'team');
    Aspects.of(a).add(new IdentityPolicyChecks());
    const identity = new AutomationIdentity(s, 'reader', request({ capabilities: [C.API_READ] }));
    const inner = new TerraformLocal(s, 'inner', identity.token);
    const outer = new TerraformLocal(s, 'outer', inner.asString);
    new ProjectVariable(s, 'leak', { project: 'other/project', key: 'LEAK', value: outer.asString, masked: false, hidden: false, protected: true });
    // One finding for each protection missing: not hidden, not masked.
    expect(findingMessages(synthError(a), 'team/leak', 'GLID-013')).toEqual(expect.arrayContaining([
      finding('gitlab_project_variable', "'LEAK'", 'hidden'), finding('gitlab_project_variable', "'LEAK'", 'masked'),
    ]));
    const [inventory] = inventoriesOfStacks([s]);
    expect(inventory.identities[0].deliveries.map((d) => d.key)).toEqual(['LEAK']);
  });
});
