/**
 * On-demand tokenizer for HCL expressions. It is stateless (`lexAt(src, pos)`), because the parser switches
 * between expression mode and raw template text: a quoted string or a `${ ... }` body is scanned by the
 * parser character by character, and expression tokens resume at whatever offset the scan ended.
 */

export type TokenKind = 'num' | 'ident' | 'quote' | 'punct' | 'eof' | 'bad';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Raised for any syntax problem; `offset` is a character offset in the text being parsed. */
export class ExpressionSyntaxError extends Error {
  constructor(readonly offset: number, detail: string) {
    super(`syntax error at offset ${offset}: ${detail}`);
    this.name = 'ExpressionSyntaxError';
  }
}

// Longest match first: `...` before `.`, `=>` and `==` before `=`.
const PUNCT = ['...', '==', '!=', '<=', '>=', '&&', '||', '=>', '<<', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '=', ',', '.', '(', ')', '[', ']', '{', '}', '~'];

const ID_START = /[\p{L}_]/u;
// HCL identifiers may contain dashes: `a-b` is one name, `a - b` a subtraction.
const ID_CONTINUE = /[\p{L}\p{N}_-]/u;
const DIGIT = /[0-9]/;

function skipTrivia(src: string, pos: number): number {
  for (;;) {
    const c = src[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
    } else if (c === '#' || (c === '/' && src[pos + 1] === '/')) {
      while (pos < src.length && src[pos] !== '\n') pos++;
    } else if (c === '/' && src[pos + 1] === '*') {
      const close = src.indexOf('*/', pos + 2);
      if (close < 0) throw new ExpressionSyntaxError(pos, 'unterminated comment');
      pos = close + 2;
    } else {
      return pos;
    }
  }
}

/**
 * The token starting at or after `pos`. `intOnly` lexes a number as digits only: after a `.`, `x.0.1` is
 * two legacy index steps, not the number 0.1.
 */
export function lexAt(src: string, pos: number, intOnly = false): Token {
  const start = skipTrivia(src, pos);
  if (start >= src.length) return { kind: 'eof', text: '', start, end: start };
  const c = src[start];
  let end = start;
  if (DIGIT.test(c)) {
    while (DIGIT.test(src[end] ?? '')) end++;
    if (!intOnly) {
      if (src[end] === '.' && DIGIT.test(src[end + 1] ?? '')) {
        end++;
        while (DIGIT.test(src[end] ?? '')) end++;
      }
      if (src[end] === 'e' || src[end] === 'E') {
        let e = end + 1;
        if (src[e] === '+' || src[e] === '-') e++;
        if (DIGIT.test(src[e] ?? '')) {
          while (DIGIT.test(src[e] ?? '')) e++;
          end = e;
        }
      }
    }
    return { kind: 'num', text: src.slice(start, end), start, end };
  }
  if (ID_START.test(c)) {
    end++;
    while (end < src.length && ID_CONTINUE.test(src[end])) end++;
    return { kind: 'ident', text: src.slice(start, end), start, end };
  }
  if (c === '"') return { kind: 'quote', text: c, start, end: start + 1 };
  for (const p of PUNCT) {
    if (src.startsWith(p, start)) return { kind: 'punct', text: p, start, end: start + p.length };
  }
  return { kind: 'bad', text: c, start, end: start + 1 };
}
