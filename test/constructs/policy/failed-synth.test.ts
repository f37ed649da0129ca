/**
 * A failed synth leaves nothing to apply: like plain cdktf, which writes no stack whose validation fails, a
 * stack with a GitLab identity error keeps no cdk.tf.json and no inventory on disk. Stacks without errors are
 * written as usual.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { AccessLevel, AutomationIdentity, Capability, INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, Reach, Runtime } from '../../../lib';
import { checkedStack, synthFailure, tempApp } from './policy-support';

const files = (app: App, stack: string) =>
  ['cdk.tf.json', INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE].filter((f) => fs.existsSync(path.join(app.outdir, 'stacks', stack, f)));

test('GIVEN an over-privileged identity in one stack WHEN synth fails THEN that stack is not on disk, and the clean one is', () => {
  const app = tempApp();
  const bad = checkedStack(undefined, app, 'escalated');
  const good = checkedStack(undefined, app, 'clean');
  const identity = { owner: 'quality', runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ] };
  new AutomationIdentity(bad, 'bot', { ...identity, purpose: 'owner-bot', accessLevel: AccessLevel.OWNER });
  new AutomationIdentity(good, 'bot', { ...identity, purpose: 'reader' });
  expect(synthFailure(app)).toContain('[escalated/bot] GLID-007');
  expect(files(app, 'escalated')).toEqual([]);
  expect(files(app, 'clean')).toEqual(['cdk.tf.json', INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE]);
});

test('GIVEN more service accounts than GitLab Free allows WHEN synth fails THEN the stacks that plan them are not on disk', () => {
  const app = tempApp();
  const stack = checkedStack(undefined, app, 'bots');
  for (let i = 0; i < 101; i++) {
    new AutomationIdentity(stack, `bot${i}`, {
      owner: 'quality', purpose: `bot-${i}`, runtime: Runtime.external(), reach: Reach.projects([`acme/app-${i}`, `acme/lib-${i}`]),
      capabilities: [Capability.API_READ], policy: { platform: { offering: 'gitlab.com', tier: 'free' } },
    });
  }
  expect(synthFailure(app)).toContain('101 service accounts are planned');
  expect(files(app, 'bots')).toEqual([]);
});
