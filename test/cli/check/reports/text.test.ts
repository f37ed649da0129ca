/**
 * `--format text`: the exact line a person reads in a job log, and a summary; one line per finding whatever
 * a message holds.
 */
import { findingLine, summaryLine, textReport } from '../../../../lib/cli/check/reports/text';
import { EMPTY, HOSTILE_RESULT, NOTE, NO_EXPIRY, OWNER, RESULT, SUPPRESSED, SUPPRESSION_PROBLEM } from './fixtures';

describe('finding lines', () => {
  test('every location field, in order: file:line LEVEL rule message [address] (construct) (declared at) Fix:', () => {
    expect(findingLine(OWNER)).toBe(
      'stacks/ci/cdk.tf.json:12 ERROR GLID-006 project access token bot has access_level owner.'
      + ' [gitlab_project_access_token.bot] (construct ci/bot/token) (declared at src/ci.ts:40)'
      + ' Fix: Use the lowest role the automation needs; maintainer at most.',
    );
  });

  test('a warning with an address and no fix', () => {
    expect(findingLine(NO_EXPIRY)).toBe('main.tf:3 WARNING GLID-001 group access token deploy has no expiry. [gitlab_group_access_token.deploy]');
  });

  test('no line (a plan): the file alone', () => {
    expect(findingLine(NOTE)).toBe('plan.json INFO GLID-022 cannot verify scopes: computed at apply. [module.m.gitlab_project_access_token.t["a"]]');
  });

  test('a construct path without an address', () => {
    expect(findingLine(SUPPRESSION_PROBLEM)).toBe('stacks/ci/cdk.tf.json WARNING GLID-000 suppression of unknown rule "GLID-999" is ignored (construct ci/team)');
  });

  test('a suppressed finding shows its reason where the level was', () => {
    expect(findingLine(SUPPRESSED)).toBe(
      'main.tf:20 suppressed (group is 4 projects, owned by one team) GLID-010 group access token reaches every project of group platform.'
      + ' [gitlab_group_access_token.platform]',
    );
  });

  test('line breaks and control characters become spaces', () => {
    const f = { ...NO_EXPIRY, message: 'one\ntwo\r\nthree\rfour\u2028five\u0000six\u001b[31m', location: { file: 'main.tf', line: 3 } };
    expect(findingLine(f)).toBe('main.tf:3 WARNING GLID-001 one two three four five six [31m');
  });

  test('empty optional fields are left out like absent ones', () => {
    expect(findingLine({ ...NO_EXPIRY, fix: '', location: { file: 'main.tf', address: '', constructPath: '' } }))
      .toBe('main.tf WARNING GLID-001 group access token deploy has no expiry.');
  });
});

describe('summary line', () => {
  test('counts unsuppressed findings by level, suppressed ones apart, and the files read', () => {
    expect(summaryLine(RESULT)).toBe('1 error, 2 warnings, 1 note, 1 suppressed in 4 files.');
  });

  test('plurals', () => {
    expect(summaryLine(EMPTY)).toBe('0 errors, 0 warnings, 0 notes, 0 suppressed in 0 files.');
    expect(summaryLine({ findings: [OWNER, OWNER, NOTE, NOTE], files: ['a'] })).toBe('2 errors, 0 warnings, 2 notes, 0 suppressed in 1 file.');
  });
});

describe('textReport', () => {
  test('one line per finding, in the given order, then the summary, then a newline', () => {
    expect(textReport(RESULT)).toBe([...RESULT.findings.map(findingLine), summaryLine(RESULT)].join('\n') + '\n');
  });

  test('no findings: the summary alone', () => {
    expect(textReport({ findings: [], files: ['main.tf'] })).toBe('0 errors, 0 warnings, 0 notes, 0 suppressed in 1 file.\n');
  });

  test('hostile text cannot add a line, nor carry a control character or a lone surrogate', () => {
    const text = textReport(HOSTILE_RESULT);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(HOSTILE_RESULT.findings.length + 1);
    for (const line of lines) expect(line).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    // A lone surrogate would not survive the round trip through UTF-8.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});
