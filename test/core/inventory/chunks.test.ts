/**
 * Inventories are handed to the file writer as pieces: the JSON whole, the Markdown a section at a time. The
 * pieces must add up to exactly the document; the Markdown's stay small.
 */
import { AccessLevel, GrantType, inventoryToJson, inventoryToMarkdown, ReachType, RuntimeType, StackInventory, writeInventoryJson, writeInventoryMarkdown } from '../../../lib/core';
import { canonicalJson } from '../../../lib/core/inventory/canonical-json';
import { WithoutTrailingWhitespace } from '../../../lib/core/inventory/inventory-markdown';
import { entry, inventory } from './fixtures';

const many = (n: number): StackInventory => inventory(Array.from({ length: n }, (_, i) => entry({ name: `team-bot-${String(i).padStart(4, '0')}`, constructPath: `team/bot-${i}` })));

function pieces(write: (out: (piece: string) => void) => void): string[] {
  const all: string[] = [];
  write((piece) => all.push(piece));
  return all;
}

const jsonPieces = (inv: StackInventory) => pieces((out) => writeInventoryJson(inv, out));
const markdownPieces = (invs: StackInventory[]) => pieces((out) => writeInventoryMarkdown(invs, out));
// Not Math.max(...lengths): a stack's pieces are too many arguments for one call.
const longest = (texts: readonly string[]) => texts.reduce((max, t) => Math.max(max, t.length), 0);

describe('JSON pieces', () => {
  test.each([0, 1, 2, 500])('given %i entries, when joined, then they are canonicalJson(inventory) and a newline', (n) => {
    const inv = many(n);
    expect(jsonPieces(inv).join('')).toBe(`${canonicalJson(inv)}\n`);
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
      overlap: { slots: ['a', 'b'], delivered: 'later-expiring', graceDays: 25, tolerableGapDays: 52 },
    });
    const inv = inventory([full, entry()]);
    expect(inventoryToJson(inv)).toBe(`${canonicalJson(inv)}\n`);
  });

  test('given hostile names (quotes, line breaks, a lone surrogate, a stack name that looks like a key), when joined, then they are canonical', () => {
    const inv = inventory([entry({ name: 'a"b\\c\nd\u2028\ud800', rationale: ['tab\there', 'é😀'] })], 'x"identities": []');
    expect(inventoryToJson(inv)).toBe(`${canonicalJson(inv)}\n`);
  });

});

describe('Markdown pieces', () => {
  test('given 500 entries, when written, then every piece is a few kilobytes at most', () => {
    expect(longest(markdownPieces([many(500)]))).toBeLessThan(8_000);
  });

  test('given entries that end in blank lines, when joined, then the document ends in exactly one newline', () => {
    for (const n of [0, 1, 3]) {
      const text = markdownPieces([many(n), many(n)]).join('');
      expect(text).toBe(inventoryToMarkdown([many(n), many(n)]));
      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
      expect(text.trimEnd()).toBe(text.slice(0, -1));
    }
  });
});

describe('WithoutTrailingWhitespace: the document without its trailing whitespace, piece by piece', () => {
  /** The pieces handed on when `writes` are written in turn, trailing whitespace held back. */
  const passedOn = (writes: readonly string[]): string[] => {
    const out: string[] = [];
    const text = new WithoutTrailingWhitespace((piece) => out.push(piece));
    for (const w of writes) text.write(w);
    return out;
  };

  test.each<[string, string[]]>([
    ['text ending in a newline, then text', ['a\n', 'b']],
    ['pieces of whitespace only between text', ['a', '\n', ' \t', '\n', 'b']],
    ['whitespace inside a piece', ['a \n b']],
    ['a piece of whitespace first', ['\n\n', 'a']],
    ['Unicode whitespace (trimEnd\'s: U+3000, U+00A0)', ['a\u3000', '\u00a0', 'b\u3000']],
    ['nothing but whitespace', ['\n', ' ', '\u2028']],
    ['empty pieces', ['', 'a', '', '\n', '']],
  ])('%s: joined, they are the writes joined without trailing whitespace', (_name, writes) => {
    expect(passedOn(writes).join('')).toBe(writes.join('').trimEnd());
  });

  test('whitespace before text is handed on just before it, and no empty piece is handed on', () => {
    expect(passedOn(['a\n', '\n', 'b\n'])).toEqual(['a', '\n\n', 'b']);
    expect(passedOn(['', '  ', ''])).toEqual([]);
  });
});
