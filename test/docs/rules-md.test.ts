/** RULES.md lists exactly the rules in code, with their current wording. */
import * as fs from 'fs';
import * as path from 'path';
import { POLICY_RULES, renderRulesMarkdown } from '../../lib/core';

const rulesMd = fs.readFileSync(path.join(__dirname, '../../RULES.md'), 'utf8');

test('RULES.md is the rendering of the rules in code (run `npm run docs:rules` after changing a rule)', () => {
  expect(rulesMd).toBe(renderRulesMarkdown());
});

test('every rule has its section, and no section names a rule that does not exist', () => {
  const sections = [...rulesMd.matchAll(/^## (GLID-\d{3})$/gm)].map((m) => m[1]);
  expect(sections).toEqual(POLICY_RULES.map((r) => r.id));
});

test('the summary table lists each rule with its level', () => {
  for (const r of POLICY_RULES) expect(rulesMd).toContain(`| [${r.id}](#${r.id.toLowerCase()}) | ${r.name} | ${r.level} |`);
});

test('a summary holding a pipe is escaped, so it stays in its table cell', () => {
  const rule = { ...POLICY_RULES[0], summary: 'a | b' };
  expect(renderRulesMarkdown([rule])).toContain(`| ${rule.level} | a \\| b |`);
});
