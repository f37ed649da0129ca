/**
 * References the library wires between resources it renders in one stack: a delivered token, a service
 * account's id, a project's id, a token's expiry date, a `replace_triggered_by` address.
 *
 * cdktf makes every reference, function call and Lazy an object that records the full JavaScript stack
 * when it is created and keeps it for the whole synth (`captureStackTrace` in cdktf's Intrinsic and
 * LazyBase). At 10,000 identities those traces were a fifth of the app's heap and a second of its time.
 * These resolve to the text cdktf would write, read at synth time from the resource's current logical id
 * (so `overrideLogicalId` is still honoured), and record nothing.
 *
 * Only for a whole attribute value of a resource in the same stack as the referenced one. What users read
 * (`AutomationIdentity.token`) stays a cdktf reference, which also works across stacks and inside `Fn` calls.
 */
import { IResolvable, TerraformDataSource, TerraformResource, Token } from 'cdktf';

type Referenced = TerraformResource | TerraformDataSource;

class WiredExpression implements IResolvable {
  public readonly creationStack: string[] = [];
  public constructor(private readonly text: () => string) {}
  public resolve(): string {
    return this.text();
  }
  public toString(): string {
    return Token.asString(this);
  }
}

/** `type.name`, or `data.type.name` for a data source. */
function addressText(element: Referenced): string {
  const address = `${element.terraformResourceType}.${element.friendlyUniqueId}`;
  return TerraformDataSource.isTerraformDataSource(element) ? `data.${address}` : address;
}

/**
 * The plain address, for `lifecycle.replace_triggered_by` (Terraform rejects an interpolation there;
 * Terraform docs, "JSON Configuration Syntax": lifecycle is parsed as expressions, not templates).
 * @example lifecycle: { replaceTriggeredBy: [addressOf(rotating)] } // -> ["time_rotating.x_Rotation_1234"]
 */
export function addressOf(resource: TerraformResource): string {
  return Token.asString(new WiredExpression(() => addressText(resource)));
}

/** Text made at synth time from the current logical ids, as a string token that records no stack trace. */
export function wired(text: () => string): string {
  return Token.asString(new WiredExpression(text));
}

/** `${type.name.attribute}`: what `resource.token` writes, for a whole attribute value. */
export function attributeOf(element: Referenced, attribute: string): string {
  return Token.asString(new WiredExpression(() => `\${${addressText(element)}.${attribute}}`));
}

/** `${tonumber(type.name.attribute)}`: an id the provider exposes as a string, where a number is wanted. */
export function numberAttributeOf(element: Referenced, attribute: string): number {
  return Token.asNumber(new WiredExpression(() => `\${tonumber(${addressText(element)}.${attribute})}`));
}

/** `${timeadd(time_rotating.x.rotation_rfc3339, "<hours>h")}`: the roll-over instant plus `hours`. */
export function rolloverPlusHours(rotating: TerraformResource, hours: number): string {
  return Token.asString(new WiredExpression(() => `\${timeadd(${addressText(rotating)}.rotation_rfc3339, "${hours}h")}`));
}

/**
 * `${formatdate("YYYY-MM-DD", timeadd(time_rotating.x.rotation_rfc3339, "<hours>h"))}`: the same instant as a
 * date, for tokens whose `expires_at` is a date (personal and service-account tokens expire at midnight UTC
 * of it; provider 18.6.1 docs of gitlab_group_service_account_access_token.expires_at, "YYYY-MM-DD").
 */
export function rolloverPlusHoursAsDate(rotating: TerraformResource, hours: number): string {
  return Token.asString(new WiredExpression(() => `\${formatdate("YYYY-MM-DD", timeadd(${addressText(rotating)}.rotation_rfc3339, "${hours}h"))}`));
}
