/**
 * Has V8 store every string in `value` (a plan: nested objects, lists and strings) flat, now, and returns
 * `value`. A string built by concatenation (a template literal, `+`) is kept as a tree of its parts until
 * something reads its characters; V8 then allocates the flat copy in the generation the tree is in. A plan's
 * strings are built at construction and first read when the checks write the inventory, after every stack is
 * synthesized: by then their trees had been moved to the old generation, and so were the copies, during the
 * checks, where peak memory is reached. Measured at 10,000 identities (bench/, V8's sampling heap profiler):
 * the inventory writer allocated 12.4 MB in the old generation for those copies, and the heap held 8.6 MB
 * more after construction (the trees and their parts); both are gone when the plan is flattened as it is
 * made. Reading a character is what flattens a string in V8 (String::Flatten); elsewhere it is one read.
 */
export function flattenStrings<T>(value: T): T {
  if (typeof value === 'string') {
    value.charCodeAt(0);
  } else if (Array.isArray(value)) {
    for (const item of value as unknown[]) flattenStrings(item);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) flattenStrings((value as Record<string, unknown>)[key]);
  }
  return value;
}
