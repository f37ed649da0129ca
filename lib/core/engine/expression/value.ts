/**
 * The value domain of the expression evaluator: Terraform's values plus two things Terraform does not
 * track, `taint` (which secret sources a value was derived from) and `unknown` (anything we cannot or will
 * not compute). Unknowns keep the taint of everything they read, so a policy that cannot evaluate an
 * expression still knows which secrets might flow through it: the evaluator fails closed.
 */

/** Sorted, unique ids of secret sources, e.g. `gitlab_project_access_token.bot`. */
export type Taint = readonly string[];

export type Value =
  | { readonly type: 'string'; readonly value: string; readonly taint: Taint }
  | { readonly type: 'number'; readonly value: number; readonly taint: Taint }
  | { readonly type: 'bool'; readonly value: boolean; readonly taint: Taint }
  | { readonly type: 'null'; readonly taint: Taint }
  /**
   * A list or tuple; `set` when toset() made it. Terraform refuses to index a set or to take an element or a
   * slice of it (terraform console 1.11: "Elements of a set are identified only by their value"); the
   * evaluator does too. Sets are not told apart from lists anywhere else.
   */
  | { readonly type: 'tuple'; readonly items: readonly Value[]; readonly taint: Taint; readonly set?: true }
  | { readonly type: 'object'; readonly attrs: ReadonlyMap<string, Value>; readonly taint: Taint }
  | { readonly type: 'unknown'; readonly reason: string; readonly references: readonly string[]; readonly taint: Taint };

export type UnknownValue = Extract<Value, { type: 'unknown' }>;
export type TupleValue = Extract<Value, { type: 'tuple' }>;
export type ObjectValue = Extract<Value, { type: 'object' }>;

/** Shared empty taint: most values carry none, and sharing keeps unions allocation-free. */
export const NO_TAINT: Taint = Object.freeze([]);

/** Deepest JSON nesting converted by fromJson; deeper input becomes unknown instead of a deep recursion. */
export const MAX_JSON_DEPTH = 64;

/** Union of two sorted unique string lists (taints and references), reusing an input when possible. */
export function unionSorted(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) {
      out.push(a[i++]);
    } else {
      out.push(b[j++]);
    }
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out.length === a.length ? a : out.length === b.length ? b : out;
}

/** Builds a taint from any list of ids (sorts and de-duplicates). */
export function taintOf(...ids: readonly string[]): Taint {
  return ids.length === 0 ? NO_TAINT : [...new Set(ids)].sort();
}

export function str(value: string, taint: Taint = NO_TAINT): Value {
  return { type: 'string', value, taint };
}

export function num(value: number, taint: Taint = NO_TAINT): Value {
  return { type: 'number', value, taint };
}

export function bool(value: boolean, taint: Taint = NO_TAINT): Value {
  return { type: 'bool', value, taint };
}

export function nul(taint: Taint = NO_TAINT): Value {
  return { type: 'null', taint };
}

export function tuple(items: readonly Value[], taint: Taint = NO_TAINT): Value {
  return { type: 'tuple', items, taint };
}

/**
 * An object from a Map or a plain record (own enumerable keys). A key that is not in Unicode NFC makes it
 * unknown (pending), with everything its values carry: Terraform normalizes every string, keys included, so
 * `{"e\u0301" = "owner"}["\u00e9"]` and `lookup()` of it find "owner" there (terraform console 1.11.4), and
 * two keys that differ here may be one key there.
 */
export function object(attrs: ReadonlyMap<string, Value> | Readonly<Record<string, Value>>, taint: Taint = NO_TAINT): Value {
  const map = attrs instanceof Map ? attrs : new Map(Object.entries(attrs as Record<string, Value>));
  for (const key of map.keys()) {
    if (!isNfc(key)) {
      const values = [...map.values()];
      return unknown('an object key not in Unicode NFC is not evaluated: Terraform normalizes every string, keys included',
        values.flatMap(deepReferences), values.reduce((t, v) => unionSorted(t, deepTaint(v)), taint));
    }
  }
  return { type: 'object', attrs: map, taint };
}

/** A tuple that toset() made: see `set` on Value. */
export function set(items: readonly Value[], taint: Taint = NO_TAINT): Value {
  return { type: 'tuple', items, taint, set: true };
}

