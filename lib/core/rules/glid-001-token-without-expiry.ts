import { KIND_EXPIRES } from '../kind-traits';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';


export const tokenWithoutExpiry: PolicyRule = {
  id: 'GLID-001',
  name: 'token-without-expiry',
  level: 'error',
  summary: 'A token has neither an expiry date nor a rotation configuration.',
  explanation:
    'A token without expiry stays valid until someone remembers to revoke it. Deploy tokens never expire by default; ' +
    'access tokens get GitLab\'s maximum lifetime and are then never rotated by Terraform.',
  fix: 'Set rotation_configuration (access, personal and service-account tokens) or expires_at from a time_rotating resource (deploy tokens), or declare the automation with AutomationIdentity.',
  check(c) {
    if (c.subject !== 'token' || !KIND_EXPIRES[c.kind]) return [];
    if (c.expiresAt !== undefined || c.rotation !== undefined) return [];
    return [{ message: `${subjectLabel(c)} never expires: it has no expires_at and no rotation_configuration.`, attribute: 'expires_at' }];
  },
};
