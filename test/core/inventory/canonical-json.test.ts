import * as fc from 'fast-check';
import { runs } from '../../support/property-runs';
import { canonicalJson } from '../../../lib/core/inventory/canonical-json';

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
