/** What `check` does with its result: the report where it was asked for, the text on the terminal, the exit code. */
import * as fs from 'fs';
import { CliError } from '../cli-error';
import { packageInfo } from '../package-info';
import { CheckResult, FailOn, ReportFormat } from './check-result';
import { formatReport, textReport } from './reports';

const RANK = { info: 0, warning: 1, error: 2 } as const;

/** Whether an unsuppressed finding is at or above `failOn` (then `check` exits 2). */
export function failsAt(result: CheckResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return result.findings.some((f) => f.suppressedBy === undefined && RANK[f.level] >= RANK[failOn]);
}

/** Where RULES.md is published, when the package declares a home page (SARIF links each rule there); /blob/main/ is a file's address on GitHub and GitLab alike. */
function rulesUrl(): string | undefined {
  const home = packageInfo().homepage;
  return home ? `${home.replace(/#.*$/, '').replace(/\/$/, '')}/blob/main/RULES.md` : undefined;
}

/**
 * Without --output, the report goes to stdout. With it, the report goes to the file and the text report to
 * stdout, so the job log shows the findings whatever the file's format.
 */
export function writeCheckReport(result: CheckResult, format: ReportFormat, output: string | undefined, out: (text: string) => void): void {
  const url = rulesUrl();
  const report = formatReport(format, result, { toolVersion: packageInfo().version, ...(url ? { rulesUrl: url } : {}) });
  if (output === undefined) {
    out(report);
    return;
  }
  try {
    fs.writeFileSync(output, report);
  } catch (e) {
    throw new CliError(`cannot write the report to '${output}' (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  out(textReport(result));
}
