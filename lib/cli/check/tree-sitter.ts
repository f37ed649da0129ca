/**
 * The HCL parser: tree-sitter's HCL grammar (github.com/tree-sitter-grammars/tree-sitter-hcl, the grammar
 * editors use for Terraform) run by web-tree-sitter, both from the npm registry. Chosen over the
 * hcl2json packages (cdktf's and CDK Terrain's, HashiCorp's own parser compiled to WebAssembly) because
 * `check` needs what those drop: the line of every block and attribute (for findings GitLab places in the
 * merge request) and the comments (for `# gitlab-identity:ignore`). It also recovers from syntax errors
 * with their positions, and needs no native build: both packages ship WebAssembly.
 *
 * Only the few calls used here are typed: web-tree-sitter publishes its types through package `exports`,
 * which the classic `node` module resolution of a cdktf project's tsconfig does not read.
 */
import * as fs from 'fs';
import { CliError } from '../cli-error';

export interface SyntaxPoint {
  readonly row: number;
  readonly column: number;
}

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: SyntaxPoint;
  readonly endPosition: SyntaxPoint;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  descendantForIndex(index: number): SyntaxNode | null;
}

interface Tree {
  readonly rootNode: SyntaxNode;
  delete(): void;
}

interface TreeSitterParser {
  setLanguage(language: unknown): void;
  parse(text: string): Tree | null;
}

interface WebTreeSitter {
  readonly Parser: { init(): Promise<void>; new (): TreeSitterParser };
  readonly Language: { load(bytes: Uint8Array): Promise<unknown> };
}

const GRAMMAR_PACKAGE = '@tree-sitter-grammars/tree-sitter-hcl';

let ready: Promise<TreeSitterParser> | undefined;

async function load(): Promise<TreeSitterParser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('web-tree-sitter') as WebTreeSitter;
  let grammar: string;
  try {
    grammar = require.resolve(`${GRAMMAR_PACKAGE}/tree-sitter-hcl.wasm`);
  } catch {
    // An optional dependency: its install (a native build where no prebuilt binary exists) may have failed.
    throw new CliError(`reading HCL needs the package ${GRAMMAR_PACKAGE}, which is not installed; run 'npm install ${GRAMMAR_PACKAGE}' (cdk.tf.json files and plans are read without it)`);
  }
  await ts.Parser.init();
  // The bytes, not the path: given a path, web-tree-sitter reads it through a dynamic import() of
  // fs/promises, which a CommonJS host without ES module support (a jest vm context) cannot run.
  const language = await ts.Language.load(fs.readFileSync(grammar));
  const parser = new ts.Parser();
  parser.setLanguage(language);
  return parser;
}

/** The parser, loaded once per process. */
export function hclParser(): Promise<TreeSitterParser> {
  ready ??= load();
  return ready;
}

/** Parses HCL text; the caller reads the tree and must not keep nodes after `use` returns. */
export async function withHclTree<T>(text: string, use: (root: SyntaxNode) => T): Promise<T> {
  const parser = await hclParser();
  const tree = parser.parse(text);
  if (tree === null) throw new CliError('the HCL parser returned no tree');
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}
