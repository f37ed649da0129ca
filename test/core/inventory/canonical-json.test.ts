import * as fc from 'fast-check';
import { runs } from '../../support/property-runs';
import { canonicalJson, inKeyOrder } from '../../../lib/core/inventory/canonical-json';

/** The definition canonicalJson must match byte for byte: stringify a copy whose keys are sorted. */
function reference(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sorted(value), null, 2);
}

describe('canonicalJson', () => {
  it('writes the same bytes as JSON.stringify of a key-sorted copy, for any JSON-like value', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v) ?? 'null');
    }), { numRuns: runs(2000) });
  });

  it('orders keys by code unit, leaves undefined properties out and writes undefined items and non-finite numbers as null', () => {
    expect(canonicalJson({ b: 1, a: [undefined, NaN, 'x'], B: undefined, 'é': {}, Z: [] })).toBe(
      '{\n  "Z": [],\n  "a": [\n    null,\n    null,\n    "x"\n  ],\n  "b": 1,\n  "é": {}\n}',
    );
  });
});

// The inventory builds its entries with keys in order, so that writing them copies nothing (a copy of every
// entry doubled the checks' memory): an object already in order is written as it is.
describe('inKeyOrder: copies only what is out of order', () => {
  const same = (value: Record<string, unknown>) => inKeyOrder('', value) === value;

  test('an object whose keys are in code-unit order is itself', () => {
    expect(same({ B: 1, a: 2, b: 3 })).toBe(true);
    expect(same({})).toBe(true);
  });

  test('an object whose keys are not is a copy, keys in order', () => {
    const value = { b: 1, a: 2 };
    const copy = inKeyOrder('', value) as Record<string, unknown>;
    expect(copy).not.toBe(value);
    expect(Object.keys(copy)).toEqual(['a', 'b']);
    expect(same({ a: 1, c: 2, b: 3 })).toBe(false);
  });

  test('integer-like keys, which every object lists first in numeric order, do not count as out of order', () => {
    expect(same({ 10: 1, 9: 2 })).toBe(true);
    expect(same({ 45: 1, '0a': 2 })).toBe(true);
    expect(same({ 45: 1, 123: 2, '0a': 3 })).toBe(true);
  });

  test('keys that only look like numbers are ordered as text', () => {
    // 4294967295 is no array index (the largest is 2^32 - 2): listed where it was added, and compared as text.
    expect(same({ 4294967295: 1, '0a': 2 })).toBe(false);
    expect(same({ '1a': 1, '0a': 2 })).toBe(false);
    expect(same({ 1: 1, a01: 2, B: 3 })).toBe(false);
  });
});
