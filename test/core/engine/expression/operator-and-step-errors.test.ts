/**
 * Operators, traversal steps, splats, argument expansion and try()/can() at their edges: the values
 * Terraform computes (checked with `terraform console`, 1.11), and for what Terraform rejects, an error
 * (a failure, which try() skips) that still carries the taint of the operands it read.
 */
import { deepTaint, evaluateTemplate, isFailure, toJson, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET } from './fixture';

const scope = fixtureScope({ locals: { s: '${gitlab_project_access_token.t.token}', n: 1 } });
const ev = (text: string): Value => evaluateTemplate(text, scope);
const reason = (v: Value): string => (v.type === 'unknown' ? v.reason : '<known>');

/** An error Terraform would report: a failure (so try() falls back) keeping the secret it read. */
function expectSecretFailure(text: string): Value {
  const v = ev(text);
  expect(isFailure(v)).toBe(true);
  expect(deepTaint(v)).toContain(SECRET);
  return v;
}

describe('logical and comparison operators', () => {
  test.each([
    ['true || false', true],
    ['false || true', true],
    ['false || false', false],
    ['true && false', false],
    ['1 < 1', false],
    ['1 < 2', true],
    ['1 > 1', false],
    ['2 > 1', true],
    ['1 <= 1', true],
    ['1 <= 2', true],
    ['2 <= 1', false],
    ['1 >= 2', false],
    ['1 >= 1', true],
  ])('given %s, when evaluated, then it is %s as in Terraform', (text, expected) => {
    expect(toJson(ev(`\${${text}}`))).toBe(expected);
  });
});

describe('operators on values of the wrong type fail with the operand taint', () => {
  test('given a secret string negated, then it fails naming the operand of -', () => {
    expect(reason(expectSecretFailure('${-local.s}'))).toContain('operand of -');
  });

  test('given a secret string under !, then it fails naming the operand of !', () => {
    expect(reason(expectSecretFailure('${!local.s}'))).toContain('operand of !');
  });

  test('given a secret string in arithmetic, then it fails', () => {
    expectSecretFailure('${local.s + 1}');
  });

  test('given a non-bool on either side of &&, then the reason says which side', () => {
    expect(reason(expectSecretFailure('${local.s && true}'))).toContain('left operand of &&');
    expect(reason(expectSecretFailure('${true && local.s}'))).toContain('right operand of &&');
  });

  test('given a secret string as a condition, then it fails', () => {
    expectSecretFailure('${local.s ? 1 : 2}');
  });

  test('given an unknown operand of !, when inside try(), then the result stays unknown', () => {
    // Terraform: unknown in, unknown out; try() cannot choose a fallback for a value not yet known.
    const v = ev('${try(!data.a.b.on, "d")}');
    expect(v.type).toBe('unknown');
    expect(isFailure(ev('${!data.a.b.on}'))).toBe(false);
  });
});

describe('attribute and index steps that Terraform rejects', () => {
  test('given an attribute of a secret string, then it fails with the secret', () => {
    expect(reason(expectSecretFailure('${local.s.x}'))).toContain('cannot read attribute "x"');
  });

  test('given an attribute of a number from a local, then the attribute read is what fails', () => {
    const v = ev('${local.n.x}');
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain('cannot read attribute "x"');
  });

  test.each([
    ['${{a = 1}.b}', 'no attribute "b"'],
    ['${[1, 2][5]}', 'out of range'],
    ['${{a = 1}["b"]}', 'no key "b"'],
    ['${{a = 1}[[1]]}', 'key'],
    ['${"abc"[0]}', 'cannot index a string'],
  ])('given %s, then it fails: %s', (text, part) => {
    const v = ev(text);
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain(part);
    expect(toJson(ev(`\${try(${text.slice(2, -1)}, "d")}`))).toBe('d');
  });
});

describe('splat of a value not known yet', () => {
  test('given an unknown list, when splatted, then the whole result is unknown with its reference', () => {
    const v = ev('${data.x.y.list[*].id}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.x.y.list'] });
  });

  test('given an unknown list, when a per-element key is secret, then the unknown carries the secret', () => {
    expect(deepTaint(ev('${data.x.y.list[*][local.s]}'))).toContain(SECRET);
  });
});

describe('argument expansion', () => {
  test('given an unknown list expanded, then the call is unknown, not an error try() skips', () => {
    const v = ev('${try(max(data.a.b.l...), "d")}');
    expect(v.type).toBe('unknown');
  });

  test('given a non-list expanded, then it is an error, as in Terraform', () => {
    // terraform console: try(max(1...), "d") is "d".
    expect(toJson(ev('${try(max(1...), "d")}'))).toBe('d');
    const v = expectSecretFailure('${max(local.s...)}');
    expect(reason(v)).toContain('expand');
  });
});

describe('try() and can()', () => {
  test('given a list expanded into try(), then the result is never the list itself', () => {
    // terraform console: try(["a", "b"]...) is "a"; not evaluating it (unknown) is the fail-closed answer.
    const v = ev('${try(["a", "b"]...)}');
    expect(v.type === 'unknown' || toJson(v) === 'a').toBe(true);
    if (v.type === 'unknown') expect(v.reason).toContain('not evaluated');
  });

  test('given can() with two arguments, then it has no known result (Terraform rejects the call)', () => {
    expect(ev('${can(1, 2)}').type).toBe('unknown');
  });

  test('given a failing argument before an unknown one, then the unknown carries only the taint of what may be chosen', () => {
    const v = ev('${try(local.s.x, data.a.b.id)}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.a.b.id'] });
    expect(deepTaint(v)).toEqual([]);
  });

  test('given every argument failing, then the reason says so', () => {
    expect(reason(ev('${try({}.x, [][0])}'))).toContain('every argument failed');
  });
});

describe('object constructors', () => {
  test('given an unknown key, then the object is unknown, not an error try() skips', () => {
    const v = ev('${try({(data.a.b.k) = 1}, "d")}');
    expect(v).toMatchObject({ type: 'unknown', references: ['data.a.b.k'] });
  });

  test('given a null key, then it is an error naming the object key, as in Terraform', () => {
    const v = ev('${{(null) = 1}}');
    expect(isFailure(v)).toBe(true);
    expect(reason(v)).toContain('object key');
  });
});

describe('an object constructor with a repeated key', () => {
  // terraform console 1.11: {a = 1, a = 2} is { "a" = 2 }; try({a = "owner", a = "owner2"}.a, "reporter") is "owner2".
  test('when evaluated then the last value wins, as in Terraform, and try() does not fall back', () => {
    expect(toJson(ev('${{a = 1, a = 2}}'))).toEqual({ a: 2 });
    expect(toJson(ev('${try({a = "owner", a = "owner2"}.a, "reporter")}'))).toBe('owner2');
  });

  test('when the replaced value is a secret then the object still carries its taint', () => {
    expect(deepTaint(ev('${{a = local.s, a = "x"}}'))).toContain(SECRET);
  });
});
