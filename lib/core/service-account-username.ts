/**
 * Usernames of group service accounts.
 *
 * Provider 18.6.1 declares `gitlab_group_service_account.username` Optional, not Computed, with
 * RequiresReplace (internal/provider/resource_gitlab_group_service_account.go). Left out, GitLab generates
 * one, the provider stores it, and Terraform reports "Provider produced inconsistent result after apply";
 * every later plan then replaces the account, its memberships and its token. So the library always sets it.
 *
 * Usernames share one namespace with every user and group of the instance (GitLab.com included), so the
 * default carries the account's top-level group as well as the identity's name: `<group>-<name>`, for
 * example `gitlab-org-eng-prod-triage-scheduled`. It is derived from declared inputs only, so it never
 * changes unless they do; a change replaces the account (and its memberships and token).
 */
import { errors } from './errors';

/** GitLab's limit on usernames (User model: `validates :username, length: { maximum: 255 }`). */
export const MAX_USERNAME_LENGTH = 255;

/** GitLab needs at least two characters (API error "Username is too short (minimum is 2 characters)"). */
export const MIN_USERNAME_LENGTH = 2;

/**
 * GitLab's username format (docs "Reserved project and group names": start and end with a letter or digit,
 * only letters, digits, `_`, `.` and `-`, no consecutive special characters; lib/gitlab/regex.rb
 * `\A[a-zA-Z0-9]+([._-][a-zA-Z0-9]+)*\z`).
 */
const USERNAME_FORMAT = /^[a-zA-Z0-9]+(?:[._-][a-zA-Z0-9]+)*$/;

/**
 * Endings GitLab refuses: `.git` and `.atom` (path_regex.rb), and any file extension it knows (User
 * `check_username_format`: `Mime::EXTENSION_LOOKUP`); the common ones are listed, GitLab reports the rest at
 * apply. The default username never has a dot.
 */
const FORBIDDEN_ENDING = /\.(git|atom|json|xml|html?|js|css|txt|csv|png|jpe?g|gif|svg|ico|pdf|zip|gz|yaml|yml|rss|text)$/i;

/** The default username: `<top-level group>-<identity name>`, lowercase, runs of `._-` as one hyphen. */
export function defaultServiceAccountUsername(topLevelGroup: string, name: string): string {
  const group = topLevelGroup.toLowerCase().replace(/[._-]+/g, '-').replace(/^-+|-+$/g, '');
  return group === '' ? name : `${group}-${name}`;
}

/** True when GitLab accepts `value` as a new username (reserved names aside: GitLab reports those at apply). */
export function isValidUsername(value: string): boolean {
  return value.length >= MIN_USERNAME_LENGTH && value.length <= MAX_USERNAME_LENGTH && USERNAME_FORMAT.test(value) && !FORBIDDEN_ENDING.test(value);
}

/** Throws INVALID_USERNAME unless `value` is a username GitLab accepts. */
export function validateServiceAccountUsername(value: unknown, field: string, suggestion: string): string {
  if (typeof value !== 'string' || !isValidUsername(value)) throw errors.invalidUsername(field, value, suggestion);
  return value;
}
