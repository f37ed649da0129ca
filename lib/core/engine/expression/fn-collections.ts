/**
 * Collection functions. Most are *structural*: they move values around without reading them, so each
 * element keeps its own taint and the result container gets the containers' own taints. That keeps
 * `lookup(resource, "id")` clean while `lookup(resource, "token")` stays secret.
 */
import { asAttrs, asCommonPrimitive, asInteger, asItems, asOrderedItems, asString, compareCodePoints, isPrimitive, refuseNonNfcKey, sortedKeys, unifiedValue, valuesEqual } from './convert';
import { EvalFailure } from './unknowns';
import { containsUnknown, deepTaint, NO_TAINT, nul, object, set, str, Taint, tuple, unionSorted, Value, withTaint } from './value';

/**
 * A function's implementation. `untypedNull[i]`, when given, says argument i is the keyword `null` (which has no
 * type in Terraform, unlike a null from a typed variable or `tostring(null)`).
 */
export type FunctionBody = (args: readonly Value[], untypedNull?: readonly boolean[]) => Value;

/** Union of the own taint of each value. */
export function ownTaints(values: readonly Value[]): Taint {
  return values.reduce<Taint>((t, v) => unionSorted(t, v.taint), NO_TAINT);
}

/** Functions that compare elements need them wholly known; they decline (pending) otherwise. */
function requireKnown(values: readonly Value[], fn: string): void {
  if (values.some(containsUnknown)) throw new EvalFailure(`${fn}() of partly unknown values is not evaluated`, true);
}

const lookup: FunctionBody = ([map, key, fallback]) => {
  const k = asString(key, 'lookup key');
  refuseNonNfcKey(k);
  const found = asAttrs(map, 'lookup() map').get(k);
  const via = unionSorted(map.taint, deepTaint(key));
  if (found !== undefined) return withTaint(found, via);
  if (fallback !== undefined) return withTaint(fallback, via);
  throw new EvalFailure(`lookup(): no key ${JSON.stringify(k)} and no default`);
};

const element: FunctionBody = ([list, index]) => {
  const items = asOrderedItems(list, 'element() list');
  const i = asInteger(index, 'element() index');
  if (items.length === 0) throw new EvalFailure('element() of an empty list');
  // Terraform takes the index modulo the length first, with Go's remainder (the sign of the index), and fails
  // only on a negative remainder: element(["a"], -1) is "a", element(["a", "b"], -1) fails (terraform console 1.11).
  const at = i % items.length;
  if (at < 0) throw new EvalFailure('element() index must not be negative (unless a multiple of the length)');
  return withTaint(items[at], unionSorted(list.taint, deepTaint(index)));
};

const concat: FunctionBody = (lists) => tuple(lists.flatMap((l) => asOrderedItems(l, 'concat() argument')), ownTaints(lists));

const merge: FunctionBody = (maps) => {
  const out = new Map<string, Value>();
  for (const m of maps) {
    if (m.type === 'null') continue;
    for (const [k, v] of asAttrs(m, 'merge() argument')) out.set(k, v);
  }
  return object(out, ownTaints(maps));
};

/**
 * A tuple's or object's elements converted to the one element type of a list or map, as tolist(), tomap() and
 * functions taking a list convert them (terraform console 1.11: `tolist([1, "a", true])` is ["1", "a", "true"],
 * `tomap({a = 1, b = "x"})` is {a = "1", b = "x"}, `distinct([1, "1"])` is ["1"], `tolist([1, true])` fails,
 * `tolist([[1], ["a"]])` is [["1"], ["a"]]). Nulls take the type. An unknown element's type is not known: the
 * known ones are kept only when they are strings already (a string type wins over any other primitive);
 * different lists or objects are not evaluated (their insides would be converted too).
 */
function oneElementType(items: readonly Value[], what: string): readonly Value[] {
  const typed = items.filter((x) => x.type !== 'null');
  if (typed.length < 2) return items;
  const known = typed.filter((x) => !containsUnknown(x));
  if (known.length < typed.length) {
    if (known.every((x) => x.type === 'string')) return items;
    throw new EvalFailure(`${what} of unknown elements beside known ones that are not strings is not evaluated: the unknown ones' type may convert them`, true);
  }
  if (typed.every(isPrimitive)) {
    const kinds = new Set(typed.map((x) => x.type));
    return kinds.size === 1 ? items : items.map((x) => (x.type === 'null' ? x : asCommonPrimitive(x, kinds, what)));
  }
  if (typed.some(isPrimitive) || new Set(typed.map((x) => x.type)).size > 1) throw new EvalFailure(`${what}: primitive values, lists and objects have no common element type`);
  if (typed.every((x) => valuesEqual(x, typed[0]))) return items;
  throw new EvalFailure(`${what} of different lists or objects is not evaluated: Terraform converts their elements to one type`, true);
}

