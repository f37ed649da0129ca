/**
 * `--format text`: for a person at a terminal or in a CI job log. One line per finding, then a summary:
 *
 *   <file>[:<line>] <LEVEL> <rule ID> <message>[ [<address>]][ (construct <path>)][ (declared at <file>:<line>)][ Fix: <fix>]
 *   <e> errors, <w> warnings, <n> notes, <s> suppressed in <f> files.
 *
 * LEVEL is ERROR, WARNING or INFO; a suppressed finding has `suppressed (<reason>)` in its place, whatever its
 * level. An empty address, construct path or fix is left out like an absent one. `file:line` comes first so
 * that terminals and editors can open it. Every field goes through oneLine, so a finding is always exactly one
 * line, even when a message, reason or path held a line break or a control character.
 */
import { CheckFinding, CheckResult } from '../check-result';
import { oneLine, summarize } from './shared';

export function textReport(result: CheckResult): string {
  return [...result.findings.map(findingLine), summaryLine(result)].join('\n') + '\n';
}

/** `3 errors, 1 warning, 0 notes, 2 suppressed in 4 files.`: errors, warnings and notes count unsuppressed findings. */
export function summaryLine(result: CheckResult): string {
  const s = summarize(result);
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `${n(s.errors, 'error')}, ${n(s.warnings, 'warning')}, ${n(s.notes, 'note')}, ${s.suppressed} suppressed in ${n(s.files, 'file')}.`;
}

/** One finding, in the format above. */
export function findingLine(f: CheckFinding): string {
  const l = f.location;
  const where = oneLine(l.file) + (l.line !== undefined ? `:${l.line}` : '');
  const level = f.suppressedBy ? `suppressed (${oneLine(f.suppressedBy.reason)})` : f.level.toUpperCase();
  return [
    `${where} ${level} ${oneLine(f.ruleId)} ${oneLine(f.message)}`,
    l.address ? ` [${oneLine(l.address)}]` : '',
    l.constructPath ? ` (construct ${oneLine(l.constructPath)})` : '',
    l.source ? ` (declared at ${oneLine(l.source.file)}:${l.source.line})` : '',
    f.fix ? ` Fix: ${oneLine(f.fix)}` : '',
  ].join('');
}
