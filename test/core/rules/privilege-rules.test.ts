/**
 * GLID-005 to GLID-009: roles and scopes. A role is explicit and never owner; an AutomationIdentity holds
 * no more than it planned; scopes are valid for the resource type and never administrative.
 */
import { IdentityKind, known, unresolved } from '../../../lib/core';
import { PLANS, allFindings, findingsOf, membership, output, rawToken, renderedToken, variable } from './fixtures';
import { mentioning } from '../../support/mentioning';

const PROJECT_TOKEN = ['gitlab_project_access_token', "'quality-project-token'"];
const GROUP_TOKEN = ['gitlab_group_access_token', "'quality-group-token'"];

describe('GLID-005 access-level-omitted', () => {
  test.each([
    ['a project access token with reporter', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
    ['a group access token with guest', rawToken(IdentityKind.GROUP_ACCESS_TOKEN, { accessLevel: known('guest') })],
    ['an AutomationIdentity project access token', renderedToken(PLANS.projectAccessToken)],
    // Set, though computed: whether it is too high is GLID-006's question.
    ['an access_level computed at apply', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { accessLevel: unresolved('${var.access_level}') })],
  ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-005', credential)).toEqual([]);
  });

  test.each([
    [IdentityKind.PROJECT_ACCESS_TOKEN, PROJECT_TOKEN],
    [IdentityKind.GROUP_ACCESS_TOKEN, GROUP_TOKEN],
  ] as const)('GIVEN a %s without access_level WHEN checked THEN an error says it gets maintainer', (kind, label) => {
    // GIVEN
    const credential = rawToken(kind, { accessLevel: undefined });
    // WHEN
    const findings = findingsOf('GLID-005', credential);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-005', level: 'error', message: mentioning(...label, 'access_level', 'maintainer') }]);
  });

  test.each([
    ['a personal access token (no access_level attribute)', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN)],
    ['a service-account token', rawToken(IdentityKind.SERVICE_ACCOUNT)],
    ['a deploy token', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN)],
    ['a membership without access_level', membership(PLANS.serviceAccount, { accessLevel: undefined })],
    ['a CI/CD variable', variable()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-005', credential)).toEqual([]);
  });
});

describe('GLID-006 owner-access-level', () => {
  test.each([
    ['a token with maintainer', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { accessLevel: known('maintainer') })],
    ['a token without access_level (GLID-005)', rawToken(IdentityKind.GROUP_ACCESS_TOKEN, { accessLevel: undefined })],
    ['an automation membership with maintainer', membership()],
  ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-006', credential)).toEqual([]);
  });

  test.each([
    ['a raw project access token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { accessLevel: known('owner') }), PROJECT_TOKEN],
    ['a raw group access token', rawToken(IdentityKind.GROUP_ACCESS_TOKEN, { accessLevel: known('owner') }), GROUP_TOKEN],
    ['an AutomationIdentity token', renderedToken(PLANS.projectAccessToken, { accessLevel: known('owner') }), ['gitlab_project_access_token', "'quality-triage'"]],
    ['an automation membership', membership(PLANS.serviceAccount, { accessLevel: known('owner') }), ['gitlab_project_membership']],
    ['an automation group membership', membership(PLANS.serviceAccount, { resourceType: 'gitlab_group_membership', accessLevel: known('owner') }), ['gitlab_group_membership']],
  ])('GIVEN %s with owner WHEN checked THEN an error', (_, credential, label) => {
    expect(findingsOf('GLID-006', credential)).toEqual([{ ruleId: 'GLID-006', level: 'error', message: mentioning(...label, 'access_level', 'owner') }]);
  });

  test.each([
    ['a CI/CD variable', variable()],
    ['an output', output()],
    ['a deploy token', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN)],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-006', credential)).toEqual([]);
  });

  // An access_level computed at apply may be owner: the engine reports it as GLID-022, an error; GLID-006 does not guess.
  test.each([
    ['a raw token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { accessLevel: unresolved('${var.access_level}') })],
    ['an automation membership', membership(PLANS.serviceAccount, { accessLevel: unresolved('${var.access_level}') })],
  ])('GIVEN %s whose access_level is computed at apply WHEN checked THEN GLID-006 does not guess', (_, credential) => {
    expect(findingsOf('GLID-006', credential)).toEqual([]);
  });
});

