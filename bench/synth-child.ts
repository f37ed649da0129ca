// One measured synth, run in a fresh process by bench/run.ts: prints { variant, n, ms, cpuMs, maxRssMb } as JSON.
// cpuMs is the process's CPU time (every thread: V8's collector helpers too) over the same span: on a shared
// machine it moves less than wall time when the host is busy, so it tells noise from change.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'cdktf';
import { Variant, buildWorkload } from './workload';

const [variant, nText] = process.argv.slice(2) as [Variant, string];
const n = Number(nText);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${variant}-${n}-`));

const start = performance.now();
const cpu = process.cpuUsage();
buildWorkload(new App({ outdir }), n, variant).synth();
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);

fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ variant, n, ms, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
