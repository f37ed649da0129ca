/** The inventory as Markdown for a merge-request note: a summary table first, details after. */
import { InventoryEntry, StackInventory, TextOut } from './inventory';
import { IdentityKind } from '../identity-kind';
import { JOB_TOKEN_ALLOWLIST_PRECONDITION } from '../least-privilege-tables';
import { escapeMarkdown, escapeMarkdown as md, inlineCode } from '../markdown-escape';

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

type Escape = (text: string) => string;

/**
 * escapeMarkdown, remembered for one document: an inventory repeats most of its text (at 1,000 identities
 * of the benchmark, 8,750 rationale lines, 1,157 of them different), and escaping it all again took a
 * tenth of the checks' time.
 */
function rememberingEscape(): Escape {
  const seen = new Map<string, string>();
  return (text) => {
    let escaped = seen.get(text);
    if (escaped === undefined) {
      escaped = escapeMarkdown(text);
      seen.set(text, escaped);
    }
    return escaped;
  };
}

function summaryRow(e: InventoryEntry, md: Escape): string {
  return `| ${md(e.name)} | ${md(e.kind)} | ${md(e.accessLevel ?? '—')} | ${md(e.scopes.join(', ') || '—')} | ${lifetimeText(e)} | ${md(reachText(e))} | ${findingsText(e)} |`;
}

/** Writes the entry's section, line by line. */
function details(e: InventoryEntry, line: (text: string) => void, md: Escape): void {
  line(`### ${md(e.name)}`);
  line('');
  const item = (label: string, value: string) => line(`- **${label}:** ${value}`);
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
    line('');
    line('<details><summary>Why this identity</summary>');
    line('');
    for (const r of e.rationale) line(`1. ${md(r)}`);
    line('');
    line('</details>');
  }
  line('');
}

export function inventoryToMarkdown(inventories: readonly StackInventory[]): string {
  let text = '';
  writeInventoryMarkdown(inventories, (piece) => (text += piece));
  return text;
}

/**
 * The same document, handed to `out` in pieces of a few kilobytes (an entry's section, twenty rows of the
 * table): the checks write each stack's through a buffer into its file, never holding the document (a
 * megabyte, which the heap would allocate straight into its old generation) as one string. The document is
 * its lines joined by newlines, trailing whitespace of the document removed, and one final newline.
 */
export function writeInventoryMarkdown(inventories: readonly StackInventory[], out: TextOut): void {
  const text = new WithoutTrailingWhitespace(out);
  const md = rememberingEscape();
  const lines: string[] = [];
  const line = (value: string) => {
    lines.push(value);
  };
  // Every line is followed by a newline; the last ones are trailing whitespace, which is held back.
  const piece = () => {
    lines.push('');
    text.write(lines.join('\n'));
    lines.length = 0;
  };
  line('# GitLab automation identities');
  line('');
  for (const inv of inventories) {
    const errors = inv.identities.reduce((n, e) => n + e.findings.filter((f) => f.level === 'error' && !f.suppressedBy).length, 0);
    line(`## Stack ${inlineCode(inv.stack)}`);
    line('');
    line(`${inv.identities.length} identit${inv.identities.length === 1 ? 'y' : 'ies'}, ${errors} open error${errors === 1 ? '' : 's'}.`);
    line('');
    if (inv.platforms?.length) {
      line(`Planned for ${md(inv.platforms.join(', '))}.`);
      line('');
    }
    if (inv.identities.length) {
      line('| identity | kind | role | scopes | lifetime | reach | findings |');
      line('|---|---|---|---|---|---|---|');
      inv.identities.forEach((e, i) => {
        line(summaryRow(e, md));
        if (i % 20 === 19) piece();
      });
      line('');
    }
    piece();
    for (const e of inv.identities) {
      details(e, line, md);
      piece();
    }
  }
  out('\n');
}

const WHITESPACE = /\s/;

/**
 * Passes text on, holding back whitespace (JavaScript's \s, which is trimEnd's) until something other than
 * whitespace follows it: what is never followed is the document's trailing whitespace, and is dropped.
 * Exported for its tests only.
 */
export class WithoutTrailingWhitespace {
  private held = '';
  constructor(private readonly out: TextOut) {}

  public write(text: string): void {
    let end = text.length;
    while (end > 0 && WHITESPACE.test(text[end - 1])) end--;
    if (end === 0) {
      this.held += text;
      return;
    }
    if (this.held !== '') this.out(this.held);
    this.held = '';
    if (end === text.length) {
      this.out(text);
      return;
    }
    this.out(text.slice(0, end));
    this.held = text.slice(end);
  }
}
