/** The value helpers. */
import {
  bool, containsUnknown, deepReferences, deepTaint, fromJson, nul, num, object, str, taintOf, toJson, tuple, unionSorted, unknown, withTaint,
} from '../../../../lib/core/engine/expression';

test('taints are sorted and unique', () => {
  expect(taintOf('b', 'a', 'b')).toEqual(['a', 'b']);
  expect(unionSorted(['a', 'c'], ['b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  const a = ['a'];
  expect(unionSorted(a, [])).toBe(a);
  expect(unionSorted([], a)).toBe(a);
  expect(unionSorted(['a', 'b'], ['a'])).toEqual(['a', 'b']);
});

test('deepTaint unions every nested taint; withTaint adds to the own taint only', () => {
  const v = tuple([str('x', ['s1']), object({ k: num(1, ['s2']) }, ['s3'])], ['s0']);
  expect(deepTaint(v)).toEqual(['s0', 's1', 's2', 's3']);
  const w = withTaint(str('x'), ['t']);
  expect(w).toEqual({ type: 'string', value: 'x', taint: ['t'] });
  const same = str('y', ['t']);
  expect(withTaint(same, ['t'])).toBe(same);
  expect(withTaint(v, ['z']).taint).toEqual(['s0', 'z']);
});

test('fromJson and toJson round-trip plain JSON', () => {
  const json = { a: [1, 'x', true, null], b: { c: 2.5 } };
  expect(toJson(fromJson(json))).toEqual(json);
  expect(deepTaint(fromJson(json, ['s']))).toEqual(['s']);
  const v = fromJson({ a: ['x'] }, ['s']);
  expect(v.type === 'object' && v.attrs.get('a')?.taint).toEqual(['s']);
  expect(fromJson(undefined).type).toBe('unknown');
  expect(fromJson(Infinity).type).toBe('unknown');
  let deep: unknown = 1;
  for (let i = 0; i < 100; i++) deep = [deep];
  expect(toJson(fromJson(deep))).toBeUndefined();
});

test('toJson is undefined when anything is unknown', () => {
  expect(toJson(tuple([str('a'), unknown('later')]))).toBeUndefined();
  expect(toJson(object({ a: unknown('later') }))).toBeUndefined();
  expect(toJson(nul())).toBeNull();
  expect(toJson(bool(false))).toBe(false);
});

test('references and unknown detection look inside containers', () => {
  const v = tuple([unknown('x', ['b.y', 'a.x']), object({ k: unknown('y', ['c.z']) })]);
  expect(deepReferences(v)).toEqual(['a.x', 'b.y', 'c.z']);
  expect(containsUnknown(v)).toBe(true);
  expect(containsUnknown(tuple([str('a')]))).toBe(false);
  expect(unknown('r', ['b', 'a', 'b'])).toEqual({ type: 'unknown', reason: 'r', references: ['a', 'b'], taint: [] });
});
