/**
 * Details of the review diff that a reviewer reads or a pipeline gates on, beyond the escalation rules
 * pinned in inventory-diff.test.ts: which entries are the same identity across the two sides (library
 * identities by name, hand-written credentials by stack and construct path); paths compared without regard
 * to letter case; the exact texts of reach, runtime and delivery changes; which findings count as open;
 * the order of added, removed and changed entries; and when a diff is empty.
 */
import {
  AccessLevel,
  Grant,
  GrantType,
  IdentityKind as K,
  InventoryEntry,
  InventoryFinding,
  ReachType,
  RuntimeType,
  diffInventories,
  isEmptyDiff,
  TokenScope,
} from '../../../lib/core';
import { changesOf, diffOf, entry, inventory, variable } from './fixtures';

const allowlist = (target: string, source: string): Grant => ({ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target, source });
const ci = (sourceProject: string) => ({ runtime: { type: RuntimeType.CI_PIPELINE, sourceProject } });
/** A token written directly with the provider, keyed by its construct path. */
const raw = (name: string, constructPath: string, overrides: Partial<InventoryEntry> = {}) =>
  entry({ name, constructPath, source: 'provider-resource', runtime: null, reach: null, ...overrides });

describe('which entries are the same identity', () => {
  test('a library identity moved to another stack and construct path is changed, not removed and added', () => {
    const moved = entry({ constructPath: 'ops/allure-report', accessLevel: AccessLevel.DEVELOPER });
    const diff = diffInventories([inventory([entry()], 'quality')], [inventory([moved], 'ops')]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      { name: 'quality-allure-report', stack: 'ops', changes: [{ dimension: 'access-level', from: 'reporter', to: 'developer', escalation: true }] },
    ]);
  });

  test('a library identity moved unchanged to another stack gives an empty diff', () => {
    const diff = diffInventories([inventory([entry()], 'quality')], [inventory([entry({ constructPath: 'ops/allure-report' })], 'ops')]);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  test('a hand-written token moved to another stack is removed there and added here', () => {
    const token = raw('gitlab-bot', 'legacy/bot');
    const diff = diffInventories([inventory([token], 'legacy')], [inventory([token], 'ops')]);
    expect(diff.removed.map((e) => [e.name, e.stack])).toEqual([['gitlab-bot', 'legacy']]);
    expect(diff.added.map((e) => [e.name, e.stack])).toEqual([['gitlab-bot', 'ops']]);
  });

  test('a hand-written token replaced by a library identity at the same construct path is removed and added', () => {
    const handWritten = entry({ source: 'provider-resource' });
    const diff = diffInventories([inventory([handWritten])], [inventory([entry()])]);
    expect(diff.removed.map((e) => e.source)).toEqual(['provider-resource']);
    expect(diff.added.map((e) => e.source)).toEqual(['automation-identity']);
    expect(diff.escalations.map((e) => e.change.dimension)).toEqual(['identity']);
  });
});

describe('an added identity is an escalation of dimension identity, described by kind and role', () => {
  test('with a role: "<kind> as <role>"', () => {
    const diff = diffInventories([inventory([])], [inventory([entry({ accessLevel: AccessLevel.MAINTAINER })])]);
    expect(diff.escalations).toEqual([
      { name: 'quality-allure-report', stack: 'quality', change: { dimension: 'identity', from: 'none', to: 'project-access-token as maintainer', escalation: true } },
    ]);
  });

  test('without a role (a CI job token): the kind alone', () => {
    const jobToken = entry({ name: 'runner-helper-pull', kind: K.CI_JOB_TOKEN, accessLevel: null, constructPath: 'runner/helper-pull' });
    const diff = diffInventories([inventory([entry()])], [inventory([entry(), jobToken])]);
    expect(diff.escalations).toEqual([
      { name: 'runner-helper-pull', stack: 'quality', change: { dimension: 'identity', from: 'none', to: 'ci-job-token', escalation: true } },
    ]);
  });
});

describe('access level: a role this version does not know counts as no role', () => {
  test('an unknown role where there was none is reported, not an escalation', () => {
    expect(changesOf(entry({ accessLevel: null }), entry({ accessLevel: 'auditor' }))).toEqual([
      { dimension: 'access-level', from: 'none', to: 'auditor', escalation: false },
    ]);
  });

  test('one unknown role replaced by another is reported, not an escalation', () => {
    expect(changesOf(entry({ accessLevel: 'auditor' }), entry({ accessLevel: 'security_manager' }))).toEqual([
      { dimension: 'access-level', from: 'auditor', to: 'security_manager', escalation: false },
    ]);
  });

  test('a known role after an unknown one is an escalation; the reverse is not', () => {
    expect(changesOf(entry({ accessLevel: 'auditor' }), entry({ accessLevel: AccessLevel.GUEST }))).toEqual([
      { dimension: 'access-level', from: 'auditor', to: 'guest', escalation: true },
    ]);
    expect(changesOf(entry({ accessLevel: AccessLevel.GUEST }), entry({ accessLevel: 'auditor' }))).toEqual([
      { dimension: 'access-level', from: 'guest', to: 'auditor', escalation: false },
    ]);
  });
});

describe('reach text: targets lower-case and sorted, a group with its project count', () => {
  test('allowlist grants name the project whose jobs get in, lower-case', () => {
    const before = raw('runner-helper-pull', 'runner/helper-pull', { grants: [allowlist('gitlab-org/gitlab-runner', 'gitlab-org/helper')] });
    const after = raw('runner-helper-pull', 'runner/helper-pull', {
      grants: [allowlist('gitlab-org/gitlab-runner', 'gitlab-org/helper'), allowlist('GitLab-Org/GitLab-Runner', 'GitLab-Org/Build/CNG')],
    });
    expect(changesOf(before, after)).toEqual([{
      dimension: 'reach',
      from: 'project gitlab-org/gitlab-runner for jobs of gitlab-org/helper',
      to: 'project gitlab-org/gitlab-runner for jobs of gitlab-org/build/cng; project gitlab-org/gitlab-runner for jobs of gitlab-org/helper',
      escalation: true,
    }]);
  });

  test('a change only in the letter case of a grant target or allowlist source is no change', () => {
    const before = raw('runner-helper-pull', 'runner/helper-pull', { grants: [allowlist('gitlab-org/gitlab-runner', 'gitlab-org/helper')] });
    const after = raw('runner-helper-pull', 'runner/helper-pull', { grants: [allowlist('GitLab-Org/GitLab-Runner', 'GitLab-Org/Helper')] });
    expect(isEmptyDiff(diffOf(before, after))).toBe(true);
  });

  test('a change only in the letter case of a reached project or group is shown as written, never as an escalation (Terraform replaces a token whose project changes)', () => {
    const group = (path: string) => entry({ grants: [], reach: { type: ReachType.GROUP, group: path, projectCount: 12 } });
    expect(changesOf(group('gitlab-org'), group('GitLab-Org'))).toEqual([{ dimension: 'reach', from: 'group gitlab-org', to: 'group GitLab-Org', escalation: false }]);
    const projects = (...paths: string[]) => entry({ reach: { type: ReachType.PROJECTS, projects: paths } });
    expect(changesOf(projects('gitlab-org/gitaly', 'gitlab-org/gitlab'), projects('GitLab-Org/Gitaly', 'gitlab-org/GitLab'))).toEqual([{
      dimension: 'reach', from: 'project gitlab-org/gitaly; project gitlab-org/gitlab', to: 'project GitLab-Org/Gitaly; project gitlab-org/GitLab', escalation: false,
    }]);
  });

  test('a group reach shows the group with its project count, even without a grant on the group', () => {
    const group = entry({ kind: K.SERVICE_ACCOUNT, grants: [], reach: { type: ReachType.GROUP, group: 'GitLab-Org', projectCount: 12 } });
    expect(changesOf(entry({ kind: K.SERVICE_ACCOUNT, grants: [] }), group)).toEqual([
      { dimension: 'reach', from: 'project gitlab-org/gitlab', to: 'group gitlab-org (12 projects)', escalation: true },
    ]);
  });

  test('only the reached group carries the project count, not the other targets', () => {
    const group = entry({ kind: K.SERVICE_ACCOUNT, reach: { type: ReachType.GROUP, group: 'gitlab-org', projectCount: 12 } });
    expect(changesOf(entry({ kind: K.SERVICE_ACCOUNT }), group)).toEqual([
      { dimension: 'reach', from: 'project gitlab-org/gitlab', to: 'group gitlab-org (12 projects); project gitlab-org/gitlab', escalation: true },
    ]);
  });

  test('a group reach whose path is not known still shows its project count', () => {
    const group = entry({ kind: K.SERVICE_ACCOUNT, grants: [], reach: { type: ReachType.GROUP, projectCount: 5 } });
    const [change] = changesOf(entry({ kind: K.SERVICE_ACCOUNT, grants: [] }), group);
    expect(change.to).toMatch(/^group +\(5 projects\)$/);
  });

  test('an entry with neither grants nor reach reaches "none"', () => {
    const nothing = raw('gitlab-bot', 'legacy/bot', { grants: [] });
    expect(changesOf(nothing, raw('gitlab-bot', 'legacy/bot'))).toEqual([
      { dimension: 'reach', from: 'none', to: 'project gitlab-org/gitlab', escalation: true },
    ]);
  });
});

describe('runtime: leaving the CI jobs of the source project is an escalation', () => {
  test('an unknown runtime reads "unknown"; gaining one is reported, not an escalation', () => {
    expect(changesOf(entry({ runtime: null }), entry())).toEqual([
      { dimension: 'runtime', from: 'unknown', to: 'ci-pipeline gitlab-org/gitlab', escalation: false },
    ]);
  });

  test.each<[string, Partial<InventoryEntry>, Partial<InventoryEntry>, boolean]>([
    ['the jobs of another project', ci('gitlab-org/gitlab'), ci('gitlab-org/gitaly'), true],
    ['leaving CI for an outside system', ci('gitlab-org/gitlab'), { runtime: { type: RuntimeType.EXTERNAL } }, true],
    ['CI losing its runtime description', ci('gitlab-org/gitlab'), { runtime: null }, true],
    ['an outside system moving into CI', { runtime: { type: RuntimeType.EXTERNAL } }, ci('gitlab-org/gitlab'), false],
  ])('%s: escalation %s', (_, from, to, escalation) => {
    expect(changesOf(entry(from), entry(to)).map((c) => [c.dimension, c.escalation])).toEqual([['runtime', escalation]]);
  });

  test('the source project respelled in another letter case is reported as written, not an escalation', () => {
    for (const [from, to] of [['gitlab-org/gitlab', 'GitLab-Org/GitLab'], ['GitLab-Org/GitLab', 'gitlab-org/gitlab']]) {
      const diff = diffOf(entry(ci(from)), entry(ci(to)));
      expect(diff.changed.flatMap((c) => c.changes)).toEqual([{ dimension: 'runtime', from: `ci-pipeline ${from}`, to: `ci-pipeline ${to}`, escalation: false }]);
      expect(diff.escalations).toEqual([]);
    }
  });
});

describe('delivery text: place lower-case, scope, and whether the variable is protected', () => {
  test('a new variable is shown with its place in lower case', () => {
    const after = entry({ deliveries: [variable(), variable({ type: 'group-variable', target: 'GitLab-Org', key: 'GITLAB_TOKEN', environmentScope: 'production' })] });
    expect(changesOf(entry(), after)).toEqual([{
      dimension: 'delivery',
      from: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *)',
      to: 'group-variable gitlab-org GITLAB_TOKEN production (scope production); project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *)',
      escalation: true,
    }]);
  });

  test('unprotecting a variable says "not protected" and escalates', () => {
    expect(changesOf(entry(), entry({ deliveries: [variable({ protected: false })] }))).toEqual([{
      dimension: 'delivery',
      from: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *)',
      to: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *, not protected)',
      escalation: true,
    }]);
  });

  test('protection unknown (computed at apply) is not shown as "not protected"', () => {
    expect(changesOf(entry({ deliveries: [variable({ protected: false })] }), entry({ deliveries: [variable({ protected: null })] }))).toEqual([{
      dimension: 'delivery',
      from: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *, not protected)',
      to: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *)',
      escalation: false,
    }]);
  });

  test('a change only in the letter case of the variable\'s project is no change', () => {
    expect(isEmptyDiff(diffOf(entry(), entry({ deliveries: [variable({ target: 'GitLab-Org/GitLab' })] })))).toBe(true);
  });

  test('narrowing a variable to one environment while respelling its project is not an escalation', () => {
    const after = entry({ deliveries: [variable({ target: 'GitLab-Org/GitLab', environmentScope: 'production' })] });
    expect(changesOf(entry(), after)).toEqual([{
      dimension: 'delivery',
      from: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN * (scope *)',
      to: 'project-variable gitlab-org/gitlab ALLURE_REPORT_TOKEN production (scope production)',
      escalation: false,
    }]);
  });
});

