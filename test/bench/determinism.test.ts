/**
 * The benchmark's app (16 identities, every kind twice, in two stacks of 8) synthesizes to the same bytes on another day, in another timezone and
 * from another working directory: every file, inventories included.
 */
import { execFile } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** One synth in a child process (so clock and timezone are its own); the two run at once, one per core. */
async function synthAt(outdir: string, tz: string, clock: string, cwd: string): Promise<Map<string, string>> {
  await promisify(execFile)(process.execPath, [
    '--require', path.join(ROOT, 'test/support/shift-clock.js'),
    '--require', path.join(ROOT, 'test/support/register-ts.js'),
    path.join(ROOT, 'test/support/synth-workload.ts'), '16', 'identity', outdir, '8',
  ], { cwd, env: { ...process.env, TZ: tz, SHIFT_CLOCK_TO: clock }, maxBuffer: 16 << 20 });
  return readTree(outdir);
}

test('16 identities in two stacks: byte-identical across clock, timezone and working directory', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-determinism-'));
  const [a, b] = await Promise.all([
    synthAt(path.join(tmp, 'a'), 'UTC', '2026-11-23T08:00:00Z', ROOT),
    synthAt(path.join(tmp, 'b'), 'America/St_Johns', '2033-07-15T22:30:00-02:30', tmp),
  ]);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  expect([...a.keys()].filter((f) => f.endsWith('identity-inventory.json'))).toHaveLength(2);
  const different = [...a.keys()].filter((f) => a.get(f) !== b.get(f));
  expect(different).toEqual([]);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 120_000);
