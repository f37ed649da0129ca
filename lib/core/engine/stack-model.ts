/**
 * One stack's configuration as the expression evaluator sees it: locals, variable defaults, resources,
 * data sources, module outputs and (through `terraform_remote_state`) the outputs of other stacks of the app.
 * Every value is computed once. What cannot be known at synth is an unknown value that still carries the
 * secrets it was computed from, so a secret is followed through any chain of expressions.
 */
import { EvalScope, Resolution, Step, evaluateJson } from './expression';
import { Value, bool, deepTaint, fromJson, num, object, str, taintOf, toJson, tuple, unknown } from './expression/value';
import { secretAttributesOf } from './resource-catalogue';
import { withDeclaredType } from './variable-type';
import { ConfigBlock, JsonObject, TerraformConfig, blocksOf, isObject, namedBlocks, outputPaths } from './terraform-config';

/** A module instance: the stack whose `module "<call>"` block it is. */
export interface ModuleCall {
  readonly caller: string;
  readonly call: string;
}

/** A secret source: a secret attribute of a block of some stack. */
export interface SecretSource {
  readonly stack: string;
  readonly address: string;
}

/**
 * What the stacks of one app share: secret ids and cross-stack outputs. Stacks are loaded on demand and
 * released once described, so that the engine holds one stack's configuration at a time; a stack whose
 * outputs another stack reads (cdktf's cross-stack references) stays loaded.
 */
export class AppModel {
  private readonly loaders = new Map<string, () => TerraformConfig>();
  private readonly loaded = new Map<string, StackModel>();
  /** Stacks other stacks read outputs of: kept once loaded. */
  private readonly origins = new Set<string>();
  /** Where every stack keeps its state (see stateLocation), read on the first cross-stack reference. */
  private stateLocations?: Map<string, string | undefined>;
  private readonly sources = new Map<string, SecretSource>();
  /** Parsed templates of the stack being described (and of the stacks it reads). */
  public readonly parseCache: NonNullable<EvalScope['parseCache']> = new Map();
  /**
   * Outputs being evaluated for a `terraform_remote_state` read (`stack\0output`): an output that reads
   * itself through its stack's state, directly or through other stacks, is a cycle Terraform accepts (the
   * state holds the previous apply's value), and without this guard each read evaluates it again.
   */
  public readonly readingOutputs = new Set<string>();

  /** Module instances: the stack that calls each (and the call's name), and each call's instance stack. */
  private readonly callers = new Map<string, ModuleCall>();
  private readonly instances = new Map<string, string>();

  public constructor(stacks: readonly { readonly name: string; readonly load: () => TerraformConfig; readonly module?: ModuleCall }[]) {
    for (const s of stacks) {
      this.loaders.set(s.name, s.load);
      if (s.module) {
        this.callers.set(s.name, s.module);
        this.instances.set(`${s.module.caller}\u0000${s.module.call}`, s.name);
      }
    }
  }

  /** The stack that calls module instance `name`, if it is one; kept loaded while the instance reads it. */
  public callerOf(name: string): { readonly model: StackModel; readonly call: string } | undefined {
    const link = this.callers.get(name);
    if (!link || !this.loaders.has(link.caller)) return undefined;
    this.origins.add(link.caller);
    return { model: this.model(link.caller), call: link.call };
  }

  /** Whether the app holds the instance of module call `call` of stack `caller` (a local module). */
  public hasModuleInstance(caller: string, call: string): boolean {
    return this.instances.has(`${caller}\u0000${call}`);
  }

  /** Whether two stacks are modules of one root (the root itself included). */
  public sameRoot(a: string, b: string): boolean {
    const rootOf = (name: string): string => {
      const link = this.callers.get(name);
      return link ? rootOf(link.caller) : name;
    };
    return rootOf(a) === rootOf(b);
  }

  /** `module.a.module.b.` for the instance of call b in the instance of call a; '' for any other stack. */
  public moduleAddress(name: string): string {
    const link = this.callers.get(name);
    return link ? `${this.moduleAddress(link.caller)}module.${link.call}.` : '';
  }

  /** Whether stack `name` is the instance of a module call (its provider requirements are its root's). */
  public isModuleInstance(name: string): boolean {
    return this.callers.has(name);
  }

