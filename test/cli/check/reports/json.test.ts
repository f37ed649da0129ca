/** `--format json`: a versioned, stable shape for programs. */
import { CheckFinding } from '../../../../lib/cli/check/check-result';
import { jsonReport } from '../../../../lib/cli/check/reports/json';
import { EMPTY, HOSTILE, HOSTILE_RESULT, NO_EXPIRY, OWNER, RESULT } from './fixtures';

describe('jsonReport', () => {
  test('version, findings, files and summary, in that order; pretty-printed with 2 spaces and a final newline', () => {
    const text = jsonReport(RESULT);
    const report = JSON.parse(text);
    expect(Object.keys(report)).toEqual(['version', 'findings', 'files', 'summary']);
    expect(report.version).toBe(1);
    expect(report.files).toEqual(RESULT.files);
    expect(report.summary).toEqual({ errors: 1, warnings: 2, notes: 1, suppressed: 1, files: 4 });
    expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  test('a finding with every field, keys in a fixed order', () => {
    const [f] = JSON.parse(jsonReport({ findings: [OWNER], files: [] })).findings;
    expect(Object.keys(f)).toEqual(['ruleId', 'level', 'message', 'fix', 'location']);
    expect(Object.keys(f.location)).toEqual(['file', 'line', 'address', 'attribute', 'constructPath', 'source']);
    expect(f).toEqual(OWNER);
  });

  test('absent fields are left out, not null; a suppression comes last', () => {
    const suppressed: CheckFinding = { ...NO_EXPIRY, suppressedBy: { id: 'GLID-001', reason: 'expires with the pipeline' } };
    const [f] = JSON.parse(jsonReport({ findings: [suppressed], files: [] })).findings;
    expect(Object.keys(f)).toEqual(['ruleId', 'level', 'message', 'location', 'suppressedBy']);
    expect(Object.keys(f.location)).toEqual(['file', 'line', 'address']);
    expect(f.suppressedBy).toEqual({ id: 'GLID-001', reason: 'expires with the pipeline' });
  });

  test('the input\'s key order and extra properties do not change the bytes', () => {
    const reordered = {
      location: { source: { line: 40, file: 'src/ci.ts' }, constructPath: 'ci/bot/token', attribute: 'access_level', address: 'gitlab_project_access_token.bot', line: 12, file: 'stacks/ci/cdk.tf.json', secret: 'glpat-x' },
      fix: OWNER.fix, message: OWNER.message, level: OWNER.level, ruleId: OWNER.ruleId, token: 'glpat-x',
    } as CheckFinding;
    expect(jsonReport({ findings: [reordered], files: [] })).toBe(jsonReport({ findings: [OWNER], files: [] }));
    expect(jsonReport({ findings: [reordered], files: [] })).not.toContain('glpat');
  });

  test('hostile strings round-trip exactly', () => {
    const report = JSON.parse(jsonReport(HOSTILE_RESULT));
    expect(report.findings[0].message).toBe(HOSTILE.message);
    expect(report.findings[0].location).toEqual(HOSTILE.location);
  });

  test('no findings', () => {
    expect(JSON.parse(jsonReport(EMPTY))).toEqual({ version: 1, findings: [], files: [], summary: { errors: 0, warnings: 0, notes: 0, suppressed: 0, files: 0 } });
  });
});
