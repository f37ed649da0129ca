/**
 * Which references an expression mentions: the engine's cheap pre-check ("does this string mention a
 * token at all?") relies on every position of every construct being walked, and on names bound inside the
 * expression not being taken for references.
 */
import { parseExpression, traversalsIn } from '../../../../lib/core/engine/expression';
import { treeHeight } from '../../../../lib/core/engine/expression/ast';

describe('a reference in any position of any construct is listed', () => {
  test.each([
    ['an interpolation among text', 'a-${local.a}-b', ['local.a']],
    ['an attribute step', '${local.a.b}', ['local.a.b']],
    ['an index key', '${local.a[local.b]}', ['local.a', 'local.b']],
    ['a splat source and its steps', '${local.a[*].b}', ['local.a']],
    ['a splat over a call', '${values(local.m)[*].b}', ['local.m']],
    ['a traversal of a call result', '${values(local.m)[0].x}', ['local.m']],
    ['every call argument', '${f(local.a, local.b, local.c...)}', ['local.a', 'local.b', 'local.c']],
    ['a unary operand', '${!local.a}', ['local.a']],
    ['both binary operands', '${local.a + local.b}', ['local.a', 'local.b']],
    ['all three parts of a conditional', '${local.a ? local.b : local.c}', ['local.a', 'local.b', 'local.c']],
    ['every tuple item', '${[local.a, local.b]}', ['local.a', 'local.b']],
    ['object keys and values', '${{(local.k) = local.v, x = local.w}}', ['local.k', 'local.v', 'local.w']],
    ['each part of a list for', '${[for v in local.l : local.a if local.b]}', ['local.l', 'local.a', 'local.b']],
    ['each part of an object for', '${{for k, v in local.m : local.a => local.b if local.c}}', ['local.m', 'local.a', 'local.b', 'local.c']],
    ['both branches of a template if', '%{ if local.a }${local.b}%{ else }${local.c}%{ endif }', ['local.a', 'local.b', 'local.c']],
    ['a template if without else', '%{ if local.a }${local.b}%{ endif }', ['local.a', 'local.b']],
    ['a template for', '%{ for v in local.l }${local.a}%{ endfor }', ['local.l', 'local.a']],
    ['a quoted template inside an expression', '${"x-${local.a}"}', ['local.a']],
  ])('%s', (_what, text, expected) => {
    expect(traversalsIn(text)).toEqual(expected);
  });
});

describe('static steps', () => {
  test.each([
    ['a number index', '${local.a[0].b}', 'local.a[0].b'],
    ['a quoted key', '${local.a["b"].c}', 'local.a.b.c'],
    ['a key that is not a name', '${local.a["b c"]}', 'local.a["b c"]'],
    ['an empty quoted key', '${local.a[""]}', 'local.a[""]'],
    ['a key built from parts stops the traversal', '${local.a["b${1}"].c}', 'local.a'],
    ['a computed key stops the traversal', '${local.a[1 + 1].c}', 'local.a'],
    ['a boolean key is not a step', '${local.a[true].c}', 'local.a'],
  ])('%s', (_what, text, expected) => {
    expect(traversalsIn(text)[0]).toBe(expected);
  });
});

describe('names bound by for are not references, outside the for they are', () => {
  test.each([
    ['the value name', '${[for v in local.l : v.x]}', ['local.l']],
    ['the key name', '${[for k, v in local.m : k]}', ['local.m']],
    ['the collection is outside the binding', '${[for v in v : v]}', ['v']],
    ['after the for', '${[for v in local.l : v]} ${v.x}', ['local.l', 'v.x']],
    ['in a template for', '%{ for k, v in local.m }${k}${v}${w}%{ endfor }', ['local.m', 'w']],
    ['a nested for sees the outer name', '${[for a in local.l : [for b in a : b + c]]}', ['local.l', 'c']],
  ])('%s', (_what, text, expected) => {
    expect(traversalsIn(text)).toEqual(expected);
  });
});

describe('tree height, which bounds the evaluator\'s recursion', () => {
  test.each([
    ['a', 1],
    ['a.b', 2],
    ['a[b]', 2],
    ['a[*].b', 3],
    ['f(a, g(b))', 3],
    ['-a', 2],
    ['a + (b + c)', 3],
    ['a ? b : (c ? d : e)', 3],
    ['[a, [b]]', 3],
    ['{a = {b = c}}', 3],
    ['[for v in l : [v]]', 3],
    ['{for k, v in l : k => v if v}', 2],
    ['"${a}"', 2],
    ['"%{ if a }${b}%{ else }${[c]}%{ endif }"', 5],
    ['"%{ for v in l }${[v]}%{ endfor }"', 5],
  ])('%s is %d high', (src, height) => {
    expect(treeHeight(parseExpression(src))).toBe(height);
  });
});

describe('text that does not parse is scanned for references instead', () => {
  test.each([
    ['names ending in digits stay names, digits alone are indexes', '${x.a1.b_2.3.12 +}', ['x.a1.b_2[3][12]']],
    ['a reference written twice is listed once', '${a.b + a.b +}', ['a.b']],
    ['quoted keys and spaces around steps', '${m [ "k" ] . v [ 0 ] (}', ['m.k.v[0]']],
  ])('%s', (_what, text, expected) => {
    expect(traversalsIn(text)).toEqual(expected);
  });
});
