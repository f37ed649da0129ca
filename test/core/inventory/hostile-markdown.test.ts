/**
 * The inventory and diff notes with hostile user data: names, construct paths, suppression reasons, finding
 * messages (and every other user field) that try to start a quick action, break a table, open HTML, mention
 * everyone or reference issues. GitLab posts the raw Markdown as a merge-request note, so the assertions are
 * on that raw text.
 */
import { GrantType, InventoryEntry, ReachType, RuntimeType, diffInventories, diffToMarkdown, inventoryToMarkdown } from '../../../lib/core';
import { entry, inventory, variable } from './fixtures';

const PAYLOADS = [
  'x\n/approve',
  'a\r\n/label ~security',
  '@all',
  '<img src=x onerror=alert(1)>',
  '<!-- hidden',
  '#1 !2 %3',
  'a|b',
  '[link](https://evil)',
  '\u2028',
  '/merge',
];
const ALL = PAYLOADS.join(' ');

/** An identity whose every user field carries `payload`. */
function hostile(payload: string, overrides: Partial<InventoryEntry> = {}): InventoryEntry {
  const path = `team/${payload}`;
  return entry({
    name: payload,
    owner: payload,
    purpose: payload,
    runtime: { type: RuntimeType.CI_PIPELINE, sourceProject: payload },
    reach: { type: ReachType.PROJECTS, projects: [payload, 'gitlab-org/gitlab'] },
    grants: [{ type: GrantType.ACCESS_TOKEN, targetType: 'project', target: payload, tokenName: payload, source: payload }],
    deliveries: [variable({ target: payload, key: payload, environmentScope: payload, protected: false })],
    labels: [payload],
    rationale: [payload],
    findings: [
      { ruleId: 'GLID-001', level: 'error', message: payload, path },
      { ruleId: 'GLID-010', level: 'warning', message: `reaches ${payload}`, path, suppressedBy: { id: 'GLID-010', reason: payload } },
    ],
    suppressions: [{ id: 'GLID-010', reason: payload, scope: path }],
    constructPath: path,
    ...overrides,
  });
}

const STACK = `quality ${ALL}`;
const identities = () => [...PAYLOADS.map((p) => hostile(p)), hostile(ALL)];

/**
 * A line split into text and code spans, as CommonMark does: a run of n backticks opens a code span closed by
 * the next run of exactly n backticks on the line; a backslash makes the next character literal text.
 */
