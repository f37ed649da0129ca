/**
 * `--format codequality`: what GitLab's Code Quality widget needs, and fingerprints that keep a finding the
 * same finding when its block moves.
 */
import { CheckFinding, CheckResult } from '../../../../lib/cli/check/check-result';
import { codeQualityReport } from '../../../../lib/cli/check/reports/codequality';
import { EMPTY, HOSTILE, HOSTILE_RESULT, NOTE, NO_EXPIRY, OWNER, RESULT, SUPPRESSED, SUPPRESSION_PROBLEM, movedTo } from './fixtures';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

const issues = (result: CheckResult): Issue[] => JSON.parse(codeQualityReport(result));
const fingerprintOf = (...findings: CheckFinding[]) => issues({ findings, files: [] }).map((i) => i.fingerprint);

describe('codeQualityReport', () => {
  test('a JSON array with one issue per finding, each with the fields GitLab requires', () => {
    const text = codeQualityReport(RESULT);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith('[')).toBe(true);
    expect(text.endsWith(']\n')).toBe(true);
    const list = issues(RESULT);
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(RESULT.findings.length);
    for (const issue of list) {
      expect(Object.keys(issue)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
      expect(issue.description).toEqual(expect.any(String));
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true);
    }
  });

  test('severity: error → critical, warning → minor, info → info', () => {
    expect(issues({ findings: [OWNER, NO_EXPIRY, NOTE], files: [] }).map((i) => i.severity)).toEqual(['critical', 'minor', 'info']);
  });

  test('check_name is the rule ID, path the relative file as given, begin the line or 1', () => {
    const [owner, note] = issues({ findings: [OWNER, NOTE], files: [] });
    expect(owner).toMatchObject({ check_name: 'GLID-006', location: { path: 'stacks/ci/cdk.tf.json', lines: { begin: 12 } } });
    expect(note).toMatchObject({ check_name: 'GLID-022', location: { path: 'plan.json', lines: { begin: 1 } } });
  });

  test('the description is the message, then the fix', () => {
    expect(issues({ findings: [OWNER, NO_EXPIRY], files: [] }).map((i) => i.description)).toEqual([
      'project access token bot has access_level owner. Fix: Use the lowest role the automation needs; maintainer at most.',
      'group access token deploy has no expiry.',
    ]);
  });

  test('a suppressed finding is listed as info, its description prefixed with the reason', () => {
    const [issue] = issues({ findings: [SUPPRESSED], files: [] });
    expect(issue.severity).toBe('info');
    expect(issue.description).toBe('suppressed (group is 4 projects, owned by one team): group access token reaches every project of group platform.');
  });

  test('a suppression problem (GLID-000) is a warning like any other', () => {
    expect(issues({ findings: [SUPPRESSION_PROBLEM], files: [] })[0]).toMatchObject({ check_name: 'GLID-000', severity: 'minor' });
  });

  describe('fingerprint', () => {
    test('stable when the block moves, or loses its line', () => {
      const [before] = fingerprintOf(OWNER);
      expect(fingerprintOf(movedTo(OWNER, 99))).toEqual([before]);
      expect(fingerprintOf(movedTo(OWNER, undefined))).toEqual([before]);
    });

    test('stable when the finding is suppressed, or another finding is added elsewhere', () => {
      const [before] = fingerprintOf(OWNER);
      expect(fingerprintOf({ ...OWNER, suppressedBy: { id: 'GLID-006', reason: 'temporary, until #123 lands' } })).toEqual([before]);
      expect(fingerprintOf(NO_EXPIRY, OWNER)[1]).toBe(before);
    });

    test.each<[string, Partial<CheckFinding> | { location: Partial<CheckFinding['location']> }]>([
      ['rule', { ruleId: 'GLID-007' }],
      ['message', { message: 'project access token bot2 has access_level owner.' }],
      ['file', { location: { file: 'other/cdk.tf.json' } }],
      ['address', { location: { address: 'gitlab_project_access_token.other' } }],
      ['construct path', { location: { constructPath: 'ci/other/token' } }],
      ['attribute', { location: { attribute: 'scopes' } }],
    ])('differs when the %s differs', (_what, change) => {
      const other = { ...OWNER, ...change, location: { ...OWNER.location, ...('location' in change ? change.location : {}) } } as CheckFinding;
      const [a, b] = fingerprintOf(OWNER, other);
      expect(a).not.toBe(b);
    });

    test('identical findings on other lines get distinct fingerprints; the first keeps its own', () => {
      const [alone] = fingerprintOf(OWNER);
      const prints = fingerprintOf(OWNER, movedTo(OWNER, 30), movedTo(OWNER, 50));
      expect(new Set(prints).size).toBe(3);
      expect(prints[0]).toBe(alone);
      // Deterministic: the same findings give the same fingerprints.
      expect(fingerprintOf(OWNER, movedTo(OWNER, 30), movedTo(OWNER, 50))).toEqual(prints);
    });

    test('a separator in one field cannot make two findings collide', () => {
      const a = { ...OWNER, location: { file: 'a', address: 'b|c' } };
      const b = { ...OWNER, location: { file: 'a|b', address: 'c' } };
      const [fa, fb] = fingerprintOf(a, b);
      expect(fa).not.toBe(fb);
    });
  });

  test('hostile text: still valid JSON, descriptions on one line', () => {
    const list = issues(HOSTILE_RESULT);
    expect(list).toHaveLength(2);
    for (const issue of list) expect(issue.description).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    expect(list[1].description.startsWith('suppressed (a b')).toBe(true);
    expect(list[0].location.path).toBe(HOSTILE.location.file);
  });

  test('no findings: an empty array', () => {
    expect(codeQualityReport(EMPTY)).toBe('[]\n');
  });
});
