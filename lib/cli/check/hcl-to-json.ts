/**
 * HCL (native syntax) to the Terraform JSON syntax the policy engine reads, with the line of every block and
 * attribute. The engine evaluates JSON-syntax strings as templates, so the conversion is by source text:
 * - a literal (string without template sequences, number, bool, null) becomes the JSON value;
 * - tuples and objects become JSON arrays and objects, element by element;
 * - a quoted template becomes its template text (escapes decoded in literal parts, `${...}` and `%{...}`
 *   kept as written), a heredoc its body (with `<<-` indentation removed);
 * - any other expression becomes `"${<its source text>}"`, which Terraform's JSON syntax reads as that
 *   same expression.
 * Reference: https://developer.hashicorp.com/terraform/language/syntax/json (expression mapping).
 */
import { exactNumber } from '../../core';
import { SyntaxNode } from './tree-sitter';

/** Where something is: a file (as given) and a 1-based line. */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonBody = { [key: string]: Json };

/** A syntax error the parser recovered from. */
export interface SyntaxProblem extends SourcePlace {
  readonly message: string;
  /** For a form Terraform refuses in a block it can otherwise read: the block's address, the attribute and the fix. */
  readonly address?: string;
  readonly attribute?: string;
  readonly fix?: string;
}

/** Offsets where each line of `text` starts: computed once per text (see lineAt). */
const lineStarts = new WeakMap<object, number[]>();
const starts = (key: object, text: string): number[] => {
  let found = lineStarts.get(key);
  if (!found) {
    found = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    lineStarts.set(key, found);
  }
  return found;
};

/**
 * The 1-based line of a character offset. `lines` is an object that stands for the text (its parse tree,
 * say), under which the line starts are kept, so that many lookups in one large file cost a search each.
 */
