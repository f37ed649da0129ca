/**
 * Policy details: a shared policy object is validated again whenever it is used (its values may change), odd values
 * (bigint, look-alike strings) are rejected, the name prefix rule and its suggestion, and the one-line
 * policy summary used in rationale and inventories.
 */
import * as fc from 'fast-check';
import { runs } from '../support/property-runs';
import { DEFAULT_POLICY, describePolicy, ErrorCode, IdentityPolicy, policyDifferences, resolvePolicy } from '../../lib/core';
import { mentioningPattern as mentioning } from '../support/mentioning';

/** The IdentityError with this code and field whose message holds `parts`. */
const identityError = (code: ErrorCode, field: string, ...parts: string[]) =>
  expect.objectContaining({ code, field, message: expect.stringMatching(mentioning(...parts)) });

/** INVALID_POLICY for maxLifetimeDays: the value received and the allowed range, 2 to 365. */
const maxLifetimeRejected = (shown: string) =>
  identityError(ErrorCode.INVALID_POLICY, 'policy.maxLifetimeDays', 'policy.maxLifetimeDays', shown, '2', '365');

/** INVALID_POLICY for namePrefix: the value received, what is allowed ('' or ending with '-') and the suggestion. */
const namePrefixRejected = (shown: string, suggestion: string) =>
  identityError(ErrorCode.INVALID_POLICY, 'policy.namePrefix', 'policy.namePrefix', shown, "''", "'-'", `'${suggestion}'`);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

describe('a policy object changed after first use', () => {
  test('is resolved again with its new values', () => {
    const policy: Mutable<IdentityPolicy> = { maxLifetimeDays: 60 };
    expect(resolvePolicy(policy).maxLifetimeDays).toBe(60);
    policy.maxLifetimeDays = 30;
    expect(resolvePolicy(policy)).toMatchObject({ maxLifetimeDays: 30, defaultLifetimeDays: 30 });
  });

  test('is rejected when the new value is invalid', () => {
    const policy: Mutable<IdentityPolicy> = { maxLifetimeDays: 60 };
    resolvePolicy(policy);
    policy.maxLifetimeDays = 1000;
    expect(() => resolvePolicy(policy)).toThrow(maxLifetimeRejected('1000'));
  });

  test('is rejected when a number is replaced by the same digits as a string', () => {
    const policy = { maxLifetimeDays: 60 } as Record<string, unknown>;
    resolvePolicy(policy as IdentityPolicy);
    policy.maxLifetimeDays = '60';
    expect(() => resolvePolicy(policy as IdentityPolicy)).toThrow(maxLifetimeRejected("'60'"));
  });

  test('is rejected when a value is replaced by a bigint', () => {
    const policy = { namePrefix: '' } as Record<string, unknown>;
    expect(resolvePolicy(policy as IdentityPolicy).namePrefix).toBe('');
    policy.namePrefix = BigInt(5);
    expect(() => resolvePolicy(policy as IdentityPolicy)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_POLICY, field: 'policy.namePrefix' }));
  });

});

test('a bigint option is rejected as an invalid policy, not a crash', () => {
  expect(() => resolvePolicy({ maxLifetimeDays: BigInt(30) } as unknown as IdentityPolicy)).toThrow(maxLifetimeRejected('30'));
});

