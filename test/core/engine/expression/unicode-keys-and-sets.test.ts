/**
 * Where the evaluator would compute a value Terraform does not, it refuses instead (pending: unknown, and not
 * a Terraform error, so try() does not fall back over it), and where Terraform fails, it fails too.
 *
 * Terraform facts (terraform console 1.11.4):
 * - Terraform normalizes every string to Unicode NFC, keys included: `lookup({"e\u0301" = "owner"}, "\u00e9",
 *   "reporter")` and `{"e\u0301" = "owner"}["\u00e9"]` are "owner"; `length(keys({"e\u0301" = 1, "\u00e9" = 2}))` is 1.
 * - A set keeps -0 and 0 apart: `length(toset([-0, 0]))` is 2, while `length(distinct([-0, 0]))` is 1.
 * - A set has no index: `toset(["b", "a"])[0]`, `element(toset(...), 0)`, `slice(toset(...), 0, 1)`,
 *   `concat(toset(["a"]), ["b"])` and `coalescelist(toset(["a"]))` are errors, so `try(toset(["b", "a"])[0], "d")`
 *   is "d"; a for expression, reverse(), length() and tolist() of a set are not.
 */
import { deepTaint, evaluateJson, isFailure, toJson } from '../../../../lib/core/engine/expression';
import { SECRET, expectPending, fixtureScope } from './fixture';
import { check, compliantToken, messages, stack } from '../engine-fixture';
import { mentioning } from '../../../support/mentioning';

const evaluate = (expression: string) => evaluateJson(`\${${expression}}`, fixtureScope());

describe('keys not in Unicode NFC', () => {
  test.each([
    ['lookup() of an object with a decomposed key', 'lookup({"e\\u0301" = "owner"}, "\\u00e9", "reporter")'],
    ['indexing an object with a decomposed key', '{"e\\u0301" = "owner"}["\\u00e9"]'],
    ['keys() of an object with a decomposed key', 'keys({"e\\u0301" = 1})'],
    ['two keys that are one key in Terraform', 'length(keys({"e\\u0301" = 1, "\\u00e9" = 2}))'],
    ['merge() into a decomposed key', 'merge({"e\\u0301" = "owner"}, {"a" = 1})'],
    ['lookup() with a decomposed key', 'lookup({"\\u00e9" = "owner"}, "e\\u0301", "reporter")'],
    ['indexing with a decomposed key', '{"\\u00e9" = "owner"}["e\\u0301"]'],
  ])('%s is pending', (_name, expression) => {
    expectPending(evaluate(expression));
  });

  test('try() does not fall back over it: Terraform has a value there', () => {
    expectPending(evaluate('try({"e\\u0301" = "owner"}["\\u00e9"], "reporter")'));
  });

  test('a secret inside an object it refuses still taints what is made of it', () => {
    const v = evaluate(`{"e\\u0301" = ${SECRET}.token}`);
    expectPending(v);
    expect(deepTaint(v)).toEqual([SECRET]);
  });

  test.each([
    ['precomposed keys', 'lookup({"\\u00e9" = "owner"}, "\\u00e9", "reporter")', 'owner'],
    ['ASCII keys', '{"a" = "x"}.a', 'x'],
    ['a precomposed key that is absent', 'lookup({"a" = "owner"}, "\\u00e9", "reporter")', 'reporter'],
  ])('%s: looked up as before', (_name, expression, expected) => {
    expect(toJson(evaluate(expression))).toBe(expected);
  });
});

describe('sets', () => {
  test('toset() of -0 beside 0 is pending: Terraform keeps both', () => {
    expectPending(evaluate('length(toset([-0, 0]))'));
    expectPending(evaluate('length(toset([0 * -1, 0]))'));
  });

  test('distinct() of -0 and 0 keeps one, and toset() of -0 alone or beside other numbers is evaluated', () => {
    expect(toJson(evaluate('length(distinct([-0, 0]))'))).toBe(1);
    expect(toJson(evaluate('length(toset([-0, 1]))'))).toBe(2);
  });

  test.each([
    ['an index', 'toset(["b", "a"])[0]'],
    ['element()', 'element(toset(["b", "a"]), 0)'],
    ['slice()', 'slice(toset(["a", "b"]), 0, 1)'],
    ['concat()', 'concat(toset(["a"]), ["b"])'],
    ['coalescelist()', 'coalescelist(toset(["a"]))'],
  ])('%s of a set fails, as in Terraform', (_name, expression) => {
    expect(isFailure(evaluate(expression))).toBe(true);
  });

  test('try() falls back over an index of a set, as in Terraform', () => {
    expect(toJson(evaluate('try(toset(["b", "a"])[0], "d")'))).toBe('d');
  });

  test.each([
    ['a for expression', '[for x in toset(["b", "a"]) : x]', ['a', 'b']],
    ['tolist(), then an index', 'tolist(toset(["b", "a"]))[0]', 'a'],
    ['length()', 'length(toset(["a", "a"]))', 1],
    ['reverse()', 'reverse(toset(["a", "b"]))', ['b', 'a']],
  ])('%s of a set is evaluated', (_name, expression, expected) => {
    expect(toJson(evaluate(expression))).toEqual(expected);
  });
});

describe('in the engine: a role chosen through them is not judged as a guess', () => {
  const report = (accessLevel: string) =>
    check(stack({ resource: { gitlab_project_access_token: { t: compliantToken({ access_level: accessLevel }) } } }));

  test('given access_level looked up under a decomposed key, when checked, then GLID-022, not reporter (Terraform applies owner)', () => {
    const r = report('${lookup({"e\\u0301" = "owner"}, "\\u00e9", "reporter")}');
    expect(messages(r, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'NFC')]);
  });

  test('given count = length(toset([-0, 0])) on a token, when checked, then its copies cannot be counted (Terraform makes 2)', () => {
    const r = check(stack({ resource: { gitlab_project_access_token: { t: { ...compliantToken(), count: '${length(toset([-0, 0]))}' } } } }));
    expect(messages(r, 'GLID-022')).toEqual([mentioning('cannot verify count', '-0 beside 0')]);
  });
});
