/**
 * Rotation for tokens the provider cannot rotate itself (deploy and trigger tokens, and service-account
 * tokens before GitLab 17.9, whose rotation cannot choose a lifetime). A `time_rotating`
 * resource rolls over every lifetime − rotate-before days; tokens are replaced when it does, the new one
 * created before the old is destroyed. Dates are computed by Terraform at apply: synth never reads a clock.
 *
 * The replacement goes through a `terraform_data` whose `triggers_replace` holds the roll-over instant.
 * Naming the time_rotating in `replace_triggered_by` does nothing: an expired time_rotating is removed from
 * state when refreshed and planned as a create, and Terraform fires replace_triggered_by only on an update
 * or a replacement (hashicorp/terraform-provider-time#118, hashicorp/terraform#31644; shown offline with
 * `terraform state rm` in test/terraform/replace-triggered-by.test.ts). The terraform_data is replaced when
 * the instant changes, and that fires. A trigger has no expires_at to change, so this alone renews it.
 */
import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformResource, TerraformResourceLifecycle } from 'cdktf';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Construct } from 'constructs';
import { addressOf, rolloverPlusHours, rolloverPlusHoursAsDate, wired } from './wired-reference';
import { once, RenderContext } from './render-context';

/**
 * Terraform's built-in `terraform_data`, holding only `triggers_replace`. Not cdktf's `DataResource`: that
 * class adds a validation that runs `terraform version` in a child process at every synth, once per
 * resource (cdktf/lib/terraform-data-resource.js, ValidateTerraformVersion). Synth must not read the
 * machine it runs on, must work where no Terraform is installed (a CI job that only synthesizes), and
 * must not start 10,000 processes for 10,000 identities. The output is the same block; Terraform ≥ 1.4
 * knows the type, and the README asks for 1.5.
 */
export class RenewalTrigger extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly triggersReplace: Record<string, string>) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
  }

  /** For apps synthesized to HCL (`cdktf synth --hcl`, `hclOutput` in cdktf.json), the same value as DataResource writes. */
  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplace) };
  }
}

/**
 * The lifecycle of a token replaced when `rotating` rolls over: through a terraform_data (`<id>`) replaced
 * with the roll-over instant, the new token created before the old one is revoked.
 */
export function replacedWith(scope: Construct, id: string, rotating: Rotating): TerraformResourceLifecycle {
  const renewal = new RenewalTrigger(scope, id, {
    rotation: wired(() => `\${${rotating.terraformResourceType}.${rotating.friendlyUniqueId}.rotation_rfc3339}`),
  });
  // A plain address: Terraform rejects an interpolation here (see wired-reference.ts).
  return { createBeforeDestroy: true, replaceTriggeredBy: [addressOf(renewal)] };
}

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
    // Made on first read and kept: each registers a token with cdktf, which is kept for the whole synth.
    get expiresAt() { return once(this, 'expiresAt', () => rolloverPlusHours(rotating, rotateBeforeDays * 24)); },
    get expiresOn() { return once(this, 'expiresOn', () => rolloverPlusHoursAsDate(rotating, rotateBeforeDays * 24)); },
    lifecycle: replacedWith(ctx.scope, 'Renewal', rotating),
  };
}
