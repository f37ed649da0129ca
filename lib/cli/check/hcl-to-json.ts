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
import { Node as JsonNode, parseTree } from 'jsonc-parser';
import { SyntaxNode } from './tree-sitter';

/** Where something is: a file (as given) and a 1-based line. */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonBody = { [key: string]: Json };

/** A syntax error the parser recovered from. */
export interface SyntaxProblem extends SourcePlace {
  readonly message: string;
}

/**
 * One Terraform module (a folder): the blocks of all its files, as one JSON configuration, and where each
 * block and attribute was written. Keys of `places`: the block's key (`gitlab_project_access_token.bot`,
 * `data.x.y`, `module.m`, `output.o`, `var.v`, `local.l`), and `<block key>\u0000<attribute path>` for its
 * attributes (`rotation_configuration.expiration_days` for a nested block's).
 */
export class ModuleBuilder {
  public readonly places = new Map<string, SourcePlace>();
  public readonly problems: SyntaxProblem[] = [];
  private readonly parts: Record<'resource' | 'data' | 'module' | 'output' | 'variable' | 'provider' | 'check', JsonBody[]> = {
    resource: [], data: [], module: [], output: [], variable: [], provider: [], check: [],
  };
  private readonly locals: JsonBody = {};
  private readonly terraform: JsonBody = {};

  /** The configuration in the JSON syntax: block maps as lists of one-entry maps, as Terraform allows. */
  public config(): JsonBody {
    const out: JsonBody = {};
    for (const [kind, list] of Object.entries(this.parts)) if (list.length > 0) out[kind] = list;
    if (Object.keys(this.locals).length > 0) out.locals = this.locals;
    if (Object.keys(this.terraform).length > 0) out.terraform = this.terraform;
    return out;
  }

  /** Adds one file's syntax tree. */
  public addFile(file: string, root: SyntaxNode, source: string): void {
    collectErrors(root, file, source, this.problems);
    const comments = commentLines(root, source);
    const lines = source.split('\n');
    for (const body of root.namedChildren.filter((n) => n.type === 'body')) {
      for (const block of body.namedChildren.filter((n) => n.type === 'block')) this.addBlock(file, block, source, comments, lines);
    }
  }

  /** Adds one `*.tf.json` file of the module, placing its blocks and their attributes at their lines. */
  public addJson(file: string, config: Record<string, unknown>, source: string): void {
    const tree = parseTree(source);
    const lineOf = (node: JsonNode) => lineAt(source, node.parent?.type === 'property' ? node.parent.offset : node.offset);
    const children = (node: JsonNode | undefined) => (node?.type === 'object' ? node.children ?? [] : []).map((p) => [String(p.children?.[0]?.value), p.children?.[1]] as const);
    for (const [kind, node] of children(tree)) {
      const value = config[kind] as Json;
      if (kind === 'resource' || kind === 'data') {
        this.parts[kind].push(value as JsonBody);
        for (const [type, typeNode] of children(node)) {
          for (const [name, blockNode] of children(typeNode)) {
            if (!blockNode) continue;
            const key = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
            this.places.set(key, { file, line: lineOf(blockNode) });
            for (const [attr, attrNode] of children(blockNode)) if (attrNode) this.places.set(`${key}\u0000${attr}`, { file, line: lineOf(attrNode) });
          }
        }
      } else if (kind === 'module' || kind === 'output' || kind === 'variable' || kind === 'provider' || kind === 'check') {
        this.parts[kind].push(value as JsonBody);
        for (const [name, blockNode] of children(node)) if (blockNode) this.places.set(`${kind === 'variable' ? 'var' : kind}.${name}`, { file, line: lineOf(blockNode) });
      } else if (kind === 'locals' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        Object.assign(this.locals, value);
      } else if (kind === 'terraform' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        mergeInto(this.terraform, value as JsonBody);
      }
    }
  }

