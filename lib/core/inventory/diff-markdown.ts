/** A diff of inventories as a Markdown review note, escalations first. */
import { Change, InventoryDiff, isEmptyDiff } from './inventory-diff';
import { lifetimeText, reachText } from './inventory-markdown';
import { escapeMarkdown as md } from '../markdown-escape';

/**
 * A side of a change as Markdown. Every value is user data (see markdown-escape.ts) and is escaped, except a
 * lifetime: it is lifetimeText's output, fixed wording with markup of its own (`**never expires**`) whose
 * only data, the day counts, lifetimeText already escapes.
 */
const side = (change: Change, text: string) => (change.dimension === 'lifetime' ? text : md(text));

export function diffToMarkdown(diff: InventoryDiff): string {
  const lines = ['# GitLab identity changes', ''];
  if (isEmptyDiff(diff)) return `${[...lines, 'No identity changes.'].join('\n')}\n`;
  if (diff.escalations.length) {
    lines.push(`## ⚠️ ${diff.escalations.length} escalation${diff.escalations.length === 1 ? '' : 's'} of privilege`, '',
      '| identity | stack | what | before | after |', '|---|---|---|---|---|',
      ...diff.escalations.map((e) =>
        `| **${md(e.name)}** | ${md(e.stack)} | ${md(e.change.dimension)} | ${side(e.change, e.change.from)} | **${side(e.change, e.change.to)}** |`), '');
  } else {
    lines.push('No escalation of privilege.', '');
  }
  if (diff.added.length) {
    lines.push('## Added', '', '| identity | stack | kind | role | scopes | lifetime | reach |', '|---|---|---|---|---|---|---|',
      ...diff.added.map((e) =>
        `| ${md(e.name)} | ${md(e.stack)} | ${md(e.kind)} | ${md(e.accessLevel ?? '—')} | ${md(e.scopes.join(', ') || '—')} | ${lifetimeText(e)} | ${md(reachText(e))} |`), '');
  }
  if (diff.removed.length) {
    lines.push('## Removed', '', ...diff.removed.map((e) => `- ${md(e.name)} (${md(e.kind)}, stack ${md(e.stack)})`), '');
  }
  if (diff.changed.length) {
    lines.push('## Changed', '');
    for (const c of diff.changed) {
      lines.push(`### ${md(c.name)}`, '',
        ...c.changes.map((ch) => `- ${ch.escalation ? '**⬆ ' : ''}${md(ch.dimension)}${ch.escalation ? '**' : ''}: ${side(ch, ch.from)} → ${side(ch, ch.to)}`), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
