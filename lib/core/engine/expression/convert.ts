/**
 * Terraform's implicit conversions and equality, on known values. Each throws EvalFailure where Terraform
 * reports an error; callers turn that into a failure unknown.
 */
import { EvalFailure } from './unknowns';
import { typeName, Value } from './value';

/*
 * Numbers. Terraform keeps numbers as arbitrary-precision decimals read from their text (cty's Number is
 * a 512-bit big.Float: `0.1 + 0.2 == 0.3` is true in `terraform console`, and `9007199254740993` stays
 * odd), where JavaScript rounds every number to 64 bits. Evaluating with doubles would judge a value
 * Terraform never applies (`0.1 + 0.2 == 0.3 ? "guest" : "owner"` would pass as guest). So this evaluator
 * holds only numbers whose double means exactly the decimal text it came from, and computes only with whole
 * numbers up to 2^53, where double arithmetic is exact; anything else is left unknown (fail closed).
 * Comparisons need no guard: distinct decimals that each survive a round trip are distinct, ordered doubles.
 */

const DECIMAL = /^(-?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;

/** Digits (no leading or trailing zeros) and the power of ten they are scaled by; undefined if not a number. */
function decimalParts(text: string): { negative: boolean; digits: string; exponent: number } | undefined {
  const m = DECIMAL.exec(text);
  if (!m || m[2] + m[3] === '') return undefined;
  let digits = (m[2] + m[3]).replace(/^0+/, '');
  let exponent = Number(m[4] ?? 0) - m[3].length;
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  return { negative: m[1] === '-' && digits !== '', digits, exponent: digits === '' ? 0 : exponent };
}

/**
 * The number a decimal text means, if a double holds it exactly as Terraform would read it: `0.1`, `1e21`
 * and `9007199254740992` do, `9007199254740993` and `0.10000000000000001` do not (undefined).
 */
export function exactNumber(text: string): number | undefined {
  const n = Number(text);
  const a = decimalParts(text);
  const b = decimalParts(String(n));
  if (!Number.isFinite(n) || !a || !b) return undefined;
  return a.digits === b.digits && a.exponent === b.exponent && a.negative === b.negative ? n : undefined;
}

/** Terraform's number-to-string: all the digits of the decimal, never an exponent (`1e21` is 1 and 21 zeros). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new EvalFailure('number is not finite');
  if (Object.is(n, -0)) return '-0'; // as `terraform console` prints "x${0 * -1}"
  const { negative, digits, exponent } = decimalParts(String(n)) as NonNullable<ReturnType<typeof decimalParts>>;
  if (digits === '') return '0';
  const sign = negative ? '-' : '';
  if (exponent >= 0) return `${sign}${digits}${'0'.repeat(exponent)}`;
  const point = digits.length + exponent;
  return point > 0 ? `${sign}${digits.slice(0, point)}.${digits.slice(point)}` : `${sign}0.${'0'.repeat(-point)}${digits}`;
}

/** `x` as m / 2^k with m an integer (every finite double is one); doubling a non-integer double is exact. */
function dyadic(x: number): { m: bigint; k: bigint } {
  let k = 0n;
  while (!Number.isInteger(x)) {
    x *= 2;
    k++;
  }
  return { m: BigInt(x), k };
}

/** Whether the double is exactly the decimal its shortest text means: 4.5 and 2^60 are, 0.1 and 2^70 are not. */
function isExactDecimal(x: number): boolean {
  if (Number.isSafeInteger(x)) return true;
  const d = decimalParts(String(x));
  if (!Number.isFinite(x) || !d) return false;
  const { m, k } = dyadic(x);
  const digits = BigInt(`${d.negative ? '-' : ''}${d.digits || '0'}`);
  // digits * 10^e == m / 2^k, with both sides multiplied up to integers
  return d.exponent >= 0 ? digits * 10n ** BigInt(d.exponent) * 2n ** k === m : digits * 2n ** k === m * 10n ** BigInt(-d.exponent);
}

/** Whether `result` is exactly `a op b` (op one of + - * /), all three being exact decimals. */
function isExactResult(op: string, a: number, b: number, result: number): boolean {
  if (!isExactDecimal(a) || !isExactDecimal(b) || !isExactDecimal(result)) return false;
  const [x, y, r] = [dyadic(a), dyadic(b), dyadic(result)];
  const scale = (v: { m: bigint; k: bigint }, to: bigint): bigint => v.m * 2n ** (to - v.k);
  if (op === '*') return r.m * 2n ** (x.k + y.k) === x.m * y.m * 2n ** r.k;
  if (op === '/') return r.m * y.m * 2n ** x.k === x.m * 2n ** (r.k + y.k);
  const k = [x.k, y.k, r.k].reduce((p, q) => (q > p ? q : p));
  return scale(r, k) === (op === '+' ? scale(x, k) + scale(y, k) : scale(x, k) - scale(y, k));
}

/**
 * Guards arithmetic: the result is kept only when it is exactly what Terraform computes. Whole numbers up to
 * 2^53 always are (`%` is evaluated on them only); `9 / 2` and `0.5 + 0.25` are exact too; `0.1 + 0.2` is not,
 * because 0.1 is not a double, and neither is `1 / 3`.
 */
export function exactArithmetic(op: string, a: number, b: number, result: number): number {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(result)) return result;
  if (op !== '%' && Number.isFinite(result) && isExactResult(op, a, b, result)) return result;
  throw new EvalFailure(
    `${formatNumber(a)} ${op} ${formatNumber(b)} is not evaluated: Terraform computes it with more precision than a double holds`,
    true,
  );
}

/** "a string", "an object": the type of a value with its article, for messages. */
function aType(v: Value): string {
  const name = typeName(v);
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** A primitive as a string (what template interpolation and string parameters accept). */
export function asString(v: Value, what = 'value'): string {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'number':
      return formatNumber(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'null':
      throw new EvalFailure(`${what} is null`);
    default:
      throw new EvalFailure(`${what} must be a string, not ${aType(v)}`);
  }
}

const NUMBER_SYNTAX = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function asNumber(v: Value, what = 'value'): number {
  if (v.type === 'number') return v.value;
  if (v.type === 'string' && NUMBER_SYNTAX.test(v.value)) {
    const n = exactNumber(v.value);
    if (n === undefined) throw new EvalFailure(`${what} ${JSON.stringify(v.value)} is not held exactly by a double (Terraform keeps every digit)`, true);
    return n;
  }
  throw new EvalFailure(`${what} must be a number, not ${v.type === 'string' ? JSON.stringify(v.value) : aType(v)}`);
}

export function asInteger(v: Value, what = 'value'): number {
  const n = asNumber(v, what);
  if (!Number.isInteger(n)) throw new EvalFailure(`${what} must be a whole number`);
  return n;
}

export function asBool(v: Value, what = 'value'): boolean {
  if (v.type === 'bool') return v.value;
  if (v.type === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  throw new EvalFailure(`${what} must be a bool, not ${aType(v)}`);
}

/** Items of a list-like value (tuple); anything else is a type error. */
export function asItems(v: Value, what = 'value'): readonly Value[] {
  if (v.type === 'tuple') return v.items;
  throw new EvalFailure(`${what} must be a list, not ${aType(v)}`);
}

export function asAttrs(v: Value, what = 'value'): ReadonlyMap<string, Value> {
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