describe('GLID-007 over-privileged', () => {
  const TRIAGE = ['gitlab_project_access_token', "'quality-triage'"];

  describe('AutomationIdentity credentials: rendered values are compared with the plan', () => {
    test.each([
      ['a project access token as planned', renderedToken(PLANS.projectAccessToken)],
      ['a group access token as planned', renderedToken(PLANS.groupAccessToken)],
      ['a service-account token as planned', renderedToken(PLANS.serviceAccount)],
      ['a deploy token as planned', renderedToken(PLANS.projectDeployToken)],
      ['a trigger as planned (no scopes)', renderedToken(PLANS.pipelineTrigger)],
      ['a membership as planned', membership()],
      ['a lower role than planned', renderedToken(PLANS.projectAccessToken, { accessLevel: known('guest') })],
      ['a scope the planned api covers (read_api)', renderedToken(PLANS.projectAccessToken, { scopes: known(['read_api']) })],
      ['no scopes at all (GLID-009 reports the empty list)', renderedToken(PLANS.projectAccessToken, { scopes: known([]) })],
    ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
      expect(findingsOf('GLID-007', credential)).toEqual([]);
    });

    // The credential, what it holds beyond the plan, and what was planned.
    test.each([
      ['a token role above the plan', renderedToken(PLANS.projectAccessToken, { accessLevel: known('maintainer') }),
        [...TRIAGE, 'access_level', 'maintainer', 'reporter']],
      ['a membership role above the plan', membership(PLANS.serviceAccount, { accessLevel: known('owner') }),
        ['gitlab_project_membership', 'access_level', 'owner', 'maintainer']],
      ['a scope beyond the plan', renderedToken(PLANS.projectAccessToken, { scopes: known(['api', 'write_repository']) }),
        [...TRIAGE, 'write_repository', 'api']],
      ['api where read_api was planned', renderedToken(PLANS.groupAccessToken, { scopes: known(['api']) }),
        ['gitlab_group_access_token', "'quality-report'", 'api', 'read_api']],
      ['a scope GitLab does not know', renderedToken(PLANS.projectAccessToken, { scopes: known(['api', 'everything']) }),
        [...TRIAGE, 'everything', 'api']],
      ['a deploy token scope beyond the plan', renderedToken(PLANS.projectDeployToken, { scopes: known(['read_registry', 'write_registry']) }),
        ['gitlab_project_deploy_token', "'quality-images'", 'write_registry', 'read_registry']],
      ['scopes where none were planned', renderedToken(PLANS.pipelineTrigger, { scopes: known(['api']) }),
        ['gitlab_pipeline_trigger', "'release-nightly'", 'api', 'none']],
    ])('GIVEN %s WHEN checked THEN an error', (_, credential, parts) => {
      expect(findingsOf('GLID-007', credential)).toEqual([{ ruleId: 'GLID-007', level: 'error', message: mentioning(...parts) }]);
    });

    test('GIVEN both a higher role and extra scopes WHEN checked THEN one error for each, in canonical order', () => {
      const credential = renderedToken(PLANS.projectAccessToken, { accessLevel: known('developer'), scopes: known(['api', 'read_user', 'sudo']) });
      expect(findingsOf('GLID-007', credential)).toEqual([
        { ruleId: 'GLID-007', level: 'error', message: mentioning(...TRIAGE, 'access_level', 'developer', 'reporter') },
        { ruleId: 'GLID-007', level: 'error', message: mentioning(...TRIAGE, 'read_user', 'sudo', 'api') },
      ]);
    });

    test('GIVEN access_level and scopes computed at apply WHEN checked THEN no rule guesses (GLID-022 reports them)', () => {
      const credential = renderedToken(PLANS.projectAccessToken, { accessLevel: unresolved('${var.level}'), scopes: unresolved('${var.scopes}') });
      expect(findingsOf('GLID-007', credential)).toEqual([]);
      expect(allFindings(credential).filter((f) => f.message.includes('cannot verify'))).toEqual([]);
    });
  });

  describe('a rendered token moved by an override to a project or group its plan does not grant', () => {
    test.each([
      ['the planned project', renderedToken(PLANS.projectAccessToken, { target: { type: 'project', value: 'gitlab-org/gitlab' } })],
      ['the planned project in other letter case (GitLab routes ignore case)', renderedToken(PLANS.projectAccessToken, { target: { type: 'project', value: 'GitLab-Org/GitLab' } })],
      ['the planned group', renderedToken(PLANS.groupAccessToken, { target: { type: 'group', value: 'gitlab-org/quality' } })],
      ['a project computed at apply (cannot be compared)', renderedToken(PLANS.projectAccessToken, { target: { type: 'project', value: '${gitlab_project.p.id}' } })],
      // Service-account and personal tokens name a user, not the project they act on.
      ['a service-account token on its user', renderedToken(PLANS.serviceAccount, { target: { type: 'user', value: '42' } })],
      ['a service-account token whose target is a project (its kind is not retargetable)', renderedToken(PLANS.serviceAccount, { target: { type: 'project', value: 'other/project' } })],
    ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
      expect(findingsOf('GLID-007', credential)).toEqual([]);
    });

    // The credential, where it is, and what its plan reaches. 'gitlab-org' inside the planned 'gitlab-org/quality'
    // is listed once more for where the token is.
    test.each([
      ['a project access token on another project', renderedToken(PLANS.projectAccessToken, { target: { type: 'project', value: 'gitlab-org/security' } }),
        [...TRIAGE, 'gitlab-org/security', 'gitlab-org/gitlab']],
      ['a group access token on another group', renderedToken(PLANS.groupAccessToken, { target: { type: 'group', value: 'gitlab-org' } }),
        ['gitlab_group_access_token', "'quality-report'", 'gitlab-org', 'gitlab-org/quality', 'gitlab-org']],
      ['a deploy token on another project', renderedToken(PLANS.projectDeployToken, { target: { type: 'project', value: 'gitlab-org/omnibus' } }),
        ['gitlab_project_deploy_token', "'quality-images'", 'gitlab-org/omnibus', 'gitlab-org/gitlab']],
      ['a trigger on another project', renderedToken(PLANS.pipelineTrigger, { target: { type: 'project', value: 'gitlab-org/www' } }),
        ['gitlab_pipeline_trigger', "'release-nightly'", 'gitlab-org/www', 'gitlab-org/gitlab']],
    ])('GIVEN %s WHEN checked THEN an error names where it is and what the plan reaches', (_, credential, parts) => {
      expect(findingsOf('GLID-007', credential)).toEqual([{ ruleId: 'GLID-007', level: 'error', message: mentioning(...parts) }]);
    });

    test('GIVEN a raw token on any project WHEN checked THEN the rule does not apply (no plan)', () => {
      expect(findingsOf('GLID-007', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { target: { type: 'project', value: 'gitlab-org/security' } }))).toEqual([]);
    });
  });

  describe('raw credentials: there is no plan to compare with', () => {
    test.each([
      ['a maintainer project access token with api', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { accessLevel: known('maintainer'), scopes: known(['api']) })],
      ['a personal access token with every scope', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: known(['api', 'read_user', 'write_repository']) })],
      ['a CI/CD variable', variable()],
      ['an output', output()],
    ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
      expect(findingsOf('GLID-007', credential)).toEqual([]);
    });
  });
});

