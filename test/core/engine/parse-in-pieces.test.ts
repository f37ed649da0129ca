/**
 * The checks read every written cdk.tf.json in pieces (lib/core/engine/parse-in-pieces.ts): whatever the
 * text, the result must be exactly what JSON.parse of the whole text gives — same values, same key order,
 * same errors — or a rule would judge something other than what Terraform applies.
 */
import fc from 'fast-check';
import { parseJsonInPieces } from '../../../lib/core/engine/parse-in-pieces';
import { runs } from '../../support/property-runs';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** JSON.parse of the text as `fs.readFileSync(file, 'utf8')` would decode the bytes. */
const whole = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;

/** Equal values with keys in the same order (toStrictEqual ignores the order of keys). */
function expectSameParse(bytes: Uint8Array, piece: number): void {
  const expected = whole(bytes);
  const actual = parseJsonInPieces(bytes, piece);
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

/** A text cdktf would write: objects nested three deep, as resource → type → name → arguments. */
function configText(types: number, names: number): string {
  const resource: Record<string, Record<string, unknown>> = {};
  for (let t = 0; t < types; t++) {
    const byName: Record<string, unknown> = {};
    for (let n = 0; n < names; n++) byName[`r_${n}`] = { name: `tok-${t}-${n} "ü" \\ ✓`, scopes: ['read_api'], lifecycle: {} };
    resource[`gitlab_type_${t}`] = byName;
  }
  return JSON.stringify({ '//': { metadata: { version: '0.21.0' } }, resource, output: { o: { value: '${x}' } } }, null, 2);
}

describe('parseJsonInPieces', () => {
  it('parses a configuration split at every level exactly as JSON.parse does', () => {
    const bytes = utf8(configText(5, 40));
    for (const piece of [1, 7, 64, 300, 2_000, 1_000_000]) expectSameParse(bytes, piece);
  });

  it('parses a megabyte-sized configuration with the default piece size', () => {
    const bytes = utf8(configText(20, 400));
    expect(bytes.length).toBeGreaterThan(1_000_000);
    expectSameParse(bytes, 64 * 1024);
    // What it is for: no text of 64 KB or more reaches JSON.parse, so V8 allocates the parse in the young generation.
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(Object.keys((parseJsonInPieces(bytes) as { resource: object }).resource)).toHaveLength(20);
      expect(parse.mock.calls.length).toBeGreaterThan(20);
      expect(Math.max(...parse.mock.calls.map(([text]) => text.length))).toBeLessThan(64 * 1024);
    } finally {
      parse.mockRestore();
    }
  });

  it('keeps cdktf\'s empty objects and lists written over two lines', () => {
    // cdktf writes with json-stable-stringify, which writes `{}` as `{\n  }`.
    const text = '{\n  "a": {\n  },\n  "b": [\n  ],\n  "c": {\n    "d": {\n    },\n    "e": "x"\n  }\n}';
    for (const piece of [1, 5, 20]) expectSameParse(utf8(text), piece);
  });

  it('gives a __proto__ key as an own property, as JSON.parse does, not a prototype', () => {
    const text = `{\n  "__proto__": {\n    "polluted": true\n  },\n${JSON.stringify({ a: { x: 1 }, b: 2 }, null, 2).slice(2)}`;
    const parsed = parseJsonInPieces(utf8(text), 1) as Record<string, unknown>;
    expect(parsed.__proto__).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)[0]).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expectSameParse(utf8(`{\n  "__proto__": {\n    "polluted": true\n  },\n  "b": 1\n}`), 1);
  });

  it('takes the last value of a repeated key in the place of the first, across pieces', () => {
    const text = '{\n  "a": {\n    "x": 1\n  },\n  "b": 2,\n  "a": {\n    "y": 3\n  }\n}';
    for (const piece of [1, 10, 30]) expectSameParse(utf8(text), piece);
    expect(parseJsonInPieces(utf8(text), 1)).toEqual({ a: { y: 3 }, b: 2 });
  });

  it('reads keys with escaped quotes and backslashes', () => {
    const text = JSON.stringify({ 'a\\"b': { 'c\\': { d: 1 } }, '\\\\': { e: '"' } }, null, 2);
    for (const piece of [1, 8]) expectSameParse(utf8(text), piece);
  });

  it('fails as JSON.parse fails: invalid JSON, a byte-order mark, a truncated text', () => {
    const good = configText(2, 3);
    for (const text of [good.slice(0, -1), `\ufeff${good}`, good.replace('"r_1"', 'r_1'), `${good},`, good.replace('"tok-0-0', '"tok-0-0\n')]) {
      const bytes = utf8(text);
      let expected: unknown;
      try {
        whole(bytes);
      } catch (e) {
        expected = e;
      }
      expect(expected).toBeInstanceOf(SyntaxError);
      expect(() => parseJsonInPieces(bytes, 1)).toThrow((expected as Error).message);
    }
  });

  it('decodes invalid UTF-8 as readFileSync(file, "utf8") does', () => {
    const bytes = Buffer.concat([utf8('{\n  "a": {\n    "b": "'), Buffer.from([0xff, 0xc3]), utf8('"\n  },\n  "c": "\u00e9"\n}')]);
    for (const piece of [1, 12]) expectSameParse(bytes, piece);
  });

  it('parses compact and tab-indented JSON whole', () => {
    const value = { resource: { t: { n: { a: 1 } } }, x: [1, { y: 2 }] };
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, '\t'), JSON.stringify(value, null, 4)]) expectSameParse(utf8(text), 1);
  });

  it('property: any JSON value, indented by two, parses as JSON.parse parses it, whatever the piece size', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 1, max: 400 }), (value, piece) => {
      expectSameParse(utf8(JSON.stringify(value, null, 2)), piece);
    }), { numRuns: runs(600) });
  });

  it('property: indentation that lies about the nesting never changes the result', () => {
    // Whitespace between tokens can be anything: re-indent random lines so that members appear at the
    // wrong depth, and the result must still be JSON.parse's (or its error).
    const object = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 4 }), { minKeys: 1, maxKeys: 6 });
    fc.assert(fc.property(object, fc.array(fc.nat(12)), fc.integer({ min: 1, max: 200 }), (value, indents, piece) => {
      let line = 0;
      const text = JSON.stringify(value, null, 2).replace(/\n */g, (m) => (line < indents.length ? `\n${' '.repeat(indents[line++])}` : m));
      expectSameParse(utf8(text), piece);
    }), { numRuns: runs(600) });
  });
});
