/** Errors of the construct layer, in the core catalogue's wording and with its error type. */
import { ErrorCode, fail, IdentityError } from '../core';

export const constructErrors = {
  invalidDeliveryKey: (field: string, got: unknown) =>
    fail(
      ErrorCode.INVALID_DELIVERY,
      field,
      'must be a CI/CD variable key: letters, digits and _ only, 1 to 255 characters',
      got,
      "Use for example 'TRIAGE_TOKEN'.",
    ),

  invalidDeliveryOption: (field: string, expected: string, got: unknown, fix: string) =>
    fail(ErrorCode.INVALID_DELIVERY, field, `must be ${expected}`, got, fix),

  nothingToDeliver: (path: string) =>
    fail(
      ErrorCode.NOTHING_TO_DELIVER,
      `deliverTo (${path})`,
      'cannot be used: the identity is a CI job token, which has no stored secret (jobs read it from CI_JOB_TOKEN)',
      'a delivery',
      'Remove deliverTo; the job uses $CI_JOB_TOKEN.',
    ),

  duplicateDelivery: (where: string, firstPath: string, secondPath: string) =>
    new IdentityError(
      ErrorCode.DUPLICATE_DELIVERY,
      'deliverTo',
      `\`deliverTo\` writes the CI/CD variable ${where} twice: from ${firstPath} and from ${secondPath}. ` +
        'Give each delivery its own key (one token per automation, never shared).',
    ),

  duplicateTokenName: (name: string, firstPath: string, secondPath: string) =>
    new IdentityError(
      ErrorCode.DUPLICATE_TOKEN_NAME,
      'name',
      `token name '${name}' is used by two identities: ${firstPath} and ${secondPath}. ` +
        'Never reuse a token for two automations: give each identity its own owner/purpose.',
    ),

  duplicateUsername: (username: string, firstPath: string, secondPath: string) =>
    new IdentityError(
      ErrorCode.DUPLICATE_USERNAME,
      'serviceAccountUsername',
      `service-account username '${username}' is used by two identities: ${firstPath} and ${secondPath}. ` +
        'GitLab usernames are unique on the instance: set a different serviceAccountUsername on one of them ' +
        `(for example '${username.toLowerCase()}-2'), or remove the one that copies the other's default.`,
    ),

  notAMergeRequestBot: (capabilities: readonly string[]) =>
    fail(
      ErrorCode.NOT_A_MERGE_REQUEST_BOT,
      'ensureBotAuthoredLabel',
      'applies only to merge-request bots (capabilities api:write and repository:write)',
      capabilities,
      'Remove ensureBotAuthoredLabel, or declare both capabilities if the automation opens merge requests.',
    ),

  notifyExpiryNotSupported: (kind: string) =>
    fail(
      ErrorCode.NOTIFY_EXPIRY_NOT_SUPPORTED,
      'notifyExpiry',
      'works only for project access tokens (project webhook resource_access_token_events; provider 18.6.1 has no group equivalent)',
      kind,
      kind === 'service-account'
        ? 'Remove notifyExpiry and set contactEmail: GitLab mails service-account token expiry to it.'
        : 'Remove notifyExpiry; watch expiry through the inventory and scheduled applies instead.',
    ),

  invalidUrl: (field: string, got: unknown) =>
    fail(ErrorCode.INVALID_URL, field, 'must be an https:// URL', got, "Use for example 'https://alerts.example.com/gitlab-token-expiry'."),

  noSingleToken: (path: string, reason: string) =>
    fail(ErrorCode.NO_SINGLE_TOKEN, `token (${path})`, `is not available: ${reason}`, undefined, 'Use tokenFor(target) for per-project tokens.'),

  noUsername: (path: string, kind: string) =>
    fail(ErrorCode.NO_SINGLE_TOKEN, `usernameFor (${path})`, `is only for deploy tokens; this identity is a ${kind}, whose token needs no username`, kind,
      'Use token (or tokenFor) alone.'),

  literalSecret: (field: string) =>
    fail(ErrorCode.INVALID_TYPE, field, 'must be a sensitive reference (a Terraform variable or another resource\'s secret), not a literal', 'a literal string',
      'A literal would be written into cdk.tf.json in plain text: pass for example a TerraformVariable with sensitive: true.'),

  invalidChecksProps: (got: unknown) =>
    fail(ErrorCode.INVALID_TYPE, 'IdentityPolicyChecks props', 'must be an options object', got, 'Pass { policy } or nothing.'),

  invalidSuppressionScope: (got: unknown) =>
    fail(ErrorCode.INVALID_SUPPRESSION, 'construct', 'must be a construct', got, 'Pass the construct whose findings you accept, e.g. an AutomationIdentity.'),

  unknownTarget: (field: string, got: unknown, targets: readonly string[]) =>
    fail(ErrorCode.UNKNOWN_TARGET, field, `must be one of the identity's token targets (${targets.join(', ')})`, got, 'Pass one of those paths.'),

  duplicateTimeProvider: (paths: readonly string[]) =>
    new IdentityError(
      ErrorCode.DUPLICATE_TIME_PROVIDER,
      'TimeProvider',
      `the stack has several hashicorp/time providers without alias (${paths.join(', ')}). ` +
        'AutomationIdentity adds one when the stack has none: declare your TimeProvider before the first AutomationIdentity, or remove it.',
    ),

  unknownRule: (field: string, got: unknown, ids: readonly string[], suggestion?: string) =>
    fail(ErrorCode.UNKNOWN_RULE, field, `must be a rule ID (${ids.join(', ')})`, got,
      `${suggestion ? `Did you mean '${suggestion}'? ` : ''}RULES.md lists every rule.`),

  shortReason: (field: string, got: unknown, minimum: number) =>
    fail(ErrorCode.INVALID_SUPPRESSION, field, `must explain why the finding is acceptable in at least ${minimum} characters`, got,
      "Say why, for example 'group holds 4 projects, all owned by the runner team'."),

  suppressionOnApp: (path: string) =>
    fail(ErrorCode.INVALID_SUPPRESSION, 'construct', 'must be a stack or a construct inside one: suppressions stay local', path || 'the app',
      'Add the suppression to the stack, or better, to the construct the finding is about.'),

  invalidSuppressions: (got: unknown) =>
    fail(ErrorCode.INVALID_SUPPRESSION, 'suppressions', 'must be an array of { id, reason }', got,
      "Use [{ id: 'GLID-010', reason: 'group holds 4 projects, owned by one team' }]."),
} as const;
