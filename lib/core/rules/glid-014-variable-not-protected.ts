import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const variableNotProtected: PolicyRule = {
  id: 'GLID-014',
  name: 'variable-not-protected',
  level: 'warning',
  summary: 'A CI/CD variable holding a token is exposed to unprotected branches.',
  explanation:
    'Anyone who can push a branch can run a pipeline that reads an unprotected variable. Some automations (merge-request bots such as Danger) ' +
    'must run on unprotected branches: suppress with that reason, and keep the token\'s role low.',
  fix: 'Set protected = true, or suppress GLID-014 with the reason the automation runs in merge-request pipelines.',
  check(c) {
    if (c.subject !== 'variable' || !c.holdsToken) return [];
    if (c.protected !== undefined && !c.protected.known) return []; // GLID-022
    return c.protected?.value === true ? [] : [{ message: `${subjectLabel(c)} holds a token but is not protected.`, attribute: 'protected' }];
  },
};