  /** The module instances stack `name` calls, and theirs, in call order. */
  public moduleInstancesOf(name: string): StackModel[] {
    const found: StackModel[] = [];
    for (const [child, link] of this.callers) {
      if (link.caller !== name) continue;
      const model = this.instanceOf(name, link.call);
      if (model) found.push(model, ...this.moduleInstancesOf(child));
    }
    return found;
  }

  /** The instance of module call `call` in stack `caller`, when the app has it (a local module); kept loaded. */
  public instanceOf(caller: string, call: string): StackModel | undefined {
    const name = this.instances.get(`${caller}\u0000${call}`);
    if (name === undefined) return undefined;
    this.origins.add(name);
    return this.model(name);
  }

  /** The model of stack `name`, loaded if it is not. */
  public model(name: string): StackModel {
    let model = this.loaded.get(name);
    if (!model) {
      const load = this.loaders.get(name);
      model = new StackModel(name, load ? load() : {}, this);
      this.loaded.set(name, model);
    }
    return model;
  }

  /**
   * Lets go of a described stack, unless another stack reads its outputs, and of the parsed templates:
   * most are one resource's own references, which no other stack repeats, and an app-wide cache held every
   * template of the app until the end.
   */
  public release(name: string): void {
    if (!this.origins.has(name)) this.loaded.delete(name);
    this.parseCache.clear();
  }

  /** The taint id of a secret: opaque to the evaluator, mapped back here for messages. */
  public secretId(stack: string, address: string): string {
    const id = `${stack}\u0000${address}`;
    if (!this.sources.has(id)) this.sources.set(id, { stack, address });
    return id;
  }

  public source(id: string): SecretSource {
    return this.sources.get(id) ?? { stack: '', address: id };
  }

  /** The stack whose state is at `location` (see stateLocation): what cdktf's cross-stack references read. */
  public stackWithState(location: string): StackModel | undefined {
    if (!this.stateLocations) {
      this.stateLocations = new Map();
      for (const name of this.loaders.keys()) {
        const wasLoaded = this.loaded.has(name);
        this.stateLocations.set(name, backendLocation(this.model(name).config));
        if (!wasLoaded) this.release(name);
      }
    }
    // Two stacks at one location (say a pg conn_str left to the environment): which one is read is not known.
    const holders = [...this.stateLocations].filter(([, stateAt]) => stateAt === location).map(([name]) => name);
    if (holders.length !== 1) return undefined;
    this.origins.add(holders[0]);
    return this.model(holders[0]);
  }
}

/**
 * The attributes that say where each backend keeps a state (Terraform docs, "Backend configuration": one
 * page per backend type). A stack's `terraform.backend.<type>` and a `terraform_remote_state` with
 * `backend = "<type>"` name the same state when these agree; credentials and options may differ.
 */
const STATE_KEYS: Readonly<Record<string, readonly string[]>> = {
  local: ['path'],
  s3: ['bucket', 'key'],
  gcs: ['bucket', 'prefix'],
  azurerm: ['storage_account_name', 'container_name', 'key'],
  http: ['address'],
  consul: ['path'],
  pg: ['conn_str', 'schema_name'],
  cos: ['bucket', 'prefix', 'key'],
  oss: ['bucket', 'prefix', 'key'],
  kubernetes: ['secret_suffix', 'namespace'],
  remote: ['hostname', 'organization', 'workspaces'],
};

/** Terraform Cloud's hostname when a `remote` backend or `cloud` block leaves it out (Terraform docs). */
const DEFAULT_REMOTE_HOSTNAME = 'app.terraform.io';

/** A configuration value that is not a literal: its state cannot be matched to a stack. */
export const NOT_LITERAL = Symbol('not a literal');

/**
 * `type` and the state keys of a backend configuration, as one comparable text; undefined for a backend
 * type not listed, or a state key that is not a literal. `get` reads one key of the configuration.
 */
export function stateLocation(type: string, get: (key: string) => unknown): string | undefined {
  const keys = Object.prototype.hasOwnProperty.call(STATE_KEYS, type) ? STATE_KEYS[type] : undefined;
  if (!keys) return undefined;
  const values: unknown[] = [];
  for (const key of keys) {
    const value = get(key) ?? (type === 'remote' && key === 'hostname' ? DEFAULT_REMOTE_HOSTNAME : undefined);
    if (value === NOT_LITERAL || (typeof value === 'string' && value.includes('${'))) return undefined;
    values.push(value ?? null);
  }
  return JSON.stringify([type, values]);
}

