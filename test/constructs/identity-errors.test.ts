/** Bad props fail in the constructor with the library's errors; duplicate token names fail with both paths. */
import { Testing } from 'cdktf';
import { ProjectHook } from '@cdktf/provider-gitlab/lib/project-hook';
import { AutomationIdentity, AutomationIdentityProps, Capability as C, ErrorCode, Reach, Runtime } from '../../lib';
import { request, synth, userStack } from './support';
import { mentioningPattern as mentioning } from '../support/mentioning';
import { framesOf } from '../support/identity-error-of';

/** The IdentityError with this code and field whose message holds `parts`. */
const identityError = (code: ErrorCode, field: string, ...parts: string[]) =>
  expect.objectContaining({ code, field, message: expect.stringMatching(mentioning(...parts)) });

function attempt(props: Partial<AutomationIdentityProps>): () => AutomationIdentity {
  return () => new AutomationIdentity(userStack(), 'id', { ...request(), ...props } as AutomationIdentityProps);
}

test('core validation runs in the constructor', () => {
  expect(attempt({ capabilities: ['api:raed' as C] })).toThrow(expect.objectContaining({ code: ErrorCode.UNKNOWN_CAPABILITY, field: 'capabilities[0]' }));
  expect(attempt({ owner: 'Quality Team', capabilities: [C.API_READ] })).toThrow(identityError(ErrorCode.INVALID_NAME_PART, 'owner', 'owner', "'Quality Team'", "'quality-team'"));
  expect(attempt({ capabilities: [C.API_READ], lifetimeDays: 400 })).toThrow(expect.objectContaining({ code: ErrorCode.LIFETIME_ABOVE_GITLAB_MAX }));
});

test('the error names the construct being declared, and its stack starts at the declaration, not in the library', () => {
  let thrown: unknown;
  try {
    new AutomationIdentity(userStack(), 'bot', { ...request(), capabilities: [C.API_READ], lifetimeDays: 400 });
  } catch (e) {
    thrown = e;
  }
  const e = thrown as { message: string; constructPath: string; field: string; stack: string };
  expect(e.message).toMatch(/^\[team\/bot\] /);
  expect(e.message).toMatch(mentioning('lifetimeDays', '400', '365'));
  expect([e.constructPath, e.field]).toEqual(['team/bot', 'lifetimeDays']);
  const frames = framesOf(e);
  expect(frames[0]).toContain('identity-errors.test.ts');
  expect(frames.filter((f) => /[\\/]lib[\\/](core|constructs)[\\/]/.test(f))).toEqual([]);
});

test('props that are not an object', () => {
  expect(() => new AutomationIdentity(userStack(), 'id', undefined as unknown as AutomationIdentityProps)).toThrow(
    expect.objectContaining({ code: ErrorCode.INVALID_TYPE, field: 'props' }),
  );
});

describe('ensureBotAuthoredLabel', () => {
  test('only for merge-request bots', () => {
    expect(attempt({ capabilities: [C.API_WRITE], ensureBotAuthoredLabel: true })).toThrow(
      // The capabilities received, the one missing, and ensureBotAuthoredLabel again as what to remove.
      identityError(ErrorCode.NOT_A_MERGE_REQUEST_BOT, 'ensureBotAuthoredLabel', 'ensureBotAuthoredLabel', "['api:write']", 'repository:write', 'ensureBotAuthoredLabel'),
    );
  });
  test('must be a boolean', () => {
    expect(attempt({ capabilities: [C.API_WRITE, C.REPOSITORY_WRITE], ensureBotAuthoredLabel: 'yes' as unknown as boolean })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_TYPE }),
    );
  });
});

