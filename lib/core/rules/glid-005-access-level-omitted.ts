import { TOKEN_TYPES, isTokenType } from '../engine/resource-catalogue';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';


export const accessLevelOmitted: PolicyRule = {
  id: 'GLID-005',
  name: 'access-level-omitted',
  level: 'error',
  summary: 'A project or group access token does not set access_level.',
  explanation: 'Without access_level the provider and GitLab default to maintainer: far more than most automations need.',
  fix: 'Set access_level explicitly to the lowest role the automation needs (reporter for reading and triage).',
  check(c) {
    if (c.subject !== 'token' || !(isTokenType(c.resourceType) && TOKEN_TYPES[c.resourceType].role) || c.accessLevel !== undefined) return [];
    return [{ message: `${subjectLabel(c)} sets no access_level, so it gets maintainer by default.` }];
  },
};