const tolist: FunctionBody = ([v]) => (v.type === 'null' ? v : tuple(oneElementType(asItems(v, 'tolist() argument'), 'tolist()'), v.taint));

const tomap: FunctionBody = ([v]) => {
  if (v.type === 'null') return v;
  const attrs = asAttrs(v, 'tomap() argument');
  const keys = [...attrs.keys()];
  const values = oneElementType([...attrs.values()], 'tomap()');
  return object(new Map(keys.map((k, i) => [k, values[i]])), v.taint);
};

/**
 * The items without repeats, first occurrence kept. A repeat's taint is kept with it: `distinct(["a",
 * sensitive("a")])` is sensitive in Terraform (terraform console prints "(sensitive value)"), and a token
 * equal to a literal before it must not lose its secrecy by being the one dropped.
 */
function unique(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const it of items) {
    const at = out.findIndex((o) => valuesEqual(o, it));
    if (at < 0) out.push(it);
    else out[at] = withTaint(out[at], deepTaint(it));
  }
  return out;
}

/**
 * A set's elements in the order Terraform iterates them, repeats dropped (terraform console 1.11); the set is
 * secret if any element is. Null beside values is not evaluated: its type, which ours lack, decides the set's.
 * Elements are converted to one type, or the call is an error ("Invalid function argument"):
 * - numbers sort by value, bools false first, strings in code-point order; with a string among them, numbers and
 *   bools become strings (`toset([true, 1, "a"])` is `["1", "a", "true"]`), without one, numbers beside bools
 *   have no common type;
 * - lists and objects: Terraform orders them by its own hash and converts their insides to a common type, which
 *   is not reproduced here: they are evaluated only when all are equal (one element), and otherwise left
 *   unevaluated (pending, so `try()` does not fall back where Terraform has a value); lists beside objects, or
 *   either beside primitives or null, fail (`toset(["a", [1]])`, `toset([null, [1]])`, `toset([[1], {a = 1}])`).
 */
const toset: FunctionBody = ([v]) => {
  if (v.type === 'null') return v;
  const items = asItems(v, 'toset() argument');
  requireKnown(items, 'toset');
  // A set's order can reveal its elements: Terraform marks the whole set sensitive when any element is.
  const setTaint = deepTaint(v);
  const nulls = items.filter((i) => i.type === 'null');
  const present = items.filter((i) => i.type !== 'null');
  const primitives = present.filter(isPrimitive);
  const collections = present.length - primitives.length;
  // Terraform's nulls have a type (`tostring(null)`, `true ? null : [2]`, a typed variable's default) that decides
  // the set's element type or makes the call fail; ours do not, so null beside values is not evaluated.
  if (nulls.length > 0 && present.length > 0) throw new EvalFailure('toset() of null beside values is not evaluated (the null\'s type decides the set\'s)', true);
  if (collections > 0) {
    if (primitives.length > 0 || new Set(present.map((i) => i.type)).size > 1) {
      throw new EvalFailure('toset() of primitive values, lists and objects together: they have no common element type');
    }
    if (present.some((i) => !valuesEqual(i, present[0]))) throw new EvalFailure('toset() of different lists or objects is not evaluated (Terraform orders and converts them its own way)', true);
    return set(unique(present), setTaint);
  }
  const kinds = new Set(primitives.map((i) => i.type));
  let sorted: Value[];
  if (kinds.size === 1 && kinds.has('number')) {
    // Terraform keeps -0 and 0 apart in a set (toset([-0, 0]) has two elements, terraform console 1.11.4)
    // though they are equal (distinct() keeps one); in which order is not reproduced here.
    if (primitives.some((i) => Object.is(i.type === 'number' && i.value, -0)) && primitives.some((i) => Object.is(i.type === 'number' && i.value, 0))) {
      throw new EvalFailure('toset() of -0 beside 0 is not evaluated: Terraform keeps both', true);
    }
    sorted = [...primitives].sort((a, b) => (a as { value: number }).value - (b as { value: number }).value);
  } else if (kinds.size === 1 && kinds.has('bool')) {
    sorted = [...primitives].sort((a, b) => Number((a as { value: boolean }).value) - Number((b as { value: boolean }).value));
  } else if (kinds.size === 0 || kinds.has('string')) {
    sorted = primitives.map((i) => str(asString(i, 'element'), i.taint))
      .sort((a, b) => compareCodePoints((a as { value: string }).value, (b as { value: string }).value));
  } else {
    throw new EvalFailure('toset() of numbers beside bools: they have no common element type');
  }
  return set(unique([...sorted, ...nulls]), setTaint);
};

const distinct: FunctionBody = ([v]) => {
  const items = asItems(v, 'distinct() argument');
  requireKnown(items, 'distinct');
  return tuple(unique(oneElementType(items, 'distinct()')), v.taint);
};

