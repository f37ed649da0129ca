/**
 * The rule catalogue as a whole: stable, well-formed IDs, documented rules, canonical order of findings,
 * and rules that never throw on any credential shape.
 */
import { Credential, FindingLevel, IdentityKind, POLICY_RULES, TokenCredential, checkCredential, known, policyRule, unresolved } from '../../../lib/core';
import { ALL_TOKEN_KINDS, PLANS, RESOURCE_TYPE, allFindings, context, membership, output, rawToken, renderedToken, variable } from './fixtures';
import { cannotJudge } from '../../../lib/core/rules/policy-rule';

describe('POLICY_RULES', () => {
  const ids = POLICY_RULES.map((r) => r.id);

  test('IDs look like GLID-nnn', () => {
    for (const id of ids) expect(id).toMatch(/^GLID-\d{3}$/);
  });

  test('IDs are unique and in ascending order', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test('the catalogue cannot be changed at run time', () => {
    expect(Object.isFrozen(POLICY_RULES)).toBe(true);
  });

  test.each(POLICY_RULES.map((r) => [r.id, r] as const))('%s is documented: name, summary, explanation and fix, and a default level', (_, rule) => {
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const text of [rule.summary, rule.explanation, rule.fix]) expect(text.trim()).not.toBe('');
    expect(['error', 'warning']).toContain(rule.level);
  });

  test.each([
    ['GLID-001', 'token-without-expiry', 'error'],
    ['GLID-002', 'trigger-without-rotation', 'error'],
    ['GLID-003', 'lifetime-too-long', 'error'],
    ['GLID-004', 'rotate-before-invalid', 'error'],
    ['GLID-005', 'access-level-omitted', 'error'],
    ['GLID-006', 'owner-access-level', 'error'],
    ['GLID-007', 'over-privileged', 'error'],
    ['GLID-008', 'admin-scopes', 'error'],
    ['GLID-009', 'scopes-invalid-for-type', 'error'],
    ['GLID-010', 'group-access-token', 'warning'],
    ['GLID-011', 'personal-access-token', 'warning'],
    ['GLID-012', 'secret-in-output', 'error'],
    ['GLID-013', 'variable-not-masked-hidden', 'error'],
    ['GLID-014', 'variable-not-protected', 'warning'],
    ['GLID-015', 'token-name-reused', 'error'],
    ['GLID-016', 'naming', 'warning'],
    ['GLID-017', 'group-deploy-token-write', 'warning'],
    ['GLID-018', 'delivery-outside-runtime', 'warning'],
  ])('policyRule(%s) is %s, level %s (IDs are a contract: suppressions name them)', (id, name, level) => {
    expect(policyRule(id)).toMatchObject({ id, name, level });
  });

  test.each(['GLID-999', 'GLID-000', 'glid-001', 'GLID-1', ''])('policyRule(%j) is undefined', (id) => {
    expect(policyRule(id)).toBeUndefined();
  });
});

describe('checkCredential', () => {
  const RANK: Record<FindingLevel, number> = { error: 0, warning: 1, info: 2 };

  test('GIVEN a credential that breaks rules at several levels WHEN checked THEN errors come first, then warnings, each by rule ID', () => {
    // GIVEN a raw group token without access_level (GLID-005 error), badly named (GLID-016 warning), which is
    // a group token (GLID-010 warning), with a lifetime and scopes the engine could not verify (GLID-022 error)
    const credential = {
      ...rawToken(IdentityKind.GROUP_ACCESS_TOKEN, {
        name: known('Group_Token'),
        accessLevel: undefined,
        scopes: unresolved('${var.scopes}'),
        rotation: { expirationDays: unresolved('${var.days}'), rotateBeforeDays: known(14) },
      }),
      unverifiable: [{ attribute: 'scopes', reason: 'var.scopes has no default' }, { attribute: 'rotation_configuration.expiration_days', reason: 'var.days has no default' }],
    };
    // WHEN the rules run in reverse order
    const findings = checkCredential(credential, context(), [...POLICY_RULES].reverse());
    // THEN
    expect(findings.map((f) => [f.level, f.ruleId])).toEqual([
      ['error', 'GLID-005'],
      ['error', 'GLID-022'],
      ['error', 'GLID-022'],
      ['warning', 'GLID-010'],
      ['warning', 'GLID-016'],
    ]);
    expect(findings).toEqual(allFindings(credential));
  });

  test('GIVEN a rule that lowers its level for one finding WHEN checked THEN that level is kept, else the rule default applies', () => {
    // GLID-011 raises an impersonation token to an error; GLID-016 keeps its warning for a raw token.
    const findings = allFindings(rawToken(IdentityKind.PERSONAL_ACCESS_TOKEN, { resourceType: 'gitlab_user_impersonation_token', name: known('Bad_Name'), userIsServiceAccount: false }));
    expect(findings.filter((f) => f.ruleId === 'GLID-011' || f.ruleId === 'GLID-016').map((f) => [f.level, f.ruleId])).toEqual([['error', 'GLID-011'], ['warning', 'GLID-016']]);
    for (let i = 1; i < findings.length; i++) expect(RANK[findings[i - 1].level]).toBeLessThanOrEqual(RANK[findings[i].level]);
  });

  test('GIVEN no rules WHEN checked THEN no findings', () => {
    expect(checkCredential(rawToken(IdentityKind.GROUP_ACCESS_TOKEN, { accessLevel: undefined }), context(), [])).toEqual([]);
  });

  test.each([
    ['project access token', renderedToken(PLANS.projectAccessToken)],
    ['group access token (its plan reports GLID-010)', renderedToken(PLANS.groupAccessToken)],
    ['service-account token', renderedToken(PLANS.serviceAccount)],
    ['service-account membership', membership()],
    ['personal access token (its plan reports GLID-011)', renderedToken(PLANS.personalAccessToken)],
    ['project deploy token', renderedToken(PLANS.projectDeployToken)],
    ['group deploy token', renderedToken(PLANS.groupDeployToken)],
    ['pipeline trigger', renderedToken(PLANS.pipelineTrigger)],
  ])('GIVEN the %s an AutomationIdentity renders from a default plan WHEN every rule runs THEN no finding', (_, credential) => {
    expect(allFindings(credential)).toEqual([]);
  });

  test.each([
    ['a masked, hidden, protected variable', variable()],
    ['a sensitive output', output()],
    ['a raw project access token with rotation', rawToken(IdentityKind.PROJECT_ACCESS_TOKEN)],
  ])('GIVEN %s WHEN every rule runs THEN no finding', (_, credential) => {
    expect(allFindings(credential)).toEqual([]);
  });
});

