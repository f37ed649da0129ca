/**
 * A plan saved by `terraform show -json`, as one Terraform JSON configuration the engine reads. Every
 * resource instance of every module instance becomes a block of its own (a unique name, mapped back to its
 * address); values are the planned values (Terraform resolved variables, locals, count/for_each). A value
 * known only after apply, or marked sensitive, is written as the references its configuration expression
 * makes, translated to those blocks: through module outputs, module arguments and the resource's
 * for_each, so a token's secret is followed wherever it goes. What the plan does not describe (locals: the
 * plan's configuration has none) is taken to carry every secret of the plan: the checks fail closed.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format
 */
import { secretAttributesOf } from '../../core/engine/resource-catalogue';
import { CliError } from '../cli-error';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface ResourceInstance {
  readonly address: string;
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values: JsonObject;
  /** `sensitive_values`: which attributes Terraform hides as sensitive. */
  readonly sensitive: Json | undefined;
  /** The module instance's address prefix: '' or `module.a["x"].`. */
  readonly module: string;
  /** The engine's block name for it, unique in the plan. */
  readonly unique: string;
}

interface ConfigModule {
  readonly resources?: readonly JsonObject[];
  readonly outputs?: Record<string, JsonObject>;
  readonly module_calls?: Record<string, { expressions?: JsonObject; module?: ConfigModule }>;
}

