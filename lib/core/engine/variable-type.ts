/**
 * A variable's default converted to its declared `type`, as Terraform converts every variable's value before
 * use (terraform apply 1.11.4: with `type = string` a default of 5 is "5", so `var.n == "5"` is true; with
 * `type = bool` a default of "true" is true; with `type = list(string)` a default of [1] is ["1"]). Judged
 * unconverted, `var.n == "5" ? "owner" : "reporter"` read as reporter where Terraform applies owner.
 * Primitive types and lists, sets and maps of them are converted; other types (objects, tuples, nested
 * collections) give an unknown, which fails closed where the value decides anything.
 */
import { boolFromText, inSetOrder, primitiveText } from './expression/convert';
import { numberFromText } from './expression/numbers';
import { EvalFailure } from './expression/unknowns';
import { Value, bool, num, object, str, tuple, unknown } from './expression/value';

type Primitive = 'string' | 'number' | 'bool';
const COLLECTION_OF = /^(list|set|map)\((string|number|bool)\)$/;

export function withDeclaredType(value: Value, type: unknown, name: string): Value {
  if (type === undefined) return value;
  const t = typeof type === 'string' ? type.replace(/^\$\{([\s\S]*)\}$/, '$1').replace(/\s+/g, '') : undefined;
  if (t === 'any') return value;
  try {
    if (t === undefined) throw new EvalFailure(`its type ${JSON.stringify(type)} is not a type expression`, true);
    return converted(value, t);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    return unknown(`var.${name}'s default as its type: ${e.reason}`, [`var.${name}`]);
  }
}

function converted(v: Value, t: string): Value {
  if (v.type === 'null') return v;
  if (t === 'string' || t === 'number' || t === 'bool') return primitive(v, t);
  const m = COLLECTION_OF.exec(t);
  if (m === null) throw new EvalFailure(`the type ${t} is not applied by the checks`, true);
  const [, kind, element] = m as unknown as [string, 'list' | 'set' | 'map', Primitive];
  if (kind === 'map') {
    if (v.type !== 'object') throw new EvalFailure(`a ${v.type} is not a ${t}`);
    return object(new Map([...v.attrs].map(([k, x]) => [k, x.type === 'null' ? x : primitive(x, element)])), v.taint);
  }
  if (v.type !== 'tuple') throw new EvalFailure(`a ${v.type} is not a ${t}`);
  const items = v.items.map((x) => (x.type === 'null' ? x : primitive(x, element)));
  if (kind === 'set' && !inSetOrder(items)) throw new EvalFailure(`a ${t} reorders or merges its elements, which the checks do not do here`, true);
  return tuple(items, v.taint);
}

function primitive(v: Value, t: Primitive): Value {
  const text = primitiveText(v);
  if (text === undefined) throw new EvalFailure(`a ${v.type} is not a ${t}`);
  if (t === 'string') return str(text, v.taint);
  if (t === 'number') {
    if (v.type === 'number') return v;
    const n = v.type === 'string' ? numberFromText(text, 'the number') : undefined;
    if (n === undefined) throw new EvalFailure(`${JSON.stringify(text)} is not a number`);
    return num(n, v.taint);
  }
  if (v.type === 'bool') return v;
  const b = v.type === 'string' ? boolFromText(text) : undefined;
  if (b === undefined) throw new EvalFailure(`${JSON.stringify(text)} is not a bool`);
  return bool(b, v.taint);
}