describe('findings: only open warnings and errors count', () => {
  const finding = (ruleId: string, level: InventoryFinding['level'], suppressed = false): InventoryFinding => ({
    ruleId, level, message: `${ruleId} message`, path: 'quality/allure-report',
    ...(suppressed ? { suppressedBy: { id: ruleId, reason: 'reporter-only token in merge-request pipelines' } } : {}),
  });

  // A suppression reviewed once must not silently cover what it silences later: a newly silenced finding escalates.
  test.each([['warning', 'GLID-014'], ['error', 'GLID-001']] as const)('a new suppressed %s is an escalation of dimension suppressed', (level, ruleId) => {
    expect(changesOf(entry(), entry({ findings: [finding(ruleId, level, true)] }))).toEqual([
      { dimension: 'suppressed', from: 'none', to: `${ruleId} quality/allure-report: ${ruleId} message`, escalation: true },
    ]);
  });

  test('a new info finding is no change', () => {
    expect(isEmptyDiff(diffOf(entry(), entry({ findings: [finding('GLID-013', 'info')] })))).toBe(true);
  });

  test('open findings are listed by rule ID, sorted, once each', () => {
    const after = entry({
      findings: [
        finding('GLID-010', 'warning'), finding('GLID-001', 'error'), finding('GLID-010', 'warning'),
        finding('GLID-014', 'warning', true), finding('GLID-013', 'info'),
      ],
    });
    expect(changesOf(entry(), after).filter((c) => c.dimension === 'findings')).toEqual([
      { dimension: 'findings', from: 'none', to: 'error GLID-001: GLID-001 message; warning GLID-010: GLID-010 message', escalation: true },
    ]);
  });

  test('a warning that gets suppressed closes it', () => {
    const before = entry({ findings: [finding('GLID-014', 'warning')] });
    const after = entry({ findings: [finding('GLID-014', 'warning', true)] });
    expect(changesOf(before, after)).toEqual([
      { dimension: 'suppressed', from: 'none', to: 'GLID-014 quality/allure-report: GLID-014 message', escalation: true },
      { dimension: 'findings', from: 'warning GLID-014: GLID-014 message', to: 'none', escalation: false },
    ]);
  });
});

