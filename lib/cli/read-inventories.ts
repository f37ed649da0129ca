/** Finds and reads inventories: a JSON file, or a cdktf.out folder holding stacks/<stack>/identity-inventory.json. */
import * as fs from 'fs';
import * as path from 'path';
import { INVENTORY_JSON_FILE, StackInventory, parseInventory } from '../core';
import { CliError } from './cli-error';

function inventoryFiles(location: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(location);
  } catch {
    throw new CliError(`cannot read '${location}': no such file or folder`);
  }
  if (stat.isFile()) return [location];
  const stacksDir = fs.existsSync(path.join(location, 'stacks')) ? path.join(location, 'stacks') : location;
  const direct = path.join(location, INVENTORY_JSON_FILE);
  if (fs.existsSync(direct)) return [direct];
  const files = fs
    .readdirSync(stacksDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(stacksDir, d.name, INVENTORY_JSON_FILE))
    .filter((f) => fs.existsSync(f))
    .sort();
  if (files.length === 0) {
    throw new CliError(`'${location}' holds no ${INVENTORY_JSON_FILE} (expected a cdktf.out folder synthesized with cdktf-gitlab-identity, or an inventory file)`);
  }
  return files;
}

/** Every stack inventory at `location`, sorted by stack name. */
export function readInventories(location: string): StackInventory[] {
  return inventoryFiles(location)
    .map((file) => parseInventory(fs.readFileSync(file, 'utf8'), file))
    .sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}
