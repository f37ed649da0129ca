/**
 * Where secrets go. Every attribute of every resource, data source and module call is evaluated when it is
 * an expression; a value computed from a secret is allowed only in a place built to hold one: the value of a
 * CI/CD variable (which GLID-013/014 judge), a sensitive output (GLID-012 judges outputs), or a secret store
 * of another provider. Anywhere else (a repository file, a webhook, a pipeline-schedule variable, a
 * description, the input of a module the checks cannot read, a provisioner) it is a sink, reported by GLID-023.
 * So are the places Terraform itself prints or sends: the error message of a precondition or postcondition
 * (of a block or an output; `nonsensitive()` makes Terraform print it), a provider's configuration that sends
 * it elsewhere than the GitLab of the stack's default `gitlab` provider, and
 * any block the engine does not otherwise read (`check` with its scoped data sources and asserts, `import`,
 * `removed` with its provisioners, `ephemeral`): there every value is judged.
 */
import { Described } from '../rules/credential';
import { secretAddresses } from './describe-stack';
import { SECRET_STORES, isVariableType, ownEntry, secretAttributesOf } from './resource-catalogue';
import { traversalsIn } from './expression';
import { StackModel } from './stack-model';
import { ConfigBlock, JsonObject, TerraformConfig, constructPath, entriesOf, hasExpression, isObject } from './terraform-config';
import { deepTaint } from './expression/value';

/** Meta-arguments that hold no value Terraform stores or shows, and the `//` comment Terraform ignores. */
// count and for_each too: Terraform keeps no value of them but the instance keys, and refuses a sensitive for_each.
const NOT_VALUES = new Set(['lifecycle', 'depends_on', 'provider', 'providers', 'source', 'version', 'count', 'for_each', '//']);

function allowedIn(block: ConfigBlock, attribute: string): boolean {
  if (block.mode === 'resource' && isVariableType(block.type) && attribute === 'value') return true;
  return block.mode === 'resource' && (ownEntry(SECRET_STORES, block.type) ?? []).includes(attribute);
}

/** The attribute may carry a secret to a sink: a value (not a meta-argument) written as an expression. */
const mayCarrySecret = (attribute: string, raw: unknown) => !NOT_VALUES.has(attribute) && hasExpression(raw);

/*
 * The loops below run over every attribute of every block of a stack (some 10,000 per stack of 500
 * identities), nearly all of them literals: a literal costs no allocation (no entry arrays, no closures per
 * block); only an attribute written as an expression is evaluated. Measured on the benchmark's 10,000
 * identities (bench/): 16 MB less allocated than with Object.entries and closures, peak RSS unchanged
 * (before the blocks were expanded first, which adds one small list per block).
 */
function blockSinks(stack: StackModel, block: ConfigBlock, found: Described[]): void {
  const body = block.body;
  for (const attribute in body) {
    if (!Object.prototype.hasOwnProperty.call(body, attribute) || !mayCarrySecret(attribute, body[attribute]) || allowedIn(block, attribute)) continue;
    const secrets = secretAddresses(stack, stack.attribute(block, attribute));
    if (secrets.length > 0) found.push({ subject: 'sink', path: block.path, address: block.address, place: `${block.address}.${attribute}`, attribute, secrets });
  }
}

function moduleInputSinks(stack: StackModel, name: string, inputs: Record<string, unknown>, found: Described[]): void {
  for (const attribute in inputs) {
    if (!Object.prototype.hasOwnProperty.call(inputs, attribute) || !mayCarrySecret(attribute, inputs[attribute])) continue;
    const secrets = secretAddresses(stack, stack.evaluate(inputs[attribute]));
    if (secrets.length > 0) found.push({ subject: 'sink', path: `module.${name}`, address: `module.${name}`, place: `input ${attribute} of module.${name}`, attribute, secrets });
  }
}

/**
 * A module call the checks cannot read: whatever it creates (a token with owner access, a membership, an
 * unmasked variable holding a secret) is unchecked, so it fails closed (GLID-022) until its files are given to
 * the checks (`gitlab-identity check` reads local modules) or a reviewer suppresses it with a reason.
 */
function unreadModuleCall(name: string, body: Record<string, unknown>): Described {
  const source = typeof body.source === 'string' ? body.source : undefined;
  const where = source === undefined ? 'its source is not a string' : `its source ${JSON.stringify(source)} is not read by the checks`;
  return {
    subject: 'module',
    path: constructPath(body, `module.${name}`),
    address: `module.${name}`,
    ...(source !== undefined ? { source } : {}),
    unverifiable: [{
      attribute: 'source',
      reason: `${where}, so the tokens, memberships, CI/CD variables and outputs it creates are not checked; ` +
        '`gitlab-identity check` reads a local module (source "./..."), a remote one must be vendored as one',
    }],
  };
}

