/**
 * What a plan's findings tell a reviewer, by key parts: who holds the credential, what it reaches, what to do.
 * The rule IDs and levels are pinned in test/core/rules; here, the words a reviewer acts on.
 */
import { AccessLevel, Capability as C, IdentityKind as K, IdentityRequest, Reach, Runtime, planIdentity, requiredAccessLevel } from '../../lib/core';
import { mentioningPattern } from '../support/mentioning';

type Request = Partial<IdentityRequest> & Pick<IdentityRequest, 'runtime' | 'reach' | 'capabilities'>;
const plan = (r: Request) => planIdentity({ owner: 'team', purpose: 'bot', ...r });
const messageOf = (r: Request, ruleId: string) => {
  const found = plan(r).findings.filter((f) => f.ruleId === ruleId);
  expect(found).toHaveLength(1);
  return found[0].message;
};

const NO_ACCOUNTS = { serviceAccountsAvailable: false } as const;
const SELF_MANAGED = { platform: { offering: 'self-managed', tier: 'premium' } } as const;

describe('a bot user\'s personal access token (GLID-011)', () => {
  // The reach is built inside the test, where Stryker links the code it runs to the test.
  test.each([
    ['a group', () => Reach.group('acme', { projectCount: 30 }), 'group'],
    ['named projects', () => Reach.projects(['acme/app', 'acme/lib']), 'projects'],
  ])('on %s: names the bot user, keeps it a member of the reached %s only, with the role planned', (_, reach, what) => {
    const message = messageOf({ runtime: Runtime.external(), reach: reach(), capabilities: [C.API_WRITE], botUserId: 42, policy: NO_ACCOUNTS }, 'GLID-011');
    expect(message).toMatch(mentioningPattern('bot user 42', `reached ${what} only`, `'${AccessLevel.DEVELOPER}'`, 'service account'));
  });
});

describe('a custom service-account email (GLID-019)', () => {
  const email = { capabilities: [C.API_READ], contactEmail: 'bots@example.com' };

  test('of a group service account: the plus-tagged address, and that a verified domain spares the confirmation', () => {
    const p = plan({ ...email, runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']) });
    expect(p.kind).toBe(K.SERVICE_ACCOUNT);
    expect(p.serviceAccountEmail).toBe(`bots+${p.name}@example.com`);
    expect(messageOf({ ...email, runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']) }, 'GLID-019'))
      .toMatch(mentioningPattern(`'bots+${p.name}@example.com'`, 'confirm', 'verified the domain'));
  });

  test('of an instance service account: confirmation only, as no group can verify a domain for it', () => {
    const r = { ...email, runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'beta/lib']), policy: SELF_MANAGED };
    expect(plan(r).kind).toBe(K.INSTANCE_SERVICE_ACCOUNT);
    const message = messageOf(r, 'GLID-019');
    expect(message).toMatch(mentioningPattern('Confirm the address', 'no group'));
    expect(message).not.toContain('Verify the domain');
  });

  test('an identity that is no account gets no address, and no finding', () => {
    const p = plan({ ...email, runtime: Runtime.external(), reach: Reach.project('acme/app') });
    expect(p.kind).toBe(K.PROJECT_ACCESS_TOKEN);
    expect(p.serviceAccountEmail).toBeUndefined();
    expect(p.findings.map((f) => f.ruleId)).not.toContain('GLID-019');
  });
});

test('a service-account token replaced on a schedule (GLID-025): its fixed lifetime, the schedule, and the version that fixes it', () => {
  const message = messageOf({
    runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']), capabilities: [C.API_READ], lifetimeDays: 30,
    policy: { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } },
  }, 'GLID-025');
  expect(message).toMatch(mentioningPattern('17.9', '17.9', '30 days', 'time_rotating', 'new token before revoking the old one', 'token ID'));
});

test('an instance service account (GLID-024) names the top-level groups it joins and the way out: split the identity', () => {
  const message = messageOf({ runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'beta/lib']), capabilities: [C.API_READ], policy: SELF_MANAGED }, 'GLID-024');
  expect(message).toMatch(mentioningPattern('administrator of the instance', "administrator's token", 'acme, beta', 'split the identity', 'without an administrator'));
});

describe('the capability a role is needed for', () => {
  test.each([
    // Of capabilities that need the same role, the first is named.
    [[C.API_READ, C.API_TRIAGE], AccessLevel.REPORTER, C.API_READ],
    // The first that needs the highest role, wherever it is.
    [[C.API_READ, C.REPOSITORY_WRITE, C.API_TRIAGE, C.API_WRITE], AccessLevel.DEVELOPER, C.REPOSITORY_WRITE],
    [[C.API_READ, C.TOKENS_MANAGE], AccessLevel.MAINTAINER, C.TOKENS_MANAGE],
  ])('%j need %s because of %s', (capabilities, level, because) => {
    expect(requiredAccessLevel(capabilities)).toEqual({ level, because });
  });
});
