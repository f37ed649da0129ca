// Synthesizes the benchmark workload into a folder, for determinism tests run in child processes:
//   node -r ./test/support/register-ts.js test/support/synth-workload.ts <n> <identity|raw> <outdir> [<per stack>]
import { App } from 'cdktf';
import { Variant, buildWorkload } from '../../bench/workload';

const [n, variant, outdir, perStack] = process.argv.slice(2);
buildWorkload(new App({ outdir }), Number(n), variant as Variant, perStack ? Number(perStack) : undefined).synth();
