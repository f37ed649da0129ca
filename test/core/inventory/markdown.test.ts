/**
 * The Markdown a reviewer reads: the inventory note (summary table, then details per identity) and the
 * diff note (escalations first). Pure: entries are built by hand. Intent assertions on the lines that carry
 * meaning, then the whole text as a golden snapshot (regression guard for every wording).
 */
import {
  AccessLevel,
  GrantType,
  IdentityKind as K,
  InventoryEntry,
  ReachType,
  RuntimeType,
  TokenScope,
  diffInventories,
  diffToMarkdown,
  inventoryToMarkdown,
  lifetimeText,
  reachText,
} from '../../../lib/core';
import { entry, inventory } from './fixtures';

/** A token written directly with the provider: no owner, runtime or reach; a year long, never rotated. */
const raw = (overrides: Partial<InventoryEntry> = {}): InventoryEntry => entry({
  name: 'GitLab Bot', source: 'provider-resource', kind: K.GROUP_ACCESS_TOKEN, resourceType: 'gitlab_group_access_token',
  owner: null, purpose: null, runtime: null, reach: null, capabilities: [],
  grants: [{ type: GrantType.ACCESS_TOKEN, targetType: 'group', target: 'gitlab-org' }],
  accessLevel: AccessLevel.MAINTAINER, scopes: [TokenScope.API], expiry: 'never', lifetimeDays: null, rotateBeforeDays: null,
  deliveries: [{ type: 'group-variable', target: 'gitlab-org', key: 'BOT_TOKEN', environmentScope: 'production', protected: false }],
  decisionRule: null, rationale: [],
  findings: [
    { ruleId: 'GLID-001', level: 'error', message: "gitlab_group_access_token 'GitLab Bot' never expires.", path: 'legacy/bot' },
    { ruleId: 'GLID-010', level: 'warning', message: 'reaches every project of its group.', path: 'legacy/bot' },
    { ruleId: 'GLID-014', level: 'warning', message: 'not protected.', path: 'legacy/variable', suppressedBy: { id: 'GLID-014', reason: 'merge-request pipelines' } },
    { ruleId: 'GLID-013', level: 'info', message: 'cannot verify masked: it is computed at apply (${var.masked})', path: 'legacy/variable' },
  ],
  suppressions: [{ id: 'GLID-014', reason: 'merge-request pipelines', scope: 'legacy' }],
  constructPath: 'legacy/bot',
  ...overrides,
});

/** A CI job token: no secret, no role, lives for the job; granted through the allowlist. */
const jobToken = entry({
  name: 'runner-helper-pull', kind: K.CI_JOB_TOKEN, accessLevel: null, scopes: [], expiry: 'job-duration', lifetimeDays: null, rotateBeforeDays: null,
  runtime: { type: RuntimeType.CI_PIPELINE, sourceProject: 'gitlab-org/helper' },
  grants: [{ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'gitlab-org/gitlab-runner', source: 'gitlab-org/helper' }],
  deliveries: [], decisionRule: 1, labels: ['automation:bot-authored'], constructPath: 'runner/helper-pull',
});

describe('lifetimeText', () => {
  test.each<[Partial<InventoryEntry>, string]>([
    [{ expiry: 'job-duration' }, 'job duration'],
    [{ expiry: 'never' }, '**never expires**'],
    [{ expiry: 'fixed-date' }, 'fixed date, not rotated'],
    [{ expiry: 'unknown' }, 'computed at apply'],
    [{ expiry: 'rotating', lifetimeDays: null }, 'rotating'],
    [{ expiry: 'rotating', lifetimeDays: 60, rotateBeforeDays: 14 }, '60 d, rotated 14 d before'],
    [{ expiry: 'rotating', lifetimeDays: 60, rotateBeforeDays: null }, '60 d, rotated ? d before'],
  ])('%j reads %j', (overrides, text) => {
    expect(lifetimeText(entry(overrides))).toBe(text);
  });
});

