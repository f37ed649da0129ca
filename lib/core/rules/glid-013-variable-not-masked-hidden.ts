import { hiddenVariablesMissing } from '../platform';
import { PolicyRule, RuleViolation } from './policy-rule';
import { subjectLabel } from './describe';

export const variableNotMaskedHidden: PolicyRule = {
  id: 'GLID-013',
  name: 'variable-not-masked-hidden',
  level: 'error',
  summary: 'A CI/CD variable holding a token is not masked and hidden.',
  explanation: 'An unmasked token is printed in job logs; a variable that is not hidden can be read back in the UI by every maintainer.',
  fix: 'Set masked = true and hidden = true (Delivery.ciVariable does).',
  check(c, { policy }): RuleViolation[] {
    if (c.subject !== 'variable' || !c.holdsToken) return [];
    // Before 17.6 GitLab has no hidden variables: masked is all there is (the plan or the policy's platform says).
    const noHidden = c.plan?.variablesNotHidden !== undefined || hiddenVariablesMissing(policy.platform) !== undefined;
    const out: RuleViolation[] = [];
    for (const [attribute, value] of [['masked', c.masked], ['hidden', c.hidden]] as const) {
      if (value === null) continue; // the resource type has no such attribute
      if (attribute === 'hidden' && noHidden) continue;
      if (value !== undefined && !value.known) continue; // GLID-022
      if (value?.value !== true) out.push({ message: `${subjectLabel(c)} holds a token but is not ${attribute}.`, attribute });
    }
    return out;
  },
};
