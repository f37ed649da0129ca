/** Shared set-up for construct tests: a stack with only the user's GitLab provider, and JSON helpers. */
import 'cdktf/lib/testing/adapters/jest';
import { App, DefaultTokenResolver, StringConcat, TerraformStack, Testing, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { AutomationIdentityProps, Reach, Runtime } from '../../lib';

Testing.setupJest();

/**
 * A stack that declares only its own GitLab provider, as a user's stack would, with the provider constraint
 * raised past the releases whose token rotation is broken (as the README says to): GLID-020 has tests of its
 * own, and would otherwise be a warning in every test of a rotating token. `rotationSafe: false` keeps the
 * bindings' pin (18.6.1).
 */
export function userStack(app: App = Testing.app(), id = 'team', { rotationSafe = true } = {}): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GitlabProvider(stack, 'gitlab', {});
  if (rotationSafe) stack.addOverride('terraform.required_providers.gitlab.version', '>= 18.8.1');
  return stack;
}

/** Synthesizes with cdktf's validations on (provider presence and ours), as `cdktf synth` does. */
export function synth(stack: TerraformStack): string {
  return Testing.synth(stack, true);
}

/**
 * Synthesizes the whole app of `stack`, as `cdktf synth` does: the policy checks run from an App validation
 * over the JSON written, so `Testing.synth` (one stack, no App validation) does not run them.
 */
export function synthApp(stack: TerraformStack): void {
  (stack.node.root as App).synth();
}

type Json = Record<string, Record<string, Record<string, unknown>>>;

/** The resources of one type, as a list of their synthesized bodies (metadata removed by Testing.synth). */
export function resources(synthesized: string, type: string): Record<string, unknown>[] {
  const json = JSON.parse(synthesized) as { resource?: Json };
  return Object.values(json.resource?.[type] ?? {});
}

export function dataSources(synthesized: string, type: string): Record<string, unknown>[] {
  const json = JSON.parse(synthesized) as { data?: Json };
  return Object.values(json.data?.[type] ?? {});
}

/** The Terraform address of the single resource of `type` (for reference assertions). */
export function address(synthesized: string, type: string, section: 'resource' | 'data' = 'resource'): string {
  const json = JSON.parse(synthesized) as Record<string, Json>;
  const names = Object.keys(json[section]?.[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `${section === 'data' ? 'data.' : ''}${type}.${names[0]}`;
}

export const request = (overrides: Partial<AutomationIdentityProps> = {}): AutomationIdentityProps => ({
  owner: 'team',
  purpose: 'bot',
  runtime: Runtime.external(),
  reach: Reach.project('group/project'),
  capabilities: [],
  ...overrides,
});

/** Resolves a token (such as `identity.token`) to the string Terraform will see. */
export function resolveToken(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}