describe('namePrefix', () => {
  test("'' and lowercase words ending with '-' are allowed", () => {
    expect(resolvePolicy({ namePrefix: '' }).namePrefix).toBe('');
    expect(resolvePolicy({ namePrefix: 'acme-' }).namePrefix).toBe('acme-');
    expect(resolvePolicy({ namePrefix: 'acme-ops-' }).namePrefix).toBe('acme-ops-');
  });

  test('an invalid prefix is rejected with the field named and a slug suggested', () => {
    expect(() => resolvePolicy({ namePrefix: 'Acme' })).toThrow(namePrefixRejected("'Acme'", 'acme-'));
    expect(() => resolvePolicy({ namePrefix: 'acme' })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_POLICY, field: 'policy.namePrefix' }));
  });

  test('the suggestion collapses runs of other characters into one hyphen and ends with exactly one', () => {
    expect(() => resolvePolicy({ namePrefix: 'Acme  Ops__' })).toThrow(namePrefixRejected("'Acme  Ops__'", 'acme-ops-'));
    expect(() => resolvePolicy({ namePrefix: '42 ACME!!' })).toThrow(namePrefixRejected("'42 ACME!!'", 'acme-'));
    expect(() => resolvePolicy({ namePrefix: '!!!' })).toThrow(namePrefixRejected("'!!!'", 'acme-'));
  });

  test('a non-string prefix is rejected even when it prints like a valid one', () => {
    expect(() => resolvePolicy({ namePrefix: ['acme-'] } as unknown as IdentityPolicy)).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_POLICY, field: 'policy.namePrefix' }),
    );
  });
});

test('the policy summary lists every option with its value, in documented order', () => {
  expect(describePolicy(DEFAULT_POLICY)).toBe(
    "maxLifetimeDays=90, defaultLifetimeDays=90, defaultRotateBeforeDays=14, smallGroupMaxProjects=10, allowGroupAccessTokens=true, serviceAccountsAvailable=true, namePrefix='', maxNameLength=64, serviceAccountGroup='', contactEmail=''",
  );
  expect(describePolicy(resolvePolicy({ maxLifetimeDays: 30, namePrefix: 'acme-', allowGroupAccessTokens: false }))).toBe(
    "maxLifetimeDays=30, defaultLifetimeDays=30, defaultRotateBeforeDays=14, smallGroupMaxProjects=10, allowGroupAccessTokens=false, serviceAccountsAvailable=true, namePrefix='acme-', maxNameLength=64, serviceAccountGroup='', contactEmail=''",
  );
});

describe('policyDifferences (what the stack JSON records of a policy)', () => {
  const policies = fc.record({
    maxLifetimeDays: fc.integer({ min: 2, max: 365 }),
    smallGroupMaxProjects: fc.integer({ min: 0, max: 50 }),
    allowGroupAccessTokens: fc.boolean(),
    serviceAccountsAvailable: fc.boolean(),
    namePrefix: fc.constantFrom('', 'acme-', 'acme-ops-'),
    maxNameLength: fc.integer({ min: 8, max: 255 }),
    serviceAccountGroup: fc.constantFrom('', 'acme'),
    contactEmail: fc.constantFrom('', 'bots@example.com'),
  }, { requiredKeys: [] }).chain((p) => {
    const max = p.maxLifetimeDays ?? 90;
    return fc.record({ defaultLifetimeDays: fc.option(fc.integer({ min: 2, max }), { nil: undefined }) }).chain(({ defaultLifetimeDays }) => {
      const lifetime = defaultLifetimeDays ?? Math.min(90, max);
      return fc.option(fc.integer({ min: 1, max: lifetime - 1 }), { nil: undefined })
        .map((defaultRotateBeforeDays) => ({ ...p, defaultLifetimeDays, defaultRotateBeforeDays }));
    });
  });

  test('resolves again to the same policy, for any valid policy', () => {
    fc.assert(fc.property(policies, (p) => {
      const resolved = resolvePolicy(p);
      expect(resolvePolicy(policyDifferences(resolved))).toEqual(resolved);
    }), { numRuns: runs(500) });
  });

  test('leaves out every option that has its default value', () => {
    expect(policyDifferences(DEFAULT_POLICY)).toEqual({});
    expect(policyDifferences(resolvePolicy({ maxLifetimeDays: 30 }))).toEqual({ maxLifetimeDays: 30, defaultLifetimeDays: 30 });
  });
});

test('the summary names the platform in words when there is one, and says nothing of it when there is none', () => {
  expect(describePolicy(resolvePolicy({ platform: { offering: 'gitlab.com', tier: 'premium' } }))).toContain('platform=GitLab.com Premium');
  expect(describePolicy(DEFAULT_POLICY)).not.toContain('platform');
});
