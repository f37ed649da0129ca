/**
 * Terraform's implicit conversions and equality, on known values. Each throws EvalFailure where Terraform
 * reports an error; callers turn that into a failure unknown.
 */
import { EvalFailure } from './unknowns';
import { formatNumber, numberFromText, shortNumber } from './numbers';
import { typeName, Value } from './value';

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

export function asAttrs(v: Value, what: string): ReadonlyMap<string, Value> {
  if (v.type === 'object') return v.attrs;
  throw new EvalFailure(`${what} must be a map or object, not ${aType(v)}`);
}

/** Keys of an object in Terraform's iteration order (lexicographic). */
export function sortedKeys(attrs: ReadonlyMap<string, Value>): string[] {
  return [...attrs.keys()].sort();
}

/** Structural equality of known values, ignoring taint (callers add the taint of both sides). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'string':
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
