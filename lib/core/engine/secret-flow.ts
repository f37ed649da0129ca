/**
 * Where secrets go. Every attribute of every resource, data source and module call is evaluated when it is
 * an expression; a value computed from a secret is allowed only in a place built to hold one: the value of a
 * CI/CD variable (which GLID-013/014 judge), a sensitive output (GLID-012 judges outputs), or a secret store
 * of another provider. Anywhere else (a repository file, a webhook, a pipeline-schedule variable, a
 * description, the input of a module the checks cannot read, a provisioner) it is a sink, reported by GLID-023.
 */
import { Described } from '../rules/credential';
import { secretAddresses } from './describe-stack';
import { SECRET_STORES, isVariableType, ownEntry } from './resource-catalogue';
import { StackModel } from './stack-model';
import { ConfigBlock, isObject } from './terraform-config';

/** Meta-arguments that hold no value Terraform stores or shows, and the `//` comment Terraform ignores. */
// count and for_each too: Terraform keeps no value of them but the instance keys, and refuses a sensitive for_each.
const NOT_VALUES = new Set(['lifecycle', 'depends_on', 'provider', 'providers', 'source', 'version', 'count', 'for_each', '//']);

/** Cheap pre-check: only strings with an interpolation or directive can carry a secret. */
function hasExpression(raw: unknown): boolean {
  if (typeof raw === 'string') return raw.includes('${') || raw.includes('%{');
  if (Array.isArray(raw)) return raw.some(hasExpression);
  if (isObject(raw)) return Object.values(raw).some(hasExpression);
  return false;
}

function allowedIn(block: ConfigBlock, attribute: string): boolean {
  if (block.mode === 'resource' && isVariableType(block.type) && attribute === 'value') return true;
  return block.mode === 'resource' && (ownEntry(SECRET_STORES, block.type) ?? []).includes(attribute);
}

function sinksOfBody(stack: StackModel, body: Record<string, unknown>, where: { path: string; address: string; place: (a: string) => string },
  evaluate: (attribute: string) => ReturnType<StackModel['evaluate']>, allowed: (attribute: string) => boolean): Described[] {
  const found: Described[] = [];
  for (const [attribute, raw] of Object.entries(body)) {
    if (NOT_VALUES.has(attribute) || allowed(attribute) || !hasExpression(raw)) continue;
    const secrets = secretAddresses(stack, evaluate(attribute));
    if (secrets.length > 0) found.push({ subject: 'sink', path: where.path, address: where.address, place: where.place(attribute), attribute, secrets });
  }
  return found;
}

/** Every place of the stack where a secret is written without being kept secret. */
export function secretSinks(stack: StackModel): Described[] {
  const found: Described[] = [];
  // Instance by instance where count/for_each is known: each.key is then a key, not everything for_each reads.
  for (const block of [...stack.resources, ...stack.dataSources].flatMap((b) => stack.instancesOf(b))) {
    found.push(...sinksOfBody(stack, block.body, { path: block.path, address: block.address, place: (a) => `${block.address}.${a}` },
      (a) => stack.attribute(block, a) as ReturnType<StackModel['evaluate']>, (a) => allowedIn(block, a)));
  }
  for (const [name, raw] of stack.modules) {
    // A module the app holds is checked itself (its instance): where its inputs go is judged there.
    if (!isObject(raw) || stack.app.hasModuleInstance(stack.name, name)) continue;
    found.push(...sinksOfBody(stack, raw, { path: `module.${name}`, address: `module.${name}`, place: (a) => `input ${a} of module.${name}` },
      (a) => stack.evaluate(raw[a]), () => false));
  }
  return found;
}
