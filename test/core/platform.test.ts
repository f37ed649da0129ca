/**
 * `policy.platform`: the decision rules pick the narrowest identity that exists on the user's GitLab
 * (offering, tier, version), say what they skipped and why, and refuse what no identity there can do.
 * Facts and sources: ../shared/reference/gitlab-platforms.md §1, encoded in lib/core/platform.ts.
 */
import {
  Capability, ErrorCode, IdentityKind, IdentityPolicy, NEWEST_GATE, PlatformInput, Reach, Runtime, describePlatform, isIdentityError, kindAvailability,
  planIdentity, resolvePlatform, resolvePolicy,
} from '../../lib/core';
import { identityErrorOf } from '../support/identity-error-of';
import { mentioningPattern } from '../support/mentioning';

type Request = Parameters<typeof planIdentity>[0];

/** One automation for each decision rule (DESIGN.md §4), as a user declares it. */
const BY_RULE: Record<string, Omit<Request, 'owner' | 'purpose'>> = {
  'rule 1, CI job token': { runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/lib'), capabilities: [Capability.REPOSITORY_READ] },
  'rule 2, trigger': { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.PIPELINE_TRIGGER] },
  'rule 3, deploy token': { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.CONTAINER_REGISTRY_READ] },
  'rule 4, tokens:manage': { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.TOKENS_MANAGE], botUserId: 42 },
  'rule 5, one project': { runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ], botUserId: 42 },
  'rule 6, small group': { runtime: Runtime.external(), reach: Reach.group('acme/tools', { projectCount: 3 }), capabilities: [Capability.API_READ], botUserId: 42 },
  'rule 6, two projects': { runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']), capabilities: [Capability.API_READ], botUserId: 42 },
  'rule 6, two top-level groups': { runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'beta/lib']), capabilities: [Capability.API_READ], botUserId: 42 },
};

function plan(platform: PlatformInput | undefined, request: Omit<Request, 'owner' | 'purpose'>, policy: IdentityPolicy = {}) {
  return planIdentity({ owner: 'quality', purpose: 'bot', ...request, policy: { ...policy, ...(platform ? { platform } : {}) } });
}

const K = IdentityKind;

const thrownBy = identityErrorOf;
const PLATFORMS: [string, PlatformInput][] = [
  ['gitlab.com free', { offering: 'gitlab.com', tier: 'free' }],
  ['gitlab.com premium', { offering: 'gitlab.com', tier: 'premium' }],
  ['gitlab.com ultimate', { offering: 'gitlab.com', tier: 'ultimate' }],
  ['self-managed free', { offering: 'self-managed', tier: 'free' }],
  ['self-managed premium', { offering: 'self-managed', tier: 'premium' }],
  ['self-managed ultimate', { offering: 'self-managed', tier: 'ultimate' }],
  ['dedicated free', { offering: 'dedicated', tier: 'free' }],
  ['dedicated premium', { offering: 'dedicated', tier: 'premium' }],
  ['dedicated ultimate', { offering: 'dedicated', tier: 'ultimate' }],
];

