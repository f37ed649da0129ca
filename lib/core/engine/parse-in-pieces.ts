/**
 * Parses an indented JSON document (what cdktf writes: `cdk.tf.json`, two spaces per level) in pieces of
 * less than 64 KB, giving exactly what `JSON.parse` of the whole text gives.
 *
 * Why: V8's JSON parser allocates everything it builds straight into the old generation when its source
 * is 100 KB or longer (`kPretenureTreshold` in V8's json-parser.cc), and the text itself, a megabyte per
 * stack, lands in the large-object space. The checks read every stack's configuration once and let it go;
 * parsed whole, each stack's text and objects stayed in the old generation until V8's next full collection,
 * which is where the benchmark's peak RSS came from (README, "Performance"). Parsed in pieces, what is let go
 * dies young.
 *
 * How: a JSON string cannot hold a raw newline, so a newline followed by exactly `2·(d+1)` spaces and a
 * quote starts a member of an object at depth d (a deeper line has a space where the quote is expected).
 * An object bigger than a piece is split at those lines; runs of its members are parsed as one object,
 * members still too big are split again. Every piece goes through `JSON.parse`, and the text between pieces
 * (braces, commas) is checked, so the pieces are a parse of the whole text; anything else (an unindented
 * text, another indentation, invalid JSON) is parsed whole, with JSON.parse's own error.
 */

const PIECE = 64 * 1024;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The text is not laid out as expected here: parse it whole. */
class NotInPieces extends Error {}

/** What every step reads: the bytes, one decoder, the largest piece parsed at once. */
interface Source {
  readonly bytes: Uint8Array;
  readonly decoder: InstanceType<typeof TextDecoder>;
  readonly piece: number;
}

/**
 * Parses UTF-8 bytes as `JSON.parse` parses `fs.readFileSync(file, 'utf8')` of them: invalid sequences
 * become U+FFFD and a byte-order mark is kept (and refused by JSON.parse). `piece` is for tests.
 */
export function parseJsonInPieces(bytes: Uint8Array, piece: number = PIECE): unknown {
  const src: Source = { bytes, decoder: new TextDecoder('utf-8', { ignoreBOM: true }), piece };
  if (bytes.length >= piece) {
    const start = firstNonSpace(bytes, 0);
    try {
      if (bytes[start] === OPEN_BRACE) return parseObject(src, start, lastNonSpace(bytes, bytes.length) + 1, 0);
    } catch (e) {
      if (!(e instanceof NotInPieces) && !(e instanceof SyntaxError)) throw e;
    }
  }
  return JSON.parse(src.decoder.decode(bytes));
}

const isSpace = (b: number) => b === SPACE || b === NEWLINE || b === 0x0d || b === 0x09;

function firstNonSpace(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

function lastNonSpace(bytes: Uint8Array, end: number): number {
  let i = end - 1;
  while (i >= 0 && isSpace(bytes[i])) i--;
  return i;
}

/**
 * The object in `bytes[start, end)` (`{` at start, `}` at end - 1), at nesting depth `depth`: its members
 * sit on lines indented by `2 * (depth + 1)` spaces.
 */
function parseObject(src: Source, start: number, end: number, depth: number): Record<string, unknown> {
  const { bytes, piece } = src;
  if (end - start < piece) return JSON.parse(src.decoder.decode(bytes.subarray(start, end))) as Record<string, unknown>;
  if (bytes[start] !== OPEN_BRACE || bytes[end - 1] !== CLOSE_BRACE) throw new NotInPieces();
  const starts = memberStarts(bytes, start, end, 2 * (depth + 1));
  if (starts.length === 0) throw new NotInPieces();
  // Nothing but layout between the brace and the first member.
  if (firstNonSpace(bytes, start + 1) !== starts[0]) throw new NotInPieces();
  const result: Record<string, unknown> = {};
  let run = -1;
  for (let i = 0; i < starts.length; i++) {
    const memberEnd = i + 1 < starts.length ? separatorBefore(bytes, starts[i], starts[i + 1]) : lastNonSpace(bytes, end - 1) + 1;
    if (memberEnd - starts[i] >= piece) {
      if (run >= 0) addAll(result, parseRun(src, starts[run], separatorBefore(bytes, starts[run], starts[i])));
      run = -1;
      addBigMember(result, src, starts[i], memberEnd, depth);
    } else if (run < 0) {
      run = i;
    } else if (memberEnd - starts[run] >= piece) {
      addAll(result, parseRun(src, starts[run], separatorBefore(bytes, starts[run], starts[i])));
      run = i;
    }
    if (i + 1 === starts.length && run >= 0) addAll(result, parseRun(src, starts[run], memberEnd));
  }
  return result;
}

/** Where a member's line starts: a newline, exactly `indent` spaces, a quote. */
function memberStarts(bytes: Uint8Array, start: number, end: number, indent: number): number[] {
  const found: number[] = [];
  for (let nl = bytes.indexOf(NEWLINE, start); nl >= 0 && nl < end; nl = bytes.indexOf(NEWLINE, nl + 1)) {
    const at = nl + 1 + indent;
    if (at >= end || bytes[at] !== QUOTE || bytes[at - 1] !== SPACE) continue;
    let spaces = true;
    for (let k = nl + 1; k < at - 1 && spaces; k++) spaces = bytes[k] === SPACE;
    if (spaces) found.push(at);
  }
  return found;
}

/** The end of the member that starts at `from`, given that the next one starts at `next`: before its comma. */
function separatorBefore(bytes: Uint8Array, from: number, next: number): number {
  const comma = lastNonSpace(bytes, next);
  if (comma <= from || bytes[comma] !== COMMA) throw new NotInPieces();
  return lastNonSpace(bytes, comma) + 1;
}

/** Members `bytes[from, to)` (whole members, separated by commas) parsed as one object. */
function parseRun(src: Source, from: number, to: number): Record<string, unknown> {
  return JSON.parse(`{${src.decoder.decode(src.bytes.subarray(from, to))}}`) as Record<string, unknown>;
}

/** A member too big for one piece: its key is parsed alone, its value (an object) in pieces. */
function addBigMember(result: Record<string, unknown>, src: Source, from: number, to: number, depth: number): void {
  const { bytes, decoder } = src;
  // The key's closing quote: the first quote not escaped by an odd run of backslashes.
  let close = from + 1;
  for (; close < to; close++) {
    if (bytes[close] !== QUOTE) continue;
    let slashes = 0;
    while (bytes[close - 1 - slashes] === 0x5c) slashes++;
    if (slashes % 2 === 0) break;
  }
  const key = JSON.parse(decoder.decode(bytes.subarray(from, close + 1))) as string;
  const colon = firstNonSpace(bytes, close + 1);
  if (bytes[colon] !== 0x3a) throw new NotInPieces();
  const value = firstNonSpace(bytes, colon + 1);
  // Only objects are split; a big list or string is parsed whole (cdktf writes none this big).
  const parsed = bytes[value] === OPEN_BRACE ? parseObject(src, value, to, depth + 1) : JSON.parse(decoder.decode(bytes.subarray(value, to)));
  set(result, key, parsed);
}

function addAll(result: Record<string, unknown>, part: Record<string, unknown>): void {
  for (const key of Object.keys(part)) set(result, key, part[key]);
}

/**
 * As JSON.parse sets a member: an own data property, even for `__proto__` (assignment would set the
 * prototype), and a repeated key keeps its place and takes the last value.
 */
function set(result: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
  else result[key] = value;
}
