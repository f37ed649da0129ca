/** The shape of a stack-wide policy rule (one file per rule, like cdk-nag's). */
import { FindingLevel } from '../findings';
import { ResolvedPolicy } from '../policy';
import { Described } from './credential';

export interface RuleContext {
  readonly policy: ResolvedPolicy;
  /** Paths of other credentials in the app that use the same token name, found so far. */
  readonly otherUsesOfName: (name: string) => readonly string[];
}

/** What a rule reports about one credential: a level (default: the rule's) and a one-line message. */
export interface RuleViolation {
  readonly level?: FindingLevel;
  readonly message: string;
  /** The attribute it is about, so that `check` can point at its line (the block's line otherwise). */
  readonly attribute?: string;
}

export interface PolicyRule {
  /** Stable ID, never reused: `GLID-001`. Suppressions name it. */
  readonly id: string;
  /** Short kebab-case name. */
  readonly name: string;
  /** Default level; a rule may raise or lower it per finding, as its explanation says. */
  readonly level: FindingLevel;
  /** The cause, in one line. */
  readonly summary: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  /** Judges one credential; empty when compliant or not applicable. */
  check(credential: Described, context: RuleContext): readonly RuleViolation[];
}

/**
 * "cannot verify" at the rule's own level: the value is unknown at synth, and a rule that cannot judge does
 * not pass. Attributes that decide privilege, lifetime, target or secrecy are reported by GLID-022 instead.
 */
export function cannotJudge(attribute: string, reason: string): RuleViolation {
  return { message: `cannot verify ${attribute}: ${reason.length > 160 ? `${reason.slice(0, 157)}...` : reason}` };
}
