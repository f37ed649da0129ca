/** RULES.md, rendered from the rules themselves so the document cannot drift from the code. */
import { POLICY_RULES } from './catalogue';
import { PolicyRule } from './policy-rule';

const escape = (text: string) => text.replace(/\|/g, '\\|');

export function renderRulesMarkdown(rules: readonly PolicyRule[] = POLICY_RULES): string {
  const lines = [
    '# Policy rules',
    '',
    '<!-- Generated from lib/core/rules by `npm run docs:rules`; a test fails when this file is stale. -->',
    '',
    'Checked by `IdentityPolicyChecks` on every GitLab credential of an app: tokens made by `AutomationIdentity` and ones',
    'written directly with `@cdktf/provider-gitlab`, CI/CD variables holding tokens, and Terraform outputs. Errors fail',
    'synth; warnings are reported; `info` findings say what could not be verified because Terraform computes it at apply.',
    'Suppress a rule on a construct and its subtree with a reason of at least 10 characters:',
    '',
    '```ts',
    "IdentitySuppressions.add(construct, [{ id: 'GLID-010', reason: 'group is 4 projects, owned by one team' }]);",
    '```',
    '',
    '| ID | name | level | cause |',
    '|---|---|---|---|',
    ...rules.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.name} | ${r.level} | ${escape(r.summary)} |`),
    '',
  ];
  for (const r of rules) {
    lines.push(`## ${r.id}`, '', `**${r.name}** · ${r.level}`, '', `**Cause.** ${r.summary}`, '', `**Why it matters.** ${r.explanation}`, '', `**Fix.** ${r.fix}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