describe('GLID-008 admin-scopes', () => {
  test.each([
    ['api and read_repository', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: known(['api', 'read_repository']) })],
    ['an AutomationIdentity token as planned', renderedToken(PLANS.serviceAccount)],
    ['an empty scope list (GLID-009)', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known([]) })],
  ])('GIVEN a token with %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-008', credential)).toEqual([]);
  });

  test.each([
    ['sudo', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: known(['api', 'sudo']) }),
      ['gitlab_personal_access_token', "'quality-personal-token'", 'sudo']],
    ['admin_mode and read_service_ping', rawToken(IdentityKind.SERVICE_ACCOUNT, { scopes: known(['admin_mode', 'read_api', 'read_service_ping']) }),
      ['gitlab_group_service_account_access_token', "'platform-service-token'", 'admin_mode', 'read_service_ping']],
    ['sudo on a project token (GLID-009 also rejects it there)', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known(['sudo']) }),
      [...PROJECT_TOKEN, 'sudo']],
    ['sudo added to an AutomationIdentity token', renderedToken(PLANS.serviceAccount, { scopes: known(['api', 'sudo']) }),
      ['gitlab_group_service_account_access_token', "'platform-tokens'", 'sudo']],
  ])('GIVEN a token with %s WHEN checked THEN an error lists the admin scopes', (_, credential, parts) => {
    const findings = findingsOf('GLID-008', credential);
    expect(findings).toEqual([{ ruleId: 'GLID-008', level: 'error', message: mentioning(...parts) }]);
    // Only the admin scopes: the others held are no part of this finding.
    expect(findings[0].message).not.toMatch(/\b(api|read_api)\b/);
  });

  test('GIVEN scopes computed at apply WHEN checked THEN GLID-008 does not guess (GLID-022 reports them)', () => {
    const credential = rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: unresolved('${var.scopes}') });
    expect(findingsOf('GLID-008', credential)).toEqual([]);
  });

  test.each([
    ['a pipeline trigger (no scopes)', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN)],
    ['a CI/CD variable', variable()],
    ['an automation membership', membership()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-008', credential)).toEqual([]);
  });
});