export function lineAt(text: string, offset: number, key: object = { text }): number {
  const found = starts(key, text);
  let lo = 0;
  let hi = found.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (found[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}


/**
 * tree-sitter-hcl 1.2.0 reads an exponent only after a decimal point (its numeric_lit is
 * `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?`), while HCL allows `1e3` (hclsyntax spec: NumericLit =
 * decimal+ ("." decimal+)? (expmark decimal+)?). Such a number is reported with the way around it.
 */
const EXPONENT_WITHOUT_POINT = /(^|[^\w.])\d+[eE][-+]?\d/;

export function collectErrors(node: SyntaxNode, file: string, lines: readonly string[], out: SyntaxProblem[]): void {
  if (!node.hasError) return;
  if (node.type === 'ERROR' || node.isMissing) {
    let line = node.startPosition.row + 1;
    const text = node.text.split('\n')[0].slice(0, 40);
    // The parser stops after the number, often on the next line: the number's own line is the one to show.
    const exponentAt = [line - 1, line - 2].find((row) => row >= 0 && EXPONENT_WITHOUT_POINT.test(lines[row] ?? ''));
    if (exponentAt !== undefined) line = exponentAt + 1;
    const hint = exponentAt !== undefined ? ' (the HCL parser does not read a number with an exponent and no decimal point, such as 1e3: write 1000 or 1.0e3)' : '';
    // `1e3` is valid HCL that the parser here does not read: Terraform takes the file, the checks cannot.
    const consequence = `; ${exponentAt !== undefined ? 'Terraform reads it, but' : 'Terraform refuses the file, and'} the checks cannot judge what they cannot read.`;
    out.push({
      file, line,
      // The line is the finding's location, not part of its message: reports fingerprint the message, and a
      // finding must stay the same when lines are added above it.
      message: `${node.isMissing ? `invalid HCL: missing ${node.type}` : `invalid HCL: cannot parse ${JSON.stringify(text)}`}${hint}${consequence}`,
    });
    return;
  }
  for (const child of node.children) collectErrors(child, file, lines, out);
}

export const SUPPRESSION_MARK = 'gitlab-identity:';

/**
 * The comments that may be suppressions, by the 0-based row they end on (`#`, `//` and `/* *\/` markers
 * removed), and every comment line right above them (a suppression's reason may go on). Found from the text
 * and confirmed in the tree: walking every node of a large file through WebAssembly would cost more than
 * parsing it.
 */
export function commentLines(root: SyntaxNode, source: string): Map<number, string> {
  const out = new Map<number, string>();
  for (let at = source.indexOf(SUPPRESSION_MARK); at !== -1; at = source.indexOf(SUPPRESSION_MARK, at + 1)) {
    const n = root.descendantForIndex(at);
    if (n?.type !== 'comment') continue;
    // `/* ... */` over several lines: its lines joined, each without the ` * ` a block comment's lines start with.
    const text = source.slice(n.startIndex, n.endIndex).replace(/^(#|\/\/)/, '').replace(/^\/\*([\s\S]*)\*\/$/, '$1')
      .split('\n').map((l) => l.replace(/^\s*\*(?!\/)\s?/, '').trim()).filter((l) => l !== '').join(' ');
    const row = n.endPosition.row;
    out.set(row, out.has(row) && out.get(row) !== text ? `${out.get(row)} ${text}` : text);
  }
  return out;
}

/**
 * `# gitlab-identity:ignore GLID-014 <reason>` on the block's first line, or in the comment lines right
 * above it (no blank line between): the engine reads them as the block's `//` comments.
 */
export function suppressionComments(block: SyntaxNode, comments: Map<number, string>, lines: readonly string[]): string[] {
  const found: string[] = [];
  const header = block.startPosition.row;
  const onHeader = comments.get(header);
  if (onHeader !== undefined) found.push(onHeader);
  // Up through the comment lines right above the block (no blank line or code between).
  for (let row = header - 1; row >= 0 && COMMENT_LINE.test(lines[row]); row--) {
    const comment = comments.get(row);
    if (comment !== undefined) found.push(comment);
  }
  return found.map((c) => c.trim()).filter((c) => c.startsWith(SUPPRESSION_MARK));
}

const COMMENT_LINE = /^\s*(#|\/\/|\/\*|\*)/;

export function blockParts(block: SyntaxNode): { type: string; labels: string[]; body: SyntaxNode | undefined } {
  let type = '';
  const labels: string[] = [];
  let body: SyntaxNode | undefined;
  for (const c of block.namedChildren) {
    if (c.type === 'identifier' && type === '') type = c.text;
    else if (c.type === 'identifier') labels.push(c.text);
    else if (c.type === 'string_lit') labels.push(decodeEscapes(c.namedChildren.filter((p) => p.type === 'template_literal').map((p) => p.text).join('')));
    else if (c.type === 'body') body = c;
  }
  return { type, labels, body };
}

/**
 * A block body: attributes by name, a nested block as an object (several of one type as a list of them:
 * `lifecycle { }` → `"lifecycle": {...}`), labelled ones (`dynamic "x" { }`) as maps by label.
 */
export function convertBody(body: SyntaxNode, source: string, prefix = ''): { json: JsonBody; lines: Map<string, number> } {
  const json: JsonBody = {};
  const lines = new Map<string, number>();
  for (const item of body.namedChildren) {
    if (item.type === 'attribute') {
      const name = item.namedChildren[0].text;
      const value = item.namedChildren.find((n) => n.type === 'expression');
      json[name] = value ? expressionToJson(value, source) : null;
      lines.set(`${prefix}${name}`, item.startPosition.row + 1);
    } else if (item.type === 'block') {
      const { type, labels, body: inner } = blockParts(item);
      const path = `${prefix}${type}${labels.length > 0 ? `.${labels.join('.')}` : ''}`;
      const converted = inner ? convertBody(inner, source, `${path}.`) : { json: {}, lines: new Map<string, number>() };
      lines.set(path, item.startPosition.row + 1);
      for (const [k, v] of converted.lines) lines.set(k, v);
      if (labels.length === 0) {
        // One block is an object, several a list: as Terraform's JSON syntax writes them (and as readers of
        // lifecycle or required_providers expect an object).
        const had = json[type];
        json[type] = had === undefined ? converted.json : Array.isArray(had) ? [...had, converted.json] : [had, converted.json];
      } else {
        const map = json[type] !== null && typeof json[type] === 'object' && !Array.isArray(json[type]) ? (json[type] as JsonBody) : {};
        map[labels.join('.')] = converted.json;
        json[type] = map;
      }
    }
  }
  return { json, lines };
}

/** Collections nested deeper than this stay one expression: the engine evaluates it, or refuses it, itself. */
const MAX_NESTING = 32;

/** An expression node as a JSON-syntax value (see the file comment). */
export function expressionToJson(expr: SyntaxNode, source: string, depth = 0): Json {
  const parts = expr.namedChildren.filter((n) => n.type !== 'comment');
  if (parts.length === 1 && depth < MAX_NESTING) {
    const only = parts[0];
    if (only.type === 'literal_value') return literalToJson(only, source);
    if (only.type === 'collection_value') {
      const collection = collectionToJson(only.namedChildren[0], source, depth + 1);
      if (collection !== undefined) return collection;
    }
    if (only.type === 'template_expr') return templateToJson(only.namedChildren[0], source);
  }
  return `\${${source.slice(expr.startIndex, expr.endIndex)}}`;
}

function literalToJson(literal: SyntaxNode, source: string): Json {
  const value = literal.namedChildren[0];
  switch (value.type) {
    case 'numeric_lit':
      // A number a double does not hold as written (9007199254740993) stays an expression: the evaluator leaves it unknown.
      return exactNumber(value.text) ?? `\${${value.text}}`;
    case 'bool_lit':
      return value.text === 'true';
    case 'null_lit':
      return null;
    default:
      return templateToJson(value, source);
  }
}

/** A tuple or an object as JSON; undefined when an object key is an expression (then the whole is one). */
function collectionToJson(node: SyntaxNode, source: string, depth: number): Json | undefined {
  if (node.type === 'tuple') return node.namedChildren.filter((n) => n.type === 'expression').map((e) => expressionToJson(e, source, depth));
  if (node.type !== 'object') return undefined;
  const out: JsonBody = {};
  for (const elem of node.namedChildren.filter((n) => n.type === 'object_elem')) {
    const [keyExpr, valueExpr] = elem.namedChildren.filter((n) => n.type === 'expression');
    const key = objectKey(keyExpr);
    if (key === undefined || valueExpr === undefined) return undefined;
    out[key] = expressionToJson(valueExpr, source, depth);
  }
  return out;
}

/** `name = ...` or `"name" = ...`; undefined for a computed key `(var.k) = ...`. */
function objectKey(expr: SyntaxNode): string | undefined {
  const parts = expr.namedChildren;
  if (parts.length !== 1) return undefined;
  const only = parts[0];
  if (only.type === 'variable_expr') return only.text;
  if (only.type === 'literal_value' && only.namedChildren[0]?.type === 'string_lit') {
    const pieces = only.namedChildren[0].namedChildren;
    if (pieces.every((p) => p.type !== 'template_interpolation' && p.type !== 'template_directive')) {
      return decodeEscapes(pieces.filter((p) => p.type === 'template_literal').map((p) => p.text).join(''));
    }
  }
  return undefined;
}

/** A quoted template or heredoc as JSON-syntax template text. */
function templateToJson(template: SyntaxNode, source: string): string {
  if (template.type === 'heredoc_template') return heredocText(template, source);
  let out = '';
  for (const piece of template.namedChildren) {
    if (piece.type === 'template_literal') out += decodeEscapes(piece.text);
    else if (piece.type === 'template_interpolation' || piece.type === 'template_directive') out += source.slice(piece.startIndex, piece.endIndex);
  }
  return out;
}

/** The body of a heredoc as written (heredocs have no backslash escapes); `<<-` removes the common indentation. */
function heredocText(heredoc: SyntaxNode, source: string): string {
  const start = heredoc.namedChildren.find((n) => n.type === 'heredoc_start');
  const identifiers = heredoc.namedChildren.filter((n) => n.type === 'heredoc_identifier');
  const close = identifiers[identifiers.length - 1];
  const bodyStart = source.indexOf('\n', identifiers[0]?.endIndex ?? heredoc.startIndex) + 1;
  const bodyEnd = close && identifiers.length > 1 ? source.lastIndexOf('\n', close.startIndex) + 1 : heredoc.endIndex;
  const body = bodyStart > 0 && bodyEnd >= bodyStart ? source.slice(bodyStart, bodyEnd) : '';
  if (!start?.text.includes('-')) return body;
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join('\n');
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** HCL's escapes in a quoted string's literal parts: \n \r \t \" \\ \uNNNN \UNNNNNNNN (`$${` stays: JSON keeps it). */
function decodeEscapes(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (whole, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? whole;
  });
}