/**
 * Whether the text is in Unicode NFC, as every Terraform string is (cty normalizes them: terraform console
 * 1.11.4 gives `"e\u0301" == "\u00e9"` true). ASCII always is, and is decided without normalizing.
 */
export function isNfc(text: string): boolean {
  return !NOT_ASCII.test(text) || text === text.normalize('NFC');
}

const NOT_ASCII = /[\u0080-\uffff]/;

export function unknown(reason: string, references: readonly string[] = [], taint: Taint = NO_TAINT): Value {
  // Most unknowns name one reference or none: a Set and a sort for those cost 5 MB at 10,000 identities.
  return { type: 'unknown', reason, references: references.length < 2 ? references : [...new Set(references)].sort(), taint };
}

/** The value with `extra` added to its own taint (the same object when nothing changes). */
export function withTaint(v: Value, extra: Taint): Value {
  const taint = unionSorted(v.taint, extra);
  return taint === v.taint ? v : { ...v, taint };
}

/** Direct children of a container, for the iterative walks below. */
function children(v: Value): readonly Value[] {
  if (v.type === 'tuple') return v.items;
  if (v.type === 'object') return [...v.attrs.values()];
  return [];
}

/** Union of the taint of the value and everything nested in it. Iterative: values may be deep. */
export function deepTaint(v: Value): Taint {
  let taint = NO_TAINT;
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const cur = stack.pop() as Value;
    taint = unionSorted(taint, cur.taint);
    stack.push(...children(cur));
  }
  return taint;
}

/** Union of the references of every unknown nested in the value. */
export function deepReferences(v: Value): readonly string[] {
  let refs: readonly string[] = [];
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const cur = stack.pop() as Value;
    if (cur.type === 'unknown') refs = unionSorted(refs, cur.references);
    stack.push(...children(cur));
  }
  return refs;
}

/** Whether any part of the value is unknown. */
export function containsUnknown(v: Value): boolean {
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const cur = stack.pop() as Value;
    if (cur.type === 'unknown') return true;
    stack.push(...children(cur));
  }
  return false;
}

/**
 * Converts plain JSON to a Value, giving every node `taint` (a decoded secret is secret in every part).
 * Anything that is not JSON (undefined, functions, non-finite numbers) or nests deeper than MAX_JSON_DEPTH
 * becomes unknown rather than an exception.
 */
export function fromJson(json: unknown, taint: Taint = NO_TAINT): Value {
  return convertJson(json, taint, 0);
}

function convertJson(json: unknown, taint: Taint, depth: number): Value {
  if (depth > MAX_JSON_DEPTH) return unknown('JSON nested too deeply', [], taint);
  if (json === null) return nul(taint);
  switch (typeof json) {
    case 'string':
      return str(json, taint);
    case 'number':
      return Number.isFinite(json) ? num(json, taint) : unknown('not a finite number', [], taint);
    case 'boolean':
      return bool(json, taint);
    case 'object':
      if (Array.isArray(json)) return tuple(json.map((item) => convertJson(item, taint, depth + 1)), taint);
      return object(new Map(Object.keys(json).map((k) => [k, convertJson((json as Record<string, unknown>)[k], taint, depth + 1)])), taint);
    default:
      return unknown(`not a JSON value: ${typeof json}`, [], taint);
  }
}

/** Plain JSON for a wholly known value, or undefined when anything inside is unknown. */
export function toJson(v: Value): unknown {
  switch (v.type) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'unknown':
      return undefined;
    case 'tuple': {
      const out: unknown[] = [];
      for (const item of v.items) {
        const j = toJson(item);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'object': {
      const entries: [string, unknown][] = [];
      for (const [k, item] of v.attrs) {
        const j = toJson(item);
        if (j === undefined) return undefined;
        entries.push([k, j]);
      }
      // fromEntries defines own properties, so a "__proto__" key cannot change the prototype.
      return Object.fromEntries(entries);
    }
  }
}

/** Terraform-style type name for messages. */
export function typeName(v: Value): string {
  return v.type === 'tuple' ? 'tuple' : v.type === 'object' ? 'object' : v.type;
}
