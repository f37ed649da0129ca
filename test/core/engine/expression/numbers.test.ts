/**
 * Numbers are what Terraform computes, or unknown. Terraform's numbers are decimals held in 512 bits (cty's
 * Number); every expected value below is what `terraform console` (1.11.4) prints for the same expression.
 * A value a double cannot hold or compute exactly is left unknown and pending (Terraform would compute it,
 * the checks cannot), so a decision attribute built from it fails closed instead of being judged wrongly.
 */
import { evaluateJson, evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { inexactJsonNumber } from '../../../../lib/core/engine/expression/numbers';
import { fixtureScope } from './fixture';

const ev = (text: string): Value => evaluateTemplate(text, fixtureScope());
const js = (text: string): unknown => toJson(ev(text));

describe('known, and as Terraform computes them', () => {
  test.each([
    ['${9 / 2}', 4.5],
    ['${0.5 + 0.25}', 0.75],
    ['${0.75 - 1}', -0.25],
    ['${1.5 * 1.5}', 2.25],
    ['${-7 % 3}', -1],
    ['${7 % -3}', 1],
    ['${9007199254740991 - 1}', 9007199254740990],
    ['${0.5 < 0.5000000000000001}', true],
    ['${"1." + 1}', 2],
    ['${"-.5e+2" + 0}', -50],
    ['${tonumber("+1")}', 1],
    ['${can(tonumber("+1"))}', true],
    ['${try([10, 20]["+1"], 0)}', 20],
    ['${jsondecode("0.5")}', 0.5],
  ])('%s is %s', (text, expected) => {
    expect(js(text)).toBe(expected);
  });

  test.each([
    ['x${1e21}', 'x1000000000000000000000'],
    ['x${-1e21}', 'x-1000000000000000000000'],
    ['x${1.5e-7}', 'x0.00000015'],
    ['x${123.456}', 'x123.456'],
    ['x${1.50}', 'x1.5'],
    ['x${0 * -1}', 'x-0'],
    ['x${-0 % 5}', 'x-0'],
    ['x${-6 % 3}', 'x0'],
    ['x${-0 % -5}', 'x0'],
    ['x${max(-0, 0)}', 'x-0'],
    ['x${max(0, -0)}', 'x0'],
    ['x${min(-0, 0)}', 'x-0'],
    ['x${tonumber("-0")}', 'x-0'],
    ['x${tonumber("-0.0e5")}', 'x-0'],
    ['x${max(1, 3, 2)}${min(3, 1, 2)}', 'x31'],
    ['${format("%d", -0)}', '0'],
    ['${format("%v", 123456)}', '123456'],
    ['${format("%v", 0.0001)}', '0.0001'],
    ['${format("%v", -0)}', '-0'],
    ['${format("%v", 0.5)}', '0.5'],
  ])('%s is written %s: every digit, no exponent', (text, expected) => {
    expect(js(text)).toBe(expected);
  });

  test('a number used as an object key is written as Terraform writes it', () => {
    expect(Object.keys(toJson(evaluateJson({ '${1e21}': 1, '${0 * -1}': 2, '${1.5e-7}': 3 }, fixtureScope())) as object))
      .toEqual(['1000000000000000000000', '-0', '0.00000015']);
    expect(js('${{for v in [1e21] : v => 1}}')).toEqual({ '1000000000000000000000': 1 });
  });
});

describe('unknown where a double would give another answer', () => {
  test.each([
    // Terraform: true, so this applies owner; in doubles it is false.
    ['${0.1 + 0.2 == 0.3 ? "owner" : "guest"}', '0.1 + 0.2 is not evaluated'],
    // Terraform: false (1.999... in 512 bits); in doubles, true.
    ['${3.1 - 1.1 == 2}', '3.1 - 1.1 is not evaluated'],
    ['${0.1 * 3}', '0.1 * 3 is not evaluated'],
    ['${1 / 3}', '1 / 3 is not evaluated'],
    ['${1 / 1073741824}', '1 / 1073741824 is not evaluated'],
    // Terraform: 9007199254740993 and 300000; a double holds neither.
    ['${9007199254740992 + 1}', '9007199254740992 + 1 is not evaluated'],
    ['${1.1805916207174116e21 - 1.1805916207174113e21}', 'is not evaluated'],
    ['${9007199254740993}', 'the number 9007199254740993 is not held exactly by a double'],
    ['${{"9007199254740992" = "guest", "9007199254740993" = "owner"}.9007199254740993}', 'the number 9007199254740993'],
    ['${tonumber("0.10000000000000001") > 0.1}', '"0.10000000000000001" is not held exactly by a double'],
    ['${jsondecode("9007199254740993")}', 'jsondecode(): the number 9007199254740993'],
    ['${jsondecode("[1e-400]")}', 'jsondecode(): the number 1e-400'],
    // Terraform reads these (Go's big.ParseFloat); a double does not hold them.
    ['${tonumber("1p4")}', '"1p4" is not evaluated'],
    ['${tonumber("-Inf")}', '"-Inf" is not evaluated'],
    ['${can(tonumber("Inf"))}', 'can() of an unknown value'],
    // Terraform: +Inf, and the left operand.
    ['${try(1 / 0, 5)}', 'try() of an unknown value'],
    ['${1 / 0}', '1 / 0 is not evaluated: Terraform gives an infinity'],
    ['${1 % 0}', '1 % 0 is not evaluated: Terraform gives the left operand'],
    ['${2.5 % 1}', '2.5 % 1 is not evaluated: only whole numbers'],
    // Terraform: an error (beyond a Go int) where a double would index or cut.
    ['${element([1, 2, 3], 1e20)}', 'beyond 2^53'],
    ['${format("%d", 1e221)}', 'beyond 2^53'],
    // Go's %g writes an exponent from 1e6 and below 1e-4.
    ['${format("%v", 1000000)}', 'with an exponent'],
    ['${format("%v", 0.00001)}', 'with an exponent'],
  ])('%s', (text, expected) => {
    const v = ev(text);
    expect(v.type).toBe('unknown');
    expect(isFailure(v)).toBe(false);
    expect(v.type === 'unknown' && v.reason).toContain(expected);
  });

  test('what Terraform refuses stays a failure: 0 / 0, and texts that are not numbers', () => {
    for (const text of ['${0 / 0}', '${tonumber(" 1")}', '${tonumber("1 ")}', '${tonumber("0x10")}', '${tonumber("1_000")}', '${tonumber("Infinity")}', '${tonumber(".")}']) {
      expect(isFailure(ev(text))).toBe(true);
    }
  });

  test('a long run of zeros in a number is read in linear time', () => {
    // A backtracking pattern on the zeros took seconds at 40,000; this size would take minutes.
    const digits = `1${'0'.repeat(200_000)}1`;
    expect(ev(`\${${digits}}`).type).toBe('unknown');
    expect(ev(`\${"${digits}" + 1}`).type).toBe('unknown');
    expect(inexactJsonNumber(`[${digits}]`)).toEqual({ number: digits, offset: 1 });
    // and a message does not repeat it whole
    expect(ev(`\${${digits}}`).type === 'unknown' && (ev(`\${${digits}}`) as { reason: string }).reason.length).toBeLessThan(200);
  });
});

describe('numbers in JSON text that JSON.parse would round', () => {
  test.each([
    ['{"a": 9007199254740993}', '9007199254740993'],
    ['{"a": [0.10000000000000001]}', '0.10000000000000001'],
    ['{"a": 1e-400}', '1e-400'],
    ['{"a": 1, "b": -12345678901234567890}', '-12345678901234567890'],
  ])('%s: %s', (text, expected) => {
    expect(inexactJsonNumber(text)).toEqual({ number: expected, offset: text.indexOf(expected) });
  });

  test.each([
    '{"a": 9007199254740992, "b": 0.1, "c": -1.5e3, "d": 1e21}',
    '{"a": "9007199254740993 in a string", "b\\"9007199254740993": "x"}',
    '{"a": 123456789012345}',
  ])('%s holds none', (text) => {
    expect(inexactJsonNumber(text)).toBeUndefined();
  });
});