/** The plan as a configuration, with the real address of every block name it uses. */
export interface PlanConfig {
  readonly config: JsonObject;
  /** Engine address (`type.name`) → the plan's address. */
  readonly addresses: ReadonlyMap<string, string>;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_REFERENCE_DEPTH = 16;

function fail(what: string): never {
  throw new CliError(`not a plan from 'terraform show -json' (${what})`);
}

/** The configuration module a module instance (`module.a["x"].module.b.`) was written in. */
function configModule(root: ConfigModule | undefined, prefix: string): ConfigModule | undefined {
  let current = root;
  for (const m of prefix.matchAll(/module\.([^.[]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./g)) current = current?.module_calls?.[m[1]]?.module;
  return current;
}

/** The parent module instance's prefix and the call's name: `module.a["x"].module.b.` → [`module.a["x"].`, `b`]. */
function parentOf(prefix: string): { parent: string; call: string } | undefined {
  const m = /^(.*?)module\.([^.[]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.$/.exec(prefix);
  return m ? { parent: m[1], call: m[2] } : undefined;
}

function collectInstances(module: unknown, out: ResourceInstance[], depth = 0): void {
  if (!isObject(module)) fail('a module of planned_values is not an object');
  if (depth > 64) fail('modules nested deeper than 64');
  const prefix = typeof module.address === 'string' ? `${module.address}.` : '';
  for (const r of Array.isArray(module.resources) ? module.resources : module.resources === undefined ? [] : fail('resources is not a list')) {
    if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') fail('a resource without address, type or name');
    const mode = r.mode === 'data' ? 'data' : 'resource';
    const index = typeof r.index === 'string' || typeof r.index === 'number' ? r.index : undefined;
    out.push({
      address: r.address, mode, type: r.type, name: r.name, ...(index !== undefined ? { index } : {}),
      values: isObject(r.values) ? r.values : {}, sensitive: r.sensitive_values, module: prefix,
      unique: `${r.name.replace(/[^A-Za-z0-9_-]/g, '_')}__${out.length}`,
    });
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) collectInstances(child, out, depth + 1);
}

/** Translates the references of configuration expressions into JSON-syntax expressions over the plan's blocks. */
class References {
  private readonly allSecrets: string[];
  private readonly secretSet: ReadonlySet<string>;
  /** What a reference the plan does not describe (a local) may hold: every secret, or (precise) nothing. */
  private readonly unknownHolds: string[];
  /** Instances by module instance, mode, type and name: one lookup per reference, not a scan of the plan. */
  private readonly byBlock = new Map<string, ResourceInstance[]>();
  /** Module instance prefixes, each once. */
  private readonly prefixes: readonly string[];
  /** The configuration resources of each configuration module, by address: indexed once per module. */
  private readonly configs = new Map<ConfigModule, Map<string, JsonObject>>();

  /** The configuration of a resource instance (its expressions, its for_each), by its module and address. */
  public configOf(i: ResourceInstance): JsonObject | undefined {
    const module = configModule(this.root, i.module);
    if (!module) return undefined;
    let index = this.configs.get(module);
    if (!index) {
      index = new Map();
      for (const c of module.resources ?? []) if (typeof c.address === 'string' && !index.has(c.address)) index.set(c.address, c);
      this.configs.set(module, index);
    }
    return index.get(`${i.mode === 'data' ? 'data.' : ''}${i.type}.${i.name}`);
  }

  /**
   * `precise`: what the plan does not describe is not assumed to hold secrets. Used to ask whether a known
   * value certainly reads a secret, so that a known role read from a local stays known.
   */
  public constructor(
    private readonly instances: readonly ResourceInstance[],
    private readonly root: ConfigModule | undefined,
    private readonly variables: JsonObject,
    precise = false,
  ) {
    this.allSecrets = instances.flatMap((i) => secretAttributesOf(i.mode, i.type).map((a) => this.ref(i, a)));
    this.secretSet = new Set(this.allSecrets);
    this.unknownHolds = precise ? [] : this.allSecrets;
    for (const i of instances) {
      const key = blockKey(i.module, i.mode, i.type, i.name);
      const list = this.byBlock.get(key);
      if (list) list.push(i);
      else this.byBlock.set(key, [i]);
    }
    this.prefixes = [...new Set(instances.map((i) => i.module))];
  }

  private ref(i: ResourceInstance, attribute?: string): string {
    return `${i.mode === 'data' ? 'data.' : ''}${i.type}.${i.unique}${attribute ? `.${attribute}` : ''}`;
  }

  /** Everything a value with these references may hold, as one expression (a list when several). */
  public expression(refs: readonly unknown[], prefix: string, self?: ResourceInstance): string {
    const parts = this.parts(refs, prefix, self);
    return parts.length === 1 ? `\${${parts[0]}}` : `\${[${parts.join(', ')}]}`;
  }

  /**
   * Whether the references reach a secret of the plan (a token's value, through any module or for_each):
   * then even a known value is written as the reference. Ask a precise instance: what is only assumed (a
   * local) must not count here, or every known role read from a local would become unknown.
   */
  public readsSecret(refs: readonly unknown[], prefix: string, self?: ResourceInstance): boolean {
    return this.parts(refs, prefix, self).some((p) => this.secretSet.has(p));
  }

  /**
   * Terraform lists a reference and its containers (`data.x.y.id`, `data.x.y`): only the most precise ones
   * are followed, or a data source's own secrets would seem to flow into its id.
   */
  private parts(refs: readonly unknown[], prefix: string, self?: ResourceInstance): string[] {
    const texts = refs.filter((r): r is string => typeof r === 'string');
    const precise = texts.filter((r) => !texts.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))));
    return [...new Set(precise.flatMap((r) => this.translate(r, prefix, self, 0)))];
  }

  /** One reference as expressions over the plan's blocks (several: every instance it may mean). */
  private translate(ref: string, prefix: string, self: ResourceInstance | undefined, depth: number): string[] {
    if (depth > MAX_REFERENCE_DEPTH) return this.unknownHolds;
    const parts = ref.split('.');
    const [root, second] = parts;
    switch (root) {
      case 'var': return this.variable(second, prefix, depth);
      case 'module': return this.moduleOutput(ref, prefix, depth);
      case 'each': case 'count': return self ? this.iteration(self, depth) : this.unknownHolds;
      case 'path': case 'terraform': return [];
      case 'self': return self ? [this.ref(self)] : [];
      case 'local': return this.unknownHolds; // the plan's configuration describes no locals
      default: return this.resource(ref, prefix);
    }
  }

  /** `type.name[...].attr` or `data.type.name...` in module instance `prefix`. */
  private resource(ref: string, prefix: string): string[] {
    const m = /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?(.*)$/.exec(ref);
    if (!m) return this.unknownHolds;
    const [, data, type, name, indexed, key, number, rest] = m;
    const matching = (this.byBlock.get(blockKey(prefix, data ? 'data' : 'resource', type, name)) ?? [])
      .filter((i) => !indexed || String(i.index) === (key !== undefined ? JSON.parse(`"${key}"`) as string : number));
    // Declared but not planned (a data source read at apply): an empty block, whose attributes are unknown.
    if (matching.length === 0) return [`${data ?? ''}${type}.${name}__unplanned${rest}`];
    return matching.map((i) => `${this.ref(i)}${rest}`);
  }

  private variable(name: string | undefined, prefix: string, depth: number): string[] {
    const link = parentOf(prefix);
    if (!link) {
      // A root variable: the plan holds its value; a value has no secret of the plan's resources.
      return name !== undefined && isObject(this.variables[name]) ? [] : this.unknownHolds;
    }
    const call = configModule(this.root, link.parent)?.module_calls?.[link.call];
    const argument = name !== undefined ? call?.expressions?.[name] : undefined;
    if (!isObject(argument)) return [];
    const refs = Array.isArray(argument.references) ? argument.references : [];
    return refs.flatMap((r) => (typeof r === 'string' ? this.translate(r, link.parent, undefined, depth + 1) : []));
  }

  /** `module.x.out`, `module.x["k"].out`: the output's expression in each instance of the call. */
  private moduleOutput(ref: string, prefix: string, depth: number): string[] {
    const m = /^module\.([^.[]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?(?:\.([^.[]+))?/.exec(ref);
    if (!m) return this.unknownHolds;
    const [, call, index, output] = m;
    const children = this.prefixes
      .filter((p) => p.startsWith(`${prefix}module.${call}${index ?? ''}`) && parentOf(p)?.parent === prefix && parentOf(p)?.call === call);
    if (output === undefined) return children.flatMap((c) => this.instances.filter((i) => i.module.startsWith(c)).flatMap((i) => secretAttributesOf(i.mode, i.type).map((a) => this.ref(i, a))));
    return children.flatMap((child) => {
      const expression = configModule(this.root, child)?.outputs?.[output]?.expression;
      const refs = isObject(expression) && Array.isArray(expression.references) ? expression.references : [];
      return refs.flatMap((r) => (typeof r === 'string' ? this.translate(r, child, undefined, depth + 1) : []));
    });
  }

  /** `each.value`, `count.index`: whatever the resource's for_each or count reads. */
  private iteration(self: ResourceInstance, depth: number): string[] {
    const config = this.configOf(self);
    const expression = config?.for_each_expression ?? config?.count_expression;
    const refs = isObject(expression) && Array.isArray(expression.references) ? expression.references : [];
    return refs.flatMap((r) => (typeof r === 'string' ? this.translate(r, self.module, undefined, depth + 1) : []));
  }
}

const blockKey = (module: string, mode: string, type: string, name: string) => `${module}\u0000${mode}\u0000${type}\u0000${name}`;

/** Text written by the engine with the plan's addresses in place of its block names. */
export function withPlanAddresses(text: string, addresses: ReadonlyMap<string, string>): string {
  return text.replace(/(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+?__(?:\d+|unplanned)\b/g, (m) => addresses.get(m) ?? m.replace(/__unplanned$/, ''));
}

/** Whether a planned attribute is sensitive (`sensitive_values`) or unknown until apply (`after_unknown`). */
function marked(flags: Json | undefined, key: string): boolean {
  return isObject(flags) && flags[key] !== undefined && flags[key] !== false && !(isObject(flags[key]) && Object.keys(flags[key] as JsonObject).length === 0) && !(Array.isArray(flags[key]) && (flags[key] as Json[]).every((x) => x === false));
}

/** The plan as one configuration. Throws CliError for JSON that is not such a plan. */
export function planConfig(plan: JsonObject): PlanConfig {
  if (!isObject(plan.planned_values)) fail(plan.values !== undefined ? "a state: pass 'terraform show -json <planfile>'" : 'no planned_values');
  if (!isObject(plan.planned_values.root_module)) fail('no planned_values.root_module');
  const instances: ResourceInstance[] = [];
  collectInstances(plan.planned_values.root_module, instances);
  const root = isObject(plan.configuration) && isObject(plan.configuration.root_module) ? (plan.configuration.root_module as ConfigModule) : undefined;
  const variables = isObject(plan.variables) ? plan.variables : {};
  const refs = new References(instances, root, variables);
  const precise = new References(instances, root, variables, true);
  const changes = new Map<string, JsonObject>();
  for (const change of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (isObject(change) && typeof change.address === 'string' && isObject(change.change)) changes.set(change.address, change.change);
  }
  const resource: JsonObject = {};
  const data: JsonObject = {};
  const addresses = new Map<string, string>();
  for (const i of instances) {
    const config = refs.configOf(i);
    const expressions = isObject(config?.expressions) ? config.expressions : {};
    const change = changes.get(i.address);
    const body: JsonObject = {};
    for (const [key, value] of Object.entries(i.values)) if (value !== null) body[key] = value;
    // Unknown until apply, or sensitive: what the expression references (a token's secret stays one).
    for (const key of new Set([...Object.keys(expressions), ...Object.keys(isObject(change?.after_unknown) ? change.after_unknown : {})])) {
      const expression = expressions[key];
      if (!isObject(expression) || !Array.isArray(expression.references)) continue;
      // A token's value already created is a literal in the plan: known, and still a secret.
      const hidden = marked(change?.after_unknown, key) || marked(change?.after_sensitive, key) || marked(i.sensitive, key)
        || precise.readsSecret(expression.references, i.module, i);
      if (!hidden) continue;
      body[key] = refs.expression(expression.references, i.module, i);
    }
    const target = i.mode === 'data' ? data : resource;
    const byType = (target[i.type] ??= {}) as JsonObject;
    byType[i.unique] = body;
    addresses.set(`${i.mode === 'data' ? 'data.' : ''}${i.type}.${i.unique}`, i.address);
  }
  // Blocks referenced but not planned (read at apply): declared empty.
  const declareUnplanned = (text: string) => {
    for (const m of text.matchAll(/(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+__unplanned)/g)) {
      const byType = ((m[1] ? data : resource)[m[2]] ??= {}) as JsonObject;
      byType[m[3]] ??= {};
    }
  };
  const output: JsonObject = {};
  for (const [name, o] of Object.entries(root?.outputs ?? {})) {
    const expression = isObject(o.expression) ? o.expression : {};
    const value = Array.isArray(expression.references) ? refs.expression(expression.references, '') : 'constant_value' in expression ? expression.constant_value : null;
    output[name] = { value, sensitive: o.sensitive === true };
  }
  declareUnplanned(JSON.stringify([resource, data, output]));
  const json: JsonObject = {};
  // The provider requirement Terraform resolved for the whole configuration (GLID-020).
  const gitlab = isObject(plan.configuration) && isObject(plan.configuration.provider_config) ? plan.configuration.provider_config.gitlab : undefined;
  if (isObject(gitlab) && typeof gitlab.version_constraint === 'string') json.terraform = { required_providers: { gitlab: { version: gitlab.version_constraint } } };
  if (Object.keys(resource).length > 0) json.resource = resource;
  if (Object.keys(data).length > 0) json.data = data;
  if (Object.keys(output).length > 0) json.output = output;
  return { config: json, addresses };
}
