/**
 * GLID-001 to GLID-004: every token expires or is replaced, within the policy's lifetime, and rotates
 * before it expires. Judged on credential descriptions: nothing is synthesized.
 */
import { IdentityKind, RuleContext, known, unresolved } from '../../../lib/core';
import { PLANS, RAW_NAME, RESOURCE_TYPE, TokenKind, context, findingsOf, output, rawToken, renderedToken, variable } from './fixtures';
import { mentioning } from '../../support/mentioning';

const PROJECT_TOKEN = ['gitlab_project_access_token', "'quality-project-token'"];
/** What a token needs to expire: the fix GLID-001 names. */
const EXPIRY = ['expires_at', 'rotation_configuration'];

describe('GLID-001 token-without-expiry', () => {
  test.each([
    ['rotation_configuration', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
    ['an expires_at from time_rotating', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN)],
    ['a fixed expires_at', rawToken(IdentityKind.GROUP_DEPLOY_TOKEN, { expiresAt: known('2030-01-01') })],
    ['an empty rotation_configuration block', rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { rotation: {} })],
    ['an AutomationIdentity access token', renderedToken(PLANS.projectAccessToken)],
    ['an AutomationIdentity deploy token', renderedToken(PLANS.projectDeployToken)],
  ])('GIVEN a token with %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-001', credential)).toEqual([]);
  });

  test.each([
    IdentityKind.PROJECT_ACCESS_TOKEN,
    IdentityKind.GROUP_ACCESS_TOKEN,
    IdentityKind.PERSONAL_ACCESS_TOKEN,
    IdentityKind.SERVICE_ACCOUNT,
    IdentityKind.PROJECT_DEPLOY_TOKEN,
    IdentityKind.GROUP_DEPLOY_TOKEN,
  ] as TokenKind[])('GIVEN a %s with neither expires_at nor rotation WHEN checked THEN an error names it', (kind) => {
    // GIVEN
    const credential = rawToken(kind, { expiresAt: undefined, rotation: undefined });
    // WHEN
    const findings = findingsOf('GLID-001', credential);
    // THEN
    expect(findings).toEqual([{
      ruleId: 'GLID-001',
      level: 'error',
      message: mentioning(RESOURCE_TYPE[kind], `'${RAW_NAME[kind]}'`, ...EXPIRY),
    }]);
  });

  test('GIVEN a token whose name is computed at apply WHEN it never expires THEN the message names the resource type alone', () => {
    const credential = rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { name: unresolved('${var.token_name}'), expiresAt: undefined });
    const findings = findingsOf('GLID-001', credential);
    expect(findings).toEqual([{ ruleId: 'GLID-001', level: 'error', message: mentioning('gitlab_project_deploy_token', ...EXPIRY) }]);
    expect(findings[0].message).not.toContain('var.token_name');
  });

  test('GIVEN an expires_at computed at apply WHEN checked THEN it counts as set (GLID-003 judges the lifetime)', () => {
    expect(findingsOf('GLID-001', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { expiresAt: unresolved('${var.expiry}') }))).toEqual([]);
  });

  test.each([
    ['a pipeline trigger (it cannot expire: GLID-002)', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN, { replacedOnSchedule: false })],
    ['a CI/CD variable', variable()],
    ['an output', output({ sensitive: false })],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-001', credential)).toEqual([]);
  });
});

describe('GLID-002 trigger-without-rotation', () => {
  const NEVER_REPLACED = {
    ruleId: 'GLID-002',
    level: 'error',
    message: mentioning('gitlab_pipeline_trigger', 'time_rotating'),
  };

  test.each([
    ['a raw trigger with replace_triggered_by', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN, { replacedOnSchedule: true })],
    ['an AutomationIdentity trigger', renderedToken(PLANS.pipelineTrigger)],
  ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-002', credential)).toEqual([]);
  });

  test('GIVEN a trigger that is never replaced WHEN checked THEN an error', () => {
    expect(findingsOf('GLID-002', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN, { replacedOnSchedule: false }))).toEqual([NEVER_REPLACED]);
  });

  test('GIVEN an AutomationIdentity trigger whose schedule was removed through an escape hatch WHEN checked THEN an error', () => {
    expect(findingsOf('GLID-002', renderedToken(PLANS.pipelineTrigger, { replacedOnSchedule: false }))).toEqual([NEVER_REPLACED]);
  });

  test.each([
    ['a deploy token without schedule', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { replacedOnSchedule: false })],
    ['a project access token without schedule', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
    ['a CI/CD variable', variable()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-002', credential)).toEqual([]);
  });
});

