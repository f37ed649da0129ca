import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { IdentityPolicyChecks, INVENTORY_JSON_FILE } from './lib';

export function mkStack(checks?: any, id = 'team', app?: App) {
  app = app ?? new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'r14-')) });
  const stack = new TerraformStack(app, id);
  new GitlabProvider(stack, 'gitlab', {});
  stack.addOverride('terraform.required_providers.gitlab.version', '>= 18.8.1');
  if (checks !== null) Aspects.of(stack).add(new IdentityPolicyChecks(checks));
  return stack;
}
export function synth(stack: TerraformStack): string | undefined {
  try { (stack.node.root as App).synth(); return undefined; } catch (e) { return (e as Error).message; }
}
export function findings(scope: IConstruct) {
  return scope.node.findAll().flatMap((c) => [...IdentityPolicyChecks.findingsOf(c)]).map((f) => `${f.ruleId}/${f.level}${f.suppressedBy ? '(suppressed)' : ''} @${f.path}: ${f.message}`);
}
export function out(stack: TerraformStack, file = 'cdk.tf.json') {
  const outdir = (stack.node.root as App).outdir;
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, file), 'utf8'));
}
export function outdir(stack: TerraformStack) { return path.join((stack.node.root as App).outdir, 'stacks', stack.node.id); }
export { INVENTORY_JSON_FILE };
