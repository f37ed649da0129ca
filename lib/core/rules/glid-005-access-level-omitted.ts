import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

const WITH_ROLE = new Set(['gitlab_project_access_token', 'gitlab_group_access_token']);

export const accessLevelOmitted: PolicyRule = {
  id: 'GLID-005',
  name: 'access-level-omitted',
  level: 'error',
  summary: 'A project or group access token does not set access_level.',
  explanation: 'Without access_level the provider and GitLab default to maintainer: far more than most automations need.',
  fix: 'Set access_level explicitly to the lowest role the automation needs (reporter for reading and triage).',
  check(c) {
    if (c.subject !== 'token' || !WITH_ROLE.has(c.resourceType) || c.accessLevel !== undefined) return [];
    return [{ message: `${subjectLabel(c)} sets no access_level, so it gets maintainer by default.` }];
  },
};
