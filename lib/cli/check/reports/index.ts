/** The report formats of `gitlab-identity check` (`--format`), and the one entry point the command calls. */
import { CheckResult, ReportFormat } from '../check-result';
import { codeQualityReport } from './codequality';
import { jsonReport } from './json';
import { junitReport } from './junit';
import { SarifOptions, sarifReport } from './sarif';
import { textReport } from './text';

export { CODE_QUALITY_SEVERITY, codeQualityReport, type CodeQualitySeverity } from './codequality';
export { JSON_REPORT_VERSION, jsonReport } from './json';
export { JUNIT_SUITE_NAME, junitReport } from './junit';
export { SARIF_LEVEL, SARIF_SCHEMA, sarifReport, type SarifOptions } from './sarif';
export { fingerprints, summarize, type ReportSummary } from './shared';
export { findingLine, summaryLine, textReport } from './text';

/** What only some formats use: SARIF names the tool's version and links the rules. */
export type ReportOptions = SarifOptions;

/**
 * The report, as the exact text to write (UTF-8, no byte-order mark, ending with a newline). The same result
 * and options always give the same bytes: no clock, no host, no absolute path is read.
 */
export function formatReport(format: ReportFormat, result: CheckResult, options: ReportOptions): string {
  switch (format) {
    case 'text': return textReport(result);
    case 'json': return jsonReport(result);
    case 'codequality': return codeQualityReport(result);
    case 'sarif': return sarifReport(result, options);
    case 'junit': return junitReport(result);
    default: {
      // A format added to ReportFormat without a case here does not compile.
      const unhandled: never = format;
      throw new Error(`unknown report format ${JSON.stringify(unhandled)}`);
    }
  }
}
