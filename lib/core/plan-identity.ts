/**
 * `planIdentity`: the single decision entry point (DESIGN.md §2). Given what an automation does, it
 * returns the least-privilege identity as a frozen value that explains itself. Pure: same request, same
 * plan, whatever the clock, timezone or environment.
 */
import { AccessLevel, compareAccessLevels, maxAccessLevel } from './access-level';
import { Capability } from './capability';
import { decide, topLevelGroupsOf } from './decision-rules';
import { describeDeployTokenWrites } from './deploy-token-writes';
import { errors } from './errors';
import { Finding, PlanRuleId, finding, sortFindings } from './findings';
import { flattenStrings } from './flat-strings';
import { samePath } from './gitlab-path';
import { Grant, buildGrants } from './grants';
import { IdentityKind } from './identity-kind';
import { IdentityRequest, ValidatedRequest, validateRequest } from './identity-request';
import {
  BOT_AUTHORED_LABEL,
  CAPABILITY_ACCESS_LEVEL,
  JOB_TOKEN_ALLOWLIST_PRECONDITION,
  KIND_HAS_ROLE,
  MERGE_REQUEST_BOT_CAPABILITIES,
} from './least-privilege-tables';
import { baseTokenName, checkNameLength } from './naming';
import { OverlapPlan, SLOT_SUFFIXES, describeSchedule, planOverlap, replacedOnSchedule } from './overlap';
import { FEATURE_GATES, describePlatform, freeServiceAccountScope, hiddenVariablesMissing, serviceAccountTokenReplaced } from './platform';
import { ResolvedPolicy } from './policy';
import { Reach, ReachDescription, ReachType } from './reach';
import { RuntimeDescription } from './runtime';
import { scopesFor, scopesPerCapability } from './scopes';
import { defaultUsernameFor } from './service-account-username';
import { TokenScope } from './token-scope';

/** GitLab's limit on token descriptions. */
export const MAX_DESCRIPTION_LENGTH = 255;

/** The decided identity. Frozen, deeply; collections sorted canonically. */
export interface IdentityPlan {
  /** The chosen kind of identity. */
  readonly kind: IdentityKind;
  /** Number of the decision rule that chose it (DESIGN.md §4), 1 to 7. */
  readonly decisionRule: number;
  /** The identity's name: `<prefix><owner>-<purpose>`. Per-project tokens add a suffix (see `grants`). */
  readonly name: string;
  readonly owner: string;
  readonly purpose: string;
  /**
   * Token description: `<owner>/<purpose>: <kind>`, at most 255 characters. A stable function of declared
   * inputs, never of the rationale: `description` forces a new token in the provider, so rewording prose
   * in a release must not revoke tokens (the rationale lives in `rationale` and the inventory).
   */
  readonly description: string;
  readonly runtime: RuntimeDescription;
  readonly reach: ReachDescription;
  /** The declared capabilities, deduplicated, in canonical order. */
  readonly capabilities: readonly Capability[];
  /**
   * Role of the bot user, service account or (stated, not managed) existing bot user. Absent for kinds
   * without a role of their own: CI job, pipeline trigger and deploy tokens.
   */
  readonly accessLevel?: AccessLevel;
  /** The lowest role that covers the capabilities, for kinds that have a role. */
  readonly requiredAccessLevel?: AccessLevel;
  /** Minimal scopes, sorted. Empty for CI job and pipeline trigger tokens. */
  readonly scopes: readonly TokenScope[];
  /** One entry per place the identity is granted, sorted by target. */
  readonly grants: readonly Grant[];
  /** Token lifetime in days. Absent for the CI job token, which lives only while its job runs. */
  readonly lifetimeDays?: number;
  /** Days before expiry at which the token is replaced. Absent for the CI job token. */
  readonly rotateBeforeDays?: number;
  /** Labels the automation's merge requests must carry (`automation:bot-authored` for MR bots). */
  readonly labels: readonly string[];
  /**
   * The service account's email (service-account only, when a contactEmail is given): the address
   * plus-tagged with the identity's name, or the Terraform reference as given.
   */
  readonly serviceAccountEmail?: string;
  /** Service-account plans: the top-level group that owns the account (none for an instance service account). */
  readonly serviceAccountGroup?: string;
  /**
   * Service-account plans: the account's username (explicit, or `<top-level group>_<name>` for a group
   * service account, `<name>` for an instance service account).
   */
  readonly serviceAccountUsername?: string;
  /**
   * Present when the platform cannot rotate a service-account token to a chosen lifetime (GitLab before
   * 17.9): why. The token is then replaced on a `time_rotating` schedule, like a deploy token.
   */
  readonly tokenReplacedOnSchedule?: string;
  /** The existing bot user whose personal access token is used (personal-access-token only). */
  readonly botUserId?: number;
  /** The GitLab it was planned for (`GitLab.com Free`), when the policy names one. */
  readonly platform?: string;
  /**
   * Present when the platform cannot hide CI/CD variables (before 17.6): why. Delivered variables are then
   * masked but not hidden, and the checks and the inventory say so.
   */
  readonly variablesNotHidden?: string;
  /**
   * Service accounts on Free: where GitLab caps their number at 100 (`top-level group gitlab-org on
   * GitLab.com`, `the self-managed instance`). The app counts the plans that share it.
   */
  readonly freeServiceAccountScope?: string;
  /**
   * Two token slots (`overlap: true`), renewed in turn half a period apart, the later-expiring one delivered:
   * the grace consumers get and the longest gap between applies the delivered value survives. Tokens are
   * named `<name>-a` and `<name>-b`.
   */
  readonly overlap?: OverlapPlan;
  /** How the decision was reached, in words: the summary first, then every rule and table consulted. */
  readonly rationale: readonly string[];
  /** What a reviewer must know: over-privilege, high blast radius, last-resort choices. */
  readonly findings: readonly Finding[];
}

