/**
 * `--format codequality`: GitLab's Code Quality report (artifacts:reports:codequality), shown in the merge
 * request widget and the diff. https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 *
 * - severity: error → critical, warning → minor, info → info.
 * - Suppressed findings are listed too, as `info` with the description prefixed `suppressed (<reason>): `:
 *   a reviewer sees what was silenced and why, and the suppression cannot hide a finding from the merge
 *   request, yet it does not rank as a problem.
 * - fingerprint: see `fingerprints` (no line number in it, so moving a block is not a new finding).
 * - location.lines.begin is the line, or 1 when there is none (plans): GitLab requires a line.
 * - description is one line: GitLab shows it in a single row.
 * Written as UTF-8 JSON by the caller; no byte-order mark (RFC 8259 §8.1 forbids adding one), trailing newline.
 */
import { FindingLevel } from '../../../core';
import { CheckResult } from '../check-result';
import { fingerprints, oneLine } from './shared';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const CODE_QUALITY_SEVERITY: Readonly<Record<FindingLevel, CodeQualitySeverity>> = Object.freeze({
  error: 'critical',
  warning: 'minor',
  info: 'info',
});

export function codeQualityReport(result: CheckResult): string {
  const prints = fingerprints(result.findings);
  const issues = result.findings.map((f, i) => {
    const text = f.fix ? `${f.message} Fix: ${f.fix}` : f.message;
    return {
      description: oneLine(f.suppressedBy ? `suppressed (${f.suppressedBy.reason}): ${text}` : text),
      check_name: f.ruleId,
      fingerprint: prints[i],
      severity: f.suppressedBy ? 'info' : CODE_QUALITY_SEVERITY[f.level],
      location: { path: f.location.file, lines: { begin: f.location.line ?? 1 } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
