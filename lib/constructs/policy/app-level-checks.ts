/**
 * cdktf 0.21 runs aspects stack by stack, starting from each stack with nothing inherited: an aspect added
 * to the App never runs (synthesize/synthesizer.js, invokeAspects). A policy guard that silently does not
 * run is worse than none, so `Aspects.of(app).add(new IdentityPolicyChecks())` is made to work: before a
 * stack is synthesized by `app.synth()`, IdentityPolicyChecks found on its ancestors are added to the stack.
 * Nothing else about aspects changes. The hook also counts preparations (synth-generation.ts) for caches.
 * Installed once per process, whatever copies of the library load.
 */
import { App, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { notePrepared } from '../synth-generation';

/** Brand of IdentityPolicyChecks instances, shared across copies of the library. */
export const POLICY_CHECKS_BRAND = Symbol.for('cdktf-gitlab-identity.IdentityPolicyChecks');
const INSTALLED = Symbol.for('cdktf-gitlab-identity.appLevelChecksInstalled');

function isPolicyChecks(aspect: IAspect): boolean {
  return typeof aspect === 'object' && aspect !== null && POLICY_CHECKS_BRAND in aspect;
}

/** Adds the policy checks of the stack's ancestors to the stack itself (once each); true if it has any. */
export function inheritPolicyChecks(stack: TerraformStack): boolean {
  const own = Aspects.of(stack);
  for (let scope = stack.node.scope; scope; scope = scope.node.scope) {
    for (const aspect of Aspects.of(scope).all.filter(isPolicyChecks)) {
      if (!own.all.includes(aspect)) own.add(aspect);
    }
  }
  return own.all.some(isPolicyChecks);
}

const ERROR_LEVEL = '@cdktf/error';
const appsReporting = new WeakSet<IConstruct>();

/**
 * cdktf stops at the first stack with an error annotation, so a user fixing policy findings would see one
 * stack's errors per run. For checked stacks, errors are collected instead, and one App validation fails
 * synth listing every error annotation of every stack. CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, cdktf's own
 * switch to ignore them, is honoured; with `skipValidation` the per-stack failure is left as it is.
 */
function reportAllErrorsAtTheEnd(stack: TerraformStack): void {
  if (process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined) return;
  const app = stack.node.root;
  // With skipValidation the App validation would not run, so leave cdktf's per-stack failure in place.
  if (!App.isApp(app) || app.skipValidation) return;
  (stack.synthesizer as unknown as { continueOnErrorAnnotations: boolean }).continueOnErrorAnnotations = true;
  if (appsReporting.has(app)) return;
  appsReporting.add(app);
  app.node.addValidation({
    validate: () => {
      const stacks = new Set<string>();
      const errors = app.node.findAll().flatMap((c) => {
        const here = c.node.metadata.filter((m) => m.type === ERROR_LEVEL).map((m) => `[${c.node.path}] ${String(m.data)}`);
        if (here.length > 0 && c !== app) stacks.add(TerraformStack.of(c).node.path);
        return here;
      });
      if (errors.length === 0) return [];
      return [
        `${errors.length} error annotation${errors.length === 1 ? '' : 's'} in ${stacks.size} stack${stacks.size === 1 ? '' : 's'} ` +
          '(GitLab identity policy checks and others). Fix them, or suppress a finding with IdentitySuppressions.add and a reason:',
        ...errors,
      ];
    },
  });
}

export function installAppLevelChecks(): void {
  const proto = TerraformStack.prototype as unknown as Record<symbol, boolean> & { prepareStack(): void };
  if (proto[INSTALLED]) return;
  const prepareStack = proto.prepareStack;
  proto.prepareStack = function prepareStackWithPolicyChecks(this: TerraformStack): void {
    notePrepared(this);
    if (inheritPolicyChecks(this)) reportAllErrorsAtTheEnd(this);
    prepareStack.call(this);
  };
  Object.defineProperty(proto, INSTALLED, { value: true });
}
