/**
 * What `check` reads, found from its PATH arguments: a cdktf.out folder (every stacks/<name>/cdk.tf.json), a
 * folder of Terraform (each folder with *.tf or *.tf.json files is one module; sub-folders are read too,
 * `.terraform/` is skipped), a single file, or a plan saved by `terraform show -json` (told by its content).
 * Unreadable input is a CliError naming the file: one line on stderr, exit 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CliError } from '../cli-error';

/** Larger files are refused: a Terraform module this size is not written by hand, and reading it would take the memory of many. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export type Source =
  /** One module: the HCL and JSON files of one folder. */
  | { readonly kind: 'module'; readonly name: string; readonly files: readonly string[] }
  /** A stack cdktf synthesized. */
  | { readonly kind: 'cdktf-stack'; readonly name: string; readonly file: string }
  /** `terraform show -json` output. */
  | { readonly kind: 'plan'; readonly name: string; readonly file: string };

const SKIPPED_FOLDERS = new Set(['.terraform', '.git', 'node_modules']);
const isTerraformFile = (name: string) => name.endsWith('.tf') || name.endsWith('.tf.json');

/** `file` relative to the current directory, with `/` separators (how reports name files). */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

function statOf(location: string): fs.Stats {
  try {
    return fs.statSync(location);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new CliError(`${location}: a symbolic link loop`);
    throw new CliError(`${location}: no such file or folder`);
  }
}

/** The text of a file, refused when it is too large or unreadable. */
export function readText(file: string): string {
  const stat = statOf(file);
  if (stat.size > MAX_FILE_BYTES) {
    throw new CliError(`${displayPath(file)}: ${(stat.size / 2 ** 20).toFixed(0)} MB, more than the ${MAX_FILE_BYTES / 2 ** 20} MB check reads; check the module's own files instead`);
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${displayPath(file)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A plan saved by `terraform show -json`: it has a format version and planned values or resource changes. */
export function looksLikePlan(json: unknown): boolean {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  return typeof record.format_version === 'string' && ('planned_values' in record || 'resource_changes' in record);
}

function fileSource(file: string): Source {
  const name = displayPath(file);
  if (file.endsWith('.tf')) return { kind: 'module', name, files: [file] };
  const base = path.basename(file);
  if (base === 'cdk.tf.json') return { kind: 'cdktf-stack', name: path.basename(path.dirname(path.resolve(file))), file };
  if (file.endsWith('.tf.json')) return { kind: 'module', name, files: [file] };
  if (file.endsWith('.json')) return { kind: 'plan', name, file };
  throw new CliError(`${name}: not Terraform (expected a .tf, .tf.json or cdk.tf.json file, a plan from 'terraform show -json', or a folder)`);
}

/** Every module under `root`: folders holding Terraform files, sub-folders included, each folder once. */
function moduleSources(root: string): Source[] {
  const found: Source[] = [];
  const seen = new Set<string>();
  const visit = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      throw new CliError(`${displayPath(dir)}: a symbolic link loop or a link to nothing`);
    }
    if (seen.has(real)) return; // a link back to a folder already read
    seen.add(real);
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files = entries.filter((e) => isTerraformFile(e.name) && (e.isFile() || (e.isSymbolicLink() && statOf(path.join(dir, e.name)).isFile())))
      .map((e) => path.join(dir, e.name));
    if (files.length > 0) found.push({ kind: 'module', name: displayPath(dir), files });
    for (const e of entries) {
      if (SKIPPED_FOLDERS.has(e.name)) continue;
      const child = path.join(dir, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && statOf(child).isDirectory())) visit(child);
    }
  };
  visit(root);
  return found;
}

/** cdktf.out: every stacks/<name>/cdk.tf.json. */
function cdktfStacks(dir: string): Source[] | undefined {
  const stacks = path.join(dir, 'stacks');
  if (!fs.existsSync(path.join(dir, 'manifest.json')) && !fs.existsSync(stacks)) return undefined;
  if (!fs.existsSync(stacks)) return undefined;
  return fs.readdirSync(stacks, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(stacks, d.name, 'cdk.tf.json')))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => ({ kind: 'cdktf-stack' as const, name: d.name, file: path.join(stacks, d.name, 'cdk.tf.json') }));
}

/** The sources at every location, in argument order. */
export function readSources(locations: readonly string[]): Source[] {
  const sources: Source[] = [];
  for (const location of locations) {
    const stat = statOf(location);
    if (stat.isFile()) {
      sources.push(fileSource(location));
      continue;
    }
    const found = cdktfStacks(location) ?? moduleSources(location);
    if (found.length === 0) {
      throw new CliError(`${displayPath(location)}: holds no Terraform (no *.tf, *.tf.json or stacks/*/cdk.tf.json files)`);
    }
    sources.push(...found);
  }
  return sources;
}
