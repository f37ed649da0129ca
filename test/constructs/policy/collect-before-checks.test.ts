/**
 * With `node --expose-gc`, the checks start from a collected heap: one full collection after every stack's
 * cdk.tf.json is written and before the checks read them (peak RSS, README "Performance"). Without the flag
 * nothing is called, and what synth writes is the same bytes either way.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { App } from 'cdktf';
import { AutomationIdentity, Capability, INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, Reach, Runtime } from '../../../lib';
import { checkedStack, tempApp } from './policy-support';

const global = globalThis as { gc?: unknown };

function appWithTwoStacks(): App {
  const app = tempApp();
  for (const name of ['quality', 'release']) {
    new AutomationIdentity(checkedStack(undefined, app, name), 'bot', {
      owner: name, purpose: 'triage', runtime: Runtime.external(), reach: Reach.project(`acme/${name}`), capabilities: [Capability.API_TRIAGE],
    });
  }
  return app;
}

const written = (app: App) => ['quality', 'release'].flatMap((stack) =>
  ['cdk.tf.json', INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE].map((f) => fs.readFileSync(path.join(app.outdir, 'stacks', stack, f), 'utf8')));

// A test run with --expose-gc keeps its own gc afterwards.
const exposed = global.gc;
afterEach(() => {
  if (exposed === undefined) delete global.gc;
  else global.gc = exposed;
});

test('GIVEN gc exposed WHEN the app synthesizes THEN one collection runs, after every stack is written and before any is read back', () => {
  const app = appWithTwoStacks();
  const seen: string[][] = [];
  global.gc = () => {
    seen.push(['quality', 'release'].filter((stack) => fs.existsSync(path.join(app.outdir, 'stacks', stack, 'cdk.tf.json'))));
    // What the checks read is what is on disk after the collection: a token added here, with no rotation, is
    // judged only if the first stack is read after it.
    const file = path.join(app.outdir, 'stacks', 'quality', 'cdk.tf.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    config.resource.gitlab_project_access_token = { late: { project: 'acme/quality', name: 'quality-late', access_level: 'reporter', scopes: ['read_api'] } };
    fs.writeFileSync(file, JSON.stringify(config));
  };
  expect(() => app.synth()).toThrow(/GLID-001.*late|late.*GLID-001/);
  expect(seen).toEqual([['quality', 'release']]);
});

test('GIVEN a real collection (gc exposed) or none WHEN the same app synthesizes THEN it writes the same bytes', () => {
  const without = appWithTwoStacks();
  without.synth();
  // A real gc for this test, taken as jest-leak-detector takes one: the flag is set only while a new context
  // picks it up, and cleared again, so later test files in this worker see no gc.
  const hidden = exposed === undefined;
  v8.setFlagsFromString('--expose-gc');
  const realGc = vm.runInNewContext('gc') as () => void;
  if (hidden) v8.setFlagsFromString('--no-expose-gc');
  let collections = 0;
  global.gc = () => {
    collections++;
    realGc();
  };
  const withGc = appWithTwoStacks();
  withGc.synth();
  expect(collections).toBe(1);
  expect(written(withGc)).toEqual(written(without));
  if (hidden) expect(vm.runInNewContext('typeof gc')).toBe('undefined');
});

test('GIVEN a gc that throws WHEN the app synthesizes THEN synth goes on and writes everything', () => {
  global.gc = () => {
    throw new Error('not this gc');
  };
  const app = appWithTwoStacks();
  expect(() => app.synth()).not.toThrow();
  expect(written(app)).toHaveLength(6);
});

test('GIVEN a gc that is not a function WHEN the app synthesizes THEN it is left alone', () => {
  global.gc = 'not a function';
  const app = appWithTwoStacks();
  expect(() => app.synth()).not.toThrow();
  expect(written(app)).toHaveLength(6);
});
