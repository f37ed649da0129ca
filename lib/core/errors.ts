/**
 * The library's one error type and its catalogue.
 *
 * Every bad input is reported by a factory in this file so that wording stays consistent: what field was
 * wrong, the value received, what is allowed, and how to fix it. `code` is stable and safe to match on;
 * messages may improve between versions.
 */

/** Stable codes of {@link IdentityError}. */
export enum ErrorCode {
  INVALID_TYPE = 'INVALID_TYPE',
  MISSING_FIELD = 'MISSING_FIELD',
  NO_CAPABILITIES = 'NO_CAPABILITIES',
  UNKNOWN_CAPABILITY = 'UNKNOWN_CAPABILITY',
  EMPTY_PROJECT_LIST = 'EMPTY_PROJECT_LIST',
  DUPLICATE_PROJECT = 'DUPLICATE_PROJECT',
  INVALID_PATH = 'INVALID_PATH',
  INVALID_PROJECT_COUNT = 'INVALID_PROJECT_COUNT',
  INVALID_NAME_PART = 'INVALID_NAME_PART',
  INVALID_USERNAME = 'INVALID_USERNAME',
  NAME_TOO_LONG = 'NAME_TOO_LONG',
  INVALID_LIFETIME = 'INVALID_LIFETIME',
  LIFETIME_ABOVE_POLICY = 'LIFETIME_ABOVE_POLICY',
  LIFETIME_ABOVE_GITLAB_MAX = 'LIFETIME_ABOVE_GITLAB_MAX',
  INVALID_ROTATE_BEFORE = 'INVALID_ROTATE_BEFORE',
  ROTATE_BEFORE_NOT_BELOW_LIFETIME = 'ROTATE_BEFORE_NOT_BELOW_LIFETIME',
  /** `overlap` with a lifetime too short to give consumers a day of grace. */
  OVERLAP_WITHOUT_GRACE = 'OVERLAP_WITHOUT_GRACE',
  UNKNOWN_ACCESS_LEVEL = 'UNKNOWN_ACCESS_LEVEL',
  ACCESS_LEVEL_TOO_LOW = 'ACCESS_LEVEL_TOO_LOW',
  ACCESS_LEVEL_NOT_APPLICABLE = 'ACCESS_LEVEL_NOT_APPLICABLE',
  BOT_USER_REQUIRED = 'BOT_USER_REQUIRED',
  INVALID_BOT_USER_ID = 'INVALID_BOT_USER_ID',
  INVALID_POLICY = 'INVALID_POLICY',
  INVALID_PLATFORM = 'INVALID_PLATFORM',
  /** The policy's switches contradict its platform. */
  PLATFORM_CONFLICT = 'PLATFORM_CONFLICT',
  /** No identity kind that could do the job exists on the platform. */
  NO_IDENTITY_AVAILABLE = 'NO_IDENTITY_AVAILABLE',
  // Raised by the construct layer (rendering and delivery), catalogued in lib/constructs/errors.ts.
  INVALID_DELIVERY = 'INVALID_DELIVERY',
  NOTHING_TO_DELIVER = 'NOTHING_TO_DELIVER',
  DUPLICATE_DELIVERY = 'DUPLICATE_DELIVERY',
  DUPLICATE_TOKEN_NAME = 'DUPLICATE_TOKEN_NAME',
  DUPLICATE_USERNAME = 'DUPLICATE_USERNAME',
  NOT_A_MERGE_REQUEST_BOT = 'NOT_A_MERGE_REQUEST_BOT',
  NOTIFY_EXPIRY_NOT_SUPPORTED = 'NOTIFY_EXPIRY_NOT_SUPPORTED',
  INVALID_URL = 'INVALID_URL',
  INVALID_EMAIL = 'INVALID_EMAIL',
  REACH_SPANS_TOP_LEVEL_GROUPS = 'REACH_SPANS_TOP_LEVEL_GROUPS',
  OUTSIDE_SERVICE_ACCOUNT_GROUP = 'OUTSIDE_SERVICE_ACCOUNT_GROUP',
  NO_SINGLE_TOKEN = 'NO_SINGLE_TOKEN',
  UNKNOWN_TARGET = 'UNKNOWN_TARGET',
  DUPLICATE_TIME_PROVIDER = 'DUPLICATE_TIME_PROVIDER',
  UNKNOWN_RULE = 'UNKNOWN_RULE',
  INVALID_SUPPRESSION = 'INVALID_SUPPRESSION',
  INVALID_INVENTORY = 'INVALID_INVENTORY',
}

/** Thrown for every invalid input the library detects. Never carries a secret. */
export class IdentityError extends Error {
  /** Stable machine-readable code. */
  public readonly code: ErrorCode;
  /** The input field at fault, as the user wrote it (for example `reach.projects[1]`). */
  public readonly field: string;

