/**
 * Rendering follows the platform's version: before GitLab 17.6 there are no hidden CI/CD variables, so the
 * delivered variable is masked without `hidden` (an attribute the instance would refuse), the checks accept
 * it, the inventory says the value is only masked, and Terraform loads the configuration.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { AutomationIdentity, Capability, Delivery, INVENTORY_JSON_FILE, Reach, Runtime } from '../../../lib';
import { expectTerraformLoads } from '../../support/terraform';
import { checkedStack, findingsIn, synth } from './policy-support';

function delivered(version: string) {
  const stack = checkedStack();
  const identity = new AutomationIdentity(stack, 'bot', {
    owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']),
    capabilities: [Capability.API_READ], deliverTo: Delivery.ciVariable({ project: 'acme/ops', key: 'TRIAGE_TOKEN' }),
    policy: { platform: { offering: 'self-managed', tier: 'premium', version } },
  });
  expect(synth(stack)).toBeUndefined();
  const outdir = (stack.node.root as App).outdir;
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', 'cdk.tf.json'), 'utf8')) as { resource: { gitlab_project_variable: Record<string, Record<string, unknown>> } };
  const inventory = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', INVENTORY_JSON_FILE), 'utf8')) as { identities: { deliveries: Record<string, unknown>[] }[] };
  return { identity, json, inventory };
}

describe('hidden variables by GitLab version', () => {
  test('GIVEN self-managed 17.5 WHEN synthesized THEN the variable is masked, not hidden, with no finding, and the inventory says masked only', async () => {
    const { identity, json, inventory } = delivered('17.5');
    const variable = Object.values(json.resource.gitlab_project_variable)[0];
    expect(variable.masked).toBe(true);
    expect('hidden' in variable).toBe(false);
    expect(findingsIn(identity).filter((f) => f.ruleId === 'GLID-013')).toEqual([]);
    expect(inventory.identities[0].deliveries[0]).toMatchObject({ key: 'TRIAGE_TOKEN', maskedOnly: true });
    await expectTerraformLoads([{ label: 'self-managed 17.5', json }]);
  });

  test('GIVEN self-managed 17.6 WHEN synthesized THEN the variable is hidden too', () => {
    const { json, inventory } = delivered('17.6');
    expect(Object.values(json.resource.gitlab_project_variable)[0]).toMatchObject({ masked: true, hidden: true });
    expect(inventory.identities[0].deliveries[0]).not.toHaveProperty('maskedOnly');
  });
});

describe('the cap of service accounts on Free', () => {
  function serviceAccounts(count: number, platform: { offering: 'gitlab.com' | 'self-managed'; tier: 'free' | 'premium' }) {
    const stack = checkedStack();
    for (let i = 0; i < count; i++) {
      new AutomationIdentity(stack, `bot${i}`, {
        owner: 'quality', purpose: `bot-${i}`, runtime: Runtime.external(), reach: Reach.projects([`acme/app-${i}`, `acme/lib-${i}`]),
        capabilities: [Capability.API_READ], policy: { platform },
      });
    }
    return { stack, failure: synth(stack) };
  }

  test('GIVEN 101 service accounts in one top-level group on GitLab.com Free WHEN synthesized THEN synth fails naming the cap', () => {
    expect(serviceAccounts(101, { offering: 'gitlab.com', tier: 'free' }).failure).toContain('101 service accounts are planned for top-level group acme on GitLab.com, and GitLab Free allows 100');
  });

  test('GIVEN 80 on GitLab.com Free WHEN synthesized THEN a warning, and synth passes', () => {
    const { stack, failure } = serviceAccounts(80, { offering: 'gitlab.com', tier: 'free' });
    expect(failure).toBeUndefined();
    const warned = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning' || String(m.data).includes('service accounts are planned')));
    expect(warned.map((m) => String(m.data))).toContain('80 service accounts are planned for top-level group acme on GitLab.com; GitLab Free allows 100.');
  });

  test('GIVEN 101 on self-managed Premium WHEN synthesized THEN no cap', () => {
    expect(serviceAccounts(101, { offering: 'self-managed', tier: 'premium' }).failure).toBeUndefined();
  });
});
