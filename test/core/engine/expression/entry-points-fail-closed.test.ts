/**
 * The public entry points (evaluateTemplate, evaluateJson, traversalsIn) and the resolver boundary never
 * throw: bad input, a malformed or throwing resolver and errors nested in operands all become unknowns
 * (or failures, which try() skips, where Terraform reports an error).
 */
import { Expr, ExpressionSyntaxError } from '../../../../lib/core/engine/expression';
import { deepTaint, EvalScope, evaluateJson, evaluateTemplate, isFailure, toJson, traversalsIn, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET } from './fixture';

const scope = fixtureScope({ locals: { s: '${gitlab_project_access_token.t.token}' } });
const ev = (text: string): Value => evaluateTemplate(text, scope);
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : '<known>');

function nest(depth: number, leaf: unknown): unknown {
  let json = leaf;
  for (let i = 0; i < depth; i++) json = { k: json };
  return json;
}

describe('evaluateTemplate input', () => {
  test('given a non-string, when evaluated, then it is unknown instead of throwing', () => {
    const v = evaluateTemplate(42 as unknown as string, scope);
    expect(v.type).toBe('unknown');
    expect(reason(v)).toContain('not a string');
  });

  test('given a parse cache that throws, when evaluated, then the unknown keeps the references of the text', () => {
    const cache = { get: () => { throw new Error('boom'); } } as unknown as Map<string, Expr | ExpressionSyntaxError>;
    const v = evaluateTemplate('${1 + gitlab_project_access_token.t.token}', { ...scope, resolve: scope.resolve, parseCache: cache });
    expect(v).toMatchObject({ type: 'unknown', references: ['gitlab_project_access_token.t.token'], taint: [SECRET] });
    expect(reason(v)).toContain('evaluation failed');
    expect(reason(v)).toContain('boom');
  });
});

describe('the parse cache of a run', () => {
  test('given a cache, when templates are evaluated, then each parsed text is kept once', () => {
    const parseCache = new Map<string, Expr | ExpressionSyntaxError>();
    const cached: EvalScope = { resolve: scope.resolve, parseCache };
    expect(toJson(evaluateTemplate('${1 + 2}', cached))).toBe(3);
    expect(toJson(evaluateTemplate('${2 + 2}', cached))).toBe(4);
    expect(toJson(evaluateTemplate('${1 + 2}', cached))).toBe(3);
    expect([...parseCache.keys()]).toEqual(['${1 + 2}', '${2 + 2}']);
  });

  test('given a full cache, when a new text is parsed, then the cache is emptied first', () => {
    const parseCache = new Map<string, Expr | ExpressionSyntaxError>();
    for (let i = 0; i < 4095; i++) parseCache.set(`k${i}`, new ExpressionSyntaxError(0, 'x'));
    const cached: EvalScope = { resolve: scope.resolve, parseCache };
    evaluateTemplate('${1 + 2}', cached);
    expect(parseCache.size).toBe(4096);
    expect(toJson(evaluateTemplate('${2 + 2}', cached))).toBe(4);
    expect([...parseCache.keys()]).toEqual(['${2 + 2}']);
  });
});

describe('evaluateJson limits', () => {
  test('given objects nested deeper than the limit, then the value is unknown and keeps the taint found in its strings', () => {
    const v = evaluateJson(nest(100, '${gitlab_project_access_token.t.token}'), scope);
    expect(toJson(v)).toBeUndefined();
    expect(deepTaint(v)).toContain(SECRET);
    let inner = v;
    while (inner.type === 'object') inner = inner.attrs.get('k') as Value;
    expect(reason(inner)).toContain('deep');
  });

  test('given objects nested up to the limit, then the value is known', () => {
    expect(toJson(evaluateJson(nest(64, 1), scope))).toEqual(nest(64, 1));
  });

  test('given values that are not JSON, then they are unknown saying why', () => {
    expect(reason(evaluateJson(NaN, scope))).toContain('finite');
    expect(reason(evaluateJson(undefined, scope))).toContain('not a JSON value: undefined');
  });

  test('given a key known only at apply, then the object is unknown for the reason of the key', () => {
    const v = evaluateJson({ '${data.a.b.k}': 1 }, scope);
    expect(v).toMatchObject({ type: 'unknown', references: ['data.a.b.k'] });
    expect(reason(v)).toContain('data.a.b.k');
  });

  test('given a value that throws while read, then it is an unknown, not an exception', () => {
    let reads = 0;
    const json = { get a(): string { if (reads++ === 0) throw new Error('boom'); return 'x'; } };
    const v = evaluateJson(json, scope);
    expect(v.type).toBe('unknown');
    expect(reason(v)).toContain('evaluation failed');
  });
});

describe('traversalsIn', () => {
  test('given a template with a directive only, then its references are found', () => {
    expect(traversalsIn('%{ if var.on }yes%{ endif }')).toEqual(['var.on']);
  });

  test('given plain text, then it has no references', () => {
    expect(traversalsIn('var.on')).toEqual([]);
  });
});

describe('a malformed resolver', () => {
  const text = '${gitlab_group.g.id}';

  test('given a resolver that throws, then the reference is unknown, naming it and the error', () => {
    const v = evaluateTemplate(text, { resolve: () => { throw new Error('boom'); } });
    expect(v).toMatchObject({ type: 'unknown', references: ['gitlab_group.g.id'] });
    expect(reason(v)).toContain('could not resolve gitlab_group.g.id');
    expect(reason(v)).toContain('boom');
  });

  test.each([
    ['no resolution', null],
    ['a number as resolution', 42],
    ['a null value', { value: null, used: 0 }],
    ['a string value', { value: 'x', used: 0 }],
    ['a value with a non-string type', { value: { type: 1, taint: [] }, used: 0 }],
    ['a value without a taint list', { value: { type: 'string', value: 'x', taint: 'none' }, used: 0 }],
    ['a value without a taint', { value: { type: 'string', value: 'x' }, used: 0 }],
    ['a function posing as a value', { value: Object.assign(() => 'x', { type: 'string', value: 'x', taint: [] }), used: 3 }],
  ])('given %s, then the reference is unknown, referencing the traversal', (_name, res) => {
    const v = evaluateTemplate(text, { resolve: () => res as never });
    expect(v).toMatchObject({ type: 'unknown', references: ['gitlab_group.g.id'] });
    expect(reason(v)).toContain('could not resolve gitlab_group.g.id');
  });
});

describe('unknowns inside operands', () => {
  test('given an error operand, when combined, then the result is an error try() skips, as in Terraform', () => {
    // terraform console: try({}.x + 1, "d") is "d".
    expect(toJson(ev('${try({}.x + 1, "d")}'))).toBe('d');
    expect(isFailure(ev('${{}.x + 1}'))).toBe(true);
  });

  test('given an error beside a list holding an unknown, when compared, then the error wins, as in Terraform', () => {
    // terraform console: try([tolist([])[0]] == {}.x, "d") is "d".
    expect(toJson(ev('${try([data.a.b.x] == {}.x, "d")}'))).toBe('d');
  });

  test('given a list holding an unknown, when compared, then the result is unknown', () => {
    const v = ev('${[data.a.b.x] == ["a"]}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.a.b.x'] });
    expect(deepTaint(ev('${[data.a.b.x] != [local.s]}'))).toContain(SECRET);
  });
});