  /** The construct that was being declared (`team/bot`), when the error arose in one. */
  public readonly constructPath?: string;

  public constructor(code: ErrorCode, field: string, message: string, constructPath?: string) {
    super(constructPath === undefined ? message : `[${constructPath}] ${message}`);
    this.name = 'IdentityError';
    this.code = code;
    this.field = field;
    if (constructPath !== undefined) this.constructPath = constructPath;
    Object.setPrototypeOf(this, IdentityError.prototype);
    this.stack = withoutOwnFrames(this.stack);
  }

  /** The same error, said of the construct at `path` (once: an error already placed keeps its place). */
  public at(path: string): IdentityError {
    if (this.constructPath !== undefined) return this;
    return new IdentityError(this.code, this.field, this.message, path);
  }
}

/**
 * The stack without this library's frames: the first frame a user reads is their own declaration, not the
 * library's validation (the message already says what is wrong). The library's folder is read off the first
 * frame, which is always this file; frames elsewhere (the user's, cdktf's, Node's) are kept.
 */
function withoutOwnFrames(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  const lines = stack.split('\n');
  const first = lines.findIndex((l) => /^\s+at /.test(l));
  const ownFile = first < 0 ? undefined : /\(?((?:[A-Za-z]:)?[^():]*[\\/])core[\\/]errors\.[jt]s:\d+/.exec(lines[first])?.[1];
  if (ownFile === undefined) return stack;
  return lines.filter((l, i) => i < first || !/^\s+at /.test(l) || !l.includes(ownFile)).join('\n');
}

/** True when `e` is an error raised by this library (works across duplicate package copies). */
export function isIdentityError(e: unknown): e is IdentityError {
  return e instanceof IdentityError || (e instanceof Error && e.name === 'IdentityError' && 'code' in e);
}

/**
 * Renders a received value for an error message. Never throws (circular objects, symbols, getters that
 * throw) and keeps messages short.
 */
export function formatValue(value: unknown): string {
  try {
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    if (typeof value === 'string') return `'${value.length > 120 ? `${value.slice(0, 117)}...` : value}'`;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'function') return 'a function';
    if (Array.isArray(value)) {
      const items = value.slice(0, 6).map(formatValue).join(', ');
      return `[${items}${value.length > 6 ? ', ...' : ''}]`;
    }
    const ctor = (value as object).constructor;
    const typeName = ctor && typeof ctor.name === 'string' && ctor.name !== 'Object' ? ctor.name : 'object';
    const article = /^[aeiou]/i.test(typeName) ? 'an' : 'a';
    return `${article} ${typeName} ${JSON.stringify(value)?.slice(0, 120) ?? ''}`.trimEnd();
  } catch {
    return 'an unprintable value';
  }
}

/** Human list: "a, b or c". */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1]}`;
}

/**
 * Builds an error in the catalogue's wording: "`field` problem, got value. fix". For catalogues in other
 * layers; prefer a named factory.
 */
export function fail(code: ErrorCode, field: string, problem: string, got: unknown, fix: string): IdentityError {
  return new IdentityError(code, field, `\`${field}\` ${problem}, got ${formatValue(got)}. ${fix}`);
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** The fixes that really work: a smaller rotate-before, or a longer lifetime that the policy allows. */
function rotateFix(rotateBefore: number, lifetime: number, maxLifetime: number): string {
  const fixes: string[] = [];
  if (lifetime >= 2) fixes.push(lifetime === 2 ? 'Set rotateBeforeDays to 1' : `Set rotateBeforeDays to a value from 1 to ${lifetime - 1}`);
  if (rotateBefore + 1 <= maxLifetime) {
    fixes.push(`${fixes.length ? 'or raise' : 'Raise'} lifetimeDays to at least ${rotateBefore + 1} (policy maxLifetimeDays: ${maxLifetime})`);
  }
  if (fixes.length === 0) fixes.push('Set lifetimeDays to at least 2 and rotateBeforeDays to 1');
  return `${fixes.join(', ')}.`;
}

// ---- catalogue -------------------------------------------------------------------------------------------

