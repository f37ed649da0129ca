/**
 * docs/merge-request-review.md is a tested example, not a claim: its two .gitlab-ci.yml files are parsed and
 * their trust rules asserted, the app project's check job runs against the example app, and the gate's
 * resolve.js and review.js run against a local stand-in for the GitLab API.
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { buildOrganisation } from '../../examples/organisation';
import { runCli } from '../../lib/cli/program';

const ROOT = path.resolve(__dirname, '../..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs/merge-request-review.md'), 'utf8');
const TRANSPILER = path.join(ROOT, 'test/support/register-ts.js');

/** The fenced block after `<!-- gate-file: <name> -->`. */
function docFile(name: string): string {
  const m = new RegExp(`<!-- gate-file: ${name.replace(/[.*/]/g, '\\$&')} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n`).exec(DOC);
  if (!m) throw new Error(`docs/merge-request-review.md has no gate-file ${name}`);
  return m[1];
}

type Job = { script?: string[]; rules?: { if: string }[]; environment?: { name: string }; extends?: string; variables?: Record<string, string>; artifacts?: { reports?: Record<string, string> }; trigger?: { project: string; strategy: string }; needs?: string[] };
const appCi = parse(docFile('app/.gitlab-ci.yml')) as Record<string, Job>;
const gateCi = parse(docFile('gate/.gitlab-ci.yml')) as Record<string, Job>;
const scriptOf = (ci: Record<string, Job>, name: string): string[] => ci[name].script ?? ci[ci[name].extends as string].script ?? [];

