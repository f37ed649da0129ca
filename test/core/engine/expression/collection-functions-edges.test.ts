/**
 * Edges of the collection functions: boundary indices, null arguments, sets of every element kind, unknown
 * elements, and which argument a failure names. Expected values are what `terraform console` (1.11) prints.
 */
import { deepTaint, evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET, expectPending } from './fixture';

const ev = (expr: string): Value => evaluateTemplate(`\${${expr}}`, fixtureScope());
const js = (expr: string): unknown => toJson(ev(expr));
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : '<known>');
const TOKEN = 'gitlab_project_access_token.t.token';

describe('given boundary arguments', () => {
  test.each([
    ['element(["a", "b"], 0)', 'a'],
    // The index is taken modulo the length first (Go's remainder keeps the index's sign): -1 % 1 and -3 % 3 are 0.
    ['element(["a"], -1)', 'a'],
    ['element(["a", "b", "c"], -3)', 'a'],
    ['element(["a", "b", "c"], 4)', 'b'],
    ['slice(["a", "b"], 0, 1)', ['a']],
    ['slice(["a", "b"], 1, 1)', []],
    ['coalesce("x", "y")', 'x'],
    ['coalescelist(["a"], ["b"])', ['a']],
  ])('when %s is evaluated then it is %j', (expr, expected) => {
    expect(js(expr)).toEqual(expected);
  });

  test.each(['slice(["a", "b"], -1, 1)', 'slice(["a", "b"], 2, 1)', 'zipmap(["a"], [1, 2])', 'one(null)'])('when %s is evaluated then it fails', (expr) => {
    expect(isFailure(ev(expr))).toBe(true);
  });
});

describe('given a null argument', () => {
  test.each(['tolist(null)', 'tomap(null)', 'toset(null)'])('when %s is evaluated then it is null', (expr) => {
    expect(ev(expr).type).toBe('null');
  });

  test.each(['tolist({a = 1})', 'tolist("a")', 'tomap(["a"])'])('when the wrong kind of collection is converted by %s then it fails', (expr) => {
    expect(isFailure(ev(expr))).toBe(true);
  });
});

