/**
 * The configuration Terraform will see for one resource or output: `toTerraform()` (escape-hatch
 * overrides included) with tokens resolved to Terraform expressions such as `${gitlab_x.y.token}`.
 */
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

type Body = Record<string, unknown>;

/** Resolves `value` as Terraform will see it from `element`'s stack. */
export function resolveIn(element: TerraformElement, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: element, preparing: false, resolver: RESOLVER });
}

/** The configuration before token resolution (tokens still encoded), escape-hatch overrides included. */
export function unresolvedBody(element: TerraformResource | TerraformOutput): Body {
  const tf = element.toTerraform() as Record<string, Record<string, unknown>>;
  if (element instanceof TerraformOutput) return (tf.output as Record<string, Body>)?.[element.friendlyUniqueId] ?? {};
  return (tf.resource as Record<string, Record<string, Body>>)?.[element.terraformResourceType]?.[element.friendlyUniqueId] ?? {};
}

/** A cdktf reference found inside a value: `type.name.attribute`, and the stack of the resource it reads. */
export interface FoundReference {
  readonly identifier: string;
  /** Absent for references that name no stack (locals, variables, functions). */
  readonly originStack?: TerraformStack;
}

/**
 * The cdktf references inside `value`, found in the tokens themselves. Needed for cross-stack references,
 * which resolve to a remote-state output of this stack and so no longer name the resource they read.
 */
export function referencesIn(value: unknown): FoundReference[] {
  const found = new Map<string, FoundReference>();
  const fromToken = (token: unknown, depth: number) => {
    if (depth > 6 || token === null || typeof token !== 'object' || 'node' in (token as object)) return;
    const t = token as Record<string, unknown>;
    if (typeof t.identifier === 'string') {
      const origin = TerraformStack.isStack(t.originStack) ? t.originStack : undefined;
      const key = `${t.identifier}\u0000${origin?.node.path ?? ''}`;
      if (!found.has(key)) found.set(key, { identifier: t.identifier, ...(origin ? { originStack: origin } : {}) });
    }
    for (const v of Object.values(t)) {
      if (typeof v === 'string') fromValue(v, depth + 1);
      else if (Array.isArray(v)) v.forEach((x) => (typeof x === 'string' ? fromValue(x, depth + 1) : fromToken(x, depth + 1)));
      else fromToken(v, depth + 1);
    }
  };
  const fromValue = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      if (Token.isUnresolved(v)) for (const t of Tokenization.reverseString(v).tokens) fromToken(t, depth);
    } else if (Array.isArray(v)) v.forEach((x) => fromValue(x, depth));
    else if (v !== null && typeof v === 'object') {
      if (Tokenization.isResolvable(v)) fromToken(v, depth);
      else Object.values(v).forEach((x) => fromValue(x, depth));
    }
  };
  fromValue(value, 0);
  return [...found.values()];
}

export function resourceBody(resource: TerraformResource): Body {
  return resolveIn(resource, unresolvedBody(resource)) as Body;
}

export function outputBody(output: TerraformOutput): Body {
  return resolveIn(output, unresolvedBody(output)) as Body;
}
