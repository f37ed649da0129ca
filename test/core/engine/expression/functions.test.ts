/** The evaluated functions, on known arguments. */
import { evaluateTemplate, FUNCTIONS, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope } from './fixture';

const ev = (text: string): Value => evaluateTemplate(text, fixtureScope());
const js = (expr: string): unknown => toJson(ev(`\${${expr}}`));

test.each([
  ['lookup({a = 1}, "a")', 1],
  ['lookup({a = 1}, "b", 2)', 2],
  ['element(["a", "b"], 3)', 'b'],
  ['concat([1], [], [2, 3])', [1, 2, 3]],
  ['merge({a = 1, b = 1}, null, {b = 2})', { a: 1, b: 2 }],
  ['tolist(["a"])', ['a']],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['toset([3, 1, 3])', [1, 3]],
  ['toset(["b", 1])', ['1', 'b']],
  ['tomap({a = 1})', { a: 1 }],
  ['tostring(1.5)', '1.5'],
  ['tostring(true)', 'true'],
  ['tostring(null)', null],
  ['tonumber("42")', 42],
  ['tobool("true")', true],
  ['tobool("1")', true],
  ['tobool("0")', false],
  ['lower("AbC")', 'abc'],
  ['upper("AbC")', 'ABC'],
  ['trimspace("  a b \\n")', 'a b'],
  ['trim("?!a?!", "!?")', 'a'],
  ['join("-", ["a", "b"], ["c"])', 'a-b-c'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['format("%s/%d/%v/%q/%t/%%", "a", 2, "v", "q", true)', 'a/2/v/"q"/true/%'],
  ['format("%v", [1, "a"])', '[1,"a"]'],
  ['coalesce(null, "", "x", "y")', 'x'],
  ['coalescelist([], ["a"])', ['a']],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['distinct([1, 2, 1])', [1, 2]],
  ['distinct([[1], [1]])', [[1]]],
  ['flatten([[1, [2]], 3, []])', [1, 2, 3]],
  ['length([1, 2])', 2],
  ['length({a = 1})', 1],
  ['length("héllo")', 5],
  ['keys({b = 1, a = 2})', ['a', 'b']],
  ['values({b = 1, a = 2})', [2, 1]],
  ['contains(["a", "b"], "b")', true],
  ['contains([1], "1")', false],
  ['jsonencode({b = [1, true, null], a = "<&>"})', '{"a":"\\u003c\\u0026\\u003e","b":[1,true,null]}'],
  ['jsondecode("{\\"a\\": [1, 2.5]}")', { a: [1, 2.5] }],
  ['max(1, 5, 3)', 5],
  ['min(4, 2)', 2],
  ['abs(-3)', 3],
  ['replace("a.b.c", ".", "/")', 'a/b/c'],
  ['substr("hello", 1, 3)', 'ell'],
  ['substr("hello", -3, -1)', 'llo'],
  // terraform console 1.11: an offset past the end is "", any negative length the rest.
  ['substr("a", 5, 1)', ''],
  ['substr("hello", 100, -1)', ''],
  ['substr("hello", 1, -2)', 'ello'],
  ['sort(["b", "a", "c"])', ['a', 'b', 'c']],
  ['reverse([1, 2, 3])', [3, 2, 1]],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['one([])', null],
  ['one(["x"])', 'x'],
  ['startswith("glpat-x", "glpat-")', true],
  ['endswith("a.json", ".yaml")', false],
  ['base64encode("hello")', 'aGVsbG8='],
  ['base64encode("hé")', 'aMOp'],
  ['slice([1, 2, 3], 1, 3)', [2, 3]],
  ['nonsensitive("x")', 'x'],
  ['sensitive("x")', 'x'],
  ['max([3, 9]...)', 9],
  ['try(tonumber("x"), 0)', 0],
])('%s', (expr, expected) => {
  expect(js(expr)).toEqual(expected);
});

test.each([
  'lookup({}, "k")',
  'element([], 0)',
  'element([1, 2], -1)',
  'tonumber("x")',
  'tobool("yes")',
  'tobool("True")',
  'tostring([1])',
  'jsondecode("{")',
  'zipmap(["a"], [])',
  'one([1, 2])',
  'coalesce(null, "")',
  'format("%s")',
  'format("%s", 1, 2)',
  'format("%d", "x")',
  'merge([1])',
  'length(null)',
  'concat([1]...)',
  'join(",", [null])',
  'max()',
  'slice([1], 0, 2)',
  'lower({})',
])('%s is a failure', (expr) => {
  const v = ev(`\${${expr}}`);
  expect(v.type).toBe('unknown');
  expect(isFailure(v)).toBe(true);
});

test.each(['format("%5d", 1)', 'replace("abc", "/b/", "x")', 'replace("abc", "", "x")', 'toset([{a = 1}, data.x.y.z])', 'distinct([data.x.y.z])'])('%s is left unevaluated', (expr) => {
  const v = ev(`\${${expr}}`);
  expect(v.type).toBe('unknown');
  expect(isFailure(v)).toBe(false);
});

test('the table holds every function the engine relies on', () => {
  const required = [
    'lookup', 'element', 'concat', 'merge', 'tolist', 'toset', 'tomap', 'tostring', 'tonumber', 'tobool', 'lower', 'upper', 'trimspace',
    'trim', 'join', 'split', 'format', 'coalesce', 'coalescelist', 'compact', 'distinct', 'flatten', 'length', 'keys', 'values',
    'contains', 'jsonencode', 'jsondecode', 'nonsensitive', 'sensitive', 'max', 'min', 'abs', 'replace', 'substr', 'sort', 'reverse',
    'zipmap', 'one', 'startswith', 'endswith', 'base64encode',
  ];
  expect(required.filter((f) => !(f in FUNCTIONS))).toEqual([]);
  expect('toString' in FUNCTIONS && Object.prototype.hasOwnProperty.call(FUNCTIONS, 'toString')).toBe(false);
  expect(ev('${toString(1)}')).toMatchObject({ type: 'unknown', reason: 'function toString() is not evaluated' });
});