describe('order: added, removed and changed entries sorted by name, then construct path', () => {
  // Hand-written tokens may share a name, so the construct path breaks ties. Paths are chosen in the
  // opposite order to names, so that sorting by path alone (or by name alone) gives another order.
  const tokens = [
    raw('c-bot', 'legacy/a'),
    raw('b-bot', 'legacy/c2'),
    raw('a-bot', 'legacy/d'),
    raw('b-bot', 'legacy/c1'),
    raw('b-bot', 'legacy/c3'),
  ];
  const EXPECTED = [['a-bot', 'legacy/d'], ['b-bot', 'legacy/c1'], ['b-bot', 'legacy/c2'], ['b-bot', 'legacy/c3'], ['c-bot', 'legacy/a']];
  const orders = [tokens, [...tokens].reverse(), [tokens[1], tokens[3], tokens[4], tokens[0], tokens[2]], [tokens[4], tokens[2], tokens[3], tokens[0], tokens[1]]];
  const located = (es: readonly InventoryEntry[]) => es.map((e) => [e.name, e.constructPath]);

  test.each(orders.map((o, i) => [i, o] as const))('added (input order %d)', (_, order) => {
    const diff = diffInventories([inventory([])], [inventory(order)]);
    expect(located(diff.added)).toEqual(EXPECTED);
    expect(diff.escalations.map((e) => e.name)).toEqual(EXPECTED.map(([name]) => name));
  });

  test.each(orders.map((o, i) => [i, o] as const))('removed (input order %d)', (_, order) => {
    expect(located(diffInventories([inventory(order)], [inventory([])]).removed)).toEqual(EXPECTED);
  });

  test.each(orders.map((o, i) => [i, o] as const))('changed (input order %d)', (_, order) => {
    const raised = order.map((e) => ({ ...e, accessLevel: AccessLevel.OWNER }));
    const diff = diffInventories([inventory(tokens)], [inventory(raised)]);
    // ChangedIdentity carries no construct path: the names in order, and each change once.
    expect(diff.changed.map((c) => c.name)).toEqual(EXPECTED.map(([name]) => name));
    expect(diff.escalations.map((e) => e.name)).toEqual(EXPECTED.map(([name]) => name));
  });

  test('changed entries with a shared name follow their construct paths', () => {
    // Only legacy/c1 changes its role: it comes first among the b-bots.
    const after = tokens.map((e) => (e.constructPath === 'legacy/c1' ? { ...e, accessLevel: AccessLevel.OWNER } : { ...e, scopes: [] }));
    const diff = diffInventories([inventory(tokens)], [inventory([...after].reverse())]);
    expect(diff.changed.map((c) => [c.name, c.changes.map((ch) => ch.dimension)])).toEqual([
      ['a-bot', ['scopes']], ['b-bot', ['access-level']], ['b-bot', ['scopes']], ['b-bot', ['scopes']], ['c-bot', ['scopes']],
    ]);
  });

  test('the same hand-written token added to two stacks is listed once per stack, in the order the stacks are given', () => {
    // Same name and construct path: the stacks tell them apart, and the (stable) sort keeps them in input order.
    const token = raw('gitlab-bot', 'legacy/bot');
    const diff = diffInventories([], [inventory([token], 'legacy'), inventory([raw('a-bot', 'legacy/z')], 'ops'), inventory([token], 'ops')]);
    expect(diff.added.map((e) => [e.name, e.stack])).toEqual([['a-bot', 'ops'], ['gitlab-bot', 'legacy'], ['gitlab-bot', 'ops']]);
    const removed = diffInventories([inventory([token], 'legacy'), inventory([token], 'ops')], []).removed;
    expect(removed.map((e) => [e.name, e.stack])).toEqual([['gitlab-bot', 'legacy'], ['gitlab-bot', 'ops']]);
  });

  test('added identities come in stack-independent name order', () => {
    const diff = diffInventories([], [inventory([raw('z-bot', 'a/z')], 'alpha'), inventory([raw('m-bot', 'z/m')], 'zulu'), inventory([raw('m-bot', 'a/m')], 'mike')]);
    expect(diff.added.map((e) => [e.name, e.constructPath, e.stack])).toEqual([['m-bot', 'a/m', 'mike'], ['m-bot', 'z/m', 'zulu'], ['z-bot', 'a/z', 'alpha']]);
  });
});