describe('GLID-003 lifetime-too-long', () => {
  describe('compliant', () => {
    test.each([
      ['exactly the default maximum', {}, 90],
      ['below the maximum', {}, 30],
      ['exactly a lowered maximum', { maxLifetimeDays: 30 }, 30],
      ["exactly GitLab's maximum when the policy allows it", { maxLifetimeDays: 365 }, 365],
    ])('GIVEN expiration_days %s WHEN checked THEN no finding', (_, policy, days) => {
      const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(days), rotateBeforeDays: known(1) } });
      expect(findingsOf('GLID-003', credential, context({ policy }))).toEqual([]);
    });

    test('GIVEN an AutomationIdentity deploy token with the planned default lifetime WHEN checked THEN no finding', () => {
      expect(findingsOf('GLID-003', renderedToken(PLANS.projectDeployToken))).toEqual([]);
    });
  });

  describe('non-compliant: the message gives the lifetime, the limit and which limit it is', () => {
    test.each([
      ['the default policy maximum', {}, 120, ['90', 'maxLifetimeDays']],
      ['a lowered policy maximum', { maxLifetimeDays: 30 }, 31, ['30', 'maxLifetimeDays']],
      ["GitLab's maximum, when the policy allows 365", { maxLifetimeDays: 365 }, 400, ['365', 'GitLab']],
    ])('GIVEN a raw token beyond %s WHEN checked THEN an error', (_, policy, days, limit) => {
      // GIVEN
      const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(days), rotateBeforeDays: known(14) } });
      // WHEN
      const findings = findingsOf('GLID-003', credential, context({ policy }));
      // THEN
      expect(findings).toEqual([{ ruleId: 'GLID-003', level: 'error', message: mentioning(...PROJECT_TOKEN, String(days), ...limit) }]);
    });

    test("GIVEN a hand-made context whose policy exceeds 365 WHEN checked THEN GitLab's 365 still bounds the lifetime", () => {
      const ctx: RuleContext = { policy: { ...context().policy, maxLifetimeDays: 500 }, otherUsesOfName: () => [] };
      const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(400) } });
      expect(findingsOf('GLID-003', credential, ctx)).toEqual([
        { ruleId: 'GLID-003', level: 'error', message: mentioning(...PROJECT_TOKEN, '400', '365', 'GitLab') },
      ]);
    });

    test('GIVEN an AutomationIdentity deploy token planned for 200 days under its own policy WHEN the stack policy allows 90 THEN the planned lifetime is judged', () => {
      // GIVEN
      expect(PLANS.longLivedDeployToken.lifetimeDays).toBe(200);
      const credential = renderedToken(PLANS.longLivedDeployToken);
      // WHEN
      const findings = findingsOf('GLID-003', credential);
      // THEN
      expect(findings).toEqual([
        { ruleId: 'GLID-003', level: 'error', message: mentioning('gitlab_project_deploy_token', "'quality-images'", '200', '90', 'maxLifetimeDays') },
      ]);
    });

    test('GIVEN an AutomationIdentity access token whose expiration_days was raised through an escape hatch WHEN checked THEN the rendered value is judged', () => {
      const credential = renderedToken(PLANS.projectAccessToken, { rotation: { expirationDays: known(180), rotateBeforeDays: known(14) } });
      expect(findingsOf('GLID-003', credential)).toEqual([
        { ruleId: 'GLID-003', level: 'error', message: mentioning('gitlab_project_access_token', "'quality-triage'", '180', '90', 'maxLifetimeDays') },
      ]);
    });
  });

  describe('cannot verify', () => {
    test.each([
      ['expiration_days computed at apply', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: unresolved('${var.token_days}'), rotateBeforeDays: known(14) } })],
      ['a raw deploy token whose expires_at follows time_rotating', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN)],
    ])('GIVEN %s WHEN checked THEN GLID-003 does not guess (GLID-022 reports what is unknown)', (_, credential) => {
      expect(findingsOf('GLID-003', credential)).toEqual([]);
    });

    // Synth reads no clock, so a fixed date cannot be judged: it fails closed, at the rule's level.
    test('GIVEN a fixed expires_at date WHEN checked THEN an error names the date and asks for rotation', () => {
      const findings = findingsOf('GLID-003', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN, { expiresAt: known('2030-01-01') }));
      // The attribute, its date, and the fix: rotation_configuration.
      expect(findings).toEqual([{ ruleId: 'GLID-003', level: 'error', message: mentioning('expires_at', '2030-01-01', 'rotation_configuration') }]);
      expect(findings[0].message).not.toContain('computed at apply');
    });
  });

  test.each([
    ['a token with no lifetime information at all', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: undefined })],
    ['a raw trigger (replaced, never expiring)', rawToken(IdentityKind.PIPELINE_TRIGGER_TOKEN)],
    ['a CI/CD variable', variable()],
    ['an output', output()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-003', credential)).toEqual([]);
  });
});

