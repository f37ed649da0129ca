/**
 * Maps a construct to the core's neutral credential description, or undefined when it is no credential.
 * Raw provider resources and those an AutomationIdentity rendered are described alike; the latter carry
 * the identity's plan so that rules can compare what was rendered with what was planned.
 */
import { TerraformElement, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Checked, Credential, IdentityKind, IdentityPlan, known, unresolved } from '../../core';
import { AutomationIdentity } from '../automation-identity';
import { outputBody, referencesIn, resolveIn, resourceBody, unresolvedBody } from './resolve-config';

const TOKEN_KINDS: Readonly<Record<string, IdentityKind>> = {
  gitlab_project_access_token: IdentityKind.PROJECT_ACCESS_TOKEN,
  gitlab_group_access_token: IdentityKind.GROUP_ACCESS_TOKEN,
  gitlab_personal_access_token: IdentityKind.PERSONAL_ACCESS_TOKEN,
  gitlab_group_service_account_access_token: IdentityKind.SERVICE_ACCOUNT,
  gitlab_project_deploy_token: IdentityKind.PROJECT_DEPLOY_TOKEN,
  gitlab_group_deploy_token: IdentityKind.GROUP_DEPLOY_TOKEN,
  gitlab_deploy_token: IdentityKind.PROJECT_DEPLOY_TOKEN,
  gitlab_pipeline_trigger: IdentityKind.PIPELINE_TRIGGER_TOKEN,
};

/** Resource types whose `token` attribute is a secret. */
export const TOKEN_RESOURCE_TYPES: readonly string[] = Object.freeze(Object.keys(TOKEN_KINDS));

const VARIABLE_TYPES = new Set(['gitlab_project_variable', 'gitlab_group_variable', 'gitlab_instance_variable']);
const MEMBERSHIP_TYPES = new Set(['gitlab_project_membership', 'gitlab_group_membership']);

/** `${gitlab_project_access_token.name.token}` and the like, inside any expression. */
const TOKEN_REFERENCE = new RegExp(`\\b(${TOKEN_RESOURCE_TYPES.join('|')})\\.[^.\\s}]+\\.token\\b`);
const SERVICE_ACCOUNT_REFERENCE = /\b(gitlab_group_service_account|gitlab_instance_service_account|data\.gitlab_group_service_account|data\.gitlab_instance_service_account)\./;

function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

