/**
 * Functions that read their arguments' values (strings, numbers, encodings). Their results are tainted
 * with the deep taint of every argument by the caller (functions.ts), so they need not track taint here.
 */
import { asBool, asInteger, asItems, asNumber, asString, compareCodePoints, sortedKeys, trimGoSpace, valuesEqual } from './convert';
import { FunctionBody } from './fn-collections';
import { extreme, formatNumber, inexactJsonNumber, shortNumber } from './numbers';
import { EvalFailure } from './unknowns';
import { bool, deepTaint, fromJson, num, str, tuple, Value } from './value';

const s = (v: Value, what: string): string => asString(v, what);
const stringFn = (name: string, f: (x: string) => string): FunctionBody => ([v]) => str(f(s(v, `${name}() argument`)));

/**
 * Text for a function whose JavaScript counterpart differs from Go's beyond ASCII, which is therefore not
 * evaluated (pending): Go maps case one code point at a time (terraform console 1.11.4: `lower("MA\u0130NTAINER")`
 * is "maintainer", JavaScript's is "mai\u0307ntainer"; `upper("\u00df")` is "\u00df", not "SS").
 */
function ascii(v: Value, what: string): string {
  const text = s(v, what);
  if (/[\u0080-\uffff]/.test(text)) throw new EvalFailure(`${what} outside ASCII is not evaluated: Terraform's Unicode rules differ from JavaScript's`, true);
  return text;
}
const asciiFn = (name: string, f: (x: string) => string): FunctionBody => ([v]) => str(f(ascii(v, `${name}() argument`)));

/**
 * The grapheme clusters Terraform counts in length() and substr(), for text up to U+024F (ASCII, Latin-1 and
 * Latin Extended: no combining marks, so one cluster per character except CR LF, which is one: terraform console
 * 1.11.4 gives `length("a\r\nb")` 3 and `length("h\u00e9llo")` 5); other text is not evaluated (pending).
 */
function clusters(v: Value, what: string): string[] {
  const text = s(v, what);
  if (/[\u0250-\uffff]/.test(text)) throw new EvalFailure(`${what} beyond U+024F is not evaluated: Terraform counts grapheme clusters`, true);
  return text.match(/\r\n|[^]/g) ?? [];
}

/** Go's json.Marshal, which Terraform's jsonencode uses, escapes HTML-significant characters. */
function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** jsonencode of a known value; object keys are sorted, as Terraform iterates them. */
export function encodeJson(v: Value): string {
  switch (v.type) {
    case 'string':
      return goJsonString(v.value);
    case 'number':
      return formatNumber(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'tuple':
      return `[${v.items.map(encodeJson).join(',')}]`;
    case 'object':
      return `{${sortedKeys(v.attrs).map((k) => `${goJsonString(k)}:${encodeJson(v.attrs.get(k) as Value)}`).join(',')}}`;
    case 'unknown':
      throw new EvalFailure('jsonencode() of an unknown value', true);
  }
}

const jsondecode: FunctionBody = ([v]) => {
  let parsed: unknown;
  const text = s(v, 'jsondecode() argument');
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EvalFailure('jsondecode(): invalid JSON');
  }
  const inexact = inexactJsonNumber(text);
  if (inexact !== undefined) throw new EvalFailure(`jsondecode(): the number ${shortNumber(inexact.number)} is not held exactly by a double`, true);
  return fromJson(parsed, deepTaint(v)); // every decoded part is as secret as the text
};

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** Pure base64 (no Buffer, so the core stays free of Node APIs). */
export function base64(text: string): string {
  const b = utf8(text);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < b.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? BASE64[n & 63] : '=';
  }
  return out;
}

/**
 * %v of a number is Go's %g: plain digits from 1e-4 up to 1e6, an exponent outside (`1e+06`). Only the plain
 * range is evaluated.
 */
function plainV(n: number): string {
  const size = Math.abs(n);
  if (size !== 0 && (size < 1e-4 || size >= 1e6)) throw new EvalFailure(`format() %v of ${shortNumber(formatNumber(n))} is not evaluated: Terraform writes it with an exponent`, true);
  return formatNumber(n);
}

/** format() with the verbs %s %d %v %q %t and %%; flags, widths and other verbs are not evaluated. */
const format: FunctionBody = ([spec, ...args]) => {
  const pattern = s(spec, 'format() specification');
  // terraform console 1.11: format("%v", null), format("a", null) and format("%s-%s", "x", null) are all
  // "(known after apply)": a null argument makes the result unknown, whatever the verbs.
  if (args.some((a) => a.type === 'null')) throw new EvalFailure('format() with a null argument is known only after apply', true);
  let next = 0;
  const take = (): Value => {
    if (next >= args.length) throw new EvalFailure('format(): not enough arguments');
    return args[next++];
  };
  const out = pattern.replace(/%(.)/gsu, (_m, verb: string) => {
    if (verb === '%') return '%';
    const a = take();
    if (verb === 's') return s(a, 'format() argument');
    if (verb === 'd') {
      const n = asInteger(a, 'format() argument');
      return Object.is(n, -0) ? '0' : formatNumber(n); // Go's %d of a big.Int: no negative zero
    }
    if (verb === 't') return asBool(a, 'format() argument') ? 'true' : 'false';
    if (verb === 'q') return goJsonString(s(a, 'format() argument'));
    if (verb === 'v') return a.type === 'tuple' || a.type === 'object' ? encodeJson(a) : a.type === 'number' ? plainV(a.value) : s(a, 'format() argument');
    throw new EvalFailure(`format() verb %${verb} is not evaluated`, true);
  });
  if (/%$/.test(pattern.replace(/%%/g, ''))) throw new EvalFailure('format(): trailing %');
  if (next < args.length) throw new EvalFailure('format(): too many arguments');
  return str(out);
};

