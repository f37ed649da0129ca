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

describe('GIVEN text beyond ASCII where JavaScript and Terraform (Go) differ', () => {
  // terraform console 1.11.4: `lower("MA\u0130NTAINER")` is "maintainer" (JavaScript: "mai\u0307ntainer"),
  // `upper("\u00df")` is "\u00df" (JavaScript: "SS"), `length("e\u0301")` and `length("x\u0301\u0301")` are 1
  // (grapheme clusters). Ours do not evaluate these (pending, so try() does not fall back).
  test.each([
    'lower("MA\\u0130NTAINER")',
    'upper("\\u00df")',
    'upper("\\u00e9")',
    'length("e\\u0301")',
    'length("x\\u0301\\u0301")',
    'length("😀")',
    'substr("e\\u0301x", 0, 1)',
    'try(lower("MA\\u0130NTAINER"), "x")',
  ])('WHEN %s is evaluated THEN it is pending', (expr) => {
    const v = ev(expr);
    expect(v.type).toBe('unknown');
    expect(isFailure(v)).toBe(false);
  });

  test.each([
    // terraform console 1.11.4: CR LF is one grapheme cluster: `length("a\r\nb")` is 3,
    // `substr("a\r\nb", 1, 1) == "\r"` is false; Latin-1 letters are one each: `length("h\u00e9llo")` is 5.
    ['length("a\\r\\nb")', 3],
    ['substr("a\\r\\nb", 1, 1)', '\r\n'],
    ['length("h\\u00e9llo")', 5],
    ['substr("h\\u00e9llo", 1, 2)', '\u00e9l'],
    ['lower("MAINTAINER")', 'maintainer'],
    ['upper("reporter")', 'REPORTER'],
  ])('WHEN %s is evaluated THEN it is Terraform\'s %j', (expr, expected) => {
    expect(js(expr)).toEqual(expected);
  });
});

describe('GIVEN trimspace and strip markers', () => {
  // terraform console 1.11.4: `trimspace("\ufeff")` is "\ufeff" (Go's unicode.IsSpace does not take U+FEFF,
  // JavaScript's trim() does); `"x\ufeff${~ ""}" == "x"` is false (HCL strips with unicode.IsSpace too).
  test.each([
    ['trimspace("\\ufeff")', '\ufeff'],
    ['trimspace("\\ufeffa\\ufeff")', '\ufeffa\ufeff'],
    ['trimspace(" \\t\\n\\u000b\\u000c\\r\\u0085\\u00a0\\u1680\\u2002\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000a\\u3000 ")', 'a'],
    ['trimspace("\\u200ba")', '\u200ba'], // zero-width space: not a space to Go either
    ['"x\\ufeff${~ ""}"', 'x\ufeff'],
    ['"x\\ufeff${~ ""}" == "x"', false],
    ['"x \\u00a0${~ ""}"', 'x'],
    ['"${"" ~}\\ufeff x"', '\ufeff x'],
    ['"${"" ~}\\u3000 x"', 'x'],
  ])('WHEN %s is evaluated THEN it is Terraform\'s %j', (expr, expected) => {
    expect(js(expr)).toEqual(expected);
  });
});

describe('GIVEN sort of text beyond U+FFFF', () => {
  // terraform console 1.11.4: Go orders strings by code point (UTF-8 bytes), so U+FFFD sorts before U+1F600,
  // which UTF-16 units would reverse: `sort(["\U0001F600", "\uFFFD"])[0]` is "\uFFFD".
  test('WHEN sorted THEN the order is by code point', () => {
    expect(js('sort(["\\U0001F600", "\\uFFFD", "b", "a"])')).toEqual(['a', 'b', '\uFFFD', '\u{1F600}']);
  });
});
