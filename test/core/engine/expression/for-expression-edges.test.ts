/**
 * Edges of `for` expressions and `%{ for }` directives: unknown collections, conditions and keys (unknown,
 * not failures, and still carrying what the body reads), and failures that keep the taint of their inputs.
 */
import { deepTaint, evaluateTemplate, isFailure, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET } from './fixture';

const scope = fixtureScope({ locals: { s: '${gitlab_project_access_token.t.token}' } });
const ev = (text: string): Value => evaluateTemplate(text, scope);
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : '<known>');
const TOKEN = 'gitlab_project_access_token.t.token';

describe('given a collection known only at apply', () => {
  test.each([
    ['a list for', '${[for v in data.x.y.l : v]}'],
    ['an object for with a key and a condition', '${{for k, v in data.x.y.l : k => v if v}}'],
    ['a template for', '%{ for v in data.x.y.l }x%{ endfor }'],
  ])('when %s iterates it then the result is pending on the collection', (_, text) => {
    const v = ev(text);
    expect(v).toMatchObject({ type: 'unknown', references: ['data.x.y.l'] });
    expect(isFailure(v)).toBe(false);
    expect(reason(v)).toContain('data.x.y.l');
  });

  test.each([
    ['an object for with a condition', '${{for k, v in data.x.y.l : k => local.s if true}}'],
    ['a template for', '%{ for v in data.x.y.l }${local.s}%{ endfor }'],
  ])('when the body of %s reads a secret then the unknown result is secret', (_, text) => {
    expect(deepTaint(ev(text))).toContain(SECRET);
  });
});

describe('given a condition known only at apply', () => {
  test.each([
    ['a list for', '${[for v in [1, 2] : local.s if data.x.y.on]}'],
    ['an object for', '${{for v in [1, 2] : "k${v}" => local.s if data.x.y.on}}'],
  ])('when %s filters with it then the result is pending, refers to it and keeps what the body reads', (_, text) => {
    const v = ev(text);
    expect(v).toMatchObject({ type: 'unknown', references: ['data.x.y.on'] });
    expect(isFailure(v)).toBe(false);
    expect(reason(v)).toContain('data.x.y.on');
    expect(deepTaint(v)).toContain(SECRET);
  });
});

describe('given a key known only at apply', () => {
  test('when one of several keys is unknown then the object is pending, not a failure', () => {
    const v = ev('${{for v in ["a", "b"] : (v == "a" ? data.x.y.k : v) => v}}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.x.y.k'] });
    expect(isFailure(v)).toBe(false);
  });
});

describe('given something Terraform rejects', () => {
  test.each([
    ['a string collection', '${[for v in "abc" : v]}', 'string'],
    ['a condition that is not a bool', '${[for v in [1, 2] : v if "x"]}', 'for-expression condition'],
    ['a key that is not a string', '${{for v in [[1]] : v => 1}}', 'for-expression key'],
    ['a duplicate key', '${{for v in ["x", "x"] : v => 1}}', 'duplicate key "x"'],
  ])('when the for has %s then it fails saying so', (_, text, part) => {
    const v = ev(text);
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain(part);
  });

  test('when a value of an object for fails then the whole object fails', () => {
    const v = ev('${{for v in ["a"] : v => [][0]}}');
    expect(v.type).toBe('unknown');
    expect(isFailure(v)).toBe(true);
  });

  test.each([
    ['iterating a secret string', `\${[for v in ${TOKEN} : v]}`],
    ['a secret condition', `\${[for v in [1] : v if ${TOKEN}]}`],
    ['a duplicate key with secret values', `\${{for v in ["x", "x"] : v => ${TOKEN}}}`],
    ['a template iterating a secret string', `%{ for v in ${TOKEN} }x%{ endfor }`],
  ])('when the failure comes from %s then it stays secret', (_, text) => {
    const v = ev(text);
    expect(isFailure(v)).toBe(true);
    expect(deepTaint(v)).toContain(SECRET);
  });
});
