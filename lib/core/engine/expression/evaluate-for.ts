/**
 * `for` expressions and `%{ for }` template directives. Iteration variables shadow the scope. Each element
 * is bound with the collection's own taint added; filters and keys taint the result container. Over an
 * unknown collection the body is still evaluated once (with unknown variables) so that the unknown result
 * also carries the taint of anything else the body reads.
 */
import { Expr } from './ast';
import { asBool, asString, sortedKeys } from './convert';
import { attempt, bind, Ctx, failIfAnyFailed } from './context';
import { EvalFailure, failure, isFailure, pending, propagate } from './unknowns';
import { deepTaint, num, object, str, Taint, tuple, unionSorted, Value, withTaint } from './value';

type ForExpr = Extract<Expr, { kind: 'for' }>;
type TemplateForExpr = Extract<Expr, { kind: 'templateFor' }>;

/** (key, value) pairs of a collection: tuple indices or object keys in sorted order. */
function elements(coll: Value): [Value, Value][] {
  if (coll.type === 'tuple') return coll.items.map((v, i) => [num(i, coll.taint), withTaint(v, coll.taint)]);
  if (coll.type === 'object') return sortedKeys(coll.attrs).map((k) => [str(k, coll.taint), withTaint(coll.attrs.get(k) as Value, coll.taint)]);
  throw new EvalFailure(`cannot iterate over a ${coll.type}`);
}

/** The unknown result of iterating an unknown collection, including what the body reads. */
function unknownIteration(coll: Value, keyVar: string | undefined, valVar: string, body: readonly (Expr | undefined)[], ctx: Ctx): Value {
  const placeholder = pending('element of an unknown collection', [coll]);
  const inner = bind(bind(ctx, keyVar, placeholder), valVar, placeholder);
  const read = body.filter((b): b is Expr => b !== undefined).map((b) => ctx.evaluate(b, inner));
  return (isFailure(coll) ? failure : pending)(coll.type === 'unknown' ? coll.reason : 'unknown', [coll, ...read]);
}

export function evalFor(e: ForExpr, ctx: Ctx): Value {
  const coll = ctx.evaluate(e.coll, ctx);
  const body = [e.keyExpr, e.valExpr, e.cond];
  if (coll.type === 'unknown') return unknownIteration(coll, e.keyVar, e.valVar, body, ctx);
  let pairs: [Value, Value][] = [];
  const bad = attempt([coll], () => {
    pairs = elements(coll);
    return coll;
  });
  if (bad !== coll) return bad;

  let containerTaint: Taint = coll.taint;
  const results: Value[] = [];
  const keys: Value[] = [];
  for (const [k, v] of pairs) {
    const inner = bind(bind(ctx, e.keyVar, k), e.valVar, v);
    if (e.cond !== undefined) {
      const c = ctx.evaluate(e.cond, inner);
      if (c.type === 'unknown') {
        // Which elements survive is unknown: the result may hold any of them, and whatever the body reads.
        const read = [e.keyExpr, e.valExpr].filter((b): b is Expr => b !== undefined).map((b) => ctx.evaluate(b, inner));
        return (isFailure(c) ? failure : pending)(c.reason, [c, coll, ...read]);
      }
      const bad2 = attempt([c], () => bool(c));
      if (bad2.type === 'unknown') return bad2;
      if (!(bad2.type === 'bool' && bad2.value)) continue;
      containerTaint = unionSorted(containerTaint, c.taint);
    }
    if (e.keyExpr !== undefined) keys.push(ctx.evaluate(e.keyExpr, inner));
    results.push(ctx.evaluate(e.valExpr, inner));
  }
  if (e.keyExpr === undefined) return failIfAnyFailed(results) ?? tuple(results, containerTaint);
  if (keys.some((k) => k.type === 'unknown')) return propagate([...keys, ...results]) as Value;
  return failIfAnyFailed([...keys, ...results]) ?? attempt([...keys, ...results], () => {
    const out = new Map<string, Value[]>();
    keys.forEach((k, i) => {
      const name = asString(k, 'for-expression key');
      containerTaint = unionSorted(containerTaint, deepTaint(k));
      const group = out.get(name);
      if (group !== undefined && !e.group) throw new EvalFailure(`duplicate key ${JSON.stringify(name)} in for expression (use "..." to group)`);
      if (group !== undefined) group.push(results[i]);
      else out.set(name, [results[i]]);
    });
    const attrs = new Map<string, Value>();
    for (const [name, vals] of out) attrs.set(name, e.group ? tuple(vals) : vals[0]);
    return object(attrs, containerTaint);
  });
}

/** A known bool from a condition value (throws EvalFailure otherwise). */
function bool(c: Value): Value {
  return { type: 'bool', value: asBool(c, 'for-expression condition'), taint: c.taint };
}

/** `%{ for x in coll }body%{ endfor }`: the bodies' texts concatenated. */
export function evalTemplateFor(e: TemplateForExpr, ctx: Ctx): Value {
  const coll = ctx.evaluate(e.coll, ctx);
  if (coll.type === 'unknown') return unknownIteration(coll, e.keyVar, e.valVar, [e.body], ctx);
  return attempt([coll], () => {
    const parts = elements(coll).map(([k, v]) => ctx.evaluate(e.body, bind(bind(ctx, e.keyVar, k), e.valVar, v)));
    const u = propagate(parts, coll.taint);
    if (u !== undefined) return u;
    const text = parts.map((p) => asString(p, 'template directive body')).join('');
    return str(text, parts.reduce<Taint>((t, p) => unionSorted(t, deepTaint(p)), coll.taint));
  });
}
