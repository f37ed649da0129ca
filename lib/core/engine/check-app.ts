/**
 * The policy engine: every stack's Terraform JSON in, findings out. Pure and framework-free: the construct
 * layer hands it what `cdktf synth` wrote, the CLI hands it `cdk.tf.json` files, and both get the same
 * findings. Plans of AutomationIdentity are given by the caller (the construct layer passes the live plans;
 * tools may read the copy the JSON carries, which only labels entries and never relaxes a rule).
 */
import { Finding, FindingLevel } from '../findings';
import { checkCredential } from '../rules/check-credential';
import { ResolvedPolicy } from '../policy';
import { Described } from '../rules/credential';
import { POLICY_RULES } from '../rules';
import { PolicyRule, RuleContext } from '../rules/policy-rule';
import { IdentityBinding, describeBlock, describeOutput } from './describe-stack';
import { secretSinks } from './secret-flow';
import { AppModel, ModuleCall, StackModel } from './stack-model';
import { Suppression, SuppressionProblem, readSuppressions, suppressionFor } from './suppressions';
import { TerraformConfig, libraryComment, pushTo } from './terraform-config';
import { describeProviderRequirement } from './provider-requirement';

export interface StackInput {
  /** The stack's name: its folder under `cdktf.out/stacks`. */
  readonly name: string;
  /**
   * The configuration, or a function that reads it (say from `cdk.tf.json`): then it is read when the
   * stack's turn comes and let go after, so the engine holds one stack's configuration at a time.
   */
  readonly config: TerraformConfig | (() => TerraformConfig);
  /** The policies the stack is checked against (an organisation's and a team's): every one applies. */
  readonly policies: readonly ResolvedPolicy[];
  /**
   * Which findings are reported, by path (default: all). A suppression that silences none of them matches
   * nothing anyone sees, and is reported as unmatched. The construct layer reports only what its checks cover.
   */
  readonly reported?: (path: string) => boolean;
  /** The identities rendered in the stack, with their plans. */
  readonly identities?: readonly IdentityBinding[];
  /**
   * For the instance of a local module (plain Terraform): the stack whose `module` block calls it. Its
   * variables are then the call's arguments, evaluated in the caller, and the caller's `module.<call>.<output>`
   * is computed in the instance, so values and secrets cross the module boundary both ways.
   */
  readonly module?: ModuleCall;
}

export interface EngineFinding extends Finding {
  readonly stack: string;
  /** Construct path (or address, for plain Terraform) the finding is about. */
  readonly path: string;
  readonly address?: string;
  readonly suppressedBy?: Suppression;
  /** The message already says how to fix it (an identity's plan, a suppression that matched nothing). */
  readonly fixIncluded?: boolean;
  /** About the checks' own input (a suppression): reported whether or not checks cover the stack. */
  readonly always?: boolean;
}

export interface StackReport {
  readonly stack: string;
  /** Every credential, grant, output and sink the engine described, in file order. */
  readonly credentials: readonly Described[];
  /** Findings in canonical order; suppressed ones carry their suppression. */
  readonly findings: readonly EngineFinding[];
  readonly suppressions: readonly Suppression[];
  readonly identities: readonly IdentityBinding[];
}

/** Everything the engine describes in one stack, each credential bound to the identity that rendered it. */
function describeStack(stack: StackModel, identities: readonly IdentityBinding[]): Described[] {
  // A module called with count = 0 or for_each = {}: no instance is created.
  if (stack.createsNoInstance()) return [];
  const byAddress = new Map<string, IdentityBinding>();
  for (const binding of identities) for (const a of binding.addresses) byAddress.set(a, binding);
  const described: Described[] = [];
  for (const declared of stack.resources) {
    for (const block of stack.instancesOf(declared)) {
      const credential = describeBlock(stack, block, byAddress.get(declared.address));
      if (credential) described.push(credential);
    }
  }
  for (const [name, raw] of stack.outputs) described.push(describeOutput(stack, name, raw));
  described.push(...secretSinks(stack));
  const requirement = describeProviderRequirement(stack);
  if (requirement) described.push(requirement);
  return described;
}

