import { GITLAB_MAX_LIFETIME_DAYS } from '../least-privilege-tables';
import { PolicyRule, cannotJudge } from './policy-rule';
import { subjectLabel } from './describe';

const LIFETIME = 'rotation_configuration.expiration_days';

export const lifetimeTooLong: PolicyRule = {
  id: 'GLID-003',
  name: 'lifetime-too-long',
  level: 'error',
  summary: 'A token lives longer than the policy maximum or GitLab\'s 365 days.',
  explanation:
    'Long-lived tokens are forgotten and leak. The policy maximum (default 90 days) bounds every token; GitLab rejects more than 365. ' +
    'A fixed expires_at date cannot be judged at synth, which reads no clock: it is an error too (fail closed).',
  fix: 'Lower rotation_configuration.expiration_days (or lifetimeDays) to the policy maximum or less.',
  check(c, { policy }) {
    if (c.subject !== 'token') return [];
    const max = Math.min(policy.maxLifetimeDays, GITLAB_MAX_LIFETIME_DAYS);
    const why = policy.maxLifetimeDays < GITLAB_MAX_LIFETIME_DAYS ? 'policy maxLifetimeDays' : "GitLab's maximum";
    const days = c.rotation?.expirationDays;
    if (days !== undefined) {
      if (!days.known) return []; // GLID-022
      return days.value > max ? [{ message: `${subjectLabel(c)} lives ${days.value} days, more than ${max} (${why}).`, attribute: LIFETIME }] : [];
    }
    // Replaced on a time_rotating schedule other than its plan's (or without a plan): it lives the
    // schedule's days plus what expires_at adds.
    const every = c.replacedOnSchedule && c.scheduleDays?.known ? c.scheduleDays.value : undefined;
    const asPlanned = c.plannedLifetimeDays !== undefined && c.plannedRotateBeforeDays !== undefined && every === c.plannedLifetimeDays - c.plannedRotateBeforeDays &&
      (c.scheduleOffsetDays === undefined || c.scheduleOffsetDays === c.plannedRotateBeforeDays);
    if (every !== undefined && !asPlanned) {
      const lives = every + (c.scheduleOffsetDays ?? 0);
      return lives > max ? [{ message: `${subjectLabel(c)} lives ${lives} days (replaced every ${every}), more than ${max} (${why}).`, attribute: LIFETIME }] : [];
    }
    if (c.plannedLifetimeDays !== undefined) {
      return c.plannedLifetimeDays > max ? [{ message: `${subjectLabel(c)} lives ${c.plannedLifetimeDays} days, more than ${max} (${why}).`, attribute: LIFETIME }] : [];
    }
    if (c.expiresAt !== undefined) {
      // A fixed date cannot be judged without a clock, and synth reads none: it fails closed.
      return c.expiresAt.known
        ? [{ ...cannotJudge('the lifetime', `expires_at is the fixed date ${c.expiresAt.value}, and synth reads no clock; use rotation_configuration`), attribute: 'expires_at' }]
        : [];
    }
    return [];
  },
};
