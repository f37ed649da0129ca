/**
 * The example app: what `npm run synth` writes. Intent first (one stack per team, the identity each
 * automation gets), then determinism across clock and timezone, then a golden snapshot as regression guard.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { AutomationIdentity, IdentityKind as K } from '../../lib';
import { buildOrganisation } from '../../examples/organisation';

const ROOT = path.resolve(__dirname, '../..');

/** Every file of a synth output folder, by relative path. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Runs the README's main command's program in a child process with the given clock, timezone and cwd. */
function synthInChild(outdir: string, tz: string, clock: string, cwd = ROOT): Record<string, string> {
  const transpiler = path.join(ROOT, 'test/support/register-ts.js');
  execFileSync(process.execPath, ['--require', path.join(ROOT, 'test/support/shift-clock.js'), '--require', transpiler, path.join(ROOT, 'examples/main.ts')], {
    cwd,
    env: { ...process.env, CDKTF_OUTDIR: outdir, TZ: tz, SHIFT_CLOCK_TO: clock },
    stdio: 'pipe',
  });
  return readTree(outdir);
}

describe('the example organisation', () => {
  const app = buildOrganisation(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'example-')) }));
  const identities = app.node.findAll().filter(AutomationIdentity.isAutomationIdentity);
  const kindOf = (id: string) => identities.find((i) => i.node.id === id)?.plan.kind;

  test('one stack per team', () => {
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual(['distribution', 'engineering-productivity', 'quality', 'runner-delivery']);
  });

  test.each([
    ['danger-review', K.PROJECT_ACCESS_TOKEN],
    ['triage-scheduled', K.SERVICE_ACCOUNT],
    ['triage-reactive', K.SERVICE_ACCOUNT],
    ['allure-report', K.PROJECT_ACCESS_TOKEN],
    ['async-retrospectives', K.PROJECT_ACCESS_TOKEN],
    ['runner-releases', K.SERVICE_ACCOUNT],
    ['runner-packages', K.CI_JOB_TOKEN],
    ['helper-images-package-pull', K.CI_JOB_TOKEN],
    ['omnibus-mirror', K.SERVICE_ACCOUNT],
    ['cng-image-pull', K.PROJECT_DEPLOY_TOKEN],
    ['omnibus-package-publish', K.PROJECT_DEPLOY_TOKEN],
    ['nightly-build-trigger', K.PIPELINE_TRIGGER_TOKEN],
  ])('%s gets a %s', (id, kind) => {
    expect(kindOf(id)).toBe(kind);
  });

  test('every automation is accounted for, and none carries an error finding', () => {
    expect(identities).toHaveLength(12);
    expect(identities.flatMap((i) => i.plan.findings).filter((f) => f.level === 'error')).toEqual([]);
  });
});

describe('determinism', () => {
  // GIVEN the same code WHEN synthesized on two different days in two timezones THEN identical bytes
  test('byte-identical with the clock, TZ and working directory changed between runs', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-'));
    const first = synthInChild(path.join(tmp, 'a'), 'UTC', '2026-11-23T10:00:00Z');
    const second = synthInChild(path.join(tmp, 'b'), 'Pacific/Kiritimati', '2031-03-01T23:59:59+14:00', tmp);
    expect(Object.keys(first).sort()).toEqual(Object.keys(second).sort());
    expect(Object.keys(first).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(4);
    for (const file of Object.keys(first)) expect([file, second[file]]).toEqual([file, first[file]]);
  }, 60_000);

  test('the clock shift really is in effect in the child (the test can fail)', () => {
    const out = execFileSync(process.execPath, ['--require', path.join(ROOT, 'test/support/shift-clock.js'), '-e', 'process.stdout.write(new Date().toISOString())'], {
      env: { ...process.env, SHIFT_CLOCK_TO: '2031-02-03T04:05:06Z' },
      encoding: 'utf8',
    });
    expect(out.startsWith('2031-02-03T04:05')).toBe(true);
  });
});

describe('golden snapshot (regression guard, not the only assertion)', () => {
  test('the synthesized stacks are unchanged', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-'));
    buildOrganisation(new App({ outdir })).synth();
    const tree = readTree(outdir);
    for (const file of Object.keys(tree).filter((f) => f.endsWith('cdk.tf.json')).sort()) {
      expect(JSON.parse(tree[file])).toMatchSnapshot(file);
    }
  });
});
