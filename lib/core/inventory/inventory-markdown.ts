/** The inventory as Markdown for a merge-request note: a summary table first, details after. */
import { InventoryEntry, StackInventory } from './inventory';
import { IdentityKind } from '../identity-kind';
import { JOB_TOKEN_ALLOWLIST_PRECONDITION } from '../least-privilege-tables';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

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
      return e.lifetimeDays === null ? 'rotating' : `${e.lifetimeDays} d, rotated ${e.rotateBeforeDays ?? '?'} d before`;
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
  const parts = open.map((f) => `${f.level === 'error' ? '⛔' : '⚠️'} ${f.ruleId}`);
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.join(' ') || '—';
}

function summaryTable(entries: readonly InventoryEntry[], withStack?: string): string[] {
  return [
    `| identity | kind | role | scopes | lifetime | reach | findings |`,
    `|---|---|---|---|---|---|---|`,
    ...entries.map((e) =>
      `| ${cell(withStack ? `${e.name}` : e.name)} | ${e.kind} | ${e.accessLevel ?? '—'} | ${cell(e.scopes.join(', ') || '—')} | ${lifetimeText(e)} | ${cell(reachText(e))} | ${findingsText(e)} |`),
  ];
}

function details(e: InventoryEntry): string[] {
  const lines = [`### ${e.name}`, ''];
  const item = (label: string, value: string) => lines.push(`- **${label}:** ${value}`);
  item('Kind', `${e.kind}${e.decisionRule !== null ? ` (decision rule ${e.decisionRule})` : ''}${e.source === 'provider-resource' ? ` — written directly as \`${e.resourceType}\`` : ''}`);
  if (e.owner !== null) item('Owner / purpose', `${e.owner} / ${e.purpose}`);
  if (e.runtime !== null) item('Runtime', e.runtime.sourceProject ? `${e.runtime.type}, source project ${e.runtime.sourceProject}` : e.runtime.type);
  item('Reach', reachText(e));
  if (e.capabilities.length) item('Capabilities', e.capabilities.join(', '));
  item('Access level', e.accessLevel ?? 'none (no role of its own)');
  item('Scopes', e.scopes.join(', ') || 'none');
  item('Lifetime', lifetimeText(e));
  for (const g of e.grants) {
    item('Grant', `${g.type} on ${g.targetType} ${g.target}${g.source ? ` for jobs of ${g.source}` : ''}${g.accessLevel ? ` as ${g.accessLevel}` : ''}${g.tokenName ? ` (token ${g.tokenName})` : ''}`);
  }
  for (const d of e.deliveries) {
    item('Delivered to', `${d.type} ${d.target ? `${d.target} ` : ''}\`${d.key}\` (scope ${d.environmentScope}${d.protected === false ? ', **not protected**' : ''})`);
  }
  if (e.kind === IdentityKind.CI_JOB_TOKEN) item('Precondition', JOB_TOKEN_ALLOWLIST_PRECONDITION);
  if (e.labels.length) item('Merge requests must carry', e.labels.map((l) => `~"${l}"`).join(', '));
  for (const f of e.findings) {
    item(f.level === 'error' ? 'Error' : f.level === 'warning' ? 'Warning' : 'Note',
      `${f.ruleId}: ${f.message}${f.suppressedBy ? ` — suppressed: ${f.suppressedBy.reason}` : ''}`);
  }
  for (const s of e.suppressions) item('Suppression', `${s.id} on \`${s.scope}\`: ${s.reason}`);
  item('Construct', `\`${e.constructPath}\``);
  if (e.rationale.length) {
    lines.push('', '<details><summary>Why this identity</summary>', '', ...e.rationale.map((r) => `1. ${r}`), '', '</details>');
  }
  lines.push('');
  return lines;
}

export function inventoryToMarkdown(inventories: readonly StackInventory[]): string {
  const lines: string[] = ['# GitLab automation identities', ''];
  for (const inv of inventories) {
    const errors = inv.identities.flatMap((e) => e.findings).filter((f) => f.level === 'error' && !f.suppressedBy).length;
    lines.push(`## Stack \`${inv.stack}\``, '', `${inv.identities.length} identit${inv.identities.length === 1 ? 'y' : 'ies'}, ${errors} open error${errors === 1 ? '' : 's'}.`, '');
    if (inv.identities.length) lines.push(...summaryTable(inv.identities), '');
    for (const e of inv.identities) lines.push(...details(e));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
