import { TOKEN_NAME_PATTERN } from '../naming';
import { PolicyRule, RuleViolation, cannotJudge } from './policy-rule';
import { subjectLabel } from './describe';

export const naming: PolicyRule = {
  id: 'GLID-016',
  name: 'naming',
  level: 'warning',
  summary: 'A token name breaks the naming rule: <prefix><owner>-<purpose>, lowercase a-z0-9-, within the policy length.',
  explanation:
    'Token names are visible to everyone who can see the project and become the bot user\'s name: they must say who owns the automation ' +
    'and what it does. A warning for raw resources, an error for AutomationIdentity (whose names the library guarantees).',
  fix: 'Rename to <owner>-<purpose>, e.g. quality-allure-report (renaming recreates the token).',
  check(c, { policy }): RuleViolation[] {
    if (c.subject !== 'token' || c.name === undefined) return [];
    if (!c.name.known) return [cannotJudge('name', c.name.expression)];
    const name = c.name.value;
    const problems: string[] = [];
    if (!TOKEN_NAME_PATTERN.test(name)) problems.push("is not lowercase words of a-z0-9 joined by '-'");
    if (!name.startsWith(policy.namePrefix)) problems.push(`does not start with the policy prefix '${policy.namePrefix}'`);
    if (name.length > policy.maxNameLength) problems.push(`is longer than ${policy.maxNameLength} characters`);
    if (problems.length === 0) return [];
    return [{ level: c.plan ? 'error' : 'warning', message: `${subjectLabel(c)} ${problems.join(', ')}.` }];
  },
};