describe('given a set of elements that are not all strings or numbers', () => {
  test.each([
    ['toset([{a = 1}, {a = 1}])', [{ a: 1 }]],
    ['toset([[1], [1]])', [[1]]],
    ['toset([true, "a"])', ['a', 'true']],
    ['toset([null])', [null]],
    ['toset([null, null])', [null]],
    ['toset([true, false])', [false, true]],
    ['toset([true, 1, "a"])', ['1', 'a', 'true']],
    ['toset(["ab", "a", "b"])', ['a', 'ab', 'b']],
    ['toset([{a = 1}, {a = 1}])', [{ a: 1 }]],
    // Code-point order (Go compares UTF-8 bytes): U+FFFD before U+1F600, which UTF-16 units would reverse.
    ['toset(["b", "\\uFFFD", "\\U0001F600", "a"])', ['a', 'b', '\uFFFD', '\u{1F600}']],
  ])('when %s is evaluated then it is %j', (expr, expected) => {
    expect(js(expr)).toEqual(expected);
  });

  // terraform console 1.11: "Invalid function argument" for each (no common element type).
  test.each([
    'toset(["a", [1]])', 'toset([[1], "a"])', 'toset([{a = 1}, 1])', 'toset([true, 1])',
    'toset([[1], {a = 1}])', 'toset([{a = 1}, [1]])',
  ])('when %s has no common element type then it fails', (expr) => {
    const v = ev(expr);
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain('toset()');
  });

  // A null's type decides the set's in Terraform: toset([null, "a"]) is ["a", null], toset([true, tostring(null)]) is
  // ["true", null] (strings), toset([{a = 1}, true ? null : {a = 2}]) is a set, toset([null, [1]]) fails. Ours have no
  // type: pending, so try() does not fall back where Terraform has a set.
  test.each(['toset([null, "a"])', 'toset([true, null])', 'toset([{a = 1}, null])', 'toset([null, [1]])', 'toset([true, 1, null])'])('when %s has null beside values then it is left unevaluated', (expr) => {
    const v = ev(expr);
    expect(v.type).toBe('unknown');
    expect(isFailure(v)).toBe(false);
    expect(reason(v)).toContain('toset()');
  });

  // A set's order can reveal a secret in it: Terraform marks the whole set sensitive (toset(["a", sensitive("b")])
  // is "(sensitive value)"), so an element taken back out is secret too.
  test.each([`tolist(toset(["a", ${TOKEN}]))[0]`, `[for x in toset(["a", ${TOKEN}]) : x][0]`, `tolist(toset([["a", ${TOKEN}]]))[0][0]`])('when %s takes an element out of a set holding a secret then it is secret', (expr) => {
    expect(deepTaint(ev(expr))).toContain(SECRET);
  });

  // Terraform orders such sets by its own hash and converts their insides to one type: `tolist(toset([[2], [1]]))[0]`
  // is [1] and `jsonencode(toset([[1], ["a"]]))` is [["1"],["a"]]. Not reproduced, so not evaluated: pending,
  // not a failure, so that try() does not fall back where Terraform has a value.
  // Where the insides cannot be converted (`toset([[1], [[1]]])`) Terraform fails; left unevaluated all the same.
  test.each(['toset([[2], [1]])', 'toset([{b = 2}, {a = 1}])', 'toset([[1], ["a"]])', 'toset([[1], [[1]]])', 'toset([{a = 1}, {a = [1]}])'])('when %s holds different lists or objects then it is left unevaluated', (expr) => {
    expectPending(ev(expr));
    expect(ev(`try(${expr}, "fallback")`).type).toBe('unknown');
  });

  // terraform console: toset(["a", sensitive("a")]) and distinct(["a", sensitive("a")]) are "(sensitive value)".
  test.each([
    ['toset', `[${TOKEN}, "glpat-xyz"]`], ['toset', `["glpat-xyz", ${TOKEN}]`],
    ['distinct', `[${TOKEN}, "glpat-xyz"]`], ['distinct', `["glpat-xyz", ${TOKEN}]`],
  ])('when a secret and an equal plain string are put through %s(%s) then the result stays secret, whichever comes first', (fn, list) => {
    expect(deepTaint(ev(`${fn}(${list})`))).toContain(SECRET);
  });
});

describe('given a list with an unknown element', () => {
  test('when it is flattened then the whole result is unknown (the element may be a list), not a failure', () => {
    const v = ev('flatten([["a"], data.x.y.z])');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.x.y.z'] });
    expect(isFailure(v)).toBe(false);
    expect(reason(v)).toContain('flatten()');
  });

  test.each(['toset', 'distinct', 'compact'])('when %s() reads it then the reason names the function', (fn) => {
    const v = ev(`${fn}(["a", data.x.y.z])`);
    expect(isFailure(v)).toBe(false);
    expect(reason(v)).toContain(`${fn}()`);
  });
});

describe('given an argument of the wrong type', () => {
  test.each([
    ['lookup({a = 1}, [1])', 'lookup key'],
    ['lookup([1], "a")', 'lookup() map'],
    ['lookup({}, "k")', 'no key "k"'],
    ['element("a", 0)', 'element() list'],
    ['element(["a"], "x")', 'element() index'],
    ['element([], 0)', 'empty list'],
    ['element(["a", "b"], -1)', 'negative'],
    ['element(["a", "b", "c"], -4)', 'negative'],
    ['concat([1], "a")', 'concat() argument'],
    ['merge({}, [1])', 'merge() argument'],
    ['tolist({a = 1})', 'tolist() argument'],
    ['tomap(["a"])', 'tomap() argument'],
    ['toset("a")', 'toset() argument'],
    ['distinct("a")', 'distinct() argument'],
    ['compact("a")', 'compact() argument'],
    ['flatten("a")', 'flatten() argument'],
    ['values([1])', 'values() argument'],
    ['reverse("a")', 'reverse() argument'],
    ['slice("a", 0, 0)', 'slice() list'],
    ['slice([1], "x", 1)', 'slice() start'],
    ['slice([1], 0, "x")', 'slice() end'],
    ['slice([1], 0, 2)', 'out of range'],
    ['zipmap("a", [])', 'zipmap() keys'],
    ['zipmap([], "a")', 'zipmap() values'],
    ['zipmap(["a"], [])', 'differ in length'],
    ['zipmap([[1]], [1])', 'zipmap() key'],
    ['one("a")', 'one() argument'],
    ['one([1, 2])', 'more than one'],
    ['coalesce(null, "")', 'no non-null'],
    ['coalescelist([], "a")', 'coalescelist() argument'],
    ['coalescelist([], [])', 'no non-empty list'],
  ])('when %s is evaluated then it fails naming %s', (expr, part) => {
    const v = ev(expr);
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain(part);
  });
});

