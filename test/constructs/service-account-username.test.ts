/** Every group service account carries an explicit username: deterministic, overridable, unique in the app. */
import { Testing } from 'cdktf';
import { AutomationIdentity, Capability, ErrorCode, Reach, isIdentityError } from '../../lib';
import { request, resources, synth, userStack } from './support';

const serviceAccount = (overrides = {}) =>
  request({ reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [Capability.API_READ], ...overrides });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isIdentityError(e) ? e.code : `not an IdentityError: ${String(e)}`;
  }
  return undefined;
}

test('the default username is <top-level group>_<name>, rendered on the account', () => {
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'identity', serviceAccount());
  expect(identity.serviceAccountUsername).toBe('acme_team-bot');
  expect(resources(synth(stack), 'gitlab_group_service_account')).toEqual([
    expect.objectContaining({ group: 'acme', name: 'team-bot', username: 'acme_team-bot' }),
  ]);
});

test('the default follows serviceAccountGroup', () => {
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'identity', serviceAccount({ reach: Reach.projects(['Acme-Corp/app', 'Acme-Corp/docs']) }));
  expect(identity.serviceAccountUsername).toBe('acme-corp_team-bot');
});

test('serviceAccountUsername overrides it', () => {
  const stack = userStack();
  new AutomationIdentity(stack, 'identity', serviceAccount({ serviceAccountUsername: 'acme_release.bot' }));
  expect(resources(synth(stack), 'gitlab_group_service_account')[0].username).toBe('acme_release.bot');
});

test('is the same on every synth (no clock, no randomness)', () => {
  const one = () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'identity', serviceAccount());
    return resources(synth(stack), 'gitlab_group_service_account')[0].username;
  };
  expect(one()).toBe(one());
});

test('an invalid override is refused at synth, whatever kind is chosen', () => {
  expect(codeOf(() => new AutomationIdentity(userStack(), 'a', serviceAccount({ serviceAccountUsername: 'acme--bot' })))).toBe(ErrorCode.INVALID_USERNAME);
  expect(codeOf(() => new AutomationIdentity(userStack(), 'b', request({ capabilities: [Capability.API_READ], serviceAccountUsername: 'x/y' }))))
    .toBe(ErrorCode.INVALID_USERNAME);
});

test('a default longer than GitLab allows asks for an override', () => {
  const longGroup = `g${'x'.repeat(250)}`;
  expect(codeOf(() => new AutomationIdentity(userStack(), 'a', serviceAccount({ reach: Reach.projects([`${longGroup}/a`, `${longGroup}/b`]) }))))
    .toBe(ErrorCode.INVALID_USERNAME);
});

test('two identities cannot share a username, in any case, across stacks', () => {
  const app = Testing.app();
  new AutomationIdentity(userStack(app, 'one'), 'a', serviceAccount({ purpose: 'first', serviceAccountUsername: 'acme-bot' }));
  expect(codeOf(() => new AutomationIdentity(userStack(app, 'two'), 'b', serviceAccount({ purpose: 'second', serviceAccountUsername: 'ACME-bot' }))))
    .toBe(ErrorCode.DUPLICATE_USERNAME);
});

test('two identities with one name in one group are a token-name error first, not a username clash', () => {
  const app = Testing.app();
  new AutomationIdentity(userStack(app, 'one'), 'a', serviceAccount());
  expect(codeOf(() => new AutomationIdentity(userStack(app, 'two'), 'b', serviceAccount()))).toBe(ErrorCode.DUPLICATE_TOKEN_NAME);
});

test('a duplicate username names both identities and offers another username', () => {
  const app = Testing.app();
  new AutomationIdentity(userStack(app, 'one'), 'a', serviceAccount({ purpose: 'first', serviceAccountUsername: 'acme-bot' }));
  try {
    new AutomationIdentity(userStack(app, 'two'), 'b', serviceAccount({ purpose: 'second', serviceAccountUsername: 'acme-bot' }));
    throw new Error('did not throw');
  } catch (e) {
    expect((e as Error).message).toMatch(/used by two identities: one\/a and two\/b.*for example 'acme-bot-2'/);
  }
});

test('other kinds have no username', () => {
  const identity = new AutomationIdentity(userStack(), 'identity', request({ capabilities: [Capability.API_READ] }));
  expect(identity.serviceAccountUsername).toBeUndefined();
});