function checked<T>(value: unknown, accept: (v: unknown) => v is T): Checked<T> | undefined {
  if (value === undefined || value === null) return undefined;
  if (isExpression(value)) return unresolved(value);
  return accept(value) ? known(value) : unresolved(JSON.stringify(value));
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringList = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((s) => isString(s) && !isExpression(s));

// Locals of each stack by name, built once per stack: values often pass through `local.x`.
const localsByStack = new WeakMap<TerraformStack, Map<string, TerraformLocal>>();

function localsOf(stack: TerraformStack): Map<string, TerraformLocal> {
  let locals = localsByStack.get(stack);
  if (!locals) {
    locals = new Map(stack.node.findAll().filter((c): c is TerraformLocal => c instanceof TerraformLocal).map((l) => [l.friendlyUniqueId, l]));
    localsByStack.set(stack, locals);
  }
  return locals;
}

/** A token whose secret a value holds: its Terraform address and the stack that declares it. */
export interface HeldToken {
  readonly address: string;
  readonly stack: TerraformStack;
}

/**
 * The tokens whose secret a value holds: from its resolved expression, from the references themselves
 * (tokens of another stack resolve to a remote-state output), and through the locals it reads.
 */
function tokensIn(element: TerraformElement, unresolvedValue: unknown, resolvedValue: unknown, depth = 0): HeldToken[] {
  const own = TerraformStack.of(element);
  const refs = referencesIn(unresolvedValue);
  const direct = refs
    .filter((r) => TOKEN_REFERENCE.test(`\${${r.identifier}}`))
    .map((r) => ({ address: r.identifier.replace(/\.token$/, ''), stack: r.originStack ?? own }));
  const throughLocals = depth > 4 ? [] : refs
    .filter((r) => r.identifier.startsWith('local.'))
    .flatMap((r) => {
      const local = localsOf(r.originStack ?? own).get(r.identifier.slice('local.'.length));
      if (!local) return [];
      // `expression` reads back as a reference to the local itself; its value is in toTerraform().
      const value = (local.toTerraform() as { locals: Record<string, unknown> }).locals[local.friendlyUniqueId];
      return tokensIn(local, value, resolveIn(local, value), depth + 1);
    });
  const resolved = tokenAddresses(resolvedValue).map((address) => ({ address, stack: own }));
  const unique = new Map<string, HeldToken>();
  for (const t of [...resolved, ...direct, ...throughLocals]) unique.set(`${t.stack.node.path}\u0000${t.address}`, t);
  return [...unique.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

function heldTokens(element: TerraformResource | TerraformOutput, resolvedValue: unknown): string[] {
  return [...new Set(tokensIn(element, unresolvedBody(element).value, resolvedValue).map((t) => t.address))].sort();
}

/**
 * The tokens whose secret a variable or output holds, each with the stack that declares it: Terraform
 * addresses are unique within a stack only, and cdktf cross-stack references carry tokens between stacks.
 */
export function tokensHeldBy(element: TerraformResource | TerraformOutput): HeldToken[] {
  const value = unresolvedBody(element).value;
  return tokensIn(element, value, resolveIn(element, value));
}

/** Terraform addresses of the tokens whose secret `value` references. */
export function tokenAddresses(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(new RegExp(TOKEN_REFERENCE.source, 'g'))) found.add(m[0].replace(/\.token$/, ''));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found].sort();
}

/** True when any string in `value` references a token's secret. */
export function referencesToken(value: unknown): boolean {
  if (typeof value === 'string') return TOKEN_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some(referencesToken);
  if (value && typeof value === 'object') return Object.values(value).some(referencesToken);
  return false;
}

/** The plan of the AutomationIdentity that rendered `node`, if any (not merely one it sits under). */
export function owningPlan(node: IConstruct): IdentityPlan | undefined {
  return AutomationIdentity.renderedBy(node)?.plan;
}

function tokenKind(type: string, body: Record<string, unknown>): IdentityKind {
  if (type === 'gitlab_deploy_token' && body.group !== undefined) return IdentityKind.GROUP_DEPLOY_TOKEN;
  return TOKEN_KINDS[type];
}

function describeToken(resource: TerraformResource, plan: IdentityPlan | undefined): Credential {
  const type = resource.terraformResourceType;
  const body = resourceBody(resource);
  const rotation = body.rotation_configuration as Record<string, unknown> | undefined;
  const lifecycle = body.lifecycle as Record<string, unknown> | undefined;
  const replaceTriggers = lifecycle?.replace_triggered_by;
  const scheduled = Array.isArray(replaceTriggers) && replaceTriggers.length > 0;
  return {
    subject: 'token',
    path: resource.node.path,
    resourceType: type,
    kind: tokenKind(type, body),
    plan,
    name: checked(body.name, isString),
    scopes: type === 'gitlab_pipeline_trigger' ? undefined : checked(body.scopes ?? [], isStringList),
    literalScopes: Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => isString(s) && !isExpression(s)) : undefined,
    accessLevel: checked(body.access_level, isString),
    expiresAt: checked(body.expires_at, isString),
    rotation: rotation === undefined ? undefined : {
      expirationDays: checked(rotation.expiration_days, isNumber),
      rotateBeforeDays: checked(rotation.rotate_before_days, isNumber),
    },
    replacedOnSchedule: scheduled,
    // Deploy and trigger tokens of an identity: lifetime and rotation come from its plan.
    ...(plan && scheduled ? { plannedLifetimeDays: plan.lifetimeDays, plannedRotateBeforeDays: plan.rotateBeforeDays } : {}),
    userIsServiceAccount: typeof body.user_id === 'string' && SERVICE_ACCOUNT_REFERENCE.test(body.user_id),
    target: targetOf(body),
  };
}

function targetOf(body: Record<string, unknown>): { type: 'project' | 'group' | 'user'; value: string } | undefined {
  if (body.project !== undefined) return { type: 'project', value: String(body.project) };
  if (body.group !== undefined) return { type: 'group', value: String(body.group) };
  if (body.user_id !== undefined) return { type: 'user', value: String(body.user_id) };
  return undefined;
}