describe('given object keys beyond U+FFFF', () => {
  // Terraform iterates keys in Go's string order, by code point (UTF-8 bytes), where U+FFFD comes before U+1F600
  // (UTF-16 units would reverse them). terraform console 1.11.4:
  // `values({"\uFFFD" = "maintainer", "\U0001F600" = "reporter"})[0]` is "maintainer",
  // `keys({"\uFFFD" = 1, "\U0001F600" = 2})` is ["\uFFFD", "\U0001F600"],
  // `jsonencode({"\U0001F600" = 1, "\uFFFD" = 2})` is "{\"\uFFFD\":2,\"\U0001F600\":1}",
  // `[for k, v in {"\U0001F600" = "reporter", "\uFFFD" = "maintainer"} : v][0]` is "maintainer".
  test.each([
    ['values({"\\uFFFD" = "maintainer", "\\U0001F600" = "reporter"})[0]', 'maintainer'],
    ['keys({"\\U0001F600" = 2, "\\uFFFD" = 1})', ['\uFFFD', '\u{1F600}']],
    ['jsonencode({"\\U0001F600" = 1, "\\uFFFD" = 2})', '{"\uFFFD":2,"\u{1F600}":1}'],
    ['[for k, v in {"\\U0001F600" = "reporter", "\\uFFFD" = "maintainer"} : v][0]', 'maintainer'],
  ])('when %s is evaluated then it is %j', (expr, expected) => {
    expect(js(expr)).toEqual(expected);
  });
});

describe('tolist(), tomap() and distinct() convert elements to one type', () => {
  // terraform console 1.11.4: `tolist([1, "a", true])` is ["1", "a", "true"], `tomap({a = 1, b = "x"})` is
  // {a = "1", b = "x"}, `distinct([1, "1"])` is ["1"], `tolist([1, "a"])[0] == 1` is false, `tolist([1, true])` fails.
  test.each([
    ['tolist([1, "a", true])', ['1', 'a', 'true']],
    ['tomap({a = 1, b = "x"})', { a: '1', b: 'x' }],
    ['distinct([1, "1"])', ['1']],
    ['tolist([1, "a"])[0] == 1', false],
    ['contains(tolist([1, "a"]), 1)', false],
    ['tolist([null, 1])', [null, 1]],
    ['tolist([1, 2])', [1, 2]],
  ])('%s is %j', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  test('contains() of a list or object is pending: Terraform compares list and tuple types, ours do not know them', () => {
    // terraform console 1.11.4: contains([tolist(["x"])], ["x"]) is false, contains([tomap({a = 1})], {a = 1}) is false.
    for (const text of ['contains([tolist(["x"])], ["x"])', 'contains([tomap({a = 1})], {a = 1})']) {
      expectPending(ev(text));
    }
    expect(js('contains(["a", 1], 1)')).toBe(true);
  });

  test('numbers beside bools, or numbers beside lists, have no common type: the call fails', () => {
    // terraform console 1.11.4: distinct([1, 2, 1, [1], [1]]) is "all list elements must have the same type".
    expect(isFailure(ev('tolist([1, true])'))).toBe(true);
    expect(isFailure(ev('distinct([1, 2, 1, [1], [1]])'))).toBe(true);
  });

  test('a known number beside an unknown element is not evaluated: the unknown one may be a string', () => {
    expectPending(ev('tolist([1, data.x.y.name])'));
    expect(ev('tolist(["a", data.x.y.name])').type).toBe('tuple');
  });
});
