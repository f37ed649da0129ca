/**
 * The stack-wide guard: `Aspects.of(app).add(new IdentityPolicyChecks({ policy }))`. Every GitLab
 * credential in the app, from AutomationIdentity or written with the provider directly, is checked by the
 * core's rules. Errors fail synth (all of them listed), warnings are annotated, suppressions are honoured.
 */
import { Annotations, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Credential, Finding, IdentityPolicy, POLICY_RULES, ResolvedPolicy, checkCredential, policyRule, resolvePolicy } from '../../core';
import { AutomationIdentity } from '../automation-identity';
import { IdentityStackSupport } from '../stack-support';
import { POLICY_CHECKS_BRAND, installAppLevelChecks } from './app-level-checks';
import { constructErrors } from '../errors';
import { markChecked } from './checked-constructs';
import { describeCredential } from './describe-credential';
import { IdentitySuppressions, RecordedSuppressionRef } from './identity-suppressions';

export interface IdentityPolicyChecksProps {
  /**
   * The organisation policy: the same options AutomationIdentity takes.
   * @default - DEFAULT_POLICY
   */
  readonly policy?: IdentityPolicy;
}

/** A finding as reported on a construct, with the suppression that silenced it, if any. */
export interface RecordedFinding extends Finding {
  readonly path: string;
  readonly suppressedBy?: RecordedSuppressionRef;
}

const recorded = new WeakMap<IConstruct, RecordedFinding[]>();
// Token names seen per app, whichever IdentityPolicyChecks instance saw them: reuse is an app-wide matter.
const namesByApp = new WeakMap<IConstruct, Map<string, string[]>>();

function namesOf(node: IConstruct): Map<string, string[]> {
  let names = namesByApp.get(node.node.root);
  if (!names) {
    names = new Map();
    namesByApp.set(node.node.root, names);
  }
  return names;
}
// What the checks saw, so the inventory need not resolve every resource a second time.
const described = new WeakMap<IConstruct, Credential | null>();

installAppLevelChecks();

/**
 * Checks every GitLab credential of the app against the policy rules (RULES.md).
 *
 * @example Aspects.of(app).add(new IdentityPolicyChecks({ policy }));
 */
export class IdentityPolicyChecks implements IAspect {
  /** Findings reported on `construct` (not its children), by every checks instance that visited it. */
  public static findingsOf(construct: IConstruct): readonly RecordedFinding[] {
    return recorded.get(construct) ?? [];
  }

  /** The credential `construct` was checked as (null: none), or undefined when no checks visited it. */
  public static credentialOf(construct: IConstruct): Credential | null | undefined {
    return described.get(construct);
  }

  private readonly policy: ResolvedPolicy;
  private readonly visited = new WeakSet<IConstruct>();

  public constructor(props: IdentityPolicyChecksProps = {}) {
    if (props === null || typeof props !== 'object') throw constructErrors.invalidChecksProps(props);
    this.policy = resolvePolicy(props.policy);
    Object.defineProperty(this, POLICY_CHECKS_BRAND, { value: true });
  }

  public visit(node: IConstruct): void {
    // Aspects run again on each synth: each instance checks a construct once. Several instances (say an
    // organisation's on the App and a team's on its stack) all run; identical findings are reported once.
    if (this.visited.has(node)) return;
    this.visited.add(node);
    markChecked(node);

    // Every checked stack gets an inventory, even one without AutomationIdentity.
    if (TerraformStack.isStack(node)) IdentityStackSupport.of(node);
    if (AutomationIdentity.isAutomationIdentity(node)) {
      // Plan findings already say how to fix them.
      this.report(node, node.plan.findings, false);
      return;
    }
    const credential = describeCredential(node);
    described.set(node, credential ?? null);
    if (credential === undefined) return;
    const path = node.node.path;
    const names = namesOf(node);
    const findings = checkCredential(credential, {
      policy: this.policy,
      otherUsesOfName: (name) => (names.get(name) ?? []).filter((p) => p !== path),
    }, POLICY_RULES);
    if (credential.subject === 'token' && credential.name?.known) {
      const seen = names.get(credential.name.value) ?? [];
      if (!seen.includes(path)) names.set(credential.name.value, [...seen, path]);
    }
    this.report(node, findings, true);
  }

  private report(node: IConstruct, findings: readonly Finding[], appendFix: boolean): void {
    const list: RecordedFinding[] = [...(recorded.get(node) ?? [])];
    for (const f of findings) {
      if (list.some((r) => r.ruleId === f.ruleId && r.message === f.message)) continue;
      const suppressedBy = IdentitySuppressions.apply(node, f.ruleId, f.message);
      list.push({ ...f, path: node.node.path, ...(suppressedBy ? { suppressedBy } : {}) });
      if (suppressedBy) continue;
      const fix = appendFix && f.level !== 'info' ? policyRule(f.ruleId)?.fix : undefined;
      const text = `${f.ruleId}: ${f.message}${fix ? ` Fix: ${fix}` : ''}`;
      if (f.level === 'error') Annotations.of(node).addError(text);
      else if (f.level === 'warning') Annotations.of(node).addWarning(text);
      else Annotations.of(node).addInfo(text);
    }
    recorded.set(node, list);
  }
}
