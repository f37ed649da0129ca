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
    // A person's membership is not an automation's: only service accounts and identities' memberships count.
    if (c.subject === 'membership' && c.plan === undefined && !(c.user?.known && c.user.value.startsWith('service account '))) return [];
    if (c.accessLevel !== undefined && !c.accessLevel.known) return []; // GLID-022
    if (c.accessLevel?.value !== 'owner') return [];
    return [{ message: `${subjectLabel(c)} has access_level owner.`, attribute: 'access_level' }];
  },
};
