/**
 * Recursive-descent parser for HCL native expressions and templates (the `${ }` / `%{ }` language inside
 * Terraform JSON strings). Recursion is bounded (MAX_NESTING) and so is the height of the resulting tree
 * (MAX_TREE_HEIGHT), so neither parsing nor evaluation can exhaust the stack on hostile input.
 */
import { BinaryOp, Expr, ObjectItem, treeHeight } from './ast';
import { ExpressionSyntaxError, lexAt, Token } from './lexer';
import { exactNumber, shortNumber } from './numbers';
import { num, str, bool, nul, unknown, Value } from './value';
import { parseTemplateItems, readForHeader, TemplateItem } from './template-scan';

export const MAX_NESTING = 64;
export const MAX_TREE_HEIGHT = 256;

const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};

const SPLAT_ITEM: Expr = { kind: 'splatItem' };

/** A number literal, or unknown if a double cannot hold it as Terraform reads it (`9007199254740993`). */
function numberLiteral(text: string): Value {
  const n = exactNumber(text);
  return n === undefined ? unknown(`the number ${shortNumber(text)} is not held exactly by a double (Terraform keeps 512 bits)`) : num(n);
}

export class Parser {
  private tok: Token = { kind: 'eof', text: '', start: 0, end: 0 };
  private depth = 0;

  constructor(private readonly src: string) {}

  fail(detail: string, at: number = this.tok.start): never {
    throw new ExpressionSyntaxError(at, detail);
  }

  /** Guards every recursive production: deep nesting is a syntax error, not a stack overflow. */
  enter(): void {
    if (++this.depth > MAX_NESTING) this.fail('expression nested too deeply');
  }

  leave(): void {
    this.depth--;
  }

  current(): Token {
    return this.tok;
  }

  seek(pos: number): void {
    this.tok = lexAt(this.src, pos);
  }

  advance(intOnly = false): Token {
    const t = this.tok;
    this.tok = lexAt(this.src, t.end, intOnly);
    return t;
  }

  isPunct(text: string): boolean {
    return this.tok.kind === 'punct' && this.tok.text === text;
  }

  isKeyword(text: string): boolean {
    return this.tok.kind === 'ident' && this.tok.text === text;
  }

  expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail(`expected "${text}"`);
    this.advance();
  }

  expectIdent(): string {
    if (this.tok.kind !== 'ident') this.fail('expected a name');
    return this.advance().text;
  }

  /** expression := binary ( "?" expression ":" expression )? */
  parseExpr(): Expr {
    this.enter();
    const cond = this.parseBinary(1);
    let result = cond;
    if (this.isPunct('?')) {
      this.advance();
      const then = this.parseExpr();
      this.expectPunct(':');
      result = { kind: 'conditional', cond, then, else: this.parseExpr() };
    }
    this.leave();
    return result;
  }

  /** Precedence climbing; left-associative loops keep recursion shallow for long operator chains. */
  private parseBinary(minPrec: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const prec = this.tok.kind === 'punct' ? PRECEDENCE[this.tok.text] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      const op = this.advance().text as BinaryOp;
      const right = this.parseBinary(prec + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  private parseUnary(): Expr {
    if (this.isPunct('!') || this.isPunct('-')) {
      const op = this.advance().text as '!' | '-';
      this.enter();
      const operand = this.parseUnary();
      this.leave();
      return { kind: 'unary', op, operand };
    }
    return this.parseTraversal(this.parsePrimary(), 'all');
  }

  /**
   * Attribute, index and splat steps after `base`. `attrOnly` is the body of a legacy `.*` splat, which
   * takes only attribute steps; a full `[*]` splat takes every following step, including further splats.
   */
  private parseTraversal(base: Expr, mode: 'all' | 'attrOnly'): Expr {
    let e = base;
    for (let steps = 0; ; steps++) {
      if (steps > MAX_TREE_HEIGHT) this.fail('traversal too long');
      if (this.isPunct('.')) {
        const next = lexAt(this.src, this.tok.end, true);
        if (next.kind === 'ident') {
          e = { kind: 'getattr', target: e, name: next.text };
        } else if (next.kind === 'num') {
          e = { kind: 'index', target: e, key: { kind: 'literal', value: numberLiteral(next.text) } };
        } else if (next.kind === 'punct' && next.text === '*' && mode === 'all') {
          this.tok = lexAt(this.src, next.end);
          e = { kind: 'splat', source: e, each: this.parseSplatBody('attrOnly') };
          continue;
        } else if (next.kind === 'punct' && next.text === '*') {
          return e; // a nested legacy splat applies to the result of this one
        } else {
          this.fail('expected an attribute name after "."', next.start);
        }
        this.tok = lexAt(this.src, next.end);
      } else if (this.isPunct('[') && mode === 'all') {
        const next = lexAt(this.src, this.tok.end);
        if (next.kind === 'punct' && next.text === '*') {
          const close = lexAt(this.src, next.end);
          if (close.kind !== 'punct' || close.text !== ']') this.fail('expected "]" after "[*"', close.start);
          this.tok = lexAt(this.src, close.end);
          e = { kind: 'splat', source: e, each: this.parseSplatBody('all') };
        } else {
          this.advance();
          const key = this.parseExpr();
          this.expectPunct(']');
          e = { kind: 'index', target: e, key };
        }
      } else {
        return e;
      }
    }
  }

  private parseSplatBody(mode: 'all' | 'attrOnly'): Expr {
    this.enter();
    const each = this.parseTraversal(SPLAT_ITEM, mode);
    this.leave();
    return each;
  }

  private parsePrimary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'num': {
        this.advance();
        return { kind: 'literal', value: numberLiteral(t.text) };
      }
      case 'ident':
        return this.parseName(t);
      case 'quote': {
        const { expr, end } = this.parseTemplateAt(t.end, true);
        this.seek(end);
        return expr;
      }
      case 'punct':
        if (t.text === '(') {
          this.advance();
          const inner = this.parseExpr();
          this.expectPunct(')');
          return inner;
        }
        if (t.text === '[') return this.parseTupleOrFor();
        if (t.text === '{') return this.parseObjectOrFor();
        if (t.text === '<<') this.fail('heredoc templates are not supported');
        return this.fail(`unexpected "${t.text}"`);
      case 'eof':
        return this.fail('unexpected end of expression');
      default:
        return this.fail(`unexpected character "${t.text}"`);
    }
  }

  /** A keyword literal, a variable, or a function call (including `provider::ns::fn(...)`). */
  private parseName(t: Token): Expr {
    if (t.text === 'true' || t.text === 'false') {
      this.advance();
      return { kind: 'literal', value: bool(t.text === 'true') };
    }
    if (t.text === 'null') {
      this.advance();
      return { kind: 'literal', value: nul() };
    }
    let name = t.text;
    let end = t.end;
    while (this.src.startsWith('::', end)) {
      const part = lexAt(this.src, end + 2);
      if (part.kind !== 'ident' || part.start !== end + 2) break;
      name += `::${part.text}`;
      end = part.end;
    }
    const after = lexAt(this.src, end);
    if (after.kind === 'punct' && after.text === '(') {
      this.tok = lexAt(this.src, after.end);
      return this.parseCallArgs(name);
    }
    if (name !== t.text) this.fail('expected "(" after a provider function name', after.start);
    this.tok = after;
    return { kind: 'variable', name };
  }

  private parseCallArgs(name: string): Expr {
    const args: Expr[] = [];
    let expand = false;
    while (!this.isPunct(')')) {
      args.push(this.parseExpr());
      if (this.isPunct('...')) {
        this.advance();
        expand = true;
        if (this.isPunct(',')) this.advance();
        break;
      }
      if (!this.isPunct(',')) break;
      this.advance();
    }
    this.expectPunct(')');
    return { kind: 'call', name, args, expand };
  }

  /** `for` opens a for-expression only when a name follows, so a variable called `for` still parses. */
  private atFor(): boolean {
    return this.isKeyword('for') && lexAt(this.src, this.tok.end).kind === 'ident';
  }

  private parseTupleOrFor(): Expr {
    this.advance();
    if (this.atFor()) return this.parseFor(']');
    const items: Expr[] = [];
    while (!this.isPunct(']')) {
      items.push(this.parseExpr());
      if (!this.isPunct(',')) break;
      this.advance();
    }
    this.expectPunct(']');
    return { kind: 'tuple', items };
  }

  private parseObjectOrFor(): Expr {
    this.advance();
    if (this.atFor()) return this.parseFor('}');
    const items: ObjectItem[] = [];
    while (!this.isPunct('}')) {
      items.push(this.parseObjectItem());
      // Items are separated by commas or newlines; we accept either (or nothing), which is lenient but safe.
      if (this.isPunct(',')) this.advance();
    }
    this.expectPunct('}');
    return { kind: 'object', items };
  }

  private parseObjectItem(): ObjectItem {
    let key: Expr;
    const next = this.tok.kind === 'ident' ? lexAt(this.src, this.tok.end) : undefined;
    if (next && next.kind === 'punct' && (next.text === '=' || next.text === ':')) {
      key = { kind: 'literal', value: str(this.advance().text) }; // a bare name is a literal key
    } else {
      // No conditional here: its ":" would be read as the key separator. Parenthesise to compute a key.
      this.enter();
      key = this.parseBinary(1);
      this.leave();
    }
    if (!this.isPunct('=') && !this.isPunct(':')) this.fail('expected "=" or ":" after an object key');
    this.advance();
    return { key, value: this.parseExpr() };
  }

  private parseFor(close: ']' | '}'): Expr {
    this.enter();
    this.advance(); // for
    const { keyVar, valVar, coll } = readForHeader(this);
    this.expectPunct(':');
    let keyExpr: Expr | undefined;
    if (close === '}') {
      keyExpr = this.parseExpr();
      this.expectPunct('=>');
    }
    const valExpr = this.parseExpr();
    let group = false;
    if (close === '}' && this.isPunct('...')) {
      this.advance();
      group = true;
    }
    let cond: Expr | undefined;
    if (this.isKeyword('if')) {
      this.advance();
      cond = this.parseExpr();
    }
    this.expectPunct(close);
    this.leave();
    return { kind: 'for', keyVar, valVar, coll, keyExpr, valExpr, cond, group };
  }

  /** A template starting at `pos`: a quoted string body (ends after `"`) or a whole JSON string. */
  parseTemplateAt(pos: number, quoted: boolean): { expr: Expr; end: number } {
    this.enter();
    const { items, end } = parseTemplateItems(this, this.src, pos, quoted);
    const expr = buildTemplate(this, items, true);
    this.leave();
    return { expr, end };
  }
}

