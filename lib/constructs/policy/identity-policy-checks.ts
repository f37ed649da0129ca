/**
 * The stack-wide guard. Every GitLab credential of a checked stack, from AutomationIdentity or written with
 * the provider directly, is checked by the core's engine over the Terraform JSON the stack writes. Errors
 * fail synth (all of them listed), warnings are annotated, suppressions are honoured.
 *
 * Turn the checks on for a stack, or for every stack of an app:
 *
 *   IdentityPolicyChecks.enable(app, { policy });         // always works
 *   Aspects.of(stack).add(new IdentityPolicyChecks());    // works: cdktf visits the stack
 *   Aspects.of(app).add(new IdentityPolicyChecks());      // works when the app uses AutomationIdentity
 *
 * cdktf 0.21 never visits aspects added to an App (synthesizer.js, invokeAspects starts at each stack), and
 * offers no public hook for a library to notice one. The checks therefore run from an App validation, which
 * any construct of this library registers; `enable` registers it for an app of hand-written resources only.
 */
import { Aspects, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import { IdentityPolicy, ResolvedPolicy, resolvePolicy } from '../../core';
import { CHECKS_BRAND, brand } from '../brands';
import { constructErrors } from '../errors';
import { ensureAppChecks } from './app-checks';
import { RecordedFinding, recordedFindings } from './recorded';

export type { RecordedFinding, RecordedSuppressionRef } from './recorded';

export interface IdentityPolicyChecksProps {
  /**
   * The organisation policy: the same options AutomationIdentity takes.
   * @default - DEFAULT_POLICY
   */
  readonly policy?: IdentityPolicy;
}

/**
 * Checks every GitLab credential of the app against the policy rules (RULES.md).
 *
 * @example IdentityPolicyChecks.enable(app, { policy });
 */
export class IdentityPolicyChecks implements IAspect {
  /**
   * Adds the checks to `scope` (an App or a stack) and makes sure they run, whatever the app contains.
   * @returns the checks added.
   */
  public static enable(scope: IConstruct, props: IdentityPolicyChecksProps = {}): IdentityPolicyChecks {
    if (scope === null || typeof scope !== 'object' || !(scope as { node?: unknown }).node) throw constructErrors.invalidSuppressionScope(scope);
    const checks = new IdentityPolicyChecks(props);
    Aspects.of(scope).add(checks);
    ensureAppChecks(scope);
    return checks;
  }

  /** Findings the last synth reported on `construct` (not its children), suppressed ones included. */
  public static findingsOf(construct: IConstruct): readonly RecordedFinding[] {
    return recordedFindings(construct);
  }

  /** The resolved policy the checks apply. */
  public readonly policy: ResolvedPolicy;

  public constructor(props: IdentityPolicyChecksProps = {}) {
    if (props === null || typeof props !== 'object') throw constructErrors.invalidChecksProps(props);
    this.policy = resolvePolicy(props.policy);
    brand(this, CHECKS_BRAND);
  }

  /** cdktf visits what the checks were added to (a stack or a construct in one): that registers them. Nothing is judged here. */
  public visit(node: IConstruct): void {
    if (!this.registered.has(node.node.root)) {
      this.registered.add(node.node.root);
      ensureAppChecks(node);
    }
  }

  // Per instance and per app (weakly held): visit runs for every construct below, registering once is enough.
  private readonly registered = new WeakSet<IConstruct>();
}
