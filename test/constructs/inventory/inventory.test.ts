/**
 * The identity inventory written at synth (issue 5 §1, docs/inventory.md): every stack of the example
 * organisation gets identity-inventory.json and .md, sorted, deterministic, without any secret; the
 * hand-written legacy stack gets one too although its synth fails. Intent assertions first, then a golden
 * snapshot as regression guard.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource } from 'cdktf';
import { INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, InventoryEntry, JOB_TOKEN_ALLOWLIST_PRECONDITION, StackInventory, inventoryToJson, inventoryToMarkdown } from '../../../lib/core';
import { buildExistingStack } from '../../../examples/existing-stack';
import { inventoriesOfApp } from '../../../lib/cli/read-app';
import { buildOrganisation } from '../../../examples/organisation';
import { resolveToken } from '../support';

const STACKS = ['distribution', 'engineering-productivity', 'quality', 'runner-delivery'];

const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function synthOrganisation(): string {
  const outdir = tempDir('inventory-');
  buildOrganisation(new App({ outdir })).synth();
  return outdir;
}

const stackDir = (outdir: string, stack: string) => path.join(outdir, 'stacks', stack);
const read = (outdir: string, stack: string, file: string) => fs.readFileSync(path.join(stackDir(outdir, stack), file), 'utf8');
const inventoryOf = (outdir: string, stack: string) => JSON.parse(read(outdir, stack, INVENTORY_JSON_FILE)) as StackInventory;

/** Every string in a JSON value, with the key it is the value of. */
function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

/**
 * What would give a token's secret away: the `${<type>.<name>.token}` references in the synthesized
 * cdk.tf.json (the values of the CI/CD variables that hold tokens), the `<type>.<name>.token` attribute each
 * names, and any value of an attribute called `token`.
 */
function secretReferences(cdkTfJson: string): string[] {
  const found = new Set<string>();
  for (const [key, value] of strings(JSON.parse(cdkTfJson))) {
    for (const m of value.matchAll(/\$\{([^}]*\.token)\}/g)) {
      found.add(m[0]);
      found.add(m[1]);
    }
    if (key === 'token') found.add(value);
  }
  return [...found].sort();
}

let outdir: string;
beforeAll(() => {
  outdir = synthOrganisation();
});
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('every stack gets its inventory', () => {
  test('each stack folder holds identity-inventory.json and identity-inventory.md', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(STACKS);
    for (const stack of STACKS) {
      expect([stack, fs.readdirSync(stackDir(outdir, stack)).sort()]).toEqual([stack, ['cdk.tf.json', INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE]]);
    }
  });

  test.each(STACKS)('%s: schemaVersion 2, its stack name, entries sorted by name, canonical bytes', (stack) => {
    const text = read(outdir, stack, INVENTORY_JSON_FILE);
    const inv = JSON.parse(text) as StackInventory;
    expect(inv.schemaVersion).toBe(2);
    expect(inv.generator).toBe('cdktf-gitlab-identity');
    expect(inv.stack).toBe(stack);
    const names = inv.identities.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBe(names.length);
    // Written by inventoryToJson: keys sorted, two-space indent, final newline.
    expect(text).toBe(inventoryToJson(inv));
  });

  test('one entry per automation of the team, each from an AutomationIdentity', () => {
    const names = Object.fromEntries(STACKS.map((s) => [s, inventoryOf(outdir, s).identities.map((e) => e.name)]));
    expect(names).toEqual({
      distribution: ['distribution-cng-image-pull', 'distribution-nightly-trigger', 'distribution-omnibus-mirror', 'distribution-omnibus-package-publish'],
      'engineering-productivity': ['eng-prod-danger-review', 'eng-prod-triage-reactive', 'eng-prod-triage-scheduled'],
      quality: ['quality-allure-report', 'quality-async-retrospectives'],
      'runner-delivery': ['runner-helper-package-pull', 'runner-package-publish', 'runner-releases'],
    });
    const sources = STACKS.flatMap((s) => inventoryOf(outdir, s).identities.map((e) => e.source));
    expect(new Set(sources)).toEqual(new Set(['automation-identity']));
  });
});

