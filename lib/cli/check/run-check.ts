/**
 * `gitlab-identity check`: reads Terraform (cdk.tf.json, HCL, Terraform JSON, plans), runs the policy
 * engine over every module as one app, and places each finding at a file and line.
 */
import { Node as JsonNode, findNodeAtLocation, parseTree } from 'jsonc-parser';
import {
  DEFAULT_POLICY,
  EngineFinding,
  IdentityPolicy,
  TerraformConfig,
  bindingsFromConfig,
  checkApp,
  policyRule,
  resolvePolicy,
} from '../../core';
import { CliError } from '../cli-error';
import { CheckFinding, CheckResult } from './check-result';
import { lineAt } from './hcl-to-json';
import { Locate, Prepared, declaredAddress, moduleInputs, parseJsonObject } from './modules';
import { planConfig, withPlanAddresses } from './plan-to-json';
import { Source, displayPath, looksLikePlan, readSources, readText } from './read-sources';




/** The JSON path of a block: `type.name` → resource/type/name, `data.t.n`, `output.o`, `module.m`. */
function blockPath(address: string): string[] {
  const parts = address.split('.');
  if (parts[0] === 'data') return ['data', parts[1], parts.slice(2).join('.')];
  if (parts[0] === 'output' || parts[0] === 'module') return [parts[0], parts.slice(1).join('.')];
  return ['resource', parts[0], parts.slice(1).join('.')];
}

/** The first frame of a cdktf stack trace that is the user's code (not cdktf, constructs or this library). */
function userFrame(trace: unknown): { file: string; line: number } | undefined {
  if (!Array.isArray(trace)) return undefined;
  for (const frame of trace) {
    if (typeof frame !== 'string' || /node_modules|node:internal|cdktf-gitlab-identity[\\/](dist[\\/])?lib[\\/]/.test(frame)) continue;
    const m = /\(?((?:[A-Za-z]:)?[^\s()]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (m) return { file: displayPath(m[1]), line: Number(m[2]) };
  }
  return undefined;
}

/** Construct path → address of every resource that records one, in file order. */
function constructPaths(resources: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, blocks] of Object.entries(resources ?? {})) {
    for (const [name, body] of Object.entries(blocks ?? {})) {
      const p = body?.['//']?.metadata?.path;
      if (typeof p === 'string' && !out.has(p)) out.set(p, `${type}.${name}`);
    }
  }
  return out;
}

/** Locations in a JSON file (cdk.tf.json or *.tf.json): the deepest node of the finding's path that exists. */
function jsonLocator(file: string, text: string, config: TerraformConfig): Locate {
  let tree: JsonNode | undefined;
  let byPath: Map<string, string> | undefined;
  const display = displayPath(file);
  const resources = config.resource as Record<string, Record<string, { '//'?: { metadata?: { path?: string; stackTrace?: unknown } } }>> | undefined;
  return (f) => {
    tree ??= parseTree(text);
    let address = f.address;
    if (address === undefined) {
      // An identity's own finding: placed at the first resource it rendered (construct paths mapped once).
      byPath ??= constructPaths(resources);
      address = [...byPath].find(([p]) => p === f.path || p.startsWith(`${f.path}/`))?.[1];
    }
    const base = address ? blockPath(declaredAddress(address)) : [];
    const full = f.attribute ? [...base, ...f.attribute.split('.')] : base;
    let node: JsonNode | undefined;
    for (let n = full.length; n > 0 && node === undefined; n--) node = tree ? findNodeAtLocation(tree, full.slice(0, n)) : undefined;
    // findNodeAtLocation gives the value; its property (the key) is the line people look for.
    const at = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
    const metadata = address && base[0] === 'resource' ? resources?.[base[1]]?.[base[2]]?.['//']?.metadata : undefined;
    const source = userFrame(metadata?.stackTrace);
    return {
      file: display,
      line: at === undefined ? 1 : lineAt(text, at, tree ?? {}),
      ...(address ? { address } : {}),
      ...(f.attribute ? { attribute: f.attribute } : {}),
      ...(typeof metadata?.path === 'string' ? { constructPath: metadata.path } : f.path !== address ? { constructPath: f.path } : {}),
      ...(source ? { source } : {}),
    };
  };
}

