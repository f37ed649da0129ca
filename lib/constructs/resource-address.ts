/**
 * Plain Terraform addresses for meta-arguments that take references, not values.
 *
 * `lifecycle.replace_triggered_by` (and `depends_on`) are static references in Terraform: the JSON syntax
 * wants `"time_rotating.x"`, and `"${time_rotating.x}"` fails at configuration load with "Invalid
 * character" (Terraform docs, "JSON Configuration Syntax": lifecycle and depends_on are parsed as
 * expressions, not templates). cdktf 0.21 renders a resource object passed to `replaceTriggeredBy` as its
 * `fqn`, which is an interpolation (cdktf issues #3196, #3532, #3645; `lifecycleToTerraform` in
 * cdktf/lib/terraform-resource.js): pass this string instead.
 */
import { TerraformResource } from 'cdktf';
import { addressOf } from './render/wired-reference';

/**
 * `<type>.<logical id>` of `resource`, resolved at synth so a later `overrideLogicalId` is honoured.
 * @example lifecycle: { replaceTriggeredBy: [resourceAddress(rotating)] } // -> ["time_rotating.x_Rotation_1234"]
 */
export function resourceAddress(resource: TerraformResource): string {
  return addressOf(resource);
}
