/**
 * Terraform's implicit conversions and equality, on known values. Each throws EvalFailure where Terraform
 * reports an error; callers turn that into a failure unknown.
 */
import { EvalFailure } from './unknowns';
import { formatNumber, numberFromText, shortNumber } from './numbers';
import { containsUnknown, isNfc, str, typeName, Value } from './value';

/** "a string", "an object": the type of a value with its article, for messages. */
function aType(v: Value): string {
  const name = typeName(v);
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** A primitive as the string Terraform converts it to (1e21 is 1 and 21 zeros); undefined for anything else. */
export function primitiveText(v: Value): string | undefined {
  if (v.type === 'string') return v.value;
  if (v.type === 'number') return formatNumber(v.value);
  if (v.type === 'bool') return v.value ? 'true' : 'false';
  return undefined;
}

/** A primitive as a string (what template interpolation and string parameters accept). */
export function asString(v: Value, what: string): string {
  const text = primitiveText(v);
  if (text !== undefined) return text;
  throw new EvalFailure(v.type === 'null' ? `${what} is null` : `${what} must be a string, not ${aType(v)}`);
}

export function asNumber(v: Value, what: string): number {
  if (v.type === 'number') return v.value;
  const n = v.type === 'string' ? numberFromText(v.value, what) : undefined;
  if (n !== undefined) return n;
  throw new EvalFailure(`${what} must be a number, not ${v.type === 'string' ? JSON.stringify(v.value) : aType(v)}`);
}

export function asInteger(v: Value, what: string): number {
  const n = asNumber(v, what);
  if (!Number.isInteger(n)) throw new EvalFailure(`${what} must be a whole number`);
  // Terraform takes a whole number as a Go int (64 bits) and fails beyond it; past 2^53 a double cannot tell.
  if (!Number.isSafeInteger(n)) throw new EvalFailure(`${what} ${shortNumber(formatNumber(n))} is not evaluated: it is beyond 2^53`, true);
  return n;
}

/**
 * A string as the bool Terraform converts it to: "true" and "1" are true, "false" and "0" false; any other
 * string (" 1", "True") is an error, undefined here (cty's string-to-bool conversion; in terraform console
 * 1.11.4, `tobool("1")` and `"1" ? "a" : "b"` take it as true).
 */
export function boolFromText(text: string): boolean | undefined {
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
}

export function asBool(v: Value, what: string): boolean {
  if (v.type === 'bool') return v.value;
  const b = v.type === 'string' ? boolFromText(v.value) : undefined;
  if (b !== undefined) return b;
  throw new EvalFailure(`${what} must be a bool, not ${aType(v)}`);
}

/** Items of a list-like value (tuple); anything else is a type error. */
export function asItems(v: Value, what: string): readonly Value[] {
  if (v.type === 'tuple') return v.items;
  throw new EvalFailure(`${what} must be a list, not ${aType(v)}`);
}

/**
 * The items of a list or tuple that is not a set: Terraform's element(), slice(), concat() and
 * coalescelist() refuse a set (terraform console 1.11: "cannot slice a set, because its elements do not
 * have indices"; "all arguments must be lists or tuples").
 */
export function asOrderedItems(v: Value, what: string): readonly Value[] {
  if (v.type === 'tuple' && v.set) throw new EvalFailure(`${what} must be a list, not a set: a set's elements have no index`);
  return asItems(v, what);
}

export function asAttrs(v: Value, what: string): ReadonlyMap<string, Value> {
  if (v.type === 'object') return v.attrs;
  throw new EvalFailure(`${what} must be a map or object, not ${aType(v)}`);
}

/**
 * Code-point order, as Go compares strings (byte-wise UTF-8): UTF-16 code units compare the same way except
 * that a surrogate (a character above U+FFFF) must sort after U+E000-U+FFFF, so the first differing units are
 * compared with surrogates moved above them.
 */
export function compareCodePoints(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a !== b) return codePointRank(a) - codePointRank(b);
  }
  return x.length - y.length;
}
const codePointRank = (unit: number): number => (unit >= 0xd800 && unit < 0xe000 ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);

/**
 * Keys of an object in Terraform's iteration order: Go's string order, by code point (terraform console
 * 1.11: `keys({"\uFFFD" = 1, "\U0001F600" = 2})` is `["\uFFFD", "\U0001F600"]`, the reverse of UTF-16 order).
 */
export function sortedKeys(attrs: ReadonlyMap<string, Value>): string[] {
  return [...attrs.keys()].sort(compareCodePoints);
}

/**
 * Go's unicode.IsSpace, which Terraform's trimspace and HCL's template strip markers use: ASCII \t \n \v \f \r
 * and space, U+0085, U+00A0 and the Unicode separators U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000. Not U+FEFF, which JavaScript's trim() and \s also take (terraform console 1.11.4: `trimspace("\ufeff")`
 * is "\ufeff", `"x\ufeff${~ ""}" == "x"` is false).
 */
export function isGoSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0x85) return false;
  return unit === 0x85 || unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 ||
    unit === 0x202f || unit === 0x205f || unit === 0x3000;
}

