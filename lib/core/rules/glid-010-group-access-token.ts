import { IdentityKind } from '../identity-kind';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const groupAccessToken: PolicyRule = {
  id: 'GLID-010',
  name: 'group-access-token',
  level: 'warning',
  summary: 'A group access token reaches every project of its group.',
  explanation:
    'A leaked group token exposes all projects of the group and its subgroups. Acceptable only for small groups (policy smallGroupMaxProjects); ' +
    'an error when the policy disallows group tokens, or (for AutomationIdentity) when the group is larger than the policy allows.',
  fix: 'Name the projects (Reach.projects) to get a service account with explicit memberships, or suppress with a reason such as the group\'s size.',
  check(c, { policy }) {
    if (c.subject !== 'token' || c.kind !== IdentityKind.GROUP_ACCESS_TOKEN) return [];
    if (c.plan !== undefined) {
      // The plan already warns. The checks' policy may be stricter than the one the identity was planned with.
      const count = c.plan.reach.projectCount ?? 0;
      if (!policy.allowGroupAccessTokens) {
        return [{ level: 'error', message: `${subjectLabel(c)} is a group access token, which the policy disallows (allowGroupAccessTokens: false).` }];
      }
      return count > policy.smallGroupMaxProjects
        ? [{ level: 'error', message: `${subjectLabel(c)} reaches ${count} projects, more than the policy's smallGroupMaxProjects (${policy.smallGroupMaxProjects}).` }]
        : [];
    }
    return policy.allowGroupAccessTokens
      ? [{ message: `${subjectLabel(c)} reaches every project of its group; its size is unknown to the checks.` }]
      : [{ level: 'error', message: `${subjectLabel(c)} is a group access token, which the policy disallows (allowGroupAccessTokens: false).` }];
  },
};
