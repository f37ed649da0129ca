/**
 * One Terraform module (a folder) as one configuration in the JSON syntax, built file by file, with the line
 * of every block and attribute. As Terraform loads a module: override files (`override.tf`, `*_override.tf`)
 * are merged into the blocks they override, attribute by attribute (a nested block type replaces all the
 * original's of that type); a root module's variable files (terraform.tfvars, *.auto.tfvars) set its
 * variables. Reference: https://developer.hashicorp.com/terraform/language/files/override and
 * https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files
 *
 * Keys of `places`: the block's key (`gitlab_project_access_token.bot`, `data.x.y`, `module.m`, `output.o`,
 * `var.v`, `local.l`, `terraform`), and `<block key>\u0000<attribute path>` for its attributes
 * (`rotation_configuration.expiration_days` for a nested block's).
 */
import { Node as JsonNode, parseTree } from 'jsonc-parser';
import {
  Json, JsonBody, SourcePlace, SyntaxProblem, blockParts, collectErrors, commentLines, convertBody, expressionToJson, lineAt, suppressionComments,
} from './hcl-to-json';
import { hasExpression, objectAttributesOf, parseIgnoreComment } from '../../core';
import { SyntaxNode } from './tree-sitter';

type Kind = 'resource' | 'data' | 'module' | 'output' | 'variable' | 'provider' | 'check';
const KINDS: readonly Kind[] = ['resource', 'data', 'module', 'output', 'variable', 'provider', 'check'];

/** One block: where it goes in the JSON syntax (`resource` → type → name), its body, and its key in `places`. */
interface Block {
  readonly kind: Kind;
  readonly labels: readonly string[];
  body: JsonBody;
}

const isBody = (v: unknown): v is JsonBody => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (kind: Kind, labels: readonly string[]) =>
  kind === 'resource' ? labels.join('.') : kind === 'data' ? `data.${labels.join('.')}` : `${kind === 'variable' ? 'var' : kind}.${labels.join('.')}`;


export class ModuleBuilder {
  public readonly places = new Map<string, SourcePlace>();
  public readonly problems: SyntaxProblem[] = [];
  private readonly blocks: Block[] = [];
  private readonly byKey = new Map<string, Block>();
  private readonly locals: JsonBody = {};
  private readonly terraform: JsonBody = {};
  /** Values of variable files, by variable. */
  private readonly vars = new Map<string, Json>();
  /** Suppressions on the terraform block: they cover the whole module (as a stack-wide suppression). */
  private readonly moduleSuppressions: string[] = [];

  /**
   * The configuration. `stack` names the module for its stack-wide suppressions; `root`: variable files
   * apply (Terraform loads them for the root module only).
   */
  public config(options: { stack?: string; root?: boolean } = {}): JsonBody {
    const out: JsonBody = {};
    for (const kind of KINDS) {
      const list = this.blocks.filter((b) => b.kind === kind).map((b) => this.entry(b, options.root === true));
      if (list.length > 0) out[kind] = list;
    }
    if (Object.keys(this.locals).length > 0) out.locals = this.locals;
    if (Object.keys(this.terraform).length > 0) out.terraform = this.terraform;
    if (this.moduleSuppressions.length > 0 && options.stack !== undefined) {
      const stack = options.stack;
      // A comment that is not a suppression keeps its text as the rule: the engine reports it as ignored.
      out['//'] = { 'gitlab-identity': { suppressions: this.moduleSuppressions.map((text) => ({ ...(parseIgnoreComment(text) ?? { id: text, reason: '' }), scope: stack })) } };
    }
    return out;
  }

  /** The module calls, by name (what `config()` would list under `module`, without building the rest). */
  public moduleCalls(): [string, JsonBody][] {
    return this.blocks.filter((b) => b.kind === 'module').map((b) => [b.labels[0], b.body]);
  }

