/**
 * A deploy token replaced on a schedule (describe-stack.ts schedule, rolloverOf), as the inventory and the
 * rules see it: named in `lifecycle.replace_triggered_by` by a terraform_data (bare, interpolated, or an
 * attribute of it) whose `triggers_replace` holds a time_rotating's roll-over instant as one of its strings,
 * the token runs the schedule's days plus its expires_at offset. Any other shape is on no schedule the
 * checks can know: its expires_at stays computed at apply, unverifiable (GLID-022).
 *
 * Every report is built inside its test, where Stryker links the code it runs to the test.
 */
import { StackReport } from '../../../lib/core';
import { active, check, entry, stack } from './engine-fixture';

const NAME = 'team-registry';
const ROLLOVER = '${time_rotating.r.rotation_rfc3339}';

/** A deploy token expiring 7 days after each 23-day roll-over, with these triggers and renewal triggers_replace. */
function deployToken(triggers: readonly unknown[] | undefined, triggersReplace: unknown = { rotation: ROLLOVER }): StackReport {
  const lifecycle = { create_before_destroy: true, ...(triggers ? { replace_triggered_by: triggers } : {}) };
  return check(stack({
    resource: {
      gitlab_project_deploy_token: {
        d: { name: NAME, project: 'acme/app', scopes: ['read_registry'], expires_at: '${timeadd(time_rotating.r.rotation_rfc3339, "168h")}', lifecycle },
      },
      time_rotating: { r: { rotation_days: 23 } },
      terraform_data: { renewal: { triggers_replace: triggersReplace } },
    },
  }));
}

const lifetime = (report: StackReport) => {
  const e = entry([report], NAME);
  return { expiry: e.expiry, lifetimeDays: e.lifetimeDays, rotateBeforeDays: e.rotateBeforeDays };
};

describe('a deploy token replaced through a terraform_data that holds the roll-over', () => {
  test.each<[string, readonly unknown[]]>([
    ['the renewal by address, terraform_data.renewal', ['terraform_data.renewal']],
    ['the renewal interpolated, ${terraform_data.renewal}', ['${terraform_data.renewal}']],
    ['an attribute of the renewal, terraform_data.renewal.id', ['terraform_data.renewal.id']],
    ['an interpolated attribute, ${terraform_data.renewal.output}', ['${terraform_data.renewal.output}']],
    ['a trigger that is not a string, then the renewal', [42, 'terraform_data.renewal']],
  ])('given replace_triggered_by naming %s, when inventoried, then it lives 30 days (23 + 7) and is renewed 7 days before, with nothing reported', (_what, triggers) => {
    const report = deployToken(triggers);
    expect(lifetime(report)).toEqual({ expiry: 'rotating', lifetimeDays: 30, rotateBeforeDays: 7 });
    expect(active(report)).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['the roll-over in a list', ['v1', ROLLOVER]],
    ['the roll-over as the whole value', ROLLOVER],
  ])('given triggers_replace holding %s, when inventoried, then the token is on the 23-day schedule', (_what, triggersReplace) => {
    expect(lifetime(deployToken(['terraform_data.renewal'], triggersReplace))).toEqual({ expiry: 'rotating', lifetimeDays: 30, rotateBeforeDays: 7 });
  });
});

describe('a deploy token on no schedule the checks can know', () => {
  /** The token's expires_at is computed at apply, and nothing says when it is replaced. */
  function expectUnscheduled(report: StackReport): void {
    expect(lifetime(report)).toEqual({ expiry: 'unknown', lifetimeDays: null, rotateBeforeDays: null });
    expect(active(report).map((f) => [f.ruleId, f.path])).toEqual([['GLID-022', 'gitlab_project_deploy_token.d']]);
    expect(active(report, 'GLID-022')[0].message).toContain('expires_at');
  }

  test('given no replace_triggered_by, when checked, then its expires_at is unverifiable (GLID-022) and its expiry unknown', () => {
    expectUnscheduled(deployToken(undefined));
  });

  test('given replace_triggered_by holding only a trigger that is not a string, when checked, then it is on no schedule', () => {
    expectUnscheduled(deployToken([42]));
  });

  // Only a string of triggers_replace is read: a list nested in it is another value, not the roll-over instant.
  test.each<[string, unknown]>([
    ['a list holding a list of the roll-over', [[ROLLOVER]]],
    ['an object whose value is a list of the roll-over', { rotation: [ROLLOVER] }],
  ])('given triggers_replace %s, when checked, then the roll-over is not read from it and the token is on no schedule', (_what, triggersReplace) => {
    expectUnscheduled(deployToken(['terraform_data.renewal'], triggersReplace));
  });
});