/** Turns the flat item list into a tree: `%{ if }` and `%{ for }` own the items up to their end marker. */
function buildTemplate(p: Parser, items: readonly TemplateItem[], topLevel: boolean): Expr {
  let i = 0;
  const build = (terminators: readonly string[]): { parts: Expr[]; onlyInterp: boolean; term: string | undefined } => {
    p.enter();
    const parts: Expr[] = [];
    let interps = 0;
    while (i < items.length) {
      const it = items[i];
      if (terminators.includes(it.type)) {
        p.leave();
        return { parts, onlyInterp: parts.length === 1 && interps === 1, term: it.type };
      }
      i++;
      if (it.type === 'literal') {
        if (it.text !== '') parts.push({ kind: 'literal', value: str(it.text) });
      } else if (it.type === 'interp') {
        parts.push(it.expr);
        interps++;
      } else if (it.type === 'if') {
        const then = build(['else', 'endif']);
        if (then.term === undefined) p.fail('missing %{ endif }', it.at);
        let otherwise: Expr | undefined;
        if (then.term === 'else') {
          i++;
          const e = build(['endif']);
          if (e.term === undefined) p.fail('missing %{ endif }', it.at);
          otherwise = { kind: 'template', parts: e.parts, wrap: false };
        }
        i++; // endif
        parts.push({ kind: 'templateIf', cond: it.cond, then: { kind: 'template', parts: then.parts, wrap: false }, else: otherwise });
      } else if (it.type === 'for') {
        const body = build(['endfor']);
        if (body.term === undefined) p.fail('missing %{ endfor }', it.at);
        i++; // endfor
        parts.push({ kind: 'templateFor', keyVar: it.keyVar, valVar: it.valVar, coll: it.coll, body: { kind: 'template', parts: body.parts, wrap: false } });
      } else {
        p.fail(`unexpected %{ ${it.type} }`, it.at);
      }
    }
    p.leave();
    return { parts, onlyInterp: parts.length === 1 && interps === 1, term: undefined };
  };
  const root = build([]);
  return { kind: 'template', parts: root.parts, wrap: topLevel && root.onlyInterp };
}

function checkHeight(e: Expr): Expr {
  if (treeHeight(e) > MAX_TREE_HEIGHT) throw new ExpressionSyntaxError(0, 'expression nested too deeply');
  return e;
}

/** Parses one native-syntax expression; throws ExpressionSyntaxError. */
export function parseExpression(src: string): Expr {
  const p = new Parser(src);
  p.seek(0);
  const e = p.parseExpr();
  if (p.current().kind !== 'eof') p.fail(`unexpected "${p.current().text}" after the expression`);
  return checkHeight(e);
}

/** Parses a whole JSON-syntax string as a template; throws ExpressionSyntaxError. */
export function parseTemplate(text: string): Expr {
  return checkHeight(new Parser(text).parseTemplateAt(0, false).expr);
}
