/**
 * `check` reads a folder the way Terraform loads a module: files given alone with the rest of their folder,
 * override files merged, variable files applied, modules with count/for_each, for_each over resources,
 * dynamic blocks Terraform refuses, blocks that create nothing; and it reports what it cannot read instead of
 * passing it. Each case writes a small configuration and asserts what is reported, and where.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../../../lib/cli/check/run-check';
import { CheckFinding } from '../../../lib/cli/check/check-result';
import { runCliAsync } from '../../../lib/cli/program';
import { mentioning } from '../../support/mentioning';

let tmp: string;
let cwd: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-semantics-'));
  cwd = process.cwd();
  process.chdir(tmp); // reports name files relative to the current directory
});
afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** Writes `files` (path → text) into a new folder under the temporary one; returns its name. */
function folder(files: Record<string, string>): string {
  const dir = `case-${n++}`;
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const VERSIONS = 'terraform {\n  required_providers {\n    gitlab = { source = "gitlabhq/gitlab", version = ">= 18.8.1" }\n  }\n}\n';
const token = (name: string, extra = '') => `resource "gitlab_project_access_token" "${name}" {
  project      = "acme/app"
  name         = "quality-${name}"
  access_level = "reporter"
  scopes       = ["read_api"]
${extra}  rotation_configuration = {
    expiration_days    = 60
    rotate_before_days = 14
  }
}
`;
const variable = (name: string, value: string, masked = 'false') => `resource "gitlab_project_variable" "${name}" {
  project   = "acme/ops"
  key       = "${name.toUpperCase()}_TOKEN"
  value     = ${value}
  masked    = ${masked}
  hidden    = true
  protected = true
}
`;
const OUTPUT = 'output "token" {\n  value     = gitlab_project_access_token.this.token\n  sensitive = true\n}\n';

const active = (findings: readonly CheckFinding[]) => findings.filter((f) => !f.suppressedBy);
const brief = (findings: readonly CheckFinding[]) => active(findings).map((f) => `${f.ruleId} ${f.location.file}:${f.location.line} ${f.location.address ?? ''}`.trim()).sort();
const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('modules with count and for_each', () => {
  test('GIVEN a token passed to each instance of a for_each module that writes it into a file WHEN checked THEN the file content is reported', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}${token('bot')}module "writer" {\n  for_each = { main = gitlab_project_access_token.bot.token }\n  source   = "./modules/file"\n  content  = each.value\n}\n`,
      'modules/file/main.tf': 'variable "content" {}\nresource "gitlab_repository_file" "f" {\n  project   = "acme/app"\n  file_path = "token.txt"\n  branch    = "main"\n  content   = var.content\n}\n',
    });
    expect(brief((await runCheck([dir])).findings)).toEqual([`GLID-023 ${dir}/modules/file/main.tf:6 module.writer.gitlab_repository_file.f`]);
  });

  test('GIVEN outputs read from count and for_each modules into unmasked variables WHEN checked THEN both are reported', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}module "one" {\n  count  = 1\n  source = "./tok"\n}\nmodule "many" {\n  for_each = toset(["a"])\n  source   = "./tok"\n}\n${variable('one', 'module.one[0].token')}${variable('many', 'module.many["a"].token')}`,
      'tok/main.tf': `${token('this')}${OUTPUT}`,
    });
    expect(brief((await runCheck([dir])).findings).filter((f) => f.startsWith('GLID-013'))).toEqual([
      `GLID-013 ${dir}/main.tf:${lineOf(`${dir}/main.tf`, 'masked    = false')} gitlab_project_variable.one`,
      `GLID-013 ${dir}/main.tf:${lineOf(`${dir}/main.tf`, 'masked    = false') + 8} gitlab_project_variable.many`,
    ]);
  });

  test('GIVEN a module called with count = 0 and a token with for_each = {} WHEN checked THEN nothing is reported for what is never created', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}module "off" {\n  count  = 0\n  source = "./tok"\n}\n${token('none', '  for_each     = {}\n').replace('"reporter"', '"owner"')}`,
      'tok/main.tf': token('this').replace('"reporter"', '"owner"'),
    });
    expect(brief((await runCheck([dir])).findings)).toEqual([]);
  });
});

describe('files given alone', () => {
  const files = () => folder({ 'tokens.tf': `${VERSIONS}${token('bot')}`, 'delivery.tf': variable('bot', 'gitlab_project_access_token.bot.token') });

  test('GIVEN only the file that delivers a token declared in another file WHEN checked THEN its folder is read, and only that file is reported', async () => {
    const dir = files();
    const result = await runCheck([`${dir}/delivery.tf`]);
    expect(brief(result.findings)).toEqual([`GLID-013 ${dir}/delivery.tf:5 gitlab_project_variable.bot`]);
    expect(result.files).toEqual([`${dir}/delivery.tf`]);
  });

  test('GIVEN every file of the folder one by one, and the folder too WHEN checked THEN each file is read once', async () => {
    const dir = files();
    expect((await runCheck([`${dir}/tokens.tf`, `${dir}/delivery.tf`])).files).toEqual([`${dir}/delivery.tf`, `${dir}/tokens.tf`]);
    const both = await runCheck([dir, `${dir}/delivery.tf`, dir]);
    expect(both.files).toEqual([`${dir}/delivery.tf`, `${dir}/tokens.tf`]);
    expect(brief(both.findings)).toHaveLength(1);
  });
});

describe('files given through a link, and nested modules that create nothing', () => {
  test('GIVEN a file given through a symbolic link to its folder WHEN checked THEN it is checked', async () => {
    const dir = folder({ 'tokens.tf': `${VERSIONS}${token('bot')}`, 'delivery.tf': variable('bot', 'gitlab_project_access_token.bot.token') });
    fs.symlinkSync(path.resolve(dir), `${dir}-link`);
    const result = await runCheck([`${dir}-link/delivery.tf`]);
    expect(result.files).toEqual([`${dir}/delivery.tf`]);
    expect(brief(result.findings)).toEqual([`GLID-013 ${dir}/delivery.tf:5 gitlab_project_variable.bot`]);
  });

  test('GIVEN a module with count = 0 that calls another WHEN checked THEN nothing of either is judged', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}module "off" {\n  count  = 0\n  source = "./a"\n}\n`,
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      'b/main.tf': token('deep').replace('"reporter"', '"owner"'),
    });
    expect(brief((await runCheck([dir])).findings)).toEqual([]);
  });

  test('GIVEN a module argument that reads the module\'s own output WHEN checked THEN no crash', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}module "c" {\n  source = "./c"\n  x      = module.c.y\n}\n`,
      'c/main.tf': `variable "x" {}\noutput "y" {\n  value = var.x\n}\n${token('bot').replace('"quality-bot"', 'var.x')}`,
    });
    const findings = active((await runCheck([dir])).findings);
    expect(findings.map((f) => f.message).join('\n')).not.toContain('Maximum call stack');
  });
});

describe('how Terraform loads a module', () => {
  test('GIVEN an override file that adds sudo to a clean token WHEN checked THEN the merged token is judged', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}${token('bot')}`,
      'main_override.tf': 'resource "gitlab_project_access_token" "bot" {\n  scopes = ["api", "sudo"]\n}\n',
    });
    expect(brief((await runCheck([dir])).findings).filter((f) => f.startsWith('GLID-008'))).toEqual([`GLID-008 ${dir}/main_override.tf:2 gitlab_project_access_token.bot`]);
  });

  test('GIVEN terraform.tfvars setting the role of a root module WHEN checked THEN that value is judged, not the default', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}variable "role" {\n  default = "developer"\n}\n${token('bot').replace('"reporter"', 'var.role')}`,
      'terraform.tfvars': 'role = "owner"\n',
    });
    expect(brief((await runCheck([dir])).findings)).toEqual([`GLID-006 ${dir}/main.tf:${lineOf(`${dir}/main.tf`, 'var.role')} gitlab_project_access_token.bot`]);
  });

  test.each([
    ['a default', 'variable "n" {\n  default = 9007199254740993\n}\n', {}],
    ['a variable file', 'variable "n" {\n  default = 1\n}\n', { 'terraform.tfvars': 'n = 9007199254740993\n' }],
    ['a computed default', 'variable "n" {\n  default = 3 * 3002399751580331\n}\n', {}],
  ])('GIVEN a role chosen from %s that is not a literal WHEN checked THEN it fails closed, not judged on its text', async (_what, variable, extra) => {
    // Terraform applies owner (9007199254740993); the expression text, read as the value, would give reporter.
    const role = 'var.n == 9007199254740993 ? "owner" : "reporter"';
    const dir = folder({ 'main.tf': `${VERSIONS}${variable}${token('bot').replace('"reporter"', role)}`, ...extra });
    const found = (await runCheck([dir])).findings.filter((f) => !f.suppressedBy);
    expect(found.map((f) => f.ruleId)).toEqual(['GLID-022']);
    expect(found[0].message).toContain('var.n');
  });

  test('GIVEN a cdktf.out inside the folder checked WHEN checked THEN its stacks are read as cdktf stacks', async () => {
    const dir = folder({
      'infra/cdktf.out/manifest.json': '{}',
      'infra/cdktf.out/stacks/quality/cdk.tf.json': JSON.stringify({ resource: { gitlab_project_access_token: { bot: { '//': { metadata: { path: 'quality/bot' } }, project: 'a/b', name: 'quality-bot', access_level: 'owner', scopes: ['read_api'], rotation_configuration: { expiration_days: 60, rotate_before_days: 14 } } } } }, null, 2),
    });
    const owner = active((await runCheck([dir])).findings).filter((f) => f.ruleId === 'GLID-006');
    expect(owner.map((f) => f.location.constructPath)).toEqual(['quality/bot']);
  });
});

describe('for_each over resources and dynamic blocks', () => {
  test('GIVEN variables made with for_each over the tokens and each.value.token, masked, hidden and protected WHEN checked THEN nothing is reported', async () => {
    const dir = folder({ 'main.tf': `${VERSIONS}${token('bot', '  for_each     = toset(["a", "b"])\n').replace('"quality-bot"', '"quality-${each.key}"')}${variable('v', 'each.value.token', 'true').replace('project   =', 'for_each  = gitlab_project_access_token.bot\n  project   =').replace('"V_TOKEN"', '"TOKEN_${upper(each.key)}"')}` });
    expect(brief((await runCheck([dir])).findings)).toEqual([]);
  });

  test('GIVEN a dynamic rotation_configuration, which Terraform refuses for an attribute, WHEN checked THEN it fails closed with the fix, not judged as its content', async () => {
    const dir = folder({ 'main.tf': `${VERSIONS}resource "gitlab_project_access_token" "bot" {\n  project      = "acme/app"\n  name         = "quality-bot"\n  access_level = "reporter"\n  scopes       = ["read_api"]\n  dynamic "rotation_configuration" {\n    for_each = [{ days = 30 }]\n    content {\n      expiration_days    = rotation_configuration.value.days\n      rotate_before_days = 14\n    }\n  }\n}\n` });
    expect(active((await runCheck([dir])).findings).map((f) => [f.ruleId, f.message])).toEqual([['GLID-022', expect.stringContaining('write rotation_configuration = {')]]);
  });
});

describe('suppressions outside CDKTF', () => {
  test('GIVEN suppressions that are not written as one WHEN checked THEN each is reported, and the finding stays', async () => {
    const dir = folder({ 'main.tf': `${VERSIONS}# gitlab-identity:ignore GLID-006, GLID-016 reviewed by the platform team\n# gitlab-identity: ignore GLID-006 reviewed by the platform team\n${token('bot').replace('"reporter"', '"owner"')}` });
    const findings = active((await runCheck([dir])).findings);
    expect(findings.filter((f) => f.ruleId === 'GLID-000').map((f) => f.message)).toEqual([
      expect.stringContaining('write it as gitlab-identity:ignore GLID-NNN <reason>'), expect.stringContaining('write it as gitlab-identity:ignore GLID-NNN <reason>'),
    ]);
    expect(findings.filter((f) => f.ruleId === 'GLID-006')).toHaveLength(1);
  });

  test('GIVEN a suppression in a block comment over several lines WHEN checked THEN it applies', async () => {
    const dir = folder({ 'main.tf': `${VERSIONS}/*\n * gitlab-identity:ignore GLID-006 the release bot owns the project it creates\n */\n${token('bot').replace('"reporter"', '"owner"')}` });
    const findings = (await runCheck([dir])).findings;
    expect(findings.map((f) => [f.ruleId, f.suppressedBy?.reason])).toEqual([['GLID-006', 'the release bot owns the project it creates']]);
  });

  test('GIVEN a suppression in a module called twice, matching in one call only WHEN checked THEN no unmatched warning', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}module "a" {\n  source = "./tok"\n  role   = "owner"\n}\nmodule "b" {\n  source = "./tok"\n  role   = "reporter"\n}\n`,
      // Names per call (two calls with one literal name would be a reuse, GLID-015).
      'tok/main.tf': `variable "role" {}\n# gitlab-identity:ignore GLID-006 module a is the release bot, reviewed\n${token('this').replace('"reporter"', 'var.role').replace('"quality-this"', '"quality-${var.role}"')}`,
    });
    const findings = (await runCheck([dir])).findings;
    expect(findings.map((f) => [f.ruleId, f.location.address, f.suppressedBy ? 'suppressed' : f.level])).toEqual([['GLID-006', 'module.a.gitlab_project_access_token.this', 'suppressed']]);
  });

  test('GIVEN GLID-020 suppressed on the terraform block WHEN checked THEN it is suppressed', async () => {
    const dir = folder({ 'main.tf': `# gitlab-identity:ignore GLID-020 the provider is pinned in the lock file\nterraform {\n  required_version = ">= 1.5"\n}\n${token('bot')}` });
    expect((await runCheck([dir])).findings.map((f) => [f.ruleId, f.suppressedBy?.reason])).toEqual([['GLID-020', 'the provider is pinned in the lock file']]);
  });
});

