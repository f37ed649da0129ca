/**
 * Reads a synthesized app the way the gate must: from the `cdk.tf.json` each stack wrote, never from the
 * inventory files next to them (the merge request's code wrote those, and may have deleted or forged them).
 * The engine builds every stack's inventory itself, with the policy the caller gives (default: DEFAULT_POLICY).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_POLICY,
  IdentityPolicy,
  StackInventory,
  TerraformConfig,
  bindingsFromConfig,
  checkApp,
  inventoriesFromReports,
  resolvePolicy,
  stackNameProblem,
} from '../core';
import { refuseInexactNumbers } from './check/modules';
import { CliError } from './cli-error';

const STACK_FILE = 'cdk.tf.json';

interface StackFile {
  readonly name: string;
  readonly file: string;
}

function statOf(location: string): fs.Stats {
  try {
    return fs.statSync(location);
  } catch {
    throw new CliError(`cannot read '${location}': no such file or folder`);
  }
}

/** Every stack's configuration at `location`: a cdktf.out folder, a stack folder, or one cdk.tf.json file. */
export function stackFiles(location: string): StackFile[] {
  const stat = statOf(location);
  if (stat.isFile()) return [{ name: path.basename(path.dirname(path.resolve(location))), file: location }];
  if (fs.existsSync(path.join(location, STACK_FILE))) return [{ name: path.basename(path.resolve(location)), file: path.join(location, STACK_FILE) }];
  const stacksDir = fs.existsSync(path.join(location, 'stacks')) ? path.join(location, 'stacks') : location;
  const found = fs.readdirSync(stacksDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(stacksDir, d.name, STACK_FILE)))
    .map((d) => ({ name: d.name, file: path.join(stacksDir, d.name, STACK_FILE) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (found.length === 0) throw new CliError(`'${location}' holds no ${STACK_FILE} (expected a cdktf.out folder, a stack folder or a ${STACK_FILE} file)`);
  return found;
}

function readConfig(file: string): TerraformConfig {
  const text = fs.readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CliError(`${file}: not a Terraform JSON configuration (expected an object)`);
  const record = json as Record<string, unknown>;
  refuseInexactNumbers(file, text);
  if ('schemaVersion' in record && 'identities' in record) {
    throw new CliError(`${file}: is an identity inventory, which the gate never trusts; pass the cdktf.out folder, whose ${STACK_FILE} files it reads`);
  }
  return record as TerraformConfig;
}

/** The inventories of every stack at `location`, built by the engine from the JSON. */
export function inventoriesOfApp(location: string, policy?: IdentityPolicy): StackInventory[] {
  const files = stackFiles(location);
  for (const f of files) {
    const problem = stackNameProblem(f.name, files.filter((o) => o.name === f.name).length);
    if (problem) throw new CliError(`${f.file}: ${problem}`);
  }
  const resolved = resolvePolicy(policy ?? DEFAULT_POLICY);
  const inputs = files.map((f) => {
    const config = readConfig(f.file);
    return { name: f.name, config, policies: [resolved], identities: bindingsFromConfig(config) };
  });
  return inventoriesFromReports(checkApp(inputs));
}
