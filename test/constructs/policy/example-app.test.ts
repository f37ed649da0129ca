/**
 * The example organisation passes its own policy checks: no error, no warning, and its two GLID-014
 * suppressions (merge-request bots whose variables cannot be protected) each match their finding.
 */
import { AutomationIdentity, IdentityPolicyChecks, IdentitySuppressions } from '../../../lib';
import { buildOrganisation } from '../../../examples/organisation';
import { annotations, findingsIn, tempApp } from './policy-support';

describe('the example organisation under IdentityPolicyChecks', () => {
  const app = buildOrganisation(tempApp());
  const synthesize = () => app.synth();
  const identity = (id: string) => app.node.findAll().find((c) => AutomationIdentity.isAutomationIdentity(c) && c.node.id === id) as AutomationIdentity;

  test('app.synth() succeeds', () => {
    expect(synthesize).not.toThrow();
  });

  test('no annotation anywhere: no error, no warning, nothing that cannot be verified', () => {
    expect(annotations(app)).toEqual([]);
  });

  test('the checks (added to the App) really ran: the findings that the suppressions silence were recorded', () => {
    const withFindings = app.node.findAll().filter((c) => IdentityPolicyChecks.findingsOf(c).length > 0).map((c) => c.node.path);
    expect(withFindings).toEqual([
      'engineering-productivity/danger-review/Variable-project-gitlab-org~gitlab-DANGER_GITLAB_API_TOKEN',
      // The service accounts' contactEmail (GLID-019), suppressed per stack: the domain is verified.
      'engineering-productivity/triage-scheduled',
      'engineering-productivity/triage-reactive',
      'quality/allure-report/Variable-project-gitlab-org~gitlab-ALLURE_REPORT_TOKEN',
      'runner-delivery/runner-releases',
      'distribution/omnibus-mirror',
    ]);
  });

  test.each([
    ['danger-review', 'engineering-productivity/danger-review/Variable-project-gitlab-org~gitlab-DANGER_GITLAB_API_TOKEN',
      "gitlab_project_variable 'DANGER_GITLAB_API_TOKEN' holds a token but is not protected."],
    ['allure-report', 'quality/allure-report/Variable-project-gitlab-org~gitlab-ALLURE_REPORT_TOKEN',
      "gitlab_project_variable 'ALLURE_REPORT_TOKEN' holds a token but is not protected."],
  ])('the GLID-014 suppression on %s matches its unprotected variable', (id, path, message) => {
    const [suppression, ...others] = IdentitySuppressions.of(identity(id));
    expect(others).toEqual([]);
    expect(suppression).toMatchObject({ id: 'GLID-014', scope: identity(id).node.path, matched: [{ path, message }] });
  });

  test('every recorded finding is suppressed or informational', () => {
    expect(findingsIn(app).filter((f) => f.level !== 'info' && f.suppressedBy === undefined)).toEqual([]);
    expect(findingsIn(app).filter((f) => f.suppressedBy !== undefined).map((f) => f.ruleId).sort())
      .toEqual(['GLID-014', 'GLID-014', 'GLID-019', 'GLID-019', 'GLID-019', 'GLID-019']);
  });

  test('no stack allows a provider with token-rotation bugs (GLID-020): the example raises the constraint', () => {
    expect(findingsIn(app).filter((f) => f.ruleId === 'GLID-020')).toEqual([]);
    for (const stack of app.node.children) {
      const tf = (stack as unknown as { toTerraform(): { terraform: { required_providers: { gitlab: { version: string } } } } }).toTerraform();
      expect(tf.terraform.required_providers.gitlab.version).toBe('>= 18.8.1');
    }
  });
});
