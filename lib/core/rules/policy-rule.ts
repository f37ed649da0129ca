/** The shape of a stack-wide policy rule (one file per rule, like cdk-nag's). */
import { FindingLevel } from '../findings';
import { ResolvedPolicy } from '../policy';
import { Credential } from './credential';

export interface RuleContext {
  readonly policy: ResolvedPolicy;
  /** Paths of other credentials in the app that use the same token name, found so far. */
  readonly otherUsesOfName: (name: string) => readonly string[];
}

/** What a rule reports about one credential: a level (default: the rule's) and a one-line message. */
export interface RuleViolation {
  readonly level?: FindingLevel;
  readonly message: string;
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
  check(credential: Credential, context: RuleContext): readonly RuleViolation[];
}

/** "cannot verify" findings: the value is computed by Terraform at apply, so the rule does not guess. */
export function cannotVerify(attribute: string, expression: string): RuleViolation {
  return cannotJudge(attribute, `it is computed at apply (${expression.length > 80 ? `${expression.slice(0, 77)}...` : expression})`);
}

/** "cannot verify" for another reason, stated. */
export function cannotJudge(attribute: string, reason: string): RuleViolation {
  return { level: 'info', message: `cannot verify ${attribute}: ${reason}` };
}