const ROLELESS_WHY: Partial<Record<IdentityKind, string>> = {
  [IdentityKind.CI_JOB_TOKEN]: 'a job token acts with the role of the user who runs the pipeline',
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: "triggered pipelines run as the trigger's owner",
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: 'deploy tokens carry scopes only',
  [IdentityKind.GROUP_DEPLOY_TOKEN]: 'deploy tokens carry scopes only',
};

/** The lowest role covering `capabilities`, and which capability needs it. */
export function requiredAccessLevel(capabilities: readonly Capability[]): { level: AccessLevel; because: Capability } {
  let level = AccessLevel.GUEST;
  let because = capabilities[0];
  for (const c of capabilities) {
    const needed = CAPABILITY_ACCESS_LEVEL[c];
    if (compareAccessLevels(needed, level) > 0) because = c;
    level = maxAccessLevel(level, needed);
  }
  return { level, because };
}

function decideAccessLevel(req: ValidatedRequest, kind: IdentityKind, rationale: string[], findings: Finding[]) {
  if (!KIND_HAS_ROLE[kind]) {
    if (req.accessLevel !== undefined) {
      throw errors.accessLevelNotApplicable('accessLevel', req.accessLevel, kind, ROLELESS_WHY[kind] as string);
    }
    return { accessLevel: undefined, required: undefined };
  }
  const { level: required, because } = requiredAccessLevel(req.capabilities);
  if (req.accessLevel === undefined) {
    rationale.push(`Access level ${required}: the lowest role that covers ${because} (table CAPABILITY_ACCESS_LEVEL).`);
    return { accessLevel: required, required };
  }
  const cmp = compareAccessLevels(req.accessLevel, required);
  if (cmp < 0) throw errors.accessLevelTooLow('accessLevel', req.accessLevel, required, `${because} needs ${required}`);
  if (cmp > 0) {
    findings.push(
      finding(
        PlanRuleId.OVER_PRIVILEGED,
        'error',
        `accessLevel '${req.accessLevel}' is above the '${required}' the capabilities need (${because} needs ${required}). ` +
          `Remove accessLevel, or suppress ${PlanRuleId.OVER_PRIVILEGED} with a reason.`,
      ),
    );
    rationale.push(`Access level ${req.accessLevel}: set explicitly, above the required ${required} (over-privileged).`);
  } else {
    rationale.push(`Access level ${required}: set explicitly, equal to what ${because} needs.`);
  }
  return { accessLevel: req.accessLevel, required };
}

