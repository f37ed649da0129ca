/**
 * How the evaluator fails closed. Two kinds of unknown share the `unknown` value type:
 * - *pending*: a value Terraform knows only at apply time, or that we choose not to compute;
 * - *failure*: an expression that would be an error in Terraform (wrong type, missing key, ...).
 * `try()` and `can()` need the difference (they skip failures but not pending values). Rather than widen
 * the public Value type, a failure is an instance of a private class with exactly the fields of an
 * unknown (structurally equal to one; a WeakSet of failures was measurably slower). Copying a failure with
 * spread (as withTaint does) turns it into a pending unknown, which is the fail-closed direction.
 * Both kinds carry the deep taint and references of every input they were computed from.
 */
import { deepReferences, deepTaint, NO_TAINT, Taint, unionSorted, UnknownValue, Value } from './value';

class Failure {
  readonly type = 'unknown' as const;
  constructor(readonly reason: string, readonly references: readonly string[], readonly taint: Taint) {}
}

/**
 * Internal signal raised inside operations and functions, turned into a failure unknown by the caller.
 * Deliberately not an Error: capturing a stack trace per type error made evaluation ~10x slower.
 */
export class EvalFailure {
  constructor(readonly reason: string, readonly pending = false) {}
}

export function isFailure(v: Value): boolean {
  return v instanceof Failure;
}

function mergeInputs(inputs: readonly Value[]): { taint: Taint; references: readonly string[] } {
  let taint = NO_TAINT;
  let references: readonly string[] = [];
  for (const v of inputs) {
    taint = unionSorted(taint, deepTaint(v));
    references = unionSorted(references, deepReferences(v));
  }
  return { taint, references };
}

/** An unknown computed from `inputs`. */
export function pending(reason: string, inputs: readonly Value[] = [], extraTaint: Taint = NO_TAINT): Value {
  const { taint, references } = mergeInputs(inputs);
  return { type: 'unknown', reason, references, taint: unionSorted(taint, extraTaint) };
}

/** A Terraform error, as an unknown carrying everything its inputs carried. */
export function failure(reason: string, inputs: readonly Value[] = [], extraTaint: Taint = NO_TAINT): Value {
  const { taint, references } = mergeInputs(inputs);
  return new Failure(reason, references, unionSorted(taint, extraTaint));
}

/**
 * When any input is (top-level) unknown, the unknown result of an operation on all of them: the first
 * unknown's reason, everyone's taint and references, and a failure if any input failed.
 */
export function propagate(inputs: readonly Value[], extraTaint: Taint = NO_TAINT): Value | undefined {
  let first: UnknownValue | undefined;
  let failed = false;
  for (const v of inputs) {
    if (v.type !== 'unknown') continue;
    first ??= v;
    failed ||= isFailure(v);
  }
  if (first === undefined) return undefined;
  return (failed ? failure : pending)(first.reason, inputs, extraTaint);
}

/** Like propagate, but looks for unknowns nested anywhere inside the inputs. */
export function propagateDeep(inputs: readonly Value[], extraTaint: Taint = NO_TAINT): Value | undefined {
  const direct = propagate(inputs, extraTaint);
  if (direct !== undefined) return direct;
  for (const v of inputs) {
    const nested = firstNestedUnknown(v);
    if (nested !== undefined) return (isFailure(nested) ? failure : pending)(nested.reason, inputs, extraTaint);
  }
  return undefined;
}

function firstNestedUnknown(v: Value): UnknownValue | undefined {
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const cur = stack.pop() as Value;
    if (cur.type === 'unknown') return cur;
    if (cur.type === 'tuple') stack.push(...cur.items);
    if (cur.type === 'object') stack.push(...cur.attrs.values());
  }
  return undefined;
}

/** A failure raised by an operation on `inputs`, or a pending unknown if the operation declined to evaluate. */
export function fromEvalFailure(err: EvalFailure, inputs: readonly Value[]): Value {
  return err.pending ? pending(err.reason, inputs) : failure(err.reason, inputs);
}
