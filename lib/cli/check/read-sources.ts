/**
 * What `check` reads, found from its PATH arguments: a cdktf.out folder (every stacks/<name>/cdk.tf.json), a
 * folder of Terraform (each folder with *.tf or *.tf.json files is one module; sub-folders are read too,
 * `.terraform/` is skipped, a cdktf.out inside is read as one), a single file, or a plan saved by
 * `terraform show -json` (told by its content). A `.tf` or `.tf.json` file given alone is read with the rest
 * of its folder, as Terraform reads it (a reference to a resource of another file would otherwise be
 * unknown), and only the findings in the files given are reported. Each file is read once, whatever the
 * arguments repeat. Unreadable input is a CliError naming the file: one line on stderr, exit 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CliError } from '../cli-error';

/** Larger files are refused: a Terraform module this size is not written by hand, and reading it would take the memory of many. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export type Source =
  /**
   * One module: the HCL and JSON files of one folder, and its variable files. `only`: report findings in
   * these files alone (files given one by one); findings in modules it calls are reported too.
   */
  | { readonly kind: 'module'; readonly name: string; readonly dir: string; readonly files: readonly string[]; readonly varFiles: readonly string[]; readonly only?: readonly string[] }
  /** A stack cdktf synthesized. */
  | { readonly kind: 'cdktf-stack'; readonly name: string; readonly file: string }
  /** A JSON file given alone: a plan from `terraform show -json`, or a configuration in the JSON syntax. */
  | { readonly kind: 'json'; readonly name: string; readonly file: string };

const SKIPPED_FOLDERS = new Set(['.terraform', '.git', 'node_modules']);
export const isTerraformFile = (name: string): boolean => name.endsWith('.tf') || name.endsWith('.tf.json');
/** Variable files Terraform loads by itself in a root module (terraform.tfvars, *.auto.tfvars, and their .json forms). */
export const isAutoVarFile = (name: string): boolean => /^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/.test(name);

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
    if (code === 'EACCES') throw new CliError(`${location}: cannot be read (permission denied)`);
    throw new CliError(`${location}: no such file or folder`);
  }
}

function listFolder(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw new CliError(`${displayPath(dir)}: the folder cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The text of a file, refused when it is too large or unreadable. A byte-order mark is dropped, and UTF-16
 * (what Windows PowerShell's `>` writes) is decoded.
 */
export function readText(file: string): string {
  const stat = statOf(file);
  if (!stat.isFile()) throw new CliError(`${displayPath(file)}: not a regular file`);
  if (stat.size > MAX_FILE_BYTES) {
    throw new CliError(`${displayPath(file)}: ${(stat.size / 2 ** 20).toFixed(0)} MB, more than the ${MAX_FILE_BYTES / 2 ** 20} MB check reads; check the module's own files instead`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CliError(`${displayPath(file)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A plan saved by `terraform show -json`: it has a format version and planned values or resource changes. */
export function looksLikePlan(json: unknown): boolean {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  return typeof record.format_version === 'string' && ('planned_values' in record || 'resource_changes' in record);
}

/** The module a folder holds: its Terraform files and variable files. */
function folderModule(dir: string, only?: readonly string[]): Source | undefined {
  const entries = listFolder(dir);
  const isFile = (e: fs.Dirent) => e.isFile() || (e.isSymbolicLink() && statOf(path.join(dir, e.name)).isFile());
  const files = entries.filter((e) => isTerraformFile(e.name) && isFile(e)).map((e) => path.join(dir, e.name));
  if (files.length === 0) return undefined;
  const varFiles = entries.filter((e) => isAutoVarFile(e.name) && isFile(e)).map((e) => path.join(dir, e.name));
  return { kind: 'module', name: displayPath(dir), dir, files, varFiles, ...(only ? { only } : {}) };
}

/** cdktf.out (its manifest and stacks/): every stacks/<name>/cdk.tf.json. */
function cdktfStacks(dir: string): Source[] | undefined {
  const stacks = path.join(dir, 'stacks');
  if (!fs.existsSync(path.join(dir, 'manifest.json')) && path.basename(dir) !== 'cdktf.out') return undefined;
  if (!fs.existsSync(stacks) || !fs.statSync(stacks).isDirectory()) return undefined;
  return listFolder(stacks)
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(stacks, d.name, 'cdk.tf.json')))
    .map((d) => ({ kind: 'cdktf-stack' as const, name: d.name, file: path.join(stacks, d.name, 'cdk.tf.json') }));
}

/** Every module under `root`, sub-folders included, each folder once; a cdktf.out found inside is read as one. */
function folderSources(root: string): Source[] {
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
    const stacks = cdktfStacks(dir);
    if (stacks) {
      found.push(...stacks);
      return;
    }
    const module = folderModule(dir);
    if (module) found.push(module);
    for (const e of listFolder(dir)) {
      if (SKIPPED_FOLDERS.has(e.name)) continue;
      const child = path.join(dir, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && statOf(child).isDirectory())) visit(child);
    }
  };
  visit(root);
  return found;
}

const realOf = (p: string) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

/** The sources at every location, in argument order, each file read once. */
export function readSources(locations: readonly string[]): Source[] {
  const sources: Source[] = [];
  /** Files given one by one, by folder: read with their folder, reported alone. */
  const singles = new Map<string, string[]>();
  for (const location of locations) {
    const stat = statOf(location);
    if (stat.isDirectory()) {
      const found = folderSources(location);
      if (found.length === 0) throw new CliError(`${displayPath(location)}: holds no Terraform (no *.tf, *.tf.json or stacks/*/cdk.tf.json files)`);
      sources.push(...found);
    } else if (!stat.isFile()) {
      throw new CliError(`${location}: not a file or a folder`);
    } else if (path.basename(location) === 'cdk.tf.json') {
      sources.push({ kind: 'cdktf-stack', name: path.basename(path.dirname(path.resolve(location))), file: location });
    } else if (isTerraformFile(location)) {
      // Named as the folder's files are (through its real path), or a file given through a link would match none.
      const dir = realOf(path.dirname(location));
      const given = displayPath(path.join(dir, path.basename(location)));
      const list = singles.get(dir);
      if (list) list.push(given);
      else singles.set(dir, [given]);
    } else if (location.endsWith('.json')) {
      sources.push({ kind: 'json', name: displayPath(location), file: location });
    } else {
      throw new CliError(`${displayPath(location)}: not Terraform (expected a .tf, .tf.json or cdk.tf.json file, a plan from 'terraform show -json', or a folder)`);
    }
  }
  for (const [dir, only] of singles) {
    const module = folderModule(dir, [...new Set(only)]);
    if (module) sources.push(module);
  }
  return dedupe(sources);
}

/** Each module and file once: a folder given twice, or a file given with its folder, is read once, whole. */
function dedupe(sources: readonly Source[]): Source[] {
  const whole = new Set(sources.filter((s) => s.kind === 'module' && !s.only).map((s) => realOf((s as { dir: string }).dir)));
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = s.kind === 'module' ? `module:${realOf(s.dir)}${s.only ? ':only' : ''}` : `file:${realOf(s.file)}`;
    if (seen.has(key) || (s.kind === 'module' && s.only && whole.has(realOf(s.dir)))) return false;
    seen.add(key);
    return true;
  });
}
