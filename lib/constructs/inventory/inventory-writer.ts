/**
 * Writes identity-inventory.json and identity-inventory.md next to each stack's cdk.tf.json at synth.
 * Runs through cdktf's custom-synthesis hook, after aspects (so policy findings are included) and before
 * error annotations abort synth (so a failing stack still gets its inventory for review).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ISynthesisSession, TerraformStack } from 'cdktf';
// Not re-exported from cdktf's index; stable: cdktf 0.21 is the final release.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { IConstruct } from 'constructs';
import { INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, inventoryToJson, inventoryToMarkdown } from '../../core';
import { buildStackInventory } from './build-inventory';

export function addInventoryWriter(construct: IConstruct, stack: TerraformStack): void {
  addCustomSynthesis(construct, {
    onSynthesize(session: ISynthesisSession): void {
      const inventory = buildStackInventory(stack);
      const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, INVENTORY_JSON_FILE), inventoryToJson(inventory));
      fs.writeFileSync(path.join(dir, INVENTORY_MARKDOWN_FILE), inventoryToMarkdown([inventory]));
    },
  });
}
