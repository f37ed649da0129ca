/**
 * How the engine reports what it found: findings in canonical order (level, rule, path, message), plan
 * findings on the identity with their fix, token names shared by copies of one expanded block, info never
 * suppressed, unmatched suppressions always reported, and which suppression silences a finding (the most
 * specific scope; local-only rules only on their holders; the stack's name covers plain Terraform) and which
 * comments count as suppressions.
 */
import {
  Capability,
  DEFAULT_POLICY,
  EngineFinding,
  IdentityBinding,
  PolicyRule,
  Reach,
  Runtime,
  TerraformConfig,
  checkApp,
  finding,
  planIdentity,
  resolvePolicy,
  sortEngineFindings,
} from '../../../lib/core';
import { active, check, checkStacks, compliantToken, stack } from './engine-fixture';

describe('canonical order of findings', () => {
  const at = (level: EngineFinding['level'], ruleId: string, path: string, message = 'm'): EngineFinding => ({ ruleId, level, message, stack: 'team', path });
  const canonical: EngineFinding[] = [
    at('error', 'GLID-003', 'team/a'),
    at('error', 'GLID-010', 'team/a'),
    at('warning', 'GLID-003', 'team/a', 'a message'),
    at('warning', 'GLID-003', 'team/a', 'b message'),
    at('warning', 'GLID-014', 'team/a'),
    at('info', 'GLID-001', 'team/a'),
  ];

  function permutations<T>(items: readonly T[]): T[][] {
    if (items.length <= 1) return [[...items]];
    return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  test('given the findings in every possible input order, when sorted, then they come by level, then rule ID, then path, then message', () => {
    for (const input of permutations(canonical)) expect(sortEngineFindings(input)).toEqual(canonical);
  });

  test('given two findings of one level and rule on paths B and a, when sorted, then code-unit order puts B first whatever the locale', () => {
    expect(sortEngineFindings([at('warning', 'GLID-010', 'team/a'), at('warning', 'GLID-010', 'team/B')]).map((f) => f.path)).toEqual(['team/B', 'team/a']);
  });

  test('given the lower rule ID on the later path, when sorted, then the rule ID decides before the path', () => {
    const early = at('warning', 'GLID-003', 'team/z');
    const late = at('warning', 'GLID-010', 'team/a');
    expect(sortEngineFindings([late, early])).toEqual([early, late]);
    expect(sortEngineFindings([early, late])).toEqual([early, late]);
  });

  test('given the same rule on paths b and a, when sorted, then the path decides', () => {
    const a = at('error', 'GLID-010', 'team/a');
    const b = at('error', 'GLID-010', 'team/b');
    expect(sortEngineFindings([b, a])).toEqual([a, b]);
    expect(sortEngineFindings([a, b])).toEqual([a, b]);
  });

  test('given a warning listed before an error and an info, when sorted, then the error comes first and the info last', () => {
    const e = at('error', 'GLID-099', 'team/z');
    const w = at('warning', 'GLID-001', 'team/a');
    const i = at('info', 'GLID-001', 'team/a');
    expect(sortEngineFindings([w, i, e])).toEqual([e, w, i]);
    expect(sortEngineFindings([i, e, w])).toEqual([e, w, i]);
  });

  test('given a report of a plain Terraform stack, when checked, then its findings are already in canonical order', () => {
    const report = check(stack({
      resource: {
        gitlab_project_access_token: { z: compliantToken({ name: 'team-z', access_level: 'owner' }), a: compliantToken({ name: 'team-a', scopes: ['api', 'sudo'] }) },
        gitlab_group_access_token: { g: { name: 'team-g', group: 'acme', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } } },
      },
    }));
    expect(report.findings.length).toBeGreaterThan(2);
    expect(report.findings).toEqual(sortEngineFindings(report.findings));
  });
});