  private entry(b: Block, root: boolean): JsonBody {
    const name = b.labels[b.labels.length - 1];
    // A root module's variable set by a variable file: that value is the one Terraform uses.
    const set = root && b.kind === 'variable' && this.vars.has(name) ? { ...b.body, default: this.vars.get(name) as Json } : b.body;
    const body = b.kind === 'variable' ? withReadableDefault(set) : set;
    return b.labels.length === 2 ? { [b.labels[0]]: { [name]: body } } : { [name]: body };
  }

  /** Adds a block, or merges an override into the block it overrides. */
  private add(kind: Kind, labels: readonly string[], body: JsonBody, override: boolean): void {
    const key = keyOf(kind, labels);
    const original = override ? this.byKey.get(key) : undefined;
    if (original) {
      original.body = { ...original.body, ...body };
      return;
    }
    const block: Block = { kind, labels, body };
    this.blocks.push(block);
    if (!this.byKey.has(key)) this.byKey.set(key, block);
  }

  private placeBlock(key: string, file: string, line: number, attributes: ReadonlyMap<string, number>): void {
    this.places.set(key, { file, line });
    for (const [attr, at] of attributes) this.places.set(`${key}\u0000${attr}`, { file, line: at });
  }

  /** Adds one HCL file's syntax tree. */
  public addFile(file: string, root: SyntaxNode, source: string, override = false): void {
    const lines = source.split('\n');
    collectErrors(root, file, lines, this.problems);
    const comments = commentLines(root, source);
    for (const body of root.namedChildren.filter((n) => n.type === 'body')) {
      for (const block of body.namedChildren.filter((n) => n.type === 'block')) this.addBlock(file, block, source, comments, lines, override);
    }
  }

  /**
   * `rotation_configuration { ... }` on a token type whose rotation_configuration is an attribute: the JSON
   * the checks read would hide it (both are an object there), so it is reported where it is written, and
   * left out of the configuration judged. Terraform refuses such a block ("Unsupported block type"), except
   * where an override file overrides the resource: merging decodes both bodies partially
   * (configs/module_merge_body.go), which drops the block without a word; the token then keeps the
   * attribute another file sets, or has no rotation.
   */
  private attributesWrittenAsBlocks(file: string, labels: readonly string[], body: SyntaxNode, json: JsonBody): void {
    const attributes = objectAttributesOf(labels[0]);
    for (const item of body.namedChildren) {
      if (item.type !== 'block') continue;
      const { type } = blockParts(item);
      if (!attributes.includes(type)) continue;
      delete json[type];
      this.problems.push({
        file, line: item.startPosition.row + 1, address: labels.join('.'), attribute: type,
        message: `${type} is written as a block, which Terraform refuses ("Unsupported block type"), or drops without a word where an ` +
          `override file overrides the resource (the token then keeps the ${type} another file sets as an attribute, or has none): ` +
          'in GitLab provider 18.x it is an attribute.',
        fix: `Write it as an attribute, with "=": ${type} = { expiration_days = 30, rotate_before_days = 7 }.`,
      });
    }
  }

  private addBlock(file: string, node: SyntaxNode, source: string, comments: Map<number, string>, lines: readonly string[], override: boolean): void {
    const { type, labels, body } = blockParts(node);
    const line = node.startPosition.row + 1;
    const converted = body ? convertBody(body, source) : { json: {}, lines: new Map<string, number>() };
    const suppressions = suppressionComments(node, comments, lines);
    const kind = KINDS.find((k) => k === type);
    if (kind && labels.length === (kind === 'resource' || kind === 'data' ? 2 : 1)) {
      if (kind === 'resource' && body) this.attributesWrittenAsBlocks(file, labels, body, converted.json);
      if (suppressions.length > 0) converted.json['//'] = suppressions;
      this.add(kind, labels, converted.json, override);
      this.placeBlock(keyOf(kind, labels), file, line, converted.lines);
    } else if (type === 'locals') {
      for (const [name, value] of Object.entries(converted.json)) {
        this.locals[name] = value;
        const at = converted.lines.get(name);
        if (at !== undefined) this.places.set(`local.${name}`, { file, line: at });
      }
    } else if (type === 'terraform') {
      mergeInto(this.terraform, converted.json);
      this.moduleSuppressions.push(...suppressions);
      this.placeBlock('terraform', file, line, converted.lines);
    }
    // moved, import, removed: nothing the engine judges.
  }

