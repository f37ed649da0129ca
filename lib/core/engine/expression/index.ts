/**
 * Evaluator of Terraform's expression language as it appears in JSON configuration (cdk.tf.json): every
 * string is a template. Pure and total: it never throws on bad input, and whatever it cannot evaluate is an
 * unknown value that keeps the taint of everything it read (see value.ts, unknowns.ts).
 */
import { Expr } from './ast';
import { failIfAnyFailed } from './context';
import { applyStep, evaluate, rootCtx } from './evaluate';
import { fallbackUnknown, regexTraversals } from './fallback';
import { ExpressionSyntaxError } from './lexer';
import { parseExpression as parse, parseTemplate } from './parser';
import { dotted, EvalScope, safeResolve } from './scope';
import { collectTraversals } from './traversals';
import { formatNumber } from './numbers';
import { propagate } from './unknowns';
import { bool, MAX_JSON_DEPTH, NO_TAINT, nul, num, object, str, Taint, tuple, unionSorted, unknown, Value } from './value';

export type { Expr } from './ast';
export { ExpressionSyntaxError } from './lexer';
export type { EvalScope, Resolution, Step } from './scope';
export { dotted } from './scope';
export { FUNCTIONS } from './functions';
export { isFailure } from './unknowns';
export * from './value';

/**
 * Parsed templates by text, when the caller keeps a cache for one run (`scope.parseCache`): stacks repeat the
 * same expressions. Bounded and cleared when full; never a source of different results, and never module
 * state: it lives as long as the caller's run.
 */
const CACHE_LIMIT = 4096;

function parsedTemplate(text: string, cache: Map<string, Expr | ExpressionSyntaxError> | undefined): Expr | ExpressionSyntaxError {
  let hit = cache?.get(text);
  if (hit === undefined) {
    try {
      hit = parseTemplate(text);
    } catch (err) {
      if (!(err instanceof ExpressionSyntaxError)) throw err;
      hit = err;
    }
    if (cache) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(text, hit);
    }
  }
  return hit;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Evaluates one JSON-syntax string (a template). */
export function evaluateTemplate(text: string, scope: EvalScope): Value {
  if (typeof text !== 'string') return unknown('not a string');
  // Fast path: most attribute strings are plain text.
  if (!text.includes('${') && !text.includes('%{')) return str(text);
  try {
    const reference = SIMPLE_REFERENCE.exec(text);
    if (reference && !KEYWORDS.has(reference[1])) return simpleReference(reference[1], reference[2].slice(1).split('.'), scope);
    const parsed = parsedTemplate(text, scope.parseCache);
    if (parsed instanceof ExpressionSyntaxError) return fallbackUnknown(parsed.message, [text], scope);
    return evaluate(parsed, rootCtx(scope));
  } catch (err) {
    // Only a bug (or stack exhaustion) gets here; still fail closed.
    return safeFallback(`evaluation failed: ${describe(err)}`, [text], scope);
  }
}

/**
 * `${a.b.c}` and nothing else: a whole reference with attribute steps only, the most common template in a
 * stack (every delivered token). Evaluated as evalTraversal would, without lexing and parsing it: the
 * resolver takes what steps it can, the rest are attribute reads. A template that is one interpolation
 * is the value itself, not its string.
 */
const SIMPLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\}$/;
const KEYWORDS = new Set(['true', 'false', 'null']);

function simpleReference(root: string, names: readonly string[], scope: EvalScope): Value {
  const res = safeResolve(scope, root, names);
  let value = res.value;
  for (let i = res.used; i < names.length; i++) value = applyStep(value, str(names[i]), true);
  return value;
}

function safeFallback(reason: string, texts: readonly string[], scope: EvalScope): Value {
  try {
    return fallbackUnknown(reason, texts, scope);
  } catch {
    return unknown(reason);
  }
}

/** Every string in a JSON value, iteratively (used when the value is too deep to walk recursively). */
function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push(k, x);
  }
  return out;
}

function jsonToValue(value: unknown, scope: EvalScope, depth: number): Value {
  if (depth > MAX_JSON_DEPTH) return fallbackUnknown('JSON nested too deeply', stringsIn(value), scope);
  if (typeof value === 'string') return evaluateTemplate(value, scope);
  if (typeof value === 'number') return Number.isFinite(value) ? num(value) : unknown('not a finite number');
  if (typeof value === 'boolean') return bool(value);
  if (value === null) return nul();
  if (Array.isArray(value)) {
    const items = value.map((v) => jsonToValue(v, scope, depth + 1));
    return failIfAnyFailed(items) ?? tuple(items);
  }
  if (typeof value !== 'object') return unknown(`not a JSON value: ${typeof value}`);
  const names = Object.keys(value);
  // Keys are templates too (e.g. a map attribute keyed by "${var.env}").
  const keys = names.map((k) => evaluateTemplate(k, scope));
  const vals = names.map((k) => jsonToValue((value as Record<string, unknown>)[k], scope, depth + 1));
  const all = [...keys, ...vals];
  if (keys.some((k) => k.type === 'unknown')) return propagate(all) as Value;
  const failed = failIfAnyFailed(all);
  if (failed !== undefined) return failed;
  const attrs = new Map<string, Value>();
  let taint: Taint = NO_TAINT;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k.type !== 'string' && k.type !== 'number' && k.type !== 'bool') return propagate([unknown(`object key is a ${k.type}`), ...all]) as Value;
    attrs.set(k.type === 'string' ? k.value : k.type === 'number' ? formatNumber(k.value) : String(k.value), vals[i]);
    taint = unionSorted(taint, k.taint);
  }
  return object(attrs, taint);
}

/** Walks plain JSON; every string in it is a template. Never throws. */
export function evaluateJson(value: unknown, scope: EvalScope): Value {
  try {
    return jsonToValue(value, scope, 0);
  } catch (err) {
    return safeFallback(`evaluation failed: ${describe(err)}`, stringsIn(value), scope);
  }
}

/** Parses one native-syntax expression (not a template); throws ExpressionSyntaxError. */
export function parseExpression(src: string): Expr {
  return parse(src);
}

/** The root traversals a template mentions (dotted, static steps only); a regex scan if it does not parse. */
export function traversalsIn(text: string): string[] {
  if (!text.includes('${') && !text.includes('%{')) return [];
  try {
    const parsed = parsedTemplate(text, undefined);
    if (!(parsed instanceof ExpressionSyntaxError)) return collectTraversals(parsed);
  } catch {
    // fall through to the regex scan
  }
  return regexTraversals(text).map((t) => dotted(t.root, t.steps));
}