describe('findings of an identity\'s plan', () => {
  const overPrivileged = planIdentity({
    owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'),
    capabilities: [Capability.API_READ], accessLevel: 'developer', lifetimeDays: 30, rotateBeforeDays: 7,
  });

  test('given a plan that reports GLID-007, when the stack is checked, then the finding is on the identity, with fixIncluded and nothing else added', () => {
    const [planned] = overPrivileged.findings;
    expect(planned.ruleId).toBe('GLID-007');
    const report = check(stack({}), [{ path: 'team/reader', plan: overPrivileged, addresses: [] }]);
    expect(report.findings).toEqual([{ ruleId: 'GLID-007', level: 'error', message: planned.message, stack: 'team', path: 'team/reader', fixIncluded: true }]);
  });

  test('given a plan finding of a local-only rule and a suppression on the identity, when checked, then the identity holds it and the suppression silences it', () => {
    const plan = { ...overPrivileged, findings: [finding('GLID-008', 'error', 'admin scope planned')] };
    const config = { ...stack({}), '//': { 'gitlab-identity': { suppressions: [{ id: 'GLID-008', reason: 'reviewed by security in SEC-9', scope: 'team/reader' }] } } } as TerraformConfig;
    const [f] = check(config, [{ path: 'team/reader', plan, addresses: [] }]).findings;
    expect(f).toEqual(expect.objectContaining({ ruleId: 'GLID-008', path: 'team/reader', suppressedBy: { id: 'GLID-008', reason: 'reviewed by security in SEC-9', scope: 'team/reader' } }));
  });
});

describe('copies of an expanded block sharing a token name (GLID-015)', () => {
  const expanded = (name: string, forEach: Record<string, string>) => check(stack({
    resource: { gitlab_project_access_token: { t: compliantToken({ name, for_each: forEach }) } },
  }));

  test('given for_each instances named by their value, two of three the same, when checked, then only the shared name is reported, with its one other copy', () => {
    const report = expanded('${each.value}', { a: 'team-x', b: 'team-x', c: 'team-y' });
    expect(active(report, 'GLID-015')).toEqual([
      expect.objectContaining({ level: 'error', path: 'gitlab_project_access_token.t', message: "gitlab_project_access_token 'team-x' reuses the name of its own 1 other copy (count/for_each)." }),
    ]);
  });

  test('given for_each instances with a name each (quality-${each.key}), when checked, then no name is reused', () => {
    expect(active(expanded('quality-${each.key}', { a: 'x', b: 'x', c: 'x' }), 'GLID-015')).toEqual([]);
  });

  test('given three instances of one name, when checked, then the name counts two other copies', () => {
    expect(active(expanded('team-x', { a: '1', b: '2', c: '3' }), 'GLID-015').map((f) => f.message)).toEqual([
      "gitlab_project_access_token 'team-x' reuses the name of its own 2 other copies (count/for_each).",
    ]);
  });
});

describe('info findings and unmatched suppressions', () => {
  const noteRule = (level: EngineFinding['level']): PolicyRule => ({
    id: 'GLID-090', name: 'note', level, summary: 's', explanation: 'e', fix: 'f',
    check: (c) => (c.subject === 'token' ? [{ message: 'a note about the token' }] : []),
  });
  const config = {
    ...stack({ resource: { gitlab_project_access_token: { t: compliantToken() } } }),
    '//': { 'gitlab-identity': { suppressions: [{ id: 'GLID-090', reason: 'noted in the team handbook', scope: 'team' }] } },
  } as TerraformConfig;
  const run = (level: EngineFinding['level']) => checkApp([{ name: 'team', config, policies: [resolvePolicy(DEFAULT_POLICY)] }], [noteRule(level)])[0];

  test('given an info finding and a suppression of its rule over it, when checked, then the info is not suppressed and the suppression is unmatched', () => {
    const report = run('info');
    expect(report.findings).toEqual([
      { ruleId: 'GLID-090', level: 'info', message: 'a note about the token', stack: 'team', path: 'gitlab_project_access_token.t', address: 'gitlab_project_access_token.t' },
      {
        ruleId: 'GLID-090', level: 'warning', stack: 'team', path: 'team', fixIncluded: true, always: true,
        message: 'suppression matched no finding (reason: noted in the team handbook). Remove it, or add IdentityPolicyChecks to the app.',
      },
    ]);
  });

  test('given the same finding at warning level, when checked, then the suppression silences it', () => {
    const report = run('warning');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'GLID-090', level: 'warning', suppressedBy: { id: 'GLID-090', reason: 'noted in the team handbook', scope: 'team' } })]);
  });
});