const SERVICE_ACCOUNT_TYPES = new Set(['gitlab_group_service_account', 'gitlab_instance_service_account']);
/** Token types the provider rotates itself through `rotation_configuration`. */
const PROVIDER_ROTATED_TYPES = new Set([
  'gitlab_project_access_token', 'gitlab_group_access_token', 'gitlab_personal_access_token', 'gitlab_group_service_account_access_token',
]);

/**
 * The stack's GitLab provider requirement, from the Terraform JSON it writes (stack overrides included), and
 * the tokens in it that the provider rotates. Resolving a whole stack is not free: it is done once per stack,
 * and only for stacks with such a token.
 */
function describeProviderRequirement(stack: TerraformStack): Credential | undefined {
  const hasRotatedToken = stack.node.findAll().some((c) => TerraformResource.isTerraformResource(c) && PROVIDER_ROTATED_TYPES.has((c as TerraformResource).terraformResourceType));
  if (!hasRotatedToken) return undefined;
  const tf = stack.toTerraform() as { terraform?: { required_providers?: Record<string, { version?: unknown }> }; resource?: Record<string, Record<string, Record<string, unknown>>> };
  const rotatingTokens = Object.entries(tf.resource ?? {})
    .filter(([type]) => PROVIDER_ROTATED_TYPES.has(type))
    .flatMap(([type, items]) => Object.entries(items).filter(([, body]) => body.rotation_configuration !== undefined).map(([name]) => `${type}.${name}`))
    .sort();
  const version = tf.terraform?.required_providers?.gitlab?.version;
  return {
    subject: 'provider-requirement',
    path: stack.node.path,
    ...(version !== undefined ? { constraint: checked(version, isString) ?? unresolved(JSON.stringify(version)) } : {}),
    rotatingTokens,
  };
}

/** The credential `node` stands for, or undefined. */
export function describeCredential(node: IConstruct): Credential | undefined {
  if (TerraformStack.isStack(node)) return describeProviderRequirement(node);
  if (node instanceof TerraformOutput) {
    const body = outputBody(node);
    const held = heldTokens(node, body.value);
    return { subject: 'output', path: node.node.path, holdsToken: held.length > 0, tokenAddresses: held, sensitive: body.sensitive === true };
  }
  if (!TerraformResource.isTerraformResource(node)) return undefined;
  const resource = node as TerraformResource;
  const type = resource.terraformResourceType;
  if (TOKEN_KINDS[type] !== undefined) return describeToken(resource, owningPlan(resource));
  if (VARIABLE_TYPES.has(type)) {
    const body = resourceBody(resource);
    const held = heldTokens(resource, body.value);
    const plan = owningPlan(resource);
    return {
      subject: 'variable',
      path: resource.node.path,
      resourceType: type,
      ...(plan ? { plan } : {}),
      key: checked(body.key, isString),
      holdsToken: held.length > 0,
      tokenAddresses: held,
      ...(body.project !== undefined ? { owner: String(body.project) } : body.group !== undefined ? { owner: String(body.group) } : {}),
      environmentScope: typeof body.environment_scope === 'string' ? body.environment_scope : '*',
      masked: checked(body.masked, isBoolean),
      hidden: type === 'gitlab_instance_variable' ? null : checked(body.hidden, isBoolean),
      protected: checked(body.protected, isBoolean),
    };
  }
  if (SERVICE_ACCOUNT_TYPES.has(type)) {
    const plan = owningPlan(resource);
    const body = resourceBody(resource);
    const email = checked(body.email, isString);
    return { subject: 'service-account', path: resource.node.path, resourceType: type, ...(plan ? { plan } : {}), ...(email ? { email } : {}) };
  }
  if (MEMBERSHIP_TYPES.has(type)) {
    const plan = owningPlan(resource);
    const body = resourceBody(resource);
    // A person's membership is not an automation credential; a service account's is, whoever declared it.
    const ofServiceAccount = typeof body.user_id === 'string' && SERVICE_ACCOUNT_REFERENCE.test(body.user_id);
    if (plan === undefined && !ofServiceAccount) return undefined;
    return { subject: 'membership', path: resource.node.path, resourceType: type, ...(plan ? { plan } : {}), accessLevel: checked(body.access_level, isString) };
  }
  return undefined;
}
