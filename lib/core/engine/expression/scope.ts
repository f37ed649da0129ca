/**
 * What the evaluator needs from its caller: a resolver for root traversals (`local.x`, `var.y`,
 * `gitlab_project_access_token.bot.token`, ...). The resolver owns locals, variables, resources and cycle
 * detection; the evaluator owns names bound inside the expression (for-expression variables, splat items).
 */
import type { Expr } from './ast';
import type { ExpressionSyntaxError } from './lexer';
import { unknown, Value } from './value';

/** An attribute name or a literal (or already evaluated) index key. */
export type Step = string | number;

/** `used` = how many of the requested steps the resolver consumed; the evaluator applies the rest. */
export interface Resolution {
  readonly value: Value;
  readonly used: number;
}

export interface EvalScope {
  /**
   * Resolves a traversal that starts at a root name: `local`, `var`, `data`, `module`, `each`, `count`,
   * `self`, `path`, `terraform`, or a resource type such as `gitlab_project_access_token`. `steps` are the
   * static steps that follow, as many as are static.
   */
  resolve(root: string, steps: readonly Step[]): Resolution;
  /** Parsed templates by text, kept by the caller for one run (optional). */
  readonly parseCache?: Map<string, Expr | ExpressionSyntaxError>;
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** Dotted text of a traversal, as used in `unknown.references`: `data.gitlab_project.app.id`, `x[0]`, `m["a b"]`. */
export function dotted(root: string, steps: readonly Step[]): string {
  let out = root;
  for (const s of steps) out += typeof s === 'number' ? `[${s}]` : IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return out;
}

function isValue(v: unknown): v is Value {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && Array.isArray((v as { taint?: unknown }).taint);
}

/**
 * Calls the resolver defensively: a throwing or malformed resolver gives an unknown, never an exception.
 * An unknown without references is given the traversal itself as its reference.
 */
export function safeResolve(scope: EvalScope, root: string, steps: readonly Step[]): Resolution {
  let res: Resolution;
  try {
    res = scope.resolve(root, steps);
  } catch (err) {
    const text = dotted(root, steps);
    return { value: unknown(`could not resolve ${text}: ${err instanceof Error ? err.message : String(err)}`, [text]), used: steps.length };
  }
  if (typeof res !== 'object' || res === null || !isValue(res.value)) {
    const text = dotted(root, steps);
    return { value: unknown(`could not resolve ${text}`, [text]), used: steps.length };
  }
  const used = Number.isInteger(res.used) ? Math.max(0, Math.min(steps.length, res.used)) : 0;
  const value = res.value.type === 'unknown' && res.value.references.length === 0 ? { ...res.value, references: [dotted(root, steps)] } : res.value;
  return { value, used };
}