/** Reads a key of a backend block as written in the JSON. */
const rawKey = (config: unknown) => (key: string): unknown => (isObject(config) ? config[key] : NOT_LITERAL);

/**
 * Where a stack keeps its state: `terraform.backend.<type>`, or Terraform Cloud's `terraform.cloud` block
 * (cdktf's CloudBackend), which other stacks read as the `remote` backend with the same organization and
 * workspace name (cdktf CloudBackend.getRemoteStateDataSource). Workspaces chosen by tags match nothing.
 */
function backendLocation(config: TerraformConfig): string | undefined {
  const terraform = isObject(config.terraform) ? config.terraform : undefined;
  const backend = isObject(terraform?.backend) ? terraform.backend : undefined;
  const [type] = backend ? Object.keys(backend) : [];
  if (backend && type !== undefined) return stateLocation(type, rawKey(backend[type]));
  return isObject(terraform?.cloud) ? stateLocation('remote', rawKey(terraform.cloud)) : undefined;
}

const MAX_LOCAL_DEPTH = 64;

/** How many instances a module call makes, when its count/for_each is known (as follow.ts copiesOf counts them). */
function copiesOfCall(stack: StackModel, call: ConfigBlock): number | undefined {
  if (call.body.count !== undefined) {
    const count = stack.evaluate(call.body.count, call);
    return count.type === 'number' ? count.value : undefined;
  }
  if (call.body.for_each === undefined) return 1;
  const each = stack.evaluate(call.body.for_each, call);
  return each.type === 'object' ? each.attrs.size : each.type === 'tuple' ? each.items.length : undefined;
}

/** More instances than this are judged as one block (each.* unknown): a generated map is not reviewed key by key. */
export const MAX_EXPANDED_INSTANCES = 256;

export class StackModel {
  public readonly resources: readonly ConfigBlock[];
  public readonly dataSources: readonly ConfigBlock[];
  private readonly blocks = new Map<string, ConfigBlock>();
  private readonly locals: Map<string, unknown>;
  private readonly variables: Map<string, unknown>;
  public readonly outputs: Map<string, unknown>;
  /** Construct paths of outputs, by name. */
  public readonly outputPaths: Map<string, string>;
  public readonly modules: Map<string, unknown>;
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating = new Set<string>();
  private readonly attributeValues = new Map<string, Value>();
  private readonly moduleTaints = new Map<string, readonly string[]>();
  private readonly evaluatingModules = new Set<string>();
  private readonly instanceBlocks = new Map<string, readonly ConfigBlock[]>();
  private readonly argumentValues = new Map<string, Value>();
  private readonly evaluatingArguments = new Set<string>();

  public constructor(public readonly name: string, public readonly config: TerraformConfig, public readonly app: AppModel) {
    this.resources = blocksOf(config, 'resource');
    this.dataSources = blocksOf(config, 'data');
    for (const b of [...this.resources, ...this.dataSources]) this.blocks.set(b.address, b);
    this.locals = namedBlocks(config.locals);
    this.variables = namedBlocks(config.variable);
    this.outputs = namedBlocks(config.output);
    this.outputPaths = outputPaths(config);
    this.modules = namedBlocks(config.module);
  }

  /**
   * Everything that can carry a `//` comment, with its path: resources, data sources, outputs and module
   * calls (a `gitlab-identity:ignore` comment may sit on any block that gets a finding).
   */
  public commentedBlocks(): { path: string; comment: unknown }[] {
    const named = (kind: 'output' | 'module', blocks: Map<string, unknown>) => [...blocks].map(([name, raw]) => ({
      path: kind === 'output' ? this.outputPaths.get(name) ?? `output.${name}` : `module.${name}`,
      comment: isObject(raw) ? raw['//'] : undefined,
    }));
    return [...this.resources, ...this.dataSources, ...named('output', this.outputs), ...named('module', this.modules)];
  }

  /** Whether this stack is the instance of a module call whose count/for_each makes none. */
  public createsNoInstance(): boolean {
    const caller = this.app.callerOf(this.name);
    const call = caller?.model.callBlock(caller.call);
    if (!caller || !call) return false;
    // Nothing of a module is created when its call, or any call above it, makes no instance.
    return copiesOfCall(caller.model, call) === 0 || caller.model.createsNoInstance();
  }

