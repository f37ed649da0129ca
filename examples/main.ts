// The example app's entry point: `npm run synth` (or `cdktf synth`) writes cdktf.out/ with one stack per team.
// Policy errors make synth throw, listing every one; warnings and notes are printed here, as the cdktf CLI
// would print them.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { buildOrganisation } from './organisation';

const app = buildOrganisation(new App());
app.synth();

interface Manifest { stacks: Record<string, { annotations: { constructPath: string; level: string; message: string }[] }> }
const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')) as Manifest;
for (const [name, stack] of Object.entries(manifest.stacks)) {
  for (const a of stack.annotations) console.log(`[${name}] ${a.level.replace(/^@cdktf\//i, "")} ${a.constructPath}: ${a.message}`);
}
console.log(`Synthesized ${Object.keys(manifest.stacks).length} stacks to ${app.outdir}/`);
