/** The parser on its own: tree shapes, precedence, and syntax errors with offsets. */
import { Expr, ExpressionSyntaxError, parseExpression } from '../../../../lib/core/engine/expression';

/** A compact rendering of a tree, to assert structure. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal': return e.value.type === 'string' ? JSON.stringify(e.value.value) : e.value.type === 'null' ? 'null' : String((e.value as { value: unknown }).value);
    case 'template': return `tpl(${e.parts.map(show).join(',')})`;
    case 'variable': return e.name;
    case 'getattr': return `${show(e.target)}.${e.name}`;
    case 'index': return `${show(e.target)}[${show(e.key)}]`;
    case 'splat': return `splat(${show(e.source)};${show(e.each)})`;
    case 'splatItem': return '@';
    case 'call': return `${e.name}(${e.args.map(show).join(',')}${e.expand ? '...' : ''})`;
    case 'unary': return `(${e.op}${show(e.operand)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'conditional': return `(${show(e.cond)} ? ${show(e.then)} : ${show(e.else)})`;
    case 'tuple': return `[${e.items.map(show).join(',')}]`;
    case 'object': return `{${e.items.map((i) => `${show(i.key)}=${show(i.value)}`).join(',')}}`;
    case 'for': return `for(${e.keyVar ?? ''},${e.valVar} in ${show(e.coll)}: ${e.keyExpr ? `${show(e.keyExpr)}=>` : ''}${show(e.valExpr)}${e.group ? '...' : ''}${e.cond ? ` if ${show(e.cond)}` : ''})`;
    default: return e.kind;
  }
}

test.each([
  ['1 + 2 * 3', '(1 + (2 * 3))'],
  ['a - b - c', '((a - b) - c)'],
  ['a || b && c == d < e + f * g', '(a || (b && (c == (d < (e + (f * g))))))'],
  ['!a && -b', '((!a) && (-b))'],
  ['-a.b', '(-a.b)'],
  ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
  ['a-b', 'a-b'],
  ['a.b[0].c["d"]', 'a.b[0].c[tpl("d")]'],
  ['a.0.1', 'a[0][1]'],
  ['a[*].b.c[0]', 'splat(a;@.b.c[0])'],
  ['a.*.b[0]', 'splat(a;@.b)[0]'],
  ['f(a, b...)', 'f(a,b...)'],
  ['f()', 'f()'],
  ['f(1,)', 'f(1)'],
  ['provider::time::rfc3339_parse("x")', 'provider::time::rfc3339_parse(tpl("x"))'],
  ['{a = 1, "b": 2, (c) = 3}', '{"a"=1,tpl("b")=2,c=3}'],
  ['{\n  a = 1\n  b = 2\n}', '{"a"=1,"b"=2}'],
  ['[for k, v in m : v if k != ""]', 'for(k,v in m: v if (k != tpl()))'],
  ['{for v in l : v => 1...}', 'for(,v in l: v=>1...)'],
  ['[for]', '[for]'],
  ['"a${b}c"', 'tpl("a",b,"c")'],
  ['a # comment\n + /* x */ b // end', '(a + b)'],
  ['null', 'null'],
])('%s', (src, expected) => {
  expect(show(parseExpression(src))).toBe(expected);
});

test.each([
  ['1 +', 3],
  ['(1', 2],
  ['a.', 2],
  ['a[*', 3],
  ['{a 1}', 3],
  ['[for x y]', 7],
  ['1 2', 2],
  ['"abc', 0],
  ['$', 0],
  ['/* open', 0],
  ['"\\x"', 1],
  ['a::b', 4],
])('%s is a syntax error at offset %d', (src, offset) => {
  let caught: unknown;
  try {
    parseExpression(src);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ExpressionSyntaxError);
  expect((caught as ExpressionSyntaxError).offset).toBe(offset);
  expect((caught as ExpressionSyntaxError).message).toMatch(new RegExp(`^syntax error at offset ${offset}: `));
});

test('nesting is limited', () => {
  expect(() => parseExpression(`${'('.repeat(70)}1${')'.repeat(70)}`)).toThrow(/nested too deeply/);
  expect(() => parseExpression(`${'('.repeat(30)}1${')'.repeat(30)}`)).not.toThrow();
});