function kindFindings(kind: IdentityKind, req: ValidatedRequest, accessLevel: AccessLevel | undefined, scopes: readonly TokenScope[]): Finding[] {
  const { reach, policy } = req;
  const writes = describeDeployTokenWrites(scopes);
  if (kind === IdentityKind.GROUP_DEPLOY_TOKEN && writes !== undefined && (reach.projectCount as number) > policy.smallGroupMaxProjects) {
    return [
      finding(
        PlanRuleId.GROUP_DEPLOY_TOKEN_WRITE,
        'warning',
        `group deploy token on ${reach.group}: a leak lets anyone ${writes} for all ${reach.projectCount} projects of the group ` +
          `(more than smallGroupMaxProjects, ${policy.smallGroupMaxProjects}). Name the projects that are written to with ` +
          'Reach.projects to get one project deploy token each.',
      ),
    ];
  }
  if (kind === IdentityKind.GROUP_ACCESS_TOKEN) {
    return [
      finding(
        PlanRuleId.GROUP_ACCESS_TOKEN,
        'warning',
        `group access token on ${reach.group}: a leak exposes all ${reach.projectCount} projects of the group with role ` +
          `'${accessLevel}'. Acceptable for small groups (at most ${policy.smallGroupMaxProjects}); name the projects ` +
          `with Reach.projects to get a service account instead.`,
      ),
    ];
  }
  if (kind === IdentityKind.PERSONAL_ACCESS_TOKEN) {
    return [
      finding(
        PlanRuleId.PERSONAL_ACCESS_TOKEN,
        'warning',
        `personal access token of bot user ${req.botUserId}: the last resort. It acts with every membership the bot ` +
          `user holds; keep it a member of the reached ${reach.type === ReachType.GROUP ? 'group' : 'projects'} only, ` +
          `with role '${accessLevel}', and move to a service account when your GitLab offers them.`,
      ),
    ];
  }
  return [];
}

/**
 * GitLab needs a different email for every user, and one team address usually serves many accounts: each
 * account gets the address plus-tagged with its name (`bots+quality-triage@example.com`), which mail servers
 * deliver to `bots@example.com`. Deterministic, and unique because identity names are.
 */
export function accountEmail(contactEmail: string, name: string): string {
  if (contactEmail.includes('${')) return contactEmail; // a reference: the user chose the address
  const at = contactEmail.lastIndexOf('@');
  return `${contactEmail.slice(0, at)}+${name}${contactEmail.slice(at)}`;
}

/**
 * A custom service-account email must be confirmed before the account is active wherever email
 * confirmation is on (GitLab.com included), unless the group has verified the domain (GitLab API docs,
 * "Create a group service account": "Custom email addresses require confirmation, unless the group has a
 * matching verified domain or email confirmation settings are turned off"; provider 18.6.1 docs of
 * gitlab_group_service_account.email). Until then GitLab blocks the account's API and git access. An
 * instance service account belongs to no group, so only the instance's confirmation setting can spare it.
 */
function customEmailFinding(email: string, kind: IdentityKind): Finding {
  const unless = kind === IdentityKind.INSTANCE_SERVICE_ACCOUNT
    ? '. Confirm the address before the automation runs (an instance service account has no group whose verified domain could spare it).'
    : ', unless the top-level group has verified the domain. Verify the domain in the group, or confirm the address before the automation runs.';
  return finding(
    PlanRuleId.SERVICE_ACCOUNT_CUSTOM_EMAIL,
    'warning',
    `service account email ${email.includes('${') ? 'from a Terraform reference' : `'${email}'`} is a custom address: GitLab keeps the ` +
      'account inactive, so its token cannot use the API or git, until the address is confirmed (wherever email confirmation is on, ' +
      `GitLab.com included)${unless} Changing contactEmail replaces every service account that uses it.`,
  );
}

function describeExpiry(req: ValidatedRequest, kind: IdentityKind): string {
  const { lifetimeDays, rotateBeforeDays, lifetimeSource, rotateBeforeSource } = req.expiry;
  if (kind === IdentityKind.CI_JOB_TOKEN) {
    return 'Lifetime: the job token is valid only while its job runs; there is nothing to expire or rotate.';
  }
  const replaced = kind === IdentityKind.PIPELINE_TRIGGER_TOKEN ? 'replaced on a schedule (trigger tokens cannot expire): every' : 'expires after';
  return (
    `Lifetime: ${replaced} ${lifetimeDays} days (${lifetimeSource}), rotated ${rotateBeforeDays} days before ` +
    `(${rotateBeforeSource}); rotation happens when terraform apply runs.`
  );
}

