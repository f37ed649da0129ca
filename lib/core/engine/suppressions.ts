/**
 * Suppressions, read from the Terraform JSON so that every tool sees the same ones: the stack-level list the
 * construct layer writes (`"//": { "gitlab-identity": { "suppressions": [...] } }`) and, for plain Terraform
 * JSON, `//` comments on a block: `"gitlab-identity:ignore GLID-014 <reason>"`.
 *
 * A suppression names one rule and gives a reason of at least 10 visible characters; it silences findings on
 * its scope and below. Rules about secrets in plain places and admin scopes are silenced only on the
 * construct that holds the finding (or the identity that rendered it), never on a whole stack.
 */
import { MIN_SUPPRESSION_REASON_LENGTH, collapseLineBreaks, visibleLength } from '../visible-text';
import { ConfigBlock, JsonObject, isObject } from './terraform-config';

export interface Suppression {
  readonly id: string;
  readonly reason: string;
  /** Construct path (or address) it was declared on. */
  readonly scope: string;
}

/** Rules whose findings can only be suppressed where they are raised. */
/** Secrets in plain places, admin scopes, unmasked variables and unverifiable attributes: a stack-wide suppression would turn the checks off. */
export const LOCAL_ONLY_RULES: ReadonlySet<string> = new Set(['GLID-008', 'GLID-012', 'GLID-013', 'GLID-022', 'GLID-023']);

const IGNORE = /^\s*gitlab-identity:ignore\s+(GLID-\d{3})\s+([\s\S]*)$/;

/** A `gitlab-identity:ignore GLID-NNN <reason>` comment's rule and reason, or undefined when it is not one. */
export function parseIgnoreComment(text: string): { readonly id: string; readonly reason: string } | undefined {
  const m = IGNORE.exec(text);
  return m ? { id: m[1], reason: m[2] } : undefined;
}

export interface SuppressionProblem {
  readonly scope: string;
  readonly message: string;
}

function accept(id: unknown, reason: unknown, scope: string, knownIds: ReadonlySet<string>, out: Suppression[], problems: SuppressionProblem[]): void {
  if (typeof id !== 'string' || !knownIds.has(id)) {
    problems.push({ scope, message: `suppression of unknown rule ${JSON.stringify(id)} is ignored` });
    return;
  }
  if (typeof reason !== 'string' || visibleLength(reason) < MIN_SUPPRESSION_REASON_LENGTH) {
    problems.push({ scope, message: `suppression of ${id} is ignored: its reason needs at least ${MIN_SUPPRESSION_REASON_LENGTH} visible characters` });
    return;
  }
  out.push({ id, reason: collapseLineBreaks(reason).trim(), scope });
}

/** The suppressions a stack's JSON declares, and the ones it declares wrongly (ignored, reported). */
export function readSuppressions(library: JsonObject, blocks: readonly Pick<ConfigBlock, 'path' | 'comment'>[], knownIds: ReadonlySet<string>): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  const declared = library.suppressions;
  for (const entry of Array.isArray(declared) ? declared : isObject(declared) ? Object.values(declared) : []) {
    if (!isObject(entry) || typeof entry.scope !== 'string') continue;
    accept(entry.id, entry.reason, entry.scope, knownIds, suppressions, problems);
  }
  for (const block of blocks) {
    const comments = Array.isArray(block.comment) ? block.comment : [block.comment];
    for (const comment of comments) {
      if (typeof comment !== 'string') continue;
      const match = IGNORE.exec(comment);
      if (match) accept(match[1], match[2], block.path, knownIds, suppressions, problems);
      // Meant as a suppression but not written as one: said, or the finding it was meant for stays unexplained.
      else if (/^\s*gitlab-identity:/i.test(comment)) {
        problems.push({ scope: block.path, message: `suppression ${JSON.stringify(comment.trim().slice(0, 80))} is ignored: write it as gitlab-identity:ignore GLID-NNN <reason>, one rule per comment` });
      }
    }
  }
  return { suppressions, problems };
}

/**
 * The suppression that silences a finding of `ruleId` on `path`, if any: the nearest scope wins. `holders`
 * are the paths that hold the finding for local-only rules (the resource, and the identity that rendered it).
 */
export function suppressionFor(suppressions: readonly Suppression[], ruleId: string, path: string, holders: readonly string[], stack?: string): Suppression | undefined {
  let best: Suppression | undefined;
  for (const s of suppressions) {
    if (s.id !== ruleId) continue;
    // A scope that names the stack covers all of it: plain Terraform's paths are addresses, not under it.
    const covers = LOCAL_ONLY_RULES.has(ruleId) ? holders.includes(s.scope) : path === s.scope || path.startsWith(`${s.scope}/`) || s.scope === stack;
    if (covers && (best === undefined || s.scope.length > best.scope.length)) best = s;
  }
  return best;
}