describe('isEmptyDiff: empty only when nothing is added, removed or changed', () => {
  const other = entry({ name: 'quality-async-retrospectives', constructPath: 'quality/async-retrospectives' });

  test.each<[string, InventoryEntry[], InventoryEntry[], boolean]>([
    ['nothing at all', [], [], true],
    ['the same identities', [entry(), other], [other, entry()], true],
    ['an identity added', [entry()], [entry(), other], false],
    ['an identity removed', [entry(), other], [entry()], false],
    ['an identity changed, not escalated', [entry()], [entry({ accessLevel: AccessLevel.GUEST })], false],
    ['only a finding changed', [entry()], [entry({ findings: [{ ruleId: 'GLID-010', level: 'warning', message: 'm', path: 'quality/allure-report' }] })], false],
  ])('%s: %s', (_, before, after, empty) => {
    expect(isEmptyDiff(diffInventories([inventory(before)], [inventory(after)]))).toBe(empty);
  });

  test('a diff with only additions is not empty', () => {
    expect(isEmptyDiff({ added: [{ ...entry(), stack: 'quality' }], removed: [], changed: [], escalations: [] })).toBe(false);
  });

  test('a diff with only changes is not empty', () => {
    expect(isEmptyDiff({ added: [], removed: [], changed: [{ name: 'x', stack: 'quality', changes: [] }], escalations: [] })).toBe(false);
  });
});

test('scopes written by hand that name Object.prototype members are compared as unknown scopes, not a crash', () => {
  const before = entry({ scopes: ['constructor', 'toString'] as unknown as TokenScope[] });
  const after = entry({ scopes: [TokenScope.API] });
  expect(diffOf(before, after).escalations.map((e) => e.change.dimension)).toContain('scopes');
  expect(() => diffOf(after, before)).not.toThrow();
});