describe('reachText', () => {
  test.each<[Partial<InventoryEntry>, string]>([
    [{}, 'gitlab-org/gitlab'],
    [{ reach: { type: ReachType.PROJECTS, projects: ['a/b', 'a/c'] } }, 'a/b, a/c'],
    [{ reach: { type: ReachType.GROUP, group: 'gitlab-org', projectCount: 350 } }, 'group gitlab-org (350 projects)'],
    [{ reach: { type: ReachType.PROJECTS } }, ''],
    [{ reach: null }, 'gitlab-org/gitlab'],
    [{ reach: null, grants: [] }, '—'],
  ])('%j reads %j', (overrides, text) => {
    expect(reachText(entry(overrides))).toBe(text);
  });
});

describe('inventoryToMarkdown', () => {
  // Rendered inside each test, not when the file loads: code run outside a test is not attributed to any test,
  // so the mutation run would count the renderer as uncovered.
  let md = '';
  let lines: string[] = [];
  beforeEach(() => {
    md = inventoryToMarkdown([inventory([entry(), jobToken, raw()], 'quality'), inventory([], 'empty'), inventory([raw({ name: 'one|pipe' })], 'single')]);
    lines = md.split('\n');
  });

  test('a title, then per stack its count of identities and of open errors (suppressed and info not counted)', () => {
    expect(lines[0]).toBe('# GitLab automation identities');
    expect(lines).toContain('## Stack `quality`');
    expect(lines).toContain('3 identities, 1 open error.');
    expect(lines).toContain('0 identities, 0 open errors.');
    expect(lines).toContain('1 identity, 1 open error.');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  test('the summary table: one row per identity, open findings as icons, suppressed ones counted, pipes escaped', () => {
    expect(lines).toContain('| identity | kind | role | scopes | lifetime | reach | findings |');
    expect(lines).toContain('| quality-allure-report | project-access-token | reporter | read_api | 60 d, rotated 14 d before | gitlab-org/gitlab | — |');
    expect(lines).toContain('| runner-helper-pull | ci-job-token | — | — | job duration | gitlab-org/gitlab | — |');
    expect(lines).toContain('| GitLab Bot | group-access-token | maintainer | api | **never expires** | gitlab-org | ⛔ GLID-001 ⚠️ GLID-010 1 suppressed |');
    expect(lines).toContain('| one\\|pipe | group-access-token | maintainer | api | **never expires** | gitlab-org | ⛔ GLID-001 ⚠️ GLID-010 1 suppressed |');
    // An empty stack has no table.
    expect(md.split('## Stack `empty`')[1].split('## Stack')[0]).not.toContain('| identity |');
  });

  test('details of an identity: decision rule, owner, runtime, grants, deliveries, rationale', () => {
    expect(lines).toContain('- **Kind:** project-access-token (decision rule 5)');
    expect(lines).toContain('- **Owner / purpose:** quality / allure-report');
    expect(lines).toContain('- **Runtime:** ci-pipeline, source project gitlab-org/gitlab');
    expect(lines).toContain('- **Capabilities:** api:read');
    expect(lines).toContain('- **Grant:** access-token on project gitlab-org/gitlab as reporter (token quality-allure-report)');
    expect(lines).toContain('- **Grant:** job-token-allowlist on project gitlab-org/gitlab-runner for jobs of gitlab-org/helper');
    expect(lines).toContain('- **Delivered to:** project-variable gitlab-org/gitlab `ALLURE_REPORT_TOKEN` (scope *)');
    expect(lines).toContain('- **Merge requests must carry:** ~"automation:bot-authored"');
    expect(lines).toContain('- **Access level:** none (no role of its own)');
    expect(lines).toContain('- **Scopes:** none');
    expect(lines).toContain('- **Construct:** `quality/allure-report`');
    expect(md).toContain('<details><summary>Why this identity</summary>\n\n1. project-access-token chosen by rule 5: the reach is the single project gitlab-org/gitlab.\n\n</details>');
  });

  test('details of a raw token: how it was written, findings by level with suppression reasons, unprotected delivery', () => {
    expect(lines).toContain('- **Kind:** group-access-token — written directly as `gitlab_group_access_token`');
    expect(lines).toContain('- **Delivered to:** group-variable gitlab-org `BOT_TOKEN` (scope production, **not protected**)');
    expect(lines).toContain("- **Error:** GLID-001: gitlab_group_access_token 'GitLab Bot' never expires.");
    expect(lines).toContain('- **Warning:** GLID-010: reaches every project of its group.');
    expect(lines).toContain('- **Warning:** GLID-014: not protected. — suppressed: merge-request pipelines');
    expect(lines).toContain('- **Note:** GLID-013: cannot verify masked: it is computed at apply (${var.masked})');
    expect(lines).toContain('- **Suppression:** GLID-014 on `legacy`: merge-request pipelines');
    expect(md).not.toContain('Owner / purpose:** null');
    expect(md.split('### GitLab Bot')[1].split('###')[0]).not.toContain('Why this identity');
  });

  test('golden note', () => {
    expect(md).toMatchSnapshot();
  });
});

describe('diffToMarkdown', () => {
  test('no change: one line', () => {
    expect(diffToMarkdown(diffInventories([inventory([entry()])], [inventory([entry()])]))).toBe('# GitLab identity changes\n\nNo identity changes.\n');
  });

  test('escalations first, then added, removed and changed identities', () => {
    const before = inventory([entry(), entry({ name: 'old-bot', constructPath: 'quality/old' }), entry({ name: 'renamed', constructPath: 'quality/r', lifetimeDays: 30 })]);
    const after = inventory([
      entry({ accessLevel: AccessLevel.DEVELOPER, scopes: [TokenScope.API] }),
      entry({ name: 'renamed', constructPath: 'quality/r', lifetimeDays: 20 }),
      raw({ name: 'new|bot' }),
    ]);
    const md = diffToMarkdown(diffInventories([before], [after]));
    const lines = md.split('\n');
    expect(lines[2]).toMatch(/^## ⚠️ \d+ escalations of privilege$/);
    expect(lines).toContain('| **quality-allure-report** | quality | access-level | reporter | **developer** |');
    expect(lines).toContain('## Added');
    expect(lines).toContain('| new\\|bot | quality | group-access-token | maintainer | api | **never expires** | gitlab-org |');
    expect(lines).toContain('## Removed');
    expect(lines).toContain('- old-bot (project-access-token, stack quality)');
    expect(lines).toContain('## Changed');
    expect(lines).toContain('### renamed');
    expect(lines.some((l) => l.startsWith('- **⬆ access-level**: reporter → developer'))).toBe(true);
    expect(lines.some((l) => /^- lifetime(Days)?: 30/.test(l))).toBe(true);
    expect(md.indexOf('## ⚠️')).toBeLessThan(md.indexOf('## Added'));
    expect(md.indexOf('## Added')).toBeLessThan(md.indexOf('## Removed'));
    expect(md.indexOf('## Removed')).toBeLessThan(md.indexOf('## Changed'));
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
    expect(md).toMatchSnapshot();
  });

  test('one escalation is singular; only hardening says there is none', () => {
    const one = diffToMarkdown(diffInventories([inventory([entry()])], [inventory([entry({ accessLevel: AccessLevel.DEVELOPER })])]));
    expect(one.split('\n')[2]).toBe('## ⚠️ 1 escalation of privilege');
    const hardening = diffToMarkdown(diffInventories([inventory([entry()])], [inventory([entry({ lifetimeDays: 30 })])]));
    expect(hardening.split('\n')).toContain('No escalation of privilege.');
    expect(hardening).not.toContain('## ⚠️');
  });
});
