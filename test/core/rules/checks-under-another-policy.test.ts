/**
 * Boundaries of the stack-wide checks on AutomationIdentity tokens whose plan was made under another policy:
 * GLID-010 lets a group of exactly smallGroupMaxProjects projects pass and reports one more project as an
 * error that names the group size and the limit it exceeds.
 */
import { PLANS, context, findingsOf, renderedToken } from './fixtures';
import { mentioning } from '../../support/mentioning';

describe('GLID-010 group-access-token: the small-group limit of the checks policy', () => {
  const REPORT_TOKEN = ['gitlab_group_access_token', "'quality-report'"];

  test('GIVEN a rendered group token on a group of exactly smallGroupMaxProjects projects WHEN checked THEN it is compliant', () => {
    // GIVEN
    expect(PLANS.groupAccessToken.reach.projectCount).toBe(5);
    const ctx = context({ policy: { smallGroupMaxProjects: 5 } });
    // WHEN
    const findings = findingsOf('GLID-010', renderedToken(PLANS.groupAccessToken), ctx);
    // THEN
    expect(findings).toEqual([]);
  });

  test('GIVEN a rendered group token on a group one project larger than smallGroupMaxProjects WHEN checked THEN an error names the size and the limit', () => {
    // GIVEN
    const ctx = context({ policy: { smallGroupMaxProjects: 4 } });
    // WHEN
    const findings = findingsOf('GLID-010', renderedToken(PLANS.groupAccessToken), ctx);
    // THEN
    expect(findings).toEqual([{
      ruleId: 'GLID-010', level: 'error',
      message: mentioning(...REPORT_TOKEN, '5', 'smallGroupMaxProjects', '4'),
    }]);
  });
});
