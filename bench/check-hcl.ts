/**
 * `npm run bench:check`: `gitlab-identity check` over N GitLab tokens written in HCL (10,000 by default),
 * generated into a temporary folder: one module per team folder, 100 tokens per file, each token delivered
 * to a CI/CD variable, a tenth of them with a finding. Each repetition runs the command in a fresh process
 * (as CI would) and reports wall time and peak RSS; one more run in this process splits the time into parsing
 * (tree-sitter), conversion to the JSON syntax, and the rest (engine and report).
 *
 * Environment: BENCH_TOKENS (default 10000), BENCH_REPS (default 3).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ModuleBuilder } from '../lib/cli/check/module-builder';
import { runCheck } from '../lib/cli/check/run-check';
import { formatReport } from '../lib/cli/check/reports';
import { hclParser } from '../lib/cli/check/tree-sitter';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 10_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const PER_FILE = 100;
const FILES_PER_TEAM = 10;
const TARGET_MS = 10_000;

function token(i: number): string {
  const risky = i % 10 === 0;
  return `
resource "gitlab_project_access_token" "bot_${i}" {
  project      = "org${i % 40}/app-${i}"
  name         = "team${Math.floor(i / 1000)}-bot-${i}"
  access_level = "${risky ? 'owner' : 'reporter'}"
  scopes       = ["read_api"]
  rotation_configuration {
    expiration_days    = 60
    rotate_before_days = 14
  }
}

resource "gitlab_project_variable" "bot_${i}" {
  project   = "org${i % 40}/ops-${i}"
  key       = "BOT_TOKEN"
  value     = gitlab_project_access_token.bot_${i}.token
  masked    = true
  hidden    = true
  protected = ${risky ? 'false' : 'true'}
}
`;
}

/** Writes the tokens; returns the root folder and the files. */
function generate(root: string): string[] {
  const files: string[] = [];
  for (let start = 0; start < TOKENS; start += PER_FILE) {
    const team = Math.floor(start / (PER_FILE * FILES_PER_TEAM));
    const dir = path.join(root, `team-${team}`);
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'versions.tf'))) {
      fs.writeFileSync(path.join(dir, 'versions.tf'), 'terraform {\n  required_providers {\n    gitlab = { source = "gitlabhq/gitlab", version = ">= 18.8.1" }\n  }\n}\n');
    }
    const file = path.join(dir, `tokens-${start}.tf`);
    let text = '';
    for (let i = start; i < Math.min(TOKENS, start + PER_FILE); i++) text += token(i);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-check-'));
  try {
    const files = generate(root);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const bin = path.join(__dirname, '..', 'lib', 'cli', 'bin.js');
    const runs: { ms: number; rssMb: number }[] = [];
    for (let r = 0; r < REPS; r++) {
      const start = performance.now();
      let status = 0;
      try {
        // /usr/bin/time is not everywhere: the child reports its own peak RSS through an exit hook.
        execFileSync(process.execPath, ['-r', path.join(__dirname, 'report-rss.js'), bin, 'check', root, '--format', 'codequality', '--output', path.join(root, 'report.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (e) {
        status = (e as { status?: number }).status ?? -1;
        if (status !== 2) throw e;
      }
      const ms = performance.now() - start;
      const rssMb = Number(fs.readFileSync(path.join(root, 'report.json.rss'), 'utf8'));
      runs.push({ ms, rssMb });
      process.stderr.write(`  run ${r + 1}: ${ms.toFixed(0)} ms, ${rssMb.toFixed(0)} MB, exit ${status}\n`);
    }
    // Where the time goes, in this process: the parser alone, then parse + conversion, then the whole check.
    const parser = await hclParser();
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    let t = performance.now();
    for (const text of texts) parser.parse(text)?.delete();
    const parseMs = performance.now() - t;
    t = performance.now();
    for (const [i, text] of texts.entries()) {
      const builder = new ModuleBuilder();
      const tree = parser.parse(text);
      if (tree) {
        builder.addFile(files[i], tree.rootNode, text);
        tree.delete();
      }
    }
    const parseAndConvertMs = performance.now() - t;
    t = performance.now();
    const result = await runCheck([root]);
    formatReport('codequality', result, { toolVersion: 'bench' });
    const inProcessMs = performance.now() - t;
    const wall = median(runs.map((x) => x.ms));
    console.log(`\n${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, node ${process.version}`);
    console.log(`check on ${TOKENS} tokens (+ ${TOKENS} variables) in ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MB of HCL, ${result.findings.length} findings`);
    console.log(`| | ms |\n|---|---:|`);
    console.log(`| gitlab-identity check, fresh process (median of ${REPS}) | ${wall.toFixed(0)} |`);
    console.log(`| in process: whole check + Code Quality report | ${inProcessMs.toFixed(0)} |`);
    console.log(`| in process: tree-sitter parse only | ${parseMs.toFixed(0)} (${((parseMs / inProcessMs) * 100).toFixed(0)}%) |`);
    console.log(`| in process: parse + conversion to JSON syntax | ${parseAndConvertMs.toFixed(0)} (${((parseAndConvertMs / inProcessMs) * 100).toFixed(0)}%) |`);
    console.log(`peak RSS of the command: ${median(runs.map((x) => x.rssMb)).toFixed(0)} MB`);
    console.log(`target: under ${TARGET_MS} ms: ${wall < TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
