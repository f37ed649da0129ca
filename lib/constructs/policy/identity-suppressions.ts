/**
 * Reasoned, local escape hatches: a suppression names a rule and says why, applies to a construct and its
 * subtree, and is written into the stack's Terraform JSON, so that the checks, the inventory and
 * `gitlab-identity diff` all see it. A suppression that matches nothing is a warning. Rules about secrets in
 * plain places and admin scopes (LOCAL_ONLY_RULES) are silenced only on the construct that holds the finding.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { LIBRARY_COMMENT_KEY, POLICY_RULES, closest } from '../../core';
import { MIN_SUPPRESSION_REASON_LENGTH, collapseLineBreaks, visibleLength } from '../../core/visible-text';
import { constructErrors } from '../errors';
import { ensureAppChecks } from './app-checks';
import { SUPPRESSION_METADATA, declaredSuppressions, recordedFindings } from './recorded';

export interface IdentitySuppression {
  /** The rule ID, e.g. `GLID-010`. */
  readonly id: string;
  /**
   * Why the finding is acceptable here, at least 10 visible characters (spaces, zero-width and combining
   * characters do not count). Shown to reviewers in the inventory, on one line: line breaks are stored as
   * single spaces.
   */
  readonly reason: string;
}

/** A suppression as recorded: where it was declared and which findings it silenced. */
export interface RecordedSuppression extends IdentitySuppression {
  /** Path of the construct it was added to. */
  readonly scope: string;
  /** Paths and messages of the findings it silenced. */
  readonly matched: readonly { readonly path: string; readonly message: string }[];
}

/** The fewest visible characters a reason must have (see visibleLength). */
export const MIN_REASON_LENGTH = MIN_SUPPRESSION_REASON_LENGTH;

export class IdentitySuppressions {
  /**
   * Suppresses rules on `construct` and everything below it.
   * @throws IdentityError for an unknown rule ID or a reason of fewer than 10 visible characters.
   */
  public static add(construct: IConstruct, suppressions: readonly IdentitySuppression[]): void {
    if (construct === null || typeof construct !== 'object' || !(construct as { node?: unknown }).node) {
      throw constructErrors.invalidSuppressionScope(construct);
    }
    // Escape hatches are local: a whole app is too wide a scope, and its warnings would reach no stack.
    if (construct.node.scope === undefined) throw constructErrors.suppressionOnApp(construct.node.path);
    // Suppressions travel in the stack's JSON: outside a stack there is none to carry them.
    const stack = construct.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
    if (stack === undefined) throw constructErrors.suppressionOnApp(construct.node.path);
    if (!Array.isArray(suppressions)) throw constructErrors.invalidSuppressions(suppressions);
    const ids = POLICY_RULES.map((r) => r.id);
    const validated = suppressions.map((s, i) => {
      const id: unknown = s?.id;
      if (typeof id !== 'string' || !ids.includes(id)) {
        throw constructErrors.unknownRule(`suppressions[${i}].id`, id, ids, typeof id === 'string' ? closest(id, ids) : undefined);
      }
      const reason: unknown = s.reason;
      // Visible characters, so that spaces, zero-width characters or combining marks cannot pad a reason.
      if (typeof reason !== 'string' || visibleLength(reason) < MIN_REASON_LENGTH) {
        throw constructErrors.shortReason(`suppressions[${i}].reason`, reason, MIN_REASON_LENGTH);
      }
      // Stored on one line: the reason is shown in the inventory note and in warnings.
      return { id, reason: collapseLineBreaks(reason).trim(), scope: construct.node.path };
    });
    // Written into the stack's JSON, where the engine (and any tool reading cdk.tf.json) finds it, and kept
    // on the construct for `of`. Keys are unique per construct and rule: adding one again replaces it.
    for (const v of validated) {
      stack.addOverride(`//.${LIBRARY_COMMENT_KEY}.suppressions.${construct.node.addr}-${v.id}`, v);
      if (!declaredSuppressions(construct).some((d) => d.id === v.id && d.reason === v.reason)) construct.node.addMetadata(SUPPRESSION_METADATA, v);
    }
    ensureAppChecks(construct);
  }

  /** The suppressions declared on `construct` itself, with the findings of the last synth they silenced. */
  public static of(construct: IConstruct): readonly RecordedSuppression[] {
    const silenced = construct.node.findAll().flatMap((c) => recordedFindings(c));
    return declaredSuppressions(construct).map((d) => ({
      ...d,
      matched: silenced.filter((f) => f.suppressedBy?.id === d.id && f.suppressedBy.scope === d.scope).map((f) => ({ path: f.path, message: f.message })),
    }));
  }
}