const compact: FunctionBody = ([v]) => {
  const items = asItems(v, 'compact() argument');
  requireKnown(items, 'compact');
  return tuple(items.filter((i) => i.type !== 'null' && !(i.type === 'string' && i.value === '')), v.taint);
};

/** Nested lists are flattened into the result; each leaf gets the taint of the lists it was inside. */
const flatten: FunctionBody = ([v]) => {
  const out: Value[] = [];
  const walk = (items: readonly Value[], taint: Taint): void => {
    for (const it of items) {
      if (it.type === 'unknown') throw new EvalFailure('flatten() of a partly unknown list is not evaluated', true);
      if (it.type === 'tuple') walk(it.items, unionSorted(taint, it.taint));
      else out.push(withTaint(it, taint));
    }
  };
  walk(asItems(v, 'flatten() argument'), NO_TAINT);
  return tuple(out, v.taint);
};

const keys: FunctionBody = ([v]) => tuple(sortedKeys(asAttrs(v, 'keys() argument')).map((k) => str(k, v.taint)), v.taint);

const values: FunctionBody = ([v]) => {
  const attrs = asAttrs(v, 'values() argument');
  return tuple(sortedKeys(attrs).map((k) => attrs.get(k) as Value), v.taint);
};

const reverse: FunctionBody = ([v]) => tuple([...asItems(v, 'reverse() argument')].reverse(), v.taint);

const slice: FunctionBody = ([v, from, to]) => {
  const items = asOrderedItems(v, 'slice() list');
  const a = asInteger(from, 'slice() start');
  const b = asInteger(to, 'slice() end');
  if (a < 0 || b > items.length || a > b) throw new EvalFailure('slice() indices out of range');
  return tuple(items.slice(a, b), unionSorted(v.taint, unionSorted(deepTaint(from), deepTaint(to))));
};

const zipmap: FunctionBody = ([ks, vs]) => {
  const names = asItems(ks, 'zipmap() keys');
  const vals = asItems(vs, 'zipmap() values');
  if (names.length !== vals.length) throw new EvalFailure('zipmap() keys and values differ in length');
  const out = new Map<string, Value>();
  names.forEach((n, i) => out.set(asString(n, 'zipmap() key'), withTaint(vals[i], unionSorted(vs.taint, deepTaint(n)))));
  return object(out, ks.taint);
};

const one: FunctionBody = ([v]) => {
  // terraform console 1.11: one(null) is 'Invalid value for "list" parameter: argument must not be null'.
  if (v.type === 'null') throw new EvalFailure('one() argument must not be null');
  const items = asItems(v, 'one() argument');
  if (items.length > 1) throw new EvalFailure('one() of a list with more than one element');
  return items.length === 0 ? nul(v.taint) : withTaint(items[0], v.taint);
};

/**
 * The first argument that is neither null nor ""; it also carries the taint of the ones it skipped. Terraform
 * converts every argument to one type first (terraform console 1.11: `coalesce(1, "x")` is "1",
 * `coalesce(true, 1)` fails), see unifiedValue; the keyword `null` takes part in neither.
 */
const coalesce: FunctionBody = (args, untypedNull) => {
  const i = args.findIndex((a) => a.type !== 'null' && !(a.type === 'string' && a.value === ''));
  if (i < 0) throw new EvalFailure('coalesce(): no non-null, non-empty argument');
  const others = args.filter((a, j) => j !== i && !(a.type === 'null' && untypedNull?.[j] === true));
  const chosen = unifiedValue(args[i], others, 'coalesce()');
  return withTaint(chosen, args.slice(0, i).reduce<Taint>((t, a) => unionSorted(t, deepTaint(a)), NO_TAINT));
};

const coalescelist: FunctionBody = (args) => {
  const i = args.findIndex((a) => asOrderedItems(a, 'coalescelist() argument').length > 0);
  if (i < 0) throw new EvalFailure('coalescelist(): no non-empty list');
  return withTaint(args[i], ownTaints(args.slice(0, i)));
};

const identity: FunctionBody = ([v]) => v;

/** Structural functions, keyed by name, with their arity. */
export const STRUCTURAL: Readonly<Record<string, readonly [number, number, FunctionBody]>> = {
  lookup: [2, 3, lookup],
  element: [2, 2, element],
  concat: [0, Infinity, concat],
  merge: [0, Infinity, merge],
  tolist: [1, 1, tolist],
  toset: [1, 1, toset],
  tomap: [1, 1, tomap],
  distinct: [1, 1, distinct],
  compact: [1, 1, compact],
  flatten: [1, 1, flatten],
  keys: [1, 1, keys],
  values: [1, 1, values],
  reverse: [1, 1, reverse],
  slice: [3, 3, slice],
  zipmap: [2, 2, zipmap],
  one: [1, 1, one],
  coalesce: [1, Infinity, coalesce],
  coalescelist: [1, Infinity, coalescelist],
  nonsensitive: [1, 1, identity],
  sensitive: [1, 1, identity],
};
