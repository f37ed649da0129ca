// `npm run test:mutation [PART...]`: Stryker on lib/core, one part of it at a time, then the score of all parts.
//
// A run over the whole core takes hours on 2 cores (some 8,000 mutants, 1,217 of `decisions` alone to run tests
// for, each running the tests that cover it), and Stryker saves its incremental results only when a run completes. So each part below is its own
// run with its own incremental file and report (reports/mutation/parts/<part>/): a run that is stopped
// loses only the part it was in, a later run retests only what changed, and `npm run test:mutation -- engine-model`
// runs one part. The total is computed from the parts' reports, as Stryker computes a score: detected
// (killed or timed out) over valid (detected, survived or not covered); compile errors (the TypeScript
// checker rejected the mutant), runtime errors and ignored mutants are not valid.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '..');
const BASE = JSON.parse(fs.readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8'));
const core = (...names) => names.map((n) => `lib/core/${n}.ts`);
// Parts of some 1,000 mutants at most: `decisions`, whose code nearly every test runs, took 102 minutes on 2 cores (its first run with the jest-by-file runner).
const PARTS = {
  decisions: core('decision-rules', 'plan-identity', 'identity-request', 'policy', 'platform'),
  tables: core('access-level', 'capability', 'deploy-token-writes', 'expiry', 'findings', 'flat-strings', 'grants', 'identity-kind', 'kind-traits',
    'least-privilege-tables', 'naming', 'overlap', 'reach', 'runtime', 'scopes', 'service-account-username', 'token-scope'),
  messages: core('closest', 'errors', 'gitlab-path', 'markdown-escape', 'visible-text'),
  schedules: core('provider-version', 'replacement-attributes', 'rotation-model'),
  inventory: ['lib/core/inventory/**/*.ts', '!lib/core/inventory/index.ts'],
  // The rules, the engine and the expression evaluator are some 5,000 lines: split so that each part finishes
  // (and saves its incremental results) within an hour or so on 2 cores.
  'rules-a': ['lib/core/rules/{catalogue,check-credential,credential,describe}.ts', 'lib/core/rules/glid-0{0,1}[0-9]-*.ts'],
  'rules-b': ['lib/core/rules/{policy-rule,rules-markdown}.ts', 'lib/core/rules/glid-02[0-9]-*.ts'],
  'engine-model': core('engine/stack-model', 'engine/terraform-config', 'engine/stack-name', 'engine/provider-requirement',
    'engine/follow', 'engine/secret-flow', 'engine/variable-type'),
  'engine-checks': core('engine/describe-stack', 'engine/check-app', 'engine/build-inventory', 'engine/library-metadata',
    'engine/suppressions', 'engine/resource-catalogue'),
  // expression/index.ts holds the evaluator's entry points (not only re-exports), so it is mutated too.
  'expr-syntax': core('engine/expression/lexer', 'engine/expression/parser', 'engine/expression/ast', 'engine/expression/template-scan',
    'engine/expression/convert', 'engine/expression/numbers', 'engine/expression/traversals', 'engine/expression/fallback'),
  'expr-eval': core('engine/expression/evaluate', 'engine/expression/evaluate-for', 'engine/expression/value', 'engine/expression/unknowns',
    'engine/expression/context', 'engine/expression/scope', 'engine/expression/functions', 'engine/expression/fn-collections',
    'engine/expression/fn-scalar', 'engine/expression/index'),
};
const BREAK = BASE.thresholds.break;

// Every file the whole core's `mutate` takes is in exactly one part: a new file in lib/core/engine would
// otherwise be in none, and its mutants in no score. Matched with Stryker's own minimatch, as Stryker matches.
const strykerDir = path.dirname(require.resolve('@stryker-mutator/core/package.json'));
const minimatchModule = require(require.resolve('minimatch', { paths: [strykerDir] }));
const minimatch = minimatchModule.minimatch ?? minimatchModule;
const matches = (patterns, file) =>
  patterns.some((p) => !p.startsWith('!') && minimatch(file, p)) && !patterns.some((p) => p.startsWith('!') && minimatch(file, p.slice(1)));
const coreFiles = (dir) => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? coreFiles(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
for (const file of coreFiles('lib/core').filter((f) => matches(BASE.mutate, f))) {
  const parts = Object.keys(PARTS).filter((part) => matches(PARTS[part], file));
  if (parts.length !== 1) throw new Error(`test:mutation: ${file} is in ${parts.length === 0 ? 'no part' : `parts ${parts.join(', ')}`}; each file of lib/core must be in exactly one (PARTS in ${path.relative(ROOT, __filename)})`);
}

const dirOf = (part) => path.join('reports', 'mutation', 'parts', part);
const reportOf = (part) => path.join(ROOT, dirOf(part), 'mutation.json');
const incrementalOf = (part) => path.join(ROOT, dirOf(part), 'stryker-incremental.json');
// Each part's last results, committed (gzip): a fresh clone starts from them, so a run retests only what
// changed since, instead of hours from nothing, and the scores below can be read without a run.
const baselineOf = (part) => path.join(ROOT, 'mutation-results', `${part}.json.gz`);

function restoreBaseline(part) {
  if (fs.existsSync(incrementalOf(part)) || !fs.existsSync(baselineOf(part))) return;
  fs.mkdirSync(path.dirname(incrementalOf(part)), { recursive: true });
  fs.writeFileSync(incrementalOf(part), zlib.gunzipSync(fs.readFileSync(baselineOf(part))));
}

/**
 * What is committed is what incremental runs read (files with their mutants, test files) without what belongs
 * to this machine: the project's absolute path, the configuration, and failure reasons (stack traces naming
 * Stryker's temporary sandbox). The same results then give the same bytes on any checkout.
 */
function saveBaseline(part) {
  const report = JSON.parse(fs.readFileSync(incrementalOf(part), 'utf8'));
  delete report.projectRoot;
  delete report.config;
  delete report.framework;
  for (const file of Object.values(report.files)) for (const m of file.mutants) delete m.statusReason;
  fs.mkdirSync(path.dirname(baselineOf(part)), { recursive: true });
  fs.writeFileSync(baselineOf(part), zlib.gzipSync(JSON.stringify(report), { level: 9 }));
}

/** Removes the part's timed-out mutants from its incremental results, so that the next run tests them again. */
function dropTimeouts(part) {
  if (!fs.existsSync(incrementalOf(part))) return;
  const report = JSON.parse(fs.readFileSync(incrementalOf(part), 'utf8'));
  let dropped = 0;
  for (const file of Object.values(report.files)) {
    const kept = file.mutants.filter((m) => m.status !== 'Timeout');
    dropped += file.mutants.length - kept.length;
    file.mutants = kept;
  }
  fs.writeFileSync(incrementalOf(part), JSON.stringify(report));
  console.log(`test:mutation: ${dropped} timed-out mutant${dropped === 1 ? '' : 's'} of '${part}' will be tested again`);
}

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
  restoreBaseline(part);
  if (retestTimeouts) dropTimeouts(part);
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'stryker'), ['run', file], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`test:mutation: Stryker failed on part '${part}' (${r.signal ? `signal ${r.signal}` : `exit ${r.status}`})`);
  saveBaseline(part);
}

