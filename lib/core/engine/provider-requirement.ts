/**
 * The stack's GitLab provider requirement (`terraform.required_providers.gitlab.version`) and the tokens the
 * provider rotates in it: GLID-020 judges the pair.
 */
import { Described, known, unresolved } from '../rules/credential';
import { TOKEN_TYPES, isTokenType } from './resource-catalogue';
import { StackModel } from './stack-model';
import { isObject } from './terraform-config';

/**
 * Terraform installs one provider for a root module and every module it calls, meeting all their
 * constraints: a module instance is judged with its root, whose requirement covers the tokens of all of them.
 */
export function describeProviderRequirement(stack: StackModel): Described | undefined {
  if (stack.app.isModuleInstance(stack.name)) return undefined;
  const modules = [stack, ...stack.app.moduleInstancesOf(stack.name)];
  const prefix = (m: StackModel, i: number) => (i === 0 ? '' : stack.app.moduleAddress(m.name));
  const rotatingTokens = modules.flatMap((m, i) => m.resources
    .filter((b) => isTokenType(b.type) && TOKEN_TYPES[b.type].renewal === 'provider-rotation' && b.body.rotation_configuration !== undefined)
    .map((b) => `${prefix(m, i)}${b.address}`))
    .sort();
  const hasRotatedType = modules.some((m) => m.resources.some((b) => isTokenType(b.type) && TOKEN_TYPES[b.type].renewal === 'provider-rotation'));
  if (!hasRotatedType) return undefined;
  // The root's constraint, else the first module's that states one.
  const version = modules.map(gitlabVersion).find((v) => v !== undefined);
  return {
    subject: 'provider-requirement',
    path: stack.name,
    ...(version !== undefined ? { constraint: typeof version === 'string' ? (version.includes('${') ? unresolved(version) : known(version)) : unresolved(JSON.stringify(version)) } : {}),
    rotatingTokens,
  };
}

function gitlabVersion(stack: StackModel): unknown {
  const terraform = isObject(stack.config.terraform) ? stack.config.terraform : {};
  const providers = isObject(terraform.required_providers) ? terraform.required_providers : {};
  return isObject(providers.gitlab) ? providers.gitlab.version : undefined;
}