describe('robustness: no rule throws, whatever is absent or computed at apply', () => {
  const bare = (kind: (typeof ALL_TOKEN_KINDS)[number]): TokenCredential => ({
    subject: 'token', path: 'app/stack/bare', resourceType: RESOURCE_TYPE[kind], kind, replacedOnSchedule: false,
  });
  const computed = (kind: (typeof ALL_TOKEN_KINDS)[number]): TokenCredential => ({
    ...bare(kind),
    name: unresolved('${var.name}'),
    scopes: unresolved('${var.scopes}'),
    accessLevel: unresolved('${var.level}'),
    expiresAt: unresolved('${var.expires}'),
    rotation: { expirationDays: unresolved('${var.days}'), rotateBeforeDays: unresolved('${var.before}') },
  });
  const credentials: [string, Credential][] = [
    ...ALL_TOKEN_KINDS.map((k): [string, Credential] => [`bare ${k}`, bare(k)]),
    ...ALL_TOKEN_KINDS.map((k): [string, Credential] => [`computed ${k}`, computed(k)]),
    ...ALL_TOKEN_KINDS.map((k): [string, Credential] => [`computed ${k} with a plan`, { ...computed(k), plan: PLANS.projectAccessToken }]),
    ['bare variable', { subject: 'variable', path: 'app/stack/v', resourceType: 'gitlab_project_variable', holdsToken: true }],
    ['computed variable', variable({ key: unresolved('${k}'), masked: unresolved('${m}'), hidden: unresolved('${h}'), protected: unresolved('${p}') })],
    ['bare membership', { subject: 'membership', path: 'app/stack/m', resourceType: 'gitlab_project_membership', plan: PLANS.pipelineTrigger }],
    ['computed membership', membership(PLANS.serviceAccount, { accessLevel: unresolved('${var.level}') })],
    ['output without token', output({ holdsToken: false, sensitive: false })],
  ];

  test.each(credentials)('%s', (_, credential) => {
    const findings = allFindings(credential, context({ policy: { allowGroupAccessTokens: false, namePrefix: 'acme-' } }));
    for (const f of findings) {
      expect(policyRule(f.ruleId)).toBeDefined();
      expect(f.message).not.toBe('');
      expect(f.message).not.toContain('undefined');
      // A value computed at apply is never guessed: only GLID-016 (a name) says it cannot verify, at its own level.
      if (f.message.startsWith('cannot verify')) expect([f.ruleId, f.level]).toEqual(['GLID-016', 'warning']);
    }
  });
});

describe('cannotJudge: why an attribute cannot be verified, kept to one readable line', () => {
  test.each([
    ['160 characters', 160, 'x'.repeat(160)],
    ['161 characters', 161, `${'x'.repeat(157)}...`],
  ])('given a reason of %s, when worded, then it is shortened only past 160', (_what, length, expected) => {
    expect(cannotJudge('access_level', 'x'.repeat(length))).toEqual({ message: `cannot verify access_level: ${expected}` });
  });
});