/** A group access token (GLID-010 warns), under a construct path or, without one, at its address. */
function groupToken(suppressions: unknown, path?: string, comment?: unknown): TerraformConfig {
  const meta = path === undefined ? {} : { metadata: { path } };
  const body = { name: 'team-ci', group: 'acme', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } };
  return {
    ...stack({ resource: { gitlab_group_access_token: { g: { '//': comment ?? meta, ...body } } } }),
    '//': { 'gitlab-identity': { suppressions } },
  };
}

const glid010 = (report: ReturnType<typeof check>) => report.findings.filter((f) => f.ruleId === 'GLID-010' && !f.message.startsWith('suppression matched'));
const unmatched = (report: ReturnType<typeof check>) => report.findings.filter((f) => f.message.startsWith('suppression matched')).map((f) => f.path);

describe('which suppression silences a finding', () => {
  const wide = { id: 'GLID-010', reason: 'the whole team accepts it', scope: 'team' };
  const near = { id: 'GLID-010', reason: 'group holds 4 projects only', scope: 'team/ci' };

  test.each([
    ['the wide one first', [wide, near]],
    ['the near one first', [near, wide]],
  ])('given suppressions on team and team/ci (%s), when checked, then the nearer scope silences and the wider is unmatched', (_order, suppressions) => {
    const report = check(groupToken(suppressions, 'team/ci/Token'));
    expect(glid010(report)).toEqual([expect.objectContaining({ suppressedBy: near })]);
    expect(unmatched(report)).toEqual(['team']);
  });

  test('given the same suppression declared twice on one scope, when checked, then the first declared silences and the second is unmatched', () => {
    const second = { ...near, reason: 'a second copy of the reason' };
    const report = check(groupToken([near, second], 'team/ci/Token'));
    expect(glid010(report)).toEqual([expect.objectContaining({ suppressedBy: near })]);
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'team/ci', message: expect.stringContaining('(reason: a second copy of the reason)') })]));
  });

  test('given plain Terraform (the path is the address) and a suppression scoped to the stack name, when checked, then the stack scope covers it', () => {
    const report = check(groupToken([wide]));
    expect(glid010(report)).toEqual([expect.objectContaining({ path: 'gitlab_group_access_token.g', suppressedBy: wide })]);
    expect(unmatched(report)).toEqual([]);
  });

  test('given plain Terraform and a suppression scoped to another stack\'s name, when checked, then the finding stays active', () => {
    const [report] = checkStacks([{ name: 'payroll', config: groupToken([wide]) }]);
    expect(glid010(report).map((f) => f.suppressedBy)).toEqual([undefined]);
  });

  test('given a reason of exactly 10 visible characters, when checked, then the suppression is accepted', () => {
    const report = check(groupToken([{ id: 'GLID-010', reason: 'SEC-123456', scope: 'team' }], 'team/ci/Token'));
    expect(report.suppressions).toEqual([{ id: 'GLID-010', reason: 'SEC-123456', scope: 'team' }]);
    expect(active(report)).toEqual([]);
  });

  test('given a reason of 9 visible characters, when checked, then the suppression is ignored with a warning', () => {
    const report = check(groupToken([{ id: 'GLID-010', reason: 'SEC-12345', scope: 'team' }], 'team/ci/Token'));
    expect(report.suppressions).toEqual([]);
    expect(active(report, 'GLID-000').map((f) => f.message)).toEqual(['suppression of GLID-010 is ignored: its reason needs at least 10 visible characters']);
  });

  test('given suppressions declared as an object and as a list, when checked, then both give the same suppressions', () => {
    const asList = check(groupToken([near], 'team/ci/Token'));
    const asObject = check(groupToken({ first: near }, 'team/ci/Token'));
    expect(asObject.suppressions).toEqual([near]);
    expect(asObject.findings).toEqual(asList.findings);
  });

  test.each([['a string', 'GLID-010 team'], ['a number', 7], ['null', null]])('given suppressions declared as %s, when checked, then there are none and nothing is reported about them', (_what, declared) => {
    const report = check(groupToken(declared, 'team/ci/Token'));
    expect(report.suppressions).toEqual([]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['GLID-010']);
  });
});