  /**
   * A module call as a block, for evaluating its arguments: `each`/`count` in them carry what its
   * for_each/count reads (the call's instances are judged as one).
   */
  public callBlock(call: string): ConfigBlock | undefined {
    const body = this.modules.get(call);
    return isObject(body) ? { mode: 'resource', type: 'module', name: call, address: `module.${call}`, body, path: `module.${call}`, comment: undefined } : undefined;
  }

  /**
   * The instances Terraform creates from a block, when its count/for_each is known and not too large: each
   * is judged on its own, with `each.key`/`each.value` (`count.index`) bound, so a map of tokens is checked
   * token by token. Otherwise the block itself, whose `each.*` are unknown (fail closed). Instances keep the
   * block's path (suppressions on the block cover them) and get the address Terraform gives them.
   */
  public instancesOf(block: ConfigBlock): readonly ConfigBlock[] {
    if (block.iteration || (block.body.count === undefined && block.body.for_each === undefined)) return [block];
    const cached = this.instanceBlocks.get(block.address);
    if (cached) return cached;
    // A count/for_each that reads its own block (Terraform refuses the cycle) is read while being expanded:
    // the block itself then stands for its instances, unknown, instead of expanding again without end.
    this.instanceBlocks.set(block.address, [block]);
    const instances = this.expand(block) ?? [block];
    this.instanceBlocks.set(block.address, instances);
    return instances;
  }

  private expand(block: ConfigBlock): ConfigBlock[] | undefined {
    // No instance at all (count = 0) is left to the block: it is listed, with 0 copies.
    const fits = (n: number) => n > 0 && n <= MAX_EXPANDED_INSTANCES;
    const make = (instances: number) => (keyText: string, key: Value, value: Value): ConfigBlock =>
      ({ ...block, address: `${block.address}[${keyText}]`, iteration: { of: block.address, key, value, instances } });
    if (block.body.count !== undefined) {
      const count = this.evaluate(block.body.count, block);
      if (count.type !== 'number' || !Number.isInteger(count.value) || !fits(count.value)) return undefined;
      const instance = make(count.value);
      return Array.from({ length: count.value }, (_, i) => instance(String(i), num(i, count.taint), num(i, count.taint)));
    }
    const each = this.evaluate(block.body.for_each, block);
    if (each.type === 'object' && fits(each.attrs.size)) {
      const instance = make(each.attrs.size);
      return [...each.attrs].map(([k, v]) => instance(JSON.stringify(k), str(k, each.taint), v));
    }
    if (each.type === 'tuple' && each.items.every((i) => i.type === 'string')) {
      const keys = [...new Set(each.items.map((i) => (i.type === 'string' ? i.value : '')))];
      if (!fits(keys.length)) return undefined;
      const instance = make(keys.length);
      return keys.map((k) => instance(JSON.stringify(k), str(k, each.taint), str(k, each.taint)));
    }
    return undefined;
  }

  public block(address: string): ConfigBlock | undefined {
    return this.blocks.get(address);
  }

  /** Evaluates a value written in a block (or at top level): strings are templates. */
  public evaluate(raw: unknown, block?: ConfigBlock): Value {
    return evaluateJson(raw, this.scope(block));
  }

  /** The evaluated value of one attribute of a block, computed once. */
  public attribute(block: ConfigBlock, name: string): Value | undefined {
    if (!Object.prototype.hasOwnProperty.call(block.body, name)) return undefined;
    const raw = block.body[name];
    // Most attributes are plain literals: no evaluation, no cache entry.
    if (typeof raw === 'string' && !raw.includes('${') && !raw.includes('%{')) return str(raw);
    if (typeof raw === 'number') return num(raw);
    if (typeof raw === 'boolean') return bool(raw);
    const key = `${block.address}\u0000${name}`;
    let value = this.attributeValues.get(key);
    if (value === undefined) {
      value = this.evaluate(raw, block);
      this.attributeValues.set(key, value);
    }
    return value;
  }

  /** The taint id of a block's secret attributes. */
  public secretId(block: ConfigBlock): string {
    // An instance's secret is its block's: references name the block (or an instance of it).
    return this.app.secretId(this.name, block.iteration?.of ?? block.address);
  }

