/**
 * Each finding names the Terraform attribute it is about, so that `gitlab-identity check` can point at that
 * attribute's line in HCL or cdk.tf.json (and at the block's line when there is none).
 */
import { IdentityKind, known } from '../../../lib/core';
import { PLANS, attributesOf, rawToken, renderedToken, variable } from './fixtures';

describe('finding attributes', () => {
  test.each([
    ['GLID-001', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { expiresAt: undefined, rotation: undefined }), ['expires_at']],
    ['GLID-006', rawToken(IdentityKind.GROUP_ACCESS_TOKEN, { accessLevel: known('owner') }), ['access_level']],
    ['GLID-007', renderedToken(PLANS.projectAccessToken, { accessLevel: known('maintainer'), scopes: known(['api', 'sudo']) }), ['access_level', 'scopes']],
    ['GLID-008', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: known(['api', 'sudo']) }), ['scopes']],
    ['GLID-009', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known([]) }), ['scopes']],
    ['GLID-013', variable({ masked: known(false), hidden: known(false) }), ['hidden', 'masked']],
    ['GLID-014', variable({ protected: known(false) }), ['protected']],
  ])('GIVEN a %s finding WHEN checked THEN it points at the attribute', (id, credential, expected) => {
    expect(attributesOf(id, credential)).toEqual(expected);
  });

  test('GIVEN a lifetime above the maximum WHEN checked THEN GLID-003 points at rotation_configuration.expiration_days', () => {
    const token = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(400), rotateBeforeDays: known(14) } });
    expect(attributesOf('GLID-003', token)).toEqual(['rotation_configuration.expiration_days']);
  });

  test('GIVEN rotate_before_days of 0 WHEN checked THEN GLID-004 points at rotation_configuration.rotate_before_days', () => {
    const token = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(60), rotateBeforeDays: known(0) } });
    expect(attributesOf('GLID-004', token)).toEqual(['rotation_configuration.rotate_before_days']);
  });
});
