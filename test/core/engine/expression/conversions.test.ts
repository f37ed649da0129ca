/**
 * Terraform's implicit conversions and equality on known values, through the expressions that use them: a
 * privilege attribute compared or converted wrongly would be judged on a value Terraform never applies.
 */
import { evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, expectPending } from './fixture';

const js = (text: string): unknown => toJson(evaluateTemplate(text, fixtureScope()));
const fails = (text: string): boolean => isFailure(evaluateTemplate(text, fixtureScope()));
const ev = (text: string): Value => evaluateTemplate(text, fixtureScope());
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : `known: ${JSON.stringify(toJson(v))}`);

describe('equality of lists and objects', () => {
  // Terraform compares types before values, and a list, a set and a tuple are different types (so are a map and
  // an object): terraform console 1.11.4 gives `[1, 2] == [1, 2]` true but `tolist(["a"]) == ["a"]`,
  // `split(",", "a") == ["a"]`, `sort(["a"]) == ["a"]`, `tolist([true]) == [true]` and `tomap({a = 1}) == {a = 1}`
  // false. Ours do not track which kind a collection is, so two lists or two objects are not compared: the
  // result is pending (try() does not fall back). These used to be evaluated as if every collection were a tuple.
  test.each([
    '${[1, 2] == [1, 2]}',
    '${[1, 2] == [1, 3]}',
    '${[1] == [1, 2]}',
    '${[1, 2] != [1]}',
    '${[] == []}',
    '${{a = 1} == {a = 1}}',
    '${{a = 1} == {a = 2}}',
    '${{a = 1} == {b = 1}}',
    '${{a = 1} != {a = 1, b = 2}}',
    '${{a = [1, "x"]} == {a = [1, "x"]}}',
    '${tolist(["a"]) == ["a"]}',
    '${split(",", "a") == ["a"]}',
    '${sort(["a"]) == ["a"]}',
    '${tolist([true]) == [true]}',
    '${tomap({a = 1}) == {a = 1}}',
    '${try(tolist(["a"]) == ["a"], "fallback")}',
  ])('%s is not evaluated (pending, not a failure)', (text) => {
    expectPending(ev(text));
  });

  test('a secret compared inside a list still taints the refusal', () => {
    expect(ev('${[gitlab_project_access_token.t.token] == ["x"]}').taint).toContain('gitlab_project_access_token.t');
  });

  test.each([
    // terraform console 1.11.4: each of these is false (or true for two nulls), whatever kind of list or map it is.
    ['${[1] == {a = 1}}', false],
    ['${[] == {}}', false],
    ['${tomap({}) == tolist([])}', false],
    ['${tolist(["a"]) == "a"}', false],
    ['${[] == null}', false],
    ['${null == tolist([])}', false],
    ['${[] != null}', true],
    ['${null == null}', true],
    ['${"1" == 1}', false],
  ])('%s is %s', (text, expected) => {
    expect(js(text)).toBe(expected);
  });
});

describe('conversions', () => {
  test('bools are written as true and false', () => {
    expect(js('${"x${false}${true}"}')).toBe('xfalsetrue');
  });

  test('the strings "true" and "false" are bools where a bool is expected; another string is an error', () => {
    expect(js('${"true" ? "yes" : "no"}')).toBe('yes');
    expect(js('${"false" ? "yes" : "no"}')).toBe('no');
    expect(fails('${"yes" ? 1 : 2}')).toBe(true);
  });

  test('null, a list and an object cannot be interpolated into text', () => {
    expect(fails('${"x${null}"}')).toBe(true);
    expect(fails('${"x${[1]}"}')).toBe(true);
    expect(fails('${"x${{a = 1}}"}')).toBe(true);
  });

  test('a string of digits is a number where a number is expected; other text is an error', () => {
    expect(js('${"2" + 3}')).toBe(5);
    expect(js('${".5" * 2}')).toBe(1);
    expect(fails('${"2a" + 3}')).toBe(true);
    expect(fails('${true + 3}')).toBe(true);
  });
});

