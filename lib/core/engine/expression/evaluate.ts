/**
 * Evaluates a parsed expression. Every operation adds the taint of what it read to its result, and every
 * failure or unsupported case becomes an unknown carrying the inputs' deep taint and references, so the
 * caller's secret tracking stays sound even where evaluation gives up. Recursion follows the tree, whose
 * height the parser bounds.
 */
import { BinaryOp, Expr } from './ast';
import { asBool, asInteger, asNumber, asString, refuseNonNfcKey, unifiedValue, valuesEqual } from './convert';
import { arithmetic } from './numbers';
import { Ctx, attempt, boundValue, failIfAnyFailed } from './context';
import { evalFor, evalTemplateFor } from './evaluate-for';
import { callFunction } from './functions';
import { EvalScope, safeResolve, Step } from './scope';
import { EvalFailure, failure, isFailure, pending, propagate, propagateDeep } from './unknowns';
import { bool, containsUnknown, deepTaint, NO_TAINT, num, object, str, Taint, tuple, unionSorted, Value, withTaint } from './value';

export function rootCtx(scope: EvalScope): Ctx {
  return { scope, vars: undefined, splat: undefined, evaluate };
}

export function evaluate(e: Expr, ctx: Ctx): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'template':
      return evalTemplate(e, ctx);
    case 'variable':
    case 'getattr':
    case 'index':
      return evalTraversal(e, ctx);
    case 'splatItem':
      return ctx.splat ?? failure('splat item outside a splat');
    case 'splat':
      return evalSplat(e, ctx);
    case 'call':
      return evalCall(e, ctx);
    case 'unary': {
      const v = evaluate(e.operand, ctx);
      return propagate([v]) ?? attempt([v], () => (e.op === '!' ? bool(!asBool(v, 'operand of !'), v.taint) : num(-asNumber(v, 'operand of -'), v.taint)));
    }
    case 'binary':
      return evalBinary(e.op, evaluate(e.left, ctx), evaluate(e.right, ctx));
    case 'conditional':
      return evalConditional(e.cond, e.then, e.else, ctx, true);
    case 'tuple': {
      const items = e.items.map((i) => evaluate(i, ctx));
      return failIfAnyFailed(items) ?? tuple(items);
    }
    case 'object':
      return evalObject(e.items, ctx);
    case 'for':
      return evalFor(e, ctx);
    case 'templateIf':
      // The branches of `%{ if }` are templates, so strings: they need no common type.
      return evalConditional(e.cond, e.then, e.else ?? { kind: 'literal', value: str('') }, ctx, false);
    case 'templateFor':
      return evalTemplateFor(e, ctx);
  }
}

type Step1 = Extract<Expr, { kind: 'getattr' | 'index' }>;

/**
 * `root.a["b"][k].c`: the static prefix goes to the resolver in one call (so it can answer for a resource
 * attribute without building the whole resource); what it did not consume is applied by ordinary indexing.
 */
function evalTraversal(e: Expr, ctx: Ctx): Value {
  const ops: Step1[] = [];
  let base = e;
  while (base.kind === 'getattr' || base.kind === 'index') {
    ops.push(base);
    base = base.target;
  }
  ops.reverse();
  const keys = ops.map((op) => (op.kind === 'getattr' ? str(op.name) : evaluate(op.key, ctx)));
  let value: Value;
  let next = 0;
  const local = base.kind === 'variable' ? boundValue(ctx, base.name) : undefined;
  if (base.kind === 'variable' && local === undefined) {
    const steps: Step[] = [];
    for (const k of keys) {
      if (k.type !== 'string' && k.type !== 'number') break;
      steps.push(k.value);
    }
    const res = safeResolve(ctx.scope, base.name, steps);
    next = res.used;
    // Keys consumed by the resolver were read too: a secret index key taints the result.
    value = withTaint(res.value, keys.slice(0, next).reduce<Taint>((t, k) => unionSorted(t, k.taint), NO_TAINT));
  } else {
    value = local ?? evaluate(base, ctx);
  }
  for (let i = next; i < ops.length; i++) value = applyStep(value, keys[i], ops[i].kind === 'getattr');
  return value;
}

/** One `.name` (attr) or `[key]` step on a value; the element inherits the container's own taint. */
export function applyStep(container: Value, key: Value, attr: boolean): Value {
  const u = propagate([container, key]);
  if (u !== undefined) return u;
  return attempt([container, key], () => {
    let elem: Value | undefined;
    if (attr) {
      const name = asString(key, 'attribute name');
      refuseNonNfcKey(name);
      if (container.type !== 'object') throw new EvalFailure(`cannot read attribute "${name}" of a ${container.type}`);
      elem = container.attrs.get(name);
      if (elem === undefined) throw new EvalFailure(`no attribute "${name}"`);
    } else if (container.type === 'tuple') {
      if (container.set) throw new EvalFailure('cannot index a set: its elements are identified only by their value');
      const i = asInteger(key, 'index');
      elem = container.items[i];
      if (i < 0 || elem === undefined) throw new EvalFailure(`index ${i} out of range for a tuple of ${container.items.length}`);
    } else if (container.type === 'object') {
      const k = asString(key, 'key');
      refuseNonNfcKey(k);
      elem = container.attrs.get(k);
      if (elem === undefined) throw new EvalFailure(`no key ${JSON.stringify(k)}`);
    } else {
      throw new EvalFailure(`cannot index a ${container.type}`);
    }
    return withTaint(elem, unionSorted(container.taint, deepTaint(key)));
  });
}

