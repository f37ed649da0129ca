/**
 * formatReport: every `--format` reaches its formatter, and every report is the same bytes for the same
 * input (no clock, host or absolute path), ends with a newline, has no byte-order mark, and survives hostile text.
 */
import * as os from 'os';
import { ReportFormat } from '../../../../lib/cli/check/check-result';
import { codeQualityReport, formatReport, jsonReport, junitReport, sarifReport, textReport } from '../../../../lib/cli/check/reports';
import { EMPTY, HOSTILE_RESULT, RESULT } from './fixtures';

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'codequality', 'sarif', 'junit'];
const OPTIONS = { toolVersion: '1.2.3', rulesUrl: 'https://gitlab.example/g/p/-/blob/main/RULES.md' };

describe('formatReport', () => {
  test('dispatches each format to its formatter', () => {
    expect(formatReport('text', RESULT, OPTIONS)).toBe(textReport(RESULT));
    expect(formatReport('json', RESULT, OPTIONS)).toBe(jsonReport(RESULT));
    expect(formatReport('codequality', RESULT, OPTIONS)).toBe(codeQualityReport(RESULT));
    expect(formatReport('sarif', RESULT, OPTIONS)).toBe(sarifReport(RESULT, OPTIONS));
    expect(formatReport('junit', RESULT, OPTIONS)).toBe(junitReport(RESULT));
  });

  test('an unknown format is an error, not an empty report', () => {
    expect(() => formatReport('html' as ReportFormat, RESULT, OPTIONS)).toThrow('unknown report format "html"');
  });

  describe.each(FORMATS)('%s', (format) => {
    test('the same input gives the same bytes, also from a deep copy and at another time', () => {
      const first = formatReport(format, RESULT, OPTIONS);
      const copy = JSON.parse(JSON.stringify(RESULT));
      const now = jest.spyOn(Date, 'now').mockReturnValue(0);
      try {
        expect(formatReport(format, copy, OPTIONS)).toBe(first);
      } finally {
        now.mockRestore();
      }
      expect(formatReport(format, RESULT, OPTIONS)).toBe(first);
    });

    test('names nothing but the given data: no working or home directory, no timestamp', () => {
      const text = formatReport(format, RESULT, OPTIONS);
      // A directory as short as `/` would be found in any path: only distinctive ones are looked for.
      for (const local of [process.cwd(), os.homedir()].filter((d) => d.length > 4)) expect(text).not.toContain(local);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/); // no timestamp
    });

    test('UTF-8 text without a byte-order mark, ending with a newline', () => {
      for (const result of [RESULT, EMPTY, HOSTILE_RESULT]) {
        const text = formatReport(format, result, OPTIONS);
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
        expect(text.endsWith('\n')).toBe(true);
        expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text); // no lone surrogate
      }
    });

    test('hostile text does not throw, and the machine-readable formats still parse', () => {
      const text = formatReport(format, HOSTILE_RESULT, OPTIONS);
      if (format === 'json' || format === 'codequality' || format === 'sarif') expect(() => JSON.parse(text)).not.toThrow();
    });
  });
});
