/** The parser on its own: tree shapes, precedence, and syntax errors with offsets. */
import { Expr, ExpressionSyntaxError, parseExpression } from '../../../../lib/core/engine/expression';
import { parseTemplate } from '../../../../lib/core/engine/expression/parser';

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

function syntaxErrorOf(parse: () => unknown): ExpressionSyntaxError {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionSyntaxError);
    expect((err as ExpressionSyntaxError).name).toBe('ExpressionSyntaxError');
    return err as ExpressionSyntaxError;
  }
  throw new Error('expected a syntax error, but the text parsed');
}

// Each syntax error says where (the offset) and what was expected: the fragment is the part a user acts on.
test.each([
  ['1 +', 3, 'unexpected end of expression'],
  ['', 0, 'unexpected end of expression'],
  ['(1', 2, 'expected ")"'],
  ['[1 2]', 3, 'expected "]"'],
  ['f(1 2)', 4, 'expected ")"'],
  ['f(a..., b)', 8, 'expected ")"'],
  ['a.', 2, 'expected an attribute name after "."'],
  ['a.+', 2, 'expected an attribute name after "."'],
  ['a[*', 3, 'expected "]" after "[*"'],
  ['a[*x', 3, 'expected "]" after "[*"'],
  ['{a 1}', 3, 'expected "=" or ":" after an object key'],
  ['{1 2}', 3, 'expected "=" or ":" after an object key'],
  ['[for x y]', 7, 'expected "in"'],
  ['[for a, 1 in x : 1]', 8, 'expected a name'],
  ['[for a in x 1]', 12, 'expected ":"'],
  ['{for a in x : a 1}', 16, 'expected "=>"'],
  ['1 2', 2, 'unexpected "2" after the expression'],
  ['1e', 1, 'unexpected "e" after the expression'],
  // Names of Object.prototype are names, not operators.
  ['1 toString 2', 2, 'unexpected "toString" after the expression'],
  ['1 constructor 2', 2, 'unexpected "constructor" after the expression'],
  ['.', 0, 'unexpected "."'],
  ['~', 0, 'unexpected "~"'],
  ['$', 0, 'unexpected character "$"'],
  ['@', 0, 'unexpected character "@"'],
  ['<<EOF', 0, 'heredoc templates are not supported'],
  ['a::b', 4, 'expected "(" after a provider function name'],
  ['a::b::c x', 8, 'expected "(" after a provider function name'],
  ['"abc', 0, 'unterminated string'],
  ['"$', 0, 'unterminated string'],
  ['/* open', 0, 'unterminated comment'],
  ['/*/ 1', 0, 'unterminated comment'],
  ['1 + # to the end', 16, 'unexpected end of expression'],
  ['1 + // to the end', 17, 'unexpected end of expression'],
  ['a /* open', 2, 'unterminated comment'],
  ['"\\x"', 1, 'invalid escape sequence'],
  ['"\\u12"', 1, 'invalid escape sequence'],
  ['"\\u12zz"', 1, 'invalid escape sequence'],
  ['"\\uzz12"', 1, 'invalid escape sequence'],
  ['"\\x0001F600"', 1, 'invalid escape sequence'],
  ['"\\U00110000"', 1, 'invalid unicode escape'],
  ['"${1"', 4, 'expected "}" to close the interpolation'],
  ['"${~1~ x"', 7, 'expected "}" to close the interpolation'],
  ['"%{ 1 }"', 4, 'expected if, else, endif, for or endfor'],
  ['"%{ x }"', 4, 'unknown template directive "x"'],
  ['"%{ if true x"', 12, 'expected "}" to close the directive'],
  ['"%{ for a in [1] x"', 17, 'expected "}" to close the directive'],
])('%j is a syntax error at offset %d: %s', (src, offset, detail) => {
  const err = syntaxErrorOf(() => parseExpression(src));
  expect(err.offset).toBe(offset);
  expect(err.message).toMatch(new RegExp(`^syntax error at offset ${offset}: `));
  expect(err.message).toContain(detail);
});

test('a traversal longer than the tree may be high is refused where it passes the limit', () => {
  expect(() => parseExpression(`a${'.b'.repeat(300)}`)).toThrow(new ExpressionSyntaxError(515, 'traversal too long'));
  expect(() => parseExpression(`a${'.b'.repeat(250)}`)).not.toThrow();
});

// A whole JSON string is a template: its directives must pair up, and the error points at the directive.
test.each([
  ['%{ if true }x', 0, 'missing %{ endif }'],
  ['%{ if true }a%{ else }b', 0, 'missing %{ endif }'],
  ['ab%{ for v in [1] }x', 2, 'missing %{ endfor }'],
  ['%{ endif }', 0, 'unexpected %{ endif }'],
  ['x%{ endfor }', 1, 'unexpected %{ endfor }'],
  ['%{ else }', 0, 'unexpected %{ else }'],
  ['%{ bogus }', 3, 'unknown template directive "bogus"'],
  ['${1 x}', 4, 'expected "}" to close the interpolation'],
  ['%{ if true x}', 11, 'expected "}" to close the directive'],
])('template %s is a syntax error at offset %d: %s', (text, offset, detail) => {
  const err = syntaxErrorOf(() => parseTemplate(text));
  expect(err.offset).toBe(offset);
  expect(err.message).toContain(detail);
});

test.each([
  ['"\\U0010FFFF"', '\u{10FFFF}'],
  ['"\\u00e9"', 'é'],
  ['1e5', 100000],
  ['1.5e+3', 1500],
  ['2E-1', 0.2],
])('%s is accepted', (src, value) => {
  const e = parseExpression(src);
  const literal = e.kind === 'template' ? e.parts[0] : e;
  expect(literal.kind === 'literal' && (literal.value as { value: unknown }).value).toBe(value);
});

test.each([
  ['f(a...,)', 'f(a...)'],
  ['a\t+\r\n\tb', '(a + b)'],
  ['a /* x */ + /**/ b', '(a + b)'],
  ['1.x', '1.x'],
  ['a-b-c', 'a-b-c'],
  ['é_1', 'é_1'],
  ['a.0.1', 'a[0][1]'],
  ['a.*.b.*.c', 'splat(splat(a;@.b);@.c)'],
  ['a[*].b[*].c', 'splat(a;splat(@.b;@.c))'],
])('%s parses as %s', (src, expected) => {
  expect(show(parseExpression(src))).toBe(expected);
});

test('nesting is limited at 64 levels, counted per level and given back after each', () => {
  // 63 parentheses are 64 nested expressions (the outermost is one); one more is refused where it opens.
  expect(() => parseExpression(`${'('.repeat(63)}1${')'.repeat(63)}`)).not.toThrow();
  expect(syntaxErrorOf(() => parseExpression(`${'('.repeat(64)}1${')'.repeat(64)}`)).offset).toBe(64);
  // A hundred items side by side are not nested.
  const items = Array.from({ length: 100 }, (_, i) => `(${i})`);
  expect(show(parseExpression(`[${items.join(', ')}]`))).toBe(`[${items.map((_, i) => i).join(',')}]`);
});

test('nesting is limited', () => {
  expect(() => parseExpression(`${'('.repeat(70)}1${')'.repeat(70)}`)).toThrow(/nested too deeply/);
  expect(() => parseExpression(`${'('.repeat(30)}1${')'.repeat(30)}`)).not.toThrow();
});