/** What each rule's automation gets on each platform (current versions): the golden table. */
const GOLDEN: Record<string, Record<string, IdentityKind>> = {
  'rule 1, CI job token': Object.fromEntries(PLATFORMS.map(([name]) => [name, K.CI_JOB_TOKEN])),
  'rule 2, trigger': Object.fromEntries(PLATFORMS.map(([name]) => [name, K.PIPELINE_TRIGGER_TOKEN])),
  'rule 3, deploy token': Object.fromEntries(PLATFORMS.map(([name]) => [name, K.PROJECT_DEPLOY_TOKEN])),
  'rule 4, tokens:manage': Object.fromEntries(PLATFORMS.map(([name]) => [name, K.SERVICE_ACCOUNT])),
  // Project access tokens need Premium on GitLab.com only: there a service account with one membership.
  'rule 5, one project': Object.fromEntries(PLATFORMS.map(([name]) => [name, name === 'gitlab.com free' ? K.SERVICE_ACCOUNT : K.PROJECT_ACCESS_TOKEN])),
  'rule 6, small group': Object.fromEntries(PLATFORMS.map(([name]) => [name, name === 'gitlab.com free' ? K.SERVICE_ACCOUNT : K.GROUP_ACCESS_TOKEN])),
  'rule 6, two projects': Object.fromEntries(PLATFORMS.map(([name]) => [name, K.SERVICE_ACCOUNT])),
  // Only an instance service account joins projects of several top-level groups; GitLab.com has none (refused below).
  'rule 6, two top-level groups': Object.fromEntries(PLATFORMS.filter(([name]) => !name.startsWith('gitlab.com')).map(([name]) => [name, K.INSTANCE_SERVICE_ACCOUNT])),
};

describe('decisions on every offering and tier (current versions)', () => {
  test.each(Object.keys(BY_RULE).flatMap((rule) => PLATFORMS.filter(([name]) => GOLDEN[rule][name] !== undefined).map(([name, platform]) => [rule, name, platform] as const)))(
    'GIVEN %s on %s WHEN planned THEN the golden kind', (rule, name, platform) => {
      expect(plan(platform, BY_RULE[rule]).kind).toBe(GOLDEN[rule][name]);
    });

  test('GIVEN no platform WHEN planned THEN every rule decides as before platforms existed', () => {
    expect(Object.keys(BY_RULE).filter((rule) => !rule.includes('top-level')).map((rule) => plan(undefined, BY_RULE[rule]).kind)).toEqual([
      K.CI_JOB_TOKEN, K.PIPELINE_TRIGGER_TOKEN, K.PROJECT_DEPLOY_TOKEN, K.SERVICE_ACCOUNT, K.PROJECT_ACCESS_TOKEN, K.GROUP_ACCESS_TOKEN, K.SERVICE_ACCOUNT,
    ]);
  });
});

describe('what the rationale says', () => {
  test('GIVEN GitLab.com Free and one project WHEN planned THEN a service account with one membership, and why no project access token', () => {
    const p = plan({ offering: 'gitlab.com', tier: 'free' }, BY_RULE['rule 5, one project']);
    expect(p.kind).toBe(K.SERVICE_ACCOUNT);
    expect(p.grants.map((g) => g.target)).toEqual(['acme/app']);
    expect(p.rationale.join('\n')).toContain('Platform: GitLab.com Free.');
    expect(p.rationale.join('\n')).toContain('project access tokens need Premium or Ultimate on GitLab.com');
  });

  test('GIVEN GitLab.com Free and a small group WHEN planned THEN the rationale says group access tokens need Premium', () => {
    expect(plan({ offering: 'gitlab.com', tier: 'free' }, BY_RULE['rule 6, small group']).rationale.join('\n')).toContain('group access tokens need Premium or Ultimate on GitLab.com');
  });

  test('GIVEN self-managed without a version WHEN planned THEN the rationale says it is taken as current', () => {
    expect(plan({ offering: 'self-managed', tier: 'free' }, BY_RULE['rule 6, two projects']).rationale.join('\n')).toContain('self-managed GitLab Free (version not given: taken as current)');
  });
});

