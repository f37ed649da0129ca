/**
 * The identity inventory written at synth (issue 5 §1, docs/inventory.md): every stack of the example
 * organisation gets identity-inventory.json and .md, sorted, deterministic, without any secret; the
 * hand-written legacy stack gets one too although its synth fails. Every entry is asserted field by field;
 * the rationale and the findings' messages, prose for reviewers, only as what they carry (the plan's own
 * rationale, the address or key a finding is about), never word for word. One small snapshot pins the JSON
 * layout of an entry.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource } from 'cdktf';
import { AutomationIdentity } from '../../../lib';
import {
  INVENTORY_JSON_FILE,
  INVENTORY_MARKDOWN_FILE,
  InventoryDelivery,
  InventoryEntry,
  InventoryFinding,
  JOB_TOKEN_ALLOWLIST_PRECONDITION,
  StackInventory,
  inventoryToJson,
  inventoryToMarkdown,
} from '../../../lib/core';
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

function synthOrganisation(): { outdir: string; app: App } {
  const outdir = tempDir('inventory-');
  const app = buildOrganisation(new App({ outdir }));
  app.synth();
  return { outdir, app };
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
let identities: AutomationIdentity[];
beforeAll(() => {
  let app: App;
  ({ outdir, app } = synthOrganisation());
  identities = app.node.findAll().filter(AutomationIdentity.isAutomationIdentity);
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

describe('every entry, field by field', () => {
  // GIVEN the example organisation WHEN synthesized THEN each inventory entry holds exactly these fields. The
  // rationale and the findings' messages are left out here (prose, asserted below by what they carry).
  const VERIFIED_DOMAIN = 'example.com is a verified domain of gitlab-org, so service accounts with these addresses are active at once';
  const DANGER_UNPROTECTED = 'Danger runs in merge-request pipelines on unprotected branches; the token is reporter-only';
  const ALLURE_UNPROTECTED = 'the report job runs in merge-request pipelines on unprotected branches; reporter-only token';

  const FROM_IDENTITY = { source: 'automation-identity', resourceType: null, copies: 1, differsFromPlan: [] } as const;
  const ROTATING_60_14 = { expiry: 'rotating', lifetimeDays: 60, rotateBeforeDays: 14 } as const;
  const JOB_DURATION = { expiry: 'job-duration', lifetimeDays: null, rotateBeforeDays: null } as const;
  const EXTERNAL = { type: 'external' } as const;
  const ci = (sourceProject: string) => ({ type: 'ci-pipeline', sourceProject });
  const project = (path: string) => ({ type: 'project', projects: [path] });
  const variable = (target: string, key: string, { environmentScope = '*', protected: isProtected = true } = {}): InventoryDelivery =>
    ({ type: 'project-variable', target, key, environmentScope, protected: isProtected });
  /** The service account's custom-email warning, suppressed for the whole stack because the domain is verified. */
  const verifiedDomain = (path: string, stack: string) => ({
    findings: [{ ruleId: 'GLID-019', level: 'warning', path, suppressedBy: { id: 'GLID-019', reason: VERIFIED_DOMAIN } }],
    suppressions: [{ id: 'GLID-019', reason: VERIFIED_DOMAIN, scope: stack }],
  });
  /** The unprotected-variable warning, suppressed on the identity with its reason. */
  const unprotected = (identityPath: string, variablePath: string, reason: string) => ({
    findings: [{ ruleId: 'GLID-014', level: 'warning', path: `${identityPath}/${variablePath}`, suppressedBy: { id: 'GLID-014', reason } }],
    suppressions: [{ id: 'GLID-014', reason, scope: identityPath }],
  });
  const NO_FINDINGS = { findings: [], suppressions: [] } as const;

  const expected: Record<string, Record<string, unknown>> = {
    // distribution
    'distribution-cng-image-pull': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...NO_FINDINGS, kind: 'project-deploy-token', decisionRule: 3, owner: 'distribution', purpose: 'cng-image-pull',
      constructPath: 'distribution/cng-image-pull', runtime: EXTERNAL, reach: project('gitlab-org/build/cng'), capabilities: ['container-registry:read'],
      accessLevel: null, scopes: ['read_registry'], labels: [], users: [],
      grants: ['a', 'b'].map((slot) => ({ type: 'deploy-token', targetType: 'project', target: 'gitlab-org/build/cng', tokenName: `distribution-cng-image-pull-${slot}` })),
      deliveries: [variable('gitlab-org/distribution/cluster-config', 'CNG_REGISTRY_TOKEN')],
      overlap: { slots: ['distribution-cng-image-pull-a', 'distribution-cng-image-pull-b'], delivered: 'later-expiring', graceDays: 10, tolerableGapDays: 37 },
    },
    'distribution-nightly-trigger': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...NO_FINDINGS, kind: 'pipeline-trigger-token', decisionRule: 2, owner: 'distribution', purpose: 'nightly-trigger',
      constructPath: 'distribution/nightly-build-trigger', runtime: EXTERNAL, reach: project('gitlab-org/build/omnibus-gitlab-mirror'), capabilities: ['pipeline:trigger'],
      accessLevel: null, scopes: [], labels: [], users: [],
      grants: [{ type: 'pipeline-trigger', targetType: 'project', target: 'gitlab-org/build/omnibus-gitlab-mirror', tokenName: 'distribution-nightly-trigger' }],
      deliveries: [variable('gitlab-org/distribution/scheduler', 'NIGHTLY_TRIGGER_TOKEN')],
    },
    'distribution-omnibus-mirror': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...verifiedDomain('distribution/omnibus-mirror', 'distribution'),
      kind: 'service-account', decisionRule: 6, owner: 'distribution', purpose: 'omnibus-mirror', constructPath: 'distribution/omnibus-mirror', runtime: EXTERNAL,
      reach: { type: 'projects', projects: ['gitlab-org/build/omnibus-mirror/gitlab', 'gitlab-org/omnibus-gitlab'] }, capabilities: ['repository:read', 'repository:write'],
      accessLevel: 'developer', scopes: ['write_repository'], labels: [],
      grants: ['gitlab-org/build/omnibus-mirror/gitlab', 'gitlab-org/omnibus-gitlab'].map((target) => ({ type: 'membership', targetType: 'project', target, accessLevel: 'developer' })),
      deliveries: [variable('gitlab-org/build/omnibus-mirror/mirror-tools', 'MIRROR_TOKEN')],
      users: ['service account gitlab_group_service_account.omnibus-mirror_ServiceAccount_FB9085DE'],
    },
    'distribution-omnibus-package-publish': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...NO_FINDINGS, kind: 'project-deploy-token', decisionRule: 3, owner: 'distribution', purpose: 'omnibus-package-publish',
      constructPath: 'distribution/omnibus-package-publish', runtime: EXTERNAL, reach: project('gitlab-org/omnibus-gitlab'), capabilities: ['package-registry:write'],
      accessLevel: null, scopes: ['read_package_registry', 'write_package_registry'], labels: [], users: [],
      grants: [{ type: 'deploy-token', targetType: 'project', target: 'gitlab-org/omnibus-gitlab', tokenName: 'distribution-omnibus-package-publish' }],
      deliveries: [variable('gitlab-org/distribution/build-farm', 'OMNIBUS_PACKAGES_TOKEN')],
    },
    // engineering-productivity
    'eng-prod-danger-review': {
      ...FROM_IDENTITY, ...ROTATING_60_14,
      ...unprotected('engineering-productivity/danger-review', 'Variable-project-gitlab-org~gitlab-DANGER_GITLAB_API_TOKEN', DANGER_UNPROTECTED),
      kind: 'project-access-token', decisionRule: 5, owner: 'eng-prod', purpose: 'danger-review', constructPath: 'engineering-productivity/danger-review',
      runtime: ci('gitlab-org/gitlab'), reach: project('gitlab-org/gitlab'), capabilities: ['api:triage'], accessLevel: 'reporter', scopes: ['api'], labels: [], users: [],
      grants: [{ type: 'access-token', targetType: 'project', target: 'gitlab-org/gitlab', tokenName: 'eng-prod-danger-review', accessLevel: 'reporter' }],
      deliveries: [variable('gitlab-org/gitlab', 'DANGER_GITLAB_API_TOKEN', { protected: false })],
    },
    'eng-prod-triage-reactive': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...verifiedDomain('engineering-productivity/triage-reactive', 'engineering-productivity'),
      kind: 'service-account', decisionRule: 6, owner: 'eng-prod', purpose: 'triage-reactive', constructPath: 'engineering-productivity/triage-reactive',
      runtime: EXTERNAL, reach: { type: 'group', group: 'gitlab-org', projectCount: 350 }, capabilities: ['api:read', 'api:triage'],
      accessLevel: 'reporter', scopes: ['api'], labels: [],
      grants: [{ type: 'membership', targetType: 'group', target: 'gitlab-org', accessLevel: 'reporter' }],
      deliveries: [variable('gitlab-org/quality/triage-serverless', 'GITLAB_API_TOKEN', { environmentScope: 'production' })],
      users: ['service account gitlab_group_service_account.triage-reactive_ServiceAccount_2DA05C64'],
    },
    'eng-prod-triage-scheduled': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...verifiedDomain('engineering-productivity/triage-scheduled', 'engineering-productivity'),
      kind: 'service-account', decisionRule: 6, owner: 'eng-prod', purpose: 'triage-scheduled', constructPath: 'engineering-productivity/triage-scheduled',
      runtime: ci('gitlab-org/quality/triage-ops'), reach: { type: 'group', group: 'gitlab-org', projectCount: 350 }, capabilities: ['api:read', 'api:triage', 'api:maintain'],
      accessLevel: 'maintainer', scopes: ['api'], labels: [],
      grants: [{ type: 'membership', targetType: 'group', target: 'gitlab-org', accessLevel: 'maintainer' }],
      deliveries: [variable('gitlab-org/quality/triage-ops', 'GITLAB_API_TOKEN')],
      users: ['service account gitlab_group_service_account.triage-scheduled_ServiceAccount_070CE84E'],
    },
    // quality
    'quality-allure-report': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...unprotected('quality/allure-report', 'Variable-project-gitlab-org~gitlab-ALLURE_REPORT_TOKEN', ALLURE_UNPROTECTED),
      kind: 'project-access-token', decisionRule: 5, owner: 'quality', purpose: 'allure-report', constructPath: 'quality/allure-report',
      runtime: ci('gitlab-org/gitlab'), reach: project('gitlab-org/gitlab'), capabilities: ['api:triage'], accessLevel: 'reporter', scopes: ['api'], labels: [], users: [],
      grants: [{ type: 'access-token', targetType: 'project', target: 'gitlab-org/gitlab', tokenName: 'quality-allure-report', accessLevel: 'reporter' }],
      deliveries: [variable('gitlab-org/gitlab', 'ALLURE_REPORT_TOKEN', { protected: false })],
    },
    'quality-async-retrospectives': {
      ...FROM_IDENTITY, ...NO_FINDINGS, expiry: 'rotating', lifetimeDays: 30, rotateBeforeDays: 7,
      kind: 'project-access-token', decisionRule: 5, owner: 'quality', purpose: 'async-retrospectives', constructPath: 'quality/async-retrospectives',
      runtime: ci('gitlab-org/async-retrospectives'), reach: project('gl-retrospectives/quality'), capabilities: ['api:read', 'api:write'],
      accessLevel: 'developer', scopes: ['api'], labels: [], users: [],
      grants: [{ type: 'access-token', targetType: 'project', target: 'gl-retrospectives/quality', tokenName: 'quality-async-retrospectives', accessLevel: 'developer' }],
      deliveries: [variable('gitlab-org/async-retrospectives', 'RETRO_GITLAB_TOKEN')],
    },
    // runner-delivery
    'runner-helper-package-pull': {
      ...FROM_IDENTITY, ...JOB_DURATION, ...NO_FINDINGS, kind: 'ci-job-token', decisionRule: 1, owner: 'runner', purpose: 'helper-package-pull',
      constructPath: 'runner-delivery/helper-images-package-pull', runtime: ci('gitlab-org/ci-cd/runner-tools/helper-images'), reach: project('gitlab-org/gitlab-runner'),
      capabilities: ['package-registry:read'], accessLevel: null, scopes: [], labels: [], users: [], deliveries: [],
      grants: [{ type: 'job-token-allowlist', targetType: 'project', target: 'gitlab-org/gitlab-runner', source: 'gitlab-org/ci-cd/runner-tools/helper-images' }],
    },
    'runner-package-publish': {
      ...FROM_IDENTITY, ...JOB_DURATION, ...NO_FINDINGS, kind: 'ci-job-token', decisionRule: 1, owner: 'runner', purpose: 'package-publish',
      constructPath: 'runner-delivery/runner-packages', runtime: ci('gitlab-org/gitlab-runner'), reach: project('gitlab-org/gitlab-runner'),
      capabilities: ['package-registry:write'], accessLevel: null, scopes: [], labels: [], users: [], deliveries: [], grants: [],
    },
    'runner-releases': {
      ...FROM_IDENTITY, ...ROTATING_60_14, ...verifiedDomain('runner-delivery/runner-releases', 'runner-delivery'),
      kind: 'service-account', decisionRule: 6, owner: 'runner', purpose: 'releases', constructPath: 'runner-delivery/runner-releases',
      runtime: ci('gitlab-org/gitlab-runner'),
      reach: { type: 'projects', projects: ['gitlab-org/charts/gitlab-runner', 'gitlab-org/ci-cd/runner-tools/releaser', 'gitlab-org/gitlab-runner'] },
      capabilities: ['repository:write', 'releases:write', 'api:write'], accessLevel: 'developer', scopes: ['api', 'write_repository'],
      labels: ['automation:bot-authored'],
      grants: ['gitlab-org/charts/gitlab-runner', 'gitlab-org/ci-cd/runner-tools/releaser', 'gitlab-org/gitlab-runner']
        .map((target) => ({ type: 'membership', targetType: 'project', target, accessLevel: 'developer' })),
      deliveries: [variable('gitlab-org/gitlab-runner', 'RELEASE_BOT_TOKEN')],
      users: ['service account gitlab_group_service_account.runner-releases_ServiceAccount_477C9EF7'],
    },
  };

  const entries = () => STACKS.flatMap((stack) => inventoryOf(outdir, stack).identities.map((e) => [stack, e] as const));
  const withoutProse = ({ rationale: _rationale, findings, ...fields }: InventoryEntry) =>
    ({ ...fields, findings: findings.map(({ message: _message, ...f }: InventoryFinding) => f) });
  const planOf = (e: InventoryEntry) => identities.find((i) => i.node.path === e.constructPath)?.plan;

  test('every entry has its expectation, and every expectation its entry', () => {
    expect(entries().map(([, e]) => e.name).sort()).toEqual(Object.keys(expected).sort());
  });

  test.each(Object.keys(expected))('%s', (name) => {
    const e = entries().find(([, entry]) => entry.name === name)?.[1] as InventoryEntry;
    expect(withoutProse(e)).toEqual({ name, ...expected[name] });
  });

  test('each stack names the platform its identities were planned for', () => {
    for (const stack of STACKS) expect([stack, inventoryOf(outdir, stack).platforms]).toEqual([stack, ['GitLab.com Ultimate']]);
  });

  test('the rationale is the plan\'s, as planned: the summary names the kind and the deciding rule, the platform is stated', () => {
    for (const [, e] of entries()) {
      const plan = planOf(e);
      expect([e.name, e.rationale]).toEqual([e.name, plan?.rationale]);
      expect([e.name, e.rationale[0].startsWith(`${e.kind} chosen by rule ${e.decisionRule}: `)]).toEqual([e.name, true]);
      expect([e.name, plan?.platform]).toEqual([e.name, 'GitLab.com Ultimate']);
    }
  });

  test('each finding\'s message names what it is about: the plan\'s warning its account address, the check\'s its variable', () => {
    let checked = 0;
    for (const [, e] of entries()) {
      for (const f of e.findings) {
        if (f.ruleId === 'GLID-019') {
          expect([e.name, f.message]).toEqual([e.name, planOf(e)?.findings.find((p) => p.ruleId === 'GLID-019')?.message]);
          expect(f.message).toContain(`'automation-owners+${e.name}@example.com'`);
        } else {
          expect([e.name, f.ruleId]).toEqual([e.name, 'GLID-014']);
          expect(f.message).toContain(`'${e.deliveries[0].key}'`);
        }
        checked++;
      }
    }
    expect(checked).toBe(6);
  });
});