describe('type errors say what was expected and what was found', () => {
  test.each([
    ['${"x${null}"}', 'template interpolation is null'],
    ['${"x${[1]}"}', 'template interpolation must be a string, not a tuple'],
    ['${"x${{a = 1}}"}', 'template interpolation must be a string, not an object'],
    ['${"2a" + 3}', 'left operand of + must be a number, not "2a"'],
    ['${3 - true}', 'right operand of - must be a number, not a bool'],
    ['${"yes" ? 1 : 2}', 'condition must be a bool, not a string'],
    ['${keys([1])}', 'keys() argument must be a map or object, not a tuple'],
    ['${sort("a")}', 'sort() list must be a list, not a string'],
    ['${[1][1.5]}', 'index must be a whole number'],
    ['${"x${1e400}"}', 'the number 1e400 is not held exactly by a double'],
  ])('%s: %s', (text, expected) => {
    expect(reason(ev(text))).toContain(expected);
  });
});

describe('a conditional converts both branches to one type', () => {
  // terraform console 1.11.4: `(true ? 1 : "a") == 1` is false, `true ? 1 : "a"` is "1", `false ? "a" : 1` is "1",
  // `true ? true : "a"` is "true", `true ? 1e21 : "a"` is "1000000000000000000000", `true ? 1 : null` is 1,
  // `true ? 1 : "${null}"` is 1 (the keyword null has no type).
  test.each([
    ['${(true ? 1 : "a") == 1}', false],
    ['${true ? 1 : "a"}', '1'],
    ['${false ? "a" : 1}', '1'],
    ['${true ? true : "a"}', 'true'],
    ['${true ? 1e21 : "a"}', '1000000000000000000000'],
    ['${true ? 0.1 : "a"}', '0.1'],
    ['${true ? 1 : 2}', 1],
    ['${true ? 1 : null}', 1],
    ['${false ? null : true}', true],
    ['${true ? null : 1}', null],
    ['${true ? 1 : "${null}"}', 1],
    ['${true ? [1] : [1]}', [1]],
    // The branch not taken fails: HCL drops its errors and gives it no type (terraform console 1.11.4).
    ['${length([]) > 0 ? [][0] : "d"}', 'd'],
    ['${(true ? 1 : ["x"][5]) == 1}', true],
    // A failing template of several parts is still a string (terraform console 1.11.4).
    ['${(true ? 5 : "a${["x"][5]}") == "5"}', true],
    ['${(length([]) > 0 ? "v${[][0]}" : 1) == "1"}', true],
    // Lists or objects that unification leaves as they are (terraform console 1.11.4: `false ? ["api"] : ["read_api"]`
    // is ["read_api"], `true ? {a = 1} : {}` is {a = 1}).
    ['${false ? ["api"] : ["read_api"]}', ['read_api']],
    ['${true ? {a = 1} : {}}', { a: 1 }],
    ['${true ? ["a", "b"] : []}', ['a', 'b']],
  ])('%s is %j', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  // terraform console 1.11.4: "Inconsistent conditional result types" for each; try() falls back
  // (`try(true ? [1] : "a", "fb")` is "fb").
  test.each(['${true ? 1 : true}', '${true ? [1] : "a"}', '${true ? [] : {}}', '${false ? {a = 1} : "a"}'])('%s fails', (text) => {
    expect(fails(text)).toBe(true);
  });

  // Not evaluated (pending): the other branch's type is not known to ours. terraform console 1.11.4:
  // `(true ? 1 : tostring(null)) == 1` is false, `try(true ? "a" : tolist(null), "b")` is "b",
  // `(true ? [1] : ["a"])[0] == 1` and `(true ? {a=1} : {a="x"}).a == 1` are false,
  // `tolist(true ? ["b","a"] : toset(["a","b"]))` is ["a", "b"].
  test.each([
    '${(true ? 1 : tostring(null)) == 1}',
    '${try(true ? "a" : tolist(null), "b")}',
    '${(true ? [1] : ["a"])[0] == 1}',
    '${(true ? {a = 1} : {a = "x"}).a == 1}',
    '${true ? ["b", "a"] : toset(["a", "b"])}',
    '${true ? "a" : data.x.y.z}',
  ])('%s is pending', (text) => {
    expectPending(ev(text));
  });

  // Unification could change these: a set would reorder ["b", "a"] (`true ? ["b","a"] : toset(["a","b"])` is ["a", "b"]),
  // and a string beside a number would convert it (`true ? {a = 1, b = "x"} : {}` is {a = "1", b = "x"}).
  test.each(['${true ? ["b", "a"] : []}', '${true ? {a = 1, b = "x"} : {}}', '${true ? ["a", "a"] : []}'])('%s is pending', (text) => {
    expectPending(ev(text));
  });

  test('a string taken beside a branch of unknown type is pending without the other branch\'s secrecy', () => {
    const v = ev('${false ? "${gitlab_project_access_token.t.token}${data.x.y.z}" : "none"}');
    expect(v.type).toBe('unknown');
    expect(v.taint).toEqual([]);
    const known = ev('${false ? gitlab_project_access_token.t.token : "none"}');
    expect(known).toMatchObject({ type: 'string', value: 'none', taint: [] });
  });

  test('a refused conditional carries the taint of both branches', () => {
    expect(ev('${true ? 1 : [gitlab_project_access_token.t.token]}').taint).toContain('gitlab_project_access_token.t');
  });

  test('the branches of %{ if } are text and need no conversion', () => {
    expect(js('%{ if true }a%{ else }${data.x.y.z}%{ endif }')).toBe('a');
  });
});

describe('coalesce converts its arguments to one type', () => {
  // terraform console 1.11.4: `coalesce(1, "x") == 1` is false, `coalesce("", 1)` and `coalesce(null, 1, "a")` are
  // "1", `coalesce(null, 1) == 1` is true, `coalesce(true, 1)` and `coalesce("a", [1])` fail ("all arguments must
  // have the same type"), `coalesce(tostring(null), 1) == 1` is false.
  test.each([
    ['${coalesce(1, "x") == 1}', false],
    ['${coalesce(1, "x")}', '1'],
    ['${coalesce("", 1)}', '1'],
    ['${coalesce(null, 1, "a")}', '1'],
    ['${coalesce(null, 1) == 1}', true],
    ['${coalesce(1, 2)}', 1],
    ['${coalesce(null, "", "x", "y")}', 'x'],
  ])('%s is %j', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  test.each(['${coalesce(true, 1)}', '${coalesce(1, true)}', '${coalesce("a", [1])}'])('%s fails', (text) => {
    expect(fails(text)).toBe(true);
  });

  test.each(['${coalesce(tostring(null), 1) == 1}', '${coalesce(tolist(null), "a")}', '${coalesce([1], ["a"])}'])('%s is pending', (text) => {
    expectPending(ev(text));
  });
});

describe('text Terraform normalizes to NFC', () => {
  // terraform console 1.11.4: `"e\u0301" == "\u00e9"` is true and `split("", "e\u0301")` has one element.
  test.each(['${"e\\u0301" == "\\u00e9"}', '${"e\\u0301" != "\\u00e9"}', '${contains(["\\u00e9"], "e\\u0301")}', '${split("", "e\\u0301")}'])('%s is pending', (text) => {
    expectPending(ev(text));
  });

  test('equal text, or text already in NFC, is compared', () => {
    expect(js('${"\\u00e9" == "\\u00e9"}')).toBe(true);
    expect(js('${"\\u00e9" == "e"}')).toBe(false);
  });
});
