/**
 * The checks run once per synth, after every stack was synthesized: an App validation, cdktf's public hook
 * that runs after all aspects and after every `cdk.tf.json` is written (cdktf App.synth: stacks synthesize,
 * then `app.node.validate()`). The engine in lib/core reads the JSON that was written, so an override or an
 * aspect cannot change what is applied without the checks seeing it. Findings are recorded on their
 * constructs, warnings reach the manifest (the cdktf CLI prints them), errors fail synth all at once, and
 * every stack gets its inventory, checked or not.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Annotations, App, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  DEFAULT_POLICY,
  EngineFinding,
  INVENTORY_JSON_FILE,
  INVENTORY_MARKDOWN_FILE,
  IdentityBinding,
  ResolvedPolicy,
  StackInput,
  TerraformConfig,
  checkApp,
  inventoriesFromReports,
  inventoryToJson,
  inventoryToMarkdown,
  policyRule,
  resolvePolicy,
  stackNameProblem,
} from '../../core';
import { isBrandedChecks, isBrandedIdentity } from '../brands';
import { recordFinding } from './recorded';

const REGISTERED = 'gitlab-identity/checks-registered';

/** Registers the checks on the app of `scope`, once, whichever copy of the library asks first. */
export function ensureAppChecks(scope: IConstruct): void {
  const app = scope.node.root;
  if (!App.isApp(app) || app.node.metadata.some((m) => m.type === REGISTERED)) return;
  app.node.addMetadata(REGISTERED, true);
  app.node.addValidation({ validate: () => runChecks(app) });
}

/** The policies of the IdentityPolicyChecks on the stack and its ancestors: all of them apply. */
function policiesOf(stack: TerraformStack): ResolvedPolicy[] {
  const found: ResolvedPolicy[] = [];
  for (let s: IConstruct | undefined = stack; s; s = s.node.scope) {
    for (const aspect of Aspects.of(s).all) if (isBrandedChecks(aspect) && !found.includes(aspect.policy)) found.push(aspect.policy);
  }
  return found;
}

function bindingsOf(stack: TerraformStack): IdentityBinding[] {
  return stack.node.findAll().filter(isBrandedIdentity).filter((i) => TerraformStack.of(i) === stack).map((i) => ({
    path: i.node.path,
    plan: i.plan,
    addresses: i.renderedResources
      .filter((r): r is TerraformResource => TerraformResource.isTerraformResource(r))
      .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`),
  }));
}

/** The configuration cdktf wrote for the stack; computed again only when it wrote HCL instead of JSON. */
function writtenConfig(app: App, stack: TerraformStack): TerraformConfig {
  const file = path.join(app.outdir, app.manifest.forStack(stack).synthesizedStackPath);
  if (file.endsWith('.json') && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformConfig;
  return stack.toTerraform() as TerraformConfig;
}

function annotate(construct: IConstruct, f: EngineFinding, app: App, stack: TerraformStack): void {
  const fix = f.level !== 'info' ? policyRule(f.ruleId)?.fix : undefined;
  const text = `${f.ruleId}: ${f.message}${fix ? ` Fix: ${fix}` : ''}`;
  const level = f.level === 'error' ? 'addError' : f.level === 'warning' ? 'addWarning' : 'addInfo';
  Annotations.of(construct)[level](text);
  // The stack's manifest entry was filled before this validation ran; the cdktf CLI prints what is in it.
  const manifest = app.manifest.forStack(stack).annotations as { constructPath: string; level: string; message: string }[];
  const type = construct.node.metadata[construct.node.metadata.length - 1]?.type;
  if (f.level !== 'error' && type) manifest.push({ constructPath: construct.node.path, level: type, message: text });
}

function writeInventory(app: App, stack: TerraformStack, inventory: ReturnType<typeof inventoriesFromReports>[number]): void {
  const dir = path.join(app.outdir, app.manifest.forStack(stack).workingDirectory);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, INVENTORY_JSON_FILE), inventoryToJson(inventory));
  fs.writeFileSync(path.join(dir, INVENTORY_MARKDOWN_FILE), inventoryToMarkdown([inventory]));
}

/** The App validation: checks every stack, records and reports findings, writes inventories. */
export function runChecks(app: App): string[] {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  const nameProblems = stacks.map((s) => stackNameProblem(s.node.id, stacks.filter((o) => o.node.id === s.node.id).length))
    .filter((p): p is string => p !== undefined);
  if (nameProblems.length > 0) return [...new Set(nameProblems)];

  const checked = new Map(stacks.map((s) => [s, policiesOf(s)]));
  const inputs: StackInput[] = stacks.map((stack) => ({
    name: stack.node.id,
    config: writtenConfig(app, stack),
    policies: (checked.get(stack) ?? []).length > 0 ? checked.get(stack) as ResolvedPolicy[] : [resolvePolicy(DEFAULT_POLICY)],
    identities: bindingsOf(stack),
  }));
  const reports = checkApp(inputs);
  const inventories = inventoriesFromReports(reports);
  const byPath = new Map(app.node.findAll().map((c) => [c.node.path, c]));
  const errors: string[] = [];
  reports.forEach((report, i) => {
    const stack = stacks[i];
    writeInventory(app, stack, inventories[i]);
    const isChecked = (checked.get(stack) ?? []).length > 0;
    const identityPaths = new Set(inputs[i].identities?.map((b) => b.path));
    for (const f of report.findings) {
      const construct = byPath.get(f.path) ?? byPath.get(`${stack.node.path}/${f.path}`) ?? stack;
      const fresh = recordFinding(construct, { ruleId: f.ruleId, level: f.level, message: f.message, path: construct.node.path, ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}) });
      // Without IdentityPolicyChecks, only what identities planned is enforced (an over-privileged plan always fails).
      if (!isChecked && !identityPaths.has(f.path)) continue;
      if (f.suppressedBy) continue;
      if (fresh) annotate(construct, f, app, stack);
      if (f.level === 'error') errors.push(`[${construct.node.path}] ${f.ruleId}: ${f.message}${policyRule(f.ruleId) ? ` Fix: ${policyRule(f.ruleId)?.fix}` : ''}`);
    }
  });
  if (errors.length === 0) return [];
  const stacksWithErrors = new Set(errors.map((e) => e.slice(1).split('/')[0]));
  return [
    `${errors.length} GitLab identity policy error${errors.length === 1 ? '' : 's'} in ${stacksWithErrors.size} stack${stacksWithErrors.size === 1 ? '' : 's'}. ` +
      'Fix them, or suppress a finding with IdentitySuppressions.add and a reason:',
    ...errors,
  ];
}
