/**
 * `--format junit`: JUnit XML for GitLab's unit test report (artifacts:reports:junit), shown in the merge
 * request widget and the pipeline's Tests tab. https://docs.gitlab.com/ci/testing/unit_test_reports/
 *
 * GitLab shows a testcase's `classname` as its suite and its `name` as the test, shows the text of
 * `<failure>` / `<skipped>` / `<system-out>` (not the `message` attribute), keeps only the first of two
 * testcases with the same name, and compares testcases by name between the target and source branches. So:
 * - one testcase per finding, classname = the file (findings are grouped by file), name =
 *   `<rule ID> <address or construct path>: <message>` on one line, without the line number so that moving a
 *   block keeps the test the same; a repeated name gets ` (2)`, ` (3)`... in canonical order;
 * - unsuppressed error or warning: `<failure message=... type="GLID-006">` with the details as text;
 *   suppressed (any level): `<skipped message="suppressed: <reason>">` with the details;
 *   unsuppressed info: a passing testcase with the details in `<system-out>` (a note is not a failure);
 * - one passing testcase named `no findings` per file read that has no finding at all.
 * Counts: tests = testcases, failures = failing ones, skipped = suppressed ones, errors = 0.
 */
import { CheckFinding, CheckResult } from '../check-result';
import { oneLine, ruleText, rulesReference } from './shared';
import { xmlAttribute, xmlText } from './xml';

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly inner: string;
  readonly failed: boolean;
  readonly skipped: boolean;
}

export const JUNIT_SUITE_NAME = 'gitlab-identity';

export function junitReport(result: CheckResult): string {
  const names = new Map<string, number>();
  const unique = (classname: string, name: string) => {
    const key = JSON.stringify([classname, name]);
    const n = (names.get(key) ?? 0) + 1;
    names.set(key, n);
    return n === 1 ? name : `${name} (${n})`;
  };
  const cases: TestCase[] = result.findings.map((f) => findingCase(f, unique));
  const withFindings = new Set(result.findings.map((f) => f.location.file));
  for (const file of result.files) {
    if (!withFindings.has(file)) cases.push({ classname: file, name: unique(file, 'no findings'), inner: '', failed: false, skipped: false });
  }
  const counts = `tests="${cases.length}" failures="${cases.filter((c) => c.failed).length}" errors="0" skipped="${cases.filter((c) => c.skipped).length}"`;
  const name = `name="${JUNIT_SUITE_NAME}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${name} ${counts}>`,
    `  <testsuite ${name} ${counts}>`,
    ...cases.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function findingCase(f: CheckFinding, unique: (classname: string, name: string) => string): TestCase {
  const l = f.location;
  const subject = l.address || l.constructPath;
  const name = unique(l.file, oneLine(`${f.ruleId}${subject ? ` ${subject}` : ''}: ${f.message}`));
  const body = xmlText(details(f));
  if (f.suppressedBy) {
    const message = xmlAttribute(oneLine(`suppressed: ${f.suppressedBy.reason}`));
    return { classname: l.file, name, inner: `<skipped message="${message}">${body}</skipped>`, failed: false, skipped: true };
  }
  if (f.level === 'info') return { classname: l.file, name, inner: `<system-out>${body}</system-out>`, failed: false, skipped: false };
  const attributes = `message="${xmlAttribute(oneLine(f.message))}" type="${xmlAttribute(oneLine(f.ruleId))}"`;
  return { classname: l.file, name, inner: `<failure ${attributes}>${body}</failure>`, failed: true, skipped: false };
}

function testcase(c: TestCase): string {
  const attributes = `classname="${xmlAttribute(c.classname)}" name="${xmlAttribute(c.name)}" file="${xmlAttribute(c.classname)}"`;
  return c.inner ? `    <testcase ${attributes}>${c.inner}</testcase>` : `    <testcase ${attributes}/>`;
}

/** The text GitLab shows for a finding: what, how to fix it, where, and the rule. Fields as given (text is escaped). */
function details(f: CheckFinding): string {
  const l = f.location;
  const rule = ruleText(f.ruleId);
  return [
    `${f.level.toUpperCase()} ${f.ruleId}${rule ? ` (${rule.name})` : ''}: ${f.message}`,
    ...(f.suppressedBy ? [`Suppressed (${f.suppressedBy.id}): ${f.suppressedBy.reason}`] : []),
    ...(f.fix ? [`Fix: ${f.fix}`] : []),
    `File: ${l.file}${l.line !== undefined ? `:${l.line}` : ''}`,
    ...(l.address ? [`Address: ${l.address}`] : []),
    ...(l.attribute ? [`Attribute: ${l.attribute}`] : []),
    ...(l.constructPath ? [`Construct: ${l.constructPath}`] : []),
    ...(l.source ? [`Declared at: ${l.source.file}:${l.source.line}`] : []),
    ...(rule ? [`Rule: ${rule.summary} See ${rulesReference(rule.id)}.`] : []),
  ].join('\n');
}
