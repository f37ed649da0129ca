/** The `explain` command's human output. */
import { IdentityPlan, SLOT_SUFFIXES } from '../core';

export function explainText(plan: IdentityPlan): string {
  // The plan's own words for the apply schedule it needs (lib/core/overlap.ts describeSchedule).
  const schedule = plan.rationale.find((r) => r.startsWith('Schedule: '))?.slice('Schedule: '.length);
  const lines = [
    `Identity:     ${plan.name}`,
    `Kind:         ${plan.kind} (decision rule ${plan.decisionRule})`,
    `Access level: ${plan.accessLevel ?? 'none (no role of its own)'}`,
    `Scopes:       ${plan.scopes.join(', ') || 'none'}`,
    `Lifetime:     ${plan.lifetimeDays === undefined ? 'valid only while the CI job runs' : `${plan.lifetimeDays} days, replaced ${plan.rotateBeforeDays} days before expiry`}`,
    'Grants:',
    ...(plan.grants.length
      ? plan.grants.map((g) => `  - ${g.type} on ${g.targetType} ${g.target}${g.source ? ` for jobs of ${g.source}` : ''}${g.accessLevel ? ` as ${g.accessLevel}` : ''}${g.tokenName ? ` (token ${g.tokenName})` : ''}`)
      : ['  none']),
    ...(plan.serviceAccountUsername !== undefined
      ? [`Account:      ${plan.serviceAccountUsername} ${plan.serviceAccountGroup !== undefined ? `in top-level group ${plan.serviceAccountGroup}` : '(instance service account, created by an administrator)'}`]
      : []),
    ...(plan.overlap ? [`Overlap:      two slots per token, named <token name>-${SLOT_SUFFIXES.join(' and -')}; a replaced value stays valid ${plan.overlap.graceDays} days`] : []),
    ...(schedule ? [`Schedule:     ${schedule}`] : []),
    ...(plan.labels.length ? [`Labels:       ${plan.labels.join(', ')}`] : []),
    'Rationale:',
    ...plan.rationale.map((r, i) => `  ${i + 1}. ${r}`),
    'Findings:',
    ...(plan.findings.length ? plan.findings.map((f) => `  - ${f.level} ${f.ruleId}: ${f.message}`) : ['  none']),
  ];
  return `${lines.join('\n')}\n`;
}
