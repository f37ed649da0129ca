/**
 * The warning before a token lapses: a `lifecycle.postcondition` that fails the plan (or the apply) when the
 * token, after this apply, still expires within its rotate-before window. An apply inside that window renews
 * the token (the provider rotates it, or its time_rotating rolls over), so a token found there after an apply
 * was not renewed: the provider did not rotate it (provider issues #6282 and #6546; reference/gitlab-facts.md
 * §8), or an override stopped its renewal. It fails rather than warns: the stack's applies stop until the token
 * is renewed, before it lapses in use.
 *
 * Terraform checks a postcondition at plan time when the values are known (a token nothing renews), and after
 * apply otherwise. `plantimestamp()` is the plan's time, read by Terraform, never by synth.
 */
import { Postcondition } from 'cdktf';
import { IdentityPlan } from '../../core';

/**
 * How a token's `expires_at` reads: an RFC 3339 instant (deploy tokens), or a `YYYY-MM-DD` date at midnight UTC
 * (access, personal and service-account tokens). A date may fall up to a day before the instant it was computed
 * from, so a date is allowed that day.
 */
export type ExpiryFormat = 'instant' | 'date';

export function lapseCheck(plan: IdentityPlan, format: ExpiryFormat, what: string): Postcondition {
  const before = plan.rotateBeforeDays as number;
  const expiry = format === 'instant' ? 'self.expires_at' : 'format("%sT00:00:00Z", self.expires_at)';
  const hours = (format === 'instant' ? before : before - 1) * 24;
  return {
    condition: `\${timecmp(${expiry}, timeadd(plantimestamp(), "${hours}h")) >= 0}`,
    errorMessage: `${what} expires at \${self.expires_at}, within its ${before}-day rotate-before window after this apply, so it was not renewed. ` +
      `Run terraform apply at least every ${before} days (README, "Rotation schedule"); if applies ran, the provider did not renew the token.`,
  };
}
