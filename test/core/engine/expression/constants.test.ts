/** Constant expressions and templates: the attributes that decide privilege must evaluate exactly. */
import { evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope } from './fixture';

const ev = (text: string): Value => evaluateTemplate(text, fixtureScope());
const js = (text: string): unknown => toJson(ev(text));

describe('a single interpolation yields its value unconverted', () => {
  test.each([
    ['${"owner"}', 'owner'],
    ['${["api","sudo"]}', ['api', 'sudo']],
    ['${365}', 365],
    ['${false}', false],
    ['${null}', null],
    ['${{a = 1, "b" = 2, c: 3, ("d") = 4}}', { a: 1, b: 2, c: 3, d: 4 }],
    ['${[1, 2,]}', [1, 2]],
    ['${1e3}', 1000],
    ['${0.5}', 0.5],
    ['${ 30 }', 30],
  ])('%s', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  test('types are kept', () => {
    expect(ev('${365}')).toEqual({ type: 'number', value: 365, taint: [] });
    expect(ev('${"365"}')).toEqual({ type: 'string', value: '365', taint: [] });
    expect(ev('${false}').type).toBe('bool');
    expect(ev('${null}').type).toBe('null');
  });
});

describe('operators follow HCL precedence', () => {
  test.each([
    ['${1 + 2 * 3}', 7],
    ['${(1 + 2) * 3}', 9],
    ['${10 - 4 - 3}', 3],
    ['${7 % 4}', 3],
    ['${9 / 2}', 4.5],
    ['${-2 * 3}', -6],
    ['${- -2}', 2],
    ['${1 + 1 == 2}', true],
    ['${1 < 2 && 2 < 1}', false],
    ['${true || false && false}', true],
    ['${!true || true}', true],
    ['${!(true || true)}', false],
    ['${2 >= 2}', true],
    ['${2 <= 1}', false],
    ['${2 > 1}', true],
    ['${"a" != "b"}', true],
    ['${[1, "a"] == {a = 1}}', false],
    ['${1 == "1"}', false],
    ['${"3" + 4}', 7],
    ['${true ? "x" : "y"}', 'x'],
    ['${false ? "x" : 1 > 0 ? "y" : "z"}', 'y'],
    ['${"true" ? 1 : 2}', 1],
    // "1" and "0" are bools to Terraform too (terraform console 1.11.4: `"1" ? "a" : "b"` is "a", `!"0"` true).
    ['${"1" ? 1 : 2}', 1],
    ['${"0" ? 1 : 2}', 2],
    ['${!"0"}', true],
    ['${"1" && true}', true],
  ])('%s', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  test('type errors and 0 / 0 are failures, not exceptions', () => {
    for (const text of ['${0 / 0}', '${"a" + 1}', '${!1}', '${-"x"}', '${1 && true}', '${1 ? 2 : 3}', '${null.a}', '${"s"[0]}']) {
      const v = ev(text);
      expect(v.type).toBe('unknown');
      expect(isFailure(v)).toBe(true);
    }
  });
});

describe('templates with several parts are strings', () => {
  test.each([
    ['a-${1+1}', 'a-2'],
    ['${1}${2}', '12'],
    ['x${true}y', 'xtruey'],
    ['n=${1.5}', 'n=1.5'],
    ['${"a"}-${"b"}', 'a-b'],
    ['$${x}', '${x}'],
    ['%%{x}', '%{x}'],
    ['a $${b} ${"c"}', 'a ${b} c'],
    ['cost: $5 and 50%', 'cost: $5 and 50%'],
    ['${"q\\"uote\\\\ \\n\\t\\u00e9\\U0001F600"}', 'q"uote\\ \n\té😀'],
    ['${"a-${1 + 1}-b"}', 'a-2-b'],
    ['${"$${not}"}', '${not}'],
    ['  ${~ "x" ~}  y', 'xy'],
    ['a ${~"b"} c', 'ab c'],
    ['a ${"b"~} c', 'a bc'],
    ['${"a"}  ${~ "b"}', 'ab'],
    ['${"a" ~}  ${"b"}', 'ab'],
    ['${"a"~}${"b"}', 'ab'],
    ['\t${~"x"}', 'x'],
    ['${"x"~}\n\t y', 'xy'],
    ['%{ if true ~}  x  %{~ endif }', 'x'],
    ['${~ "x"} y', 'x y'],
    ['y ${"x" ~}', 'y x'],
    ['a b ${~"c"}', 'a bc'],
    ['${"a"~}b c', 'ab c'],
    ['a{b}', 'a{b}'],
    ['xx{y} %%x', 'xx{y} %%x'],
    [' %{ if true }a%{ endif } ', ' a '],
    // In a JSON string (already decoded) a backslash is text; in a quoted string inside ${ } it escapes.
    ['a\\nb ${"c"}', 'a\\nb c'],
    ['${"a\\\\nb"}', 'a\\nb'],
    ['${"tab\\there\\r"}', 'tab\there\r'],
    ['cost $', 'cost $'],
    ['$$', '$$'],
    ['a$${', 'a${'],
    ['a%%{', 'a%{'],
    ['${"%%{x}"}', '%{x}'],
    ['${"%{ if true }y%{ endif }"}', 'y'],
    ['', ''],
  ])('%s', (text, expected) => {
    expect(js(text)).toBe(expected);
  });

  test('a string without ${ or %{ is returned as is', () => {
    expect(ev('plain $ and % {text} with "quotes" and \\backslashes')).toEqual({ type: 'string', value: 'plain $ and % {text} with "quotes" and \\backslashes', taint: [] });
  });

  test('null, lists and objects cannot be interpolated into text', () => {
    for (const text of ['a${null}', 'a${[1]}', 'a${{}}']) expect(isFailure(ev(text))).toBe(true);
  });

  test('a wrapped template keeps a list even when quoted inside an expression', () => {
    expect(js('${"${[1]}"}')).toEqual([1]);
  });
});

describe('template directives', () => {
  test.each([
    ['%{ if true }yes%{ else }no%{ endif }', 'yes'],
    ['%{ if 1 > 2 }yes%{ else }no%{ endif }', 'no'],
    ['%{ if false }yes%{ endif }', ''],
    ['[%{ for v in ["a","b"] }<${v}>%{ endfor }]', '[<a><b>]'],
    ['%{ for k, v in {x = 1, y = 2} }${k}=${v};%{ endfor }', 'x=1;y=2;'],
    ['%{ for i, v in ["a","b"] }${i}${v}%{ endfor }', '0a1b'],
    ['%{ for v in [1,2] }%{ if v == 2 }two%{ else }${v}%{ endif }%{ endfor }', '1two'],
    ['a\n  %{~ if true ~}\n  b\n%{~ endif ~}\n', 'ab'],
  ])('%s', (text, expected) => {
    expect(js(text)).toBe(expected);
  });

  test('malformed directives are syntax errors', () => {
    for (const text of ['%{ if true }x', '%{ endif }', '%{ for v in [1] }x', '%{ else }', '%{ bogus }', '%{ if true }a%{ else }b']) {
      const v = ev(text);
      expect(v.type).toBe('unknown');
      expect(v.type === 'unknown' && v.reason).toMatch(/^syntax error at offset \d+: /);
    }
  });
});

describe('for expressions', () => {
  test.each([
    ['${[for v in [1, 2, 3] : v * 2]}', [2, 4, 6]],
    ['${[for v in [1, 2, 3] : v if v != 2]}', [1, 3]],
    ['${[for i, v in ["a", "b"] : "${i}:${v}"]}', ['0:a', '1:b']],
    ['${[for k, v in {b = 2, a = 1} : k]}', ['a', 'b']],
    ['${{for v in ["a", "b"] : v => upper(v)}}', { a: 'A', b: 'B' }],
    ['${{for k, v in {a = 1, b = 2} : v => k}}', { 1: 'a', 2: 'b' }],
    ['${{for v in ["x", "y", "x"] : v => v...}}', { x: ['x', 'x'], y: ['y'] }],
    ['${[for v in [] : v]}', []],
    ['${[for x in [[1], [2]] : [for y in x : y + 1]]}', [[2], [3]]],
  ])('%s', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  test('duplicate keys without grouping, and iterating a string, are failures', () => {
    expect(isFailure(ev('${{for v in ["x", "x"] : v => 1}}'))).toBe(true);
    expect(isFailure(ev('${[for v in "abc" : v]}'))).toBe(true);
    expect(isFailure(ev('${[for v in null : v]}'))).toBe(true);
  });
});

describe('indexing and splats', () => {
  test.each([
    ['${[10, 20][1]}', 20],
    ['${[10, 20]["1"]}', 20],
    ['${{a = {b = [5]}}.a.b[0]}', 5],
    ['${{a = {b = [5]}}["a"]["b"].0}', 5],
    ['${[{a = 1}, {a = 2}][*].a}', [1, 2]],
    ['${[{a = 1}, {a = 2}].*.a}', [1, 2]],
    ['${[{a = [1]}, {a = [2]}][*].a[0]}', [1, 2]],
    ['${[{a = [1]}, {a = [2]}].*.a[0]}', [1]],
    ['${{a = 1}[*].a}', [1]],
    ['${null[*].a}', []],
    ['${[[{a = 1}], [{a = 2}]][*][*].a}', [[1], [2]]],
  ])('%s', (text, expected) => {
    expect(js(text)).toEqual(expected);
  });

  test('missing keys and out-of-range indexes are failures', () => {
    for (const text of ['${[1][1]}', '${[1][-1]}', '${{a = 1}.b}', '${{a = 1}["b"]}', '${[1].a}', '${[1][0.5]}']) expect(isFailure(ev(text))).toBe(true);
  });
});