describe('version gates at their boundaries', () => {
  const twoProjects = BY_RULE['rule 6, two projects'];
  test.each([
    ['free', '18.10', K.PERSONAL_ACCESS_TOKEN],
    ['free', '18.11', K.SERVICE_ACCOUNT],
    ['premium', '16.0', K.PERSONAL_ACCESS_TOKEN],
    ['premium', '16.1', K.SERVICE_ACCOUNT],
    ['ultimate', '16.0', K.PERSONAL_ACCESS_TOKEN],
    ['ultimate', '16.1', K.SERVICE_ACCOUNT],
  ] as const)('GIVEN self-managed %s %s and two projects WHEN planned THEN %s', (tier, version, kind) => {
    const p = plan({ offering: 'self-managed', tier, version }, twoProjects);
    expect(p.kind).toBe(kind);
    if (kind === K.PERSONAL_ACCESS_TOKEN) {
      expect(p.rationale.join('\n')).toMatch(/group service accounts need (Premium or Ultimate, or GitLab 18\.11 on Free|GitLab 16\.1)/);
      expect(p.findings.map((f) => f.ruleId)).toContain('GLID-011');
    }
  });

  test('GIVEN self-managed Free 18.6 and tokens:manage WHEN planned THEN the bot user\'s token, with the reason', () => {
    const p = plan({ offering: 'self-managed', tier: 'free', version: '18.6' }, BY_RULE['rule 4, tokens:manage']);
    expect(p.kind).toBe(K.PERSONAL_ACCESS_TOKEN);
    expect(p.rationale.join('\n')).toContain('tokens:manage needs a service account and group service accounts need Premium or Ultimate, or GitLab 18.11 on Free (this is 18.6)');
  });
});

describe('switches and the platform', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return isIdentityError(e) ? [e.code, e.field, e.message] : ['not an IdentityError', String(e), ''];
    }
    return ['no error', '', ''];
  };

  test('GIVEN serviceAccountsAvailable: false WHEN the platform has them THEN a further restriction: the bot user\'s token', () => {
    expect(plan({ offering: 'self-managed', tier: 'premium' }, BY_RULE['rule 6, two projects'], { serviceAccountsAvailable: false }).kind).toBe(K.PERSONAL_ACCESS_TOKEN);
  });

  test('GIVEN serviceAccountsAvailable: true WHEN the platform has none THEN PLATFORM_CONFLICT names the switch and why', () => {
    const [c, field, message] = code(() => resolvePolicy({ serviceAccountsAvailable: true, platform: { offering: 'self-managed', tier: 'free', version: '18.6' } }));
    expect([c, field]).toEqual([ErrorCode.PLATFORM_CONFLICT, 'policy.serviceAccountsAvailable']);
    // The switch, the platform, why it has none (the tiers and version that do), the value received and the fix (false).
    expect(message).toMatch(mentioningPattern('policy.serviceAccountsAvailable', 'self-managed', 'Free', '18.6', 'Premium', 'Ultimate', '18.11', 'true', 'false'));
  });

  test('GIVEN allowGroupAccessTokens: true on GitLab.com Free THEN PLATFORM_CONFLICT', () => {
    const [c, field, message] = code(() => resolvePolicy({ allowGroupAccessTokens: true, platform: { offering: 'gitlab.com', tier: 'free' } }));
    expect([c, field]).toEqual([ErrorCode.PLATFORM_CONFLICT, 'policy.allowGroupAccessTokens']);
    // The switch, the value received, the platform, why (the tiers that have them) and the fix (false).
    expect(message).toMatch(mentioningPattern('policy.allowGroupAccessTokens', 'true', 'GitLab.com Free', 'Premium', 'false'));
  });

  test('GIVEN GitLab.com without service accounts WHEN nothing else fits THEN NO_IDENTITY_AVAILABLE says what would make one', () => {
    const [c, field, message] = code(() => plan({ offering: 'gitlab.com', tier: 'premium' }, BY_RULE['rule 6, two projects'], { serviceAccountsAvailable: false }));
    expect([c, field]).toEqual([ErrorCode.NO_IDENTITY_AVAILABLE, 'policy.platform']);
    // The platform, why the bot user's token is out (GitLab.com's API), and the fix: the switch to remove.
    expect(message).toMatch(mentioningPattern("'GitLab.com Premium'", "GitLab.com's API", 'personal access token', 'serviceAccountsAvailable: false'));
  });

  test.each([
    // The value received, then what is allowed and the fix. Each offering twice: the list allowed, and the fix
    // that says which one to use for what.
    [{ offering: 'gitlab', tier: 'free' }, 'policy.platform.offering', ["'gitlab'", "'gitlab.com'", "'gitlab.com'", "'self-managed'", "'self-managed'", "'dedicated'", "'dedicated'", "'gitlab.com', 'self-managed', 'dedicated'"]],
    // The fix: where the tier is read.
    [{ offering: 'gitlab.com', tier: 'gold' }, 'policy.platform.tier', ["'gold'", "'free', 'premium', 'ultimate'", 'subscription', 'license']],
    // The fix: where the version is read, and without its patch number.
    [{ offering: 'self-managed', tier: 'free', version: '18.6.1' }, 'policy.platform.version', ["'18.6.1'", 'MAJOR.MINOR', "'18.6'", 'Help', 'patch']],
    // 18.6 twice: the number received and the example '18.6'.
    [{ offering: 'self-managed', tier: 'free', version: 18.6 }, 'policy.platform.version', ['MAJOR.MINOR', "'18.6'", '18.6', '18.6']],
    // The oldest version the offering runs, and the fix: only self-managed takes a version that old.
    [{ offering: 'gitlab.com', tier: 'free', version: '17.0' }, 'policy.platform.version', ["'17.0'", 'GitLab.com', '18.11', 'self-managed']],
    [{ offering: 'dedicated', tier: 'ultimate', version: '16.4' }, 'policy.platform.version', ["'16.4'", 'GitLab Dedicated', '18.11', 'self-managed']],
    [{ offering: 'gitlab.com', tier: 'free', region: 'eu' }, 'policy.platform.region', ["'eu'", 'offering', 'tier', 'version', 'Remove it']],
    // 'gitlab.com' twice: the value received and the example object that holds it; offering and tier twice:
    // the fields allowed and the example.
    ['gitlab.com', 'policy.platform', ["'gitlab.com'", "'gitlab.com'", 'offering', 'offering', 'tier', 'tier', 'version?', "'premium'"]],
  ])('GIVEN platform %j WHEN resolved THEN INVALID_PLATFORM names %s', (platform, field, parts) => {
    const [c, f, message] = code(() => resolvePolicy({ platform: platform as unknown as PlatformInput }));
    expect([c, f]).toEqual([ErrorCode.INVALID_PLATFORM, field]);
    expect(message).toMatch(mentioningPattern(field, ...parts));
  });
});

