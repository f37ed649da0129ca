/**
 * A plan saved by `terraform show -json`, as Terraform JSON configurations the engine reads: one per module
 * instance. Values are the planned values (Terraform resolved variables, locals and count/for_each); a value
 * known only after apply is written as the first reference its configuration expression makes, so the engine
 * still follows a token's secret into a variable or an output, and reports a decision it cannot know.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values?: JsonObject;
}

interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

interface ConfigModule {
  readonly resources?: readonly { address: string; expressions?: JsonObject }[];
  readonly outputs?: Record<string, { expression?: JsonObject; sensitive?: boolean }>;
  readonly module_calls?: Record<string, { module?: ConfigModule }>;
}

/** One module instance of the plan, as a configuration, with the real address of every block name it uses. */
export interface PlanModule {
  /** `root`, or the module instance's address (`module.tokens["a"]`). */
  readonly name: string;
  /** For a module instance: the module it is called from (`root` or its address) and the call (`tokens["a"]`). */
  readonly module?: { readonly caller: string; readonly call: string };
  readonly config: JsonObject;
  /** Engine address (`type.name`, names of instances made unique) → the plan's address. */
  readonly addresses: ReadonlyMap<string, string>;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A name for instance `index` of `name` that Terraform's reference syntax reads as one name. */
function instanceName(name: string, index: string | number | undefined): string {
  return index === undefined ? name : `${name}__${String(index).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The configuration module that a planned module instance (`module.a["x"].module.b`) was written in. */
function configModule(root: ConfigModule | undefined, address: string | undefined): ConfigModule | undefined {
  if (!address) return root;
  let current = root;
  for (const match of address.matchAll(/module\.([^.[]+)(\[[^\]]*\])?/g)) current = current?.module_calls?.[match[1]]?.module;
  return current;
}

/** `type.name[0].attr` → `type.name__0.attr`, for references into this module's resources. */
function rewriteReference(ref: string, names: ReadonlyMap<string, string>): string {
  const m = /^((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(\[("?)([^\]"]*)\3\])?(.*)$/.exec(ref);
  if (!m) return ref;
  const [, base, indexed, , index, rest] = m;
  const key = indexed ? `${base}\u0000${index}` : base;
  return `${names.get(key) ?? names.get(`${base}\u0000*`) ?? base}${rest}`;
}

/** A configuration expression as a JSON-syntax value: its constant, or its first (most precise) reference. */
function expressionValue(expr: Json | undefined, names: ReadonlyMap<string, string>): Json | undefined {
  if (!isObject(expr)) return undefined;
  if ('constant_value' in expr) return expr.constant_value;
  const refs = Array.isArray(expr.references) ? expr.references.filter((r): r is string => typeof r === 'string') : [];
  return refs.length > 0 ? `\${${rewriteReference(refs[0], names)}}` : '${unknown_at_plan}';
}

/** Planned values with what is unknown until apply replaced from the configuration's expressions. */
function bodyOf(values: JsonObject, unknown: Json | undefined, expressions: JsonObject | undefined, names: ReadonlyMap<string, string>): JsonObject {
  const body: JsonObject = { ...values };
  if (isObject(unknown)) {
    for (const [key, flag] of Object.entries(unknown)) {
      if (flag === true) {
        const value = expressionValue(expressions?.[key], names);
        if (value !== undefined) body[key] = value;
      }
    }
  }
  // Planned values hold every attribute, nulls included; null is "not set" for the engine as for Terraform.
  for (const [key, value] of Object.entries(body)) if (value === null) delete body[key];
  return body;
}

/** Every module instance of the plan, each as a configuration. */
export function planModules(plan: JsonObject): PlanModule[] {
  const planned = isObject(plan.planned_values) && isObject(plan.planned_values.root_module) ? (plan.planned_values.root_module as PlannedModule) : {};
  const configuration = isObject(plan.configuration) ? (plan.configuration.root_module as ConfigModule | undefined) : undefined;
  const unknowns = new Map<string, Json>();
  for (const change of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (isObject(change) && typeof change.address === 'string' && isObject(change.change)) unknowns.set(change.address, change.change.after_unknown);
  }
  const out: PlanModule[] = [];
  const visit = (module: PlannedModule, caller?: string) => {
    const config = configModule(configuration, module.address);
    const resources = module.resources ?? [];
    const names = new Map<string, string>();
    const addresses = new Map<string, string>();
    for (const r of resources) {
      const base = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      const unique = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${instanceName(r.name, r.index)}`;
      names.set(r.index === undefined ? base : `${base}\u0000${r.index}`, unique);
      if (!names.has(`${base}\u0000*`)) names.set(`${base}\u0000*`, unique);
      addresses.set(unique, r.address);
    }
    const resource: JsonObject = {};
    const data: JsonObject = {};
    // What unknown values refer to but the plan has no values for (a data source read at apply): declared
    // empty, so the engine says its attributes are computed at apply.
    for (const c of config?.resources ?? []) {
      for (const expr of Object.values(c.expressions ?? {})) {
        const refs = isObject(expr) && Array.isArray(expr.references) ? expr.references : [];
        for (const ref of refs) {
          const m = typeof ref === 'string' ? /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)/.exec(ref) : null;
          if (!m || ['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'].includes(m[2]) && !m[1]) continue;
          const key = `${m[1] ?? ''}${m[2]}.${m[3]}`;
          if (names.has(key) || names.has(`${key}\u0000*`)) continue;
          const byType = ((m[1] ? data : resource)[m[2]] ??= {}) as JsonObject;
          byType[m[3]] ??= {};
        }
      }
    }
    for (const r of resources) {
      const expressions = config?.resources?.find((c) => c.address === `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`)?.expressions;
      const target = r.mode === 'data' ? data : resource;
      const byType = (target[r.type] ??= {}) as JsonObject;
      byType[instanceName(r.name, r.index)] = bodyOf(r.values ?? {}, unknowns.get(r.address), expressions, names);
    }
    const output: JsonObject = {};
    if (!module.address) {
      for (const [name, o] of Object.entries(config?.outputs ?? {})) {
        output[name] = { value: expressionValue(o.expression, names) ?? null, sensitive: o.sensitive === true };
      }
    }
    const json: JsonObject = {};
    // The provider requirement Terraform resolved for the whole configuration: judged at the root (GLID-020).
    const gitlab = isObject(plan.configuration) && isObject(plan.configuration.provider_config) ? plan.configuration.provider_config.gitlab : undefined;
    if (!module.address && isObject(gitlab) && typeof gitlab.version_constraint === 'string') {
      json.terraform = { required_providers: { gitlab: { version: gitlab.version_constraint } } };
    }
    if (Object.keys(resource).length > 0) json.resource = resource;
    if (Object.keys(data).length > 0) json.data = data;
    if (Object.keys(output).length > 0) json.output = output;
    const name = module.address ?? 'root';
    const call = module.address && caller !== undefined ? module.address.slice(caller === 'root' ? 'module.'.length : caller.length + '.module.'.length) : undefined;
    out.push({ name, config: json, addresses, ...(caller !== undefined && call !== undefined ? { module: { caller, call } } : {}) });
    for (const child of module.child_modules ?? []) visit(child, name);
  };
  visit(planned);
  return out;
}
