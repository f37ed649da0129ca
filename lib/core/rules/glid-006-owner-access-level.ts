import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const ownerAccessLevel: PolicyRule = {
  id: 'GLID-006',
  name: 'owner-access-level',
  level: 'error',
  summary: 'A token or an automation\'s membership has the owner role.',
  explanation: 'Owners can delete the project or group, change its members and settings: no automation should hold it.',
  fix: 'Use the lowest role the automation needs; maintainer at most.',
  check(c) {
    if (c.subject !== 'token' && c.subject !== 'membership') return [];
    if (c.accessLevel !== undefined && !c.accessLevel.known) return []; // GLID-022
    if (c.accessLevel?.value !== 'owner') return [];
    return [{ message: `${subjectLabel(c)} has access_level owner.` }];
  },
};
