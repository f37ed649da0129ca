/**
 * Scans template text into a flat list of literal text, interpolations and directive markers. Two flavours:
 * a whole JSON string (already JSON-decoded, so backslashes are literal; ends at the end of the text) and a
 * quoted string inside an expression (backslash escapes apply; ends at the closing `"`). In both, `$${`
 * and `%%{` are escapes for a literal `${` and `%{`. Strip markers (`${~`, `~}`) trim adjacent whitespace.
 */
import type { Expr } from './ast';
import type { Token } from './lexer';
import { trimGoSpace } from './convert';

/** What the template scanner needs of the expression parser (structural: no import of parser.ts, which imports this). */
export interface ExpressionReader {
  fail(detail: string, at?: number): never;
  current(): Token;
  seek(pos: number): void;
  advance(intOnly?: boolean): Token;
  isPunct(text: string): boolean;
  isKeyword(text: string): boolean;
  expectIdent(): string;
  parseExpr(): Expr;
}

/** `k, v in coll` or `v in coll`, after the `for` keyword: shared by for expressions and `%{ for }` directives. */
export function readForHeader(p: ExpressionReader): { keyVar: string | undefined; valVar: string; coll: Expr } {
  const first = p.expectIdent();
  let keyVar: string | undefined;
  let valVar = first;
  if (p.isPunct(',')) {
    p.advance();
    keyVar = first;
    valVar = p.expectIdent();
  }
  if (!p.isKeyword('in')) p.fail('expected "in"');
  p.advance();
  return { keyVar, valVar, coll: p.parseExpr() };
}

export type TemplateItem =
  | { readonly type: 'literal'; text: string; readonly at: number }
  | { readonly type: 'interp'; readonly expr: Expr; readonly at: number; readonly stripL: boolean; readonly stripR: boolean }
  | { readonly type: 'if'; readonly cond: Expr; readonly at: number; readonly stripL: boolean; readonly stripR: boolean }
  | { readonly type: 'for'; readonly keyVar: string | undefined; readonly valVar: string; readonly coll: Expr; readonly at: number; readonly stripL: boolean; readonly stripR: boolean }
  | { readonly type: 'else' | 'endif' | 'endfor'; readonly at: number; readonly stripL: boolean; readonly stripR: boolean };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Decodes the backslash escape at `i` (which holds the backslash); returns the text and the next offset. */
function readEscape(p: ExpressionReader, src: string, i: number): [string, number] {
  const c = src[i + 1];
  if (c !== undefined && SIMPLE_ESCAPES[c] !== undefined) return [SIMPLE_ESCAPES[c], i + 2];
  const width = c === 'u' ? 4 : c === 'U' ? 8 : 0;
  const hex = src.slice(i + 2, i + 2 + width);
  if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) p.fail('invalid escape sequence', i);
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) p.fail('invalid unicode escape', i);
  return [String.fromCodePoint(code), i + 2 + width];
}

/** The expression or directive inside `${ }` / `%{ }` starting at `pos` (just after the brace). */
function readBody(p: ExpressionReader, src: string, pos: number, directive: boolean): { item: TemplateItem; end: number } {
  const at = pos - 2;
  const stripL = src[pos] === '~';
  p.seek(stripL ? pos + 1 : pos);
  let item: TemplateItem;
  if (!directive) {
    item = { type: 'interp', expr: p.parseExpr(), at, stripL, stripR: false };
  } else {
    const kw = p.current();
    if (kw.kind !== 'ident') p.fail('expected if, else, endif, for or endfor');
    p.advance();
    if (kw.text === 'if') {
      item = { type: 'if', cond: p.parseExpr(), at, stripL, stripR: false };
    } else if (kw.text === 'for') {
      item = { type: 'for', ...readForHeader(p), at, stripL, stripR: false };
    } else if (kw.text === 'else' || kw.text === 'endif' || kw.text === 'endfor') {
      item = { type: kw.text, at, stripL, stripR: false };
    } else {
      return p.fail(`unknown template directive "${kw.text}"`, kw.start);
    }
  }
  const stripR = p.isPunct('~');
  if (stripR) p.advance();
  // Stop at the closing brace without lexing past it: what follows is template text, not expression.
  if (!p.isPunct('}')) p.fail(directive ? 'expected "}" to close the directive' : 'expected "}" to close the interpolation');
  return { item: { ...item, stripR }, end: p.current().end };
}

/** Applies strip markers to neighbouring literals. */
function applyStrip(items: TemplateItem[]): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.type === 'literal') continue;
    const before = items[i - 1];
    const after = items[i + 1];
    // HCL strips what Go's unicode.IsSpace takes: not U+FEFF, which JavaScript's \s includes.
    if (it.stripL && before?.type === 'literal') before.text = trimGoSpace(before.text, false, true);
    if (it.stripR && after?.type === 'literal') after.text = trimGoSpace(after.text, true, false);
  }
}

export function parseTemplateItems(p: ExpressionReader, src: string, pos: number, quoted: boolean): { items: TemplateItem[]; end: number } {
  const items: TemplateItem[] = [];
  let chunks: string[] = [];
  let litAt = pos;
  const flush = (): void => {
    if (chunks.length > 0) items.push({ type: 'literal', text: chunks.join(''), at: litAt });
    chunks = [];
  };
  let i = pos;
  let runStart = i; // start of the current run of plain characters, copied with one slice
  const endRun = (): void => {
    if (i > runStart) chunks.push(src.slice(runStart, i));
  };
  for (;;) {
    if (i >= src.length) {
      if (quoted) p.fail('unterminated string', pos - 1);
      endRun();
      flush();
      return { items: (applyStrip(items), items), end: i };
    }
    const c = src[i];
    const escaped = (c === '$' || c === '%') && src[i + 1] === c && src[i + 2] === '{';
    const opens = (c === '$' || c === '%') && src[i + 1] === '{';
    if (quoted && c === '"') {
      endRun();
      flush();
      applyStrip(items);
      return { items, end: i + 1 };
    } else if (quoted && c === '\\') {
      endRun();
      const [text, next] = readEscape(p, src, i);
      chunks.push(text);
      i = next;
    } else if (escaped) {
      endRun();
      chunks.push(`${c}{`);
      i += 3;
    } else if (opens) {
      endRun();
      flush();
      const { item, end } = readBody(p, src, i + 2, c === '%');
      items.push(item);
      i = end;
      litAt = i;
    } else {
      i++;
      continue;
    }
    runStart = i;
  }
}
