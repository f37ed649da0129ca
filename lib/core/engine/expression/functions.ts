/**
 * The function table and the one place functions are called. Calling never throws: unknown arguments give
 * an unknown result, type errors give a failure, and any function we do not implement (file, timestamp,
 * uuid, sha256, ...) gives an unknown that still carries every argument's taint and references.
 * `try` and `can` are not here: they evaluate their arguments lazily (see evaluate.ts).
 */
import { isNfc } from './value';
import { FunctionBody, STRUCTURAL } from './fn-collections';
import { SCALAR } from './fn-scalar';
import { EvalFailure, failure, fromEvalFailure, pending, propagate, propagateDeep } from './unknowns';
import { deepTaint, NO_TAINT, Taint, unionSorted, Value, withTaint } from './value';

export interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * Structural functions move values without reading them: elements keep their own taint and only
   * top-level unknown arguments make the result unknown. Others read everything, so the result carries
   * the deep taint of all arguments and any nested unknown makes it unknown.
   */
  readonly structural: boolean;
  readonly body: FunctionBody;
}

function table(entries: Readonly<Record<string, readonly [number, number, FunctionBody]>>, structural: boolean): Record<string, FunctionSpec> {
  const out: Record<string, FunctionSpec> = {};
  for (const [name, [minArgs, maxArgs, body]] of Object.entries(entries)) out[name] = { minArgs, maxArgs, structural, body };
  return out;
}

/** Every evaluated function, keyed by name. */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = { ...table(STRUCTURAL, true), ...table(SCALAR, false) };

function deepTaints(values: readonly Value[]): Taint {
  return values.reduce<Taint>((t, v) => unionSorted(t, deepTaint(v)), NO_TAINT);
}

/** Whether a string or object key anywhere in the value is not in NFC (which Terraform would have normalized). */
function holdsNonNfcText(v: Value): boolean {
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const cur = stack.pop() as Value;
    if (cur.type === 'string' && !isNfc(cur.value)) return true;
    if (cur.type === 'tuple') stack.push(...cur.items);
    if (cur.type === 'object') {
      for (const [k, item] of cur.attrs) {
        if (!isNfc(k)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/** Calls `name` on evaluated arguments (see FunctionBody for `untypedNull`); never throws. */
export function callFunction(name: string, args: readonly Value[], untypedNull?: readonly boolean[]): Value {
  const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (spec === undefined) return pending(`function ${name}() is not evaluated`, args);
  if (args.length < spec.minArgs || args.length > spec.maxArgs) {
    return failure(`function ${name}() called with ${args.length} argument(s)`, args);
  }
  const unknownResult = spec.structural ? propagate(args) : propagateDeep(args);
  if (unknownResult !== undefined) return unknownResult;
  if (!spec.structural && args.some(holdsNonNfcText)) return pending(`function ${name}() of text not in Unicode NFC is not evaluated: Terraform normalizes every string first`, args);
  try {
    const result = spec.body(args, untypedNull);
    return spec.structural ? result : withTaint(result, deepTaints(args));
  } catch (err) {
    if (err instanceof EvalFailure) return fromEvalFailure(err, args);
    // A bug in a function body must not escape: fail closed with everything the arguments carried.
    return failure(`function ${name}() failed: ${err instanceof Error ? err.message : String(err)}`, args);
  }
}
