/**
 * Terraform's implicit conversions and equality on known values, through the expressions that use them: a
 * privilege attribute compared or converted wrongly would be judged on a value Terraform never applies.
 */
import { evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope } from './fixture';

const js = (text: string): unknown => toJson(evaluateTemplate(text, fixtureScope()));
const fails = (text: string): boolean => isFailure(evaluateTemplate(text, fixtureScope()));
const ev = (text: string): Value => evaluateTemplate(text, fixtureScope());
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : `known: ${JSON.stringify(toJson(v))}`);

describe('equality of lists and objects', () => {
  test.each([
    ['${[1, 2] == [1, 2]}', true],
    ['${[1, 2] == [1, 3]}', false],
    ['${[1] == [1, 2]}', false],
    ['${[1, 2] == [1]}', false],
    ['${[] == []}', true],
    ['${{a = 1} == {a = 1}}', true],
    ['${{a = 1} == {a = 2}}', false],
    ['${{a = 1} == {b = 1}}', false],
    ['${{a = 1} == {a = 1, b = 2}}', false],
    ['${{a = [1, "x"]} == {a = [1, "x"]}}', true],
    ['${[1] == {a = 1}}', false],
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