const replace: FunctionBody = ([v, from, to]) => {
  const needle = s(from, 'replace() substring');
  if (needle.length > 1 && needle.startsWith('/') && needle.endsWith('/')) {
    throw new EvalFailure('replace() with a regular expression is not evaluated', true);
  }
  if (needle === '') throw new EvalFailure('replace() of an empty substring is not evaluated', true);
  return str(s(v, 'replace() string').split(needle).join(s(to, 'replace() replacement')));
};

/**
 * substr counts grapheme clusters (see clusters); a negative offset counts from the end, a negative length means
 * "the rest", and an offset past the end gives "" (terraform console 1.11: substr("a", 5, 1) is "",
 * substr("hello", 1, -2) is "ello").
 */
const substr: FunctionBody = ([v, offset, length]) => {
  const chars = clusters(v, 'substr() string');
  let from = asInteger(offset, 'substr() offset');
  const len = asInteger(length, 'substr() length');
  if (from < 0) from = Math.max(0, chars.length + from);
  return str(chars.slice(from, len < 0 ? undefined : from + len).join(''));
};

const trim: FunctionBody = ([v, cutset]) => {
  const cut = new Set(Array.from(s(cutset, 'trim() cutset')));
  const chars = Array.from(s(v, 'trim() string'));
  let a = 0;
  let b = chars.length;
  while (a < b && cut.has(chars[a])) a++;
  while (b > a && cut.has(chars[b - 1])) b--;
  return str(chars.slice(a, b).join(''));
};

const join: FunctionBody = ([sep, ...lists]) => {
  const parts = lists.flatMap((l) => asItems(l, 'join() list')).map((i) => s(i, 'join() element'));
  return str(parts.join(s(sep, 'join() separator')));
};

const split: FunctionBody = ([sep, v]) => {
  const text = s(v, 'split() string');
  const by = s(sep, 'split() separator');
  return tuple((by === '' ? Array.from(text) : text.split(by)).map((p) => str(p)));
};

const length: FunctionBody = ([v]) => {
  if (v.type === 'tuple') return num(v.items.length);
  if (v.type === 'object') return num(v.attrs.size);
  if (v.type === 'string') return num(clusters(v, 'length() string').length);
  throw new EvalFailure(`length() of a ${v.type}`);
};

const numbers = (args: readonly Value[], fn: string): number[] => {
  if (args.length === 0) throw new EvalFailure(`${fn}() needs at least one number`);
  return args.map((a) => asNumber(a, `${fn}() argument`));
};

const tostring: FunctionBody = ([v]) => (v.type === 'null' ? v : str(s(v, 'tostring() argument')));
const tonumber: FunctionBody = ([v]) => (v.type === 'null' ? v : num(asNumber(v, 'tonumber() argument')));
const tobool: FunctionBody = ([v]) => (v.type === 'null' ? v : bool(asBool(v, 'tobool() argument')));

const sort: FunctionBody = ([v]) => {
  const texts = asItems(v, 'sort() list').map((i) => s(i, 'sort() element'));
  return tuple(texts.sort(compareCodePoints).map((t) => str(t))); // Go's order: by code point, not UTF-16 unit
};

const contains: FunctionBody = ([list, needle]) => {
  // Terraform compares types as == does: a list never equals a tuple, a map an object (terraform console 1.11:
  // `contains([tolist(["x"])], ["x"])` is false), and ours do not track which one a collection is.
  if (needle.type === 'tuple' || needle.type === 'object') throw new EvalFailure('contains() of a list or object is not evaluated: Terraform compares their types, which ours do not track', true);
  return bool(asItems(list, 'contains() list').some((i) => valuesEqual(i, needle)));
};

/** Functions whose result depends on the arguments' values, keyed by name, with their arity. */
export const SCALAR: Readonly<Record<string, readonly [number, number, FunctionBody]>> = {
  tostring: [1, 1, tostring],
  tonumber: [1, 1, tonumber],
  tobool: [1, 1, tobool],
  lower: [1, 1, asciiFn('lower', (x) => x.toLowerCase())],
  upper: [1, 1, asciiFn('upper', (x) => x.toUpperCase())],
  trimspace: [1, 1, stringFn('trimspace', (x) => trimGoSpace(x, true, true))],
  base64encode: [1, 1, stringFn('base64encode', base64)],
  trim: [2, 2, trim],
  join: [2, Infinity, join],
  split: [2, 2, split],
  format: [1, Infinity, format],
  replace: [3, 3, replace],
  substr: [3, 3, substr],
  startswith: [2, 2, ([v, p]) => bool(s(v, 'startswith() string').startsWith(s(p, 'startswith() prefix')))],
  endswith: [2, 2, ([v, p]) => bool(s(v, 'endswith() string').endsWith(s(p, 'endswith() suffix')))],
  length: [1, 1, length],
  contains: [2, 2, contains],
  sort: [1, 1, sort],
  jsonencode: [1, 1, ([v]) => str(encodeJson(v))],
  jsondecode: [1, 1, jsondecode],
  max: [1, Infinity, (args) => num(extreme('max', numbers(args, 'max')))],
  min: [1, Infinity, (args) => num(extreme('min', numbers(args, 'min')))],
  abs: [1, 1, ([v]) => num(Math.abs(asNumber(v, 'abs() argument')))],
};