export const errors = {
  invalidType: (field: string, expected: string, got: unknown, fix: string) =>
    fail(ErrorCode.INVALID_TYPE, field, `must be ${expected}`, got, fix),

  missingField: (field: string, expected: string, example: string) =>
    fail(ErrorCode.MISSING_FIELD, field, `is required (${expected})`, undefined, `Set it, for example ${example}.`),

  noCapabilities: (allowed: readonly string[], got: unknown) =>
    fail(
      ErrorCode.NO_CAPABILITIES,
      'capabilities',
      'must list at least one capability',
      got,
      `Allowed: ${allowed.join(', ')}. Declare what the automation does, for example [Capability.API_READ].`,
    ),

  unknownCapability: (field: string, got: unknown, allowed: readonly string[], suggestion?: string) =>
    fail(
      ErrorCode.UNKNOWN_CAPABILITY,
      field,
      `must be one of ${allowed.join(', ')}`,
      got,
      `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Use a member of the Capability enum.`,
    ),

  emptyProjectList: (field: string) =>
    fail(
      ErrorCode.EMPTY_PROJECT_LIST,
      field,
      'must name at least one project',
      [],
      "List the projects the automation touches, for example Reach.projects(['gitlab-org/gitlab', 'gitlab-org/gitaly']).",
    ),

  duplicateProject: (field: string, got: string, firstIndex: number) =>
    fail(
      ErrorCode.DUPLICATE_PROJECT,
      field,
      `repeats the project at index ${firstIndex} (paths compare case-insensitively)`,
      got,
      'Remove the duplicate entry.',
    ),

  invalidPath: (field: string, what: 'project' | 'group', got: unknown, reason: string, suggestion?: string) =>
    fail(
      ErrorCode.INVALID_PATH,
      field,
      what === 'project'
        ? `must be a GitLab project full path such as 'gitlab-org/quality/triage-ops' (${reason})`
        : `must be a GitLab group full path such as 'gitlab-org' or 'gitlab-org/quality' (${reason})`,
      got,
      suggestion
        ? `Use '${suggestion}'.`
        : "Segments hold letters, digits, '_', '-' and '.', are separated by '/', and must not end in '.', '.git' or '.atom'.",
    ),

  invalidProjectCount: (field: string, got: unknown) =>
    fail(
      ErrorCode.INVALID_PROJECT_COUNT,
      field,
      'must be a whole number of at least 1 (how many projects the group holds, subgroups included)',
      got,
      "Count the group's projects, for example Reach.group('gitlab-org', { projectCount: 350 }).",
    ),

  invalidNamePart: (field: string, got: unknown, suggestion: string) =>
    fail(
      ErrorCode.INVALID_NAME_PART,
      field,
      "must be lowercase letters, digits and single hyphens ('a-z0-9-'), start with a letter and not end with a hyphen",
      got,
      `Use '${suggestion}'.`,
    ),

  invalidEmail: (field: string, got: unknown) =>
    fail(ErrorCode.INVALID_EMAIL, field, 'must be an email address', got, "Use a team address such as 'platform-alerts@example.com'."),

  invalidUsername: (field: string, got: unknown, suggestion: string) =>
    fail(
      ErrorCode.INVALID_USERNAME,
      field,
      'must be a GitLab username: 2 to 255 letters, digits, _, - and ., starting and ending with a letter or digit, ' +
        'without consecutive special characters or a file-extension ending such as .git, .atom or .json',
      got,
      `Use for example '${suggestion}' (changing it later replaces the service account, its memberships and its token).`,
    ),

  invalidDefaultUsername: (username: string, group: string, suggestion: string) =>
    new IdentityError(
      ErrorCode.INVALID_USERNAME,
      'serviceAccountUsername',
      `the default service-account username ${formatValue(username)} (top-level group ${formatValue(group)}, '_', then the identity's name) ` +
        `is not a GitLab username (${username.length} characters; 2 to 255 letters, digits, _, - and ., starting and ending with a letter ` +
        `or digit, no consecutive special characters). Set serviceAccountUsername, for example ${formatValue(suggestion)}.`,
    ),

  nameTooLong: (name: string, maxLength: number, context: { readonly prefix: string; readonly target?: string; readonly suffix?: string }) =>
    fail(
      ErrorCode.NAME_TOO_LONG,
      'name',
      `${context.target ? `of the token for ${context.target} ` : ''}must be at most ${maxLength} characters (policy maxNameLength), is ${name.length}`,
      name,
      `Shorten owner or purpose${context.prefix ? ` or the policy namePrefix '${context.prefix}'` : ''}` +
        (context.suffix ? ` (the suffix '-${context.suffix}' names the project: the identity has one token per project)` : '') +
        ', or raise maxNameLength in the policy.',
    ),

  invalidLifetime: (field: string, got: unknown) =>
    fail(ErrorCode.INVALID_LIFETIME, field, 'must be a whole number of days, at least 1', got, 'Use for example 30.'),

  lifetimeAbovePolicy: (field: string, got: number, max: number) =>
    fail(
      ErrorCode.LIFETIME_ABOVE_POLICY,
      field,
      `must be at most ${max} (policy maxLifetimeDays)`,
      got,
      'Lower it, or raise maxLifetimeDays in the policy.',
    ),

  lifetimeAboveGitLabMax: (field: string, got: number, max: number, policyMax: number) =>
    fail(
      ErrorCode.LIFETIME_ABOVE_GITLAB_MAX,
      field,
      `must be at most ${max} (GitLab's maximum token lifetime)`,
      got,
      policyMax < max ? `Lower it to ${policyMax} or less (policy maxLifetimeDays).` : `Lower it to ${max} or less.`,
    ),

  invalidRotateBefore: (field: string, got: unknown) =>
    fail(
      ErrorCode.INVALID_ROTATE_BEFORE,
      field,
      'must be a whole number of days, at least 1',
      got,
      'Use for example 14: the token is replaced that many days before it expires.',
    ),

  rotateBeforeNotBelowLifetime: (got: number, gotSource: string, lifetimeDays: number, lifetimeSource: string, maxLifetimeDays: number) =>
    fail(
      ErrorCode.ROTATE_BEFORE_NOT_BELOW_LIFETIME,
      'rotateBeforeDays',
      `must be less than the lifetime of ${days(lifetimeDays)} (from ${lifetimeSource})` +
        (gotSource === 'rotateBeforeDays' ? '' : `; the value comes from ${gotSource}`),
      got,
      rotateFix(got, lifetimeDays, maxLifetimeDays),
    ),

  unknownAccessLevel: (field: string, got: unknown, allowed: readonly string[]) =>
    fail(ErrorCode.UNKNOWN_ACCESS_LEVEL, field, `must be one of ${allowed.join(', ')}`, got, 'Use a member of the AccessLevel enum.'),

  accessLevelTooLow: (field: string, got: string, required: string, because: string) =>
    fail(
      ErrorCode.ACCESS_LEVEL_TOO_LOW,
      field,
      `must be at least '${required}' for the declared capabilities (${because})`,
      got,
      `Raise it to '${required}', or remove it to get exactly '${required}'.`,
    ),

  accessLevelNotApplicable: (field: string, got: string, kind: string, why: string) =>
    fail(
      ErrorCode.ACCESS_LEVEL_NOT_APPLICABLE,
      field,
      `cannot be applied: the chosen identity is a ${kind}, which has no role of its own (${why})`,
      got,
      'Remove accessLevel.',
    ),

  botUserRequired: (why: string, orElse = 'or set serviceAccountsAvailable: true in the policy if your GitLab offers service accounts') =>
    fail(
      ErrorCode.BOT_USER_REQUIRED,
      'botUserId',
      `is required because the plan falls back to a personal access token of a bot user (${why})`,
      undefined,
      `Set botUserId to the numeric id of an existing bot user, ${orElse}.`,
    ),

  invalidBotUserId: (got: unknown) =>
    fail(
      ErrorCode.INVALID_BOT_USER_ID,
      'botUserId',
      'must be the positive whole-number id of an existing GitLab user',
      got,
      'Look the id up on the bot user\'s profile page or with GET /users?username=<name>.',
    ),

  invalidPolicy: (field: string, problem: string, got: unknown, fix: string) =>
    fail(ErrorCode.INVALID_POLICY, field, problem, got, fix),

  platformConflict: (field: string, value: boolean, platform: string, why: string) =>
    fail(ErrorCode.PLATFORM_CONFLICT, field, `says ${value ? 'yes' : 'no'}, but on ${platform} ${why}`, value,
      'Remove the switch (the platform decides), or set it to false to forbid what the platform allows.'),

  noIdentityAvailable: (platform: string, skipped: readonly string[], fix: string) =>
    fail(ErrorCode.NO_IDENTITY_AVAILABLE, 'policy.platform',
      `offers no identity that can do this automation's job (${skipped.join('; ')})`, platform, fix),

  overlapWithoutGrace: (lifetimeDays: number, rotateBeforeDays: number, graceDays: number, fix: string) =>
    fail(
      ErrorCode.OVERLAP_WITHOUT_GRACE,
      'overlap',
      `leaves consumers ${graceDays} days of grace with lifetimeDays ${lifetimeDays} and rotateBeforeDays ${rotateBeforeDays} ` +
        '(half the renewal period, less the days an apply may be late); at least 1 is needed',
      true,
      fix,
    ),

  reachSpansTopLevelGroups: (topLevelGroups: readonly string[]) =>
    fail(
      ErrorCode.REACH_SPANS_TOP_LEVEL_GROUPS,
      'reach',
      'must lie inside one top-level group when a service account is chosen: a group service account joins only projects of its own group',
      topLevelGroups,
      'Split the identity into one per top-level group.',
    ),

  outsideServiceAccountGroup: (target: string, group: string, fix = `Use '${target.split('/')[0]}', or split the identity.`) =>
    fail(
      ErrorCode.OUTSIDE_SERVICE_ACCOUNT_GROUP,
      'serviceAccountGroup',
      `must contain every reached project or group, but ${target} lies outside it (a group service account can join only its own group's projects)`,
      group,
      fix,
    ),
} as const;