/** `x[*].a`: per element; a non-list is a one-element list and null an empty one, as in Terraform. */
function evalSplat(e: Extract<Expr, { kind: 'splat' }>, ctx: Ctx): Value {
  const source = evaluate(e.source, ctx);
  if (source.type === 'unknown') {
    // Still walk the per-element steps once: a dynamic key inside them may read other values.
    return propagate([source, evaluate(e.each, { ...ctx, splat: source })]) as Value;
  }
  const items = source.type === 'null' ? [] : source.type === 'tuple' ? source.items : [source];
  const results = items.map((it) => evaluate(e.each, { ...ctx, splat: withTaint(it, source.taint) }));
  return failIfAnyFailed(results) ?? tuple(results, source.taint);
}

function evalCall(e: Extract<Expr, { kind: 'call' }>, ctx: Ctx): Value {
  if (e.name === 'try' || e.name === 'can') return evalTryCan(e, ctx);
  const args = e.args.map((a) => evaluate(a, ctx));
  if (e.expand && args.length > 0) {
    const last = args.pop() as Value;
    if (last.type === 'unknown') return propagate([...args, last]) as Value;
    if (last.type !== 'tuple') return failure(`cannot expand a ${last.type} into arguments`, [...args, last]);
    args.push(...last.items.map((i) => withTaint(i, last.taint)));
  }
  // The keyword `null` has no type in Terraform, unlike a computed null: coalesce() needs to tell them apart.
  return callFunction(e.name, args, e.expand ? undefined : e.args.map(isNullKeyword));
}

/** Whether the expression is the keyword `null` (alone or as `"${null}"`), whose value has no type in Terraform. */
function isNullKeyword(e: Expr): boolean {
  let inner = e;
  while (inner.kind === 'template' && inner.wrap) inner = inner.parts[0];
  return inner.kind === 'literal' && inner.value.type === 'null';
}

/**
 * try() returns the first argument that evaluates without error; can() says whether its argument does.
 * An argument that is unknown (not failed) makes the result unknown, carrying the taint of the remaining
 * arguments too, since any of them might be chosen once the value is known.
 */
function evalTryCan(e: Extract<Expr, { kind: 'call' }>, ctx: Ctx): Value {
  const args = e.args.map((a) => evaluate(a, ctx));
  if (e.expand || args.length === 0 || (e.name === 'can' && args.length !== 1)) {
    return pending(`${e.name}() with these arguments is not evaluated`, args);
  }
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (isFailure(v)) continue;
    if (containsUnknown(v)) return pending(`${e.name}() of an unknown value`, args.slice(i));
    return e.name === 'can' ? bool(true, deepTaint(v)) : v;
  }
  return e.name === 'can' ? bool(false) : failure('try(): every argument failed', args);
}

function evalBinary(op: BinaryOp, l: Value, r: Value): Value {
  if (op === '==' || op === '!=') {
    const u = propagateDeep([l, r]);
    if (u !== undefined) return u;
    // Terraform compares types first and converts nothing: a list, set or tuple never equals another of them, nor
    // a map an object (terraform console 1.11: `tolist(["a"]) == ["a"]` and `tomap({a = 1}) == {a = 1}` are
    // false, `tolist(["a"]) == tolist(["a"])` is true). Ours do not track which one a collection is, so two
    // of a kind are not compared; a collection beside a primitive, null or the other kind is unequal for certain.
    if ((l.type === 'tuple' || l.type === 'object') && l.type === r.type) {
      return pending(`${op} of two ${l.type === 'tuple' ? 'lists or tuples' : 'maps or objects'} is not evaluated: Terraform compares their types, which ours do not track`, [l, r]);
    }
    return attempt([l, r], () => {
      const eq = valuesEqual(l, r);
      return bool(op === '==' ? eq : !eq, unionSorted(deepTaint(l), deepTaint(r)));
    });
  }
  const u = propagate([l, r]);
  if (u !== undefined) return u;
  return attempt([l, r], () => {
    const taint = unionSorted(deepTaint(l), deepTaint(r));
    if (op === '&&' || op === '||') {
      const a = asBool(l, `left operand of ${op}`);
      const b = asBool(r, `right operand of ${op}`);
      return bool(op === '&&' ? a && b : a || b, taint);
    }
    const a = asNumber(l, `left operand of ${op}`);
    const b = asNumber(r, `right operand of ${op}`);
    switch (op) {
      case '<': return bool(a < b, taint);
      case '>': return bool(a > b, taint);
      case '<=': return bool(a <= b, taint);
      case '>=': return bool(a >= b, taint);
      default: return num(arithmetic(op, a, b), taint);
    }
  });
}

