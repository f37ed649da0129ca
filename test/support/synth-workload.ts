// Synthesizes the benchmark workload into a folder, for determinism tests run in child processes:
//   node -r ts-node/register/transpile-only test/support/synth-workload.ts <n> <identity|raw> <outdir>
import { App } from 'cdktf';
import { Variant, buildWorkload } from '../../bench/workload';

const [n, variant, outdir] = process.argv.slice(2);
buildWorkload(new App({ outdir }), Number(n), variant as Variant).synth();
