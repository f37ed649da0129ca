/**
 * The README's "Rotation schedule": the table is the rotation simulator's output for the defaults, the
 * scheduled-pipeline job is valid GitLab CI that applies more often than any rotate-before window of the
 * example app, and the commands that show the next renewals print them from a `terraform show -json`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { simulateRotation, tolerableGapDays } from '../../lib/core';

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const section = README.slice(README.indexOf('## Rotation schedule'), README.indexOf('\n## ', README.indexOf('## Rotation schedule') + 3));

/** Weekly applies, except the weeks listed. */
const weeklyBut = (...missed: number[]) => (d: number) => d % 7 === 0 && !missed.includes(d / 7);
const SCHEDULES: [string, (d: number) => boolean][] = [
  ['daily', () => true],
  ['weekly', (d) => d % 7 === 0],
  ['every 14 days', (d) => d % 14 === 0],
  ['weekly, two weeks missed once', weeklyBut(22, 23)],
  ['weekly, five weeks missed once', weeklyBut(20, 21, 22, 23, 24)],
];

function scheduleTable(): string {
  const rows = SCHEDULES.map(([name, appliesOn]) => {
    const [one, two] = [false, true].map((overlap) => simulateRotation({ lifetimeDays: 90, rotateBeforeDays: 14, expires: true, overlap, appliesOn, days: 730 }));
    return `| ${name} | ${one.minGraceDays} d | ${one.lapsedDays.length} | ${two.minGraceDays} d | ${two.lapsedDays.length} |`;
  });
  return [
    '| applies over two years | one slot: grace | one slot: days lapsed | overlap: least grace | overlap: days lapsed |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

test('the table is the simulator\'s, for lifetime 90 and rotate-before 14', () => {
  expect(section).toContain(scheduleTable());
  const prose = section.replace(/\s+/g, ' ');
  expect(prose).toContain(`survives at most ${tolerableGapDays(90, 14, false)} days without an apply with one slot, and ${tolerableGapDays(90, 14, true)} with overlap`);
});

/** The fenced block of `language` that contains `marker`. */
function block(language: string, marker: string): string {
  const blocks = [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
  const found = blocks.find((b) => b.includes(marker));
  if (found === undefined) throw new Error(`no ${language} block with ${marker} in "Rotation schedule"`);
  return found;
}

test('the scheduled pipeline job is GitLab CI that runs only from its schedule, one at a time, and applies every stack', () => {
  const job = (parse(block('yaml', 'renew-identities')) as Record<string, Record<string, unknown>>)['renew-identities'];
  expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule" && $RENEW_IDENTITIES == "true"' }]);
  expect(job.resource_group).toBe('gitlab-identities');
  expect(job.image).toEqual({ name: 'hashicorp/terraform:1.11', entrypoint: [''] });
  const script = (job.script as string[]).join('\n');
  expect(script).toContain('npm run synth');
  expect(script).toContain('terraform -chdir="$stack" apply -input=false -auto-approve');
  // `npm run synth` is the README's main command: the job synthesizes what the repository declares.
  expect(JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).scripts.synth).toBeDefined();
});

test('the schedule runs daily: more often than the default rotate-before window', () => {
  expect(section).toContain('the cron `0 5 * * *` (daily)');
});

test('the next-renewals command prints them from `terraform show -json`', () => {
  const command = block('sh', 'jq');
  const program = /jq -r '([\s\S]*)'/.exec(command)?.[1] as string;
  const state = { values: { root_module: { resources: [
    { address: 'time_rotating.pull_Rotation-a', type: 'time_rotating', values: { rotation_rfc3339: '2027-03-18T10:00:00Z' } },
    { address: 'gitlab_project_access_token.triage_Token', type: 'gitlab_project_access_token', values: { expires_at: '2027-04-01', rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } } },
    { address: 'gitlab_group_access_token.report_Token', type: 'gitlab_group_access_token', values: { expires_at: '2027-05-01', rotation_configuration: [{ expiration_days: 60, rotate_before_days: 7 }] } },
    { address: 'gitlab_project_variable.x', type: 'gitlab_project_variable', values: { key: 'TOKEN' } },
  ] } } };
  const out = execFileSync('jq', ['-r', program], { input: JSON.stringify(state) }).toString();
  expect(out.trim().split('\n')).toEqual([
    'time_rotating.pull_Rotation-a: rolls over 2027-03-18T10:00:00Z',
    'gitlab_project_access_token.triage_Token: expires 2027-04-01, rotated by the first apply 14 days before',
    'gitlab_group_access_token.report_Token: expires 2027-05-01, rotated by the first apply 7 days before',
  ]);
});
