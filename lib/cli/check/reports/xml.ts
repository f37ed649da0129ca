/**
 * Escaping for the JUnit report. XML 1.0 cannot carry every string: NUL and most C0 controls, U+FFFE,
 * U+FFFF and lone surrogates are not characters of the document at all, not even as `&#0;`. Those become
 * U+FFFD (visibly replaced rather than silently dropped). Markup characters become references, so a message
 * holding `</failure>` or `]]>` stays text.
 */
import { wellFormed } from './shared';

/** Characters XML 1.0 §2.2 does not allow (surrogates are dealt with by wellFormed). */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlChars(text: string): string {
  return wellFormed(text).replace(NOT_XML_CHAR, '\uFFFD');
}

/** Element content: `&`, `<` and `>` (the last so that `]]>` cannot appear); CR as `&#13;`, which a parser would turn into LF. */
export function xmlText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * A value for an attribute written between double quotes: `&<>"'` as references, and tab, LF and CR as
 * character references, which survive the attribute-value normalization that turns the raw ones into spaces.
 */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
