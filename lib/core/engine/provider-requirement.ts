/**
 * The stack's GitLab provider requirement (`terraform.required_providers.gitlab.version`) and the tokens the
 * provider rotates in it: GLID-020 judges the pair.
 */
import { Described, known, unresolved } from '../rules/credential';
import { TOKEN_TYPES, isTokenType } from './resource-catalogue';
import { StackModel } from './stack-model';
import { isObject } from './terraform-config';

export function describeProviderRequirement(stack: StackModel): Described | undefined {
  const rotatingTokens = stack.resources
    .filter((b) => isTokenType(b.type) && TOKEN_TYPES[b.type].renewal === 'provider-rotation' && b.body.rotation_configuration !== undefined)
    .map((b) => b.address)
    .sort();
  const hasRotatedType = stack.resources.some((b) => isTokenType(b.type) && TOKEN_TYPES[b.type].renewal === 'provider-rotation');
  if (!hasRotatedType) return undefined;
  const terraform = isObject(stack.config.terraform) ? stack.config.terraform : {};
  const providers = isObject(terraform.required_providers) ? terraform.required_providers : {};
  const gitlab = isObject(providers.gitlab) ? providers.gitlab : undefined;
  const version = gitlab?.version;
  return {
    subject: 'provider-requirement',
    path: stack.name,
    ...(version !== undefined ? { constraint: typeof version === 'string' ? (version.includes('${') ? unresolved(version) : known(version)) : unresolved(JSON.stringify(version)) } : {}),
    rotatingTokens,
  };
}