/** The part's last report: this machine's, else the committed results (the same schema, statuses included). */
function reportText(part) {
  if (fs.existsSync(reportOf(part))) return fs.readFileSync(reportOf(part), 'utf8');
  return zlib.gunzipSync(fs.readFileSync(baselineOf(part))).toString('utf8');
}
const measuredAt = (part) => (fs.existsSync(reportOf(part)) ? fs.statSync(reportOf(part)).mtime.toISOString().slice(0, 16) : 'committed results');
const isMeasured = (part) => fs.existsSync(reportOf(part)) || fs.existsSync(baselineOf(part));

function count(part) {
  const totals = { detected: 0, survived: 0, noCoverage: 0, excluded: 0 };
  const report = JSON.parse(reportText(part));
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

// `--scores`: only print the scores of the last results (this machine's report of a part, else the committed
// results); like a run, it exits 1 when the parts measured score below the threshold.
const scoresOnly = process.argv.includes('--scores');
// `--retest-timeouts`: a mutant that timed out counts as detected, but on a loaded machine a slow test run
// times out too. With this flag the part's timed-out mutants are dropped from its incremental results
// before the run, so Stryker tests them again (run it when the machine is otherwise idle).
const retestTimeouts = process.argv.includes('--retest-timeouts');
const asked = process.argv.slice(2).filter((a) => a !== '--scores' && a !== '--retest-timeouts');
for (const part of asked) if (!PARTS[part]) throw new Error(`test:mutation: no part '${part}'; the parts are ${Object.keys(PARTS).join(', ')}`);
if (!scoresOnly) for (const part of asked.length > 0 ? asked : Object.keys(PARTS)) run(part);

// The score is judged on the parts this run measured (all of them when none is named); the others' last
// reports are shown, with their dates, as information.
const judged = (asked.length > 0 ? asked : Object.keys(PARTS)).filter(isMeasured);
const percent = (t) => {
  const valid = t.detected + t.survived + t.noCoverage;
  return valid === 0 ? 'n/a' : `${(100 * t.detected / valid).toFixed(2)}%`;
};
const sum = (parts) => {
  const all = { detected: 0, survived: 0, noCoverage: 0, excluded: 0 };
  for (const part of parts) for (const k of Object.keys(all)) all[k] += count(part)[k];
  return all;
};
for (const part of Object.keys(PARTS)) {
  if (!isMeasured(part)) {
    console.log(`${part.padEnd(14)} not measured yet`);
    continue;
  }
  const t = count(part);
  const valid = t.detected + t.survived + t.noCoverage;
  const date = measuredAt(part);
  console.log(`${part.padEnd(14)} ${percent(t).padStart(7)}  ${t.detected} of ${valid} valid detected, ${t.survived} survived, ${t.noCoverage} not covered (${t.excluded} not valid), ${date}`);
}
const measured = Object.keys(PARTS).filter(isMeasured);
const total = sum(measured);
console.log(`lib/core     ${percent(total).padStart(7)}  over ${measured.length === Object.keys(PARTS).length ? 'every part' : `${measured.join(', ') || 'no part'} only`}`);
const score = sum(judged);
const valid = score.detected + score.survived + score.noCoverage;
if (valid > 0 && 100 * score.detected / valid < BREAK) {
  console.error(`test:mutation: ${percent(score)} on ${judged.join(', ')} is below ${BREAK}%`);
  process.exit(1);
}
