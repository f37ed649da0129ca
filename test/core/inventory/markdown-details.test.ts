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
    expect(line(entry({ copies: 3 }), 'Copies')).toBe('- **Copies:** **3** (count/for_each)');
    expect(line(entry({ copies: null }), 'Copies')).toBe('- **Copies:** **unknown** (count/for_each cannot be evaluated)');
  });

  test('each difference from the plan has its own line', () => {
    const e = entry({ differsFromPlan: ['access_level is owner, the plan says reporter', 'scopes add api'] });
    expect(detailsOf(e).filter((l) => l.startsWith('- ****Differs from its plan**:**'))).toEqual([
      '- ****Differs from its plan**:** access_level is owner, the plan says reporter',
      '- ****Differs from its plan**:** scopes add api',
    ]);
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

  test('capabilities, scopes and labels are written as comma-separated lists', () => {
    const e = entry({
      capabilities: [Capability.API_READ, Capability.REPOSITORY_READ],
      scopes: [TokenScope.READ_API, TokenScope.READ_REPOSITORY],
      labels: ['automation', 'bot'],
    });
    expect(line(e, 'Capabilities')).toBe('- **Capabilities:** api:read, repository:read');
    expect(line(e, 'Scopes')).toBe('- **Scopes:** read_api, read_repository');
    expect(line(e, 'Merge requests must carry')).toBe('- **Merge requests must carry:** ~"automation", ~"bot"');
    const row = inventoryToMarkdown([inventory([e])]).split('\n').find((l) => l.startsWith('| quality-allure-report |'));
    expect(row).toContain('| read_api, read_repository |');
  });

  test('a job token has its allowlist precondition, and no role of its own', () => {
    const e = entry({ kind: K.CI_JOB_TOKEN, accessLevel: null, scopes: [] });
    expect(line(e, 'Access level')).toBe('- **Access level:** none (no role of its own)');
    expect(line(e, 'Scopes')).toBe('- **Scopes:** none');
    expect(line(e, 'Precondition')).toBeDefined();
  });
});

describe('the platforms a stack was planned for', () => {
  test('are listed once each, sorted, in the inventory and its note', () => {
    const inv = stackInventory('quality', [entry()], ['GitLab.com Premium', 'GitLab Self-Managed Free', 'GitLab.com Premium']);
    expect(inv.platforms).toEqual(['GitLab Self-Managed Free', 'GitLab.com Premium']);
    expect(inventoryToMarkdown([inv])).toContain('\nPlanned for GitLab Self-Managed Free, GitLab.com Premium.\n');
  });

  test('are left out when no policy names one', () => {
    const inv = stackInventory('quality', [entry()]);
    expect('platforms' in inv).toBe(false);
    expect(inventoryToMarkdown([inv])).not.toContain('Planned for');
  });
});
