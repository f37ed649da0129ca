/**
 * Terraform modules written in HCL (or *.tf.json): each folder is parsed once, and each is checked as
 * Terraform runs it. A folder that no other module of the run calls is a root and is checked on its own;
 * a local module (`source = "./modules/token"`) is checked through each call, as an instance whose variables
 * are the call's arguments, so `role = "owner"` passed to a module is judged where the token is written.
 * A called folder is not also checked alone: without its caller's arguments, every variable would be unknown.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EngineFinding, ResolvedPolicy, StackInput, TerraformConfig } from '../../core';
import { CliError } from '../cli-error';
import { CheckFinding, FindingLocation } from './check-result';
import { ModuleBuilder, SourcePlace } from './hcl-to-json';
import { Source, displayPath, readText } from './read-sources';
import { withHclTree } from './tree-sitter';

/** Places an engine finding of one stack. */
export type Locate = (f: EngineFinding) => FindingLocation;

/** What the run hands the engine, and how to place what it finds. */
export interface Prepared {
  readonly inputs: StackInput[];
  readonly locators: Map<string, Locate>;
  readonly files: string[];
  readonly problems: CheckFinding[];
  /** How each stack's messages name things, when the engine's names are not the user's (plans). */
  readonly wording: Map<string, (text: string) => string>;
}

/** Deeper module nesting than this is not followed (Terraform has no limit; real configurations stay far below). */
const MAX_MODULE_DEPTH = 16;

interface ParsedModule {
  readonly name: string;
  /** The folder, resolved (the file itself for a single file given on the command line). */
  readonly key: string;
  readonly dir: string;
  readonly files: readonly string[];
  readonly builder: ModuleBuilder;
}

const isTerraformFile = (name: string) => name.endsWith('.tf') || name.endsWith('.tf.json');

/** `type.name["key"]` or `type.name[0]` (an instance of count/for_each) → `type.name`, where it is written. */
export function declaredAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '');
}

async function parseModule(name: string, key: string, dir: string, files: readonly string[]): Promise<ParsedModule> {
  const builder = new ModuleBuilder();
  for (const file of files) {
    const text = readText(file);
    if (file.endsWith('.json')) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new CliError(`${displayPath(file)}: not valid JSON (${(e as Error).message})`);
      }
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CliError(`${displayPath(file)}: not a Terraform JSON configuration (expected an object)`);
      builder.addJson(file, json as Record<string, unknown>, text);
    } else {
      await withHclTree(text, (root) => builder.addFile(file, root, text));
    }
  }
  return { name, key, dir, files, builder };
}

/** The folders a module calls as local modules (`source = "./..."` or `"../..."`), by call name. */
function localCalls(module: ParsedModule): [string, string][] {
  const calls: [string, string][] = [];
  const list = module.builder.config().module;
  for (const entry of Array.isArray(list) ? list : []) {
    for (const [call, body] of Object.entries(entry as Record<string, unknown>)) {
      const source = (body as { source?: unknown } | null)?.source;
      if (typeof source === 'string' && /^\.\.?\//.test(source)) calls.push([call, path.resolve(module.dir, source)]);
    }
  }
  return calls;
}

function realFolder(dir: string): string | undefined {
  try {
    return fs.statSync(dir).isDirectory() ? fs.realpathSync(dir) : undefined;
  } catch {
    return undefined;
  }
}

/** Locations in a module: the attribute's line, else the nested block it is in, else the block's. */
function moduleLocator(places: ReadonlyMap<string, SourcePlace>, firstFile: string, prefix: string): Locate {
  return (f) => {
    const key = declaredAddress(f.address ?? f.path);
    const [outer, ...inner] = f.attribute?.split('.') ?? [];
    const place = (f.attribute && places.get(`${key}\u0000${f.attribute}`))
      || (f.attribute && places.get(`${key}\u0000dynamic.${outer}.content.${inner.join('.')}`))
      || (f.attribute && places.get(`${key}\u0000${outer}`))
      || (f.attribute && places.get(`${key}\u0000dynamic.${outer}`))
      || places.get(key)
      // Stack-wide findings (the provider requirement): at the terraform block, if there is one.
      || places.get('terraform');
    return {
      file: displayPath(place?.file ?? firstFile),
      line: place?.line ?? 1,
      ...(f.address ? { address: `${prefix}${f.address}` } : {}),
      ...(f.attribute ? { attribute: f.attribute } : {}),
    };
  };
}

/** Every module source as engine inputs: roots, and an instance for each call of a local module. */
export async function moduleInputs(sources: readonly Extract<Source, { kind: 'module' }>[], policy: ResolvedPolicy): Promise<Prepared> {
  const out: Prepared = { inputs: [], locators: new Map(), files: [], problems: [], wording: new Map() };
  const byKey = new Map<string, ParsedModule>();
  const parsed: ParsedModule[] = [];
  for (const s of sources) {
    const dir = path.dirname(s.files[0]);
    // A file given on its own is a module of that file only, not of its folder.
    const single = s.name === displayPath(s.files[0]);
    const key = single ? path.resolve(s.files[0]) : realFolder(dir) ?? path.resolve(dir);
    if (byKey.has(key)) continue;
    const m = await parseModule(s.name, key, dir, s.files);
    byKey.set(key, m);
    parsed.push(m);
  }
  // Local modules outside the paths given are read too: Terraform would run them.
  const called = new Set<string>();
  for (let i = 0; i < parsed.length; i++) {
    for (const [, dir] of localCalls(parsed[i])) {
      const key = realFolder(dir);
      if (key === undefined) continue; // a missing module folder: `terraform init` reports it
      if (key !== parsed[i].key) called.add(key);
      if (byKey.has(key)) continue;
      const files = fs.readdirSync(key).filter(isTerraformFile).sort().map((f) => path.join(dir, f));
      if (files.length === 0) continue;
      const m = await parseModule(displayPath(dir), key, dir, files);
      byKey.set(key, m);
      parsed.push(m);
    }
  }
  for (const m of parsed) {
    out.files.push(...m.files.map(displayPath));
    for (const p of m.builder.problems) {
      out.problems.push({ ruleId: 'GLID-000', level: 'error', message: `${p.message}; Terraform refuses the file, and the checks cannot judge what they cannot read.`, location: { file: displayPath(p.file), line: p.line } });
    }
  }
  const roots = parsed.filter((m) => !called.has(m.key));
  const instantiate = (m: ParsedModule, name: string, prefix: string, link: StackInput['module'], chain: readonly string[]) => {
    out.inputs.push({ name, config: m.builder.config() as TerraformConfig, policies: [policy], ...(link ? { module: link } : {}) });
    out.locators.set(name, moduleLocator(m.builder.places, m.files[0], prefix));
    if (chain.length >= MAX_MODULE_DEPTH) return;
    for (const [call, dir] of localCalls(m)) {
      const key = realFolder(dir);
      const child = key === undefined ? undefined : byKey.get(key);
      if (!child || chain.includes(child.key)) continue; // a module calling itself is not followed
      instantiate(child, `${name}/module.${call}`, `${prefix}module.${call}.`, { caller: name, call }, [...chain, child.key]);
    }
  };
  for (const root of roots.length > 0 ? roots : parsed.slice(0, 1)) instantiate(root, `module:${root.name}`, '', undefined, [root.key]);
  return out;
}
