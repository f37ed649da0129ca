/**
 * Function calls Terraform rejects (checked with terraform console 1.11): a wrong number of arguments or an
 * argument of the wrong type is a failure whose reason names the function and the argument at fault, so a
 * finding can point the reader at the part of the expression to fix.
 */
import { evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope } from './fixture';

const ev = (expr: string): Value => evaluateTemplate(`\${${expr}}`, fixtureScope());
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : `known: ${JSON.stringify(toJson(v))}`);

describe('GIVEN a call with the wrong number of arguments', () => {
  test.each([
    ['lower("a", "b")', 'lower() called with 2 argument(s)'],
    ['join("-")', 'join() called with 1 argument(s)'], // join needs at least one list
    ['contains(["a"])', 'contains() called with 1 argument(s)'],
  ])('WHEN evaluating %s THEN it is a failure: %s', (expr, expected) => {
    const v = ev(expr);
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain(expected);
  });
});

describe('GIVEN an argument Terraform rejects', () => {
  test.each([
    ['lower({})', 'lower() argument'],
    ['jsondecode([])', 'jsondecode() argument'],
    ['jsondecode("{")', 'invalid JSON'],
    ['format([], 1)', 'format() specification'],
    ['format("%s")', 'not enough arguments'],
    ['format("%s", 1, 2)', 'too many arguments'],
    ['format("%s", [])', 'format() argument'],
    ['format("%d", "x")', 'format() argument'],
    ['format("%t", "x")', 'format() argument'],
    ['format("%q", [])', 'format() argument'],
    ['replace("a", [], "b")', 'replace() substring'],
    ['replace([], "a", "b")', 'replace() string'],
    ['replace("a", "a", [])', 'replace() replacement'],
    ['substr([], 0, 1)', 'substr() string'],
    ['substr("a", "x", 1)', 'substr() offset'],
    ['substr("a", 0, "x")', 'substr() length'],
    ['trim("a", [])', 'trim() cutset'],
    ['trim([], "a")', 'trim() string'],
    ['join(",", "a")', 'join() list'],
    ['join(",", [[]])', 'join() element'],
    ['join([], ["a"])', 'join() separator'],
    ['split(",", [])', 'split() string'],
    ['split([], "a")', 'split() separator'],
    ['length(null)', 'length() of a null'],
    ['max("x")', 'max() argument'],
    ['min("x")', 'min() argument'],
    ['abs("x")', 'abs() argument'],
    ['tostring([1])', 'tostring() argument'],
    ['tonumber("x")', 'tonumber() argument'],
    ['tobool("yes")', 'tobool() argument'],
    ['sort([[1]])', 'sort() element'],
    ['contains("a", "a")', 'contains() list'],
    ['startswith([], "a")', 'startswith() string'],
    ['startswith("a", [])', 'startswith() prefix'],
    ['endswith([], "a")', 'endswith() string'],
    ['endswith("a", [])', 'endswith() suffix'],
  ])('WHEN evaluating %s THEN it is a failure naming %s', (expr, expected) => {
    const v = ev(expr);
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain(expected);
  });
});

describe('GIVEN a call the evaluator declines to compute', () => {
  test.each([
    ['format("%x", 1)', '%x'],
    ['replace("abc", "/b/", "x")', 'regular expression'],
    ['replace("abc", "", "x")', 'empty substring'],
  ])('WHEN evaluating %s THEN it is left unknown, saying why (%s)', (expr, expected) => {
    const v = ev(expr);
    expect(v.type).toBe('unknown');
    expect(isFailure(v)).toBe(false);
    expect(reason(v)).toContain(expected);
  });
});