describe('token names across roots and module calls', () => {
  test('GIVEN one module called twice with one literal token name WHEN checked THEN the second is a reuse (GLID-015)', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}module "a" {\n  source = "./tok"\n}\nmodule "b" {\n  source = "./tok"\n}\n`,
      'tok/main.tf': token('this'),
    });
    const { findings } = await runCheck([dir]);
    expect(brief(findings)).toEqual([`GLID-015 ${dir}/tok/main.tf:${lineOf(`${dir}/tok/main.tf`, 'name ')} module.b.gitlab_project_access_token.this`]);
    // The earlier use is named where it is in the app, not by a block address both calls share.
    expect(findings[0].message).toContain('reuses the name of module.a.gitlab_project_access_token.this');
  });

  test('GIVEN two root folders declaring the same block and name WHEN checked THEN the second is a reuse', async () => {
    const a = folder({ 'main.tf': `${VERSIONS}${token('bot')}` });
    const b = folder({ 'main.tf': `${VERSIONS}${token('bot')}` });
    expect(brief((await runCheck([a, b])).findings)).toEqual([`GLID-015 ${b}/main.tf:${lineOf(`${b}/main.tf`, 'name ')} gitlab_project_access_token.bot`]);
  });

  test('GIVEN a terraform-block suppression of GLID-014 WHEN checked THEN it covers the module\'s variables', async () => {
    const dir = folder({ 'main.tf': `# gitlab-identity:ignore GLID-014 every pipeline here runs on protected branches only
${VERSIONS}${token('bot')}${variable('bot', 'gitlab_project_access_token.bot.token', 'true').replace('protected = true', 'protected = false')}` });
    expect((await runCheck([dir])).findings.map((f) => [f.ruleId, f.suppressedBy?.reason])).toEqual([['GLID-014', 'every pipeline here runs on protected branches only']]);
  });
});

describe('where findings point', () => {
  test('GIVEN secrets in a hook and a remote module input WHEN checked THEN GLID-023 points at those attributes', async () => {
    const dir = folder({ 'main.tf': `${VERSIONS}${token('bot')}resource "gitlab_project_hook" "h" {\n  project = "acme/app"\n  url     = "https://example.com/hook"\n  token   = gitlab_project_access_token.bot.token\n}\nmodule "remote" {\n  source  = "git::https://example.com/mod.git"\n  api_key = gitlab_project_access_token.bot.token\n}\n` });
    const main = `${dir}/main.tf`;
    expect(brief((await runCheck([dir])).findings)).toEqual([
      // What a remote module creates is not read: fails closed, pointing at its source.
      `GLID-022 ${main}:${lineOf(main, 'source  = "git::')} module.remote`,
      `GLID-023 ${main}:${lineOf(main, 'token   = gitlab')} gitlab_project_hook.h`,
      `GLID-023 ${main}:${lineOf(main, 'api_key')} module.remote`,
    ]);
  });

  test('GIVEN count from a variable without a value WHEN checked THEN GLID-022 points at count', async () => {
    const dir = folder({ 'main.tf': `${VERSIONS}variable "n" {}\n${token('bot', '  count        = var.n\n')}` });
    const main = `${dir}/main.tf`;
    expect(brief((await runCheck([dir])).findings).filter((f) => f.startsWith('GLID-022'))).toEqual([`GLID-022 ${main}:${lineOf(main, 'count        = var.n')} gitlab_project_access_token.bot`]);
  });

  test('GIVEN Terraform JSON in the list forms WHEN checked THEN findings point at the attribute', async () => {
    const dir = folder({ 'main.tf.json': JSON.stringify({ resource: [{ gitlab_project_access_token: [{ bot: { project: 'a/b', name: 'quality-bot', access_level: 'owner', scopes: ['read_api'], rotation_configuration: { expiration_days: 60, rotate_before_days: 14 } } }] }] }, null, 2) });
    const file = `${dir}/main.tf.json`;
    expect(brief((await runCheck([dir])).findings).filter((f) => f.startsWith('GLID-006'))).toEqual([`GLID-006 ${file}:${lineOf(file, '"access_level"')} gitlab_project_access_token.bot`]);
  });

  test('GIVEN a secret of the root passed into a module WHEN reported THEN the message names it as Terraform does', async () => {
    const dir = folder({
      'main.tf': `${VERSIONS}${token('bot')}module "writer" {\n  source  = "./file"\n  content = gitlab_project_access_token.bot.token\n}\n`,
      'file/main.tf': 'variable "content" {}\nresource "gitlab_repository_file" "f" {\n  project   = "acme/app"\n  file_path = "t"\n  branch    = "main"\n  content   = var.content\n}\n',
    });
    expect(active((await runCheck([dir])).findings).map((f) => f.message)).toEqual([
      // The place written and the token, as Terraform addresses them.
      mentioning('gitlab_repository_file.f.content', 'gitlab_project_access_token.bot'),
    ]);
  });
});

describe('input that cannot be read as it is', () => {
  test('GIVEN modules nested deeper than the checks follow WHEN checked THEN that is an error, not a pass', async () => {
    const files: Record<string, string> = { 'main.tf': 'module "m" {\n  source = "./m0"\n}\n' };
    for (let i = 0; i < 18; i++) files[`m${i}/main.tf`] = `module "m" {\n  source = "../m${i + 1}"\n}\n`;
    files['m18/main.tf'] = token('deep').replace('"reporter"', '"owner"');
    const findings = active((await runCheck([folder(files)])).findings);
    expect(findings.map((f) => f.ruleId)).toContain('GLID-000');
    expect(findings.find((f) => f.ruleId === 'GLID-000')?.message).toContain('nested deeper than 16 modules');
  });

  test('GIVEN locals nested 2,000 levels deep WHEN checked THEN no crash', async () => {
    const dir = folder({ 'main.tf': `locals {\n  x = ${'['.repeat(2000)}1${']'.repeat(2000)}\n}\n${token('bot')}` });
    const { status } = await cli('check', dir);
    expect([0, 2]).toContain(status);
  });

  test('GIVEN a plan with a byte-order mark and a Terraform JSON file in UTF-16 WHEN checked THEN both are read', async () => {
    const dir = folder({});
    const config = JSON.stringify({ resource: { gitlab_project_access_token: { bot: { project: 'a/b', name: 'quality-bot', access_level: 'owner', scopes: ['read_api'], rotation_configuration: { expiration_days: 60, rotate_before_days: 14 } } } } });
    fs.writeFileSync(`${dir}/bom.tf.json`, `\ufeff${config}`);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(config.replace('"bot"', '"bot2"'), 'utf16le')]);
    fs.writeFileSync(`${dir}/wide.tf.json`, utf16);
    expect(active((await runCheck([dir])).findings).filter((f) => f.ruleId === 'GLID-006').map((f) => f.location.address)).toEqual(['gitlab_project_access_token.bot', 'gitlab_project_access_token.bot2']);
  });

  test('GIVEN a character device or a FIFO WHEN checked THEN exit 1 with one line', async () => {
    const dir = folder({});
    execFileSync('mkfifo', [`${dir}/pipe.tf`]);
    for (const target of ['/dev/null', `${dir}/pipe.tf`]) {
      const run = await cli('check', target);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^gitlab-identity: [^\n]*(not a file or a folder|not a regular file)\n$/);
    }
  });
});

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCliAsync(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}