const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * The `condition` and `error_message` of each condition block of `kinds` in `holder` (a lifecycle block, an
 * output, a variable; JSON syntax writes a nested block as an object or a list of objects): Terraform prints
 * the message and the values the condition refers to when it fails, in plan and apply logs (terraform apply
 * printed a nonsensitive() token so, with a warning only).
 */
function conditionMessages(holder: unknown, kinds: readonly string[]): unknown[] {
  const messages: unknown[] = [];
  for (const h of asList(holder)) {
    if (!isObject(h)) continue;
    for (const kind of kinds) {
      for (const c of asList(h[kind])) {
        if (!isObject(c)) continue;
        // A failed condition's diagnostic prints the values its condition refers to (terraform apply 1.11:
        // `│ local.t is "glpat-…"` under "Resource precondition failed"), besides the message.
        for (const part of [c.condition, c.error_message]) if (hasExpression(part)) messages.push(part);
      }
    }
  }
  return messages;
}

/**
 * Whether a condition text refers to nothing but attributes of `self` that hold no secret, as the lapse check the
 * library writes on every expiring token does (`timecmp(self.expires_at, …)`, `… expires at ${self.expires_at}`):
 * then no secret can be in it and it is not evaluated. Decided once per distinct text and block type (`known`);
 * every other reference, `self` whole or indexed, or a text that does not parse, is evaluated.
 */
const PLAIN_SELF_INTERPOLATION = /\$\{self\.([A-Za-z_][\w-]*)\}/g;

function onlyPlainSelf(text: unknown, block: ConfigBlock, known: Map<string, boolean>): boolean {
  if (typeof text !== 'string') return false;
  const key = `${block.mode} ${block.type} ${text}`;
  let plain = known.get(key);
  if (plain === undefined) {
    const secret = secretAttributesOf(block.mode, block.type);
    // Without parsing first: a text whose only interpolations are `${self.<attribute>}` (a message naming its token).
    const rest = text.replace(PLAIN_SELF_INTERPOLATION, (whole, attribute: string) => (secret.includes(attribute) ? whole : ''));
    plain = (!rest.includes('${') && !rest.includes('%{')) || traversalsIn(text).every((t) => t.startsWith('self.') && t.split('.').length === 2 && !secret.includes(t.slice('self.'.length)));
    known.set(key, plain);
  }
  return plain;
}

function conditionSinks(stack: StackModel, block: ConfigBlock, found: Described[], known: Map<string, boolean>): void {
  for (const message of conditionMessages(block.body.lifecycle, ['precondition', 'postcondition'])) {
    if (onlyPlainSelf(message, block, known)) continue;
    const secrets = secretAddresses(stack, stack.evaluate(message, block));
    if (secrets.length > 0) found.push({ subject: 'sink', path: block.path, address: block.address, place: `${block.address}.lifecycle condition`, attribute: 'lifecycle', secrets });
  }
}

function outputConditionSinks(stack: StackModel, found: Described[]): void {
  for (const [name, raw] of stack.outputs) {
    for (const message of conditionMessages(raw, ['precondition'])) {
      const secrets = secretAddresses(stack, stack.evaluate(message));
      const path = stack.outputPaths.get(name) ?? `output.${name}`;
      if (secrets.length > 0) found.push({ subject: 'sink', path, address: `output.${name}`, place: `output.${name} precondition`, attribute: 'precondition', secrets });
    }
  }
}

/** Variable validations (since Terraform 1.9 they may refer to resources): printed when they fail. */
function validationSinks(stack: StackModel, found: Described[]): void {
  for (const [name, raw] of entriesOf(stack.config.variable)) {
    for (const part of conditionMessages(raw, ['validation'])) {
      const secrets = secretAddresses(stack, stack.evaluate(part));
      if (secrets.length > 0) found.push({ subject: 'sink', path: `var.${name}`, address: `var.${name}`, place: `var.${name} validation`, attribute: 'validation', secrets });
    }
  }
}

/** Provider meta-arguments that carry no value sent anywhere. */
const PROVIDER_NOT_VALUES = new Set(['alias', 'version', '//']);

/** The configurations of the `gitlab` provider in a stack: the default one under "", aliases by name. */
function gitlabConfigurations(config: TerraformConfig): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  for (const [name, raw] of entriesOf(config.provider)) {
    if (name !== 'gitlab') continue;
    for (const body of asList(raw)) if (isObject(body)) found.set(typeof body.alias === 'string' ? body.alias : '', body);
  }
  return found;
}

