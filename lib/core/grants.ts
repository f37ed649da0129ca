/** Where an identity is granted: the places a reviewer checks (DESIGN.md §4). */
import { AccessLevel } from './access-level';
import { IdentityKind } from './identity-kind';
import { samePath } from './gitlab-path';
import { targetSuffixes } from './naming';
import { Reach, ReachType } from './reach';
import { Runtime } from './runtime';

export enum GrantType {
  /** An inbound job-token allowlist entry on `target` naming `source`: jobs of `source` may access `target`. */
  JOB_TOKEN_ALLOWLIST = 'job-token-allowlist',
  /** A pipeline trigger token on `target`. */
  PIPELINE_TRIGGER = 'pipeline-trigger',
  /** A deploy token on `target` (a project or a group). */
  DEPLOY_TOKEN = 'deploy-token',
  /** A project or group access token on `target`, whose bot user holds `accessLevel` there. */
  ACCESS_TOKEN = 'access-token',
  /** A membership of the service account on `target` with `accessLevel`. */
  MEMBERSHIP = 'membership',
  /**
   * The role the existing bot user needs on `target`. Stated for review; the library does not manage the
   * bot user's memberships.
   */
  BOT_USER_MEMBERSHIP = 'bot-user-membership',
}

export interface Grant {
  readonly type: GrantType;
  readonly targetType: 'project' | 'group';
  /** Full path of the project or group. */
  readonly target: string;
  /** For allowlist entries: the project whose CI jobs are allowed in. */
  readonly source?: string;
  /** For grants that create a token of their own (per-project deploy and trigger tokens, access tokens). */
  readonly tokenName?: string;
  /** For access tokens and memberships. */
  readonly accessLevel?: AccessLevel;
  /**
   * For grants with a token of their own when there are several: the suffix of the CI/CD variable keys that
   * deliver it (`_GITALY` for token `<name>-gitaly`), so that each token gets its own variable.
   */
  readonly keySuffix?: string;
}

/** The grant without its unset fields, frozen (a loop: Object.fromEntries allocates far more, per plan). */
function grant(g: Grant): Grant {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(g)) if (value !== undefined) out[key] = value;
  return Object.freeze(out) as unknown as Grant;
}

/** Builds the grants of a plan. `accessLevel` is the plan's; `baseName` its name. */
export function buildGrants(
  kind: IdentityKind,
  runtime: Runtime,
  reach: Reach,
  baseName: string,
  accessLevel: AccessLevel | undefined,
): Grant[] {
  const onGroup = reach.type === ReachType.GROUP;
  const targets = onGroup ? [reach.group as string] : [...reach.projects];
  const targetType = onGroup ? 'group' : 'project';
  // One token per target: each gets its own suffixed name when there is more than one.
  const suffixes = targets.length > 1 ? targetSuffixes(targets) : undefined;
  const perTargetName = (t: string) => (suffixes ? `${baseName}-${suffixes.get(t) as string}` : baseName);
  const keySuffix = (t: string) => (suffixes ? { keySuffix: `_${(suffixes.get(t) as string).toUpperCase().replace(/-/g, '_')}` } : {});

  switch (kind) {
    case IdentityKind.CI_JOB_TOKEN: {
      const source = runtime.sourceProject as string;
      return targets
        .filter((t) => !samePath(t, source))
        .map((t) => grant({ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: t, source }));
    }
    case IdentityKind.PIPELINE_TRIGGER_TOKEN:
      return targets.map((t) => grant({ type: GrantType.PIPELINE_TRIGGER, targetType, target: t, tokenName: perTargetName(t), ...keySuffix(t) }));
    case IdentityKind.PROJECT_DEPLOY_TOKEN:
    case IdentityKind.GROUP_DEPLOY_TOKEN:
      return targets.map((t) => grant({ type: GrantType.DEPLOY_TOKEN, targetType, target: t, tokenName: perTargetName(t), ...keySuffix(t) }));
    case IdentityKind.PROJECT_ACCESS_TOKEN:
    case IdentityKind.GROUP_ACCESS_TOKEN:
      return targets.map((t) => grant({ type: GrantType.ACCESS_TOKEN, targetType, target: t, tokenName: baseName, accessLevel }));
    case IdentityKind.SERVICE_ACCOUNT:
    case IdentityKind.INSTANCE_SERVICE_ACCOUNT:
      return targets.map((t) => grant({ type: GrantType.MEMBERSHIP, targetType, target: t, accessLevel }));
    case IdentityKind.PERSONAL_ACCESS_TOKEN:
      return targets.map((t) => grant({ type: GrantType.BOT_USER_MEMBERSHIP, targetType, target: t, accessLevel }));
  }
}