function describeScopes(kind: IdentityKind, capabilities: readonly Capability[], scopes: readonly TokenScope[]): string {
  if (scopes.length === 0) return `Scopes: none (a ${kind} has no scopes).`;
  const per = scopesPerCapability(kind, capabilities)
    .map(([c, s]) => `${c} -> ${s.join('+')}`)
    .join('; ');
  return `Scopes ${scopes.join(', ')}: ${per} (table ${kind.endsWith('deploy-token') ? 'DEPLOY_TOKEN_SCOPES' : 'ACCESS_TOKEN_SCOPES'}, minimized).`;
}

/**
 * The token description. `description` is RequiresReplace on access and personal tokens (see
 * REPLACEMENT_ATTRIBUTES), so it carries only declared inputs and the kind, never generated prose.
 */
export function tokenDescription(owner: string, purpose: string, kind: IdentityKind): string {
  const text = `${owner}/${purpose}: ${kind}`;
  return text.length <= MAX_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 3)}...`;
}

/** Every token name fits the policy, with the slot suffix (`-b`) of overlapping identities. */
function checkNames(name: string, grants: readonly Grant[], policy: ResolvedPolicy, slot: string): void {
  const prefix = policy.namePrefix;
  checkNameLength(`${name}${slot}`, policy.maxNameLength, { prefix, ...(slot ? { suffix: slot.slice(1) } : {}) });
  for (const g of grants) {
    if (g.tokenName !== undefined && g.tokenName !== name) {
      checkNameLength(`${g.tokenName}${slot}`, policy.maxNameLength, { prefix, target: g.target, suffix: `${g.tokenName.slice(name.length + 1)}${slot}` });
    }
  }
}

/**
 * Decides the least-privilege GitLab identity for an automation.
 *
 * @throws IdentityError for any invalid request, naming the field, the value, what is allowed and a fix.
 * @example
 * const plan = planIdentity({
 *   owner: 'quality', purpose: 'allure-report',
 *   runtime: Runtime.ciPipeline('gitlab-org/gitlab'), reach: Reach.project('gitlab-org/gitlab'),
 *   capabilities: [Capability.API_TRIAGE],
 * });
 * plan.kind;   // 'project-access-token'
 * plan.scopes; // ['api']
 */
export function planIdentity(request: IdentityRequest): IdentityPlan {
  const req = validateRequest(request);
  const { runtime, reach, capabilities, policy } = req;
  const decision = decide({ runtime, reach, capabilities, policy });
  const { kind } = decision;

  const rationale: string[] = [];
  const findings: Finding[] = [];
  const summary = `${kind} chosen by rule ${decision.rule}: ${decision.because}.`;
  rationale.push(summary, ...decision.steps);

  const { accessLevel, required } = decideAccessLevel(req, kind, rationale, findings);
  const scopes = scopesFor(kind, capabilities);
  rationale.push(describeScopes(kind, capabilities, scopes));
  rationale.push(describeExpiry(req, kind));
  const overlap = req.overlap ? planOverlap(kind, req.expiry.lifetimeDays, req.expiry.rotateBeforeDays, policy.maxLifetimeDays) : undefined;
  if (req.overlap && !overlap) rationale.push(`Overlap (${req.overlapSource}) does not apply: a ${kind} stores no secret.`);
  const tokenReplaced = kind === IdentityKind.SERVICE_ACCOUNT ? serviceAccountTokenReplaced(policy.platform) : undefined;
  if (kind !== IdentityKind.CI_JOB_TOKEN) {
    const onSchedule = replacedOnSchedule(kind, overlap !== undefined, tokenReplaced !== undefined);
    rationale.push(describeSchedule(kind, req.expiry.lifetimeDays, req.expiry.rotateBeforeDays, overlap, onSchedule));
  }

  if (kind === IdentityKind.PERSONAL_ACCESS_TOKEN && req.botUserId === undefined) {
    throw req.policy.serviceAccountsAvailable
      ? errors.botUserRequired(decision.deferredBecause ?? 'service accounts are not available',
        'or plan for a GitLab that has service accounts: Premium or Ultimate from 16.1, or Free from 18.11 (policy.platform)')
      : errors.botUserRequired('the policy says service accounts are not available');
  }
  const botUserId = kind === IdentityKind.PERSONAL_ACCESS_TOKEN ? req.botUserId : undefined;
  if (req.botUserId !== undefined && botUserId === undefined) {
    rationale.push(`botUserId ${req.botUserId} is not used: a ${kind} was chosen.`);
  }
  findings.push(...kindFindings(kind, req, accessLevel, scopes));

  const name = baseTokenName(policy.namePrefix, req.owner, req.purpose);
  const isAccount = kind === IdentityKind.SERVICE_ACCOUNT || kind === IdentityKind.INSTANCE_SERVICE_ACCOUNT;
  const serviceAccountEmail = isAccount && req.contactEmail !== undefined ? accountEmail(req.contactEmail, name) : undefined;
  if (serviceAccountEmail !== undefined) findings.push(customEmailFinding(serviceAccountEmail, kind));
  const grants = buildGrants(kind, runtime, reach, name, accessLevel);
  checkNames(name, grants, policy, overlap ? `-${SLOT_SUFFIXES[1]}` : '');
  const account = kind === IdentityKind.SERVICE_ACCOUNT ? serviceAccountOf(req, grants, name)
    : kind === IdentityKind.INSTANCE_SERVICE_ACCOUNT ? instanceServiceAccountOf(req, grants, name) : undefined;
  if (account) rationale.push(account.because);
  if (kind === IdentityKind.INSTANCE_SERVICE_ACCOUNT) findings.push(administratorFinding(account?.username as string, reach));
  if (tokenReplaced !== undefined) {
    rationale.push(`The token is replaced on a schedule, not rotated in place: ${tokenReplaced}.`);
    findings.push(tokenReplacedFinding(tokenReplaced, req.expiry.lifetimeDays));
  }

  if (kind === IdentityKind.CI_JOB_TOKEN) rationale.push(JOB_TOKEN_ALLOWLIST_PRECONDITION);
  const isMergeRequestBot = MERGE_REQUEST_BOT_CAPABILITIES.every((c) => capabilities.includes(c));
  if (isMergeRequestBot) {
    rationale.push(`Merge requests it opens must carry the label ${BOT_AUTHORED_LABEL} (it writes through the API and pushes).`);
  }

  const notHidden = kind !== IdentityKind.CI_JOB_TOKEN ? hiddenVariablesMissing(policy.platform) : undefined;
  if (notHidden !== undefined) rationale.push(`Delivered variables are not hidden: ${notHidden}.`);

  const hasExpiry = kind !== IdentityKind.CI_JOB_TOKEN;
  const plan: IdentityPlan = {
    kind,
    decisionRule: decision.rule,
    name,
    owner: req.owner,
    purpose: req.purpose,
    description: tokenDescription(req.owner, req.purpose, kind),
    runtime: runtime.describe(),
    reach: reach.describe(),
    capabilities: Object.freeze([...capabilities]),
    ...(accessLevel !== undefined ? { accessLevel, requiredAccessLevel: required } : {}),
    scopes: Object.freeze(scopes),
    grants: Object.freeze(grants),
    ...(hasExpiry ? { lifetimeDays: req.expiry.lifetimeDays, rotateBeforeDays: req.expiry.rotateBeforeDays } : {}),
    labels: Object.freeze(isMergeRequestBot ? [BOT_AUTHORED_LABEL] : []),
    ...(serviceAccountEmail !== undefined ? { serviceAccountEmail } : {}),
    ...(account?.group !== undefined ? { serviceAccountGroup: account.group } : {}),
    ...(account ? { serviceAccountUsername: account.username } : {}),
    ...(tokenReplaced !== undefined ? { tokenReplacedOnSchedule: tokenReplaced } : {}),
    ...(overlap ? { overlap } : {}),
    ...(botUserId !== undefined ? { botUserId } : {}),
    ...(policy.platform ? { platform: describePlatform(policy.platform) } : {}),
    ...(notHidden !== undefined ? { variablesNotHidden: notHidden } : {}),
    ...(account && policy.platform ? freeServiceAccountScope(policy.platform, account.group) : {}),
    rationale: Object.freeze(rationale),
    findings: Object.freeze(sortFindings(findings)),
  };
  return Object.freeze(flattenStrings(plan));
}

/**
 * An instance service account's username: `<name>` unless given. It belongs to no group (its memberships may
 * lie in several top-level groups), so a `serviceAccountGroup` asked for on the identity cannot hold; the
 * policy's is only a default for group service accounts, and is set aside with a note.
 */
function instanceServiceAccountOf(req: ValidatedRequest, grants: readonly Grant[], name: string): { group?: undefined; username: string; because: string } {
  if (req.serviceAccountGroup !== undefined) {
    const outside = grants.map((g) => g.target).find((t) => !samePath(t.split('/')[0], req.serviceAccountGroup as string)) as string;
    throw errors.outsideServiceAccountGroup(outside, req.serviceAccountGroup,
      'Remove serviceAccountGroup to get an instance service account, which belongs to no group, or split the identity per top-level group.');
  }
  const username = req.serviceAccountUsername ?? name;
  const policyGroup = req.policy.serviceAccountGroup ? ` The policy's serviceAccountGroup ${req.policy.serviceAccountGroup} is not used: an instance service account belongs to no group.` : '';
  return { username, because: `The instance service account has username ${username}${req.serviceAccountUsername !== undefined ? ' (as requested)' : ' (the identity\'s name)'}.${policyGroup}` };
}

