import { IdentityKind } from '../identity-kind';
import { Platform, describePlatform, kindAvailability } from '../platform';
import { PolicyRule } from './policy-rule';

/**
 * Only an administrator creates an instance service account ("Offering: GitLab Self-Managed, GitLab
 * Dedicated", [GL:doc/api/service_accounts.md]) and its personal access tokens (`POST
 * /users/:user_id/personal_access_tokens`, admin only [GL:doc/api/personal_access_tokens.md]; the provider's
 * gitlab_personal_access_token "requires administration privileges"). gitlab-platforms.md rows 8 and 10.
 */
export const administratorRequired: PolicyRule = {
  id: 'GLID-024',
  name: 'administrator-required',
  level: 'warning',
  summary: 'An instance service account: only an administrator of the instance can apply it.',
  explanation:
    'An instance service account can join any group or project of a self-managed or Dedicated instance: the one identity that reaches ' +
    'several top-level groups. Creating it and its personal access tokens needs an administrator, so the stack must be applied with an ' +
    'administrator\'s token, and whoever holds that token can do anything on the instance. GitLab.com has no instance service accounts: ' +
    'with a policy platform that has none, this is an error.',
  fix: 'Split the identity into one per top-level group (each a group service account, which a top-level group Owner can create on GitLab.com, and on self-managed when administrators allow it), or apply the stack from a pipeline that holds an administrator token and suppress with that reason.',
  check(c, { policy }) {
    if (c.subject !== 'service-account' || c.resourceType !== 'gitlab_instance_service_account') return [];
    const onPlatform = kindAvailability(IdentityKind.INSTANCE_SERVICE_ACCOUNT, policy.platform);
    if (!onPlatform.available) {
      // The checks' platform has none (GitLab.com, or Free before 18.11): the apply would fail.
      return [{ level: 'error', message: `${c.address ?? c.resourceType} is an instance service account, but on ${describePlatform(policy.platform as Platform)}: ${onPlatform.why}.` }];
    }
    if (c.plan?.findings.some((f) => f.ruleId === 'GLID-024')) return []; // the plan already said so
    return [{ message: `${c.address ?? c.resourceType} is an instance service account: only an administrator can create it and its tokens.` }];
  },
};
