/**
 * The detail lines of the inventory note that only some entries have: copies made by count/for_each, a JSON
 * that differs from its plan, a delivery masked but not hidden, an overlap whose variable does not hold the
 * later slot; lists written with commas; the platforms a stack was planned for.
 */
import { Capability, IdentityKind as K, InventoryEntry, TokenScope, inventoryToMarkdown, stackInventory } from '../../../lib/core';
import { entry, inventory, variable } from './fixtures';

/** The detail lines (`- **Label:** value`) of the one entry of stack `quality`. */
const detailsOf = (e: InventoryEntry) => inventoryToMarkdown([inventory([e])]).split(`### ${e.name}`)[1].split('\n').filter((l) => l.startsWith('- '));
const line = (e: InventoryEntry, label: string) => detailsOf(e).find((l) => l.startsWith(`- **${label}:**`));

describe('lines only some entries have', () => {
  test('copies: none for one, the count for several, "unknown" when count/for_each cannot be evaluated', () => {
    expect(line(entry({ copies: 1 }), 'Copies')).toBeUndefined();
    expect(line(entry({ copies: 3 }), 'Copies')).toMatch(/\*\*3\*\*.*count\/for_each/);
    expect(line(entry({ copies: null }), 'Copies')).toMatch(/\*\*unknown\*\*.*count\/for_each/);
  });

  test('each difference from the plan has its own line', () => {
    const e = entry({ differsFromPlan: ['access_level is owner, the plan says reporter', 'scopes add api'] });
    const lines = detailsOf(e).filter((l) => l.includes('Differs from its plan'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('access_level is owner, the plan says reporter');
    expect(lines[1]).toContain('scopes add api');
  });

  test('a delivery masked but not hidden says so; a hidden one does not', () => {
    expect(line(entry({ deliveries: [variable({ maskedOnly: true })] }), 'Delivered to')).toMatch(/\(scope \*, masked only: not hidden\)$/);
    expect(line(entry({ deliveries: [variable()] }), 'Delivered to')).toMatch(/\(scope \*\)$/);
  });

  test('an overlap whose variable does not hold the later-expiring slot is flagged', () => {
    const overlap = { slots: ['quality-allure-report-a', 'quality-allure-report-b'], graceDays: 7, tolerableGapDays: 23 };
    expect(line(entry({ overlap: { ...overlap, delivered: 'not-the-later-slot' } }), 'Overlap')).toContain('**a variable does not hold the later-expiring one**');
    expect(line(entry({ overlap: { ...overlap, delivered: 'later-expiring' } }), 'Overlap')).toContain('; the later-expiring one is delivered;');
  });

  test('an overlap says how long a token survives without an apply; a trigger, which never expires, only its grace', () => {
    const overlap = { slots: ['bot-a', 'bot-b'], delivered: 'later-expiring' as const, graceDays: 7, tolerableGapDays: 23 };
    expect(line(entry({ overlap }), 'Overlap')).toBe(
      '- **Overlap:** slots `bot-a`, `bot-b`; the later-expiring one is delivered; a replaced value stays valid 7 d; survives 23 d without an apply');
    expect(line(entry({ kind: K.PIPELINE_TRIGGER_TOKEN, overlap }), 'Overlap')).toBe(
      '- **Overlap:** slots `bot-a`, `bot-b`; the later-expiring one is delivered; a replaced value stays valid 7 d');
  });

  test('capabilities, scopes and labels are written as comma-separated lists', () => {
    const e = entry({
      capabilities: [Capability.API_READ, Capability.REPOSITORY_READ],
      scopes: [TokenScope.READ_API, TokenScope.READ_REPOSITORY],
      labels: ['automation', 'bot'],
    });
    expect(line(e, 'Capabilities')).toContain('api:read, repository:read');
    expect(line(e, 'Scopes')).toContain('read_api, read_repository');
    expect(line(e, 'Merge requests must carry')).toContain('~"automation", ~"bot"');
    const row = inventoryToMarkdown([inventory([e])]).split('\n').find((l) => l.startsWith('| quality-allure-report |'));
    expect(row).toContain('| read_api, read_repository |');
  });

  test('a job token has its allowlist precondition and no scopes; a token has no precondition', () => {
    const e = entry({ kind: K.CI_JOB_TOKEN, accessLevel: null, scopes: [] });
    expect(line(e, 'Scopes')).toMatch(/:\*\* none$/);
    expect(line(e, 'Precondition')).toMatch(/allowlist/i);
    expect(line(entry(), 'Precondition')).toBeUndefined();
  });
});

describe('the platforms a stack was planned for', () => {
  test('are listed once each, sorted, in the inventory and its note', () => {
    const inv = stackInventory('quality', [entry()], ['GitLab.com Premium', 'GitLab Self-Managed Free', 'GitLab.com Premium']);
    expect(inv.platforms).toEqual(['GitLab Self-Managed Free', 'GitLab.com Premium']);
    // A paragraph of its own: a blank line, then the table.
    expect(inventoryToMarkdown([inv])).toContain('\nPlanned for GitLab Self-Managed Free, GitLab.com Premium.\n\n| identity |');
  });

  test('are left out when no policy names one', () => {
    const inv = stackInventory('quality', [entry()]);
    expect('platforms' in inv).toBe(false);
    expect(inventoryToMarkdown([inv])).not.toContain('Planned for');
  });
});
