/**
 * `gitlab-identity check` over Terraform written by hand: HCL folders with the shapes real configurations
 * have (for_each over a map of tokens, a module wrapping a token, dynamic rotation blocks, fixed expiry dates,
 * a token delivered through another module), Terraform JSON with `//` suppressions, and plans saved by
 * `terraform show -json`. Every finding must point at the line of what it is about.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { runCliAsync } from '../../../lib/cli/program';
import { runCheck } from '../../../lib/cli/check/run-check';
import { CheckFinding } from '../../../lib/cli/check/check-result';
import { mentioning, mentioningPattern } from '../../support/mentioning';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCliAsync(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}

/** The line (1-based) of the first line of `file` that matches `pattern` after line `after`. */
function lineOf(file: string, pattern: RegExp, after = 0): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && pattern.test(l));
  if (i < 0) throw new Error(`${pattern} not in ${file}`);
  return i + 1;
}

/**
 * Where each top-level block of an HCL file starts and ends, found by its layout (`resource "t" "n" {` at the
 * start of a line, `}` alone at the start of a line): independent of the parser under test.
 */
function blockRanges(file: string): Map<string, [number, number]> {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const ranges = new Map<string, [number, number]>();
  lines.forEach((line, i) => {
    const m = /^(resource|output) "([^"]+)"(?: "([^"]+)")? \{/.exec(line);
    if (!m) return;
    const end = lines.findIndex((l, n) => n > i && l === '}');
    ranges.set(m[1] === 'output' ? `output.${m[2]}` : `${m[2]}.${m[3]}`, [i + 1, end + 1]);
  });
  return ranges;
}

const active = (findings: readonly CheckFinding[], ruleId?: string) =>
  findings.filter((f) => f.suppressedBy === undefined && (ruleId === undefined || f.ruleId === ruleId));

let cwd: string;
beforeAll(() => {
  // Reports name files relative to the current directory (the repository root in CI).
  cwd = process.cwd();
  process.chdir(path.resolve(__dirname, '../../..'));
});
afterAll(() => process.chdir(cwd));

describe('check over a folder of risky HCL', () => {
  const main = fixture('risky/main.tf');

  test('GIVEN the risky folder WHEN checked THEN it exits 2 and reports each rule it breaks', async () => {
    const run = await cli('check', fixture('risky'));
    expect(run.status).toBe(2);
    const { findings } = await runCheck([fixture('risky')]);
    expect([...new Set(active(findings).map((f) => f.ruleId))].sort()).toEqual(['GLID-003', 'GLID-006', 'GLID-008', 'GLID-009', 'GLID-010', 'GLID-012', 'GLID-013']);
  });

  test('GIVEN the Code Quality report WHEN read THEN every finding sits inside the offending block, at its attribute', async () => {
    const run = await cli('check', fixture('risky'), '--format', 'codequality');
    const report = JSON.parse(run.stdout) as { check_name: string; description: string; location: { path: string; lines: { begin: number } } }[];
    const { findings } = await runCheck([fixture('risky')]);
    const ranges = blockRanges(main);
    expect(report).toHaveLength(findings.length);
    for (const [i, f] of findings.entries()) {
      expect(report[i].location.path).toBe('test/cli/check/fixtures/risky/main.tf');
      expect(report[i].check_name).toBe(f.ruleId);
      const range = ranges.get(f.location.address as string);
      expect(range).toBeDefined();
      const [start, end] = range as [number, number];
      expect(report[i].location.lines.begin).toBeGreaterThanOrEqual(start);
      expect(report[i].location.lines.begin).toBeLessThanOrEqual(end);
    }
    const at = (ruleId: string) => active(findings, ruleId).map((f) => f.location.line);
    expect(at('GLID-006')).toEqual([lineOf(main, /access_level = var\.role/)]);
    expect(at('GLID-008')).toEqual([lineOf(main, /scopes += \["api", "sudo"\]/)]);
    expect(at('GLID-003')).toEqual([lineOf(main, /expires_at/)]);
    expect(at('GLID-013')).toEqual([lineOf(main, /masked += false/)]);
    expect(at('GLID-012')).toEqual([lineOf(main, /^output "admin_token"/)]);
  });

  test('GIVEN --fail-on never WHEN checked THEN it exits 0 and still prints every finding', async () => {
    const run = await cli('check', fixture('risky'), '--fail-on', 'never');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ERROR GLID-006');
  });
});

