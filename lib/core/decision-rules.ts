/**
 * The decision rules of DESIGN.md §4, in order. The first rule that applies decides; every rule looked at
 * leaves a line in the rationale saying why it did or did not apply.
 */
import { Capability } from './capability';
import { samePath } from './gitlab-path';
import { IdentityKind } from './identity-kind';
import { DEPLOY_TOKEN_SCOPES, JOB_TOKEN_ELIGIBLE, JOB_TOKEN_OWN_PROJECT_ONLY } from './least-privilege-tables';
import { errors } from './errors';
import { Availability, describePlatform, kindAvailability } from './platform';
import { ResolvedPolicy } from './policy';
import { Reach, ReachType } from './reach';
import { Runtime, RuntimeType } from './runtime';

export interface DecisionInput {
  readonly runtime: Runtime;
  readonly reach: Reach;
  /** Deduplicated, canonical order. */
  readonly capabilities: readonly Capability[];
  readonly policy: ResolvedPolicy;
}

export interface Decision {
  readonly kind: IdentityKind;
  /** Number of the deciding rule, 1 to 7. */
  readonly rule: number;
  /** One line per rule looked at, in order, the deciding one last. */
  readonly steps: readonly string[];
  /** Why the deciding rule chose this kind, in one sentence. */
  readonly because: string;
  /** Rule 7 only: why the rule that wanted a service account could not have one. */
  readonly deferredBecause?: string;
}

type Outcome =
  | { readonly kind: IdentityKind; readonly because: string }
  | { readonly skip: string }
  | { readonly deferTo7: string }
  /** Rule 7 only: not even the last resort exists on the platform. */
  | { readonly none: string };

interface DecisionRule {
  readonly number: number;
  readonly title: string;
  evaluate(input: DecisionInput): Outcome;
}

/** Whether the policy's platform has `kind` (every kind, without a platform). */
const exists = (kind: IdentityKind, policy: ResolvedPolicy): Availability => kindAvailability(kind, policy.platform);

/** Service accounts: the platform must have them and the policy must not forbid them. */
function serviceAccounts(policy: ResolvedPolicy): Availability {
  const onPlatform = exists(IdentityKind.SERVICE_ACCOUNT, policy);
  if (!onPlatform.available) return onPlatform;
  return policy.serviceAccountsAvailable ? onPlatform : { available: false, why: 'the policy says service accounts are not available' };
}

/** The top-level groups of everything reached, lower-cased, in order of first appearance. */
export function topLevelGroupsOf(reach: Reach): string[] {
  const targets = reach.type === ReachType.GROUP ? [reach.group as string] : reach.projects;
  return [...new Set(targets.map((t) => t.split('/')[0].toLowerCase()))];
}

/**
 * The service account a rule would choose: a group service account, or, for a reach across top-level groups
 * on a self-managed or Dedicated platform, an instance service account (a group service account joins only
 * its own group's projects; gitlab-platforms.md rows 5 and 8). Without a platform, or on GitLab.com, a reach
 * across top-level groups stays a group service account, refused with REACH_SPANS_TOP_LEVEL_GROUPS when planned.
 */
function serviceAccountKind(reach: Reach, policy: ResolvedPolicy): { kind: IdentityKind; spans?: readonly string[] } | { unavailable: string } {
  const spans = topLevelGroupsOf(reach);
  if (spans.length > 1 && policy.platform !== null && policy.platform.offering !== 'gitlab.com') {
    const instance = exists(IdentityKind.INSTANCE_SERVICE_ACCOUNT, policy);
    if (!instance.available) return { unavailable: `the reach spans the top-level groups ${spans.join(', ')} and ${instance.why}` };
    if (!policy.serviceAccountsAvailable) return { unavailable: 'the policy says service accounts are not available' };
    return { kind: IdentityKind.INSTANCE_SERVICE_ACCOUNT, spans };
  }
  const sa = serviceAccounts(policy);
  return sa.available ? { kind: IdentityKind.SERVICE_ACCOUNT } : { unavailable: sa.why };
}

const INSTANCE_ACCOUNT = 'an instance service account, which an administrator creates,';

const isSmallGroup = (reach: Reach, policy: ResolvedPolicy) =>
  reach.type === ReachType.GROUP && (reach.projectCount as number) <= policy.smallGroupMaxProjects;

