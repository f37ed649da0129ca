/**
 * Reading an inventory written by this or another run: checks the schema version and the shape a tool
 * relies on, and says clearly what is wrong. The input is text, not a file: callers do the I/O.
 */
import { ErrorCode, IdentityError } from '../errors';
import { INVENTORY_SCHEMA_VERSION, StackInventory } from './inventory';

function invalid(source: string, problem: string): IdentityError {
  return new IdentityError(ErrorCode.INVALID_INVENTORY, 'inventory', `${source}: ${problem}`);
}

const isString = (v: unknown) => typeof v === 'string';
const isArray = (v: unknown) => Array.isArray(v);
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number';
const isObjectOrNull = (v: unknown) => v === null || (typeof v === 'object' && !Array.isArray(v));
const isObjectArray = (v: unknown) => Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));

/** Every field the tools read, with its check: a file that passes can be rendered and diffed. */
const ENTRY_FIELDS: readonly [string, (v: unknown) => boolean, string][] = [
  ['name', isString, 'a string'],
  ['source', isString, 'a string'],
  ['kind', isString, 'a string'],
  ['accessLevel', isStringOrNull, 'a string or null'],
  ['scopes', isArray, 'an array'],
  ['capabilities', isArray, 'an array'],
  ['grants', isObjectArray, 'an array of objects'],
  ['runtime', isObjectOrNull, 'an object or null'],
  ['reach', isObjectOrNull, 'an object or null'],
  ['expiry', isString, 'a string'],
  ['lifetimeDays', isNumberOrNull, 'a number or null'],
  ['rotateBeforeDays', isNumberOrNull, 'a number or null'],
  ['deliveries', isObjectArray, 'an array of objects'],
  ['labels', isArray, 'an array'],
  ['rationale', isArray, 'an array'],
  ['findings', isObjectArray, 'an array of objects'],
  ['suppressions', isObjectArray, 'an array of objects'],
  ['constructPath', isString, 'a string'],
];

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
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
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw invalid(source, `identities[${i}] is not an object`);
    const entry = e as Record<string, unknown>;
    for (const [field, check, expected] of ENTRY_FIELDS) {
      if (!check(entry[field])) throw invalid(source, `identities[${i}].${field} must be ${expected}, got ${describe(entry[field])}`);
    }
  });
  return data as StackInventory;
}
