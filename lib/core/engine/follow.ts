/**
 * Turning evaluated values into what rules compare: a literal, or a reference the engine can follow to a
 * literal (a data source's path) or to a value the library itself wires (a service account's id). Anything
 * else stays unresolved, with the reason, and the engine reports it when the attribute decides privilege.
 */
import { Checked, known, unresolved } from '../rules/credential';
import { boolFromText, primitiveText } from './expression/convert';
import { numberFromText } from './expression/numbers';
import { EvalFailure } from './expression/unknowns';
import { Value, deepReferences, toJson } from './expression/value';
import { isServiceAccountType, ownEntry } from './resource-catalogue';
import { StackModel } from './stack-model';

/** A string as Terraform converts it: numbers and booleans become strings. */
export function asString(value: Value | undefined): Checked<string> | undefined {
  if (value === undefined || value.type === 'null') return undefined;
  const text = primitiveText(value);
  return text !== undefined ? known(text) : unresolved(reasonOf(value, 'a string'));
}

/**
 * The role names provider 18.6.1 accepts for `access_level` and `group_access` (documented values of
 * gitlab_project_access_token, gitlab_group_access_token and the membership and share resources; see
 * gitlab-facts.md, "Provider 18.6.1"). The lowest two are below guest, so they grant nothing more.
 */
const ROLE_NAMES: ReadonlySet<string> = new Set(['no one', 'minimal', 'guest', 'planner', 'reporter', 'developer', 'maintainer', 'owner']);

/**
 * A role as a string, or unresolved when it evaluates to a string that is not a role name: the provider
 * would refuse that value, so the checks' evaluation differs from Terraform's, and the role Terraform
 * applies is not known (it could be owner). Fails closed instead of letting rules skip a role they do not
 * recognise.
 */
export function asRole(value: Value | undefined): Checked<string> | undefined {
  const text = asString(value);
  if (text === undefined || !text.known || ROLE_NAMES.has(text.value)) return text;
  return unresolved(`evaluates to ${JSON.stringify(text.value)}, which is not a role name (${[...ROLE_NAMES].join(', ')}): what Terraform applies cannot be told`);
}

/** A number as Terraform converts it: numeric strings become numbers. */
export function asNumber(value: Value | undefined): Checked<number> | undefined {
  if (value === undefined || value.type === 'null') return undefined;
  if (value.type === 'number') return known(value.value);
  if (value.type === 'string') {
    // As Terraform converts: "+1" is 1, " 1" and "0x10" are errors; a number a double cannot hold is unknown.
    try {
      const n = numberFromText(value.value, 'the text');
      if (n !== undefined) return known(n);
    } catch (e) {
      if (e instanceof EvalFailure) return unresolved(e.reason);
      throw e;
    }
  }
  return unresolved(reasonOf(value, 'a number'));
}

/** A bool as Terraform converts it (boolFromText: "1" and "0" too). */
export function asBoolean(value: Value | undefined): Checked<boolean> | undefined {
  if (value === undefined || value.type === 'null') return undefined;
  if (value.type === 'bool') return known(value.value);
  const b = value.type === 'string' ? boolFromText(value.value) : undefined;
  return b !== undefined ? known(b) : unresolved(reasonOf(value, 'true or false'));
}

/**
 * A list of strings as Terraform converts one: numbers and bools in it become strings
 * (`tolist(["read_api", 5])` is `["read_api", "5"]` in terraform console 1.11.4).
 */
export function asStringList(value: Value | undefined): Checked<readonly string[]> | undefined {
  if (value === undefined || value.type === 'null') return undefined;
  const texts = value.type === 'tuple' ? value.items.map(primitiveText) : [undefined];
  return texts.every((t) => t !== undefined) ? known(texts as string[]) : unresolved(reasonOf(value, 'a list of strings'));
}

export function reasonOf(value: Value, expected: string): string {
  if (value.type === 'unknown') return value.reason;
  if (toJson(value) === undefined) return `part of it is computed at apply (${deepReferences(value).join(', ') || 'unknown'})`;
  return `it is ${value.type === 'tuple' ? 'a list' : value.type === 'object' ? 'an object' : `a ${value.type}`}, not ${expected}`;
}