const groupSize = (reach: Reach) => `${reach.projectCount} project${reach.projectCount === 1 ? '' : 's'}`;

export const DECISION_RULES: readonly DecisionRule[] = Object.freeze([
  {
    number: 1,
    title: 'CI job token',
    evaluate({ runtime, reach, capabilities }: DecisionInput): Outcome {
      if (runtime.type !== RuntimeType.CI_PIPELINE) return { skip: 'the automation does not run in GitLab CI' };
      if (reach.type === ReachType.GROUP) {
        return { skip: 'a whole-group reach cannot be allowlisted project by project at synth time' };
      }
      const ineligible = capabilities.filter((c) => !JOB_TOKEN_ELIGIBLE[c]);
      if (ineligible.length > 0) return { skip: `a job token cannot do ${ineligible.join(', ')}` };
      const source = runtime.sourceProject as string;
      const ownOnly = capabilities.filter((c) => JOB_TOKEN_OWN_PROJECT_ONLY.has(c));
      if (ownOnly.length > 0 && !(reach.isSingleProject && samePath(reach.projects[0], source))) {
        return { skip: `a job token can do ${ownOnly.join(', ')} only on its own project ${source}` };
      }
      return {
        kind: IdentityKind.CI_JOB_TOKEN,
        because: `every capability is available to the CI job token of ${source}; no secret is stored and nothing expires`,
      };
    },
  },
  {
    number: 2,
    title: 'pipeline trigger token',
    evaluate({ runtime, reach, capabilities }: DecisionInput): Outcome {
      if (runtime.type !== RuntimeType.EXTERNAL) return { skip: 'the automation runs in GitLab CI' };
      if (capabilities.length !== 1 || capabilities[0] !== Capability.PIPELINE_TRIGGER) {
        return { skip: 'it does more than trigger pipelines' };
      }
      if (reach.type === ReachType.GROUP) {
        return { skip: 'trigger tokens belong to projects; name the projects with Reach.projects to use them' };
      }
      return { kind: IdentityKind.PIPELINE_TRIGGER_TOKEN, because: 'an external system only starts pipelines' };
    },
  },
  {
    number: 3,
    title: 'deploy token',
    evaluate({ reach, capabilities }: DecisionInput): Outcome {
      const notDeploy = capabilities.filter((c) => DEPLOY_TOKEN_SCOPES[c] === null);
      if (notDeploy.length > 0) return { skip: `a deploy token cannot do ${notDeploy.join(', ')}` };
      return reach.type === ReachType.GROUP
        ? { kind: IdentityKind.GROUP_DEPLOY_TOKEN, because: `only repository and registry access is needed, on the whole group ${reach.group}` }
        : {
            kind: IdentityKind.PROJECT_DEPLOY_TOKEN,
            because: `only repository and registry access is needed${reach.projects.length > 1 ? ', one token per project' : ''}`,
          };
    },
  },
  {
    number: 4,
    title: 'service account required',
    evaluate({ reach, capabilities, policy }: DecisionInput): Outcome {
      if (!capabilities.includes(Capability.TOKENS_MANAGE)) return { skip: 'it does not manage tokens' };
      const sa = serviceAccountKind(reach, policy);
      if ('unavailable' in sa) return { deferTo7: `tokens:manage needs a service account and ${sa.unavailable}` };
      return {
        kind: sa.kind,
        because: sa.spans
          ? `tokens:manage needs a service account, and across the top-level groups ${sa.spans.join(', ')} only ${INSTANCE_ACCOUNT} can join every project`
          : 'tokens:manage needs a service account: project and group tokens cannot create tokens',
      };
    },
  },
  {
    number: 5,
    title: 'one project',
    evaluate({ reach, policy }: DecisionInput): Outcome {
      if (!reach.isSingleProject) return { skip: 'the reach is more than one project' };
      const prat = exists(IdentityKind.PROJECT_ACCESS_TOKEN, policy);
      if (!prat.available) return { skip: `${prat.why}, so the single project ${reach.projects[0]} is reached as rule 6 reaches several` };
      return { kind: IdentityKind.PROJECT_ACCESS_TOKEN, because: `the reach is the single project ${reach.projects[0]}` };
    },
  },
  {
    number: 6,
    title: 'several projects',
    evaluate({ reach, policy }: DecisionInput): Outcome {
      const grat = exists(IdentityKind.GROUP_ACCESS_TOKEN, policy);
      if (isSmallGroup(reach, policy) && policy.allowGroupAccessTokens && grat.available) {
        return {
          kind: IdentityKind.GROUP_ACCESS_TOKEN,
          because: `the reach is the whole small group ${reach.group} (${groupSize(reach)}, at most ${policy.smallGroupMaxProjects})`,
        };
      }
      const what = reach.type === ReachType.GROUP ? `the group ${reach.group} (${groupSize(reach)})`
        : reach.isSingleProject ? `the single project ${reach.projects[0]}` : `${reach.projects.length} named projects`;
      // A small group that could have had a group access token but for the platform: said, not silent.
      const noGrat = isSmallGroup(reach, policy) && policy.allowGroupAccessTokens && !grat.available ? ` (${grat.why})` : '';
      const sa = serviceAccountKind(reach, policy);
      if ('unavailable' in sa) return { deferTo7: `the reach is ${what}${noGrat} and ${sa.unavailable}` };
      return {
        kind: sa.kind,
        because: sa.spans
          ? `the reach is ${what} across the top-level groups ${sa.spans.join(', ')}: only ${INSTANCE_ACCOUNT} can join all of them, with a membership on each project`
          : `the reach is ${what}${noGrat}: a service account with a membership on ${reach.type === ReachType.GROUP ? 'the group' : reach.isSingleProject ? 'it' : 'each project'}`,
      };
    },
  },
  {
    number: 7,
    title: 'no service accounts',
    // DESIGN.md gives rule 7 a group-access-token case for a whole small group without tokens:manage. It never
    // reaches here: rule 6 already chooses that token whatever the policy says about service accounts, and
    // defers only when it cannot; rule 4 defers only with tokens:manage.
    evaluate({ policy }: DecisionInput): Outcome {
      const pat = exists(IdentityKind.PERSONAL_ACCESS_TOKEN, policy);
      if (!pat.available) return { none: pat.why };
      return {
        kind: IdentityKind.PERSONAL_ACCESS_TOKEN,
        because: 'without service accounts, the last resort is a personal access token of an existing bot user',
      };
    },
  },
]);