/**
 * With an unknown condition both branches are evaluated, so both branches' taint flows. With a known one, the
 * result is the taken branch's value converted to the type Terraform unifies both branches to (see
 * unifiedValue): the other branch is evaluated for its type only, and its taint does not flow unless the
 * result is unknown. A branch that is the keyword `null` takes the other's type (`unify` false: the two
 * branches of `%{ if }` are strings).
 */
function evalConditional(condExpr: Expr, thenExpr: Expr, elseExpr: Expr, ctx: Ctx, unify: boolean): Value {
  const cond = evaluate(condExpr, ctx);
  if (cond.type === 'unknown') {
    return (isFailure(cond) ? failure : pending)(cond.reason, [cond, evaluate(thenExpr, ctx), evaluate(elseExpr, ctx)]);
  }
  let choice = false;
  const bad = attempt([cond], () => {
    choice = asBool(cond, 'condition');
    return cond;
  });
  if (bad !== cond) return bad;
  const [takenExpr, otherExpr] = choice ? [thenExpr, elseExpr] : [elseExpr, thenExpr];
  const taken = evaluate(takenExpr, ctx);
  if (!unify || taken.type === 'unknown' || isNullKeyword(takenExpr) || isNullKeyword(otherExpr)) return withTaint(taken, cond.taint);
  const other = evaluate(otherExpr, ctx);
  // HCL drops the errors of the branch not taken, whose type is then any: the taken value is the result as it
  // is (terraform console 1.11: `length([]) > 0 ? [][0] : "d"` is "d", `(true ? 1 : ["x"][5]) == 1` is true).
  // A template of several parts is a string whatever fails inside it (terraform console 1.11:
  // `(true ? 5 : "a${["x"][5]}") == "5"` is true), so the taken value is converted as beside a string.
  if (isFailure(other)) {
    if (otherExpr.kind !== 'template' || otherExpr.wrap) return withTaint(taken, cond.taint);
    return attempt([cond, taken], () => withTaint(unifiedValue(taken, [str('')], 'conditional result'), cond.taint));
  }
  // A string beside any primitive stays as it is (a string type wins); beside a collection Terraform fails. With
  // the other's type unknown (an unknown, a computed null) it is one or the other, so not evaluated, but the
  // other's secrecy cannot reach the result either way: `var.debug ? token : "none"` is "none" or an error.
  if (taken.type === 'string' && (other.type === 'unknown' || other.type === 'null')) {
    return pending('a conditional whose other branch has a type ours do not know is not evaluated: a list or object there makes Terraform fail', [cond, taken]);
  }
  return attempt([cond, taken, other], () => withTaint(unifiedValue(taken, [other], 'conditional result'), cond.taint));
}

/**
 * `{ k = v }`: keys are strings; a secret key taints the object; an unknown key makes it all unknown. A
 * repeated key is not an error: the last value wins, as in Terraform (terraform console 1.11:
 * `{a = 1, a = 2}` is `{ "a" = 2 }`, and `try({a = "owner", a = "guest"}.a, "x")` is "guest"). What the
 * replaced value read still taints the object.
 */
function evalObject(items: Extract<Expr, { kind: 'object' }>['items'], ctx: Ctx): Value {
  const keys = items.map((i) => evaluate(i.key, ctx));
  const vals = items.map((i) => evaluate(i.value, ctx));
  const all = [...keys, ...vals];
  if (keys.some((k) => k.type === 'unknown')) return propagate(all) as Value;
  return failIfAnyFailed(vals) ?? attempt(all, () => {
    const attrs = new Map<string, Value>();
    let taint = NO_TAINT;
    keys.forEach((k, i) => {
      const name = asString(k, 'object key');
      const replaced = attrs.get(name);
      if (replaced) taint = unionSorted(taint, deepTaint(replaced));
      attrs.set(name, vals[i]);
      taint = unionSorted(taint, k.taint);
    });
    return object(attrs, taint);
  });
}

/** A template: one interpolation passes its value through; otherwise every part is converted to text. */
function evalTemplate(e: Extract<Expr, { kind: 'template' }>, ctx: Ctx): Value {
  if (e.wrap) return evaluate(e.parts[0], ctx);
  if (e.parts.length === 1 && e.parts[0].kind === 'literal') return e.parts[0].value;
  const parts = e.parts.map((p) => evaluate(p, ctx));
  return propagate(parts) ?? attempt(parts, () => {
    const text = parts.map((p) => asString(p, 'template interpolation')).join('');
    return str(text, parts.reduce<Taint>((t, p) => unionSorted(t, p.taint), NO_TAINT));
  });
}
