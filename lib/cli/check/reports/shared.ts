/**
 * What several report formats share: counts, one-line text, rule links and fingerprints. Pure functions of
 * the CheckResult, so every format is byte-for-byte the same for the same input.
 */
import { createHash } from 'crypto';
import { FindingLevel, PolicyRule, policyRule } from '../../../core';
import { MIN_SUPPRESSION_REASON_LENGTH } from '../../../core/visible-text';
import { CheckFinding, CheckResult } from '../check-result';

/** Unsuppressed findings by level, suppressed ones apart, and the number of files read. */
export interface ReportSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  readonly suppressed: number;
  readonly files: number;
}

export function summarize(result: CheckResult): ReportSummary {
  const count = (level: FindingLevel) => result.findings.filter((f) => !f.suppressedBy && f.level === level).length;
  return {
    errors: count('error'),
    warnings: count('warning'),
    notes: count('info'),
    suppressed: result.findings.filter((f) => f.suppressedBy).length,
    files: result.files.length,
  };
}

/**
 * The text on one line: CRLF, then every control character (CR, LF, tab, NUL, ESC...) and the Unicode line and
 * paragraph separators, each become one space; a lone surrogate becomes U+FFFD. A message cannot forge a
 * second finding line, nor send terminal escape sequences.
 */
export function oneLine(text: string): string {
  return wellFormed(text).replace(/\r\n/g, ' ').replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
}

/** `glid-006`: the anchor of the rule's `## GLID-006` heading in RULES.md. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase();
}

/** `RULES.md#glid-006` for a catalogue rule; `RULES.md` for another ID (GLID-000 has no heading there). */
export function rulesReference(ruleId: string): string {
  return policyRule(ruleId) ? `RULES.md#${ruleAnchor(ruleId)}` : 'RULES.md';
}

/**
 * A stable SHA-256 fingerprint per finding, in the findings' order. It hashes what identifies the finding,
 * not where it is: rule ID, file, address, construct path, attribute and message; never the line, so that
 * moving a block (or adding lines above it) keeps the finding the same in GitLab's merge-request comparison.
 * Suppression is not part of it either: suppressing a finding does not make it another one.
 * Identical findings (same fields, other lines) get the 2nd, 3rd... occurrence number hashed in, counted in
 * the canonical order, so they stay distinct; the first occurrence keeps the plain hash.
 */
export function fingerprints(findings: readonly CheckFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const l = f.location;
    // A JSON array cannot be ambiguous the way a joined string can (`a|b` + `c` vs `a` + `b|c`).
    const key = JSON.stringify([f.ruleId, l.file, l.address ?? null, l.constructPath ?? null, l.attribute ?? null, f.message]);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const hashed = occurrence === 1 ? key : JSON.stringify([key, occurrence]);
    return createHash('sha256').update(hashed, 'utf8').digest('hex');
  });
}

/** What a report says about a rule: a catalogue rule's text without its check. */
export type RuleText = Omit<PolicyRule, 'check'>;

/**
 * GLID-000 is not a policy rule (POLICY_RULES has none): it is about the input itself. The engine reports it
 * for a suppression it ignores (an unknown rule, too short a reason), and `check` for HCL it cannot take as
 * written: a syntax error, a form Terraform refuses (`rotation_configuration { }`), modules nested too deep.
 * Each finding's own message and fix say which.
 */
export const SUPPRESSION_PROBLEM: RuleText = Object.freeze({
  id: 'GLID-000',
  name: 'input-problem',
  level: 'warning',
  summary: 'The input cannot be taken as written: a suppression is ignored, or Terraform refuses or cannot follow the configuration.',
  explanation: 'An ignored suppression silences nothing, and the intent behind it is lost; a configuration Terraform refuses, or a module the checks do not follow, is not judged as it would be applied.',
  fix: `For a suppression, name a rule listed in RULES.md and give a reason of at least ${MIN_SUPPRESSION_REASON_LENGTH} visible characters; otherwise, as the finding says.`,
});

/** The catalogue rule, GLID-000's text, or undefined for an ID this version does not know. */
export function ruleText(ruleId: string): RuleText | undefined {
  return policyRule(ruleId) ?? (ruleId === SUPPRESSION_PROBLEM.id ? SUPPRESSION_PROBLEM : undefined);
}

/** Each lone UTF-16 surrogate as U+FFFD: such a string has no UTF-8 form, and encodeURIComponent throws on it. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
