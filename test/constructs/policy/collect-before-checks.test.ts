/**
 * With `node --expose-gc`, the checks start from a collected heap: one full collection after every stack's
 * cdk.tf.json is written and before the checks read them (peak RSS, README "Performance"). Without the flag
 * nothing is called, and what synth writes is the same bytes either way.
 */
import * as fs from 'fs';
import * as path from 'path';
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

test('GIVEN gc exposed WHEN the app synthesizes THEN one collection runs, after the stacks are written and before any inventory', () => {
  const app = appWithTwoStacks();
  const seen: string[][] = [];
  global.gc = () => {
    seen.push(['quality', 'release'].flatMap((stack) =>
      ['cdk.tf.json', INVENTORY_JSON_FILE].filter((f) => fs.existsSync(path.join(app.outdir, 'stacks', stack, f))).map((f) => `${stack}/${f}`)));
  };
  app.synth();
  expect(seen).toEqual([['quality/cdk.tf.json', 'release/cdk.tf.json']]);
});

test('GIVEN gc exposed or not WHEN the same app synthesizes THEN it writes the same bytes', () => {
  const without = appWithTwoStacks();
  without.synth();
  global.gc = () => undefined;
  const withGc = appWithTwoStacks();
  withGc.synth();
  expect(written(withGc)).toEqual(written(without));
});

test('GIVEN a gc that is not a function WHEN the app synthesizes THEN it is left alone', () => {
  global.gc = 'not a function';
  const app = appWithTwoStacks();
  expect(() => app.synth()).not.toThrow();
  expect(written(app)).toHaveLength(6);
});
