/** A diff of inventories as a Markdown review note, escalations first. */
import { InventoryDiff, isEmptyDiff } from './inventory-diff';
import { lifetimeText, reachText } from './inventory-markdown';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function diffToMarkdown(diff: InventoryDiff): string {
  const lines = ['# GitLab identity changes', ''];
  if (isEmptyDiff(diff)) return `${[...lines, 'No identity changes.'].join('\n')}\n`;
  if (diff.escalations.length) {
    lines.push(`## ⚠️ ${diff.escalations.length} escalation${diff.escalations.length === 1 ? '' : 's'} of privilege`, '',
      '| identity | stack | what | before | after |', '|---|---|---|---|---|',
      ...diff.escalations.map((e) => `| **${cell(e.name)}** | ${e.stack} | ${e.change.dimension} | ${cell(e.change.from)} | **${cell(e.change.to)}** |`), '');
  } else {
    lines.push('No escalation of privilege.', '');
  }
  if (diff.added.length) {
    lines.push('## Added', '', '| identity | stack | kind | role | scopes | lifetime | reach |', '|---|---|---|---|---|---|---|',
      ...diff.added.map((e) => `| ${cell(e.name)} | ${e.stack} | ${e.kind} | ${e.accessLevel ?? '—'} | ${cell(e.scopes.join(', ') || '—')} | ${lifetimeText(e)} | ${cell(reachText(e))} |`), '');
  }
  if (diff.removed.length) {
    lines.push('## Removed', '', ...diff.removed.map((e) => `- ${e.name} (${e.kind}, stack ${e.stack})`), '');
  }
  if (diff.changed.length) {
    lines.push('## Changed', '');
    for (const c of diff.changed) {
      lines.push(`### ${c.name}`, '', ...c.changes.map((ch) => `- ${ch.escalation ? '**⬆ ' : ''}${ch.dimension}${ch.escalation ? '**' : ''}: ${ch.from} → ${ch.to}`), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
