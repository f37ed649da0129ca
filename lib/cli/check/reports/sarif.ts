/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning tools and SARIF viewers. One run; the driver lists
 * every policy rule (so a viewer can show a rule's help even when nothing broke it), then a synthetic rule for
 * each other rule ID a finding carries (GLID-000, the input problems), so every result has a ruleIndex.
 *
 * - level: error → error, warning → warning, info → note (rules' defaultConfiguration and results alike).
 * - Locations: `artifactLocation.uri` is the relative file, percent-encoded per path segment (a space or `#`
 *   in a name would otherwise not be a URI reference), with `uriBaseId: "%SRCROOT%"`, the conventional id of
 *   the repository root, left unresolved: the report never names an absolute path. `region.startLine` only
 *   when the line is known (plans have none). The Terraform address and the construct path are
 *   `logicalLocations`; where the user's code declared the construct is a `relatedLocation`.
 * - A suppressed finding keeps its level and gets `suppressions: [{ kind: "external", justification }]`
 *   (§3.35): viewers show it as suppressed rather than dropping it.
 * - `partialFingerprints["glidFingerprint/v1"]` is the Code Quality fingerprint, stable across line moves.
 */
import { FindingLevel, POLICY_RULES } from '../../../core';
import { CheckFinding, CheckResult } from '../check-result';
import { RuleText, fingerprints, ruleText, rulesReference, wellFormed } from './shared';

export interface SarifOptions {
  /** tool.driver.version. */
  readonly toolVersion: string;
  /** Where RULES.md is published: rules get `helpUri` `${rulesUrl}#glid-006` only when it is given. */
  readonly rulesUrl?: string;
  /** tool.driver.informationUri, only when given. */
  readonly informationUri?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_LEVEL: Readonly<Record<FindingLevel, 'error' | 'warning' | 'note'>> = Object.freeze({
  error: 'error',
  warning: 'warning',
  info: 'note',
});
const SOURCE_ROOT = '%SRCROOT%';

export function sarifReport(result: CheckResult, options: SarifOptions): string {
  const ruleIds = [...POLICY_RULES.map((r) => r.id), ...otherRuleIds(result.findings)];
  const prints = fingerprints(result.findings);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'gitlab-identity',
          version: options.toolVersion,
          informationUri: options.informationUri,
          rules: ruleIds.map((id) => ruleDescriptor(id, options.rulesUrl)),
        },
      },
      results: result.findings.map((f, i) => sarifResult(f, ruleIds.indexOf(f.ruleId), prints[i])),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Rule IDs findings carry that are not policy rules, sorted, each once. */
function otherRuleIds(findings: readonly CheckFinding[]): string[] {
  const known = new Set(POLICY_RULES.map((r) => r.id));
  return [...new Set(findings.map((f) => f.ruleId).filter((id) => !known.has(id)))].sort();
}

function ruleDescriptor(id: string, rulesUrl: string | undefined) {
  const rule: RuleText = ruleText(id) ?? {
    id, name: `unknown-${id.toLowerCase()}`, level: 'warning', // names stay distinct if there are several
    summary: `${id} is not a rule of this version of gitlab-identity.`,
    explanation: 'The finding came from a rule this version does not describe.',
    fix: 'Read the finding\'s message; update gitlab-identity to get the rule\'s description.',
  };
  const ref = rulesReference(id);
  const anchor = ref.slice('RULES.md'.length); // `#glid-006`, or nothing when RULES.md has no heading for the ID
  const helpUri = rulesUrl !== undefined ? `${rulesUrl}${anchor}` : undefined;
  return {
    id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.explanation },
    helpUri,
    help: {
      text: `${rule.explanation}\nFix: ${rule.fix}\nSee ${ref}${helpUri !== undefined ? ` (${helpUri})` : ''}.`,
      markdown: `${rule.explanation}\n\n**Fix.** ${rule.fix}\n\nSee [${ref}](${helpUri ?? ref}).`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
  };
}

function sarifResult(f: CheckFinding, ruleIndex: number, fingerprint: string) {
  const l = f.location;
  const logical = [
    ...(l.address ? [{ fullyQualifiedName: l.address, kind: 'resource' }] : []),
    ...(l.constructPath ? [{ fullyQualifiedName: l.constructPath }] : []),
  ];
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[f.level],
    message: { text: f.fix ? `${f.message} Fix: ${f.fix}` : f.message },
    locations: [{
      physicalLocation: physicalLocation(l.file, l.line),
      logicalLocations: logical.length ? logical : undefined,
    }],
    relatedLocations: l.source
      ? [{ id: 1, message: { text: 'The construct is declared here.' }, physicalLocation: physicalLocation(l.source.file, l.source.line) }]
      : undefined,
    partialFingerprints: { 'glidFingerprint/v1': fingerprint },
    suppressions: f.suppressedBy ? [{ kind: 'external', justification: f.suppressedBy.reason }] : undefined,
  };
}

function physicalLocation(file: string, line: number | undefined) {
  return {
    artifactLocation: { uri: wellFormed(file).split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT },
    region: line !== undefined ? { startLine: line } : undefined,
  };
}
