import { PolicyRule } from './policy-rule';

/**
 * GitLab API docs, "Create a group service account", `email`: "Custom email addresses require confirmation,
 * unless the group has a matching verified domain or email confirmation settings are turned off"; provider
 * 18.6.1 docs of gitlab_group_service_account.email say the same. An unconfirmed account is inactive
 * (GitLab GlobalPolicy), so its tokens cannot use the API or git.
 */
export const serviceAccountCustomEmail: PolicyRule = {
  id: 'GLID-019',
  name: 'service-account-custom-email',
  level: 'warning',
  summary: 'A service account has a custom email: GitLab keeps it inactive until the address is confirmed.',
  explanation:
    'Wherever email confirmation is on (GitLab.com included), a service account created with a custom email stays inactive until someone ' +
    'confirms the address, unless the top-level group has verified its domain; until then its token cannot use the API or git, and the ' +
    'automation fails on its first call. email forces a new account in the provider: changing it replaces the account, its memberships ' +
    'and its token. For AutomationIdentity the plan reports it whenever contactEmail (or the policy\'s) is set.',
  fix: 'Verify the email domain in the top-level group (Settings > Domain verification), or confirm the address before the automation runs; then suppress with that reason.',
  check(c) {
    if (c.subject !== 'service-account' || c.email === undefined) return [];
    if (c.plan?.findings.some((f) => f.ruleId === 'GLID-019')) return []; // the plan already said so
    const address = c.email.known ? `'${c.email.value}'` : 'from a Terraform expression';
    return [{ message: `${c.resourceType} has the custom email ${address}: GitLab keeps the account inactive until the address is confirmed.` }];
  },
};