  private scope(block: ConfigBlock | undefined): EvalScope {
    return { resolve: (root, steps) => this.resolve(root, steps, block), parseCache: this.app.parseCache };
  }

  private resolve(root: string, steps: readonly Step[], self: ConfigBlock | undefined): Resolution {
    const name = steps[0];
    switch (root) {
      case 'local':
        return typeof name === 'string' ? { value: this.local(name), used: 1 } : { value: unknown('local without a name'), used: 0 };
      case 'var':
        return typeof name === 'string' ? { value: this.variable(name), used: 1 } : { value: unknown('var without a name'), used: 0 };
      case 'data':
        return this.resolveData(steps);
      case 'module':
        return this.resolveModule(steps);
      case 'each':
        if (self?.iteration && (name === 'key' || name === 'value')) return { value: name === 'key' ? self.iteration.key : self.iteration.value, used: 1 };
        return { value: unknown(`${root} is known per instance at plan`, [`${root}.${steps.join('.')}`], self ? this.iterationTaint(self) : []), used: steps.length };
      case 'count':
        if (self?.iteration && name === 'index') return { value: self.iteration.key, used: 1 };
        // Iteration values come from the block's own count/for_each: they carry whatever secrets it read.
        return { value: unknown(`${root} is known per instance at plan`, [`${root}.${steps.join('.')}`], self ? this.iterationTaint(self) : []), used: steps.length };
      case 'self':
        // In provisioners and conditions: the block's own attributes, its secrets included.
        if (self) {
          const instance = this.instance(self, steps);
          return { value: instance.value, used: instance.used };
        }
        return { value: unknown('self outside a block', ['self']), used: steps.length };
      case 'path':
      case 'terraform':
        return { value: unknown(`${root} is known at plan`, [`${root}.${steps.join('.')}`]), used: steps.length };
      default: {
        if (typeof name !== 'string') return { value: unknown(`${root} is not a reference the checks know`, [root]), used: 0 };
        const block = this.blocks.get(`${root}.${name}`);
        if (!block) return { value: unknown(`${root}.${name} is not declared in this stack`, [`${root}.${name}`]), used: 1 };
        const instance = this.instance(block, steps.slice(1));
        return { value: instance.value, used: 1 + instance.used };
      }
    }
  }

  /** Every secret of the stack: what a value the checks cannot follow may carry. */
  private allSecrets(): readonly string[] {
    return taintOf(...this.resources.concat(this.dataSources).filter((b) => secretAttributesOf(b.mode, b.type).length > 0).map((b) => this.secretId(b)));
  }

  private iterationTaint(block: ConfigBlock): readonly string[] {
    const source = block.body.for_each ?? block.body.count;
    return source === undefined ? [] : deepTaint(this.evaluate(source));
  }

  private local(name: string): Value {
    const cached = this.localValues.get(name);
    if (cached) return cached;
    if (!this.locals.has(name)) return unknown(`local.${name} is not declared`, [`local.${name}`]);
    if (this.evaluating.has(name)) return unknown(`local.${name} refers to itself`, [`local.${name}`]);
    // Deeper than the checks follow: fail closed, as if it carried every secret of the stack.
    if (this.evaluating.size > MAX_LOCAL_DEPTH) return unknown(`local.${name} is nested deeper than ${MAX_LOCAL_DEPTH} locals`, [`local.${name}`], this.allSecrets());
    this.evaluating.add(name);
    try {
      const value = this.evaluate(this.locals.get(name));
      this.localValues.set(name, value);
      return value;
    } finally {
      this.evaluating.delete(name);
    }
  }

  /**
   * A variable: in a module instance, the argument its call passes (evaluated where the call is written);
   * otherwise, or when the call passes none, its default, the value Terraform uses unless the run sets another.
   */
  private variable(name: string): Value {
    const declared = this.variables.get(name);
    const caller = this.app.callerOf(this.name);
    const call = caller?.model.modules.get(caller.call);
    if (caller && isObject(call) && Object.prototype.hasOwnProperty.call(call, name)) {
      // Computed once; an argument that reads this module's own outputs back would recurse: unknown instead.
      const cached = this.argumentValues.get(name);
      if (cached) return cached;
      if (this.evaluatingArguments.has(name)) return unknown(`var.${name} depends on the module's own outputs`, [`var.${name}`]);
      this.evaluatingArguments.add(name);
      try {
        const value = caller.model.evaluate(call[name], caller.model.callBlock(caller.call));
        this.argumentValues.set(name, value);
        return value;
      } finally {
        this.evaluatingArguments.delete(name);
      }
    }
    if (!isObject(declared)) return unknown(`var.${name} is not declared`, [`var.${name}`]);
    if (!('default' in declared)) return unknown(`var.${name} has no default: its value is given when Terraform runs`, [`var.${name}`]);
    return withDeclaredType(fromJson(declared.default), declared.type, name);
  }

