/**
 * Reading an inventory written by this or another run: checks the schema version and the shape a tool
 * relies on, and says clearly what is wrong. The input is text, not a file: callers do the I/O.
 */
import { ErrorCode, IdentityError } from '../errors';
import { INVENTORY_SCHEMA_VERSION, StackInventory } from './inventory';

function invalid(source: string, problem: string): IdentityError {
  return new IdentityError(ErrorCode.INVALID_INVENTORY, 'inventory', `${source}: ${problem}`);
}

export function parseInventory(text: string, source: string): StackInventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalid(source, `not valid JSON (${(e as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw invalid(source, 'not an inventory object');
  const d = data as Record<string, unknown>;
  if (d.schemaVersion !== INVENTORY_SCHEMA_VERSION) {
    throw invalid(
      source,
      `schemaVersion ${JSON.stringify(d.schemaVersion)} is not supported (this version reads ${INVENTORY_SCHEMA_VERSION}); synthesize both sides with the same library version`,
    );
  }
  if (typeof d.stack !== 'string' || !Array.isArray(d.identities)) throw invalid(source, 'missing "stack" or "identities"');
  d.identities.forEach((e: unknown, i) => {
    const entry = e as Record<string, unknown> | null;
    if (!entry || typeof entry.name !== 'string' || typeof entry.kind !== 'string' || !Array.isArray(entry.scopes) || !Array.isArray(entry.grants)) {
      throw invalid(source, `identities[${i}] lacks name, kind, scopes or grants`);
    }
  });
  return data as StackInventory;
}
