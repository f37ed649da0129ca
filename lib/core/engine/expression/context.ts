/**
 * The evaluation context (the scope, names bound inside the expression, the current splat element) and the
 * helpers every part of the evaluator shares. Apart from evaluate.ts so that evaluate-for.ts needs no
 * import of the evaluator.
 */
import { Expr } from './ast';
import { EvalScope } from './scope';
import { EvalFailure, failure, fromEvalFailure, isFailure } from './unknowns';
import { Value } from './value';

interface Bound {
  readonly name: string;
  readonly value: Value;
  readonly next: Bound | undefined;
}

export interface Ctx {
  readonly scope: EvalScope;
  /** Names bound inside the expression (for-expression variables); they shadow the scope. */
  readonly vars: Bound | undefined;
  /** The current element inside a splat's per-element traversal. */
  readonly splat: Value | undefined;
  /**
   * The evaluator itself, passed along so that the for-expression module can recurse into it without
   * importing evaluate.ts (which imports it): the two modules stay free of an import cycle.
   */
  readonly evaluate: (e: Expr, ctx: Ctx) => Value;
}

export function bind(ctx: Ctx, name: string | undefined, value: Value): Ctx {
  return name === undefined ? ctx : { ...ctx, vars: { name, value, next: ctx.vars } };
}

export function boundValue(ctx: Ctx, name: string): Value | undefined {
  for (let b = ctx.vars; b !== undefined; b = b.next) if (b.name === name) return b.value;
  return undefined;
}

/** Runs an operation on known inputs, turning its EvalFailure into a failure unknown. */
export function attempt(inputs: readonly Value[], fn: () => Value): Value {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EvalFailure) return fromEvalFailure(err, inputs);
    throw err;
  }
}

/** A container built from parts fails if any part failed (Terraform would report the error). */
export function failIfAnyFailed(parts: readonly Value[]): Value | undefined {
  const failed = parts.find(isFailure);
  return failed === undefined || failed.type !== 'unknown' ? undefined : failure(failed.reason, parts);
}
