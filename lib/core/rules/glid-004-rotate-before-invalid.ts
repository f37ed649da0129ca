import { PolicyRule, RuleViolation } from './policy-rule';
import { subjectLabel } from './describe';

export const rotateBeforeInvalid: PolicyRule = {
  id: 'GLID-004',
  name: 'rotate-before-invalid',
  level: 'error',
  summary: 'rotate_before_days is below 1 or not below the token\'s lifetime.',
  explanation:
    'With rotate_before_days at or above expiration_days, every apply rotates the token (and breaks its consumers); below 1 the provider rejects it.',
  fix: 'Set rotate_before_days from 1 to expiration_days - 1 (the library defaults to 14 of 90).',
  check(c): RuleViolation[] {
    if (c.subject !== 'token') return [];
    const before = c.rotation?.rotateBeforeDays ?? (c.plannedRotateBeforeDays !== undefined ? { known: true as const, value: c.plannedRotateBeforeDays } : undefined);
    const lifetime = c.rotation?.expirationDays ?? (c.plannedLifetimeDays !== undefined ? { known: true as const, value: c.plannedLifetimeDays } : undefined);
    if (before === undefined) return [];
    if (!before.known) return []; // GLID-022
    if (before.value < 1) return [{ message: `${subjectLabel(c)} has rotate_before_days ${before.value}, below 1.`, attribute: 'rotation_configuration.rotate_before_days' }];
    if (lifetime === undefined) return [];
    if (!lifetime.known) return []; // GLID-003 already reports the unresolved lifetime
    return before.value >= lifetime.value
      ? [{ message: `${subjectLabel(c)} rotates ${before.value} days before expiry but lives only ${lifetime.value}: every apply would rotate it.`, attribute: 'rotation_configuration.rotate_before_days' }]
      : [];
  },
};