describe('GLID-009 scopes-invalid-for-type', () => {
  test.each([
    ['a project access token with api and read_repository', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known(['api', 'read_repository']) })],
    ['a group access token with read_virtual_registry', rawToken(IdentityKind.GROUP_ACCESS_TOKEN, { scopes: known(['read_virtual_registry']) })],
    ['a personal access token with read_user', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: known(['read_user']) })],
    ['a deploy token with package registry scopes', rawToken(IdentityKind.GROUP_DEPLOY_TOKEN, { scopes: known(['read_package_registry', 'write_package_registry']) })],
    ['an AutomationIdentity deploy token', renderedToken(PLANS.groupDeployToken)],
  ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-009', credential)).toEqual([]);
  });

  // The token and the scopes its type does not accept, or that its list is empty.
  test.each([
    ['an empty scope list', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known([]) }), [...PROJECT_TOKEN, 'empty']],
    ['an API scope on a deploy token', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { scopes: known(['read_repository', 'api']) }),
      ['gitlab_project_deploy_token', "'quality-deploy-token'", 'api']],
    ['read_user on a project access token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known(['read_user']) }), [...PROJECT_TOKEN, 'read_user']],
    ['virtual-registry scopes on a project access token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: known(['read_virtual_registry', 'api', 'write_virtual_registry']) }),
      [...PROJECT_TOKEN, 'read_virtual_registry', 'write_virtual_registry']],
    ['a scope GitLab does not know', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { scopes: known(['write_everything']) }),
      ['gitlab_personal_access_token', "'quality-personal-token'", 'write_everything']],
    ['an empty list on an AutomationIdentity token', renderedToken(PLANS.projectAccessToken, { scopes: known([]) }),
      ['gitlab_project_access_token', "'quality-triage'", 'empty']],
  ])('GIVEN %s WHEN checked THEN an error', (_, credential, parts) => {
    expect(findingsOf('GLID-009', credential)).toEqual([{ ruleId: 'GLID-009', level: 'error', message: mentioning(...parts) }]);
  });

  test('GIVEN scopes computed at apply WHEN checked THEN no guess (GLID-022 reports them)', () => {
    const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: unresolved('${var.scopes}') });
    expect(findingsOf('GLID-009', credential)).toEqual([]);
  });

  test.each([
    ['a pipeline trigger, even with a scope list', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN, { scopes: known(['api']) })],
    ['a token without a scopes attribute', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { scopes: undefined })],
    ['a CI/CD variable', variable()],
    ['an output', output()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-009', credential)).toEqual([]);
  });
});
