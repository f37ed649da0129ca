import { IdentityKind } from '../identity-kind';
import { GrantType } from '../grants';
import { replacedOnSchedule } from '../overlap';
import { IdentityPlan } from '../plan-identity';
import { Described, TokenCredential } from './credential';
import { PolicyRule, RuleViolation } from './policy-rule';
import { subjectLabel } from './describe';

/**
 * Whether the plan renews the token by replacing it on a time_rotating schedule: kinds the provider cannot
 * rotate, service-account tokens before GitLab 17.9 (GLID-025), and the slots of an overlapping identity.
 */
const plannedOnSchedule = (plan: IdentityPlan) => replacedOnSchedule(plan.kind, plan.overlap !== undefined, plan.tokenReplacedOnSchedule !== undefined);

function lifetime(c: TokenCredential): string[] {
  const plan = c.plan;
  if (plan?.lifetimeDays === undefined || plan.rotateBeforeDays === undefined) return [];
  const out: string[] = [];
  if (!plannedOnSchedule(plan)) {
    if (c.rotation === undefined) out.push('has no rotation_configuration, but its plan rotates it');
    const days = c.rotation?.expirationDays;
    if (days?.known && days.value !== plan.lifetimeDays) out.push(`lives ${days.value} days, but its plan says ${plan.lifetimeDays}`);
    const before = c.rotation?.rotateBeforeDays;
    if (before?.known && before.value !== plan.rotateBeforeDays) out.push(`rotates ${before.value} days before expiry, but its plan says ${plan.rotateBeforeDays}`);
    if (c.expiresAt?.known) out.push(`has the fixed expires_at ${c.expiresAt.value}, which its plan does not set`);
  } else {
    if (!c.replacedOnSchedule) out.push('is not replaced on a time_rotating schedule, but its plan replaces it');
    const every = plan.lifetimeDays - plan.rotateBeforeDays;
    if (c.scheduleDays?.known && c.scheduleDays.value !== every) out.push(`is replaced every ${c.scheduleDays.value} days, but its plan says ${every}`);
    if (c.scheduleOffsetDays !== undefined && c.scheduleOffsetDays !== plan.rotateBeforeDays) {
      out.push(`expires ${c.scheduleOffsetDays} days after each roll-over, but its plan says ${plan.rotateBeforeDays}`);
    }
    if (c.expiresAt?.known) out.push(`has the fixed expires_at ${c.expiresAt.value} instead of its schedule's`);
    if (c.rotation !== undefined) out.push('has a rotation_configuration, but its plan replaces it on a schedule');
  }
  return out;
}

/** A user of the identity's own: its service account, or the bot user its plan names. */
function userProblems(c: Described): string[] {
  if ((c.subject !== 'token' && c.subject !== 'membership') || c.plan === undefined || c.user === undefined || !c.user.known) return [];
  const user = c.user.value;
  if (c.plan.kind === IdentityKind.PERSONAL_ACCESS_TOKEN) {
    return user === `user ${c.plan.botUserId}` ? [] : [`belongs to ${user}, but its plan names user ${c.plan.botUserId}`];
  }
  const own = (c.identity?.addresses ?? []).map((a) => `service account ${a}`);
  return own.includes(user) ? [] : [`belongs to ${user}, not to the identity's own service account`];
}

export const differsFromPlan: PolicyRule = {
  id: 'GLID-021',
  name: 'differs-from-plan',
  level: 'error',
  summary: 'A resource an AutomationIdentity rendered was changed after planning: copies, lifetime, rotation, user or provider configuration.',
  explanation:
    'The inventory and the merge-request review show the plan; Terraform applies the JSON. An override (addOverride, an aspect) that ' +
    'makes copies of a token, lengthens its life, removes its rotation or hands it to another user would apply unseen.',
  fix: 'Remove the override. To change lifetime or rotation, set lifetimeDays/rotateBeforeDays on the AutomationIdentity; to change the user, declare another identity.',
  check(c): RuleViolation[] {
    if (!('plan' in c) || c.plan === undefined) return [];
    const out: string[] = [];
    if (c.copies?.known && c.copies.value !== 1) out.push(`makes ${c.copies.value} copies (count/for_each), but its plan makes one`);
    // The library renders through the stack's default provider configuration; another one (an alias) may be
    // another GitLab instance, where the inventory's targets are not what is created.
    if (c.provider !== undefined) out.push(`is created through the provider configuration ${c.provider}, but its plan uses the stack's default one`);
    if (c.subject === 'token') out.push(...lifetime(c));
    out.push(...userProblems(c));
    if (c.subject === 'variable' && c.deliversLaterSlot === false) {
      out.push('does not deliver the slot that expires later, as its overlapping plan does: a renewal may revoke the value it holds');
    }
    if (c.subject === 'grant' && c.plan.kind === IdentityKind.CI_JOB_TOKEN) {
      const allowed = c.plan.grants.filter((g) => g.type === GrantType.JOB_TOKEN_ALLOWLIST).map((g) => `project ${g.source?.toLowerCase()}`);
      for (const grantee of c.grantees) {
        if (grantee.known && !allowed.includes(grantee.value.toLowerCase())) out.push(`lets in ${grantee.value}, but its plan allows ${allowed.join(', ') || 'none'}`);
      }
    }
    return out.map((problem) => ({ message: `${subjectLabel(c)} ${problem}.` }));
  },
};