let tmp: string;
let base: string;
let escalated: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-review-'));
  base = path.join(tmp, 'base', 'cdktf.out');
  fs.mkdirSync(path.dirname(base));
  buildOrganisation(new App({ outdir: base })).synth();
  escalated = path.join(tmp, 'escalated', 'cdktf.out');
  fs.cpSync(base, escalated, { recursive: true });
  const file = path.join(escalated, 'stacks', 'quality', 'cdk.tf.json');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"access_level": "reporter"', '"access_level": "maintainer"'));
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the pipelines', () => {
  test('GIVEN the app project WHEN its check job runs THEN it runs on merge requests and the default branch and reports Code Quality from the file it writes', () => {
    const job = appCi['identity-check'];
    expect(job.rules?.map((r) => r.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
    const check = (job.script ?? []).find((l) => l.includes('gitlab-identity check')) as string;
    expect(check).toContain('--format codequality');
    expect(check).toContain(`--output ${job.artifacts?.reports?.codequality}`);
  });

  test('GIVEN the app project WHEN it hands over to the gate THEN only the merge request number is passed and the gate decides the pipeline', () => {
    const job = appCi['identity-gate'];
    expect(job.trigger).toEqual({ project: 'acme/identity-gate', strategy: 'depend' });
    expect(job.variables).toEqual({ MR_IID: '$CI_MERGE_REQUEST_IID' });
  });

  test('GIVEN the gate project WHEN its jobs are read THEN only resolve and review get the token environment, and neither runs the merge request\'s code', () => {
    const withToken = Object.entries(gateCi).filter(([, j]) => j.environment?.name === 'identity-review').map(([n]) => n).sort();
    expect(withToken).toEqual(['resolve', 'review']);
    for (const name of withToken) expect(scriptOf(gateCi, name).join('\n')).not.toMatch(/npm ci|npm run|synth/);
    expect(scriptOf(gateCi, 'synth-mr').join('\n')).toContain('npm run synth');
    expect(gateCi['synth-mr'].environment).toBeUndefined();
    expect(gateCi['synth-mr'].variables?.FETCH).toBe('refs/merge-requests/${MR_IID}/head');
  });

  test('GIVEN the review job WHEN it installs the tool THEN the version is the one resolve read from the target branch', () => {
    expect(scriptOf(gateCi, 'review')[0]).toContain('"cdktf-gitlab-identity@${TOOL_VERSION}"');
    expect(gateCi.review.needs).toEqual(['resolve', 'synth-mr', 'synth-target']);
  });

  test('GIVEN the app project\'s check job WHEN its script runs on the example app THEN it writes a Code Quality report and exits 0', () => {
    const work = fs.mkdtempSync(path.join(tmp, 'app-'));
    const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
    // npm: `ci` does nothing here, `run synth` brings the example app's cdktf.out; npx runs this repository's CLI.
    fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\n[ "$1" = run ] && cp -r "${base}" cdktf.out\nexit 0\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nshift\nexec "${process.execPath}" --require "${TRANSPILER}" "${ROOT}/lib/cli/bin.ts" "$@"\n`, { mode: 0o755 });
    execFileSync('bash', ['-euc', (appCi['identity-check'].script ?? []).join('\n')], { cwd: work, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: 'pipe' });
    const report = JSON.parse(fs.readFileSync(path.join(work, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; severity: string }[];
    expect(Array.isArray(report)).toBe(true);
    expect(report.every((f) => /^GLID-\d{3}$/.test(f.check_name))).toBe(true);
  });
});

/** A stand-in for the GitLab API: the merge request, its label events, versions and members; records writes. */
interface FakeGitLab {
  mr: { iid: number; project_id: number; sha: string; state: string; target_branch: string; labels: string[]; author: { id: number } };
  labelEvents: { action: string; label: { name: string }; user: { id: number; username: string }; created_at: string }[];
  versions: { created_at: string }[];
  members: Record<number, number>;
  notes: string[];
  statuses: { sha: string; state: string; name: string; description: string }[];
  files: Record<string, string>;
}

const TOKEN = 'gate-token-value';

function serve(gitlab: FakeGitLab): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const url = new URL(req.url as string, 'http://x');
      const send = (status: number, value?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
      };
      if (req.headers['private-token'] !== TOKEN) return send(401, { message: '401 Unauthorized' });
      const p = decodeURIComponent(url.pathname).replace(/^\/api\/v4\/projects\/(acme\/platform-identities|42)/, '');
      if (req.method === 'GET' && p === '/merge_requests/7') return send(200, gitlab.mr);
      if (req.method === 'GET' && p === '/repository/branches/main') return send(200, { commit: { id: 'target-sha' } });
      const file = /^\/repository\/files\/(.+)\/raw$/.exec(p);
      if (req.method === 'GET' && file) return file[1] in gitlab.files && url.searchParams.get('ref') === 'target-sha' ? send(200, gitlab.files[file[1]]) : send(404, { message: '404 File Not Found' });
      if (req.method === 'GET' && p === '/merge_requests/7/resource_label_events') {
        // Two pages, as GitLab pages lists: the record that matters may be on the second.
        const page = Number(url.searchParams.get('page') ?? '1');
        const half = Math.ceil(gitlab.labelEvents.length / 2);
        return send(200, page === 1 ? gitlab.labelEvents.slice(0, half) : gitlab.labelEvents.slice(half), page === 1 ? { 'x-next-page': '2' } : { 'x-next-page': '' });
      }
      if (req.method === 'GET' && p === '/merge_requests/7/versions') return send(200, gitlab.versions);
      const member = /^\/members\/all\/(\d+)$/.exec(p);
      if (req.method === 'GET' && member) return Number(member[1]) in gitlab.members ? send(200, { access_level: gitlab.members[Number(member[1])] }) : send(404, { message: '404 Not found' });
      if (req.method === 'POST' && p === '/merge_requests/7/notes') {
        gitlab.notes.push((JSON.parse(body) as { body: string }).body);
        return send(201, {});
      }
      const status = /^\/statuses\/(.+)$/.exec(p);
      if (req.method === 'POST' && status) {
        gitlab.statuses.push({ sha: status[1], ...(JSON.parse(body) as { state: string; name: string; description: string }) });
        return send(201, {});
      }
      return send(404, { message: `no route ${req.method} ${p}` });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`, close: () => server.close() })));
}