describe('GLID-004 rotate-before-invalid', () => {
  const withRotation = (rotateBeforeDays: number, expirationDays: number) =>
    rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(expirationDays), rotateBeforeDays: known(rotateBeforeDays) } });
  const planned = (plannedRotateBeforeDays: number, plannedLifetimeDays: number) =>
    renderedToken(PLANS.projectDeployToken, { plannedRotateBeforeDays, plannedLifetimeDays });
  const DEPLOY_TOKEN = ['gitlab_project_deploy_token', "'quality-images'"];

  test.each([
    ['raw: the library default 14 of 90', withRotation(14, 90)],
    ['raw: 1, the lowest', withRotation(1, 90)],
    ['raw: lifetime - 1, the highest', withRotation(89, 90)],
    ['raw: rotate-before without expiration_days', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { rotateBeforeDays: known(14) } })],
    ['planned: an AutomationIdentity deploy token', renderedToken(PLANS.projectDeployToken)],
    ['planned: an AutomationIdentity trigger', renderedToken(PLANS.pipelineTrigger)],
    ['planned: lifetime - 1', planned(89, 90)],
  ])('GIVEN %s WHEN checked THEN it is compliant', (_, credential) => {
    expect(findingsOf('GLID-004', credential)).toEqual([]);
  });

  // Below 1: the attribute, its value and the bound. Not below the lifetime: the rotate-before and the
  // lifetime, each on its own (listed twice when equal).
  test.each([
    ['below 1 (0)', withRotation(0, 90), [...PROJECT_TOKEN, 'rotate_before_days', '0', '1']],
    ['below 1 (negative)', withRotation(-3, 90), [...PROJECT_TOKEN, 'rotate_before_days', '-3', '1']],
    ['equal to the lifetime', withRotation(90, 90), [...PROJECT_TOKEN, '90', '90']],
    ['above the lifetime', withRotation(120, 90), [...PROJECT_TOKEN, '120', '90']],
    ['planned below 1', planned(0, 90), [...DEPLOY_TOKEN, 'rotate_before_days', '0', '1']],
    ['planned equal to the lifetime', planned(30, 30), [...DEPLOY_TOKEN, '30', '30']],
    ['planned above the lifetime', planned(31, 30), [...DEPLOY_TOKEN, '31', '30']],
  ])('GIVEN rotate-before %s WHEN checked THEN an error', (_, credential, parts) => {
    expect(findingsOf('GLID-004', credential)).toEqual([{ ruleId: 'GLID-004', level: 'error', message: mentioning(...parts) }]);
  });

  test('GIVEN a rendered rotation_configuration and a plan WHEN both are known THEN the rendered values win', () => {
    const credential = renderedToken(PLANS.projectDeployToken, { rotation: { expirationDays: known(30), rotateBeforeDays: known(30) } });
    expect(findingsOf('GLID-004', credential)).toEqual([
      { ruleId: 'GLID-004', level: 'error', message: mentioning(...DEPLOY_TOKEN, '30', '30') },
    ]);
  });

  describe('cannot verify', () => {
    test.each([
      ['rotate_before_days', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(90), rotateBeforeDays: unresolved('${var.rotate_before}') } })],
      ['expiration_days', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: unresolved('${var.token_days}'), rotateBeforeDays: known(14) } })],
    ])('GIVEN %s computed at apply WHEN rotate-before is not provably wrong THEN GLID-004 does not guess', (_, credential) => {
      expect(findingsOf('GLID-004', credential)).toEqual([]);
    });

    test('GIVEN expiration_days computed at apply WHEN rotate-before is below 1 THEN the error needs no lifetime', () => {
      const credential = rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: unresolved('${var.token_days}'), rotateBeforeDays: known(0) } });
      expect(findingsOf('GLID-004', credential)).toEqual([
        { ruleId: 'GLID-004', level: 'error', message: mentioning(...PROJECT_TOKEN, 'rotate_before_days', '0', '1') },
      ]);
    });
  });

  test.each([
    ['a token without rotation_configuration or plan', rawToken(IdentityKind.PROJECT_DEPLOY_TOKEN)],
    ['a rotation_configuration with expiration_days only', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN, { rotation: { expirationDays: known(90) } })],
    ['a CI/CD variable', variable()],
    ['an output', output()],
  ])('GIVEN %s WHEN checked THEN the rule does not apply', (_, credential) => {
    expect(findingsOf('GLID-004', credential)).toEqual([]);
  });
});
