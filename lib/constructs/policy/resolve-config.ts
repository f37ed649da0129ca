/**
 * The configuration Terraform will see for one resource or output: `toTerraform()` (escape-hatch
 * overrides included) with tokens resolved to Terraform expressions such as `${gitlab_x.y.token}`.
 */
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformResource, Tokenization } from 'cdktf';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

type Body = Record<string, unknown>;

function resolved(element: TerraformElement): Record<string, Record<string, unknown>> {
  return Tokenization.resolve(element.toTerraform(), { scope: element, preparing: false, resolver: RESOLVER }) as Record<string, Record<string, unknown>>;
}

export function resourceBody(resource: TerraformResource): Body {
  const types = resolved(resource).resource as Record<string, Record<string, Body>>;
  return types?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
}

export function outputBody(output: TerraformOutput): Body {
  return ((resolved(output).output as Record<string, Body>)?.[output.friendlyUniqueId]) ?? {};
}
