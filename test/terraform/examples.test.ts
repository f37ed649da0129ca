/**
 * Terraform tier: every stack of examples/ loads in the real `terraform` CLI. The example app is
 * synthesized exactly as `npm run synth` writes it (cdk.tf.json files on disk), the hand-written legacy
 * stack of the README's "Checking an existing stack" without the checks that fail its synth on purpose.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { buildExistingStack } from '../../examples/existing-stack';
import { buildOrganisation } from '../../examples/organisation';
import { TerraformConfig, expectTerraformLoads, terraformRejections } from '../support/terraform';

function exampleAppStacks(): TerraformConfig[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-tf-'));
  try {
    buildOrganisation(new App({ outdir })).synth();
    const stacks = fs.readdirSync(path.join(outdir, 'stacks')).sort();
    return stacks.map((name) => ({
      label: `examples/organisation.ts stack ${name}`,
      json: fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'),
    }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('every stack of the example app loads in Terraform', async () => {
  const stacks = exampleAppStacks();
  expect(stacks.map((s) => s.label)).toHaveLength(4);
  await expectTerraformLoads(stacks);
});

test('the hand-written legacy stack loads in Terraform (its risks are policy findings, not syntax errors)', async () => {
  const app = buildExistingStack(Testing.app());
  const stack = app.node.findChild('legacy') as TerraformStack;
  await expectTerraformLoads([{ label: 'examples/existing-stack.ts', json: Testing.synth(stack, false) }]);
});

describe('the tier itself', () => {
  // What the library wrote before the fix: cdktf renders a resource in replace_triggered_by as `${...}`.
  const withTrigger = (trigger: string) => ({
    resource: {
      time_rotating: { r: { rotation_days: 76 } },
      gitlab_pipeline_trigger: { t: { project: 'a/b', lifecycle: { create_before_destroy: true, replace_triggered_by: [trigger] } } },
    },
  });

  test('rejects an interpolation in replace_triggered_by, with Terraform\'s own message', async () => {
    const rejected = await terraformRejections([{ label: 'interpolated', json: withTrigger('${time_rotating.r}') }]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^interpolated:\n[\s\S]*Invalid (character|expression)/);
  });

  test('loading several together, rejects the one bad configuration and names only it', async () => {
    const rejected = await terraformRejections([
      { label: 'first', json: withTrigger('time_rotating.r') },
      { label: 'bad', json: withTrigger('${time_rotating.r}') },
      { label: 'third', json: withTrigger('time_rotating.r') },
    ]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^bad:\n[\s\S]*Invalid (character|expression)/);
  });

  test('accepts the plain address', async () => {
    await expect(terraformRejections([{ label: 'plain', json: withTrigger('time_rotating.r') }])).resolves.toEqual([]);
  });

  test('refuses to pass when given nothing to load', async () => {
    await expect(expectTerraformLoads([])).rejects.toThrow(/no configuration given/);
  });
});
