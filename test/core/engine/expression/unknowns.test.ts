/** Failing closed: what cannot be evaluated is unknown, says why, and keeps references and taint. */
import { deepTaint, EvalScope, evaluateJson, evaluateTemplate, isFailure, str, toJson, traversalsIn, unknown, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET } from './fixture';

const scope = fixtureScope({ locals: { s: '${gitlab_project_access_token.t.token}', loop: '${local.loop}' }, vars: { on: true } });
const ev = (text: string): Value => evaluateTemplate(text, scope);
const refs = (v: Value): readonly string[] => (v.type === 'unknown' ? v.references : ['<known>']);

describe('references of unknowns', () => {
  test('a value known only at apply', () => {
    const v = ev('${data.gitlab_project.app.id}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.gitlab_project.app.id'] });
    expect(v.type === 'unknown' && v.reason).toBe('computed at apply: data.gitlab_project.app.id');
  });

  test('a known condition keeps only the branch taken', () => {
    expect(refs(ev('${true ? data.a.b.id : data.c.d.id}'))).toEqual(['data.a.b.id']);
    expect(refs(ev('${var.on ? data.a.b.id : data.c.d.id}'))).toEqual(['data.a.b.id']);
    expect(refs(ev('${false ? data.a.b.id : data.c.d.id}'))).toEqual(['data.c.d.id']);
  });

  test('an unknown condition depends on both branches and itself', () => {
    expect(refs(ev('${data.x.y.on ? data.a.b.id : data.c.d.id}'))).toEqual(['data.a.b.id', 'data.c.d.id', 'data.x.y.on']);
  });

  test('operations combine the references of every unknown operand', () => {
    expect(refs(ev('${data.a.b.n + data.c.d.n}'))).toEqual(['data.a.b.n', 'data.c.d.n']);
    expect(refs(ev('x-${data.a.b.id}-${data.c.d.id}'))).toEqual(['data.a.b.id', 'data.c.d.id']);
    expect(refs(ev('${upper(data.a.b.id)}'))).toEqual(['data.a.b.id']);
    expect(refs(ev('${timestamp()}'))).toEqual([]);
  });

  test('an unknown without references from the resolver is given the traversal', () => {
    const bare: EvalScope = { resolve: () => ({ value: unknown('later'), used: 0 }) };
    expect(refs(evaluateTemplate('${gitlab_group_service_account.sa.service_account_id}', bare))).toEqual(['gitlab_group_service_account.sa.service_account_id']);
  });

  test('a list holding an unknown stays a list', () => {
    const v = ev('${["a", data.x.y.id]}');
    expect(v.type).toBe('tuple');
    expect(toJson(v)).toBeUndefined();
  });
});

describe('functions that are not evaluated', () => {
  test.each(['file("x")', 'templatefile("t", {})', 'timeadd("2024-01-01T00:00:00Z", "1h")', 'uuid()', 'sha256("a")', 'provider::time::rfc3339_parse("x")'])('%s', (call) => {
    const v = ev(`\${${call}}`);
    expect(v.type).toBe('unknown');
    expect(v.type === 'unknown' && v.reason).toMatch(/^function .+\(\) is not evaluated$/);
  });

  test('a known function with an unknown argument is unknown with its taint', () => {
    const v = ev('${join(",", [local.s, data.a.b.id])}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.a.b.id'], taint: [SECRET] });
  });

  test('try() of an unknown is unknown, but skips failures', () => {
    expect(ev('${try(data.a.b.id, "d")}').type).toBe('unknown');
    expect(toJson(ev('${try({}.x, [][0], "d")}'))).toBe('d');
    expect(isFailure(ev('${try({}.x)}'))).toBe(true);
    expect(toJson(ev('${can({}.x)}'))).toBe(false);
    expect(toJson(ev('${can(1)}'))).toBe(true);
    expect(ev('${can(data.a.b.id)}').type).toBe('unknown');
  });

  test('wrong argument counts and types are failures', () => {
    for (const text of ['${lookup("s", "k")}', '${upper()}', '${length(1)}', '${element([], 0)}', '${lookup({}, "k")}', '${concat("a")}']) {
      expect(isFailure(ev(text))).toBe(true);
    }
  });
});

describe('syntax errors', () => {
  test.each([
    ['${1 +}', 5],
    ['${', 2],
    ['x ${"unterminated}', 4],
    ['${a.}', 4],
    ['${f(}', 4],
    ['${<<EOT\nx\nEOT}', 2],
    ['${ "\\q" }', 4],
  ])('%s reports its offset', (text, offset) => {
    const v = ev(text);
    expect(v.type).toBe('unknown');
    expect(v.type === 'unknown' && v.reason).toMatch(new RegExp(`^syntax error at offset ${offset}: `));
  });

  test('keep the taint of every traversal the raw text mentions', () => {
    const v = ev('${gitlab_project_access_token.t.token +}');
    expect(v).toMatchObject({ type: 'unknown', taint: [SECRET], references: ['gitlab_project_access_token.t.token'] });
    expect(ev('${local.s ) }').taint).toEqual([SECRET]);
    expect(ev('${foo(local["s"] }').taint).toEqual([SECRET]);
  });

  test('nesting deeper than the limit is a syntax error, not a stack overflow', () => {
    const deep = `\${${'['.repeat(100)}local.s${']'.repeat(100)}}`;
    expect(ev(deep)).toMatchObject({ type: 'unknown', taint: [SECRET] });
    expect(ev(deep).type === 'unknown' && (ev(deep) as { reason: string }).reason).toMatch(/nested too deeply/);
    expect(ev(`\${${'!'.repeat(5000)}true}`).type).toBe('unknown');
    expect(ev(`\${${Array(2000).fill('1').join(' + ')}}`).type).toBe('unknown');
    expect(toJson(ev(`\${${Array(50).fill('1').join(' + ')}}`))).toBe(50);
    expect(toJson(ev(`\${${'['.repeat(20)}1${']'.repeat(20)}}`))).toBeDefined();
  });
});

