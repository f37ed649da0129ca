/**
 * Inventories are written in pieces (a stack's document is a megabyte; one string that size goes straight
 * into the old generation of the heap). The pieces must add up to exactly the document, and stay small.
 */
import { AccessLevel, GrantType, inventoryJsonChunks, inventoryMarkdownChunks, inventoryToJson, ReachType, RuntimeType, StackInventory } from '../../../lib/core';
import { canonicalJson } from '../../../lib/core/inventory/canonical-json';
import { entry, inventory } from './fixtures';

const many = (n: number): StackInventory => inventory(Array.from({ length: n }, (_, i) => entry({ name: `team-bot-${String(i).padStart(4, '0')}`, constructPath: `team/bot-${i}` })));

describe('JSON pieces', () => {
  test.each([0, 1, 2, 500])('given %i entries, when joined, then they are canonicalJson(inventory) and a newline', (n) => {
    const inv = many(n);
    expect([...inventoryJsonChunks(inv)].join('')).toBe(`${canonicalJson(inv)}\n`);
    expect(inventoryToJson(inv)).toBe(`${canonicalJson(inv)}\n`);
  });

  test('given every optional part set (suppressed finding, group reach, CI runtime, grant source and suffix, masked-only delivery, overlap), when joined, then they are canonical', () => {
    const full = entry({
      reach: { type: ReachType.GROUP, group: 'acme', projectCount: 4 },
      runtime: { type: RuntimeType.CI_PIPELINE, sourceProject: 'acme/ci' },
      grants: [{ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'acme/app', source: 'acme/ci', keySuffix: '_APP', tokenName: 't', accessLevel: AccessLevel.DEVELOPER }],
      findings: [{ ruleId: 'GLID-014', level: 'warning', message: 'm', path: 'p', suppressedBy: { reason: 'reviewed by the platform team', id: 'GLID-014' } }],
      suppressions: [{ scope: 'p', reason: 'reviewed by the platform team', id: 'GLID-014' }],
      deliveries: [{ protected: null, type: 'group-variable', key: 'K', target: 'acme', environmentScope: 'prod', maskedOnly: true }],
      // Regression: overlap was written after runtime, out of key order, so the file was not canonical.
      overlap: { slots: ['a', 'b'], delivered: 'later-expiring', graceDays: 25, tolerableGapDays: 52 },
    });
    const inv = inventory([full, entry()]);
    expect(inventoryToJson(inv)).toBe(`${canonicalJson(inv)}\n`);
  });

  test('given a stack name that looks like the identities key, when written, then the entries still go into the list', () => {
    const inv = inventory([entry()], 'x"identities": []');
    expect(JSON.parse([...inventoryJsonChunks(inv)].join(''))).toEqual(JSON.parse(canonicalJson(inv)));
  });

  test('given 500 entries, when written, then no piece is bigger than one entry', () => {
    expect(Math.max(...[...inventoryJsonChunks(many(500))].map((c) => c.length))).toBeLessThan(4_000);
  });
});

describe('Markdown pieces', () => {
  test('given 500 entries, when written, then every piece is a few kilobytes at most', () => {
    expect(Math.max(...[...inventoryMarkdownChunks([many(500)])].map((p) => p.length))).toBeLessThan(8_000);
  });

  test('given entries that end in blank lines, when joined, then the document ends in exactly one newline', () => {
    for (const n of [0, 1, 3]) {
      const text = [...inventoryMarkdownChunks([many(n), many(n)])].join('');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
      expect(text.trimEnd()).toBe(text.slice(0, -1));
    }
  });
});
