/** The inventory as Markdown for a merge-request note: a summary table first, details after. */
import { InventoryEntry, StackInventory } from './inventory';
import { IdentityKind } from '../identity-kind';
import { JOB_TOKEN_ALLOWLIST_PRECONDITION } from '../least-privilege-tables';
import { escapeMarkdown as md, inlineCode } from '../markdown-escape';

// Every value read from an entry is user data (see markdown-escape.ts): it goes through `md` (text, list
// items, headings, table cells) or `inlineCode`; only the fixed wording and its markup are written as is.
// lifetimeText and reachText return plain text for the diff to compare; callers escape reachText, while
// lifetimeText escapes its only data (the day counts) itself because it carries markup of its own.

export function lifetimeText(e: InventoryEntry): string {
  switch (e.expiry) {
    case 'job-duration':
      return 'job duration';
    case 'never':
      return '**never expires**';
    case 'fixed-date':
      return 'fixed date, not rotated';
    case 'unknown':
      return 'computed at apply';
    case 'rotating':
      return e.lifetimeDays === null ? 'rotating' : `${md(String(e.lifetimeDays))} d, rotated ${e.rotateBeforeDays === null ? '?' : md(String(e.rotateBeforeDays))} d before`;
  }
}

export function reachText(e: InventoryEntry): string {
  if (e.reach === null) return e.grants.map((g) => g.target).join(', ') || '—';
  if (e.reach.type === 'group') return `group ${e.reach.group} (${e.reach.projectCount} projects)`;
  return (e.reach.projects ?? []).join(', ');
}

function findingsText(e: InventoryEntry): string {
  const open = e.findings.filter((f) => !f.suppressedBy && f.level !== 'info');
  const suppressed = e.findings.filter((f) => f.suppressedBy).length;
  const parts = open.map((f) => `${f.level === 'error' ? '⛔' : '⚠️'} ${md(f.ruleId)}`);
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.join(' ') || '—';
}

function summaryTable(entries: readonly InventoryEntry[], withStack?: string): string[] {
  return [
    `| identity | kind | role | scopes | lifetime | reach | findings |`,
    `|---|---|---|---|---|---|---|`,
    ...entries.map((e) =>
      `| ${md(withStack ? `${e.name}` : e.name)} | ${md(e.kind)} | ${md(e.accessLevel ?? '—')} | ${md(e.scopes.join(', ') || '—')} | ${lifetimeText(e)} | ${md(reachText(e))} | ${findingsText(e)} |`),
  ];
}