/** Names of the instances of each expanded block (count/for_each), by the block's address. */
type InstanceNames = ReadonlyMap<string, readonly string[]>;

function instanceNames(credentials: readonly Described[]): InstanceNames {
  const names = new Map<string, string[]>();
  for (const c of credentials) if (c.subject === 'token' && c.instanceOf && c.name?.known) pushTo(names, c.instanceOf, c.name.value);
  return names;
}

/**
 * How many copies share the credential's name: a block with count/for_each makes them all. An expanded
 * instance counts its siblings whose names are the same (`quality-${each.key}` makes none).
 */
function sameNameCopies(c: Described, siblings: InstanceNames, name: string): number {
  if ('instanceOf' in c && c.instanceOf) return (siblings.get(c.instanceOf) ?? []).filter((n) => n === name).length;
  return 'copies' in c && c.copies?.known ? c.copies.value : 1;
}

function contextFor(c: Described, policy: ResolvedPolicy, earlier: ReadonlyMap<string, readonly string[]>, siblings: InstanceNames, here: ReadonlySet<string>, at: string): RuleContext {
  return {
    policy,
    // The first use of a name is not the reuse: later ones are reported, naming the earlier (stacks in app order).
    otherUsesOfName: (name) => {
      const copies = sameNameCopies(c, siblings, name);
      return [
        // Instances of one block share its path: their shared name is counted as its copies below. Only this
        // stack's: another stack (another root, another call of a module) may hold a block at the same path.
        ...(earlier.get(name) ?? []).filter((p) => !(p === at && here.has(p))),
        ...(copies > 1 ? [`its own ${copies - 1} other cop${copies === 2 ? 'y' : 'ies'} (count/for_each)`] : []),
      ];
    },
  };
}

type RawFinding = { f: Finding; path: string; address?: string; holders: string[]; fixIncluded?: boolean };

/**
 * Runs every rule over every credential of one stack; token names are recorded as they are met, by where the
 * block is in the app (`label`: a module instance's blocks under their module address).
 */
function runRules(credentials: readonly Described[], input: StackInput, rules: readonly PolicyRule[], names: Map<string, string[]>, label: (path: string) => string): RawFinding[] {
  const raw: RawFinding[] = [];
  const siblings = instanceNames(credentials);
  /** Paths this stack recorded a token name for. */
  const here = new Set<string>();
  for (const c of credentials) {
    // count = 0, for_each = {}: Terraform creates nothing, so there is nothing to judge (the inventory lists it).
    if ('copies' in c && c.copies?.known && c.copies.value === 0) continue;
    const holders = 'identity' in c && c.identity ? [c.path, c.identity.path] : [c.path];
    const address = 'address' in c ? c.address : undefined;
    for (const policy of input.policies) {
      for (const f of checkCredential(c, contextFor(c, policy, names, siblings, here, label(c.path)), rules)) raw.push({ f, path: c.path, address, holders });
    }
    if (c.subject === 'token' && c.name?.known) {
      pushTo(names, c.name.value, label(c.path));
      here.add(label(c.path));
    }
  }
  // What the planner found about each identity (GLID-007, 010, 011, 017, 019), reported on the identity.
  for (const binding of input.identities ?? []) {
    for (const f of binding.plan.findings) raw.push({ f, path: binding.path, holders: [binding.path], fixIncluded: true });
  }
  return raw;
}

/**
 * Checks every stack of an app, in order. Stacks are checked together: token names are unique app-wide
 * (a later use is the reuse), and secrets cross stacks through cdktf's cross-stack references.
 */
export function checkApp(inputs: readonly StackInput[], rules: readonly PolicyRule[] = POLICY_RULES): StackReport[] {
  return [...stackReports(inputs, rules)];
}

