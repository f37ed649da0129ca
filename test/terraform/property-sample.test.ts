/**
 * Terraform tier: a sample of the stacks the construct-layer property tests generate (same generator, fixed
 * seed so a failure is reproducible) loads in the real `terraform` CLI.
 */
import fc from 'fast-check';
import { declare, spec } from '../support/identity-specs';
import { TerraformConfig, expectTerraformLoads } from '../support/terraform';

const SAMPLE_SIZE = 60;

test(`a sample of ${SAMPLE_SIZE} random valid declarations loads in Terraform`, async () => {
  const specs = fc.sample(spec, { numRuns: SAMPLE_SIZE, seed: 20261201 });
  const configs: TerraformConfig[] = [];
  for (const s of specs) {
    const declared = declare(s);
    if (declared) configs.push({ label: `${declared.identity.plan.kind} from ${JSON.stringify(s)}`, json: declared.out });
  }
  // Refusals (a service account across top-level groups) are rare: most of the sample must reach Terraform.
  expect(configs.length).toBeGreaterThan(SAMPLE_SIZE * 0.8);
  await expectTerraformLoads(configs);
});
