/**
 * A variable's default converted to its declared type (lib/core/engine/variable-type.ts), as Terraform
 * converts a variable's value before use (terraform apply 1.11.4: `type = string` makes a default of 5 "5";
 * `type = bool` makes "true" true and refuses 1; `type = list(number)` makes ["2"] [2]; a set reorders and
 * merges, which is not reproduced). What is not converted is unknown and names the variable.
 */
import { fromJson, isFailure, toJson, Value } from '../../../lib/core/engine/expression';
import { withDeclaredType } from '../../../lib/core/engine/variable-type';

const typed = (value: unknown, type: unknown): Value => withDeclaredType(fromJson(value), type, 'x');

describe('converted as Terraform converts', () => {
  test.each<[string, unknown, unknown, unknown]>([
    ['a number as a string', 5, 'string', '5'],
    ['a string as a number', '2', 'number', 2],
    ['a string as a bool', 'true', 'bool', true],
    ['a list of numbers as list(string)', [1, 2], 'list(string)', ['1', '2']],
    ['a list of strings as list(number), with a null kept', [null, '2'], 'list(number)', [null, 2]],
    ['an object of strings as map(number), with a null kept', { a: '1', b: null }, 'map(number)', { a: 1, b: null }],
    ['a list already in set order as set(string)', ['a', 'b'], 'set(string)', ['a', 'b']],
    ['a list not in set order as list(string)', ['b', 'a'], 'list(string)', ['b', 'a']],
    ['a type written as an interpolation, with spaces', [1], '${ list( string ) }', ['1']],
    ['any value with type any', [1, 'a'], 'any', [1, 'a']],
    ['null, whatever the type', null, 'list(string)', null],
  ])('%s', (_name, value, type, expected) => {
    expect(toJson(typed(value, type))).toEqual(expected);
  });

  test('without a type the default is as written', () => {
    expect(toJson(withDeclaredType(fromJson(5), undefined, 'x'))).toBe(5);
  });
});

describe('not converted: unknown, naming the variable and why', () => {
  test.each<[string, unknown, unknown, string]>([
    ['a type that is not text', 5, 5, 'its type 5 is not a type expression'],
    ['an object type', { a: 'x' }, 'object({a=string})', 'the type object({a=string}) is not applied by the checks'],
    ['a list not in set order as set(string)', ['b', 'a'], 'set(string)', 'a set(string) reorders or merges its elements, which the checks do not do here'],
    ['a list as a map', ['a'], 'map(string)', 'a tuple is not a map(string)'],
    ['an object as a list', { a: 'x' }, 'list(string)', 'a object is not a list(string)'],
    ['a list as a string', ['a'], 'string', 'a tuple is not a string'],
    ['text that is no number', 'ten', 'number', '"ten" is not a number'],
    ['text that is no bool', 'yes', 'bool', '"yes" is not a bool'],
    // Terraform converts no number to a bool (only the strings "true", "false", "1", "0" to tobool()).
    ['a number as a bool', 1, 'bool', '"1" is not a bool'],
  ])('%s', (_name, value, type, reason) => {
    const v = typed(value, type);
    expect(v).toMatchObject({ type: 'unknown', reason: `var.x's default as its type: ${reason}`, references: ['var.x'] });
  });

  test('none of them is a Terraform error: try() does not fall back over a variable', () => {
    for (const [value, type] of [[{ a: 'x' }, 'object({a=string})'], [5, 5], [['a'], 'string']]) expect(isFailure(typed(value, type))).toBe(false);
  });
});
