/**
 * The `gitlab-identity` command (issue 5 §2): the program run in this process through `runCli`, as bin.ts
 * runs it, and bin.ts itself run by node in a child process for what only a process shows (exit status,
 * streams). Exit codes: 0 success, 1 error (one line on stderr, never a stack trace), 2 escalation with
 * --fail-on-escalation.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, InventoryDiff, StackInventory } from '../../lib/core';
import { buildOrganisation, organisationPolicy } from '../../examples/organisation';
import { runCli, runCliAsync } from '../../lib/cli/program';
import { escapeMarkdown as md } from '../../lib/core/markdown-escape';
import { mentioningPattern as mentioning } from '../support/mentioning';

const ROOT = path.resolve(__dirname, '../..');
const BIN = 'lib/cli/bin.ts';
/** Transpiles the TypeScript sources in the child (the package's built bin is dist/lib/cli/bin.js). */
const TRANSPILER = path.join(ROOT, 'test/support/register-ts.js');
const STACKS = ['distribution', 'engineering-productivity', 'quality', 'runner-delivery'];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The program in this process, with bin.ts's streams replaced by strings. */
function cli(...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}

/** bin.ts in a child process, from the repository root. */
function bin(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['--require', TRANSPILER, BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 1, nothing on stdout, exactly one line on stderr starting with the command's name, no stack trace. */
function expectOneLineError(r: Run): string {
  expect(r.stderr).not.toContain('    at ');
  expect(r.stderr).toMatch(/^gitlab-identity: [^\n]+\n$/);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  return r.stderr.slice('gitlab-identity: '.length, -1);
}

let tmp: string;
let outdir: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  outdir = path.join(tmp, 'cdktf.out');
  buildOrganisation(new App({ outdir })).synth();
}, 60_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('--help', () => {
  test('the program lists its commands', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: gitlab-identity \[options\] \[command\]/);
    for (const command of ['explain [options]', 'inventory [options] <location>', 'diff [options] <old> <new>']) expect(r.stdout).toContain(command);
  });

  // GAP: `gitlab-identity --help` has no examples; only the commands' help has them.
  test('the program shows examples', () => {
    expect(cli('--help').stdout).toContain('Examples:');
  });

  test.each([
    ['explain', '$ gitlab-identity explain --runtime ci:gitlab-org/gitlab --reach project:gitlab-org/gitlab --capability api:triage'],
    ['inventory', '$ gitlab-identity inventory cdktf.out'],
    ['diff', '$ gitlab-identity diff target/cdktf.out cdktf.out --fail-on-escalation'],
  ])('%s --help shows its usage and examples', (command, example) => {
    for (const args of [[command, '--help'], ['help', command]]) {
      const r = cli(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: gitlab-identity ${command} `));
      expect(r.stdout).toContain('\nExamples:\n');
      expect(r.stdout).toContain(example);
    }
  });

  test('diff --help documents the exit codes', () => {
    expect(cli('diff', '--help').stdout).toContain('Exit codes: 0 no escalation (or not asked to fail), 1 error, 2 escalation with --fail-on-escalation.');
  });
});

describe('explain and AutomationIdentity agree on the service account', () => {
  test('the group and username the plan decides are what the construct renders', () => {
    const r = cli('explain', '--runtime', 'external', '--reach', 'projects:gitlab-org/a,gitlab-org/b', '--capability', 'api:read',
      '--owner', 'quality', '--purpose', 'triage', '--service-account-username', 'quality-triage-bot');
    expect(r.stdout).toContain('Account:      quality-triage-bot in top-level group gitlab-org\n');
    const plan = JSON.parse(cli('explain', '--runtime', 'external', '--reach', 'projects:gitlab-org/a,gitlab-org/b', '--capability', 'api:read',
      '--owner', 'quality', '--purpose', 'triage', '--json').stdout) as { serviceAccountGroup: string; serviceAccountUsername: string };
    expect([plan.serviceAccountGroup, plan.serviceAccountUsername]).toEqual(['gitlab-org', 'gitlab-org_quality-triage']);
  });
});

describe('explain --platform', () => {
  test('GIVEN GitLab.com Free and one project WHEN explained THEN a service account, and why not a project access token', () => {
    const r = cli('explain', '--runtime', 'external', '--reach', 'project:acme/app', '--capability', 'api:read', '--platform', 'gitlab.com:free');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kind:         service-account (decision rule 6)');
    expect(r.stdout).toContain('Platform: GitLab.com Free.');
    expect(r.stdout).toContain('project access tokens need Premium or Ultimate on GitLab.com');
  });

  test('GIVEN self-managed Premium 16.0 and two projects WHEN explained as JSON THEN the bot user\'s token, and the platform in the plan', () => {
    const r = cli('explain', '--runtime', 'external', '--reach', 'projects:acme/app,acme/lib', '--capability', 'api:read', '--bot-user-id', '42', '--platform', 'self-managed:premium:16.0', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'personal-access-token', platform: 'self-managed GitLab Premium 16.0' });
  });

  test('GIVEN self-managed Premium and projects in two top-level groups WHEN explained THEN an instance service account, and the administrator warning', () => {
    const r = cli('explain', '--runtime', 'external', '--reach', 'projects:acme/app,beta/lib', '--capability', 'api:read', '--owner', 'quality', '--purpose', 'sync',
      '--platform', 'self-managed:premium:18.6');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kind:         instance-service-account (decision rule 6)');
    expect(r.stdout).toContain('Account:      quality-sync (instance service account, created by an administrator)\n');
    expect(r.stdout).toContain('  - warning GLID-024: instance service account quality-sync: only an administrator of the instance can create it');
  });

  test('GIVEN GitLab.com and projects in two top-level groups WHEN explained THEN one line saying to split the identity', () => {
    const r = cli('explain', '--runtime', 'external', '--reach', 'projects:acme/app,beta/lib', '--capability', 'api:read', '--platform', 'gitlab.com:premium');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Split the identity into one per top-level group');
  });

  test.each([
    ['gitlab.com', "--platform must be '<offering>:<tier>' or '<offering>:<tier>:<version>', got 'gitlab.com'"],
    ['gitlab.com:gold', "`policy.platform.tier` must be one of 'free', 'premium', 'ultimate', got 'gold'"],
    ['self-managed:free:18', "`policy.platform.version` must be 'MAJOR.MINOR'"],
  ])('GIVEN --platform %s WHEN explained THEN one line naming what is wrong', (spec, message) => {
    const r = cli('explain', '--runtime', 'external', '--reach', 'project:acme/app', '--capability', 'api:read', '--platform', spec);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
  });
});

describe('explain', () => {
  test('text: kind, role, scopes, lifetime, grants, the rationale step by step, findings', () => {
    const r = cli('explain', '--runtime', 'ci:gitlab-org/gitlab', '--reach', 'project:gitlab-org/gitlab', '--capability', 'api:triage',
      '--owner', 'quality', '--purpose', 'allure-report', '--lifetime-days', '60');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Identity:     quality-allure-report',
      'Kind:         project-access-token (decision rule 5)',
      'Access level: reporter',
      'Scopes:       api',
      'Lifetime:     60 days, replaced 14 days before expiry',
      'Grants:',
      '  - access-token on project gitlab-org/gitlab as reporter (token quality-allure-report)',
    ]);
    expect(lines[7]).toBe('Schedule:     run terraform apply at least every 14 days: the token is renewed only by an apply in the 14 days before it expires ' +
      '(every 46 days), and the apply that renews it revokes the previous value at once, so consumers must read the new one before their next use.');
    expect(lines[8]).toBe('Rationale:');
    expect(lines[9]).toBe('  1. project-access-token chosen by rule 5: the reach is the single project gitlab-org/gitlab.');
    expect(r.stdout).toContain('  7. Access level reporter: the lowest role that covers api:triage (table CAPABILITY_ACCESS_LEVEL).');
    expect(r.stdout.endsWith('Findings:\n  none\n')).toBe(true);
  });

  test('text: a CI job token lives for the job only', () => {
    const r = cli('explain', '--runtime', 'ci:gitlab-org/ci-cd/runner-tools/helper-images', '--reach', 'project:gitlab-org/gitlab-runner', '--capability', 'package-registry:read');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kind:         ci-job-token (decision rule 1)\n');
    expect(r.stdout).toContain('Lifetime:     valid only while the CI job runs\n');
    expect(r.stdout).toContain('  - job-token-allowlist on project gitlab-org/gitlab-runner for jobs of gitlab-org/ci-cd/runner-tools/helper-images\n');
  });

  test.each([
    ['a group-wide triage service', ['--runtime', 'external', '--reach', 'group:gitlab-org:350', '--capability', 'api:read', '--capability', 'api:triage'],
      { kind: 'service-account', decisionRule: 6, accessLevel: 'reporter', scopes: ['api'] }],
    ['a cross-project CI package pull', ['--runtime', 'ci:gitlab-org/ci-cd/runner-tools/helper-images', '--reach', 'project:gitlab-org/gitlab-runner', '--capability', 'package-registry:read'],
      { kind: 'ci-job-token', decisionRule: 1, scopes: [] }],
    ['a cluster pulling images', ['--runtime', 'external', '--reach', 'project:gitlab-org/build/cng', '--capability', 'container-registry:read'],
      { kind: 'project-deploy-token', decisionRule: 3, scopes: ['read_registry'], lifetimeDays: 90, rotateBeforeDays: 14 }],
    ['an external trigger', ['--runtime', 'external', '--reach', 'project:gitlab-org/build/omnibus-gitlab-mirror', '--capability', 'pipeline:trigger'],
      { kind: 'pipeline-trigger-token', decisionRule: 2, scopes: [] }],
    ['runner releases over three projects', ['--runtime', 'ci:gitlab-org/gitlab-runner', '--reach', 'projects:gitlab-org/gitlab-runner,gitlab-org/charts/gitlab-runner',
      '--capability', 'repository:write', '--capability', 'releases:write', '--capability', 'api:write'],
      { kind: 'service-account', accessLevel: 'developer', scopes: ['api', 'write_repository'], labels: ['automation:bot-authored'] }],
  ])('--json: %s', (_, args, expected) => {
    const r = cli('explain', ...args, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject(expected);
    expect(plan.name).toBe('team-automation');
    expect(plan.rationale.length).toBeGreaterThan(2);
  });

  test('--policy reads the policy from a JSON file', () => {
    const file = path.join(tmp, 'policy.json');
    fs.writeFileSync(file, JSON.stringify(organisationPolicy));
    const plan = JSON.parse(cli('explain', '--runtime', 'external', '--reach', 'project:gitlab-org/build/cng', '--capability', 'container-registry:read', '--policy', file, '--json').stdout);
    expect(plan).toMatchObject({ kind: 'project-deploy-token', lifetimeDays: 60, rotateBeforeDays: 14 });
  });

  // The line holds the option or field, the value given, what is allowed and an example or fix.
  test.each([
    ['--reach', ['--runtime', 'external', '--reach', 'planet:x', '--capability', 'api:read'],
      ['--reach', "'planet:x'", "'project:<path>'", "'projects:<path>,<path>'", "'group:<path>:<count>'", '--reach projects:gitlab-org/gitlab,gitlab-org/gitaly']],
    ['--reach group without a count', ['--runtime', 'external', '--reach', 'group:gitlab-org', '--capability', 'api:read'],
      ["'group:gitlab-org'", "'group:<path>:<count>'", '--reach group:gitlab-org:350']],
    ['--reach group with a word for a count', ['--runtime', 'external', '--reach', 'group:gitlab-org:many', '--capability', 'api:read'],
      ['reach.projectCount', "'many'", "Reach.group('gitlab-org', { projectCount: 350 })"]],
    ['--runtime', ['--runtime', 'cloud', '--reach', 'project:gitlab-org/gitlab', '--capability', 'api:read'],
      ['--runtime', "'cloud'", "'external'", "'ci:<project path>'", '--runtime ci:gitlab-org/gitlab']],
    ['--runtime with a bad path', ['--runtime', 'ci:gitlab-org//gitlab', '--reach', 'project:gitlab-org/gitlab', '--capability', 'api:read'],
      ['runtime.sourceProject', "'gitlab-org//gitlab'", "'//'", "'gitlab-org/gitlab'"]],
  ])('bad %s: exit 1, one line', (_, args, parts) => {
    expect(expectOneLineError(cli('explain', ...args))).toMatch(mentioning(...parts));
  });

  test('an unknown capability: exit 1, one line with a suggestion', () => {
    const message = expectOneLineError(cli('explain', '--runtime', 'external', '--reach', 'project:gitlab-org/gitlab', '--capability', 'api:reed'));
    expect(message).toMatch(mentioning('capabilities[0]', "'api:reed'", 'repository:read', "'api:read'", 'Capability'));
  });

  test('a missing policy file: exit 1, one line', () => {
    expect(expectOneLineError(cli('explain', '--runtime', 'external', '--reach', 'project:a/b', '--capability', 'api:read', '--policy', 'no/such/policy.json')))
      .toBe("cannot read policy file 'no/such/policy.json': no such file");
  });

  test('a usage error (missing option) exits 1 without a stack trace', () => {
    const r = cli('explain', '--reach', 'project:a/b', '--capability', 'api:read');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("required option '--runtime <spec>' not specified");
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('inventory', () => {
  const stackMarkdown = (stack: string) => fs.readFileSync(path.join(outdir, 'stacks', stack, INVENTORY_MARKDOWN_FILE), 'utf8');
  const stackJson = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, INVENTORY_JSON_FILE), 'utf8')) as StackInventory;

  test('Markdown of all stacks, in stack order', () => {
    const r = cli('inventory', outdir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('# GitLab automation identities\n\n## Stack `distribution`\n')).toBe(true);
    const positions = STACKS.map((s) => r.stdout.indexOf(`## Stack \`${s}\``));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((p) => p > 0)).toBe(true);
    // Each stack's section is exactly what synth wrote to its Markdown file.
    for (const stack of STACKS) expect(r.stdout).toContain(stackMarkdown(stack).replace('# GitLab automation identities\n\n', ''));
    expect(r.stdout.match(/^### /gm)).toHaveLength(12);
  });

  test('--json: every stack inventory, as synthesized', () => {
    const r = cli('inventory', outdir, '--json');
    expect(r.status).toBe(0);
    const inventories = JSON.parse(r.stdout) as StackInventory[];
    expect(inventories.map((i) => i.stack)).toEqual(STACKS);
    expect(inventories).toEqual(STACKS.map(stackJson));
  });

  test('a stack folder or a single inventory file', () => {
    const file = path.join(outdir, 'stacks', 'quality', INVENTORY_JSON_FILE);
    expect(cli('inventory', path.dirname(file)).stdout).toBe(stackMarkdown('quality'));
    expect(JSON.parse(cli('inventory', file, '--json').stdout)).toEqual([stackJson('quality')]);
  });

  test('a missing path: exit 1, one line', () => {
    const missing = path.join(tmp, 'no-such-cdktf.out');
    expect(expectOneLineError(cli('inventory', missing))).toBe(`cannot read '${missing}': no such file or folder`);
  });

  test('a folder without any cdk.tf.json: exit 1, one line', () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    expect(expectOneLineError(cli('inventory', empty))).toBe(
      `'${empty}' holds no cdk.tf.json (expected a cdktf.out folder, a stack folder or a cdk.tf.json file)`,
    );
  });
});

describe('diff', () => {
  type Config = { resource: Record<string, Record<string, Record<string, unknown>>> };
  /**
   * A copy of the synthesized app whose quality stack's cdk.tf.json `edit` changes, as a merge request's
   * override would. Every inventory file of the copy is deleted: the gate must not need them.
   */
  function modifiedCopy(name: string, edit: (config: Config) => void): string {
    const copy = path.join(tmp, name);
    fs.cpSync(outdir, copy, { recursive: true });
    for (const stack of STACKS) {
      for (const f of [INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE]) fs.rmSync(path.join(copy, 'stacks', stack, f));
    }
    const file = path.join(copy, 'stacks', 'quality', 'cdk.tf.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Config;
    edit(config);
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return copy;
  }
  const allure = (config: Config) =>
    Object.values(config.resource.gitlab_project_access_token).find((t) => t.name === 'quality-allure-report') as Record<string, unknown>;

  let escalated: string;
  beforeAll(() => {
    // The reviewer's nightmare: the allure token becomes developer and can read every repository.
    escalated = modifiedCopy('escalated', (config) => {
      allure(config).access_level = 'developer';
      allure(config).scopes = ['api', 'read_repository'];
    });
  });

  test('the same folder: no identity changes, exit 0', () => {
    for (const flags of [[], ['--fail-on-escalation']]) {
      const r = cli('diff', outdir, outdir, ...flags);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('# GitLab identity changes\n\nNo identity changes.\n');
    }
  });

  // GLID-007 says what the override did: the JSON is computed against the identity's plan, on both sides.
  const FOUND = "error GLID-007: gitlab_project_access_token 'quality-allure-report' has access_level developer, above the planned reporter.; " +
    "error GLID-007: gitlab_project_access_token 'quality-allure-report' has scopes read_repository beyond the planned api.";

  test('an escalation found from cdk.tf.json alone (every inventory file deleted): the table first, exit 0 without the flag', () => {
    const r = cli('diff', outdir, escalated);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '# GitLab identity changes',
        '',
        '## ⚠️ 3 escalations of privilege',
        '',
        '| identity | stack | what | before | after |',
        '|---|---|---|---|---|',
        '| **quality-allure-report** | quality | access-level | reporter | **developer** |',
        '| **quality-allure-report** | quality | scopes | api | **api, read_repository** |',
        `| **quality-allure-report** | quality | findings | none | **${md(FOUND)}** |`,
        '',
        '## Changed',
        '',
        '### quality-allure-report',
        '',
        '- **⬆ access-level**: reporter → developer',
        '- **⬆ scopes**: api → api, read_repository',
        `- **⬆ findings**: none → ${md(FOUND)}`,
        '',
      ].join('\n'),
    );
  });

  test('an escalation with --fail-on-escalation: exit 2, the report still printed', () => {
    const r = cli('diff', outdir, escalated, '--fail-on-escalation');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('## ⚠️ 3 escalations of privilege');
  });

  test('--json: the escalations, machine-readable', () => {
    const r = cli('diff', outdir, escalated, '--json');
    expect(r.status).toBe(0);
    const diff = JSON.parse(r.stdout) as InventoryDiff;
    expect(diff.escalations).toEqual([
      { name: 'quality-allure-report', stack: 'quality', change: { dimension: 'access-level', from: 'reporter', to: 'developer', escalation: true } },
      { name: 'quality-allure-report', stack: 'quality', change: { dimension: 'scopes', from: 'api', to: 'api, read_repository', escalation: true } },
      { name: 'quality-allure-report', stack: 'quality', change: { dimension: 'findings', from: 'none', to: FOUND, escalation: true } },
    ]);
    expect([diff.added, diff.removed]).toEqual([[], []]);
  });

  test('the change reversed is a de-escalation: exit 0 even with --fail-on-escalation', () => {
    const r = cli('diff', escalated, outdir, '--fail-on-escalation');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No escalation of privilege.');
    expect(r.stdout).toContain('- access-level: developer → reporter');
  });

  test('a decoy inventory file cannot hide an escalation: the gate never reads it', () => {
    const decoy = modifiedCopy('decoy', (config) => {
      allure(config).access_level = 'owner';
    });
    // The merge request also writes an inventory that claims nothing changed.
    fs.copyFileSync(path.join(outdir, 'stacks', 'quality', INVENTORY_JSON_FILE), path.join(decoy, 'stacks', 'quality', INVENTORY_JSON_FILE));
    const r = cli('diff', outdir, decoy, '--fail-on-escalation');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('| **quality-allure-report** | quality | access-level | reporter | **owner** |');
  });

  test('an identity added and one removed (the request recorded in the JSON renamed)', () => {
    const changed = modifiedCopy('renamed', (config) => {
      const identities = (config as unknown as { '//': { 'gitlab-identity': { identities: Record<string, string> } } })['//']['gitlab-identity'].identities;
      type Record_ = { request: { purpose: string } };
      const key = Object.keys(identities).find((k) => (JSON.parse(identities[k]) as Record_).request.purpose === 'allure-report') as string;
      const record = JSON.parse(identities[key]) as Record_;
      identities[key] = JSON.stringify({ ...record, request: { ...record.request, purpose: 'allure-report-v2' } });
    });
    const r = cli('diff', outdir, changed, '--fail-on-escalation');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('| **quality-allure-report-v2** | quality | identity | none | **project-access-token as reporter** |');
    expect(r.stdout).toContain('## Added\n');
    expect(r.stdout).toContain('## Removed\n\n- quality-allure-report (project-access-token, stack quality)\n');
  });

  test('an inventory file is refused: the gate computes both sides from cdk.tf.json', () => {
    const file = path.join(outdir, 'stacks', 'quality', INVENTORY_JSON_FILE);
    expect(expectOneLineError(cli('diff', outdir, file))).toBe(
      `${file}: is an identity inventory, which the gate never trusts; pass the cdktf.out folder, whose cdk.tf.json files it reads`,
    );
  });

  test('malformed cdk.tf.json inside a cdktf.out folder is named by its path', () => {
    const broken = modifiedCopy('broken', () => undefined);
    const file = path.join(broken, 'stacks', 'runner-delivery', 'cdk.tf.json');
    fs.writeFileSync(file, '{ "resource": ');
    expect(expectOneLineError(cli('diff', outdir, broken))).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(`));
  });

  test('a cdk.tf.json with a number a double does not hold is refused, naming the file and the number', () => {
    const copy = modifiedCopy('inexact', () => undefined);
    const file = path.join(copy, 'stacks', 'runner-delivery', 'cdk.tf.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^\{/, '{ "locals": { "n": 9007199254740993 },'));
    const error = expectOneLineError(cli('diff', outdir, copy));
    expect(error).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: the number 9007199254740993 cannot be read exactly`));
    expect(error).toContain('write it as a string');
  });

  test('a missing file: exit 1, one line', () => {
    const missing = path.join(tmp, 'main-inventory');
    expect(expectOneLineError(cli('diff', missing, outdir))).toBe(`cannot read '${missing}': no such file or folder`);
  });

  test('a missing argument is a usage error: exit 1, no stack trace', () => {
    const r = cli('diff', outdir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("missing required argument 'new'");
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('runCli and check', () => {
  test('check through the synchronous runCli: exit 1, telling to call runCliAsync', () => {
    const r = cli('check', 'test/cli/check/fixtures/risky');
    expect([r.status, r.stderr]).toEqual([1, 'gitlab-identity: check runs asynchronously; call runCliAsync\n']);
  });
});

describe('--version', () => {
  test('it prints the package version and exits 0', () => {
    const r = cli('--version');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});

describe('check on the example app', () => {
  /** The program in this process, for commands that read files as they go. */
  async function cliAsync(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const status = await runCliAsync(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
    return { status, stdout, stderr };
  }

  test('GIVEN a folder that does not exist WHEN checked THEN exit 1, one line on stderr, no stack trace', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    expect(expectOneLineError(await cliAsync('check', missing))).toBe(`${missing}: no such file or folder`);
  });

  test('GIVEN the example app\'s cdktf.out WHEN checked THEN exit 0: its warnings are not errors', async () => {
    const r = await cliAsync('check', outdir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n0 errors, \d+ warnings?, \d+ notes?, \d+ suppressed in 4 files\.\n$/);
  });

  test('GIVEN an override of a role to owner in cdk.tf.json WHEN checked THEN GLID-006 points at its line, with the construct path', async () => {
    const copy = path.join(tmp, 'check-escalated');
    fs.cpSync(outdir, copy, { recursive: true });
    const file = path.join(copy, 'stacks', 'quality', 'cdk.tf.json');
    const text = fs.readFileSync(file, 'utf8').replace('"access_level": "reporter"', '"access_level": "owner"');
    fs.writeFileSync(file, text);
    const r = await cliAsync('check', copy, '--format', 'json');
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string; line: number; constructPath?: string; address?: string } }[] };
    const owner = report.findings.filter((f) => f.ruleId === 'GLID-006');
    expect(owner).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('"access_level": "owner"')) + 1;
    expect(owner[0].location).toMatchObject({ line, address: expect.stringMatching(/^gitlab_project_access_token\./), constructPath: expect.stringMatching(/^quality\//) });
    expect(owner[0].location.file).toMatch(/stacks\/quality\/cdk\.tf\.json$/);
  });
});

describe('bin.ts in a process of its own', () => {
  test('check with findings: exit 2 once the files are read (bin.ts waits for the asynchronous command), the report on stdout', () => {
    const r = bin('check', 'test/cli/check/fixtures/risky', '--format', 'codequality');
    expect([r.status, r.stderr]).toEqual([2, '']);
    expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ check_name: 'GLID-006' })]));
  });

  test('--help: exit 0, usage on stdout', () => {
    const r = bin('--help');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Usage: gitlab-identity /);
  });

  test('an error: exit 1, one line on stderr, no stack trace', () => {
    const missing = path.join(tmp, 'no-such-cdktf.out');
    expect(expectOneLineError(bin('inventory', missing))).toBe(`cannot read '${missing}': no such file or folder`);
  });

  test('an escalation with --fail-on-escalation: exit 2, the note on stdout', () => {
    const copy = path.join(tmp, 'bin-escalated');
    fs.cpSync(outdir, copy, { recursive: true });
    const file = path.join(copy, 'stacks', 'quality', 'cdk.tf.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"access_level": "reporter"', '"access_level": "owner"'));
    const r = bin('diff', outdir, copy, '--fail-on-escalation');
    expect([r.status, r.stderr]).toEqual([2, '']);
    expect(r.stdout).toContain('escalation');
  });
});
