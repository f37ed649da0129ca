/**
 * Terraform tier: every identity kind × every delivery option loads in the real `terraform` CLI, plus the
 * options that add resources of their own (see test/support/identity-matrix.ts).
 */
import { DELIVERIES, crossStackPair, kindDeliveryMatrix, optionStacks } from '../support/identity-matrix';
import { expectTerraformLoads } from '../support/terraform';

test('every identity kind with every delivery option loads in Terraform', async () => {
  const configs = kindDeliveryMatrix();
  expect(configs).toHaveLength(1 + 8 * Object.keys(DELIVERIES).length);
  await expectTerraformLoads(configs);
});

test('notifyExpiry, ensureBotAuthoredLabel, contactEmail, group reach and other options load in Terraform', async () => {
  await expectTerraformLoads(optionStacks());
});

test('a delivery into another stack loads in Terraform on both sides', async () => {
  await expectTerraformLoads(crossStackPair());
});