describe('hidden variables before 17.6', () => {
  const delivered = BY_RULE['rule 6, two projects'];
  test.each([
    ['17.5', 'hidden variables need GitLab 17.6 (this is 17.5): the value is only masked'],
    ['17.6', undefined],
  ])('GIVEN self-managed Premium %s WHEN planned THEN variablesNotHidden is %s', (version, why) => {
    const p = plan({ offering: 'self-managed', tier: 'premium', version }, delivered);
    expect(p.variablesNotHidden).toBe(why);
    if (why) expect(p.rationale).toContain(`Delivered variables are not hidden: ${why}.`);
  });

  test('GIVEN no platform WHEN planned THEN variables are hidden (the field is absent)', () => {
    expect(plan(undefined, delivered).variablesNotHidden).toBeUndefined();
  });
});

describe('a reach across top-level groups', () => {
  const across = BY_RULE['rule 6, two top-level groups'];

  test.each([
    ['GitLab.com', { offering: 'gitlab.com', tier: 'ultimate' } as PlatformInput],
    ['no platform', undefined],
  ])('GIVEN %s WHEN planned THEN REACH_SPANS_TOP_LEVEL_GROUPS says to split the identity', (_, platform) => {
    const e = thrownBy(() => plan(platform, across));
    expect(e.code).toBe(ErrorCode.REACH_SPANS_TOP_LEVEL_GROUPS);
    // The top-level groups received; 'top-level group' twice: the limit and the fix (one identity per top-level group).
    expect(e.message).toMatch(mentioningPattern('reach', "['acme', 'beta']", 'top-level group', 'top-level group'));
  });

  test('GIVEN self-managed Premium WHEN planned THEN an instance service account: a membership per project, a warning that an administrator applies it', () => {
    const p = plan({ offering: 'self-managed', tier: 'premium', version: '18.6' }, across);
    expect(p.kind).toBe(K.INSTANCE_SERVICE_ACCOUNT);
    expect(p.decisionRule).toBe(6);
    expect(p.grants.map((g) => [g.type, g.target, g.accessLevel])).toEqual([['membership', 'acme/app', 'reporter'], ['membership', 'beta/lib', 'reporter']]);
    expect(p.scopes).toEqual(['read_api']);
    expect(p.serviceAccountUsername).toBe('quality-bot');
    expect(p.serviceAccountGroup).toBeUndefined();
    expect(p.rationale.join('\n')).toContain('across the top-level groups acme, beta: only an instance service account, which an administrator creates, can join all of them');
    expect(p.findings).toEqual([expect.objectContaining({ ruleId: 'GLID-024', level: 'warning' })]);
    expect(p.findings[0].message).toMatch(mentioningPattern('quality-bot', 'administrator', 'acme', 'beta', 'top-level group'));
  });

  test('GIVEN tokens:manage across top-level groups on Dedicated WHEN planned THEN rule 4 chooses the instance service account', () => {
    const p = plan({ offering: 'dedicated', tier: 'ultimate' }, { ...across, capabilities: [Capability.TOKENS_MANAGE] });
    expect([p.kind, p.decisionRule]).toEqual([K.INSTANCE_SERVICE_ACCOUNT, 4]);
  });

  test.each([
    ['free', '18.10', K.PERSONAL_ACCESS_TOKEN, 'instance service accounts need Premium or Ultimate, or GitLab 18.11 on Free (this is 18.10)'],
    ['free', '18.11', K.INSTANCE_SERVICE_ACCOUNT, undefined],
    ['premium', '16.0', K.PERSONAL_ACCESS_TOKEN, 'instance service accounts need GitLab 16.1 (this is 16.0)'],
    ['premium', '16.1', K.INSTANCE_SERVICE_ACCOUNT, undefined],
  ] as const)('GIVEN self-managed %s %s WHEN planned THEN %s', (tier, version, kind, why) => {
    const p = plan({ offering: 'self-managed', tier, version }, across);
    expect(p.kind).toBe(kind);
    if (why) expect(p.rationale.join('\n')).toContain(why);
  });

  test('GIVEN serviceAccountsAvailable: false WHEN planned on self-managed THEN the bot user\'s token', () => {
    expect(plan({ offering: 'self-managed', tier: 'premium' }, across, { serviceAccountsAvailable: false }).kind).toBe(K.PERSONAL_ACCESS_TOKEN);
  });

  test('GIVEN serviceAccountGroup on the identity WHEN the reach leaves it THEN OUTSIDE_SERVICE_ACCOUNT_GROUP, as without a platform', () => {
    const e = thrownBy(() => plan({ offering: 'self-managed', tier: 'premium' }, { ...across, serviceAccountGroup: 'acme' }));
    expect([e.code, e.field]).toEqual([ErrorCode.OUTSIDE_SERVICE_ACCOUNT_GROUP, 'serviceAccountGroup']);
    expect(e.message).toMatch(mentioningPattern('serviceAccountGroup', 'beta/lib', "'acme'"));
  });

  test('GIVEN the policy\'s serviceAccountGroup WHEN an instance service account is chosen THEN it is set aside, and the rationale says so', () => {
    const p = plan({ offering: 'self-managed', tier: 'premium' }, across, { serviceAccountGroup: 'acme' });
    expect(p.kind).toBe(K.INSTANCE_SERVICE_ACCOUNT);
    expect(p.rationale.join('\n')).toContain("The policy's serviceAccountGroup acme is not used: an instance service account belongs to no group.");
  });

  test('GIVEN self-managed Free 18.11 WHEN planned THEN the instance service account counts against the instance\'s cap', () => {
    expect(plan({ offering: 'self-managed', tier: 'free', version: '18.11' }, across).freeServiceAccountScope).toBe('the self-managed instance');
  });
});