/** Appends the entry's section to `lines` (one array for the whole document: 500 entries per stack). */
function details(e: InventoryEntry, lines: string[]): void {
  lines.push(`### ${md(e.name)}`, '');
  const item = (label: string, value: string) => lines.push(`- **${label}:** ${value}`);
  item('Kind', `${md(e.kind)}${e.decisionRule !== null ? ` (decision rule ${md(String(e.decisionRule))})` : ''}${e.source === 'provider-resource' ? ` — written directly as ${inlineCode(String(e.resourceType))}` : ''}`);
  if (e.owner !== null) item('Owner / purpose', `${md(e.owner)} / ${md(String(e.purpose))}`);
  if (e.runtime !== null) item('Runtime', e.runtime.sourceProject ? `${md(e.runtime.type)}, source project ${md(e.runtime.sourceProject)}` : md(e.runtime.type));
  item('Reach', md(reachText(e)));
  if (e.capabilities.length) item('Capabilities', md(e.capabilities.join(', ')));
  item('Access level', e.accessLevel === null ? 'none (no role of its own)' : md(e.accessLevel));
  item('Scopes', md(e.scopes.join(', ')) || 'none');
  item('Lifetime', lifetimeText(e));
  for (const g of e.grants) {
    item('Grant', `${md(g.type)} on ${md(g.targetType)} ${md(g.target)}${g.source ? ` for jobs of ${md(g.source)}` : ''}${g.accessLevel ? ` as ${md(g.accessLevel)}` : ''}${g.tokenName ? ` (token ${md(g.tokenName)})` : ''}`);
  }
  for (const d of e.deliveries) {
    item('Delivered to', `${md(d.type)} ${d.target ? `${md(d.target)} ` : ''}${inlineCode(d.key)} (scope ${md(d.environmentScope)}${d.protected === false ? ', **not protected**' : ''}${d.maskedOnly ? ', masked only: not hidden' : ''})`);
  }
  for (const u of e.users) item('User', md(u));
  if (e.copies !== 1) item('Copies', e.copies === null ? '**unknown** (count/for_each cannot be evaluated)' : `**${md(String(e.copies))}** (count/for_each)`);
  for (const d of e.differsFromPlan) item('**Differs from its plan**', md(d));
  if (e.overlap) {
    const delivered = e.overlap.delivered === 'later-expiring' ? 'the later-expiring one is delivered' : '**a variable does not hold the later-expiring one**';
    // A trigger never expires: only its grace applies.
    const survives = e.kind !== IdentityKind.PIPELINE_TRIGGER_TOKEN ? `; survives ${e.overlap.tolerableGapDays} d without an apply` : '';
    item('Overlap', `slots ${e.overlap.slots.map((s) => `\`${md(s)}\``).join(', ')}; ${delivered}; a replaced value stays valid ` +
      `${e.overlap.graceDays} d${survives}`);
  }
  if (e.kind === IdentityKind.CI_JOB_TOKEN) item('Precondition', JOB_TOKEN_ALLOWLIST_PRECONDITION);
  // `~"label"` is meant to be a label reference; the label itself is escaped.
  if (e.labels.length) item('Merge requests must carry', e.labels.map((l) => `~"${md(l)}"`).join(', '));
  for (const f of e.findings) {
    item(f.level === 'error' ? 'Error' : f.level === 'warning' ? 'Warning' : 'Note',
      `${md(f.ruleId)}: ${md(f.message)}${f.suppressedBy ? ` — suppressed: ${md(f.suppressedBy.reason)}` : ''}`);
  }
  for (const s of e.suppressions) item('Suppression', `${md(s.id)} on ${inlineCode(s.scope)}: ${md(s.reason)}`);
  item('Construct', inlineCode(e.constructPath));
  if (e.rationale.length) {
    lines.push('', '<details><summary>Why this identity</summary>', '', ...e.rationale.map((r) => `1. ${md(r)}`), '', '</details>');
  }
  lines.push('');
}

export function inventoryToMarkdown(inventories: readonly StackInventory[]): string {
  let text = '';
  for (const chunk of inventoryMarkdownChunks(inventories)) text += chunk;
  return text;
}

/**
 * The same document in pieces of a few kilobytes, for writing to a file as they come: a stack's whole
 * document is a megabyte-sized string, which the JavaScript heap allocates straight into its old
 * generation. Joined, the pieces are exactly {@link inventoryToMarkdown}: lines joined by newlines, trailing
 * whitespace of the document removed, one final newline.
 */
export function* inventoryMarkdownChunks(inventories: readonly StackInventory[]): Generator<string, void, undefined> {
  const trailing = new TrailingWhitespace();
  let first = true;
  const piece = (lines: readonly string[]) => {
    const text = `${first ? '' : '\n'}${lines.join('\n')}`;
    first = false;
    return trailing.hold(text);
  };
  yield piece(['# GitLab automation identities', '']);
  for (const inv of inventories) {
    const errors = inv.identities.reduce((n, e) => n + e.findings.filter((f) => f.level === 'error' && !f.suppressedBy).length, 0);
    const head = [`## Stack ${inlineCode(inv.stack)}`, '', `${inv.identities.length} identit${inv.identities.length === 1 ? 'y' : 'ies'}, ${errors} open error${errors === 1 ? '' : 's'}.`, ''];
    if (inv.platforms?.length) head.push(`Planned for ${md(inv.platforms.join(', '))}.`, '');
    yield piece(head);
    if (inv.identities.length) {
      const table = [...summaryTable(inv.identities), ''];
      for (let i = 0; i < table.length; i += 20) yield piece(table.slice(i, i + 20));
    }
    for (const e of inv.identities) {
      const lines: string[] = [];
      details(e, lines);
      yield piece(lines);
    }
  }
  yield '\n';
}

const WHITESPACE = /\s/;

/** Holds back whitespace at the end of what was written so far, until more text follows it. */
class TrailingWhitespace {
  private pending = '';
  public hold(text: string): string {
    const all = this.pending + text;
    // Where trimEnd would cut (JavaScript's \s is trimEnd's whitespace), scanning back from the end only.
    let end = all.length;
    while (end > 0 && WHITESPACE.test(all[end - 1])) end--;
    this.pending = all.slice(end);
    return all.slice(0, end);
  }
}
