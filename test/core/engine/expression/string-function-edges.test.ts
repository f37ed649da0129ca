/**
 * Edges of the string functions, checked against terraform console 1.11: UTF-8 widths in base64encode,
 * base64 padding, format's %% and verbs, literal versus regular-expression replace, substr offsets and
 * lengths at their limits, trim and split on several characters, and null through the conversions.
 */
import { evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope } from './fixture';

const ev = (expr: string): Value => evaluateTemplate(`\${${expr}}`, fixtureScope());
const js = (expr: string): unknown => toJson(ev(expr));

describe('GIVEN base64encode of text', () => {
  test.each([
    ['"\\u0080"', 'woA='], // first code point taking two UTF-8 bytes
    ['"\\u07ff"', '378='], // last two-byte code point
    ['"\\u0800"', '4KCA'], // first three-byte code point
    ['"€"', '4oKs'],
    ['"\\uffff"', '77+/'], // last three-byte code point
    ['"\\U00010000"', '8JCAgA=='], // first four-byte code point
    ['"😀"', '8J+YgA=='],
    ['"a"', 'YQ=='], // one byte left over: two padding characters
    ['"abcd"', 'YWJjZA=='],
  ])('WHEN the text is %s THEN the result is Terraform\'s %s', (text, expected) => {
    expect(js(`base64encode(${text})`)).toBe(expected);
  });
});

describe('GIVEN format', () => {
  test.each([
    ['format("100%%")', '100%'],
    ['format("%v", {a = 1})', '{"a":1}'],
    ['format("%t", false)', 'false'],
  ])('WHEN evaluating %s THEN the result is %j', (expr, expected) => {
    expect(js(expr)).toBe(expected);
  });

  test('WHEN the specification ends with a lone % THEN it is an error, as in Terraform', () => {
    const v = ev('format("a%")');
    expect(isFailure(v)).toBe(true);
    expect(v.type === 'unknown' && v.reason).toContain('trailing %');
  });
});

describe('GIVEN replace with a substring containing slashes', () => {
  test.each([
    ['replace("a/b/", "b/", "x")', 'a/x'], // ends with a slash only
    ['replace("a/b", "/b", "x")', 'ax'], // starts with a slash only
    ['replace("a/b", "/", "-")', 'a-b'], // a single slash is not a regular expression
  ])('WHEN evaluating %s THEN it is replaced literally: %j', (expr, expected) => {
    expect(js(expr)).toBe(expected);
  });
});

describe('GIVEN substr at the limits of its offset and length', () => {
  test.each([
    ['substr("hello", 0, 2)', 'he'],
    ['substr("hello", -10, 2)', 'he'], // a negative offset before the start is clamped to 0
    ['substr("hello", -2, 5)', 'lo'],
    ['substr("hello", 5, 1)', ''], // offset at the very end
    ['substr("hello", 1, 0)', ''], // length 0 is empty, not "the rest"
  ])('WHEN evaluating %s THEN the result is %j', (expr, expected) => {
    expect(js(expr)).toBe(expected);
  });
});

describe('GIVEN trim, split and endswith', () => {
  test.each([
    ['trim("?ab?", "?")', 'ab'],
    ['split("", "a😀b")', ['a', '😀', 'b']], // an empty separator splits into characters, not UTF-16 halves
    ['endswith("a.json", ".json")', true],
    ['jsonencode([false, true])', '[false,true]'],
  ])('WHEN evaluating %s THEN the result is %j', (expr, expected) => {
    expect(js(expr)).toEqual(expected);
  });
});

describe('GIVEN a null converted with tonumber or tobool', () => {
  test.each(['tonumber(null)', 'tobool(null)'])('WHEN evaluating %s THEN the result is null', (expr) => {
    expect(js(expr)).toBeNull();
  });
});

describe('GIVEN format with a null argument', () => {
  // terraform console 1.11 prints "(known after apply)" for each: a null argument makes the result unknown.
  test.each(['format("%v", null)', 'format("a", null)', 'format("%s-%s", "x", null)', 'format("%d", null)'])(
    'WHEN %s is evaluated THEN it is unknown, not a value and not a failure', (expr) => {
      const v = ev(expr);
      expect(v.type).toBe('unknown');
      expect(isFailure(v)).toBe(false);
    });

  test('WHEN the null is inside a list THEN the list is formatted, as Terraform does', () => {
    expect(js('format("%v", [null])')).toBe('[null]');
  });
});
