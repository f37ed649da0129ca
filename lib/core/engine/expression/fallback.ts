/**
 * The last line of failing closed: when text cannot be parsed (or evaluation hits a bug), find every
 * traversal-looking run in the raw text with a regular expression and carry the taint of all of them.
 * Over-approximating is the point: a broken expression must not hide a secret.
 */
import { dotted, EvalScope, safeResolve, Step } from './scope';
import { deepTaint, NO_TAINT, Taint, unionSorted, unknown, Value } from './value';

// A name (not preceded by a name character or a dot) followed by at least one `.name`, `.0`, `[0]` or `["k"]`.
const TRAVERSAL = /(?<![\p{L}\p{N}_.])([\p{L}_][\p{L}\p{N}_-]*)((?:\s*\.\s*(?:[\p{L}_][\p{L}\p{N}_-]*|\d+)|\s*\[\s*(?:\d+|"[^"\\]*")\s*\])+)/gu;
const STEP = /\.\s*([\p{L}_][\p{L}\p{N}_-]*|\d+)|\[\s*(\d+|"([^"\\]*)")\s*\]/gu;

export interface RawTraversal {
  readonly root: string;
  readonly steps: readonly Step[];
}

/** Traversal-looking runs in raw text, in order of appearance, without duplicates. */
export function regexTraversals(text: string): RawTraversal[] {
  const seen = new Set<string>();
  const out: RawTraversal[] = [];
  for (const m of text.matchAll(TRAVERSAL)) {
    const steps: Step[] = [];
    for (const s of m[2].matchAll(STEP)) {
      if (s[1] !== undefined) steps.push(/^\d+$/.test(s[1]) ? Number(s[1]) : s[1]);
      else steps.push(s[3] !== undefined ? s[3] : Number(s[2]));
    }
    const key = dotted(m[1], steps);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ root: m[1], steps });
  }
  return out;
}

/** An unknown carrying the deep taint of every traversal found in `texts`. */
export function fallbackUnknown(reason: string, texts: readonly string[], scope: EvalScope): Value {
  let taint: Taint = NO_TAINT;
  const references: string[] = [];
  for (const text of texts) {
    for (const t of regexTraversals(text)) {
      references.push(dotted(t.root, t.steps));
      taint = unionSorted(taint, deepTaint(safeResolve(scope, t.root, t.steps).value));
    }
  }
  return unknown(reason, references, taint);
}