/** `base_url` as written in a gitlab provider configuration (absent included), for comparing two of them. */
const baseUrlOf = (body: JsonObject | undefined) => String(JSON.stringify(body?.base_url));

/**
 * The `base_url` of the gitlab provider configuration that mints the secret `id`: the one its resource's
 * `provider` meta-argument names, or the stack's default; undefined when that cannot be told.
 */
function mintingBaseUrl(stack: StackModel, id: string): string | undefined {
  const source = stack.app.source(id);
  if (source.stack === '') return undefined;
  const model = source.stack === stack.name ? stack : stack.app.model(source.stack);
  const address = source.address.replace(/\[[^\]]*\]$/, '');
  const block = model.resources.find((r) => r.address === address);
  if (block === undefined) return undefined;
  const meta = block.body.provider;
  if (meta !== undefined && (typeof meta !== 'string' || !/^gitlab(\.|$)/.test(meta))) return undefined;
  const alias = typeof meta === 'string' && meta.startsWith('gitlab.') ? meta.slice('gitlab.'.length) : '';
  return baseUrlOf(gitlabConfigurations(model.config).get(alias));
}

/**
 * A provider's configuration: a token in it is sent to whatever endpoint it names. A GitLab token given to
 * a `gitlab` provider configuration with the same `base_url` (as written, both absent included) as the one
 * that minted it goes back to the GitLab it came from, as when a service account's token configures the
 * provider of a later stack; to any other endpoint or provider it is a sink.
 */
function providerSinks(stack: StackModel, found: Described[]): void {
  for (const [name, raw] of entriesOf(stack.config.provider)) {
    for (const body of asList(raw)) {
      if (!isObject(body)) continue;
      const address = `provider.${name}${typeof body.alias === 'string' ? `.${body.alias}` : ''}`;
      for (const attribute in body) {
        if (!Object.prototype.hasOwnProperty.call(body, attribute) || PROVIDER_NOT_VALUES.has(attribute) || !hasExpression(body[attribute])) continue;
        const value = stack.evaluate(body[attribute]);
        const ids = deepTaint(value);
        if (ids.length === 0) continue;
        if (name === 'gitlab' && attribute === 'token' && ids.every((id) => mintingBaseUrl(stack, id) === baseUrlOf(body))) continue;
        found.push({ subject: 'sink', path: address, address, place: `${address}.${attribute}`, attribute, secrets: secretAddresses(stack, value) });
      }
    }
  }
}

/** The top-level blocks the engine reads as resources, values and calls; every other one is judged whole. */
const READ_BLOCKS = new Set(['//', 'terraform', 'resource', 'data', 'locals', 'variable', 'output', 'module', 'provider']);

/**
 * Blocks the engine does not model (`check`, `import`, `removed`, `ephemeral`, and any Terraform adds): a
 * secret anywhere in one is a sink. A `check` block's scoped data source sends its configuration (an http
 * URL, a remote-state address) at every plan, and its asserts print their messages.
 */
function otherBlockSinks(stack: StackModel, found: Described[]): void {
  const config = stack.config as Record<string, unknown>;
  for (const kind of Object.keys(config)) {
    if (READ_BLOCKS.has(kind)) continue;
    for (const [name, body] of entriesOf(config[kind])) {
      if (!hasExpression(body)) continue;
      const secrets = secretAddresses(stack, stack.evaluate(body));
      if (secrets.length > 0) found.push({ subject: 'sink', path: `${kind}.${name}`, address: `${kind}.${name}`, place: `${kind}.${name}`, secrets });
    }
  }
}

/** Every place of the stack where a secret is written without being kept secret. */
export function secretSinks(stack: StackModel): Described[] {
  const found: Described[] = [];
  // Instance by instance where count/for_each is known: each.key is then a key, not everything for_each reads.
  // Every block is expanded before any attribute is read: expansion and attribute values are cached, so in a
  // cycle (a for_each that reads an attribute that reads the block) the order decides what is unknown.
  const declared = [...stack.resources, ...stack.dataSources];
  for (const d of declared) stack.instancesOf(d);
  const plainSelf = new Map<string, boolean>();
  for (const d of declared) {
    for (const block of stack.instancesOf(d)) {
      blockSinks(stack, block, found);
      conditionSinks(stack, block, found, plainSelf);
    }
  }
  for (const [name, raw] of stack.modules) {
    // A module the app holds is checked itself (its instance): where its inputs go is judged there.
    if (!isObject(raw) || stack.app.hasModuleInstance(stack.name, name)) continue;
    moduleInputSinks(stack, name, raw, found);
    found.push(unreadModuleCall(name, raw));
  }
  outputConditionSinks(stack, found);
  validationSinks(stack, found);
  providerSinks(stack, found);
  otherBlockSinks(stack, found);
  return found;
}
