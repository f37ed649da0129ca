/**
 * Rotation for tokens the provider cannot rotate itself (deploy and trigger tokens, and service-account
 * tokens before GitLab 17.9, whose rotation cannot choose a lifetime). A `time_rotating`
 * resource rolls over every lifetime − rotate-before days; tokens are replaced when it does, the new one
 * created before the old is destroyed. Dates are computed by Terraform at apply: synth never reads a clock.
 */
import { TerraformResourceLifecycle } from 'cdktf';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { addressOf, rolloverPlusHours, rolloverPlusHoursAsDate } from './wired-reference';
import { RenderContext } from './render-context';

export interface Rotation {
  readonly rotating: Rotating;
  /** `expires_at` for a deploy token: the roll-over instant plus rotate-before days. */
  readonly expiresAt: string;
  /** The same, as the `YYYY-MM-DD` date that personal and service-account tokens take. */
  readonly expiresOn: string;
  /** Lifecycle for every token replaced on this schedule. */
  readonly lifecycle: TerraformResourceLifecycle;
}

export function createRotation(ctx: RenderContext): Rotation {
  const { lifetimeDays, rotateBeforeDays } = ctx.plan as Required<Pick<typeof ctx.plan, 'lifetimeDays' | 'rotateBeforeDays'>>;
  ctx.support.requireTimeProvider();
  const rotating = new Rotating(ctx.scope, 'Rotation', { rotationDays: lifetimeDays - rotateBeforeDays });
  return {
    rotating,
    // Getters: each registers a token with cdktf, which is kept for the whole synth.
    get expiresAt() { return rolloverPlusHours(rotating, rotateBeforeDays * 24); },
    get expiresOn() { return rolloverPlusHoursAsDate(rotating, rotateBeforeDays * 24); },
    // A plain address: Terraform rejects an interpolation here (see wired-reference.ts).
    lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [addressOf(rotating)] },
  };
}
