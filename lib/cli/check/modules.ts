/**
 * Terraform modules written in HCL (or *.tf.json): each folder is parsed once, and each is checked as
 * Terraform runs it. A folder that no other module of the run calls is a root and is checked on its own;
 * a local module (`source = "./modules/token"`) is checked through each call, as an instance whose variables
 * are the call's arguments, so `role = "owner"` passed to a module is judged where the token is written.
 * A called folder is not also checked alone: without its caller's arguments, every variable would be unknown.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EngineFinding, ResolvedPolicy, StackInput, TerraformConfig, inexactJsonNumber, shortNumber } from '../../core';
import { CliError } from '../cli-error';
import { CheckFinding, FindingLocation } from './check-result';
import { SourcePlace } from './hcl-to-json';
import { ModuleBuilder } from './module-builder';
import { Source, displayPath, isTerraformFile, readText } from './read-sources';
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
  /** Which findings of a stack are reported, when files were given one by one. */
  readonly keep: Map<string, (location: FindingLocation) => boolean>;
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


/** `type.name["key"]` or `type.name[0]` (an instance of count/for_each) → `type.name`, where it is written. */
export function declaredAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '');
}

/** A JSON object from a file, or a CliError naming it (on one line). */
export function parseJsonObject(file: string, text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${displayPath(file)}: not valid JSON (${oneLine((e as Error).message)})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CliError(`${displayPath(file)}: not a Terraform JSON configuration (expected an object)`);
  refuseInexactNumbers(displayPath(file), text);
  return json as Record<string, unknown>;
}

/**
 * JSON.parse rounds a number to a double, Terraform keeps it as written: a file holding one a double cannot
 * hold (9007199254740993) would be checked on another value than Terraform applies, so it is refused.
 */
export function refuseInexactNumbers(file: string, text: string): void {
  const inexact = inexactJsonNumber(text);
  if (inexact === undefined) return;
  const line = text.slice(0, inexact.offset).split('\n').length;
  throw new CliError(`${file}:${line}: the number ${shortNumber(inexact.number)} cannot be read exactly (JSON.parse rounds it to a double, Terraform keeps it as written), so the checks refuse the file; write it as a string or with at most 15 significant digits`);
}

/** A parser's message on one short line: no control characters (a stray byte is shown as its code). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

/**
 * Parses a module's files: override files (`override.tf`, `*_override.tf`) last, merged into the blocks they
 * override, as Terraform does; variable files Terraform loads by itself set its variables (a root module's only).
 */
async function parseModule(name: string, key: string, dir: string, files: readonly string[], varFiles: readonly string[] = []): Promise<ParsedModule> {
  const builder = new ModuleBuilder();
  const isOverride = (f: string) => /(^|_)override\.tf(\.json)?$/.test(path.basename(f));
  for (const file of [...files.filter((f) => !isOverride(f)), ...files.filter(isOverride)]) {
    const text = readText(file);
    const override = isOverride(file);
    if (file.endsWith('.json')) builder.addJson(file, parseJsonObject(file, text), text, override);
    else await withHclTree(text, (root) => builder.addFile(file, root, text, override));
  }
  for (const file of varFiles) {
    const text = readText(file);
    if (file.endsWith('.json')) builder.addVarsJson(file, parseJsonObject(file, text));
    else await withHclTree(text, (root) => builder.addVars(file, root, text));
  }
  return { name, key, dir, files, builder };
}

/** The folders a module calls as local modules (`source = "./..."` or `"../..."`), by call name. */
function localCalls(module: ParsedModule): [string, string][] {
  const calls: [string, string][] = [];
  for (const [call, body] of module.builder.moduleCalls()) {
    const source = body.source;
    if (typeof source === 'string' && /^\.\.?\//.test(source)) calls.push([call, path.resolve(module.dir, source)]);
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
    // GLID-022 names `count/for_each`; the line is that of whichever the block has.
    const attribute = f.attribute === 'count/for_each' ? (places.has(`${key}\u0000for_each`) ? 'for_each' : 'count') : f.attribute;
    const [outer, ...inner] = attribute?.split('.') ?? [];
    const place = (attribute && places.get(`${key}\u0000${attribute}`))
      || (attribute && places.get(`${key}\u0000dynamic.${outer}.content.${inner.join('.')}`))
      || (attribute && places.get(`${key}\u0000${outer}`))
      || (attribute && places.get(`${key}\u0000dynamic.${outer}`))
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
  const out: Prepared = { inputs: [], locators: new Map(), files: [], problems: [], wording: new Map(), keep: new Map() };
  const byKey = new Map<string, ParsedModule>();
  const parsed: ParsedModule[] = [];
  /** Files given one by one, by module: only findings there (or in modules they call) are reported. */
  const only = new Map<string, ReadonlySet<string>>();
  for (const s of sources) {
    const key = realFolder(s.dir) ?? path.resolve(s.dir);
    if (byKey.has(key)) continue;
    const m = await parseModule(s.name, key, s.dir, s.files, s.varFiles);
    byKey.set(key, m);
    parsed.push(m);
    if (s.only) only.set(key, new Set(s.only));
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
    const reported = only.get(m.key);
    out.files.push(...m.files.map(displayPath).filter((f) => !reported || reported.has(f)));
    for (const p of m.builder.problems) {
      if (reported && !reported.has(displayPath(p.file))) continue;
      out.problems.push({
        ruleId: 'GLID-000', level: 'error', message: p.message, ...(p.fix ? { fix: p.fix } : {}),
        location: { file: displayPath(p.file), line: p.line, ...(p.address ? { address: p.address } : {}), ...(p.attribute ? { attribute: p.attribute } : {}) },
      });
    }
  }
  const roots = parsed.filter((m) => !called.has(m.key));
  const instantiate = (m: ParsedModule, name: string, prefix: string, link: StackInput['module'], chain: readonly string[], rootKey: string) => {
    out.inputs.push({ name, config: m.builder.config({ stack: name, root: !link }) as TerraformConfig, policies: [policy], ...(link ? { module: link } : {}) });
    out.locators.set(name, moduleLocator(m.builder.places, m.files[0], prefix));
    // The engine's advice for a suppression that matched nothing names CDKTF's IdentityPolicyChecks: not here.
    out.wording.set(name, (text) => text.replace(/, or add IdentityPolicyChecks to the app\.$/, '.'));
    const reported = only.get(rootKey);
    if (reported) {
      const folder = new Set(byKey.get(rootKey)?.files.map(displayPath));
      out.keep.set(name, (location) => !folder.has(location.file) || reported.has(location.file));
    }
    if (chain.length >= MAX_MODULE_DEPTH) {
      for (const [call] of localCalls(m)) {
        const place = m.builder.places.get(`module.${call}`);
        out.problems.push({ ruleId: 'GLID-000', level: 'error', message: `module.${call} is nested deeper than ${MAX_MODULE_DEPTH} modules, which the checks do not follow; what it creates is not checked`, location: { file: displayPath(place?.file ?? m.files[0]), line: place?.line ?? 1 } });
      }
      return;
    }
    for (const [call, dir] of localCalls(m)) {
      const key = realFolder(dir);
      const child = key === undefined ? undefined : byKey.get(key);
      if (!child || chain.includes(child.key)) continue; // a module calling itself is not followed
      instantiate(child, `${name}/module.${call}`, `${prefix}module.${call}.`, { caller: name, call }, [...chain, child.key], rootKey);
    }
  };
  for (const root of roots.length > 0 ? roots : parsed.slice(0, 1)) instantiate(root, `module:${root.name}`, '', undefined, [root.key], root.key);
  return out;
}
