/**
 * The inventory of stacks whose synth failed: the checks leave no file of such a stack on disk (as plain cdktf
 * writes no stack whose validation fails), so the tests that read what the inventory would say take each
 * stack's JSON as the failed synth prepared it (`toTerraform()`, resolved) and build the inventories as
 * `gitlab-identity inventory` does. Call it after `app.synth()`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { IdentityPolicy, StackInventory } from '../../lib/core';
import { inventoriesOfApp } from '../../lib/cli/read-app';

export function inventoriesOfStacks(stacks: readonly TerraformStack[], policy?: IdentityPolicy): StackInventory[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-of-'));
  try {
    for (const stack of stacks) {
      fs.mkdirSync(path.join(dir, 'stacks', stack.node.id), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', stack.node.id, 'cdk.tf.json'), JSON.stringify(stack.toTerraform()));
    }
    return inventoriesOfApp(dir, policy);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
