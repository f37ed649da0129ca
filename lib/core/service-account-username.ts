/**
 * Usernames of group service accounts.
 *
 * Provider 18.6.1 declares `gitlab_group_service_account.username` Optional, not Computed, with
 * RequiresReplace (internal/provider/resource_gitlab_group_service_account.go). Left out, GitLab generates
 * one, the provider stores it, and Terraform reports "Provider produced inconsistent result after apply";
 * every later plan then replaces the account, its memberships and its token. So the library always sets it.
 *
 * Usernames share one namespace with every user and group of the instance (GitLab.com included), so the
 * default carries the account's top-level group as well as the identity's name: `<group>_<name>`, for
 * example `gitlab-org_eng-prod-triage-scheduled`. Names never contain `_`, so the last `_` separates the two
 * and distinct (group, name) pairs never give the same username (`acme` + `tools-bot` and `acme-tools` +
 * `bot` stay apart). It is derived from declared inputs only, so it never changes unless they do; a change
 * replaces the account (and its memberships and token).
 */
import { errors } from './errors';
import { slugify } from './naming';

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

/** The default username: `<top-level group>_<identity name>`, lowercase (GitLab paths are case-insensitive). */
export function defaultServiceAccountUsername(topLevelGroup: string, name: string): string {
  return `${topLevelGroup.toLowerCase()}_${name}`;
}

/** A valid username close to `value`, for error messages: lowercase, runs of other characters as one `-`, at most 255. */
export function suggestUsername(value: string): string {
  const slug = slugify(value).slice(0, MAX_USERNAME_LENGTH).replace(/-+$/, '');
  return slug.length >= MIN_USERNAME_LENGTH ? slug : 'automation-bot';
}

/** True when GitLab accepts `value` as a new username (reserved names aside: GitLab reports those at apply). */
export function isValidUsername(value: string): boolean {
  return value.length >= MIN_USERNAME_LENGTH && value.length <= MAX_USERNAME_LENGTH && USERNAME_FORMAT.test(value) && !FORBIDDEN_ENDING.test(value);
}

/** Throws INVALID_USERNAME unless `value` (the user's serviceAccountUsername) is a username GitLab accepts. */
export function validateServiceAccountUsername(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isValidUsername(value)) {
    throw errors.invalidUsername(field, value, suggestUsername(typeof value === 'string' ? value : 'automation-bot'));
  }
  return value;
}

/**
 * The default username for an account of `topLevelGroup` named `name`; throws INVALID_USERNAME, naming what it
 * was derived from, when GitLab would refuse it (a group path near 255 characters, or a legacy path GitLab no
 * longer accepts for usernames).
 */
export function defaultUsernameFor(topLevelGroup: string, name: string): string {
  const username = defaultServiceAccountUsername(topLevelGroup, name);
  if (!isValidUsername(username)) throw errors.invalidDefaultUsername(username, topLevelGroup, suggestUsername(username));
  return username;
}