describe('what a reviewer reads (intent)', () => {
  const allure = () => inventoryOf(outdir, 'quality').identities.find((e) => e.name === 'quality-allure-report') as InventoryEntry;

  test('the allure entry: kind, role, scopes, lifetime 60/14, owner and purpose', () => {
    expect(allure()).toMatchObject({
      source: 'automation-identity',
      kind: 'project-access-token',
      accessLevel: 'reporter',
      scopes: ['api'],
      expiry: 'rotating',
      lifetimeDays: 60,
      rotateBeforeDays: 14,
      owner: 'quality',
      purpose: 'allure-report',
      runtime: { type: 'ci-pipeline', sourceProject: 'gitlab-org/gitlab' },
      reach: { type: 'project', projects: ['gitlab-org/gitlab'] },
      capabilities: ['api:triage'],
      decisionRule: 5,
      constructPath: 'quality/allure-report',
    });
    expect(allure().rationale[0]).toBe('project-access-token chosen by rule 5: the reach is the single project gitlab-org/gitlab.');
  });

  test('the allure entry is delivered to ALLURE_REPORT_TOKEN, not protected: a key and a place, no value', () => {
    expect(allure().deliveries).toEqual([
      { type: 'project-variable', target: 'gitlab-org/gitlab', key: 'ALLURE_REPORT_TOKEN', environmentScope: '*', protected: false },
    ]);
  });

  test('the allure entry has GLID-014 suppressed, with its reason', () => {
    const reason = 'the report job runs in merge-request pipelines on unprotected branches; reporter-only token';
    expect(allure().suppressions).toEqual([{ id: 'GLID-014', reason, scope: 'quality/allure-report' }]);
    expect(allure().findings).toEqual([
      expect.objectContaining({ ruleId: 'GLID-014', level: 'warning', suppressedBy: { id: 'GLID-014', reason } }),
    ]);
    const md = read(outdir, 'quality', INVENTORY_MARKDOWN_FILE);
    expect(md).toContain(`- **Suppression:** GLID-014 on \`quality/allure-report\`: ${reason}`);
    expect(md).toContain('- **Delivered to:** project-variable gitlab-org/gitlab `ALLURE_REPORT_TOKEN` (scope *, **not protected**)');
    expect(md).toContain('| quality-allure-report | project-access-token | reporter | api | 60 d, rotated 14 d before | gitlab-org/gitlab | 1 suppressed |');
  });

  test('CI job tokens live for the job only and hold no stored secret', () => {
    const pull = inventoryOf(outdir, 'runner-delivery').identities.find((e) => e.name === 'runner-helper-package-pull') as InventoryEntry;
    expect(pull).toMatchObject({ kind: 'ci-job-token', expiry: 'job-duration', lifetimeDays: null, accessLevel: null, scopes: [], deliveries: [] });
    expect(pull.grants).toEqual([
      { type: 'job-token-allowlist', targetType: 'project', target: 'gitlab-org/gitlab-runner', source: 'gitlab-org/ci-cd/runner-tools/helper-images' },
    ]);
  });

  test('CI job token entries state the allowlist\'s precondition, in the JSON rationale and as a Markdown item', () => {
    const pull = inventoryOf(outdir, 'runner-delivery').identities.find((e) => e.name === 'runner-helper-package-pull') as InventoryEntry;
    expect(pull.rationale).toContain(JOB_TOKEN_ALLOWLIST_PRECONDITION);
    const md = read(outdir, 'runner-delivery', INVENTORY_MARKDOWN_FILE);
    const section = md.slice(md.indexOf('### runner-helper-package-pull'), md.indexOf('<details>', md.indexOf('### runner-helper-package-pull')));
    expect(section).toContain(`- **Precondition:** ${JOB_TOKEN_ALLOWLIST_PRECONDITION}`);
    expect(JOB_TOKEN_ALLOWLIST_PRECONDITION).toMatch(/limits CI\/CD job token access to its allowlist: the default since GitLab 18\.0 and always on GitLab\.com/);
    // Only job-token entries carry it.
    expect(md.split('- **Precondition:**').length - 1).toBe(inventoryOf(outdir, 'runner-delivery').identities.filter((e) => e.kind === 'ci-job-token').length);
  });

  test('the Markdown opens with the summary table, details after', () => {
    for (const stack of STACKS) {
      const md = read(outdir, stack, INVENTORY_MARKDOWN_FILE);
      const count = inventoryOf(outdir, stack).identities.length;
      // The example app declares its platform (GitLab.com Ultimate): the reviewer reads it before the table.
      expect(md.startsWith(`# GitLab automation identities\n\n## Stack \`${stack}\`\n\n${count} identities, 0 open errors.\n\nPlanned for GitLab.com Ultimate.\n\n| identity | kind | role |`)).toBe(true);
      expect(md.indexOf('|---|')).toBeLessThan(md.indexOf('\n### '));
      expect(md.match(/^### /gm)).toHaveLength(count);
      expect(md.endsWith('\n')).toBe(true);
    }
  });
});

describe('golden inventories (regression guard, not the only assertion)', () => {
  test.each(STACKS)('%s', (stack) => {
    expect(read(outdir, stack, INVENTORY_JSON_FILE)).toMatchSnapshot(`${stack}/${INVENTORY_JSON_FILE}`);
    expect(read(outdir, stack, INVENTORY_MARKDOWN_FILE)).toMatchSnapshot(`${stack}/${INVENTORY_MARKDOWN_FILE}`);
  });
});

test('determinism: two synths into different folders give identical inventory bytes', () => {
  const second = synthOrganisation();
  for (const stack of STACKS) {
    for (const file of [INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE]) {
      expect([stack, file, read(second, stack, file)]).toEqual([stack, file, read(outdir, stack, file)]);
    }
  }
});

describe('no secret in any inventory', () => {
  test('no inventory holds a token reference of its cdk.tf.json, nor anything ending in token}', () => {
    let checked = 0;
    for (const stack of STACKS) {
      const references = secretReferences(read(outdir, stack, 'cdk.tf.json'));
      // The check is only as good as what it looks for: every stack delivers at least one token.
      expect([stack, references.length > 0]).toEqual([stack, true]);
      for (const file of [INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE]) {
        const text = read(outdir, stack, file);
        for (const reference of references) expect([stack, file, text.includes(reference)]).toEqual([stack, file, false]);
        expect(text).not.toContain('.token}');
        expect(text).not.toContain('token}');
        checked += references.length;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * 2 * 10); // 10 stored tokens: reference and attribute, in 2 files
  });
});

describe('a stack written directly with the provider (examples/existing-stack.ts)', () => {
  let legacyOut: string;
  let legacy: StackInventory;
  let md: string;
  let tokenReferences: string[];

  beforeAll(() => {
    // Checked, synth fails and leaves nothing on disk; synthesized plainly, `gitlab-identity inventory` reads it.
    const failedOut = tempDir('inventory-legacy-failed-');
    expect(() => buildExistingStack(new App({ outdir: failedOut })).synth()).toThrow(/GLID-/);
    expect(fs.existsSync(path.join(stackDir(failedOut, 'legacy'), 'cdk.tf.json'))).toBe(false);
    legacyOut = tempDir('inventory-legacy-');
    const app = buildExistingStack(new App({ outdir: legacyOut }), { checks: false });
    app.synth();
    [legacy] = inventoriesOfApp(legacyOut);
    md = inventoryToMarkdown([legacy]);
    tokenReferences = app.node
      .findAll()
      .filter((n): n is TerraformResource => TerraformResource.isTerraformResource(n) && 'token' in n)
      .map((n) => resolveToken(n, (n as unknown as { token: string }).token) as string);
  });

  test('the failing synth writes nothing; the inventory of the plain synth lists the raw tokens as provider resources', () => {
    expect(legacy.identities.map((e) => [e.name, e.source, e.kind, e.resourceType])).toEqual([
      ['GitLab Bot', 'provider-resource', 'group-access-token', 'gitlab_group_access_token'],
      ['legacy/nightly', 'provider-resource', 'pipeline-trigger-token', 'gitlab_pipeline_trigger'],
      ['registry-pull', 'provider-resource', 'project-deploy-token', 'gitlab_project_deploy_token'],
    ]);
  });

  test('the shared group token: maintainer by default, a year long', () => {
    expect(legacy.identities[0]).toMatchObject({ accessLevel: 'maintainer', scopes: ['api', 'read_user'], expiry: 'rotating', lifetimeDays: 365, rotateBeforeDays: 30 });
  });

  test('the deploy token and the trigger never expire, in bold', () => {
    const byName = (name: string) => legacy.identities.find((e) => e.name === name);
    expect(byName('registry-pull')?.expiry).toBe('never');
    expect(byName('legacy/nightly')?.expiry).toBe('never');
    expect(md).toContain('| registry-pull | project-deploy-token | — | read_registry | **never expires** |');
    expect(md).toContain('| legacy/nightly | pipeline-trigger-token | — | — | **never expires** |');
    for (const section of ['### registry-pull', '### legacy/nightly']) {
      const details = md.slice(md.indexOf(section)).split('\n### ')[0];
      expect(details).toContain('- **Lifetime:** **never expires**');
    }
  });

  test('GITLAB_BOT_TOKEN is delivered from the group token (linked by address), and the output finding is attached to it', () => {
    const bot = legacy.identities.find((e) => e.name === 'GitLab Bot') as InventoryEntry;
    expect(bot.deliveries).toEqual([{ type: 'project-variable', target: 'gitlab-org/gitlab', key: 'GITLAB_BOT_TOKEN', environmentScope: '*', protected: null }]);
    expect(bot.findings).toContainEqual({
      ruleId: 'GLID-012',
      level: 'error',
      message: 'output exposes a token secret without sensitive: true.',
      path: 'legacy/bot-token-for-debugging',
    });
    expect(bot.findings.filter((f) => f.path === 'legacy/bot-token').map((f) => f.ruleId)).toEqual(['GLID-013', 'GLID-013', 'GLID-014']);
    for (const other of legacy.identities.filter((e) => e !== bot)) expect(other.deliveries).toEqual([]);
  });

  test('no secret: neither the tokens\' references nor token} appear', () => {
    expect(tokenReferences).toHaveLength(3);
    for (const reference of tokenReferences) expect(reference).toMatch(/^\$\{gitlab_[a-z_]+\.[^}]+\.token\}$/);
    for (const text of [inventoryToJson(legacy), md]) {
      for (const reference of tokenReferences) {
        expect(text).not.toContain(reference);
        expect(text).not.toContain(reference.slice(2, -1));
      }
      expect(text).not.toContain('token}');
    }
  });
});
