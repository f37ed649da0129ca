/**
 * `--format json`: the CheckResult for programs, with a version so that consumers can tell a later shape.
 * Objects are rebuilt field by field, so the key order is fixed (whatever order the input's keys were in)
 * and nothing but the data model's fields is written. Absent optional fields are left out, never `null`.
 * Strings are written as given (JSON escapes line breaks and control characters).
 */
import { CheckFinding, CheckResult } from '../check-result';
import { summarize } from './shared';

/** The shape's version: raised when a field changes meaning or goes away, not when one is added. */
export const JSON_REPORT_VERSION = 1;

export function jsonReport(result: CheckResult): string {
  const s = summarize(result);
  const report = {
    version: JSON_REPORT_VERSION,
    findings: result.findings.map(findingJson),
    files: [...result.files],
    // errors, warnings and notes count unsuppressed findings; suppressed ones are counted apart.
    summary: { errors: s.errors, warnings: s.warnings, notes: s.notes, suppressed: s.suppressed, files: s.files },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function findingJson(f: CheckFinding) {
  const l = f.location;
  return {
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    fix: f.fix,
    location: {
      file: l.file,
      line: l.line,
      address: l.address,
      attribute: l.attribute,
      constructPath: l.constructPath,
      source: l.source ? { file: l.source.file, line: l.source.line } : undefined,
    },
    suppressedBy: f.suppressedBy ? { id: f.suppressedBy.id, reason: f.suppressedBy.reason } : undefined,
  };
}
