/**
 * A stack's Terraform configuration in the JSON syntax, as `cdk.tf.json` holds it, and the blocks the
 * engine reads from it. Only the shape is assumed here; values are read through the expression evaluator.
 * Reference: https://developer.hashicorp.com/terraform/language/syntax/json
 */
import type { Value } from './expression/value';

export type JsonObject = { readonly [key: string]: unknown };

/** The parts of a Terraform JSON configuration the engine reads. Anything else is ignored. */
export interface TerraformConfig {
  readonly '//'?: unknown;
  readonly terraform?: unknown;
  readonly resource?: unknown;
  readonly data?: unknown;
  readonly locals?: unknown;
  readonly variable?: unknown;
  readonly output?: unknown;
  readonly module?: unknown;
  readonly provider?: unknown;
}

/** One `resource` or `data` block. */
export interface ConfigBlock {
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** `type.name`, or `data.type.name`. */
  readonly address: string;
  /**
   * The block body as written, `//` comment key included: readers that walk every attribute skip `//`
   * (a copy without it, for every block of every stack, was a good part of the checks' memory).
   */
  readonly body: JsonObject;
  /** The construct path cdktf records in `"//": { "metadata": { "path": ... } }`; else the address. */
  readonly path: string;
  /** The block's own `//` comment, where suppressions of plain Terraform JSON live. */
  readonly comment: unknown;
  /**
   * One instance of a block with a known count/for_each (see StackModel.instancesOf): the block's address
   * (`of`), and what `each.key`/`each.value` (or `count.index`, the key) are in it.
   */
  readonly iteration?: { readonly of: string; readonly key: Value; readonly value: Value; readonly instances: number };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ a: {...} }` or `[{ a: {...} }, { b: {...} }]`: Terraform JSON allows a block map to be split into a list. */
export function entriesOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap(entriesOf);
  if (!isObject(value)) return [];
  return Object.entries(value).filter(([key]) => key !== '//');
}

/** The construct path cdktf records in a block's `//` metadata, else `fallback`. */
export function constructPath(body: JsonObject, fallback: string): string {
  const comment = body['//'];
  const metadata = isObject(comment) ? comment.metadata : undefined;
  const path = isObject(metadata) ? metadata.path : undefined;
  return typeof path === 'string' && path.length > 0 ? path : fallback;
}

/** Every resource or data block of the configuration, in file order. */
export function blocksOf(config: TerraformConfig, mode: 'resource' | 'data'): ConfigBlock[] {
  const blocks: ConfigBlock[] = [];
  for (const [type, items] of entriesOf(mode === 'resource' ? config.resource : config.data)) {
    for (const [name, raw] of entriesOf(items)) {
      // A block given as a list of bodies is one block written in parts (Terraform merges them).
      const body = Array.isArray(raw) ? Object.assign({}, ...raw.filter(isObject)) as JsonObject : isObject(raw) ? raw : {};
      const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
      blocks.push({ mode, type, name, address, body, path: constructPath(body, address), comment: body['//'] });
    }
  }
  return blocks;
}

/** `locals`, `variable`, `output` and `module` blocks by name. */
export function namedBlocks(value: unknown): Map<string, unknown> {
  return new Map(entriesOf(value));
}

/** The stack-level `//` entry this library writes: plans and suppressions (see construct layer). */
export const LIBRARY_COMMENT_KEY = 'gitlab-identity';

export function libraryComment(config: TerraformConfig): JsonObject {
  const comment = config['//'];
  const ours = isObject(comment) ? comment[LIBRARY_COMMENT_KEY] : undefined;
  return isObject(ours) ? ours : {};
}

/**
 * Construct paths of outputs: cdktf records them at the top level, as the path's parts nested down to the
 * output's name (`"//": { "outputs": { "team": { "out": "out" } } }`).
 */
export function outputPaths(config: TerraformConfig): Map<string, string> {
  const paths = new Map<string, string>();
  const comment = config['//'];
  const walk = (node: unknown, parts: string[]) => {
    if (typeof node === 'string') paths.set(node, parts.join('/'));
    else if (isObject(node)) for (const [key, child] of Object.entries(node)) walk(child, [...parts, key]);
  };
  walk(isObject(comment) ? comment.outputs : undefined, []);
  return paths;
}

/** Appends `value` to the list kept under `key` (lists grouped by key, built in one pass). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Whether a JSON value holds an interpolation or a directive anywhere (`${...}`, `%{...}`): only such strings
 * are expressions, so only they can carry a secret or stand for a value that is not literal.
 */
export function hasExpression(raw: unknown): boolean {
  if (typeof raw === 'string') return raw.includes('${') || raw.includes('%{');
  if (Array.isArray(raw)) return raw.some(hasExpression);
  if (isObject(raw)) {
    for (const key in raw) if (Object.prototype.hasOwnProperty.call(raw, key) && hasExpression(raw[key])) return true;
  }
  return false;
}
