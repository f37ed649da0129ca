/**
 * Matches a message by its key parts, not its wording: every part must appear, and a part listed twice must
 * appear twice (where the fix repeats what is allowed, e.g. `365` as the limit and as the value to use, a
 * message that lost the fix would otherwise still match). Messages may be reworded (lib/core/errors.ts);
 * the field, the value received, what is allowed and the fix may not be lost.
 */
const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One part as a pattern. A part that starts or ends with a letter or digit must stand alone there: `8`
 * does not match inside `18`, nor `30` inside `300`, nor `api` inside `read_api`.
 */
function alone(part: string): string {
  return `${/^\w/.test(part) ? '(?<!\\w)' : ''}${escape(part)}${/\w$/.test(part) ? '(?!\\w)' : ''}`;
}

/** The parts as a pattern, for `toThrow(...)` and `toMatch(...)`. */
export function mentioningPattern(...parts: string[]): RegExp {
  return new RegExp(`^${[...new Set(parts)].map((p) => `(?=(?:[\\s\\S]*?${alone(p)}){${parts.filter((q) => q === p).length}})`).join('')}`);
}

/** The parts as an asymmetric matcher, for a `message` inside `toEqual(...)`. */
export function mentioning(...parts: string[]) {
  return expect.stringMatching(mentioningPattern(...parts));
}