/**
 * The same reports one stack at a time, for callers that use each and let it go (an app of 10,000
 * identities keeps tens of megabytes of descriptions otherwise). The engine keeps only what later stacks
 * need: token names met so far, and the stacks whose outputs others read.
 */
export function* stackReports(inputs: readonly StackInput[], rules: readonly PolicyRule[] = POLICY_RULES): Generator<StackReport, void, undefined> {
  const app = new AppModel(inputs.map((i) => ({ name: i.name, load: typeof i.config === 'function' ? i.config : () => i.config as TerraformConfig, ...(i.module ? { module: i.module } : {}) })));
  const names = new Map<string, string[]>();
  const knownIds = new Set(rules.map((r) => r.id));
  // Each report is made by a function, so that while the caller uses it the generator's frame holds no
  // stack model (a megabyte configuration and its caches), only what comes next.
  for (const input of inputs) yield reportOf(app, input, rules, names, knownIds);
}

function reportOf(app: AppModel, input: StackInput, rules: readonly PolicyRule[], names: Map<string, string[]>, knownIds: ReadonlySet<string>): StackReport {
  const { credentials, suppressions, problems } = describeAndRelease(app, input, knownIds);
  const prefix = app.moduleAddress(input.name);
  const findings = dedupe(runRules(credentials, input, rules, names, (path) => `${prefix}${path}`).map(({ f, path, address, holders, fixIncluded }) => {
    const suppressedBy = f.level === 'info' ? undefined : suppressionFor(suppressions, f.ruleId, path, holders, input.name);
    return { ...f, stack: input.name, path, ...(address ? { address } : {}), ...(suppressedBy ? { suppressedBy } : {}), ...(fixIncluded ? { fixIncluded } : {}) };
  }));
  const reported = input.reported ?? (() => true);
  const unmatched = suppressions.filter((s) => !findings.some((f) => f.suppressedBy === s && reported(f.path)));
  return {
    stack: input.name,
    credentials,
    findings: [...sortEngineFindings(findings), ...problemFindings(input.name, problems), ...unmatched.map((s) => unmatchedFinding(input.name, s))],
    suppressions,
    identities: input.identities ?? [],
  };
}

/** The stack's descriptions and suppressions; its model is let go before the rules run. */
function describeAndRelease(app: AppModel, input: StackInput, knownIds: ReadonlySet<string>) {
  const model = app.model(input.name);
  const credentials = describeStack(model, input.identities ?? []);
  const { suppressions, problems } = readSuppressions(libraryComment(model.config), model.commentedBlocks(), knownIds);
  app.release(input.name);
  return { credentials, suppressions, problems };
}

/** A suppression that silences nothing hides the next finding of its rule there without review. */
export function unmatchedFinding(stack: string, s: Suppression): EngineFinding {
  return {
    ruleId: s.id, level: 'warning', stack, path: s.scope, fixIncluded: true, always: true,
    message: `suppression matched no finding (reason: ${s.reason}). Remove it, or add IdentityPolicyChecks to the app.`,
  };
}

function problemFindings(stack: string, problems: readonly SuppressionProblem[]): EngineFinding[] {
  return problems.map((p) => ({ ruleId: 'GLID-000', level: 'warning' as FindingLevel, message: p.message, stack, path: p.scope }));
}

function dedupe(findings: EngineFinding[]): EngineFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical order: level, rule, path, message (code-unit order, whatever the locale). */
export function sortEngineFindings<T extends EngineFinding>(findings: readonly T[]): T[] {
  const rank: Record<FindingLevel, number> = { error: 0, warning: 1, info: 2 };
  return [...findings].sort((a, b) => rank[a.level] - rank[b.level] || byText(a.ruleId, b.ruleId) || byText(a.path, b.path) || byText(a.message, b.message));
}