describe('service-account tokens before 17.9', () => {
  const twoProjects = BY_RULE['rule 6, two projects'];
  test.each([
    ['17.8', 'service-account tokens can be rotated to a chosen lifetime from GitLab 17.9 (this is 17.8)'],
    ['17.9', undefined],
  ])('GIVEN self-managed Premium %s WHEN planned THEN tokenReplacedOnSchedule is %s', (version, why) => {
    const p = plan({ offering: 'self-managed', tier: 'premium', version }, twoProjects);
    expect(p.kind).toBe(K.SERVICE_ACCOUNT);
    expect(p.tokenReplacedOnSchedule).toBe(why);
    expect(p.findings.map((f) => f.ruleId)).toEqual(why ? ['GLID-025'] : []);
    if (why) expect(p.rationale).toContain(`The token is replaced on a schedule, not rotated in place: ${why}.`);
  });

  test('GIVEN no platform WHEN planned THEN the token is rotated in place (the field is absent)', () => {
    expect(plan(undefined, twoProjects).tokenReplacedOnSchedule).toBeUndefined();
  });
});

describe('errors that say what would work on the platform', () => {
  const across = BY_RULE['rule 6, two top-level groups'];

  test('GIVEN serviceAccountGroup on a reach across top-level groups WHEN an instance service account would be chosen THEN the fix is to remove it', () => {
    const e = thrownBy(() => plan({ offering: 'dedicated', tier: 'ultimate' }, { ...across, serviceAccountGroup: 'acme' }));
    // serviceAccountGroup twice: the field and the fix (remove it); the identity that fix gets; the other fix (split it).
    expect(e.message).toMatch(mentioningPattern('serviceAccountGroup', 'serviceAccountGroup', 'instance service account', 'top-level group'));
  });

  test('GIVEN self-managed Free 18.6 and no bot user WHEN the platform has no service accounts THEN BOT_USER_REQUIRED names the platform\'s reason and the tiers that have them', () => {
    const e = thrownBy(() => plan({ offering: 'self-managed', tier: 'free', version: '18.6' }, { ...BY_RULE['rule 6, two projects'], botUserId: undefined }));
    expect(e.code).toBe(ErrorCode.BOT_USER_REQUIRED);
    // The reason (18.11 on Free, this is 18.6) and the fix: botUserId, or a platform (policy.platform) from 16.1 or, on Free, 18.11.
    expect(e.message).toMatch(mentioningPattern('botUserId', 'botUserId', '18.6', '18.11', '18.11', '16.1', 'Premium', 'Ultimate', 'policy.platform'));
    expect(e.message).not.toContain('serviceAccountsAvailable: true');
  });

  test('GIVEN GitLab.com, service accounts switched off and a reach across top-level groups THEN NO_IDENTITY_AVAILABLE says to split the identity', () => {
    const e = thrownBy(() => plan({ offering: 'gitlab.com', tier: 'premium' }, across, { serviceAccountsAvailable: false }));
    expect(e.code).toBe(ErrorCode.NO_IDENTITY_AVAILABLE);
    // The fix: the switch to remove, and one identity per top-level group.
    expect(e.message).toMatch(mentioningPattern('serviceAccountsAvailable: false', 'top-level groups', 'one identity per top-level group'));
  });

  test('GIVEN GitLab.com Free WHEN the same top-level group is written in two cases THEN one cap counts both', () => {
    const scope = (path: string) => plan({ offering: 'gitlab.com', tier: 'free' }, { ...BY_RULE['rule 6, two projects'], reach: Reach.projects([`${path}/a`, `${path}/b`]) }).freeServiceAccountScope;
    expect(scope('Acme')).toBe(scope('acme'));
  });

  test('GIVEN projects of Acme and acme WHEN an instance service account warns THEN each top-level group is named once', () => {
    const p = plan({ offering: 'self-managed', tier: 'premium' }, { ...across, reach: Reach.projects(['Acme/app', 'acme/lib', 'beta/x']) });
    expect(p.findings[0].message).toMatch(mentioningPattern('acme', 'beta'));
    expect(p.findings[0].message.match(/acme/gi)).toHaveLength(1);
  });
});