function split(line: string): { text: string; code: string[] } {
  let text = '';
  const code: string[] = [];
  for (let i = 0; i < line.length;) {
    if (line[i] === '\\') {
      text += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] !== '`') {
      text += line[i++];
      continue;
    }
    const run = /^`+/.exec(line.slice(i))![0];
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = i + run.length;
    const end = close.exec(line);
    if (!end) {
      text += run;
      i += run.length;
      continue;
    }
    code.push(line.slice(i + run.length, end.index));
    i = end.index + run.length;
  }
  return { text, code };
}

/** Positions of `ch` in `text` not escaped by a backslash (an even number of backslashes before it). */
function unescaped(text: string, ch: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === ch) found.push(i);
  }
  return found;
}

/** What the note's fixed wording writes itself: heading markers, the rationale block, the entities escaping writes. */
const FIXED = [/^#+ /, /<\/?details>|<\/?summary>/g, /&(lt|gt|#47);/g];
const withoutFixed = (text: string) => FIXED.reduce((t, re) => t.replace(re, ''), text);

function expectSafe(md: string): void {
  const lines = md.split('\n');
  // No line break other than '\n' survives, so the lines below are the lines GitLab reads.
  expect(md).not.toMatch(/[\r\v\f\u0085\u2028\u2029]/);
  // No quick action: no line starts with '/', even after whitespace.
  expect(lines.filter((l) => /^\s*\//.test(l))).toEqual([]);
  for (const line of lines) {
    const { text, code } = split(line);
    const outside = withoutFixed(text);
    // No HTML outside code spans (inside one, '<img' is shown as text and nothing is a reference).
    expect(outside).not.toMatch(/<|<img|<!--/);
    // No mention, issue, MR, milestone, label, epic, snippet or alert reference: each such character is escaped.
    for (const ch of ['@', '#', '!', '%', '~', '&', '$', '^']) {
      const raw = unescaped(outside, ch).filter((i) => !(ch === '~' && outside.startsWith('~"', i)));
      expect({ line, ch, raw }).toEqual({ line, ch, raw: [] });
    }
    // No link or image: every bracket is escaped.
    expect(unescaped(outside, '[')).toEqual([]);
    expect(unescaped(outside, ']')).toEqual([]);
    // A code span holds a whole value on its line; what a value may contain is shown, not interpreted.
    for (const c of code) expect(c).not.toMatch(/\n/);
  }
  // Every row of a table has as many cells as its header: no value adds a column.
  expect(lines.some((l) => l.startsWith('|'))).toBe(true);
  let columns = 0;
  lines.forEach((row, i) => {
    if (!row.startsWith('|')) return;
    const pipes = unescaped(row, '|').length;
    // The first row of a table is its header.
    if (!lines[i - 1]?.startsWith('|')) columns = pipes;
    expect({ row, pipes }).toEqual({ row, pipes: columns });
  });
}

/** The escaped payloads a reviewer still reads, in text (not only in code spans). */
function expectReadable(md: string): void {
  expect(md).toContain('x /approve');
  expect(md).toContain('a /label \\~security');
  expect(md).toContain('\\@all');
  expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(md).toContain('&lt;\\!-- hidden');
  expect(md).toContain('\\#1 \\!2 \\%3');
  expect(md).toContain('a\\|b');
  // Defanged (no autolink) outside code spans, and still readable as the address it was.
  expect(md).toContain('\\[link\\](https\\[:\\]//evil)');
  expect(md).toContain('&#47;merge');
}

describe('inventoryToMarkdown with hostile user data', () => {
  let md = '';
  beforeEach(() => {
    md = inventoryToMarkdown([inventory(identities(), STACK)]);
  });

  test('no quick action, HTML, reference, link or extra table column; the payloads stay readable', () => {
    expectSafe(md);
    expectReadable(md);
  });

  test('raw strings that must never appear outside code spans, and appear only inside well-formed ones', () => {
    // Construct paths, suppression scopes, variable keys and the stack name are shown verbatim in code spans,
    // where GitLab neither parses HTML nor looks for references; there, and only there, '<img' or '@all' remain.
    const parts = md.split('\n').map(split);
    const outside = parts.map((p) => p.text).join('\n');
    expect(md).not.toContain('\n/');
    expect(outside).not.toContain('<img');
    expect(outside).not.toContain('<!--');
    expect(outside).not.toMatch(/(?<!\\)@all/);
    expect(parts.flatMap((p) => p.code)).toContain('team/<img src=x onerror=alert(1)>');
    expect(parts.flatMap((p) => p.code)).toContain('team/<!-- hidden');
    expect(parts.flatMap((p) => p.code)).toContain('@all');
  });

  test('each identity keeps its own heading line, with the name escaped', () => {
    expect(md.split('\n')).toContain('### x /approve');
    expect(md.split('\n')).toContain('### &#47;merge');
    expect(md.split('\n')).toContain('### a\\|b');
    expect(md.split('\n')).toContain('### \\@all');
  });

  test('the construct path and suppression scope are code spans on one line', () => {
    expect(md.split('\n')).toContain('- **Construct:** `team/x /approve`');
    expect(md.split('\n')).toContain('- **Suppression:** GLID-010 on `team/@all`: \\@all');
    expect(md.split('\n')).toContain('- **Warning:** GLID-010: reaches \\#1 \\!2 \\%3 — suppressed: \\#1 \\!2 \\%3');
  });
});

describe('diffToMarkdown with hostile user data', () => {
  let md = '';
  beforeEach(() => {
    const removed = hostile('<!-- removed', { constructPath: 'team/removed' });
    const changedBefore = hostile(ALL, { reach: { type: ReachType.PROJECT, projects: ['gitlab-org/gitlab'] }, deliveries: [], suppressions: [] });
    md = diffToMarkdown(diffInventories(
      [inventory([entry(), removed, changedBefore], STACK)],
      [inventory([entry(), ...PAYLOADS.map((p) => hostile(p)), hostile(ALL)], STACK)],
    ));
  });

  test('has every section, so every kind of line is checked', () => {
    for (const heading of ['## ⚠️', '## Added', '## Removed', '## Changed']) expect(md).toContain(heading);
  });

  test('no quick action, HTML, reference, link or extra table column; the payloads stay readable', () => {
    expectSafe(md);
    expectReadable(md);
    expect(md).toContain('&lt;\\!-- removed');
  });

  test('raw strings that must never appear', () => {
    expect(md).not.toContain('\n/');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<!--');
    expect(md).not.toMatch(/(?<!\\)@all/);
  });
});
