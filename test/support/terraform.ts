/**
 * The Terraform tier's one tool: hand synthesized configurations to the real `terraform` CLI.
 *
 * Offline, the strongest thing Terraform does without provider binaries (the GitLab and time providers
 * cannot be downloaded here) is load and decode a configuration: `terraform providers` parses every block,
 * meta-argument and expression of the JSON syntax and fails on what `terraform init` would refuse, such as
 * an interpolation inside `lifecycle.replace_triggered_by`. The `backend` block is removed from a copy
 * first: loading it would need the backend's state. `terraform validate` (attribute names and types) needs
 * the provider schemas and so a live registry: it is not run here.
 *
 * Terraform missing is a failure with a fix, never a skip.
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One configuration to load: a label for the failure message, and the JSON (text or parsed). */
export interface TerraformConfig {
  readonly label: string;
  readonly json: string | object;
}

const PARALLEL = Math.max(2, os.cpus().length * 2);

/** An environment that makes Terraform quiet and offline: no update check, no user CLI config. */
function terraformEnv(dir: string): NodeJS.ProcessEnv {
  const rc = path.join(dir, 'terraformrc');
  if (!fs.existsSync(rc)) fs.writeFileSync(rc, '');
  return { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: rc, NO_COLOR: '1' };
}

let version: string | undefined;

/** The `terraform` CLI's version line; throws with how to install it when the CLI is missing. */
export function terraformVersion(): string {
  if (version !== undefined) return version;
  try {
    const out = execFileSync('terraform', ['version'], { env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' }, stdio: 'pipe' });
    version = out.toString().split('\n')[0].trim();
  } catch (e) {
    throw new Error(
      `The Terraform test tier needs the 'terraform' CLI (>= 1.5) on PATH, and it could not be run: ${(e as Error).message}. ` +
        'Install Terraform (https://developer.hashicorp.com/terraform/install) and run npm test again.',
    );
  }
  // 1.5 is the oldest release whose JSON syntax and `terraform providers` this tier relies on.
  const [major, minor] = (/v(\d+)\.(\d+)/.exec(version)?.slice(1) ?? ['0', '0']).map(Number);
  if (major < 1 || (major === 1 && minor < 5)) {
    throw new Error(`The Terraform test tier needs terraform >= 1.5, found '${version}'. Install a newer release (https://developer.hashicorp.com/terraform/install).`);
  }
  return version;
}

/** The configuration as Terraform will load it: parsed, with the backend removed. */
function loadable(json: string | object): object {
  const config = (typeof json === 'string' ? JSON.parse(json) : structuredClone(json)) as { terraform?: { backend?: unknown } };
  if (config.terraform) delete config.terraform.backend;
  return config;
}

function runProviders(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('terraform', ['providers', '-no-color'], { cwd: dir, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve(error ? `${stderr}${stdout}`.replace(/\n{3,}/g, '\n\n').trim() || error.message : undefined);
    });
  });
}

/** Loads each configuration as a root module of its own, several at a time: one message per rejection. */
async function rejectionsOneByOne(root: string, configs: readonly TerraformConfig[]): Promise<(string | undefined)[]> {
  const env = terraformEnv(root);
  const failures: (string | undefined)[] = new Array(configs.length).fill(undefined);
  let next = 0;
  const worker = async () => {
    while (next < configs.length) {
      const index = next++;
      const dir = path.join(root, `alone-${index}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(loadable(configs[index].json), null, 2));
      const rejected = await runProviders(dir, env);
      if (rejected !== undefined) failures[index] = `${configs[index].label}:\n${rejected}`;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, configs.length) }, worker));
  return failures;
}

/**
 * Whether Terraform loads all the configurations, each as a module of one root (`terraform get` installs
 * the local modules, `terraform providers` loads and decodes every one): two processes instead of one per
 * configuration, which was most of the Terraform tier's time.
 */
async function allLoadTogether(root: string, configs: readonly TerraformConfig[]): Promise<boolean> {
  const dir = path.join(root, 'together');
  fs.mkdirSync(dir);
  const calls: Record<string, { source: string }> = {};
  configs.forEach((config, index) => {
    fs.mkdirSync(path.join(dir, `m${index}`));
    fs.writeFileSync(path.join(dir, `m${index}`, 'cdk.tf.json'), JSON.stringify(loadable(config.json), null, 2));
    calls[`m${index}`] = { source: `./m${index}` };
  });
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ module: calls }, null, 2));
  const env = terraformEnv(root);
  const get = await new Promise<string | undefined>((resolve) => {
    execFile('terraform', ['get', '-no-color'], { cwd: dir, env, timeout: 120_000 }, (error, stdout, stderr) => resolve(error ? `${stderr}${stdout}` : undefined));
  });
  return get === undefined && (await runProviders(dir, env)) === undefined;
}

/**
 * Loads every configuration and returns one message per configuration Terraform rejected (empty when all
 * load). All are loaded together first; only when that fails is each loaded alone as a root module, so a
 * failure is attributed to its configuration and nothing that loads as a root is rejected for being a module.
 * Temporary folders are always removed.
 */
export async function terraformRejections(configs: readonly TerraformConfig[]): Promise<string[]> {
  terraformVersion();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-tier-'));
  try {
    if (configs.length > 1 && (await allLoadTogether(root, configs))) return [];
    return (await rejectionsOneByOne(root, configs)).filter((f): f is string => f !== undefined);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Fails with Terraform's own words for each configuration it rejects. */
export async function expectTerraformLoads(configs: readonly TerraformConfig[]): Promise<void> {
  if (configs.length === 0) throw new Error('expectTerraformLoads: no configuration given (a test that loads nothing proves nothing)');
  const failures = await terraformRejections(configs);
  if (failures.length > 0) {
    throw new Error(`Terraform rejected ${failures.length} of ${configs.length} configurations:\n\n${failures.join('\n\n')}`);
  }
}

function run(args: readonly string[], dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('terraform', [...args, '-no-color'], { cwd: dir, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve(error ? `${stderr}${stdout}`.trim() || error.message : undefined);
    });
  });
}

/**
 * Loads a folder of HCL as Terraform does, offline: `terraform get` installs its local modules, then
 * `terraform providers` parses and decodes every file. Returns Terraform's message when it rejects the
 * folder, undefined when it loads. The folder is copied first; nothing is left behind.
 */
export async function terraformFolderRejection(folder: string): Promise<string | undefined> {
  terraformVersion();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-folder-'));
  try {
    const dir = path.join(root, 'config');
    fs.cpSync(folder, dir, { recursive: true });
    const env = terraformEnv(root);
    return (await run(['get'], dir, env)) ?? (await run(['providers'], dir, env));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Evaluates expressions with `terraform console` in an empty configuration (no provider is needed) and
 * returns each value: a string as it is, anything else as JSON. An expression Terraform rejects throws with
 * its message.
 */
export function terraformConsole(expressions: readonly string[]): string[] {
  terraformVersion();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-console-'));
  try {
    const env = terraformEnv(root);
    // One expression, a tuple of every value, jsonencoded: the console prints a single line for it.
    const input = `jsonencode([${expressions.join(', ')}])\n`;
    let out: string;
    try {
      out = execFileSync('terraform', ['console'], { cwd: root, env, input, stdio: 'pipe', timeout: 60_000 }).toString();
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      throw new Error(`terraform console rejected an expression: ${err.stderr?.toString().trim() || err.message}`);
    }
    const values = JSON.parse(JSON.parse(out.trim()) as string) as unknown[];
    return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