test('a resolver that throws gives an unknown', () => {
  const throwing: EvalScope = { resolve: () => { throw new Error('boom'); } };
  expect(evaluateTemplate('${local.x}', throwing)).toMatchObject({ type: 'unknown', references: ['local.x'] });
  const malformed = { resolve: () => ({ value: 'nope', used: 0 }) } as unknown as EvalScope;
  expect(evaluateTemplate('${local.x}', malformed).type).toBe('unknown');
});

test('a local that refers to itself is the resolver\'s unknown', () => {
  expect(ev('${local.loop}')).toMatchObject({ type: 'unknown' });
});

test('the resolver gets the static steps and its unconsumed steps are applied', () => {
  const s = fixtureScope({ locals: { m: { a: { b: '${gitlab_project_access_token.t.token}' } }, k: 'a' } });
  expect(toJson(evaluateTemplate('${local.m[local.k].b}', s))).toBe('glpat-xyz');
  expect(s.calls).toContain('local.m.a.b');
  expect(s.calls).toContain('local.k');
  expect(evaluateTemplate('${local.m[local.k].b}', s).taint).toEqual([SECRET]);
});

describe('evaluateJson', () => {
  test('walks objects and arrays, evaluating every string', () => {
    const v = evaluateJson({ name: 'bot', level: '${"owner"}', scopes: ['${"api"}', 'read_api'], days: 30, on: true, none: null }, scope);
    expect(toJson(v)).toEqual({ name: 'bot', level: 'owner', scopes: ['api', 'read_api'], days: 30, on: true, none: null });
  });

  test('keys are templates too, and taint flows from values', () => {
    const v = evaluateJson({ '${"k"}': '${local.s}' }, scope);
    expect(toJson(v)).toEqual({ k: 'glpat-xyz' });
    expect(deepTaint(v)).toEqual([SECRET]);
  });

  test('non-JSON and too-deep input is unknown and keeps taint', () => {
    expect(evaluateJson(undefined, scope).type).toBe('unknown');
    expect(evaluateJson(() => 1, scope).type).toBe('unknown');
    expect(evaluateJson(NaN, scope).type).toBe('unknown');
    let deep: unknown = '${local.s}';
    for (let i = 0; i < 200; i++) deep = [deep];
    const v = evaluateJson(deep, scope);
    expect(toJson(v)).toBeUndefined(); // the part below the depth limit is unknown
    expect(deepTaint(v)).toEqual([SECRET]);
  });

  test('a failing element fails its container; an unknown one does not', () => {
    expect(isFailure(evaluateJson(['${{}.x}'], scope))).toBe(true);
    expect(evaluateJson(['${data.a.b.c}'], scope).type).toBe('tuple');
  });

  test('a __proto__ key stays an ordinary key', () => {
    const v = evaluateJson(JSON.parse('{"__proto__": {"x": 1}}'), scope);
    expect(v.type === 'object' && [...v.attrs.keys()]).toEqual(['__proto__']);
    expect(Object.keys(toJson(v) as object)).toEqual(['__proto__']);
  });
});

describe('traversalsIn', () => {
  test('lists root traversals with static steps, not for-expression variables', () => {
    expect(traversalsIn('${[for x in local.a : x.b if var.c]} ${foo.bar["baz"][0][var.i].q} ${gitlab_project_access_token.t[*].token}')).toEqual([
      'local.a',
      'var.c',
      'foo.bar.baz[0]',
      'var.i',
      'gitlab_project_access_token.t',
    ]);
    expect(traversalsIn('plain')).toEqual([]);
    expect(traversalsIn('${lookup(local.m, "k")}')).toEqual(['local.m']);
    expect(traversalsIn('%{ for v in local.l }${v.x}${each.key}%{ endfor }')).toEqual(['local.l', 'each.key']);
  });

  test('falls back to a scan on a syntax error', () => {
    expect(traversalsIn('${gitlab_project_access_token.bot.token + }')).toEqual(['gitlab_project_access_token.bot.token']);
    expect(traversalsIn('${x.y[0]["k"] ( -local.z}')).toEqual(['x.y[0].k', 'local.z']);
  });
});

test('a value from fromJson-free strings is still a string', () => {
  expect(ev('no interpolation')).toEqual(str('no interpolation'));
});