function fakeGitLab(): FakeGitLab {
  return {
    mr: { iid: 7, project_id: 42, sha: 'mr-sha', state: 'opened', target_branch: 'main', labels: [], author: { id: 5 } },
    labelEvents: [],
    versions: [{ created_at: '2026-11-30T10:00:00Z' }, { created_at: '2026-11-29T10:00:00Z' }],
    members: { 5: 40, 6: 40, 8: 30 },
    notes: [],
    statuses: [],
    files: { 'package-lock.json': JSON.stringify({ packages: { 'node_modules/cdktf-gitlab-identity': { version: '0.4.2' } } }) },
  };
}

/** Runs a gate script of the doc with node; resolves with its exit code and stderr. */
function runGateScript(name: string, cwd: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const file = path.join(cwd, path.basename(name));
  fs.writeFileSync(file, docFile(name));
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { cwd, env: { ...process.env, ...env } }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

describe('resolve.js', () => {
  test('GIVEN a merge request WHEN resolved THEN the head, the target branch commit and the target branch\'s tool version are written for the next jobs', async () => {
    const gitlab = fakeGitLab();
    const api = await serve(gitlab);
    const cwd = fs.mkdtempSync(path.join(tmp, 'resolve-'));
    try {
      const run = await runGateScript('gate/gate/resolve.js', cwd, { CI_API_V4_URL: api.url, IDENTITY_GATE_TOKEN: TOKEN, APP_PROJECT_PATH: 'acme/platform-identities', MR_IID: '7' });
      expect(run).toEqual({ code: 0, stderr: '' });
      expect(fs.readFileSync(path.join(cwd, 'resolved.env'), 'utf8')).toBe('APP_PROJECT_ID=42\nMR_SHA=mr-sha\nTARGET_BRANCH=main\nTARGET_SHA=target-sha\nTOOL_VERSION=0.4.2\n');
      const bad = await runGateScript('gate/gate/resolve.js', cwd, { CI_API_V4_URL: api.url, IDENTITY_GATE_TOKEN: TOKEN, APP_PROJECT_PATH: 'acme/platform-identities', MR_IID: '7 && curl evil' });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('is not a merge request number');
    } finally {
      api.close();
    }
  });
});

// Each review runs node twice (the script, the tool); they run side by side, each with its own API and folder.
describe('review.js', () => {
  const notes = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-review-notes-'));
  afterAll(() => fs.rmSync(notes, { recursive: true, force: true }));

  /**
   * The pinned tool, stood in for by a script that prints this repository's diff of the two apps and exits
   * with its code: each diff is computed once, in this process.
   */
  const tools = new Map<string, string>();
  function tool(oldApp: string, newApp: string): string {
    const key = `${oldApp}\u0000${newApp}`;
    const known = tools.get(key);
    if (known) return known;
    let out = '';
    const code = runCli(['diff', oldApp, newApp, '--fail-on-escalation'], { out: (t) => { out += t; }, err: () => undefined });
    const dir = fs.mkdtempSync(path.join(notes, 'tool-'));
    fs.writeFileSync(path.join(dir, 'note.md'), out);
    const shim = path.join(dir, 'gitlab-identity');
    fs.writeFileSync(shim, `#!/bin/sh\ncat "${path.join(dir, 'note.md')}"\nexit ${code}\n`, { mode: 0o755 });
    tools.set(key, shim);
    return shim;
  }

  async function review(newApp: string, setUp: (g: FakeGitLab) => void, toolOverride?: string) {
    const gitlab = fakeGitLab();
    setUp(gitlab);
    const api = await serve(gitlab);
    const cwd = fs.mkdtempSync(path.join(notes, 'review-'));
    try {
      const run = await runGateScript('gate/gate/review.js', cwd, {
        CI_API_V4_URL: api.url, IDENTITY_GATE_TOKEN: TOKEN, APP_PROJECT_ID: '42', MR_IID: '7', MR_SHA: 'mr-sha',
        GATE_TOOL: toolOverride ?? tool(base, newApp),
      });
      return { ...run, gitlab };
    } finally {
      api.close();
    }
  }

  const labelled = (g: FakeGitLab, user: { id: number; username: string }, at: string) => {
    g.mr.labels = ['identity-escalation-approved'];
    g.labelEvents = [
      { action: 'add', label: { name: 'other' }, user: { id: 5, username: 'author' }, created_at: '2026-11-28T10:00:00Z' },
      { action: 'add', label: { name: 'identity-escalation-approved' }, user, created_at: at },
    ];
  };

  test.concurrent('GIVEN no escalation WHEN reviewed THEN success is set and the note posted', async () => {
    const r = await review(base, () => undefined);
    expect(r.code).toBe(0);
    expect(r.gitlab.statuses).toEqual([{ sha: 'mr-sha', state: 'success', name: 'identity-gate', description: 'no escalation of privilege' }]);
    expect(r.gitlab.notes).toHaveLength(1);
  });

  test.concurrent('GIVEN an escalation without the label WHEN reviewed THEN the status fails and the note lists the escalation', async () => {
    const r = await review(escalated, () => undefined);
    expect(r.code).toBe(1);
    expect(r.gitlab.statuses.map((s) => [s.state, s.description])).toEqual([['failed', 'escalation not approved: no identity-escalation-approved label']]);
    expect(r.gitlab.notes[0]).toContain('escalation');
    expect(r.gitlab.notes[0]).toContain('**Identity gate:** escalation not approved');
  });

  test.concurrent('GIVEN the label added by a maintainer other than the author after the latest push WHEN reviewed THEN the escalation passes, naming the approver as code', async () => {
    const r = await review(escalated, (g) => labelled(g, { id: 6, username: 'sec-lead' }, '2026-11-30T11:00:00Z'));
    expect(r.code).toBe(0);
    expect(r.gitlab.statuses.map((s) => [s.state, s.description])).toEqual([['success', 'escalation approved by maintainer sec-lead']]);
    expect(r.gitlab.notes[0]).toContain('**Identity gate:** escalation approved by maintainer `sec-lead`.');
  });

  test.concurrent.each([
    ['a developer', { id: 8, username: 'dev' }, '2026-11-30T11:00:00Z', 'was added by dev, who is not a maintainer'],
    ['the author, a maintainer', { id: 5, username: 'author' }, '2026-11-30T11:00:00Z', 'was added by the author'],
    ['a maintainer before the latest push', { id: 6, username: 'sec-lead' }, '2026-11-30T09:00:00Z', 'was added before the latest push'],
    ['someone no longer a member', { id: 9, username: 'gone' }, '2026-11-30T11:00:00Z', 'was added by gone, who is not a maintainer'],
  ])('GIVEN the label added by %s WHEN reviewed THEN the escalation still fails', async (_, user, at, why) => {
    const r = await review(escalated, (g) => labelled(g, user, at));
    expect(r.code).toBe(1);
    expect(r.gitlab.statuses.map((s) => s.state)).toEqual(['failed']);
    expect(r.gitlab.statuses[0].description).toContain(why);
  });

  test.concurrent('GIVEN the merge request moved on during the review WHEN reviewed THEN the status fails and no note is posted', async () => {
    const r = await review(base, (g) => { g.mr.sha = 'newer-sha'; });
    expect(r.code).toBe(1);
    expect(r.gitlab.statuses.map((s) => [s.sha, s.state])).toEqual([['mr-sha', 'failed']]);
    expect(r.gitlab.notes).toEqual([]);
  });

  test.concurrent('GIVEN the tool failing WHEN reviewed THEN the gate fails closed', async () => {
    const broken = path.join(notes, 'broken-tool');
    fs.writeFileSync(broken, '#!/bin/sh\necho "gitlab-identity: cannot read" >&2\nexit 1\n', { mode: 0o755 });
    const r = await review(base, () => undefined, broken);
    expect(r.code).toBe(1);
    expect(r.gitlab.statuses.map((s) => s.state)).toEqual(['failed']);
    expect(r.gitlab.statuses[0].description).toContain('gitlab-identity diff failed');
  });
});
