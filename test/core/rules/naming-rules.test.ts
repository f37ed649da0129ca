/**
 * GLID-015 and GLID-016: token names are unique in the app and follow <prefix><owner>-<purpose>.
 */
import { IdentityKind, known, planIdentity, Capability, Reach, Runtime, unresolved } from '../../../lib/core';
import { PLANS, context, findingsOf, membership, output, rawToken, renderedToken, variable } from './fixtures';
import { mentioning } from '../../support/mentioning';

const PROJECT_TOKEN = ['gitlab_project_access_token', "'quality-project-token'"];

describe('GLID-015 token-name-reused', () => {
  test('GIVEN a name no other credential uses WHEN checked THEN it is compliant, having asked for exactly that name', () => {
    // GIVEN
    const otherUsesOfName = jest.fn((_name: string): readonly string[] => []);
    // WHEN
    const findings = findingsOf('GLID-015', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN), context({ otherUsesOfName }));
    // THEN
    expect(findings).toEqual([]);
    expect(otherUsesOfName).toHaveBeenCalledWith('quality-project-token');
  });

  test.each([
    ['one other credential', ['app/stack/other-token']],
    ['two other credentials', ['app/stack/a', 'app/other-stack/b']],
  ])('GIVEN a name used by %s WHEN checked THEN an error lists their paths', (_, paths) => {
    // GIVEN
    const ctx = context({ otherUsesOfName: (name) => (name === 'quality-project-token' ? paths : []) });
    // WHEN
    const findings = findingsOf('GLID-015', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN), ctx);
    // THEN
    expect(findings).toEqual([{ ruleId: 'GLID-015', level: 'error', message: mentioning(...PROJECT_TOKEN, ...paths) }]);
  });

  test('GIVEN an AutomationIdentity token whose name a raw token already uses WHEN checked THEN the same error', () => {
    const ctx = context({ otherUsesOfName: () => ['app/stack/raw-token'] });
    expect(findingsOf('GLID-015', renderedToken(PLANS.projectAccessToken), ctx)).toEqual([
      { ruleId: 'GLID-015', level: 'error', message: mentioning('gitlab_project_access_token', "'quality-triage'", 'app/stack/raw-token') },
    ]);
  });

  test('GIVEN a name computed at apply WHEN checked THEN no guess: the other uses are not even looked up', () => {
    const otherUsesOfName = jest.fn((_name: string): readonly string[] => ['app/stack/other-token']);
    expect(findingsOf('GLID-015', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { name: unresolved('${var.name}') }), context({ otherUsesOfName }))).toEqual([]);
    expect(otherUsesOfName).not.toHaveBeenCalled();
  });

  test.each([
    ['a token without a name', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN, { name: undefined })],
    ['a CI/CD variable', variable()],
    ['an output', output()],
    ['an automation membership', membership()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    const otherUsesOfName = jest.fn((_name: string): readonly string[] => ['app/stack/other-token']);
    expect(findingsOf('GLID-015', credential, context({ otherUsesOfName }))).toEqual([]);
    expect(otherUsesOfName).not.toHaveBeenCalled();
  });
});

describe('GLID-016 naming', () => {
  // Each problem by what is allowed: the characters, the policy prefix, the policy length.
  const NOT_LOWERCASE = 'a-z0-9';
  const named = (name: string) => rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { name: known(name) });

  test.each([
    ['<owner>-<purpose> under the default policy', 'quality-triage', {}],
    ['the policy prefix', 'acme-quality-triage', { namePrefix: 'acme-' }],
    ['exactly the maximum length', 'quality-triage', { maxNameLength: 14 }],
  ])('GIVEN a name with %s WHEN checked THEN it is compliant', (_, name, policy) => {
    expect(findingsOf('GLID-016', named(name), context({ policy }))).toEqual([]);
  });

  test('GIVEN an AutomationIdentity planned with the policy prefix WHEN checked under the same policy THEN it is compliant', () => {
    const policy = { namePrefix: 'acme-' };
    const plan = planIdentity({
      owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.API_TRIAGE], policy,
    });
    expect(plan.name).toBe('acme-quality-triage');
    expect(findingsOf('GLID-016', renderedToken(plan), context({ policy }))).toEqual([]);
  });

  describe('non-compliant: a warning for raw tokens, an error for AutomationIdentity tokens', () => {
    test.each([
      ['not lowercase words', 'Quality_Triage', {}, [NOT_LOWERCASE]],
      ['a trailing hyphen', 'quality-triage-', {}, [NOT_LOWERCASE]],
      ['a leading digit', '2quality-triage', {}, [NOT_LOWERCASE]],
      ['no policy prefix', 'quality-triage', { namePrefix: 'acme-' }, ["'acme-'"]],
      ['more than the policy length', 'quality-triage', { maxNameLength: 13 }, ['13']],
      ['every problem at once', 'Quality_Triage', { namePrefix: 'acme-', maxNameLength: 10 }, [NOT_LOWERCASE, "'acme-'", '10']],
    ])('GIVEN a name with %s WHEN checked THEN the message lists each problem', (_, name, policy, problems) => {
      // GIVEN
      const ctx = context({ policy });
      // WHEN
      const raw = findingsOf('GLID-016', named(name), ctx);
      const identity = findingsOf('GLID-016', renderedToken(PLANS.projectAccessToken, { name: known(name) }), ctx);
      // THEN
      const message = mentioning('gitlab_project_access_token', `'${name}'`, ...problems);
      expect(raw).toEqual([{ ruleId: 'GLID-016', level: 'warning', message }]);
      expect(identity).toEqual([{ ruleId: 'GLID-016', level: 'error', message }]);
    });

    test('GIVEN an AutomationIdentity planned without prefix WHEN the stack policy requires one THEN an error', () => {
      expect(findingsOf('GLID-016', renderedToken(PLANS.projectDeployToken), context({ policy: { namePrefix: 'acme-' } }))).toEqual([
        { ruleId: 'GLID-016', level: 'error', message: mentioning('gitlab_project_deploy_token', "'quality-images'", "'acme-'") },
      ]);
    });
  });

  test.each([
    ['a token without a name', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN, { name: undefined })],
    ['a CI/CD variable with a key that is no token name', variable({ key: known('Triage_Token') })],
    ['an output', output()],
    ['an automation membership', membership()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-016', credential, context({ policy: { namePrefix: 'acme-', maxNameLength: 8 } }))).toEqual([]);
  });

  // A name decides no privilege, so it is not GLID-022's; GLID-016 says it cannot verify, at its own level.
  test('GIVEN a name computed at apply WHEN checked THEN a warning: cannot verify the name', () => {
    expect(findingsOf('GLID-016', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { name: unresolved('${var.token_name}') }))).toEqual([
      { ruleId: 'GLID-016', level: 'warning', message: expect.stringMatching(/^cannot verify name: .*\$\{var\.token_name\}/) },
    ]);
  });
});