/** The text without Go spaces at its start and/or end (linear: no regular expression backtracking). */
export function trimGoSpace(text: string, start: boolean, end: boolean): string {
  let a = 0;
  let b = text.length;
  while (start && a < b && isGoSpace(text.charCodeAt(a))) a++;
  while (end && b > a && isGoSpace(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

/** A key not in NFC may name a key Terraform normalized: not looked up (pending, so try() does not fall back). */
export function refuseNonNfcKey(key: string): void {
  if (!isNfc(key)) throw new EvalFailure('a key not in Unicode NFC is not looked up: Terraform normalizes every string, keys included', true);
}

export const isPrimitive = (v: Value): boolean => v.type === 'string' || v.type === 'number' || v.type === 'bool';

/**
 * The primitive `v` as the common type of primitives of `kinds` (cty's unification): itself when they are of
 * one type, a string when a string is among them; numbers beside bools have none.
 */
export function asCommonPrimitive(v: Value, kinds: ReadonlySet<string>, what: string): Value {
  if (kinds.size === 1) return v;
  if (kinds.has('string')) return v.type === 'string' ? v : str(primitiveText(v) as string, v.taint);
  throw new EvalFailure(`${what}: numbers and bools have no common type`);
}

/**
 * `v` converted to the type Terraform unifies it with `others` to: both branches of a conditional, and all of
 * coalesce()'s arguments, are converted to one type before one is chosen (cty's unification, terraform console
 * 1.11: `true ? 1 : "a"` is "1", `coalesce(1, "x")` is "1", `true ? 1 : true` and `coalesce("a", [1])` fail).
 * `others` must not include the keyword `null`, which has no type and takes `v`'s.
 * - primitives: with a string among them, numbers and bools become strings; numbers beside bools fail;
 * - a primitive beside a collection, or a tuple beside an object, fails;
 * - collections that differ are not evaluated (pending): Terraform may convert a tuple to a set, which reorders
 *   it (`true ? ["b", "a"] : toset(["a", "b"])` is the set ["a", "b"]), or their elements to a common type;
 * - a null (computed: a typed variable, `tostring(null)`) or an unknown anywhere: its type, which ours do not
 *   track, may convert `v` (`true ? 1 : tostring(null)` is "1") or fail (`true ? "a" : tolist(null)`), so it is
 *   not evaluated (pending).
 */
export function unifiedValue(v: Value, others: readonly Value[], what: string): Value {
  if (others.length === 0) return v;
  const all = [v, ...others];
  if (all.some((x) => x.type === 'null' || containsUnknown(x))) {
    throw new EvalFailure(`${what} with a null or unknown beside other values is not evaluated: its type, which ours do not track, may convert the result`, true);
  }
  if (all.every(isPrimitive)) return asCommonPrimitive(v, new Set(all.map((x) => x.type)), what);
  const odd = all.find((x) => x.type !== v.type);
  if (odd !== undefined) throw new EvalFailure(`${what}: ${aType(v)} and ${aType(odd)} have no common type`);
  if (others.every((o) => valuesEqual(o, v)) || unchangedByUnification(v, others)) return v;
  throw new EvalFailure(`${what} of different lists or objects is not evaluated: Terraform converts them to one type (a set reorders a list)`, true);
}

/**
 * Whether converting the collection `v` to the type Terraform unifies it with `others` leaves its value as
 * it is: every primitive inside all of them has one type (no null, whose type ours do not know), so no
 * element becomes a string; and every list inside `v` is already in a set's order (at most one element, or
 * primitives strictly increasing), so a set, if that is the type, neither reorders nor merges it. Then
 * `var.on ? ["api"] : ["read_api"]` and `var.on ? { a = 1 } : {}` are evaluated (terraform console 1.11:
 * `false ? ["api"] : ["read_api"]` is ["read_api"]).
 */
function unchangedByUnification(v: Value, others: readonly Value[]): boolean {
  const kinds = new Set<string>();
  let typedNull = false;
  const leaves = (x: Value): void => {
    if (x.type === 'tuple') x.items.forEach(leaves);
    else if (x.type === 'object') x.attrs.forEach(leaves);
    else if (x.type === 'null') typedNull = true;
    else kinds.add(x.type);
  };
  [v, ...others].forEach(leaves);
  return !typedNull && kinds.size <= 1 && listsInSetOrder(v);
}

function listsInSetOrder(x: Value): boolean {
  if (x.type === 'object') return [...x.attrs.values()].every(listsInSetOrder);
  if (x.type !== 'tuple') return true;
  if (x.items.length <= 1) return x.items.every(listsInSetOrder);
  return inSetOrder(x.items);
}

/**
 * Whether a set of these items keeps them as they are: at most one item, or primitives (no null) strictly
 * increasing in Terraform's set order, so converting them to a set neither reorders nor merges them.
 */
export function inSetOrder(items: readonly Value[]): boolean {
  if (items.length <= 1) return true;
  if (!items.every(isPrimitive)) return false;
  for (let i = 1; i < items.length; i++) if (setOrder(items[i - 1], items[i]) >= 0) return false;
  return true;
}

/** Terraform's order of a set's primitives of one type: numbers by value, strings by code point, false first. */
function setOrder(a: Value, b: Value): number {
  if (a.type === 'string' && b.type === 'string') return compareCodePoints(a.value, b.value);
  if (a.type === 'number' && b.type === 'number') return a.value - b.value;
  return Number(a.type === 'bool' && a.value) - Number(b.type === 'bool' && b.value);
}

/** Structural equality of known values, ignoring taint (callers add the taint of both sides). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'string': {
      const bv = (b as typeof a).value;
      if (a.value === bv) return true;
      if (!isNfc(a.value) || !isNfc(bv)) throw new EvalFailure('comparing text not in Unicode NFC is not evaluated: Terraform normalizes every string', true);
      return false;
    }
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'tuple': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => valuesEqual(x, bi[i]));
    }
    case 'object': {
      const ba = (b as typeof a).attrs;
      if (a.attrs.size !== ba.size) return false;
      for (const [k, x] of a.attrs) {
        const y = ba.get(k);
        if (y === undefined || !valuesEqual(x, y)) return false;
      }
      return true;
    }
    case 'unknown':
      throw new EvalFailure('cannot compare unknown values', true);
  }
}