describe('check over clean Terraform', () => {
  test('GIVEN a compliant token delivered to a masked, hidden, protected variable WHEN checked THEN no finding and exit 0', async () => {
    const run = await cli('check', fixture('clean'));
    expect(run.stdout).toBe('0 errors, 0 warnings, 0 notes, 0 suppressed in 1 file.\n');
    expect(run.status).toBe(0);
  });

  test('GIVEN --fail-on warning and a warning WHEN checked THEN exit 2; with only suppressed warnings, exit 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-warn-'));
    const variable = (protect: string) => fs.readFileSync(fixture('clean/main.tf'), 'utf8').replace('protected = true', `protected = false${protect}`);
    fs.writeFileSync(path.join(dir, 'main.tf'), variable(''));
    expect((await cli('check', dir)).status).toBe(0);
    expect((await cli('check', dir, '--fail-on', 'warning')).status).toBe(2);
    fs.writeFileSync(path.join(dir, 'main.tf'), variable('').replace('resource "gitlab_project_variable"', '# gitlab-identity:ignore GLID-014 merge-request pipelines need the token\nresource "gitlab_project_variable"'));
    const run = await cli('check', dir, '--fail-on', 'warning');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('suppressed (merge-request pipelines need the token) GLID-014');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('real-world shapes', () => {
  test('GIVEN for_each over a map of tokens WHEN checked THEN only the instance with owner is reported, at access_level', async () => {
    const { findings } = await runCheck([fixture('for-each')]);
    expect(active(findings).map((f) => [f.ruleId, f.location.address, f.location.line])).toEqual([
      ['GLID-006', 'gitlab_project_access_token.bot["release"]', lineOf(fixture('for-each/main.tf'), /access_level = each\.value\.role/)],
    ]);
  });

  test('GIVEN a module wrapping a token with variables for role and scopes WHEN checked THEN the call passing owner and sudo is reported in the module', async () => {
    const { findings } = await runCheck([fixture('module-wrap')]);
    const module = fixture('module-wrap/modules/token/main.tf');
    expect(active(findings).filter((f) => f.ruleId !== 'GLID-020').map((f) => [f.ruleId, f.location.address, f.location.file, f.location.line])).toEqual([
      ['GLID-006', 'module.admin.gitlab_project_access_token.this', 'test/cli/check/fixtures/module-wrap/modules/token/main.tf', lineOf(module, /access_level = var\.role/)],
      ['GLID-008', 'module.admin.gitlab_project_access_token.this', 'test/cli/check/fixtures/module-wrap/modules/token/main.tf', lineOf(module, /scopes += var\.scopes/)],
      ['GLID-009', 'module.admin.gitlab_project_access_token.this', 'test/cli/check/fixtures/module-wrap/modules/token/main.tf', lineOf(module, /scopes += var\.scopes/)],
    ]);
    // The module folder is checked through its calls only: alone, its variables have no value.
    expect(active(findings, 'GLID-022')).toEqual([]);
    // The provider requirement is the root's, once for all its modules' tokens.
    expect(active(findings, 'GLID-020').map((f) => f.location.file)).toEqual(['test/cli/check/fixtures/module-wrap/main.tf']);
  });

  // Provider 18.x declares rotation_configuration a single nested attribute (schema.SingleNestedAttribute in
  // resource_gitlab_project_access_token.go): Terraform refuses a dynamic block for it ("Unsupported block type").
  test('GIVEN dynamic rotation_configuration blocks WHEN checked THEN each fails closed with the fix, whether or not its for_each is known', async () => {
    const { findings } = await runCheck([fixture('dynamic-rotation')]);
    const main = fixture('dynamic-rotation/main.tf');
    expect(active(findings).map((f) => [f.ruleId, f.location.address, f.location.line])).toEqual([
      ['GLID-022', 'gitlab_project_access_token.fixed', lineOf(main, /dynamic "rotation_configuration"/)],
      ['GLID-022', 'gitlab_project_access_token.unknown', lineOf(main, /dynamic "rotation_configuration"/, lineOf(main, /"unknown"/))],
    ]);
    for (const f of active(findings, 'GLID-022')) {
      expect(f.message).toEqual(mentioning('rotation_configuration', 'dynamic block', 'Terraform refuses', 'rotation_configuration = {'));
    }
  });

  test('GIVEN a token created in one module and delivered by another WHEN checked THEN the unmasked variable is reported where it is written', async () => {
    const { findings } = await runCheck([fixture('cross-module')]);
    expect(active(findings).map((f) => [f.ruleId, f.location.address, f.location.file])).toEqual([
      ['GLID-013', 'module.deliver.gitlab_project_variable.ci', 'test/cli/check/fixtures/cross-module/modules/deliver/main.tf'],
    ]);
  });

  test('GIVEN Terraform JSON with a // suppression WHEN checked THEN the suppressed finding carries its reason in every format', async () => {
    const { findings } = await runCheck([fixture('json-config')]);
    const file = fixture('json-config/main.tf.json');
    expect(findings.map((f) => [f.ruleId, f.suppressedBy?.reason, f.location.line])).toEqual([
      ['GLID-010', 'the group holds three projects, reviewed by platform security', lineOf(file, /"small_group"/)],
      ['GLID-014', undefined, lineOf(file, /"protected": false/)],
    ]);
    for (const format of ['text', 'json', 'codequality', 'sarif', 'junit']) {
      expect((await cli('check', fixture('json-config'), '--format', format)).stdout).toContain('the group holds three projects, reviewed by platform security');
    }
  });

  test('GIVEN a suppression comment with too short a reason WHEN checked THEN it is ignored and reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-short-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), fs.readFileSync(fixture('risky/main.tf'), 'utf8').replace('resource "gitlab_group_access_token"', '# gitlab-identity:ignore GLID-006 ok\nresource "gitlab_group_access_token"'));
    const { findings } = await runCheck([dir]);
    expect(active(findings, 'GLID-006')).toHaveLength(1);
    // The rule the suppression was for, and the fewest visible characters a reason needs.
    expect(active(findings, 'GLID-000').map((f) => f.message)).toEqual([mentioning('GLID-006', '10', 'reason')]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('cdk.tf.json synthesized with stack traces', () => {
  test('GIVEN a resource whose metadata holds the trace constructs records WHEN checked THEN the finding names the user\'s file and line', async () => {
    // The trace constructs records when stack traces are on (older constructs releases by default): the user's
    // frame is the first outside node_modules and this library.
    const declared = new Construct(undefined as unknown as Construct, 'root');
    declared.node.addMetadata('stacktrace', 'trace', { stackTrace: true });
    // Below the user's frame, the frames of what they called: cdktf, the provider bindings, this library.
    const trace = [
      'new TerraformResource (/srv/app/node_modules/cdktf/lib/terraform-resource.js:31:9)',
      'new ProjectAccessToken (/srv/app/node_modules/@cdktf/provider-gitlab/lib/project-access-token/index.js:125:9)',
      'renderToken (/srv/app/node_modules/cdktf-gitlab-identity/dist/lib/constructs/render/token.js:40:12)',
      ...(declared.node.metadata[0].trace as string[]),
    ];
    // The user's frame: this test file, at the line the runtime numbers it.
    const frame = trace.find((f) => f.includes('check.test.ts')) as string;
    const line = Number(/:(\d+):\d+\)?$/.exec(frame)?.[1]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-trace-'));
    const file = path.join(dir, 'stacks', 'quality', 'cdk.tf.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({
      resource: { gitlab_project_access_token: { bot: {
        '//': { metadata: { path: 'quality/bot', uniqueId: 'bot', stackTrace: trace } },
        project: 'acme/app', name: 'quality-bot', access_level: 'owner', scopes: ['read_api'],
        rotation_configuration: { expiration_days: 60, rotate_before_days: 14 },
      } } },
    }, null, 2));
    const { findings } = await runCheck([path.join(dir, 'stacks', 'quality', 'cdk.tf.json')]);
    expect(active(findings, 'GLID-006').map((f) => f.location)).toEqual([expect.objectContaining({
      constructPath: 'quality/bot', address: 'gitlab_project_access_token.bot', attribute: 'access_level',
      source: { file: 'test/cli/check/check.test.ts', line },
    })]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('plans from terraform show -json', () => {
  test('GIVEN a plan that creates an owner-level group access token WHEN checked as SARIF THEN GLID-006 is a result at its address', async () => {
    const run = await cli('check', fixture('plans/owner-group-token.json'), '--format', 'sarif');
    expect(run.status).toBe(2);
    const sarif = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: { fullyQualifiedName: string }[] }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const owner = sarif.runs[0].results.filter((r) => r.ruleId === 'GLID-006');
    expect(owner).toHaveLength(1);
    expect(owner[0].level).toBe('error');
    expect(owner[0].locations[0].physicalLocation.artifactLocation.uri).toBe('test/cli/check/fixtures/plans/owner-group-token.json');
    expect(owner[0].locations[0].logicalLocations?.[0].fullyQualifiedName).toBe('gitlab_group_access_token.deploy');
  });

  test('GIVEN a plan whose token value is unknown until apply WHEN checked THEN the variable is still known to hold the token', async () => {
    const { findings } = await runCheck([fixture('plans/owner-group-token.json')]);
    // Masked, hidden and protected: the variable holding the (unknown) token passes; GLID-020 sees the plan's constraint.
    expect(active(findings).map((f) => f.ruleId).sort()).toEqual(['GLID-006', 'GLID-010']);
  });

  test('GIVEN a plan with module instances of for_each and values unknown at plan WHEN checked THEN each instance is judged at its address', async () => {
    const { findings } = await runCheck([fixture('plans/module-for-each.json')]);
    expect(active(findings).map((f) => [f.ruleId, f.location.address, f.location.line])).toEqual([
      ['GLID-013', 'module.bots["release"].gitlab_project_variable.token', undefined],
      ['GLID-022', 'module.bots["release"].gitlab_project_access_token.this', undefined],
    ]);
    // The token, the attribute, and what it depends on that is known only at apply.
    expect(active(findings, 'GLID-022')[0].message).toEqual(mentioning('gitlab_project_access_token', 'access_level', 'data.gitlab_group.team.id', 'apply'));
  });
});

describe('input check cannot read', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-bad-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('GIVEN a folder with no Terraform WHEN checked THEN exit 1 with one line naming it', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    fs.writeFileSync(path.join(empty, 'README.md'), '# nothing');
    const run = await cli('check', empty);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^gitlab-identity: .*empty-.*: holds no Terraform \(no \*\.tf, \*\.tf\.json or stacks\/\*\/cdk\.tf\.json files\)\n$/);
  });

  test('GIVEN a truncated JSON file WHEN checked THEN exit 1 naming the file', async () => {
    const file = path.join(tmp, 'main.tf.json');
    fs.writeFileSync(file, '{"resource": {"gitlab_project_access_token": {"t": {');
    const run = await cli('check', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/main\.tf\.json: not valid JSON/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  test('GIVEN a JSON number a double does not hold WHEN checked THEN exit 1 naming the file and the number', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'inexact-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), '{"locals": {"level": 9007199254740993}}');
    const run = await cli('check', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('main.tf.json:1: the number 9007199254740993 cannot be read exactly');
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  test('GIVEN invalid HCL WHEN checked THEN an error finding names the file and line, and the rest is still checked', async () => {
    const { findings } = await runCheck([fixture('invalid-hcl')]);
    const syntax = findings.filter((f) => f.ruleId === 'GLID-000');
    expect(syntax.length).toBeGreaterThan(0);
    // The parser marks where it could not go on: line 4, after `access_level =` was left without a value on
    // line 3 (Terraform names line 3); either way, inside the broken block.
    expect(syntax[0]).toMatchObject({ level: 'error', location: { file: 'test/cli/check/fixtures/invalid-hcl/main.tf', line: 4 } });
    expect(syntax[0].message).toMatch(mentioningPattern('invalid HCL'));
    // The line is in the location only: the message (which reports fingerprint) does not change when lines move.
    expect(syntax[0].message).not.toMatch(/line/);
    expect((await cli('check', fixture('invalid-hcl'))).status).toBe(2);
  });

  test('GIVEN 1e3 (valid HCL the parser here does not read) WHEN checked THEN the error says Terraform reads it and how to write it', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'exponent-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'locals {\n  big = 1e3\n  next = 1\n}\n');
    const [problem] = (await runCheck([dir])).findings.filter((f) => f.ruleId === 'GLID-000');
    expect(problem.message).toMatch(mentioningPattern('write 1000 or 1.0e3', 'Terraform reads it'));
    expect(problem.message).not.toMatch(/Terraform refuses/);
  });

  describe('rotation_configuration written as a block in HCL', () => {
    const token = (type: string, name: string, rotation: string) => [
      `resource "${type}" "${name}" {`, '  project      = "acme/app"', `  name         = "quality-${name}"`,
      '  access_level = "reporter"', '  scopes       = ["read_api"]', rotation, '}', ''].join('\n');
    const BLOCK = '  rotation_configuration {\n    expiration_days    = 30\n    rotate_before_days = 7\n  }';
    const ATTRIBUTE = '  rotation_configuration = {\n    expiration_days    = 30\n    rotate_before_days = 7\n  }';
    const refusals = (findings: readonly CheckFinding[]) => findings.filter((f) => f.ruleId === 'GLID-000');
    const folder = (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(tmp, 'rotation-'));
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      return dir;
    };

    test('GIVEN the block on a project access token WHEN checked THEN an error at its line, on the token and attribute, gives the attribute form', async () => {
      const dir = folder({ 'main.tf': token('gitlab_project_access_token', 'block', BLOCK) + token('gitlab_project_access_token', 'attribute', ATTRIBUTE) });
      const refused = refusals((await runCheck([dir])).findings);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({
        level: 'error',
        location: { line: lineOf(path.join(dir, 'main.tf'), /rotation_configuration \{/), address: 'gitlab_project_access_token.block', attribute: 'rotation_configuration' },
        fix: expect.stringContaining('rotation_configuration = {'),
      });
      expect(refused[0].message).toMatch(mentioningPattern('Unsupported block type', 'override'));
      // No line in the message: a report's fingerprint hashes the message, and must not change when lines move.
      expect(refused[0].message).not.toMatch(/line|cannot judge/);
      expect((await cli('check', dir)).status).toBe(2);
    });

    test('GIVEN the block in an override file WHEN checked THEN it is reported there, and the token keeps the attribute the other file sets', async () => {
      const dir = folder({
        'main.tf': token('gitlab_project_access_token', 't', ATTRIBUTE),
        'main_override.tf': 'resource "gitlab_project_access_token" "t" {\n  rotation_configuration {\n    expiration_days    = 400\n    rotate_before_days = 7\n  }\n}\n',
      });
      const { findings } = await runCheck([dir]);
      expect(refusals(findings).map((f) => [f.location.file.split('/').pop(), f.location.address])).toEqual([['main_override.tf', 'gitlab_project_access_token.t']]);
      // Terraform drops the block: the 400 days it sets are not what is applied (GLID-003 would be about them).
      expect(findings.filter((f) => f.ruleId === 'GLID-003')).toEqual([]);
    });

    test('GIVEN the block in the base file of an overridden token WHEN checked THEN the token is judged without rotation, as Terraform creates it', async () => {
      const dir = folder({
        'main.tf': token('gitlab_project_access_token', 't', BLOCK),
        'main_override.tf': 'resource "gitlab_project_access_token" "t" {\n  name = "quality-renamed"\n}\n',
      });
      const { findings } = await runCheck([dir]);
      expect(findings.filter((f) => f.level === 'error').map((f) => f.ruleId).sort()).toEqual(['GLID-000', 'GLID-001']);
    });

    test('GIVEN a block of that name on another provider\'s resource WHEN checked THEN it is not judged', async () => {
      // Another provider's resource may have such a block.
      const dir = folder({ 'main.tf': token('somecloud_secret', 's', BLOCK) });
      expect((await runCheck([dir])).findings).toEqual([]);
    });

    test.each(['gitlab_project_deploy_token', 'gitlab_user_impersonation_token'])(
      'GIVEN rotation_configuration on %s, which has none WHEN checked THEN it is refused and the token judged without it (never expires)', async (type) => {
        for (const rotation of [BLOCK, ATTRIBUTE]) {
          const dir = folder({ 'main.tf': token(type, 'd', rotation) });
          const errors = (await runCheck([dir])).findings.filter((f) => f.level === 'error');
          expect(errors.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['GLID-001', 'GLID-022']));
          expect(errors.find((f) => f.ruleId === 'GLID-022')?.message).toMatch(mentioningPattern(type, 'no rotation_configuration', 'Unsupported argument'));
        }
      });

    test('GIVEN the token in Terraform JSON WHEN checked THEN an object is the attribute, and a list of one is refused as Terraform refuses it', async () => {
      const config = (rotation: unknown) => JSON.stringify({ resource: { gitlab_project_access_token: { t: {
        project: 'acme/app', name: 'quality-t', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: rotation,
      } } } });
      const rotation = { expiration_days: 30, rotate_before_days: 7 };
      expect((await runCheck([folder({ 'main.tf.json': config(rotation) })])).findings.filter((f) => f.ruleId === 'GLID-000' || f.ruleId === 'GLID-022')).toEqual([]);
      const list = (await runCheck([folder({ 'main.tf.json': config([rotation]) })])).findings;
      expect(list.filter((f) => f.ruleId === 'GLID-022').map((f) => f.message)).toEqual([mentioning('tuple', 'Terraform refuses', '"rotation_configuration": {')]);
    });
  });

  test('GIVEN a 100 MB file WHEN checked THEN exit 1 saying it is too large, without reading it', async () => {
    const big = path.join(tmp, 'big.tf');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 100 * 1024 * 1024); // sparse: no disk used
    const run = await cli('check', big);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/big\.tf: 100 MB, more than the 32 MB check reads/);
  });

  test('GIVEN a symbolic link loop WHEN checked THEN a folder linking to itself is read once, and a file loop is exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'loop-'));
    fs.copyFileSync(fixture('clean/main.tf'), path.join(dir, 'main.tf'));
    fs.symlinkSync(dir, path.join(dir, 'again'));
    const folder = await cli('check', dir);
    expect(folder.status).toBe(0);
    expect(folder.stdout).toContain('in 1 file.');
    fs.symlinkSync(path.join(dir, 'b.tf'), path.join(dir, 'a.tf'));
    fs.symlinkSync(path.join(dir, 'a.tf'), path.join(dir, 'b.tf'));
    const run = await cli('check', path.join(dir, 'a.tf'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/a\.tf: a symbolic link loop/);
  });

  test('GIVEN a .terraform folder with downloaded modules WHEN a folder is checked THEN it is skipped', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'dot-terraform-'));
    fs.copyFileSync(fixture('clean/main.tf'), path.join(dir, 'main.tf'));
    fs.mkdirSync(path.join(dir, '.terraform', 'modules', 'vendored'), { recursive: true });
    fs.copyFileSync(fixture('risky/main.tf'), path.join(dir, '.terraform', 'modules', 'vendored', 'main.tf'));
    const run = await cli('check', dir);
    expect([run.status, run.stdout]).toEqual([0, '0 errors, 0 warnings, 0 notes, 0 suppressed in 1 file.\n']);
  });

  test('GIVEN --policy with a shorter maximum lifetime WHEN checked THEN the policy is applied', async () => {
    const policy = path.join(tmp, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ maxLifetimeDays: 30 }));
    const { status, stdout } = await cli('check', fixture('clean'), '--policy', policy);
    expect(status).toBe(2);
    // The token's line of the text report: its name, the 60 days it lives, and the policy's 30.
    expect(stdout.split('\n').find((l) => l.includes('GLID-003'))).toMatch(mentioningPattern("'quality-triage'", '60', '30', 'maxLifetimeDays'));
  });

  test('GIVEN an unknown --format WHEN run THEN exit 1 listing the formats', async () => {
    const run = await cli('check', fixture('clean'), '--format', 'html');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("'html' is not a format; use one of text, json, codequality, sarif, junit.");
  });
});

describe('--output', () => {
  test('GIVEN --output WHEN checked THEN the report goes to the file and the text report to the terminal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-out-'));
    const file = path.join(dir, 'gl-code-quality-report.json');
    const run = await cli('check', fixture('risky'), '--format', 'codequality', '--output', file);
    expect(run.status).toBe(2);
    const bytes = fs.readFileSync(file);
    expect(bytes[0]).toBe('['.charCodeAt(0)); // no byte-order mark
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(expect.arrayContaining([expect.objectContaining({ check_name: 'GLID-006', severity: 'critical' })]));
    expect(run.stdout).toMatch(/ERROR GLID-006 .*\n/);
    expect(run.stdout).toMatch(/\n6 errors, 1 warning, 0 notes, 0 suppressed in 1 file\.\n$/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