describe('the platform in words', () => {
  test.each<[PlatformInput, string[]]>([
    [{ offering: 'gitlab.com', tier: 'free' }, ['GitLab.com', 'Free']],
    [{ offering: 'dedicated', tier: 'ultimate' }, ['GitLab Dedicated', 'Ultimate']],
    [{ offering: 'self-managed', tier: 'premium', version: '18.6' }, ['self-managed', 'Premium', '18.6']],
    // Only self-managed instances run older releases, so only there does a missing version need saying.
    [{ offering: 'self-managed', tier: 'free' }, ['self-managed', 'Free', 'version not given', 'current']],
  ])('GIVEN %j WHEN described THEN the reader sees %j', (input, parts) => {
    expect(describePlatform(resolvePlatform(input))).toMatch(mentioningPattern(...parts));
  });

  test('GIVEN GitLab.com or Dedicated WHEN described THEN no note on a missing version; a version given is shown', () => {
    expect(describePlatform(resolvePlatform({ offering: 'dedicated', tier: 'free' }))).not.toContain('version');
    expect(describePlatform(resolvePlatform({ offering: 'gitlab.com', tier: 'free', version: NEWEST_GATE }))).toContain(NEWEST_GATE);
  });

  test('GIVEN GitLab.com or Dedicated at the newest version gate WHEN resolved THEN accepted: they run current releases', () => {
    for (const offering of ['gitlab.com', 'dedicated'] as const) {
      expect(resolvePlatform({ offering, tier: 'premium', version: NEWEST_GATE }).version).toBe(NEWEST_GATE);
    }
  });

  test('GIVEN null WHEN resolved as a platform THEN INVALID_PLATFORM, not a TypeError', () => {
    expect(thrownBy(() => resolvePlatform(null))).toMatchObject({ code: ErrorCode.INVALID_PLATFORM, field: 'policy.platform' });
  });
});

