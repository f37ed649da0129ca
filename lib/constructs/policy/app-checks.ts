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
import { AnnotationMetadataEntryType, App, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  DEFAULT_POLICY,
  EngineFinding,
  FREE_SERVICE_ACCOUNT_CAP,
  FREE_SERVICE_ACCOUNT_WARNING,
  INVENTORY_JSON_FILE,
  INVENTORY_MARKDOWN_FILE,
  IdentityBinding,
  ResolvedPolicy,
  StackInput,
  StackInventory,
  StackReport,
  TerraformConfig,
  DeliveryIndex,
  addDeliveries,
  stackReports,
  stackInventoryOf,
  writeInventoryJson,
  writeInventoryMarkdown,
  policyRule,
  resolvePolicy,
  stackNameProblem,
} from '../../core';
import { BrandedChecks, isBrandedChecks, isBrandedIdentity, renderedAddresses } from '../brands';
import { recordFinding } from './recorded';
import { writeText } from './write-text';

const REGISTERED = 'gitlab-identity/checks-registered';

/** Registers the checks on the app of `scope`, once, whichever copy of the library asks first. */
export function ensureAppChecks(scope: IConstruct): void {
  const app = scope.node.root;
  if (!App.isApp(app) || app.node.metadata.some((m) => m.type === REGISTERED)) return;
  app.node.addMetadata(REGISTERED, true);
  app.node.addValidation({ validate: () => runChecks(app) });
}

/**
 * Where IdentityPolicyChecks apply in a stack: on the stack or an ancestor (the whole stack), or on a construct
 * inside it (that subtree). Every policy found applies, so a team's checks cannot relax an organisation's.
 */
interface Checked {
  readonly policies: ResolvedPolicy[];
  /** Construct paths whose subtree is checked; the stack's own path when the whole stack is. */
  readonly scopes: string[];
}

/** What one walk of the app finds for each stack: where checks apply, and the identities it holds. */
interface StackParts {
  readonly checked: Checked;
  readonly identities: IdentityBinding[];
}

const checksAt = (scope: IConstruct) => Aspects.of(scope).all.filter((a): a is BrandedChecks & IAspect => isBrandedChecks(a));

/** Adds the checks on `at` (if any) as applying to `scope`: its path is computed only then. */
function addChecks(checked: Checked, at: IConstruct, scope: IConstruct): void {
  const found = checksAt(at);
  if (found.length === 0) return;
  for (const aspect of found) if (!checked.policies.includes(aspect.policy)) checked.policies.push(aspect.policy);
  checked.scopes.push(scope.node.path);
}

/** The stack's own constructs in preorder (a stack nested in it is its own). */
function ownConstructs(stack: TerraformStack): IConstruct[] {
  const found: IConstruct[] = [];
  const todo: IConstruct[] = [stack];
  while (todo.length > 0) {
    const c = todo.pop() as IConstruct;
    found.push(c);
    const children = c.node.children;
    for (let i = children.length - 1; i >= 0; i--) if (!TerraformStack.isStack(children[i])) todo.push(children[i]);
  }
  return found;
}

/**
 * Where checks apply and which identities each stack holds: one walk over each stack's own constructs (an
 * app of 10,000 identities has some 100,000), keeping nothing per construct.
 */
function partsOf(stacks: readonly TerraformStack[]): Map<TerraformStack, StackParts> {
  const parts = new Map<TerraformStack, StackParts>();
  for (const stack of stacks) {
    const own: StackParts = { checked: { policies: [], scopes: [] }, identities: [] };
    for (let s = stack.node.scope; s; s = s.node.scope) addChecks(own.checked, s, stack);
    for (const c of ownConstructs(stack)) {
      addChecks(own.checked, c, c);
      if (isBrandedIdentity(c)) own.identities.push({ path: c.node.path, plan: c.plan, addresses: renderedAddresses(c) });
    }
    parts.set(stack, own);
  }
  return parts;
}

/** The construct at `path` (as node.path writes it), or undefined. */
function constructAt(root: IConstruct, path: string): IConstruct | undefined {
  let c: IConstruct | undefined = root;
  for (const id of path.split('/')) c = c?.node.tryFindChild(id);
  return c;
}

const covers = (scopes: readonly string[], path: string) => scopes.some((s) => path === s || path.startsWith(`${s}/`));

/**
 * The configuration cdktf wrote for the stack; computed again only when it wrote HCL instead of JSON.
 * Decoded as UTF-8, which gives V8 an ordinary string that dies young once parsed. Not as Latin-1, though the
 * file is nearly always ASCII: Node makes a text over 1 MB in Latin-1 an external string, which V8 places in
 * the old generation, so each stack's text (1.3 MB at 500 identities) stayed in memory until the next full
 * collection: 12-16 MB held outside the heap during the checks at 10,000 identities, and a peak RSS 13 MB
 * higher (medians of 5 interleaved runs), for no time saved (decoding 25 MB took 20-48 ms either way on the
 * benchmark's machine, Node 20).
 */
