/**
 * JSON with object keys in code-unit order and two-space indentation: the same bytes as
 * `JSON.stringify(<a copy with sorted keys>, null, 2)`. Written by the native JSON.stringify; an object whose
 * keys are not in order yet is copied in order as it is written, and one already in order (the inventory
 * builds its entries so) is written as it is. Copying the whole value first doubled the checks' memory.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, inKeyOrder, 2) ?? 'null';
}

/**
 * The replacer: `value` itself when its keys are already in code-unit order (integer-like keys aside, which
 * every object lists first), else a copy with its keys in that order. Exported for its tests only.
 */
export function inKeyOrder(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let firstName = 0;
  while (firstName < keys.length && isIndex(keys[firstName])) firstName++;
  let sorted = true;
  for (let i = firstName + 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i];
  if (sorted) return value;
  // Integer-like keys stay first whatever is done: JavaScript lists them first, ascending, in any object.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of keys.slice(firstName).sort()) copy[key] = (value as Record<string, unknown>)[key];
  for (const key of keys.slice(0, firstName)) copy[key] = (value as Record<string, unknown>)[key];
  return copy;
}

// Object.keys lists integer-like keys first, ascending.
const isIndex = (key: string) => /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
