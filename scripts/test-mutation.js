// `npm run test:mutation [PART...]`: Stryker on lib/core, one part of it at a time, then the score of all parts.
//
// A run over the whole core takes hours on 2 cores (some 6,000 mutants, each running the tests that cover
// it), and Stryker saves its incremental results only when a run completes. So each part below is its own
// run with its own incremental file and report (reports/mutation/parts/<part>/): a run that is stopped
// loses only the part it was in, a later run retests only what changed, and `npm run test:mutation -- engine`
// runs one part. The total is computed from the parts' reports, as Stryker computes a score: detected
// (killed or timed out) over valid (detected, survived or not covered); compile errors (the TypeScript
// checker rejected the mutant), runtime errors and ignored mutants are not valid.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BASE = JSON.parse(fs.readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8'));
const PARTS = {
  decisions: ['lib/core/*.ts', '!lib/core/index.ts', '!lib/core/public.ts'],
  inventory: ['lib/core/inventory/**/*.ts', '!lib/core/inventory/index.ts'],
  rules: ['lib/core/rules/**/*.ts', '!lib/core/rules/index.ts'],
  engine: ['lib/core/engine/*.ts', '!lib/core/engine/index.ts'],
  expressions: ['lib/core/engine/expression/**/*.ts', '!lib/core/engine/expression/index.ts'],
};
const BREAK = BASE.thresholds.break;

const dirOf = (part) => path.join('reports', 'mutation', 'parts', part);
const reportOf = (part) => path.join(ROOT, dirOf(part), 'mutation.json');

function run(part) {
  const dir = dirOf(part);
  fs.mkdirSync(path.join(ROOT, dir), { recursive: true });
  const config = {
    ...BASE,
    mutate: PARTS[part],
    incrementalFile: path.join(dir, 'stryker-incremental.json'),
    jsonReporter: { fileName: path.join(dir, 'mutation.json') },
    reporters: ['clear-text', 'progress-append-only', 'json'],
    thresholds: { ...BASE.thresholds, break: null },
  };
  delete config.$schema;
  const file = path.join(ROOT, dir, 'stryker.config.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  console.log(`test:mutation: part '${part}' (${PARTS[part].filter((g) => !g.startsWith('!')).join(', ')})`);
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'stryker'), ['run', file], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`test:mutation: Stryker failed on part '${part}' (exit ${r.status})`);
}

function count(part) {
  const totals = { detected: 0, survived: 0, noCoverage: 0, excluded: 0 };
  const report = JSON.parse(fs.readFileSync(reportOf(part), 'utf8'));
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') totals.detected++;
      else if (m.status === 'Survived') totals.survived++;
      else if (m.status === 'NoCoverage') totals.noCoverage++;
      else totals.excluded++;
    }
  }
  return totals;
}

const asked = process.argv.slice(2);
for (const part of asked) if (!PARTS[part]) throw new Error(`test:mutation: no part '${part}'; the parts are ${Object.keys(PARTS).join(', ')}`);
for (const part of asked.length > 0 ? asked : Object.keys(PARTS)) run(part);

const rows = Object.keys(PARTS).map((part) => [part, fs.existsSync(reportOf(part)) ? count(part) : undefined]);
const all = { detected: 0, survived: 0, noCoverage: 0, excluded: 0 };
for (const [part, t] of rows) {
  if (!t) {
    console.log(`${part.padEnd(12)} not measured yet`);
    continue;
  }
  for (const k of Object.keys(all)) all[k] += t[k];
  const valid = t.detected + t.survived + t.noCoverage;
  console.log(`${part.padEnd(12)} ${(100 * t.detected / valid).toFixed(2).padStart(6)}%  ${t.detected} of ${valid} valid detected, ${t.survived} survived, ${t.noCoverage} not covered (${t.excluded} not valid)`);
}
const missing = rows.filter(([, t]) => !t).map(([p]) => p);
const valid = all.detected + all.survived + all.noCoverage;
const score = valid === 0 ? 0 : 100 * all.detected / valid;
console.log(`lib/core     ${score.toFixed(2).padStart(6)}%  ${all.detected} of ${valid}${missing.length ? ` (without ${missing.join(', ')})` : ''}`);
if (missing.length > 0) {
  console.error(`test:mutation: no score for all of lib/core yet: run npm run test:mutation -- ${missing.join(' ')}`);
  process.exit(1);
}
if (score < BREAK) {
  console.error(`test:mutation: ${score.toFixed(2)}% is below ${BREAK}%`);
  process.exit(1);
}