/** Runs the rules in order and returns the first decision. Total: rule 7 always decides. */
export function decide(input: DecisionInput): Decision {
  const platform = input.policy.platform;
  // The platform first: every skip below may depend on it.
  const steps: string[] = platform ? [`Platform: ${describePlatform(platform)}.`] : [];
  let deferred: string | undefined;
  for (const rule of DECISION_RULES) {
    if (deferred && rule.number !== 7) continue;
    if (!deferred && rule.number === 7) break;
    const outcome = rule.evaluate(input);
    const label = `Rule ${rule.number} (${rule.title})`;
    if ('kind' in outcome) {
      steps.push(`${label} applies: ${outcome.because} -> ${outcome.kind}.`);
      return Object.freeze({ kind: outcome.kind, rule: rule.number, steps: Object.freeze(steps), because: outcome.because, ...(deferred ? { deferredBecause: deferred } : {}) });
    }
    if ('none' in outcome) {
      const onCom = platform?.offering === 'gitlab.com';
      throw errors.noIdentityAvailable(describePlatform(platform as NonNullable<typeof platform>), [...steps.slice(1), `${label}: ${outcome.none}`],
        onCom
          ? 'Allow service accounts (remove serviceAccountsAvailable: false); a reach across top-level groups then needs one identity per top-level group.'
          : 'Allow service accounts (Premium or Ultimate, or GitLab 18.11 on Free), or let an administrator of the instance create the bot user\'s token.');
    }
    if ('skip' in outcome) {
      steps.push(`${label} does not apply: ${outcome.skip}.`);
    } else {
      steps.push(`${label} would apply, but ${outcome.deferTo7}; continuing with rule 7.`);
      deferred = outcome.deferTo7;
    }
  }
  // Unreachable: rule 6 either decides or defers to rule 7 for every reach that rules 1-5 left.
  throw new Error('internal: no decision rule applied');
}