function readJsonFile(file: string, out: Prepared, policy: IdentityPolicy, stackName: string): void {
  const text = readText(file);
  out.files.push(displayPath(file));
  const json = parseJsonObject(file, text);
  if (looksLikePlan(json)) {
    let plan: ReturnType<typeof planConfig>;
    try {
      plan = planConfig(json as Record<string, never>);
    } catch (e) {
      throw e instanceof CliError ? new CliError(`${displayPath(file)}: ${e.message}`) : e;
    }
    out.inputs.push({ name: stackName, config: plan.config as TerraformConfig, policies: [resolvePolicy(policy)] });
    out.wording.set(stackName, (text) => withPlanAddresses(text, plan.addresses));
    out.locators.set(stackName, (f) => {
      const address = f.address ? plan.addresses.get(f.address) ?? f.address : undefined;
      return { file: displayPath(file), ...(address ? { address } : {}), ...(f.attribute ? { attribute: f.attribute } : {}) };
    });
    return;
  }
  const config = json as TerraformConfig;
  if ('schemaVersion' in config && 'identities' in config) throw new CliError(`${displayPath(file)}: is an identity inventory, not Terraform; pass the cdktf.out folder`);
  if (typeof (config as { format_version?: unknown }).format_version === 'string') {
    throw new CliError(`${displayPath(file)}: Terraform's JSON output but not a plan (a state?); pass the output of 'terraform show -json <planfile>'`);
  }
  if (!Object.keys(config).some((key) => CONFIG_KEYS.has(key))) {
    throw new CliError(`${displayPath(file)}: neither a Terraform configuration in the JSON syntax nor a plan from 'terraform show -json'`);
  }
  out.inputs.push({ name: stackName, config, policies: [resolvePolicy(policy)], identities: bindingsFromConfig(config) });
  out.locators.set(stackName, jsonLocator(file, text, config));
}

/** Top-level keys of the Terraform JSON syntax: a JSON file with none of them is not a configuration. */
const CONFIG_KEYS = new Set(['resource', 'data', 'module', 'output', 'variable', 'locals', 'terraform', 'provider', 'check', 'moved', 'import', 'removed', '//']);

/** A stack name not used yet in this run (two cdktf.out folders may hold stacks of one name). */
function uniqueName(out: Prepared, name: string): string {
  let unique = name;
  for (let i = 2; out.locators.has(unique); i++) unique = `${name} (${i})`;
  return unique;
}

/** Runs the checks over every location; throws CliError for input that cannot be read. */
export async function runCheck(locations: readonly string[], policy: IdentityPolicy = DEFAULT_POLICY): Promise<CheckResult> {
  const out: Prepared = { inputs: [], locators: new Map(), files: [], problems: [], wording: new Map(), keep: new Map() };
  const sources = readSources(locations);
  for (const source of sources) {
    if (source.kind !== 'module') readJsonFile(source.file, out, policy, uniqueName(out, source.kind === 'cdktf-stack' ? source.name : displayPath(source.file)));
  }
  const modules = await moduleInputs(sources.filter((s): s is Extract<Source, { kind: 'module' }> => s.kind === 'module'), resolvePolicy(policy));
  out.inputs.push(...modules.inputs);
  for (const [name, locate] of modules.locators) out.locators.set(name, locate);
  for (const [name, words] of modules.wording) out.wording.set(name, words);
  for (const [name, keep] of modules.keep) out.keep.set(name, keep);
  out.files.push(...modules.files);
  out.problems.push(...modules.problems);
  const found: { f: EngineFinding; finding: CheckFinding }[] = [];
  for (const report of checkApp(out.inputs)) {
    const locate = out.locators.get(report.stack) as Locate;
    const words = out.wording.get(report.stack) ?? ((text: string) => text);
    const keep = out.keep.get(report.stack) ?? (() => true);
    for (const f of report.findings) {
      const fix = f.level !== 'info' && !f.fixIncluded ? policyRule(f.ruleId)?.fix : undefined;
      const location = locate(f);
      if (!keep(location)) continue;
      found.push({ f, finding: {
        ruleId: f.ruleId,
        level: f.level,
        message: words(f.message),
        ...(fix ? { fix } : {}),
        location,
        ...(f.suppressedBy ? { suppressedBy: { id: f.suppressedBy.id, reason: f.suppressedBy.reason } } : {}),
      } });
    }
  }
  return { findings: [...out.problems, ...acrossInstances(found)].sort(byPlace), files: out.files };
}

/**
 * A module called several times is checked once per call: the same finding at the same place is reported
 * once, and a suppression in it that silenced a finding in one call is not "unmatched" in another.
 */
function acrossInstances(found: readonly { f: EngineFinding; finding: CheckFinding }[]): CheckFinding[] {
  const blockKey = (f: EngineFinding, file: string) => `${f.ruleId}\u0000${file}\u0000${declaredAddress(f.address ?? f.path)}`;
  const silenced = new Set(found.filter(({ f }) => f.suppressedBy).map(({ f, finding }) => blockKey(f, finding.location.file)));
  const seen = new Set<string>();
  return found.filter(({ f, finding }) => {
    // `always` marks the engine's "suppression matched no finding" (unmatchedFinding).
    if (f.always && silenced.has(blockKey(f, finding.location.file))) return false;
    const key = JSON.stringify([finding.ruleId, finding.location, finding.message, finding.suppressedBy ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map(({ finding }) => finding);
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPlace = (a: CheckFinding, b: CheckFinding) =>
  text(a.location.file, b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0) || text(a.ruleId, b.ruleId) || text(a.message, b.message);