  private addBlock(file: string, block: SyntaxNode, source: string, comments: Map<number, string>, lines: readonly string[]): void {
    const { type, labels, body } = blockParts(block);
    const line = block.startPosition.row + 1;
    const converted = body ? convertBody(body, source) : { json: {}, lines: new Map<string, number>() };
    const place = (key: string) => {
      this.places.set(key, { file, line });
      for (const [attr, at] of converted.lines) this.places.set(`${key}\u0000${attr}`, { file, line: at });
    };
    const suppressions = suppressionComments(block, comments, lines);
    if (suppressions.length > 0) converted.json['//'] = suppressions;
    if ((type === 'resource' || type === 'data') && labels.length === 2) {
      this.parts[type].push({ [labels[0]]: { [labels[1]]: converted.json } });
      place(type === 'data' ? `data.${labels[0]}.${labels[1]}` : `${labels[0]}.${labels[1]}`);
    } else if ((type === 'module' || type === 'output' || type === 'variable' || type === 'check') && labels.length === 1) {
      this.parts[type].push({ [labels[0]]: converted.json });
      place(`${type === 'variable' ? 'var' : type}.${labels[0]}`);
    } else if (type === 'provider' && labels.length === 1) {
      this.parts.provider.push({ [labels[0]]: converted.json });
      place(`provider.${labels[0]}`);
    } else if (type === 'locals') {
      for (const [name, value] of Object.entries(converted.json)) {
        if (name === '//') continue;
        this.locals[name] = value;
        const at = converted.lines.get(name);
        if (at !== undefined) this.places.set(`local.${name}`, { file, line: at });
      }
    } else if (type === 'terraform') {
      mergeInto(this.terraform, converted.json);
      place('terraform');
    }
    // moved, import, removed: nothing the engine judges.
  }
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function mergeInto(target: JsonBody, add: JsonBody): void {
  for (const [key, value] of Object.entries(add)) {
    const had = target[key];
    if (Array.isArray(had) && Array.isArray(value)) target[key] = [...had, ...value];
    else target[key] = value;
  }
}

/**
 * tree-sitter-hcl 1.2.0 reads an exponent only after a decimal point (its numeric_lit is
 * `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?`), while HCL allows `1e3` (hclsyntax spec: NumericLit =
 * decimal+ ("." decimal+)? (expmark decimal+)?). Such a number is reported with the way around it.
 */
const EXPONENT_WITHOUT_POINT = /(^|[^\w.])\d+[eE][-+]?\d/;

function collectErrors(node: SyntaxNode, file: string, source: string, out: SyntaxProblem[]): void {
  if (!node.hasError) return;
  if (node.type === 'ERROR' || node.isMissing) {
    const line = node.startPosition.row + 1;
    const text = node.text.split('\n')[0].slice(0, 40);
    const lines = source.split('\n').slice(Math.max(0, line - 2), line).join('\n');
    const hint = EXPONENT_WITHOUT_POINT.test(lines) ? ' (the HCL parser does not read a number with an exponent and no decimal point, such as 1e3: write 1000 or 1.0e3)' : '';
    out.push({ file, line, message: node.isMissing ? `invalid HCL at line ${line}: missing ${node.type}${hint}` : `invalid HCL at line ${line}: cannot parse ${JSON.stringify(text)}${hint}` });
    return;
  }
  for (const child of node.children) collectErrors(child, file, source, out);
}

const SUPPRESSION_MARK = 'gitlab-identity:';

/**
 * The comments that may be suppressions, by the 0-based row they end on (`#`, `//` and `/* *\/` markers
 * removed), and every comment line right above them (a suppression's reason may go on). Found from the text
 * and confirmed in the tree: walking every node of a large file through WebAssembly would cost more than
 * parsing it.
 */
function commentLines(root: SyntaxNode, source: string): Map<number, string> {
  const out = new Map<number, string>();
  for (let at = source.indexOf(SUPPRESSION_MARK); at !== -1; at = source.indexOf(SUPPRESSION_MARK, at + 1)) {
    const n = root.descendantForIndex(at);
    if (n?.type !== 'comment') continue;
    const text = source.slice(n.startIndex, n.endIndex).replace(/^(#|\/\/)/, '').replace(/^\/\*([\s\S]*)\*\/$/, '$1');
    const row = n.endPosition.row;
    out.set(row, out.has(row) && out.get(row) !== text ? `${out.get(row)} ${text}` : text);
  }
  return out;
}

/**
 * `# gitlab-identity:ignore GLID-014 <reason>` on the block's first line, or in the comment lines right
 * above it (no blank line between): the engine reads them as the block's `//` comments.
 */
function suppressionComments(block: SyntaxNode, comments: Map<number, string>, lines: readonly string[]): string[] {
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

function blockParts(block: SyntaxNode): { type: string; labels: string[]; body: SyntaxNode | undefined } {
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
 * A block body: attributes by name, nested blocks as lists of bodies (`rotation_configuration { }` →
 * `"rotation_configuration": [{...}]`), labelled ones (`dynamic "x" { }`) as maps by label.
 */
function convertBody(body: SyntaxNode, source: string, prefix = ''): { json: JsonBody; lines: Map<string, number> } {
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

/** An expression node as a JSON-syntax value (see the file comment). */
export function expressionToJson(expr: SyntaxNode, source: string): Json {
  const parts = expr.namedChildren.filter((n) => n.type !== 'comment');
  if (parts.length === 1) {
    const only = parts[0];
    if (only.type === 'literal_value') return literalToJson(only, source);
    if (only.type === 'collection_value') {
      const collection = collectionToJson(only.namedChildren[0], source);
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
      return Number.isFinite(Number(value.text)) ? Number(value.text) : `\${${value.text}}`;
    case 'bool_lit':
      return value.text === 'true';
    case 'null_lit':
      return null;
    default:
      return templateToJson(value, source);
  }
}

/** A tuple or an object as JSON; undefined when an object key is an expression (then the whole is one). */
function collectionToJson(node: SyntaxNode, source: string): Json | undefined {
  if (node.type === 'tuple') return node.namedChildren.filter((n) => n.type === 'expression').map((e) => expressionToJson(e, source));
  if (node.type !== 'object') return undefined;
  const out: JsonBody = {};
  for (const elem of node.namedChildren.filter((n) => n.type === 'object_elem')) {
    const [keyExpr, valueExpr] = elem.namedChildren.filter((n) => n.type === 'expression');
    const key = objectKey(keyExpr);
    if (key === undefined || valueExpr === undefined) return undefined;
    out[key] = expressionToJson(valueExpr, source);
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
