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
    'Checked by `IdentityPolicyChecks` on the Terraform JSON each stack writes (`cdk.tf.json`, overrides included), and by',
    '`gitlab-identity diff` on both sides of a merge request: every GitLab credential and grant, whether `AutomationIdentity`',
    'made it or it was written directly with `@cdktf/provider-gitlab`, and every place a secret reaches. Values are evaluated',
    '(constants, locals, variable defaults, functions) and references followed; an attribute that decides privilege, lifetime,',
    'target or secrecy and cannot be known at synth is an error (GLID-022), never a note. Errors fail synth; warnings are reported.',
    'Suppress a rule on a construct and its subtree with a reason of at least 10 visible characters (GLID-008, GLID-012 and',
    'GLID-023 only on the construct that holds the finding):',
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
