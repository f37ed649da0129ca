/**
 * GLID-012 to GLID-014: where a token's secret goes. Outputs are sensitive; CI/CD variables are masked,
 * hidden and protected.
 */
import { Capability, IdentityKind, Reach, Runtime, known, planIdentity, unresolved } from '../../../lib/core';
import { PLANS, attributesOf, findingsOf, output, rawToken, variable } from './fixtures';
import { mentioning } from '../../support/mentioning';

const VARIABLE = ['gitlab_project_variable', "'TRIAGE_TOKEN'"];

describe('GLID-012 secret-in-output', () => {
  test('GIVEN a sensitive output holding a token WHEN checked THEN it is compliant', () => {
    expect(findingsOf('GLID-012', output())).toEqual([]);
  });

  test('GIVEN an output holding a token without sensitive WHEN checked THEN an error', () => {
    expect(findingsOf('GLID-012', output({ sensitive: false }))).toEqual([
      { ruleId: 'GLID-012', level: 'error', message: mentioning('output', 'sensitive: true') },
    ]);
  });

  test.each([
    ['an output that holds no token', output({ holdsToken: false, sensitive: false })],
    ['a CI/CD variable that is not masked', variable({ masked: known(false) })],
    ['a token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-012', credential)).toEqual([]);
  });
});

describe('GLID-013 variable-not-masked-hidden', () => {
  test.each([
    ['a masked and hidden project variable', variable()],
    ['a masked group variable with hidden', variable({ resourceType: 'gitlab_group_variable' })],
    ['a masked instance variable (no hidden attribute)', variable({ resourceType: 'gitlab_instance_variable', hidden: null })],
  ])('GIVEN %s holding a token WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-013', credential)).toEqual([]);
  });

  // Each error: the variable and the attribute it misses.
  test.each([
    ['not masked', variable({ masked: known(false) }), [[...VARIABLE, 'masked']]],
    ['masked unset', variable({ masked: undefined }), [[...VARIABLE, 'masked']]],
    ['not hidden', variable({ hidden: known(false) }), [[...VARIABLE, 'hidden']]],
    ['hidden unset', variable({ hidden: undefined }), [[...VARIABLE, 'hidden']]],
    // Canonical order within one rule and level is by message: "hidden" before "masked".
    ['neither', variable({ masked: known(false), hidden: known(false) }), [[...VARIABLE, 'hidden'], [...VARIABLE, 'masked']]],
    ['an instance variable, not masked (hidden is skipped)', variable({ resourceType: 'gitlab_instance_variable', masked: known(false), hidden: null }),
      [['gitlab_instance_variable', "'TRIAGE_TOKEN'", 'masked']]],
    ['a key computed at apply', variable({ key: unresolved('${var.key}'), hidden: known(false) }), [['gitlab_project_variable', 'hidden']]],
  ])('GIVEN a variable holding a token, %s, WHEN checked THEN one error per missing attribute', (_, credential, messages) => {
    expect(findingsOf('GLID-013', credential)).toEqual(messages.map((parts) => ({ ruleId: 'GLID-013', level: 'error', message: mentioning(...parts) })));
  });

  describe('computed at apply: no guess (GLID-022 reports the attribute)', () => {
    test.each([
      ['masked', variable({ masked: unresolved('${var.masked}') })],
      ['hidden', variable({ hidden: unresolved('${var.hidden}') })],
    ])('GIVEN %s computed at apply WHEN checked THEN no finding from GLID-013', (_, credential) => {
      expect(findingsOf('GLID-013', credential)).toEqual([]);
    });

    test('GIVEN masked computed at apply and hidden false WHEN checked THEN the known attribute is still judged', () => {
      expect(findingsOf('GLID-013', variable({ masked: unresolved('${var.masked}'), hidden: known(false) }))).toEqual([
        { ruleId: 'GLID-013', level: 'error', message: mentioning(...VARIABLE, 'hidden') },
      ]);
    });
  });

  test.each([
    ['a variable that holds no token', variable({ holdsToken: false, masked: known(false), hidden: known(false) })],
    ['an output', output({ sensitive: false })],
    ['a token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-013', credential)).toEqual([]);
  });
});

describe('GLID-014 variable-not-protected', () => {
  test('GIVEN a protected variable holding a token WHEN checked THEN it is compliant', () => {
    expect(findingsOf('GLID-014', variable())).toEqual([]);
  });

  test.each([
    ['protected false', variable({ protected: known(false) }), VARIABLE],
    ['protected unset', variable({ protected: undefined }), VARIABLE],
    ['an instance variable, protected false', variable({ resourceType: 'gitlab_instance_variable', hidden: null, protected: known(false) }),
      ['gitlab_instance_variable', "'TRIAGE_TOKEN'"]],
  ])('GIVEN a variable holding a token with %s WHEN checked THEN a warning', (_, credential, label) => {
    expect(findingsOf('GLID-014', credential)).toEqual([
      { ruleId: 'GLID-014', level: 'warning', message: mentioning(...label, 'protected') },
    ]);
  });

  test('GIVEN protected computed at apply WHEN checked THEN no guess (GLID-022 reports it)', () => {
    expect(findingsOf('GLID-014', variable({ protected: unresolved('${var.protected}') }))).toEqual([]);
  });

  test.each([
    ['a variable that holds no token', variable({ holdsToken: false, protected: known(false) })],
    ['an output', output({ sensitive: false })],
    ['a token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-014', credential)).toEqual([]);
  });
});

