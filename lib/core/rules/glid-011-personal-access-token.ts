import { IdentityKind } from '../identity-kind';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const personalAccessToken: PolicyRule = {
  id: 'GLID-011',
  name: 'personal-access-token',
  level: 'warning',
  summary: 'A personal access token of a human or unknown user.',
  explanation:
    'A personal token acts with every membership of its user, and is tied to a person who may leave. Service-account tokens are checked by ' +
    'the other rules; a PAT whose user is not a service account resource is reported here. An impersonation token (an administrator acting ' +
    'as the user) is an error.',
  fix: 'Use a service account (gitlab_group_service_account) or declare the automation with AutomationIdentity.',
  check(c) {
    if (c.subject !== 'token' || c.plan !== undefined || c.kind !== IdentityKind.PERSONAL_ACCESS_TOKEN || c.userIsServiceAccount) return [];
    // An impersonation token is an administrator acting as that user: an error, not a last resort.
    if (c.resourceType === 'gitlab_user_impersonation_token') {
      return [{ level: 'error', message: `${subjectLabel(c)} impersonates a user that is not a service account managed in this app.` }];
    }
    return [{ message: `${subjectLabel(c)} belongs to a user that is not a service account managed in this app.` }];
  },
};
