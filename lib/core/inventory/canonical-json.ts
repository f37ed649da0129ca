/**
 * JSON with object keys in code-unit order and two-space indentation: the same bytes as
 * `JSON.stringify(<a copy with sorted keys>, null, 2)`, written in one pass without copying the value
 * (an inventory of 500 identities is a megabyte; copying it to sort it doubled the checks' allocations).
 * Like JSON.stringify: undefined properties are left out, undefined array items become null, and a
 * non-finite number is null. Plain data only (no toJSON, no cycles).
 */

export function canonicalJson(value: unknown): string {
  return write(value, '') ?? 'null';
}

function write(value: unknown, indent: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value, indent) : writeObject(value as Record<string, unknown>, indent);
    default:
      return undefined;
  }
}

function writeArray(items: readonly unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  let out = '[';
  for (let i = 0; i < items.length; i++) out += `${i === 0 ? '' : ','}\n${inner}${write(items[i], inner) ?? 'null'}`;
  return `${out}\n${indent}]`;
}

function writeObject(object: Record<string, unknown>, indent: string): string {
  const inner = `${indent}  `;
  let out = '';
  for (const key of sortedKeys(object)) {
    const text = write(object[key], inner);
    if (text !== undefined) out += `${out === '' ? '' : ','}\n${inner}${JSON.stringify(key)}: ${text}`;
  }
  return out === '' ? '{}' : `{${out}\n${indent}}`;
}

/**
 * Code-unit order, except that JavaScript puts integer-like keys ("0", "17") first, in numeric order, in any
 * object it builds: the order JSON.stringify writes a key-sorted copy in.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  let firstName = 0;
  while (firstName < keys.length && isIndex(keys[firstName])) firstName++;
  const names = keys.slice(firstName).sort();
  return firstName === 0 ? names : [...keys.slice(0, firstName), ...names];
}

// Object.keys lists integer-like keys first, ascending; they need no sorting.
const isIndex = (key: string) => /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