describe('where a Free service account counts against the cap', () => {
  test('GIVEN GitLab.com Free WHEN a group service account is planned THEN its top-level group, in lowercase', () => {
    const p = plan({ offering: 'gitlab.com', tier: 'free' }, { ...BY_RULE['rule 6, two projects'], reach: Reach.projects(['Acme/app', 'Acme/lib']) });
    expect(p.freeServiceAccountScope).toMatch(mentioningPattern('top-level group', 'acme', 'GitLab.com'));
    expect(p.freeServiceAccountScope).not.toContain('Acme');
  });

  test.each(['premium', 'ultimate'] as const)('GIVEN GitLab.com %s WHEN a service account is planned THEN no cap is said', (tier) => {
    expect(plan({ offering: 'gitlab.com', tier }, BY_RULE['rule 6, two projects']).freeServiceAccountScope).toBeUndefined();
  });
});

describe('which kinds GitLab.com lacks', () => {
  test.each(['free', 'premium', 'ultimate'] as const)('GIVEN GitLab.com %s THEN no instance service account, and why', (tier) => {
    expect(kindAvailability(K.INSTANCE_SERVICE_ACCOUNT, { offering: 'gitlab.com', tier })).toEqual({
      available: false, why: expect.stringMatching(mentioningPattern('GitLab.com', 'instance service accounts', 'self-managed', 'Dedicated')),
    });
  });
});
