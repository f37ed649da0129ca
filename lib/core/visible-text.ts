/**
 * How much of a text a person actually sees: used to require a real explanation where a minimum length is
 * asked for, so that spaces, zero-width characters or combining marks cannot pad a reason to length.
 */

/** The fewest visible characters a suppression reason must have. */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/**
 * Code points that are not seen as a character of their own:
 * - whitespace: `\s` and Unicode White_Space (NBSP, ideographic space, NEL, U+2028/U+2029...);
 * - format characters `\p{Cf}`: zero-width space and (non-)joiners, LRM/RLM and other bidi controls, word
 *   joiner, soft hyphen U+00AD, U+FEFF;
 * - control characters `\p{Cc}`;
 * - combining marks `\p{M}`, which attach to the previous character (e + U+0301 is one `é`);
 * - variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF; already marks, listed for clarity);
 * - the other default-ignorable code points, which fonts render as nothing (Hangul fillers U+115F, U+1160,
 *   U+3164, U+FFA0, tag characters...), and the blank Braille pattern U+2800, which renders as a space.
 */
const INVISIBLE =
  /[\s\p{White_Space}\p{Cf}\p{Cc}\p{M}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * The number of visible characters of `text`: code points (not UTF-16 units, so an emoji outside the Basic
 * Multilingual Plane counts once) that are not invisible as listed above. A sequence of several visible
 * code points (an emoji with a skin-tone modifier, for instance) counts each of them.
 */
export function visibleLength(text: string): number {
  let count = 0;
  for (const ch of text) if (!INVISIBLE.test(ch)) count++;
  return count;
}

/**
 * Every line break (CRLF, CR, LF, vertical tab, form feed, NEL, U+2028, U+2029), with the spaces and tabs
 * around it, as one space: for a text that is shown on one line, such as a suppression reason.
 */
export function collapseLineBreaks(text: string): string {
  return text.replace(/[ \t]*(?:\r\n|[\n\r\v\f\u0085\u2028\u2029])(?:[ \t]*(?:\r\n|[\n\r\v\f\u0085\u2028\u2029]))*[ \t]*/g, ' ');
}
