/**
 * `dynamic "rotation_configuration"` in the JSON form of a list of dynamic blocks (describe-stack.ts
 * dynamicRotation): Terraform refuses it whatever other dynamic blocks stand next to it, so the rotation is
 * unverifiable (GLID-022, with the fix); a list of dynamic blocks without it, or an empty one, leaves the
 * rotation_configuration attribute to be read as written.
 *
 * Every report is built inside its test, where Stryker links the code it runs to the test.
 */
import { StackReport } from '../../../lib/core';
import { active, check, compliantToken, entry, stack } from './engine-fixture';

const TOKEN = 'gitlab_project_access_token.t';
const DYNAMIC_ROTATION = { rotation_configuration: { for_each: [1], content: { expiration_days: 30, rotate_before_days: 7 } } };
const DYNAMIC_TIMEOUTS = { timeouts: { for_each: [1], content: { create: '5m' } } };

/** The compliant token (rotated 90/14 days by its attribute) with `dynamic` as given. */
function withDynamic(dynamic: unknown): StackReport {
  return check(stack({ resource: { gitlab_project_access_token: { t: compliantToken({ dynamic }) } } }));
}

describe('dynamic written as a list of blocks', () => {
  test.each<[string, unknown[]]>([
    ['rotation_configuration, then timeouts', [DYNAMIC_ROTATION, DYNAMIC_TIMEOUTS]],
    ['timeouts, then rotation_configuration', [DYNAMIC_TIMEOUTS, DYNAMIC_ROTATION]],
  ])('given a list of dynamic blocks %s, when checked, then the rotation is refused as unverifiable (GLID-022) with the attribute form as the fix', (_what, dynamic) => {
    const report = withDynamic(dynamic);
    const refused = active(report, 'GLID-022');
    expect(refused.map((f) => f.path)).toEqual([TOKEN]);
    expect(refused[0].message).toEqual(expect.stringContaining('dynamic block'));
    expect(refused[0].message).toEqual(expect.stringContaining('rotation_configuration = {'));
    expect(entry([report], 'team-reader')).toMatchObject({ expiry: 'rotating', lifetimeDays: null, rotateBeforeDays: null });
  });

  test.each<[string, unknown[]]>([
    ['an empty list', []],
    ['a list of timeouts only', [DYNAMIC_TIMEOUTS]],
  ])('given dynamic as %s, when checked, then nothing is refused and the rotation is read from rotation_configuration', (_what, dynamic) => {
    const report = withDynamic(dynamic);
    expect(active(report)).toEqual([]);
    expect(entry([report], 'team-reader')).toMatchObject({ expiry: 'rotating', lifetimeDays: 90, rotateBeforeDays: 14 });
  });
});