  /**
   * Adds one `*.tf.json` file, placing its blocks and their attributes at their lines. Block maps may be
   * split into lists at any level, as the JSON syntax allows (`"resource": [{...}]`, `"type": [{...}]`).
   */
  public addJson(file: string, config: Record<string, unknown>, source: string, override = false): void {
    const tree = parseTree(source);
    const linesKey = tree ?? {};
    const lineOf = (node: JsonNode) => lineAt(source, node.parent?.type === 'property' ? node.parent.offset : node.offset, linesKey);
    /** The properties of an object node, or of every object in a list node. */
    const entries = (node: JsonNode | undefined): [string, JsonNode | undefined][] => {
      if (node?.type === 'array') return (node.children ?? []).flatMap(entries);
      return (node?.type === 'object' ? node.children ?? [] : []).map((p) => [String(p.children?.[0]?.value), p.children?.[1]]);
    };
    /** The same, over the parsed values (for bodies). */
    const values = (value: unknown): [string, unknown][] => (Array.isArray(value) ? value.flatMap(values) : isBody(value) ? Object.entries(value) : []);
    const placeBody = (key: string, node: JsonNode) => {
      this.places.set(key, { file, line: lineOf(node) });
      for (const [attr, attrNode] of entries(node)) if (attrNode) this.places.set(`${key}\u0000${attr}`, { file, line: lineOf(attrNode) });
    };
    for (const [kind, node] of entries(tree)) {
      const value = config[kind];
      if (kind === 'resource' || kind === 'data') {
        for (const [type, typeValue] of values(value)) for (const [name, body] of values(typeValue)) if (isBody(body)) this.add(kind, [type, name], body, override);
        for (const [type, typeNode] of entries(node)) for (const [name, blockNode] of entries(typeNode)) if (blockNode) placeBody(keyOf(kind, [type, name]), blockNode);
      } else if (KINDS.some((k) => k === kind)) {
        const k = kind as Kind;
        for (const [name, body] of values(value)) if (isBody(body)) this.add(k, [name], body, override);
        for (const [name, blockNode] of entries(node)) if (blockNode) placeBody(keyOf(k, [name]), blockNode);
      } else if (kind === 'locals') {
        for (const [name, local] of values(value)) this.locals[name] = local as Json;
      } else if (kind === 'terraform' && isBody(value)) {
        mergeInto(this.terraform, value);
      }
    }
  }

  /** A variable file in HCL (`role = "owner"`): constant values of the root module's variables. */
  public addVars(file: string, root: SyntaxNode, source: string): void {
    collectErrors(root, file, source.split('\n'), this.problems);
    for (const body of root.namedChildren.filter((n) => n.type === 'body')) {
      for (const item of body.namedChildren.filter((n) => n.type === 'attribute')) {
        const kids = item.namedChildren;
        const value = kids.find((n) => n.type === 'expression');
        if (value) this.vars.set(kids[0].text, expressionToJson(value, source));
      }
    }
  }

  /** A variable file in JSON. */
  public addVarsJson(_file: string, values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) this.vars.set(name, value as Json);
  }
}

/** Merges a later `terraform` block into the earlier ones (lists are joined). */
function mergeInto(target: JsonBody, add: JsonBody): void {
  for (const [key, value] of Object.entries(add)) {
    const had = target[key];
    if (Array.isArray(had) && Array.isArray(value)) target[key] = [...had, ...value];
    else target[key] = value;
  }
}

/**
 * A variable's default (or the value a variable file sets) that is not a literal, such as 2 * 3 or a number
 * a double does not hold (9007199254740993), is left out: Terraform JSON reads a default literally, so the
 * expression text would be judged as the value. Without it the variable has no value the checks know, and an
 * attribute that decides privilege from it fails closed (GLID-022).
 */
function withReadableDefault(body: JsonBody): JsonBody {
  if (!('default' in body) || !hasExpression(body.default)) return body;
  const rest = { ...body };
  delete rest.default;
  return rest;
}
