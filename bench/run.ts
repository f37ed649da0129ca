/**
 * `npm run bench`: synthesizes N automations (1,000 and 10,000 by default) through AutomationIdentity (a)
 * and as the same hand-written provider resources (b), alternating a and b over several repetitions, each
 * in a fresh process. Reports median wall time and peak RSS, the ratios a/b and the growth from the smallest
 * to the largest N; writes bench/results.json and prints a table.
 *
 * Environment: BENCH_SIZES (default "1000,10000"), BENCH_REPS (default 3), BENCH_EXPOSE_GC (1: both variants run
 * with --expose-gc, as a user's `NODE_OPTIONS=--expose-gc cdktf synth` would, so the checks start from a collected
 * heap), BENCH_MAX_OLD_SPACE (MB, default
 * 8192: room enough that no run is cut short; a small value such as 256 shows what each variant needs when V8
 * has to collect, rather than what it lets accumulate before collecting).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Sample { variant: 'identity' | 'raw'; n: number; ms: number; cpuMs: number; maxRssMb: number }

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const reps = Number(process.env.BENCH_REPS ?? 3);
const child = path.join(__dirname, 'synth-child.js');
const TARGETS = { timeRatio: 1.25, memoryRatio: 1.25, growth: 11 };

const maxOldSpace = Number(process.env.BENCH_MAX_OLD_SPACE ?? 8192);
const exposeGc = process.env.BENCH_EXPOSE_GC === '1';

function measure(variant: Sample['variant'], n: number): Sample {
  const out = execFileSync(process.execPath, [`--max-old-space-size=${maxOldSpace}`, ...(exposeGc ? ['--expose-gc'] : []), child, variant, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples: Sample[] = [];
for (const n of sizes) {
  for (let r = 0; r < reps; r++) {
    // Alternate which variant goes first, so drift in the machine's load hits both alike.
    const order: Sample['variant'][] = r % 2 === 0 ? ['identity', 'raw'] : ['raw', 'identity'];
    for (const v of order) {
      const s = measure(v, n);
      samples.push(s);
      process.stderr.write(`  n=${n} rep=${r + 1} ${v}: ${s.ms.toFixed(0)} ms (CPU ${s.cpuMs.toFixed(0)} ms), ${s.maxRssMb.toFixed(0)} MB\n`);
    }
  }
}

const stat = (v: Sample['variant'], n: number) => {
  const xs = samples.filter((s) => s.variant === v && s.n === n);
  return { ms: median(xs.map((s) => s.ms)), cpuMs: median(xs.map((s) => s.cpuMs)), maxRssMb: median(xs.map((s) => s.maxRssMb)) };
};
const rows = sizes.map((n) => {
  const a = stat('identity', n);
  const b = stat('raw', n);
  return { n, identity: a, raw: b, timeRatio: a.ms / b.ms, cpuRatio: a.cpuMs / b.cpuMs, memoryRatio: a.maxRssMb / b.maxRssMb };
});
const small = sizes[0];
const large = sizes[sizes.length - 1];
const growth = {
  from: small,
  to: large,
  identity: stat('identity', large).ms / stat('identity', small).ms,
  raw: stat('raw', large).ms / stat('raw', small).ms,
};
const largest = rows[rows.length - 1];
const results = {
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  repetitions: reps,
  maxOldSpaceMb: maxOldSpace,
  exposeGc,
  rows,
  growth,
  targets: TARGETS,
  met: {
    timeRatio: largest.timeRatio <= TARGETS.timeRatio,
    memoryRatio: largest.memoryRatio <= TARGETS.memoryRatio,
    growth: growth.identity <= TARGETS.growth,
  },
  samples,
};
// The default run is the one recorded; a capped or --expose-gc run is printed only.
if (process.env.BENCH_MAX_OLD_SPACE === undefined && !exposeGc) fs.writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const f = (x: number, d = 0) => x.toFixed(d);
console.log(`\n${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GiB, node ${results.machine.node}; median of ${reps}; --max-old-space-size=${maxOldSpace}${exposeGc ? ' --expose-gc' : ''}`);
console.log('| N | AutomationIdentity ms | raw ms | time a/b | CPU a/b | AutomationIdentity MB | raw MB | memory a/b |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n} | ${f(r.identity.ms)} | ${f(r.raw.ms)} | ${f(r.timeRatio, 2)} | ${f(r.cpuRatio, 2)} | ${f(r.identity.maxRssMb)} | ${f(r.raw.maxRssMb)} | ${f(r.memoryRatio, 2)} |`);
}
console.log(`growth ${small} -> ${large}: AutomationIdentity ${f(growth.identity, 2)}x, raw ${f(growth.raw, 2)}x`);
console.log(`targets at ${large}: time a/b <= ${TARGETS.timeRatio} ${results.met.timeRatio ? 'met' : 'NOT met'}; memory a/b <= ${TARGETS.memoryRatio} ${results.met.memoryRatio ? 'met' : 'NOT met'}; growth <= ${TARGETS.growth}x ${results.met.growth ? 'met' : 'NOT met'}`);
