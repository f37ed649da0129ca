/**
 * Numbers as Terraform holds them, or not at all. Terraform reads a number from its decimal text into a
 * cty Number, a big.Float of 512 bits (`0.1 + 0.2 == 0.3` is true in `terraform console`,
 * `9007199254740993` stays odd, `3.1 - 1.1 == 2` is false), where JavaScript rounds every number to a 64-bit
 * double. Evaluating with doubles would judge a value Terraform never applies: with
 * `0.1 + 0.2 == 0.3 ? "owner" : "guest"` the checks would see guest. So the evaluator holds only numbers whose
 * double is the decimal text they came from, and keeps the result of arithmetic only when it is exact: whole
 * numbers up to 2^53, and fractions such as `9 / 2` whose operands and result are exact binary fractions.
 * Everything else is unknown (pending: Terraform computes it, the checks cannot), so the policy fails closed.
 * Comparisons need no guard: distinct decimals that each survive the round trip are distinct, ordered doubles.
 *
 * Every expected value in the tests is what `terraform console` (1.11.4) prints.
 */
import { EvalFailure } from './unknowns';

/** A number's text for a message: long ones shortened (a 200,000-digit literal is not repeated whole). */
export function shortNumber(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 20)}… (${text.length} characters)`;
}

interface DecimalParts {
  readonly negative: boolean;
  /** Without leading or trailing zeros; '' for zero. */
  readonly digits: string;
  /** The power of ten the digits are scaled by. */
  readonly exponent: number;
}

const DECIMAL = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;

/** A decimal text in parts; undefined if it is not one. Linear in the text (no backtracking regex on zeros). */
function decimalParts(text: string): DecimalParts | undefined {
  const m = DECIMAL.exec(text);
  if (!m || m[2] + m[3] === '') return undefined;
  const all = m[2] + m[3];
  let first = 0;
  while (first < all.length && all[first] === '0') first++;
  let last = all.length;
  while (last > first && all[last - 1] === '0') last--;
  const digits = all.slice(first, last);
  const exponent = Number(m[4] ?? 0) - m[3].length + (all.length - last);
  return { negative: m[1] === '-' && digits !== '', digits, exponent: digits === '' ? 0 : exponent };
}

/**
 * The number a decimal text means, if a double holds exactly that decimal: `0.1`, `+1`, `1e21` and
 * `9007199254740992` do; `9007199254740993`, `0.10000000000000001` and `1e400` do not (undefined).
 */
export function exactNumber(text: string): number | undefined {
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  const a = decimalParts(text);
  const b = decimalParts(String(n));
  if (!a || !b) return undefined;
  return a.digits === b.digits && a.exponent === b.exponent && a.negative === b.negative ? n : undefined;
}

/** Texts Terraform reads as numbers (Go's big.ParseFloat, base 10) that a double cannot hold: `1p4` (16), `Inf`. */
const UNHELD_NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)[pP][+-]?\d+|[Ii]nf)$/;
const DECIMAL_SYNTAX = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A string converted to a number where Terraform converts it: undefined if Terraform would fail (`" 1"`,
 * `"0x10"`), a pending EvalFailure if it would succeed with a number a double does not hold.
 */
export function numberFromText(text: string, what: string): number | undefined {
  if (!DECIMAL_SYNTAX.test(text)) {
    if (UNHELD_NUMBER.test(text)) throw new EvalFailure(`${what} ${JSON.stringify(shortNumber(text))} is not evaluated: a double does not hold it`, true);
    return undefined;
  }
  const n = exactNumber(text);
  if (n === undefined) throw new EvalFailure(`${what} ${JSON.stringify(shortNumber(text))} is not held exactly by a double (Terraform keeps 512 bits)`, true);
  return n;
}

/** Terraform's number-to-string: every digit of the decimal, never an exponent (`1e21` is 1 and 21 zeros). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new EvalFailure('number is not finite');
  if (Object.is(n, -0)) return '-0'; // `terraform console`: "x${0 * -1}" is "x-0"
  const { negative, digits, exponent } = decimalParts(String(n)) as DecimalParts;
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

/**
 * Whether the double is exactly the decimal its shortest text means: 4.5 and 2^50 are; 0.1 is not, nor is 2^70
 * (its text, 1.1805916207174113e21, is 1180591620717411300000, which Terraform would read instead).
 */
function isExactDecimal(x: number): boolean {
  if (Number.isSafeInteger(x)) return true;
  if (!Number.isFinite(x)) return false;
  const d = decimalParts(String(x)) as DecimalParts;
  const { m, k } = dyadic(x);
  const digits = BigInt(`${d.negative ? '-' : ''}${d.digits || '0'}`);
  // digits * 10^exponent == m / 2^k, both sides multiplied up to integers
  return d.exponent >= 0 ? digits * 10n ** BigInt(d.exponent) * 2n ** k === m : digits * 2n ** k === m * 10n ** BigInt(-d.exponent);
}

/** Whether `result` is exactly `a op b` (op one of + - * /), all three being exact decimals. */
function isExactResult(op: string, a: number, b: number, result: number): boolean {
  if (!isExactDecimal(a) || !isExactDecimal(b) || !isExactDecimal(result)) return false;
  const [x, y, r] = [dyadic(a), dyadic(b), dyadic(result)];
  if (op === '*') return r.m * 2n ** (x.k + y.k) === x.m * y.m * 2n ** r.k;
  if (op === '/') return r.m * y.m * 2n ** x.k === x.m * 2n ** (r.k + y.k);
  const k = [x.k, y.k, r.k].reduce((p, q) => (q > p ? q : p));
  const scaled = (v: { m: bigint; k: bigint }): bigint => v.m * 2n ** (k - v.k);
  return scaled(r) === (op === '+' ? scaled(x) + scaled(y) : scaled(x) - scaled(y));
}

const notEvaluated = (a: number, op: string, b: number, why: string): EvalFailure =>
  new EvalFailure(`${shortNumber(formatNumber(a))} ${op} ${shortNumber(formatNumber(b))} is not evaluated: ${why}`, true);

/**
 * `a op b` for + - * / %, as Terraform computes it, or a pending EvalFailure when a double cannot say.
 * `0 / 0` is Terraform's error (a failure); any other division by zero is an infinity in Terraform (pending).
 */
export function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number): number {
  if (b === 0 && (op === '%' || op === '/')) {
    if (op === '/' && a === 0) throw new EvalFailure('division by zero');
    throw notEvaluated(a, op, b, op === '/' ? 'Terraform gives an infinity' : 'Terraform gives the left operand');
  }
  if (op === '%') {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw notEvaluated(a, op, b, 'only whole numbers up to 2^53 are');
    const r = a % b;
    // Terraform computes a - b * trunc(a / b) on big.Float: a zero is negative only for -0 % (a positive b).
    return r === 0 ? (Object.is(a, -0) && b > 0 ? -0 : 0) : r;
  }
  const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(r)) return r;
  if (Number.isFinite(r) && isExactResult(op, a, b, r)) return r;
  throw notEvaluated(a, op, b, 'Terraform computes it with more precision than a double holds');
}

/** max() and min(): Terraform keeps the first argument unless a later one is strictly greater (smaller). */
export function extreme(kind: 'max' | 'min', ns: readonly number[]): number {
  return ns.reduce((best, n) => ((kind === 'max' ? n > best : n < best) ? n : best));
}

// A JSON string inside "..." (escapes included) or a number outside strings; strings are skipped whole.
const JSON_TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * The first number in a JSON text that JSON.parse cannot read exactly (`9007199254740993`), with its offset,
 * or undefined. JSON.parse keeps a double, where Terraform keeps the number as written; Node 20 has no
 * access to the text of a number from JSON.parse.
 */
export function inexactJsonNumber(text: string): { readonly number: string; readonly offset: number } | undefined {
  JSON_TOKEN.lastIndex = 0;
  for (let m = JSON_TOKEN.exec(text); m !== null; m = JSON_TOKEN.exec(text)) {
    const token = m[0];
    // Fifteen significant digits or fewer always survive a double's round trip, unless an exponent takes
    // them out of range (1e-400 is 0 to JSON.parse).
    if (token[0] !== '"' && (token.length > 15 || /[eE]/.test(token)) && exactNumber(token) === undefined) return { number: token, offset: m.index };
  }
  return undefined;
}