describe('local-only rules are silenced only on their holders', () => {
  const plan = planIdentity({
    owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'),
    capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7,
  });
  const TOKEN = 'gitlab_project_access_token.reader_Token';
  const binding: IdentityBinding = { path: 'team/reader', plan, addresses: [TOKEN] };
  const sudoToken = (scope: string, identities: readonly IdentityBinding[]) => check({
    ...stack({
      resource: {
        gitlab_project_access_token: {
          reader_Token: {
            '//': { metadata: { path: 'team/reader/Token' } }, name: 'team-reader', project: 'acme/app', access_level: 'reporter',
            scopes: ['read_api', 'sudo'], description: plan.description, rotation_configuration: { expiration_days: 30, rotate_before_days: 7 },
          },
        },
      },
    }),
    '//': { 'gitlab-identity': { suppressions: [{ id: 'GLID-008', reason: 'sudo reviewed by security in SEC-7', scope }] } },
  } as TerraformConfig, identities);

  test('given an admin scope on a token an identity rendered and a GLID-008 suppression on the identity, when checked, then the finding is silenced', () => {
    const report = sudoToken('team/reader', [binding]);
    expect(report.findings.filter((f) => f.ruleId === 'GLID-008')).toEqual([
      expect.objectContaining({ path: 'team/reader/Token', suppressedBy: expect.objectContaining({ scope: 'team/reader' }) }),
    ]);
  });

  test('given the same token written by hand (no identity) and the suppression on its parent path, when checked, then the finding stays active', () => {
    const report = sudoToken('team/reader', []);
    expect(active(report, 'GLID-008').map((f) => f.path)).toEqual(['team/reader/Token', 'team/reader']);
    expect(active(report, 'GLID-008')[1]).toEqual(expect.objectContaining({ always: true, message: expect.stringContaining('suppression matched no finding') }));
  });
});

describe('comments that look like a suppression', () => {
  const variable = (comment: unknown) => check(stack({
    resource: {
      gitlab_project_access_token: { t: compliantToken() },
      gitlab_project_variable: { v: { '//': comment, project: 'acme/app', key: 'T', value: '${gitlab_project_access_token.t.token}', masked: true, hidden: true, protected: false } },
    },
  }));
  const problems = (comment: unknown) => active(variable(comment), 'GLID-000');
  const ignored = (shown: string) => ({
    ruleId: 'GLID-000', level: 'warning', stack: 'team', path: 'gitlab_project_variable.v',
    message: `suppression ${JSON.stringify(shown)} is ignored: write it as gitlab-identity:ignore GLID-NNN <reason>, one rule per comment`,
  });

  test('given a gitlab-identity: comment that is not a valid ignore (two digits), when checked, then a warning quotes it', () => {
    expect(problems('gitlab-identity:ignore GLID-14 reporter-only token in MR pipelines')).toEqual([ignored('gitlab-identity:ignore GLID-14 reporter-only token in MR pipelines')]);
  });

  test('given such a comment indented by spaces and a tab and followed by spaces, when checked, then the warning quotes it trimmed', () => {
    expect(problems('  \tgitlab-identity:ignore GLID-014,GLID-013 reporter-only token  ')).toEqual([ignored('gitlab-identity:ignore GLID-014,GLID-013 reporter-only token')]);
  });

  test('given such a comment in other letter case, when checked, then it is warned about too', () => {
    expect(problems('Gitlab-Identity: Ignore GLID-014 reporter-only token')).toEqual([ignored('Gitlab-Identity: Ignore GLID-014 reporter-only token')]);
  });

  test('given such a comment longer than 80 characters, when checked, then the warning quotes its first 80', () => {
    const comment = ` gitlab-identity:ignore GLID-14 ${'x'.repeat(100)}`;
    expect(problems(comment)).toEqual([ignored(comment.trim().slice(0, 80))]);
  });

  test.each([
    ['a plain note', 'rotated by the platform team'],
    ['a note mentioning gitlab-identity: later on', 'see gitlab-identity: docs for suppressions'],
    ['a word glued before the prefix', 'nogitlab-identity:ignore GLID-14 reporter-only token'],
  ])('given %s, when checked, then it is not taken for a suppression', (_what, comment) => {
    const report = variable(comment);
    expect(active(report, 'GLID-000')).toEqual([]);
    expect(active(report, 'GLID-014')).toHaveLength(1);
  });

  test('given a valid ignore comment indented by spaces, when checked, then it silences with no warning', () => {
    const report = variable('   gitlab-identity:ignore GLID-014 reporter-only token in MR pipelines');
    expect(active(report)).toEqual([]);
  });
});
