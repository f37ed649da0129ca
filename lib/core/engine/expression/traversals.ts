/**
 * Static listing of the root traversals an expression mentions, for cheap pre-checks ("does this string
 * mention a token at all?"). Names bound by for-expressions are not roots; only static steps are listed.
 */
import { childrenOf, Expr } from './ast';
import { dotted, Step } from './scope';

/** A literal index key: `[0]`, `["token"]` (a quoted string parses as a one-literal template). */
function staticKey(key: Expr): Step | undefined {
  let lit: Expr | undefined = key;
  if (key.kind === 'template') lit = key.parts.length === 0 ? { kind: 'literal', value: { type: 'string', value: '', taint: [] } } : key.parts.length === 1 ? key.parts[0] : undefined;
  if (lit?.kind !== 'literal') return undefined;
  const v = lit.value;
  return v.type === 'string' || v.type === 'number' ? v.value : undefined;
}

export function collectTraversals(root: Expr): string[] {
  const out = new Set<string>();
  const walk = (e: Expr, bound: ReadonlySet<string>): void => {
    if (e.kind === 'variable' || e.kind === 'getattr' || e.kind === 'index') {
      const ops: Extract<Expr, { kind: 'getattr' | 'index' }>[] = [];
      let base: Expr = e;
      while (base.kind === 'getattr' || base.kind === 'index') {
        ops.unshift(base);
        base = base.target;
      }
      if (base.kind === 'variable') {
        if (!bound.has(base.name)) {
          const steps: Step[] = [];
          for (const op of ops) {
            const s = op.kind === 'getattr' ? op.name : staticKey(op.key);
            if (s === undefined) break;
            steps.push(s);
          }
          out.add(dotted(base.name, steps));
        }
      } else {
        walk(base, bound);
      }
      for (const op of ops) if (op.kind === 'index') walk(op.key, bound);
      return;
    }
    if (e.kind === 'for' || e.kind === 'templateFor') {
      walk(e.coll, bound);
      const inner = new Set(bound);
      inner.add(e.valVar);
      if (e.keyVar !== undefined) inner.add(e.keyVar);
      for (const c of childrenOf(e)) if (c !== e.coll) walk(c, inner);
      return;
    }
    for (const c of childrenOf(e)) walk(c, bound);
  };
  walk(root, new Set());
  return [...out];
}