describe('notifyExpiry', () => {
  test('a project hook with only token-expiry events', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'x', request({ capabilities: [C.API_READ], notifyExpiry: { url: 'https://hooks.example.com/expiry' } }));
    expect(synth(stack)).toHaveResourceWithProperties(ProjectHook, {
      project: 'group/project', url: 'https://hooks.example.com/expiry', resource_access_token_events: true, push_events: false, enable_ssl_verification: true,
    });
  });
  // The kind received and the fix: remove notifyExpiry (also the field, so listed twice) and watch expiry elsewhere.
  test.each([
    ['service account', { reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_READ] }, "'service-account'", 'contactEmail'],
    ['deploy token', { capabilities: [C.REPOSITORY_READ] }, "'project-deploy-token'", 'inventory'],
  ])('not for a %s', (_kind, props, shown, instead) => {
    expect(attempt({ ...props, notifyExpiry: { url: 'https://x.example.com' } })).toThrow(
      identityError(ErrorCode.NOTIFY_EXPIRY_NOT_SUPPORTED, 'notifyExpiry', 'notifyExpiry', shown, 'notifyExpiry', instead),
    );
  });
  test.each(['http://insecure.example.com', 'hooks.example.com', 'https://'])('url %j is rejected', (url) => {
    expect(attempt({ capabilities: [C.API_READ], notifyExpiry: { url } })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_URL }));
  });
});

describe('service-account group', () => {
  const multi = { reach: Reach.projects(['gitlab-org/a', 'gitlab-com/b']), capabilities: [C.API_READ] };
  test('a reach across several top-level groups cannot have one service account', () => {
    expect(attempt(multi)).toThrow(
      identityError(ErrorCode.REACH_SPANS_TOP_LEVEL_GROUPS, 'reach', 'reach', "['gitlab-com', 'gitlab-org']", 'top-level'),
    );
  });
  test('must contain everything reached', () => {
    expect(attempt({ ...multi, serviceAccountGroup: 'gitlab-org' })).toThrow(
      expect.objectContaining({ code: ErrorCode.OUTSIDE_SERVICE_ACCOUNT_GROUP, message: expect.stringContaining('gitlab-com/b lies outside it') }),
    );
  });
  test('taken from the policy when not given', () => {
    const identity = new AutomationIdentity(userStack(), 'x', request({
      reach: Reach.projects(['gitlab-org/a', 'gitlab-org/b']), capabilities: [C.API_READ], policy: { serviceAccountGroup: 'gitlab-org' },
    }));
    expect(identity.serviceAccountGroup).toBe('gitlab-org');
  });
  test('the contact email is checked', () => {
    expect(attempt({ reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_READ], contactEmail: 'nobody' })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_EMAIL }),
    );
  });
});

describe('token names are unique app-wide', () => {
  test('two identities with the same owner and purpose fail with both construct paths', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'first', request({ capabilities: [C.API_READ] }));
    expect(() => new AutomationIdentity(stack, 'second', request({ capabilities: [C.API_WRITE] }))).toThrow(
      // The name, both construct paths, and what to change: owner or purpose.
      identityError(ErrorCode.DUPLICATE_TOKEN_NAME, 'name', "'team-bot'", 'team/first', 'team/second', 'owner', 'purpose'),
    );
  });
  test('across stacks of one app too', () => {
    const app = Testing.app();
    new AutomationIdentity(userStack(app, 'one'), 'x', request({ capabilities: [C.API_READ] }));
    expect(() => new AutomationIdentity(userStack(app, 'two'), 'x', request({ capabilities: [C.API_READ] }))).toThrow(
      expect.objectContaining({ code: ErrorCode.DUPLICATE_TOKEN_NAME, message: expect.stringContaining('one/x and two/x') }),
    );
  });
  test('a per-project token name colliding with another identity\'s name fails too', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'a', request({ purpose: 'pull', reach: Reach.projects(['g/cng', 'g/other']), capabilities: [C.REPOSITORY_READ] }));
    expect(() => new AutomationIdentity(stack, 'b', request({ purpose: 'pull-cng', runtime: Runtime.external(), capabilities: [C.API_READ] }))).toThrow(
      identityError(ErrorCode.DUPLICATE_TOKEN_NAME, 'name', "'team-pull-cng'", 'team/a', 'team/b'),
    );
  });
  test('separate apps do not interfere', () => {
    new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ] }));
    expect(() => new AutomationIdentity(userStack(), 'x', request({ capabilities: [C.API_READ] }))).not.toThrow();
  });
});
