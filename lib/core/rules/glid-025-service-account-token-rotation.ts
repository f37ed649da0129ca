import { serviceAccountTokenReplaced } from '../platform';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

/**
 * Before GitLab 17.9, `rotation_configuration.expiration_days` of gitlab_group_service_account_access_token
 * fails the plan, and without it every rotation lasts 7 days (provider 18.6.1
 * resource_gitlab_group_service_account_access_token.go: the 17.9 version check and DEFAULT_EXPIRATION_DAYS;
 * reference/gitlab-facts.md §8). Judged only when the policy names the platform.
 */
export const serviceAccountTokenRotation: PolicyRule = {
  id: 'GLID-025',
  name: 'service-account-token-rotation',
  level: 'error',
  summary: 'A service-account token rotated on a GitLab older than 17.9, which cannot rotate it to a chosen lifetime.',
  explanation:
    'Before 17.9 the provider refuses rotation_configuration.expiration_days on a service-account token (the plan fails), and a rotation ' +
    'without it renews the token for 7 days only. AutomationIdentity replaces such tokens on a time_rotating schedule instead, with a ' +
    'fixed expires_at, and reports it as a warning. Judged only when the policy names the platform (policy.platform).',
  fix: 'Set expires_at from a time_rotating resource and replace the token with lifecycle.replace_triggered_by (as deploy tokens are), or upgrade GitLab to 17.9.',
  check(c, { policy }) {
    if (c.subject !== 'token' || c.resourceType !== 'gitlab_group_service_account_access_token') return [];
    const why = serviceAccountTokenReplaced(policy.platform);
    if (why === undefined || c.rotation === undefined) return [];
    if (c.plan !== undefined && c.plan.tokenReplacedOnSchedule === undefined) {
      // Planned for a GitLab that rotates these tokens; the checks' platform does not.
      const planned = c.plan.platform !== undefined ? `planned for ${c.plan.platform}` : 'planned without a platform';
      return [{ message: `${subjectLabel(c)} was ${planned}, so the provider rotates it, but ${why}: plan the identity for the checks' platform (policy.platform).` }];
    }
    return c.rotation.expirationDaysDefaulted
      ? [{ level: 'warning', message: `${subjectLabel(c)} is rotated without expiration_days, so each rotation lasts only 7 days (${why}).`, attribute: 'rotation_configuration' }]
      : [{ message: `${subjectLabel(c)} sets rotation_configuration.expiration_days, but ${why}: the provider fails the plan.`, attribute: 'rotation_configuration.expiration_days' }];
  },
};
