/**
 * Reasoned, local escape hatches: a suppression names a rule and says why, applies to a construct and its
 * subtree, and is recorded so the inventory can list it. A suppression that matches nothing is a warning.
 */
import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { POLICY_RULES, closest } from '../../core';
import { constructErrors } from '../errors';

export interface IdentitySuppression {
  /** The rule ID, e.g. `GLID-010`. */
  readonly id: string;
  /** Why the finding is acceptable here, at least 10 characters. Shown to reviewers in the inventory. */
  readonly reason: string;
}

/** A suppression as recorded: where it was declared and which findings it silenced. */
export interface RecordedSuppression extends IdentitySuppression {
  /** Path of the construct it was added to. */
  readonly scope: string;
  /** Paths and messages of the findings it silenced. */
  readonly matched: readonly { readonly path: string; readonly message: string }[];
}

/** A suppression and the construct it was declared on. */
export interface RecordedSuppressionRef extends IdentitySuppression {
  readonly scope: string;
}

export const MIN_REASON_LENGTH = 10;

interface Entry {
  readonly id: string;
  readonly reason: string;
  readonly scope: string;
  readonly matched: { path: string; message: string }[];
}

const entries = new WeakMap<IConstruct, Entry[]>();

export class IdentitySuppressions {
  /**
   * Suppresses rules on `construct` and everything below it.
   * @throws IdentityError for an unknown rule ID or a reason shorter than 10 characters.
   */
  public static add(construct: IConstruct, suppressions: readonly IdentitySuppression[]): void {
    if (construct === null || typeof construct !== 'object' || !(construct as { node?: unknown }).node) {
      throw constructErrors.invalidSuppressionScope(construct);
    }
    // Escape hatches are local: a whole app is too wide a scope, and its warnings would reach no stack.
    if (construct.node.scope === undefined) throw constructErrors.suppressionOnApp(construct.node.path);
    if (!Array.isArray(suppressions)) throw constructErrors.invalidSuppressions(suppressions);
    const ids = POLICY_RULES.map((r) => r.id);
    const validated = suppressions.map((s, i) => {
      const id: unknown = s?.id;
      if (typeof id !== 'string' || !ids.includes(id)) {
        throw constructErrors.unknownRule(`suppressions[${i}].id`, id, ids, typeof id === 'string' ? closest(id, ids) : undefined);
      }
      const reason: unknown = s.reason;
      if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
        throw constructErrors.shortReason(`suppressions[${i}].reason`, reason, MIN_REASON_LENGTH);
      }
      return { id, reason: reason.trim(), scope: construct.node.path, matched: [] };
    });
    let list = entries.get(construct);
    if (!list) {
      list = [];
      entries.set(construct, list);
      const own = list;
      // Validations run after aspects: by then every finding the suppression could match has been seen.
      let warned = false;
      construct.node.addValidation({
        validate: () => {
          // Validations run on every synth: warn once.
          if (warned) return [];
          warned = true;
          for (const e of own.filter((x) => x.matched.length === 0)) {
            Annotations.of(construct).addWarning(
              `${e.id}: suppression matched no finding (reason: ${e.reason}). Remove it, or add IdentityPolicyChecks to the app.`,
            );
          }
          return [];
        },
      });
    }
    list.push(...validated);
  }

  /** The suppressions declared on `construct` itself, with what they matched. */
  public static of(construct: IConstruct): readonly RecordedSuppression[] {
    return (entries.get(construct) ?? []).map((e) => ({ id: e.id, reason: e.reason, scope: e.scope, matched: [...e.matched] }));
  }

  /** The nearest suppression of `ruleId` on `node` or an ancestor; records the match. */
  public static apply(node: IConstruct, ruleId: string, message: string): RecordedSuppressionRef | undefined {
    for (let s: IConstruct | undefined = node; s; s = s.node.scope) {
      const e = entries.get(s)?.find((x) => x.id === ruleId);
      if (e) {
        e.matched.push({ path: node.node.path, message });
        return { id: e.id, reason: e.reason, scope: e.scope };
      }
    }
    return undefined;
  }
}
