/** Runs every rule over one credential and returns its findings in canonical order. */
import { Finding, finding, sortFindings } from '../findings';
import { Credential } from './credential';
import { PolicyRule, RuleContext } from './policy-rule';

export function checkCredential(credential: Credential, context: RuleContext, rules: readonly PolicyRule[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const v of rule.check(credential, context)) findings.push(finding(rule.id, v.level ?? rule.level, v.message, v.attribute));
  }
  return sortFindings(findings);
}
