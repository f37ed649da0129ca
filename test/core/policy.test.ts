/** Policy defaults and resolution (documented on IdentityPolicy). */
import { DEFAULT_POLICY, ErrorCode, resolvePolicy } from '../../lib/core';
import { mentioningPattern as mentioning } from '../support/mentioning';

/** The IdentityError with this code and field whose message holds `parts`. */
const identityError = (code: ErrorCode, field: string, ...parts: string[]) =>
  expect.objectContaining({ code, field, message: expect.stringMatching(mentioning(...parts)) });

test('documented defaults', () => {
  expect(resolvePolicy()).toEqual({
    maxLifetimeDays: 90,
    defaultLifetimeDays: 90,
    defaultRotateBeforeDays: 14,
    defaultOverlap: false,
    smallGroupMaxProjects: 10,
    allowGroupAccessTokens: true,
    serviceAccountsAvailable: true,
    namePrefix: '',
    maxNameLength: 64,
    serviceAccountGroup: '',
    contactEmail: '',
    // No platform: every identity kind is assumed available, as before platforms existed.
    platform: null,
  });
  expect(resolvePolicy({})).toEqual(DEFAULT_POLICY);
});

test('lowering the maximum lifetime alone lowers the default lifetime with it', () => {
  expect(resolvePolicy({ maxLifetimeDays: 30 })).toMatchObject({ maxLifetimeDays: 30, defaultLifetimeDays: 30, defaultRotateBeforeDays: 14 });
});

test('a short default lifetime lowers the default rotate-before below it', () => {
  expect(resolvePolicy({ maxLifetimeDays: 7 })).toMatchObject({ defaultLifetimeDays: 7, defaultRotateBeforeDays: 6 });
});

test('explicit values win, and undefined means default', () => {
  expect(resolvePolicy({ maxLifetimeDays: 365, defaultLifetimeDays: 180, defaultRotateBeforeDays: undefined })).toMatchObject({
    maxLifetimeDays: 365, defaultLifetimeDays: 180, defaultRotateBeforeDays: 14,
  });
});

test('a shared policy object resolves to equal frozen results every time', () => {
  const policy = { maxLifetimeDays: 60 };
  const a = resolvePolicy(policy);
  expect(resolvePolicy(policy)).toEqual(a);
  expect(Object.isFrozen(a)).toBe(true);
});

test('the service-account group must be a top-level group', () => {
  expect(resolvePolicy({ serviceAccountGroup: 'gitlab-org' }).serviceAccountGroup).toBe('gitlab-org');
  expect(() => resolvePolicy({ serviceAccountGroup: 'gitlab-org/quality' })).toThrow(
    // 'gitlab-org' is the example of what is allowed and the fix: listed twice.
    identityError(ErrorCode.INVALID_POLICY, 'policy.serviceAccountGroup', 'policy.serviceAccountGroup', "'gitlab-org/quality'", 'top-level', "'gitlab-org'", "'gitlab-org'"),
  );
});

test('the contact email must look like an address', () => {
  expect(resolvePolicy({ contactEmail: 'bots@example.com' }).contactEmail).toBe('bots@example.com');
  expect(() => resolvePolicy({ contactEmail: 'bots at example' })).toThrow(
    identityError(ErrorCode.INVALID_POLICY, 'policy.contactEmail', 'policy.contactEmail', "'bots at example'", "'platform-alerts@example.com'"),
  );
});
