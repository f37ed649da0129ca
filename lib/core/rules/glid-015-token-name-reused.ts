import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const tokenNameReused: PolicyRule = {
  id: 'GLID-015',
  name: 'token-name-reused',
  level: 'error',
  summary: 'Two credentials in one app use the same token name.',
  explanation: 'A shared name hides which automation uses which token, and usually means one token serves two automations: revoke one, break both.',
  fix: 'Give each automation its own token with its own name.',
  check(c, { otherUsesOfName }) {
    if (c.subject !== 'token' || !c.name?.known) return [];
    const others = otherUsesOfName(c.name.value);
    return others.length > 0 ? [{ message: `${subjectLabel(c)} reuses the name of ${others.join(', ')}.`, attribute: 'name' }] : [];
  },
};
