/**
 * Synth reads nothing of the machine it runs on and starts no process: a CI job that only synthesizes has no
 * Terraform, and an app of 10,000 identities must not start 10,000 of them. cdktf's own `DataResource`
 * broke this (it runs `terraform version` at every synth, once per resource), so the renewal trigger
 * the library writes is its own terraform_data (lib/constructs/render/rotation.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { AutomationIdentity, Delivery, IdentityKind } from '../../lib';
import { KINDS } from '../support/identity-matrix';
import { checkedStack, synth } from './policy/policy-support';

// Every way to start a process, counted (the real functions still run) for every module of the app.
jest.mock('child_process', () => {
  const actual = jest.requireActual<Record<string, (...args: unknown[]) => unknown>>('child_process');
  const counted = Object.fromEntries(['exec', 'execFile', 'execFileSync', 'execSync', 'fork', 'spawn', 'spawnSync'].map((name) => [name, jest.fn(actual[name])]));
  return { ...actual, ...counted };
});
const started = () => Object.entries(jest.requireMock<Record<string, jest.Mock>>('child_process'))
  .filter(([, f]) => jest.isMockFunction(f) && f.mock.calls.length > 0).map(([name, f]) => `${name}(${String(f.mock.calls[0][0])})`);

/** Every kind, with one slot and with two, all in one app with the checks on. */
function everyKind(): App {
  const stack = checkedStack();
  for (const kind of Object.keys(KINDS) as IdentityKind[]) {
    for (const overlap of [false, true]) {
      new AutomationIdentity(stack, `${kind}-${overlap ? 'two' : 'one'}`, {
        owner: 'quality', purpose: `sync-${kind}-${overlap}`, ...KINDS[kind], overlap: overlap && kind !== IdentityKind.CI_JOB_TOKEN,
        deliverTo: kind === IdentityKind.CI_JOB_TOKEN ? [] : Delivery.ciVariable({ project: 'acme/ops', key: `TOKEN_${kind.toUpperCase().replace(/-/g, '_')}_${overlap}` }),
      });
    }
  }
  return stack.node.root as App;
}

test('GIVEN every kind, with and without overlap WHEN the app is synthesized with validations THEN no process is started', () => {
  const app = everyKind();
  expect(synth(app.node.findChild('team') as Parameters<typeof synth>[0])).toBeUndefined();
  const json = fs.readFileSync(path.join(app.outdir, 'stacks', 'team', 'cdk.tf.json'), 'utf8');
  expect(Object.keys((JSON.parse(json) as { resource: Record<string, object> }).resource.terraform_data).length).toBeGreaterThan(10);
  expect(started()).toEqual([]);
});