  private resolveData(steps: readonly Step[]): Resolution {
    const [type, name] = steps;
    if (typeof type !== 'string' || typeof name !== 'string') return { value: unknown('incomplete data source reference', ['data']), used: steps.length };
    if (type === 'terraform_remote_state' && steps[2] === 'outputs' && typeof steps[3] === 'string') {
      return { value: this.remoteOutput(name, steps[3]), used: 4 };
    }
    const block = this.blocks.get(`data.${type}.${name}`);
    if (!block) return { value: unknown(`data.${type}.${name} is not declared in this stack`, [`data.${type}.${name}`]), used: 2 };
    const instance = this.instance(block, steps.slice(2));
    return { value: instance.value, used: 2 + instance.used };
  }

  /** An output of another stack of the app, read through cdktf's cross-stack `terraform_remote_state`. */
  private remoteOutput(dataName: string, output: string): Value {
    const reference = `data.terraform_remote_state.${dataName}.outputs.${output}`;
    const block = this.blocks.get(`data.terraform_remote_state.${dataName}`);
    const backend = block ? this.attribute(block, 'backend') : undefined;
    const config = block ? this.attribute(block, 'config') : undefined;
    const keyOf = (key: string): unknown => {
      if (config?.type !== 'object') return NOT_LITERAL;
      const value = config.attrs.get(key);
      return value === undefined ? undefined : toJson(value) ?? NOT_LITERAL;
    };
    const location = backend?.type === 'string' ? stateLocation(backend.value, keyOf) : undefined;
    const origin = location !== undefined ? this.app.stackWithState(location) : undefined;
    if (!origin) return unknown(`${reference} is read from a state outside this app`, [reference]);
    const raw = origin.outputs.get(output);
    if (!isObject(raw) || !('value' in raw)) {
      // The stack's own state may still hold an output this configuration removed, written by the previous apply.
      return origin === this
        ? unknown(`${reference} reads this stack's own state, where a previous apply may have left it`, [reference], this.allSecrets())
        : unknown(`${reference} is not an output of stack ${origin.name}`, [reference]);
    }
    // Read again while it is being evaluated: what it held at the previous apply may be any secret of its stack.
    const key = `${origin.name}\u0000${output}`;
    if (this.app.readingOutputs.has(key)) return unknown(`${reference} reads itself through the state it is written to`, [reference], origin.allSecrets());
    this.app.readingOutputs.add(key);
    let value: Value;
    try {
      value = origin.evaluate(raw.value);
    } finally {
      this.app.readingOutputs.delete(key);
    }
    // A stack that reads its own state gets what the previous apply wrote there, not this configuration's value:
    // unknown, but with the output's secrets, which that state holds after the first apply.
    return origin === this ? unknown(`${reference} reads this stack's own state, which holds what the previous apply wrote`, [reference], deepTaint(value)) : value;
  }

  /**
   * Module outputs are computed inside the module: they carry every secret passed to it. A module whose
   * inputs read its own outputs would recurse: its taint is computed once, and a read during that
   * computation sees none (the inputs' own secrets are still counted, once).
   */
  private resolveModule(steps: readonly Step[]): Resolution {
    const name = steps[0];
    const reference = `module.${steps.slice(0, 2).join('.')}`;
    // A module the app holds (a local module): its output is computed in its instance, secrets included.
    const instance = typeof name === 'string' ? this.app.instanceOf(this.name, name) : undefined;
    // A call with count/for_each is a collection: `module.x[0].out`, `module.x["k"].out` (its instances are one here).
    const call = typeof name === 'string' ? this.modules.get(name) : undefined;
    const keyed = isObject(call) && (call.count !== undefined || call.for_each !== undefined) && steps.length >= 3 ? 1 : 0;
    const outputName = steps[1 + keyed];
    if (instance && typeof outputName === 'string') {
      const output = instance.outputs.get(outputName);
      const value = isObject(output) && 'value' in output ? instance.evaluate(output.value) : unknown(`${reference} is not an output of the module`, [reference]);
      return { value, used: 2 + keyed };
    }
    return { value: unknown(`${reference} is computed inside the module`, [reference], typeof name === 'string' ? this.moduleTaint(name) : []), used: Math.min(steps.length, 2) };
  }

