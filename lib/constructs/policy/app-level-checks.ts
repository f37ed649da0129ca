/**
 * cdktf 0.21 runs aspects stack by stack, starting from each stack with nothing inherited: an aspect added
 * to the App never runs (synthesize/synthesizer.js, invokeAspects). A policy guard that silently does not
 * run is worse than none, so `Aspects.of(app).add(new IdentityPolicyChecks())` is made to work: before a
 * stack is synthesized by `app.synth()`, IdentityPolicyChecks found on its ancestors are added to the stack.
 * Nothing else about aspects changes. Installed once per process, whatever copies of the library load.
 */
import { Aspects, IAspect, TerraformStack } from 'cdktf';

/** Brand of IdentityPolicyChecks instances, shared across copies of the library. */
export const POLICY_CHECKS_BRAND = Symbol.for('cdktf-gitlab-identity.IdentityPolicyChecks');
const INSTALLED = Symbol.for('cdktf-gitlab-identity.appLevelChecksInstalled');

function isPolicyChecks(aspect: IAspect): boolean {
  return typeof aspect === 'object' && aspect !== null && POLICY_CHECKS_BRAND in aspect;
}

/** Adds the policy checks of the stack's ancestors to the stack itself (once each). */
export function inheritPolicyChecks(stack: TerraformStack): void {
  const own = Aspects.of(stack);
  for (let scope = stack.node.scope; scope; scope = scope.node.scope) {
    for (const aspect of Aspects.of(scope).all.filter(isPolicyChecks)) {
      if (!own.all.includes(aspect)) own.add(aspect);
    }
  }
}

export function installAppLevelChecks(): void {
  const proto = TerraformStack.prototype as unknown as Record<symbol, boolean> & { prepareStack(): void };
  if (proto[INSTALLED]) return;
  const prepareStack = proto.prepareStack;
  proto.prepareStack = function prepareStackWithPolicyChecks(this: TerraformStack): void {
    inheritPolicyChecks(this);
    prepareStack.call(this);
  };
  Object.defineProperty(proto, INSTALLED, { value: true });
}