describe('the Markdown note of each stack', () => {
  test('is the rendering of its JSON (the rendering itself is tested in test/core/inventory/markdown.test.ts)', () => {
    for (const stack of STACKS) {
      expect([stack, read(outdir, stack, INVENTORY_MARKDOWN_FILE)]).toEqual([stack, inventoryToMarkdown([inventoryOf(outdir, stack)])]);
    }
  });

  test('the summary table: one row per identity with kind, role, scopes, lifetime, reach and findings', () => {
    const rows = STACKS.flatMap((stack) => read(outdir, stack, INVENTORY_MARKDOWN_FILE).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| identity |')));
    expect(rows).toEqual([
      '| distribution-cng-image-pull | project-deploy-token | — | read_registry | 60 d, rotated 14 d before | gitlab-org/build/cng | — |',
      '| distribution-nightly-trigger | pipeline-trigger-token | — | — | 60 d, rotated 14 d before | gitlab-org/build/omnibus-gitlab-mirror | — |',
      '| distribution-omnibus-mirror | service-account | developer | write_repository | 60 d, rotated 14 d before | gitlab-org/build/omnibus-mirror/gitlab, gitlab-org/omnibus-gitlab | 1 suppressed |',
      '| distribution-omnibus-package-publish | project-deploy-token | — | read_package_registry, write_package_registry | 60 d, rotated 14 d before | gitlab-org/omnibus-gitlab | — |',
      '| eng-prod-danger-review | project-access-token | reporter | api | 60 d, rotated 14 d before | gitlab-org/gitlab | 1 suppressed |',
      '| eng-prod-triage-reactive | service-account | reporter | api | 60 d, rotated 14 d before | group gitlab-org (350 projects) | 1 suppressed |',
      '| eng-prod-triage-scheduled | service-account | maintainer | api | 60 d, rotated 14 d before | group gitlab-org (350 projects) | 1 suppressed |',
      '| quality-allure-report | project-access-token | reporter | api | 60 d, rotated 14 d before | gitlab-org/gitlab | 1 suppressed |',
      '| quality-async-retrospectives | project-access-token | developer | api | 30 d, rotated 7 d before | gl-retrospectives/quality | — |',
      '| runner-helper-package-pull | ci-job-token | — | — | job duration | gitlab-org/gitlab-runner | — |',
      '| runner-package-publish | ci-job-token | — | — | job duration | gitlab-org/gitlab-runner | — |',
      '| runner-releases | service-account | developer | api, write_repository | 60 d, rotated 14 d before | gitlab-org/charts/gitlab-runner, gitlab-org/ci-cd/runner-tools/releaser, gitlab-org/gitlab-runner | 1 suppressed |',
    ]);
  });

  test('the overlapping identity lists both slots, which one is delivered, its grace and the gap it survives', () => {
    const overlap = read(outdir, 'distribution', INVENTORY_MARKDOWN_FILE).split('\n').filter((l) => l.startsWith('- **Overlap:** '));
    expect(overlap).toHaveLength(1);
    expect(overlap[0]).toContain('`distribution-cng-image-pull-a`, `distribution-cng-image-pull-b`');
    expect(overlap[0]).toContain('later-expiring');
    expect(overlap[0]).toMatch(/\b10 d\b/);
    expect(overlap[0]).toMatch(/\b37 d\b/);
  });

  test('each service account is named as the user of its tokens and memberships', () => {
    const users = STACKS.flatMap((stack) => read(outdir, stack, INVENTORY_MARKDOWN_FILE).split('\n').filter((l) => l.startsWith('- **User:** ')));
    expect(users).toEqual(STACKS.flatMap((stack) => inventoryOf(outdir, stack).identities.flatMap((e) => e.users.map((u) => `- **User:** ${u}`))));
    expect(users).toHaveLength(4);
  });
});

describe('the JSON layout of an entry (file format)', () => {
  // The one snapshot kept, because here the exact bytes ARE the behaviour: the file's layout (key names and
  // order, null versus absent, two-space indent, final newline) is what tools parsing or byte-comparing it rely
  // on. An entry's key order is written by hand (keysInOrder in lib/core/inventory/inventory.ts), not by a
  // generic sort, and today puts `overlap` after `runtime`, not where a code-unit sort would (after `name`):
  // any move must show up as a change to this file. The pinned entry is the one with the optional `overlap`
  // object; its rationale is replaced by a placeholder so that no rewording touches the snapshot (every value
  // in it is asserted field by field above).
  test('distribution-cng-image-pull, prose replaced', () => {
    const inv = inventoryOf(outdir, 'distribution');
    const entry = inv.identities.find((e) => e.name === 'distribution-cng-image-pull') as InventoryEntry;
    const masked: InventoryEntry = { ...entry, rationale: ['<rationale>'] };
    expect(inventoryToJson({ ...inv, identities: [masked] })).toMatchSnapshot();
  });
});

test('determinism: two synths into different folders give identical inventory bytes', () => {
  const second = synthOrganisation().outdir;
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