  private moduleTaint(name: string): readonly string[] {
    const cached = this.moduleTaints.get(name);
    if (cached) return cached;
    const declared = this.modules.get(name);
    if (!isObject(declared) || this.evaluatingModules.has(name)) return [];
    this.evaluatingModules.add(name);
    try {
      const taint = deepTaint(this.evaluate(declared));
      this.moduleTaints.set(name, taint);
      return taint;
    } finally {
      this.evaluatingModules.delete(name);
    }
  }

  /**
   * An instance of a resource or data block. A block with count/for_each is a collection: an index selects
   * an instance, and without one the collection is unknown but carries the instances' secrets.
   */
  private instance(block: ConfigBlock, steps: readonly Step[]): Resolution {
    const secrets = secretAttributesOf(block.mode, block.type);
    const taint = secrets.length > 0 ? taintOf(this.secretId(block)) : [];
    let used = 0;
    if (!block.iteration && (block.body.count !== undefined || block.body.for_each !== undefined)) {
      if (steps.length === 0) return { value: this.allInstances(block) ?? unknown(`${block.address} has several instances`, [block.address], taint), used: 0 };
      // A known key selects the instance (its each.* bound); otherwise the block's attributes, each.* unknown.
      const key = steps[0];
      const selected = this.instancesOf(block).find((i) => i.iteration && (i.iteration.key.type === 'string' || i.iteration.key.type === 'number') && i.iteration.key.value === key);
      if (selected) {
        const inner = this.instance(selected, steps.slice(1));
        return { value: inner.value, used: 1 + inner.used };
      }
      used = 1; // the instance key
    }
    const attribute = steps[used];
    if (typeof attribute !== 'string') return { value: this.wholeBlock(block, taint), used };
    if (secrets.includes(attribute)) {
      return { value: unknown(`${block.address}.${attribute} is a secret known at apply`, [`${block.address}.${attribute}`], taint), used: used + 1 };
    }
    const configured = this.attribute(block, attribute);
    if (configured !== undefined) return { value: configured, used: used + 1 };
    return { value: unknown(`${block.address}.${attribute} is computed at apply`, [`${block.address}.${attribute}`]), used: used + 1 };
  }

  /**
   * A block with count/for_each read whole (`for_each = gitlab_project_access_token.bots`): a list of its
   * instances (count) or an object by key (for_each), each the instance's attributes and secrets; undefined
   * when its instances are not known.
   */
  private allInstances(block: ConfigBlock): Value | undefined {
    const instances = this.instancesOf(block).filter((i) => i.iteration);
    if (instances.length === 0) return undefined;
    const taint = secretAttributesOf(block.mode, block.type).length > 0 ? taintOf(this.secretId(block)) : [];
    const whole = (i: ConfigBlock) => this.wholeBlock(i, taint);
    if (block.body.count !== undefined) return tuple(instances.map(whole));
    return object(new Map(instances.map((i) => [i.iteration?.key.type === 'string' ? i.iteration.key.value : '', whole(i)])));
  }

  /** A whole block as an object: what `lookup(resource, "token")` or a `for` over it reads. */
  private wholeBlock(block: ConfigBlock, taint: readonly string[]): Value {
    const attrs = new Map<string, Value>();
    for (const key of Object.keys(block.body as JsonObject)) {
      if (key === 'lifecycle' || key === 'depends_on' || key === 'provider' || key === 'count' || key === 'for_each' || key === '//') continue;
      attrs.set(key, this.attribute(block, key) as Value);
    }
    for (const secret of secretAttributesOf(block.mode, block.type)) {
      attrs.set(secret, unknown(`${block.address}.${secret} is a secret known at apply`, [`${block.address}.${secret}`], taint));
    }
    return object(attrs);
  }
}