/** `count`/`for_each`: how many instances Terraform creates. */
export function copiesOf(stack: StackModel, body: Record<string, unknown>): Checked<number> {
  if (body.count !== undefined) {
    const count = asNumber(stack.evaluate(body.count));
    return count ?? known(0);
  }
  if (body.for_each !== undefined) {
    const each = stack.evaluate(body.for_each);
    if (each.type === 'tuple') return toJson(each) === undefined ? unresolved(reasonOf(each, 'a set')) : known(new Set(each.items.map((i) => JSON.stringify(toJson(i)))).size);
    if (each.type === 'object') return known(each.attrs.size);
    return unresolved(reasonOf(each, 'a map or set'));
  }
  return ONE_COPY;
}

/** Shared: nearly every block has no count/for_each, and descriptions are kept for the whole app. */
const ONE_COPY: Checked<number> = Object.freeze(known(1));

/** Data sources and resources whose id stands for a project or group path, and the attribute naming it. */
const PATH_OF: Readonly<Record<string, readonly string[]>> = {
  'data.gitlab_project': ['path_with_namespace', 'id'],
  'data.gitlab_group': ['full_path', 'group_id'],
  gitlab_project: ['path_with_namespace', 'path', 'name'],
  gitlab_group: ['full_path', 'path', 'name'],
};

/**
 * A reference written as the whole attribute, bare or converted (`${data.gitlab_project.app.id}`,
 * `${tonumber(gitlab_group_service_account.sa.service_account_id)}`), as the library renders it. Only such
 * a value is followed: one computed from a reference (`${x.id == "" ? "a" : "b"}`, `${x.id + 1}`) could be
 * anything, and stays unresolved.
 */
const WHOLE_REFERENCE = /^\$\{\s*(?:(?:tonumber|tostring)\(\s*)?((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+?)\s*\)?\s*\}$/;

function onlyReference(value: Value, raw: unknown): string | undefined {
  if (value.type !== 'unknown' || typeof raw !== 'string') return undefined;
  const match = WHOLE_REFERENCE.exec(raw);
  const opens = (raw.match(/\(/g) ?? []).length;
  const closes = (raw.match(/\)/g) ?? []).length;
  return match && opens === closes && opens <= 1 ? match[1] : undefined;
}

/** A project or group target: a literal path or id, or followed through its data source or resource. */
export function followTarget(stack: StackModel, value: Value | undefined, raw: unknown): Checked<string> | undefined {
  if (value === undefined || value.type === 'null') return undefined;
  if (value.type === 'string') return known(value.value);
  if (value.type === 'number') return known(`id ${value.value}`);
  const reference = onlyReference(value, raw);
  if (reference !== undefined) {
    const parts = reference.split('.');
    const data = parts[0] === 'data';
    const type = data ? `data.${parts[1]}` : parts[0];
    const address = parts.slice(0, data ? 3 : 2).join('.');
    const block = stack.block(address);
    for (const attribute of ownEntry(PATH_OF, type) ?? []) {
      const named = block ? asString(stack.attribute(block, attribute)) : undefined;
      if (named?.known) return known(attribute === 'id' || attribute === 'group_id' ? `id ${named.value}` : data ? named.value : `${named.value} (${address})`);
    }
  }
  return unresolved(reasonOf(value, 'a project or group'));
}

/** The user of a token or membership: a literal id, a service account of the stack, or a looked-up user. */
export function followUser(stack: StackModel, value: Value | undefined, raw: unknown): Checked<string> | undefined {
  if (value === undefined || value.type === 'null') return undefined;
  if (value.type === 'number' || value.type === 'string') return known(`user ${value.value}`);
  const reference = onlyReference(value, raw);
  if (reference !== undefined) {
    const [type, name] = reference.split('.');
    if (isServiceAccountType(type) && stack.block(`${type}.${name}`)) return known(`service account ${type}.${name}`);
    if (type === 'data' && reference.startsWith('data.gitlab_user.')) {
      const block = stack.block(reference.split('.').slice(0, 3).join('.'));
      const username = block ? asString(stack.attribute(block, 'username')) : undefined;
      if (username?.known) return known(`user @${username.value}`);
    }
    if (type === 'gitlab_user' && stack.block(`${type}.${name}`)) return known(`user ${type}.${name}`);
  }
  return unresolved(reasonOf(value, 'a user id'));
}
