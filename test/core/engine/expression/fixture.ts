/**
 * A small resolver for the evaluator's tests: locals and variable defaults as raw JSON (evaluated lazily
 * with the evaluator itself, as the engine does), one resource whose `token` attribute is secret, and data
 * sources that are known only at apply.
 */
import { EvalScope, Resolution, Step, Value, evaluateJson, fromJson, isFailure, object, str, taintOf, unknown } from '../../../../lib/core/engine/expression';

export const SECRET = 'gitlab_project_access_token.t';

export const token: Value = object({ id: str('42'), name: str('bot'), token: str('glpat-xyz', taintOf(SECRET)) });

export interface FixtureOptions {
  readonly locals?: Record<string, unknown>;
  readonly vars?: Record<string, unknown>;
}

export function fixtureScope(opts: FixtureOptions = {}): EvalScope & { readonly calls: string[] } {
  const calls: string[] = [];
  const evaluating = new Set<string>();
  const scope: EvalScope & { calls: string[] } = {
    calls,
    resolve(root: string, steps: readonly Step[]): Resolution {
      calls.push([root, ...steps].join('.'));
      const [first, second] = steps;
      if (root === 'local' && typeof first === 'string') {
        if (!opts.locals || !(first in opts.locals)) return { value: unknown(`local.${first} is not declared`), used: 1 };
        if (evaluating.has(first)) return { value: unknown(`local.${first} refers to itself`), used: 1 };
        evaluating.add(first);
        try {
          return { value: evaluateJson(opts.locals[first], scope), used: 1 };
        } finally {
          evaluating.delete(first);
        }
      }
      if (root === 'var' && typeof first === 'string') {
        return opts.vars && first in opts.vars ? { value: fromJson(opts.vars[first]), used: 1 } : { value: unknown(`var.${first} has no default`), used: 1 };
      }
      if (root === 'gitlab_project_access_token' && first === 't') return { value: token, used: 1 };
      if (root === 'data' && typeof first === 'string' && typeof second === 'string') {
        const path = ['data', ...steps].join('.');
        return { value: unknown(`computed at apply: ${path}`, [path]), used: steps.length };
      }
      return { value: unknown(`${root} is not known to the fixture`), used: 0 };
    },
  };
  return scope;
}

/** The value is pending: not evaluated, and not a Terraform error (so try() does not fall back over it). */
export function expectPending(v: Value): void {
  expect(v.type).toBe('unknown');
  expect(isFailure(v)).toBe(false);
}
