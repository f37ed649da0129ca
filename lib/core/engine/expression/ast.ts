/**
 * Syntax tree of HCL's native expression language as it appears inside Terraform JSON strings. The tree is
 * plain data, so parsed templates can be cached and shared between evaluations.
 */
import { Value } from './value';

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface ObjectItem {
  /** A bare identifier key is parsed as a string literal, as in HCL. */
  readonly key: Expr;
  readonly value: Expr;
}

export type Expr =
  | { readonly kind: 'literal'; readonly value: Value }
  /** Literal text and interpolations; `wrap` = exactly one interpolation, whose value passes unconverted. */
  | { readonly kind: 'template'; readonly parts: readonly Expr[]; readonly wrap: boolean }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'getattr'; readonly target: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr }
  /** `source[*]<each>` / `source.*<each>`: `each` is evaluated once per element, bound to `splatItem`. */
  | { readonly kind: 'splat'; readonly source: Expr; readonly each: Expr }
  | { readonly kind: 'splatItem' }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'conditional'; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  | { readonly kind: 'object'; readonly items: readonly ObjectItem[] }
  /** `[for ...]` when keyExpr is absent, `{for ... : k => v}` when present; `group` is the `...` suffix. */
  | {
      readonly kind: 'for';
      readonly keyVar: string | undefined;
      readonly valVar: string;
      readonly coll: Expr;
      readonly keyExpr: Expr | undefined;
      readonly valExpr: Expr;
      readonly cond: Expr | undefined;
      readonly group: boolean;
    }
  | { readonly kind: 'templateIf'; readonly cond: Expr; readonly then: Expr; readonly else: Expr | undefined }
  | { readonly kind: 'templateFor'; readonly keyVar: string | undefined; readonly valVar: string; readonly coll: Expr; readonly body: Expr };

/** Direct sub-expressions, for generic walks (depth checks, traversal listing). */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'literal':
    case 'variable':
    case 'splatItem':
      return [];
    case 'template':
      return e.parts;
    case 'getattr':
      return [e.target];
    case 'index':
      return [e.target, e.key];
    case 'splat':
      return [e.source, e.each];
    case 'call':
      return e.args;
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'conditional':
      return [e.cond, e.then, e.else];
    case 'tuple':
      return e.items;
    case 'object':
      return e.items.flatMap((i) => [i.key, i.value]);
    case 'for':
      return [e.coll, ...(e.keyExpr ? [e.keyExpr] : []), e.valExpr, ...(e.cond ? [e.cond] : [])];
    case 'templateIf':
      return [e.cond, e.then, ...(e.else ? [e.else] : [])];
    case 'templateFor':
      return [e.coll, e.body];
  }
}

/** Height of the tree, computed iteratively so a degenerate input cannot overflow the stack here. */
export function treeHeight(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop() as [Expr, number];
    if (d > max) max = d;
    for (const c of childrenOf(e)) stack.push([c, d + 1]);
  }
  return max;
}
