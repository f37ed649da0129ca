/** fromJson at its limits, and the sharing guarantees of the taint helpers (withTaint returns the same value when nothing is added). */
import { fromJson, NO_TAINT, str, taintOf, toJson, unionSorted, unknown, Value, withTaint } from '../../../../lib/core/engine/expression';

/** The innermost value of `depth` nested one-element arrays or one-key objects. */
function innermost(v: Value, depth: number): Value {
  let cur = v;
  for (let i = 0; i < depth; i++) {
    if (cur.type === 'tuple') cur = cur.items[0];
    else if (cur.type === 'object') cur = cur.attrs.get('k') as Value;
  }
  return cur;
}

function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let json: unknown = 1;
  for (let i = 0; i < depth; i++) json = wrap(json);
  return json;
}

describe('fromJson nesting limit', () => {
  test('given 64 levels of arrays, when converted, then every level is known', () => {
    expect(toJson(fromJson(nest(64, (x) => [x])))).toEqual(nest(64, (x) => [x]));
  });

  test('given 65 levels of arrays, when converted, then the part below the limit is unknown, without references', () => {
    const v = innermost(fromJson(nest(65, (x) => [x]), ['s']), 65);
    expect(v).toMatchObject({ type: 'unknown', references: [], taint: ['s'] });
    expect(v.type === 'unknown' && v.reason).toContain('deep');
  });

  test('given deeply nested objects, when converted, then the limit applies to objects too', () => {
    expect(toJson(fromJson(nest(64, (x) => ({ k: x }))))).toEqual(nest(64, (x) => ({ k: x })));
    expect(toJson(fromJson(nest(100, (x) => ({ k: x }))))).toBeUndefined();
  });
});

describe('fromJson of what is not JSON', () => {
  test('given a non-finite number, then it is unknown saying why, without references', () => {
    const v = fromJson(NaN, ['s']);
    expect(v).toMatchObject({ type: 'unknown', references: [], taint: ['s'] });
    expect(v.type === 'unknown' && v.reason).toContain('finite');
  });

  test('given undefined or a function, then it is unknown naming the JavaScript type, without references', () => {
    const v = fromJson(undefined);
    expect(v).toMatchObject({ type: 'unknown', references: [] });
    expect(v.type === 'unknown' && v.reason).toContain('undefined');
    expect(fromJson(() => 1)).toMatchObject({ type: 'unknown', references: [] });
  });
});

describe('taint sharing', () => {
  test('given no ids, when a taint is built, then it is the shared empty taint', () => {
    expect(taintOf()).toBe(NO_TAINT);
  });

  test('given one taint containing the other, when united, then the larger input is reused', () => {
    const big = ['a', 'b'];
    expect(unionSorted(['a'], big)).toBe(big);
    expect(unionSorted(big, ['b'])).toBe(big);
  });

  test('given extra taint already contained in the value, when added, then the value itself is returned', () => {
    const v = str('x', ['a', 'b']);
    expect(withTaint(v, ['b'])).toBe(v);
    const u = unknown('later', [], ['a', 'b']);
    expect(withTaint(u, ['a'])).toBe(u);
  });
});