function writtenConfig(app: App, stack: TerraformStack): TerraformConfig {
  const file = path.join(app.outdir, app.manifest.forStack(stack).synthesizedStackPath);
  if (file.endsWith('.json') && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformConfig;
  return stack.toTerraform() as TerraformConfig;
}

function withFix(f: EngineFinding): string {
  const fix = f.level !== 'info' && !f.fixIncluded ? policyRule(f.ruleId)?.fix : undefined;
  return `${f.ruleId}: ${f.message}${fix ? ` Fix: ${fix}` : ''}`;
}

/**
 * Warnings and notes become annotations. Errors do not: an error annotation left on a construct would make
 * cdktf abort the next synth of the app before the checks run again; errors fail synth from this validation.
 */
function annotate(construct: IConstruct, f: EngineFinding, app: App, stack: TerraformStack): void {
  if (f.level === 'error') return;
  const text = withFix(f);
  const level = f.level === 'warning' ? AnnotationMetadataEntryType.WARN : AnnotationMetadataEntryType.INFO;
  // What Annotations.addWarning/addInfo record, without the stack trace they would take here: it would show
  // this validation's own frames, not where the user declared anything (and cost 2 KB per finding).
  construct.node.addMetadata(level, text, { stackTrace: false });
  // The stack's manifest entry was filled before this validation ran; the cdktf CLI prints what is in it.
  const manifest = app.manifest.forStack(stack).annotations as { constructPath: string; level: string; message: string }[];
  manifest.push({ constructPath: construct.node.path, level, message: text });
}

/**
 * A stack with an error is not left on disk: plain cdktf writes no stack whose validation fails, and a
 * cdk.tf.json with the escalated role, or an inventory of it, must not be applied or reviewed as if it passed.
 */
function removeWritten(app: App, stack: TerraformStack): void {
  const entry = app.manifest.forStack(stack);
  const dir = path.join(app.outdir, entry.workingDirectory);
  for (const file of [path.join(app.outdir, entry.synthesizedStackPath), path.join(dir, INVENTORY_JSON_FILE), path.join(dir, INVENTORY_MARKDOWN_FILE)]) {
    fs.rmSync(file, { force: true });
  }
}

function writeInventory(app: App, stack: TerraformStack, inventory: StackInventory): void {
  const dir = path.join(app.outdir, app.manifest.forStack(stack).workingDirectory);
  fs.mkdirSync(dir, { recursive: true });
  writeText(path.join(dir, INVENTORY_JSON_FILE), (out) => writeInventoryJson(inventory, out));
  writeText(path.join(dir, INVENTORY_MARKDOWN_FILE), (out) => writeInventoryMarkdown([inventory], out));
}

/**
 * GitLab's cap of service accounts on Free (100 per top-level group on GitLab.com, per instance on
 * self-managed), counted over the app's identities: beyond it an error, from 80 on a warning on the identity
 * that reaches 80 (its apply would be among the last GitLab accepts).
 */
function serviceAccountCaps(app: App, identities: readonly IdentityBinding[]): { errors: string[]; paths: string[] } {
  const byScope = new Map<string, IdentityBinding[]>();
  for (const b of identities) {
    const scope = b.plan.freeServiceAccountScope;
    if (scope === undefined) continue;
    const list = byScope.get(scope);
    if (list) list.push(b);
    else byScope.set(scope, [b]);
  }
  const errors: string[] = [];
  const paths: string[] = [];
  for (const [scope, planned] of byScope) {
    if (planned.length > FREE_SERVICE_ACCOUNT_CAP) {
      paths.push(...planned.map((b) => b.path));
      errors.push(`${planned.length} service accounts are planned for ${scope}, and GitLab Free allows ${FREE_SERVICE_ACCOUNT_CAP}: ` +
        'move some automations to job tokens or deploy tokens, share an identity only where one automation does both jobs, or use Premium.');
    } else if (planned.length >= FREE_SERVICE_ACCOUNT_WARNING) {
      const at = constructAt(app, planned[FREE_SERVICE_ACCOUNT_WARNING - 1].path);
      if (!at) continue;
      const text = `${planned.length} service accounts are planned for ${scope}; GitLab Free allows ${FREE_SERVICE_ACCOUNT_CAP}.`;
      at.node.addMetadata(AnnotationMetadataEntryType.WARN, text, { stackTrace: false });
      // The stack's manifest entry was filled before this validation ran; the cdktf CLI prints what is in it.
      const annotations = app.manifest.forStack(TerraformStack.of(at)).annotations as { constructPath: string; level: string; message: string }[];
      annotations.push({ constructPath: at.node.path, level: AnnotationMetadataEntryType.WARN, message: text });
    }
  }
  return { errors, paths };
}

/**
 * One full collection before the checks, when Node runs with `--expose-gc` (say `NODE_OPTIONS=--expose-gc
 * cdktf synth`); without the flag, nothing. Synth leaves its garbage in the old generation (some 120 MB at
 * 10,000 identities), and what the checks allocate on top raises peak RSS until V8's next full collection:
 * 442-449 MB against 365 MB with this collection, for the benchmark's app (README, "Performance"). A library
 * does not set V8's flags itself (changing them after start-up "may result in unpredictable behavior", in
 * Node's v8.setFlagsFromString documentation), so this is the user's choice. What is checked and written does
 * not depend on it, and a `gc` that fails (someone else's global) does not fail synth.
 */
function collectBeforeChecks(): void {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') return;
  try {
    gc();
  } catch {
    // Only memory was at stake.
  }
}

/** The App validation: checks every stack, records and reports findings, writes inventories. */
export function runChecks(app: App): string[] {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  const nameProblems = stacks.map((s) => stackNameProblem(s.node.id, stacks.filter((o) => o.node.id === s.node.id).length))
    .filter((p): p is string => p !== undefined);
  if (nameProblems.length > 0) return [...new Set(nameProblems)];

  const parts = partsOf(stacks);
  const caps = serviceAccountCaps(app, [...parts.values()].flatMap((p) => p.identities));
  const inputs: StackInput[] = stacks.map((stack) => {
    const { checked: { policies, scopes }, identities } = parts.get(stack) as StackParts;
    const identityPaths = new Set(identities.map((b) => b.path));
    return {
      name: stack.node.id,
      config: () => writtenConfig(app, stack),
      policies: policies.length > 0 ? policies : [resolvePolicy(DEFAULT_POLICY)],
      identities,
      // Without IdentityPolicyChecks over it, only what identities planned is enforced (an over-privileged plan always fails).
      reported: (p) => covers(scopes, p) || covers(scopes, `${stack.node.path}/${p}`) || identityPaths.has(p),
    };
  });
  const errors: { construct: IConstruct; stack: string; text: string }[] = [];
  // Each stack's report is used and let go: its inventory is written with the deliveries known so far.
  const deliveries: DeliveryIndex = new Map();
  const written = new Set<string>();
  /** Stacks whose secrets a later stack delivers (cross-stack): their inventories are written again. */
  const late = new Set<string>();
  /**
   * Takes the next report, records its findings and returns its inventory: the report (every description of
   * the stack) is let go before the inventory is written, which allocates as much again.
   */
  const next = (reports: Iterator<StackReport>, i: number): StackInventory | undefined => {
    const { done, value: report } = reports.next();
    if (done) return undefined;
    const stack = stacks[i];
    const reported = inputs[i].reported as (path: string) => boolean;
    for (const owner of addDeliveries(deliveries, report)) if (written.has(owner)) late.add(owner);
    written.add(report.stack);
    for (const f of report.findings) {
      if (!reported(f.path) && !f.always) continue;
      const construct = constructAt(app, f.path) ?? constructAt(app, `${stack.node.path}/${f.path}`) ?? stack;
      const fresh = recordFinding(construct, { ruleId: f.ruleId, level: f.level, message: f.message, path: construct.node.path, ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}) });
      if (f.suppressedBy) continue;
      if (fresh) annotate(construct, f, app, stack);
      if (f.level === 'error') errors.push({ construct, stack: stack.node.path, text: `[${construct.node.path}] ${withFix(f)}` });
    }
    return stackInventoryOf(report, deliveries);
  };
  collectBeforeChecks();
  const reports = stackReports(inputs);
  for (let i = 0, inventory = next(reports, 0); inventory !== undefined; inventory = next(reports, ++i)) writeInventory(app, stacks[i], inventory);
  // Rare (secrets delivered into a stack checked after theirs): the engine runs again, same reports.
  if (late.size > 0) {
    let j = 0;
    for (const report of stackReports(inputs)) {
      if (late.has(report.stack)) writeInventory(app, stacks[j], stackInventoryOf(report, deliveries));
      j++;
    }
  }
  const capStacks = caps.paths.flatMap((p) => {
    const at = constructAt(app, p);
    return at ? [TerraformStack.of(at).node.path] : [];
  });
  const failed = new Set([...errors.map((e) => e.stack), ...capStacks]);
  for (const stack of stacks) if (failed.has(stack.node.path)) removeWritten(app, stack);
  if (errors.length === 0) return caps.errors;
  // Construct order, as cdktf lists annotations; within a construct, the findings' canonical order (stable sort).
  // The app is walked for it only when there are errors.
  const order = new Map(app.node.findAll().map((c, i) => [c, i]));
  errors.sort((a, b) => (order.get(a.construct) ?? 0) - (order.get(b.construct) ?? 0));
  const stacksWithErrors = new Set(errors.map((e) => e.stack));
  return [
    ...caps.errors,
    `${errors.length} GitLab identity policy error${errors.length === 1 ? '' : 's'} in ${stacksWithErrors.size} stack${stacksWithErrors.size === 1 ? '' : 's'}. ` +
      'Fix them, or suppress a finding with IdentitySuppressions.add and a reason:',
    ...errors.map((e) => e.text),
  ];
}
