/**
 * Findings: what a plan or a policy check reports about a credential. Errors fail synth unless suppressed
 * with a reason; warnings are printed; info notes what could not be verified.
 */

export type FindingLevel = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable rule ID, for example `GLID-007`. Suppressions name it. */
  readonly ruleId: string;
  readonly level: FindingLevel;
  /** One line, in the user's terms, including how to fix it. Never contains a secret. */
  readonly message: string;
  /** The Terraform attribute it is about (`access_level`, `rotation_configuration.expiration_days`), when one is. */
  readonly attribute?: string;
}

/**
 * Rule IDs raised by the decision core itself. IDs are stable: never renumber or reuse one.
 * The stack-wide checks add the others; RULES.md lists them all.
 */
export const PlanRuleId = Object.freeze({
  /** An explicit access level above what the capabilities need. */
  OVER_PRIVILEGED: 'GLID-007',
  /** A group access token was chosen: it reaches every project of the group. */
  GROUP_ACCESS_TOKEN: 'GLID-010',
  /** A bot user's personal access token was chosen: the last resort. */
  PERSONAL_ACCESS_TOKEN: 'GLID-011',
  /** A group deploy token that writes to the registries of a group larger than smallGroupMaxProjects. */
  GROUP_DEPLOY_TOKEN_WRITE: 'GLID-017',
  /** A service account with a custom email: inactive until the address is confirmed. */
  SERVICE_ACCOUNT_CUSTOM_EMAIL: 'GLID-019',
  /** An instance service account was chosen: only an administrator can apply it. */
  ADMINISTRATOR_REQUIRED: 'GLID-024',
  /** A service-account token replaced on a schedule because the platform cannot rotate it to a lifetime (before 17.9). */
  SERVICE_ACCOUNT_TOKEN_REPLACED: 'GLID-025',
} as const);

export function finding(ruleId: string, level: FindingLevel, message: string, attribute?: string): Finding {
  return Object.freeze(attribute === undefined ? { ruleId, level, message } : { ruleId, level, message, attribute });
}

/** Canonical order: errors first, then warnings, then info; by rule ID; by message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank: Record<FindingLevel, number> = { error: 0, warning: 1, info: 2 };
  return [...findings].sort(
    (a, b) =>
      rank[a.level] - rank[b.level] || compare(a.ruleId, b.ruleId) || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
