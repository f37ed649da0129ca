/** Typo suggestions for closed sets (capabilities, policy options). */

/**
 * The closest allowed value, when it is close enough to be a typo: a small edit distance (case-insensitive),
 * or a truncation such as `maxLifetime` for `maxLifetimeDays`.
 */
export function closest(value: string, allowed: readonly string[]): string | undefined {
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (bestDistance <= Math.max(2, Math.floor(value.length / 3))) return best;
  return wanted.length >= 4 ? allowed.find((c) => c.toLowerCase().startsWith(wanted)) : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
