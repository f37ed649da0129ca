// One measured synth, run in a fresh process by bench/run.ts: prints { variant, n, ms, maxRssMb } as JSON.
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
buildWorkload(new App({ outdir }), n, variant).synth();
const ms = performance.now() - start;

fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ variant, n, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