describe('GLID-018 delivery-outside-runtime', () => {
  const inCi = planIdentity({
    owner: 'quality', purpose: 'triage', runtime: Runtime.ciPipeline('gitlab-org/quality/triage-ops'),
    reach: Reach.project('gitlab-org/gitlab'), capabilities: [Capability.API_TRIAGE],
  });
  const projectVariable = (owner: string) => variable({ plan: inCi, owner });
  const groupVariable = (owner: string) => variable({ plan: inCi, owner, resourceType: 'gitlab_group_variable' });

  test.each([
    ['the source project', projectVariable('gitlab-org/quality/triage-ops')],
    ['the source project spelled in another case (paths are case-insensitive)', projectVariable('GitLab-org/Quality/Triage-ops')],
    ['the group holding the source project', groupVariable('gitlab-org/quality')],
    ['a top-level group above the source project', groupVariable('gitlab-org')],
  ])('GIVEN a CI automation delivering to %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-018', credential)).toEqual([]);
  });

  test('GIVEN a CI automation delivering to another project WHEN checked THEN a warning names both projects', () => {
    expect(findingsOf('GLID-018', projectVariable('gitlab-org/gitlab'))).toEqual([{
      ruleId: 'GLID-018', level: 'warning',
      message: mentioning(...VARIABLE, `'${inCi.name}'`, 'gitlab-org/gitlab', 'gitlab-org/quality/triage-ops'),
    }]);
  });

  test.each([
    ['a group that does not hold the source project', 'gitlab-com'],
    ['a group whose name is a prefix of the source project\'s group', 'gitlab-org/qual'],
    ['a "group" that is the source project itself', 'gitlab-org/quality/triage-ops'],
  ])('GIVEN a CI automation delivering to %s WHEN checked THEN a warning', (_, group) => {
    // Both paths, each on its own (a prefix of the source path does not count); twice when they are the same.
    const source = 'gitlab-org/quality/triage-ops';
    expect(findingsOf('GLID-018', groupVariable(group))).toEqual([{
      ruleId: 'GLID-018', level: 'warning',
      message: mentioning('gitlab_group_variable', "'TRIAGE_TOKEN'", `'${inCi.name}'`, source, group),
    }]);
  });

  // Every project's jobs on the instance read an instance variable: whoever planned the token, and whether or
  // not it is protected (protected narrows it to protected branches and tags of every project).
  test.each([
    ['a CI automation', variable({ plan: inCi, resourceType: 'gitlab_instance_variable', hidden: null })],
    ['an external automation', variable({ plan: PLANS.projectAccessToken, resourceType: 'gitlab_instance_variable', hidden: null })],
    ['a hand-written variable', variable({ resourceType: 'gitlab_instance_variable', hidden: null })],
    ['a protected, masked hand-written variable', variable({ resourceType: 'gitlab_instance_variable', hidden: null, protected: known(true), masked: known(true) })],
  ])('GIVEN %s putting a token in an instance variable WHEN checked THEN an error on its value', (_, credential) => {
    expect(findingsOf('GLID-018', credential)).toEqual([{
      ruleId: 'GLID-018', level: 'error',
      message: mentioning('gitlab_instance_variable', "'TRIAGE_TOKEN'", 'instance variable', 'every project on the instance'),
    }]);
  });

  test('GIVEN a token in an instance variable WHEN checked THEN the finding points at its value (where `check` puts the line)', () => {
    expect(attributesOf('GLID-018', variable({ resourceType: 'gitlab_instance_variable', hidden: null }))).toEqual(['value']);
  });

  test.each([
    ['an external automation delivering anywhere', variable({ plan: PLANS.projectAccessToken, owner: 'gitlab-org/other' })],
    ['a raw variable holding a token', variable({ owner: 'gitlab-org/other' })],
    ['a variable of the identity that holds no token (a deploy token\'s username)', variable({ plan: inCi, owner: 'gitlab-org/other', holdsToken: false })],
    ['an instance variable that holds no token', variable({ plan: inCi, resourceType: 'gitlab_instance_variable', hidden: null, holdsToken: false })],
    ['a token', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
    ['an output', output()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-018', credential)).toEqual([]);
  });
});