/**
 * Only an administrator can create an instance service account and its personal access tokens
 * [GL:doc/api/service_accounts.md "Instance service accounts"; TFdoc:personal_access_token "requires
 * administration privileges"] (gitlab-platforms.md rows 8 and 10).
 */
function administratorFinding(username: string, reach: Reach): Finding {
  const groups = topLevelGroupsOf(reach);
  return finding(
    PlanRuleId.ADMINISTRATOR_REQUIRED,
    'warning',
    `instance service account ${username}: only an administrator of the instance can create it and its personal access token, ` +
      `so this stack must be applied with an administrator's token. It is the one identity that reaches the top-level groups ` +
      `${groups.join(', ')} together; split the identity per top-level group to apply without an administrator.`,
  );
}

function tokenReplacedFinding(why: string, lifetimeDays: number): Finding {
  return finding(
    PlanRuleId.SERVICE_ACCOUNT_TOKEN_REPLACED,
    'warning',
    `${why}: the token gets a fixed expires_at ${lifetimeDays} days out and is replaced on a time_rotating schedule instead of rotated in place. ` +
      'Each replacement creates a new token before revoking the old one in the same apply, and ends the token ID consumers may track. ' +
      `Upgrade GitLab to ${FEATURE_GATES.serviceAccountTokenRotation} to rotate it in place.`,
  );
}

/**
 * The service account's group and username. Provider 18.6.1 creates group service accounts on top-level
 * groups only, and a group service account can join only projects and groups inside its own group.
 */
function serviceAccountOf(req: ValidatedRequest, grants: readonly Grant[], name: string): { group: string; username: string; because: string } {
  const targets = grants.map((g) => g.target);
  const explicit = req.serviceAccountGroup ?? (req.policy.serviceAccountGroup || undefined);
  let group: string;
  if (explicit === undefined) {
    const topLevels = [...new Set(targets.map((t) => t.split('/')[0].toLowerCase()))];
    if (topLevels.length !== 1) throw errors.reachSpansTopLevelGroups(topLevels);
    group = targets[0].split('/')[0];
  } else {
    for (const t of targets) if (!samePath(t.split('/')[0], explicit)) throw errors.outsideServiceAccountGroup(t, explicit);
    group = explicit;
  }
  const username = req.serviceAccountUsername ?? defaultUsernameFor(group, name);
  const from = req.serviceAccountGroup !== undefined ? 'as requested' : explicit !== undefined ? 'the policy\'s serviceAccountGroup' : 'the top-level group of everything reached';
  return { group, username, because: `The service account belongs to top-level group ${group} (${from}), username ${username}.` };
}
