/**
 * Escaping of user data (token names, construct paths, suppression reasons, project paths, variable keys,
 * finding messages...) for the Markdown notes CI posts on a merge request. The notes are rendered by GitLab
 * Flavored Markdown, and GitLab also reads the raw text of a note for quick actions, so a value must not be
 * able to:
 * - start a line: GitLab runs every line of a note that starts with `/` as a quick action (`/approve`,
 *   `/label ~x`, `/merge`...), and a new line could also start a heading, a list or a table row;
 * - add a table column (`|`);
 * - open HTML (`<img src=x onerror=...>`, `<!--` hiding the rest of the note, `<details>`);
 * - create a GitLab reference: mention users (`@all` notifies everyone), cross-reference issues, merge
 *   requests, epics, snippets, milestones, labels or alerts (`#1`, `!2`, `&3`, `$4`, `%5`, `~x`, `^alert#6`),
 *   which posts a system note on the target and notifies its participants;
 * - create a link or an image, or emphasis that changes the meaning of the surrounding fixed text;
 * - hide or reorder characters (zero-width and bidi controls, "Trojan Source").
 *
 * How GitLab references are neutralised: with a backslash, not with an HTML entity. GitLab renders Markdown
 * to HTML first and then looks for references in the resulting text nodes, where an entity such as `&#64;`
 * has already been decoded back to `@`: `&#64;all` would still mention everyone. A backslash-escaped
 * reference character (`\@`, `\#`, `\!`, `\%`, `\~`, `\$`, `\&`, `\^`) is the documented way to write the
 * character literally: GitLab wraps it in `<span data-escaped-char>` and its reference filters skip it
 * (Banzai::Filter::MarkdownPreEscapeFilter / EscapedCharFilter, REFERENCE_CHARS = $ % # & @ ! ~ ^).
 * `&` is escaped the same way (`\&`): that stops epic references, and it also stops entities (CommonMark
 * shows `\&lt;` as the five characters `&lt;`), whereas `&amp;` would be decoded to `&` before the
 * epic filter runs.
 *
 * Values are meant to be placed inline (after fixed text, between table pipes, after a heading marker), as
 * the inventory and diff notes do; `escapeMarkdown` still guards a leading `/` in case one is not.
 */

/**
 * Every line terminator Markdown or GitLab might honour: CRLF (first, so it becomes one space), CR, LF,
 * vertical tab, form feed, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
 */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/**
 * Characters that render as nothing or reorder the text around them: soft hyphen, Arabic letter mark,
 * Mongolian vowel separator, zero-width space/joiners and LRM/RLM (U+200B–U+200F), bidi embeddings and
 * overrides (U+202A–U+202E), word joiner and invisible operators (U+2060–U+2064), bidi isolates
 * (U+2066–U+2069) and the byte-order mark / zero-width no-break space (U+FEFF). Together with the remaining
 * control characters (`\p{Cc}`, tab excepted) they are shown as `\u{...}`, not removed: a reviewer must
 * see that a name such as `ad\u{200B}min` is not `admin`, and removing a bidi override could still leave
 * two names looking the same.
 */
const HIDDEN = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|(?![\t])\p{Cc}/u;

/** Line breaks become one space each, so that the value stays on the line its caller puts it on. */
function oneLine(text: string): string {
  return text.replace(LINE_BREAK, ' ');
}

/** `\u{200B}` for U+200B: the visible form of a hidden character. */
function codePointName(ch: string): string {
  return `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`;
}

const HIDDEN_ANYWHERE = new RegExp(HIDDEN.source, 'gu');

/** Hidden characters shown as `\u{...}`; everything else unchanged. */
function showHidden(text: string): string {
  return text.replace(HIDDEN_ANYWHERE, codePointName);
}

/**
 * Printable ASCII (space to `~`): no line break and no hidden character is among it (both are control
 * characters or beyond ASCII), so oneLine and showHidden would return it as it is. Most text that is not
 * PLAIN is such text (a rationale line with `->`, a message with `'`): telling so with one plain regex
 * instead of two Unicode ones took a third less time of the Markdown inventory (bench/, 10,000 identities).
 */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** `text` on one line with its hidden characters shown: what escapeMarkdown and inlineCode escape. */
const visibleOneLine = (text: string) => (PRINTABLE_ASCII.test(text) ? text : showHidden(oneLine(text)));

/**
 * Characters replaced whatever their neighbours:
 * - `\` first of all (every escape below adds a backslash, and a user's own backslash must not combine with
 *   the next character into an escape of its own);
 * - `|`, which would end the table cell and add a column;
 * - `<` and `>` as entities, so that no HTML tag, comment or autolink can open;
 * - the GitLab reference characters `@ # ! % ~ & ^` (and `$`, below) with a backslash, see the file comment;
 * - `[`, `]` and the backtick, so that no link, image, footnote or code span can open.
 */
const ALWAYS: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '|': '\\|',
  '<': '&lt;',
  '>': '&gt;',
  '&': '\\&',
  '@': '\\@',
  '#': '\\#',
  '!': '\\!',
  '%': '\\%',
  '~': '\\~',
  '^': '\\^',
  '[': '\\[',
  ']': '\\]',
  '`': '\\`',
};

const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s/u;

/**
 * Whether the character at `i` of `chars` needs a backslash although it is not in ALWAYS. These three are
 * escaped only where they could mean something, which keeps identifiers readable (`read_api`,
 * `gitlab_group_access_token`, the environment scope `*`, the Terraform expression `${var.masked}`):
 * - `_` between two letters or digits can neither open nor close emphasis in CommonMark (an intraword `_`
 *   is both left- and right-flanking and not next to punctuation); anywhere else it is escaped;
 * - `*` with whitespace or the end of the value on both sides is neither left- nor right-flanking inside
 *   the value; anywhere else it is escaped. (A lone `*` can at most pair with another lone `*` of the same
 *   line into emphasis: no link, HTML or reference. GitLab's iteration reference `*iteration:` needs a
 *   letter after the `*`, so it is escaped.)
 * - `$` starts a snippet reference (`$123`) or inline math (`$x$`); it is escaped unless it opens a
 *   Terraform interpolation `${`, which is neither a snippet reference nor (followed by `{`) anything GitLab
 *   links. At most two such `${` on one line could be read as inline math: no link, HTML or reference.
 */
function escapedInContext(ch: string, before: string | undefined, after: string | undefined): boolean {
  switch (ch) {
    case '_':
      return !(before !== undefined && after !== undefined && ALPHANUMERIC.test(before) && ALPHANUMERIC.test(after));
    case '*':
      return !((before === undefined || WHITESPACE.test(before)) && (after === undefined || WHITESPACE.test(after)));
    case '$':
      return after !== '{';
    default:
      return false;
  }
}

/** Every character either table above may act on, found in one pass. */
const SPECIAL = /[\\|<>&@#!%~^[\]`_*$]/g;

/**
 * `text` as Markdown that renders as the same characters, on one line, for a paragraph, a list item, a
 * heading or a table cell: no line break, no table pipe, no HTML, no GitLab reference or mention, no link,
 * image or code span, no quick action; hidden characters shown as `\u{...}`.
 */
/**
 * Text with none of the characters anything above acts on: returned as it is. Most values (names, paths,
 * scopes) are such text, and an inventory escapes tens of thousands of them.
 */
const PLAIN = /^[A-Za-z0-9 ,.:;()'"=+?/-]*$/;

/**
 * A bare URL: GitLab makes it a link (comrak's autolink extension when it renders the Markdown, then
 * Banzai's AutolinkFilter on the text of the HTML), so a phishing address in a token name or a suppression
 * reason would be one click away in the note. It is defanged the way security reports write addresses:
 * `https[:]//host`, `www[.]host` (brackets escaped, so they are text), which no autolinker reads as a URL
 * and a reviewer still reads as one.
 */
// No word boundary: GitLab links `_https://x` and `x_www.y` too (the scheme is read back over letters only).
// `www.` first, then schemes: in one pass a scheme could swallow the `www.` before it (`www.evil.com+ftp://x`
// was read as the scheme `www.evil.com+ftp`, which left `www.evil.com` a link; found by a property test).
const WWW = /(www)\.(?=\S)/gi;
const SCHEME = /([a-z][a-z0-9+.-]*):(?=\/\/)/gi;
const MAY_AUTOLINK = /:\/\/|www\./i;

export function escapeMarkdown(text: string): string {
  const value = String(text);
  if (PLAIN.test(value) && !/^\s*\//.test(value) && !MAY_AUTOLINK.test(value)) return value;
  const flat = visibleOneLine(value);
  // Neighbours are read in the unescaped text, one UTF-16 unit away: half of a surrogate pair is neither a
  // letter nor whitespace, so a `_` or `*` next to one is escaped, which is always safe.
  const escaped = flat.replace(SPECIAL, (ch: string, at: number) => ALWAYS[ch] ?? (escapedInContext(ch, flat[at - 1], flat[at + 1]) ? `\\${ch}` : ch));
  // Escaping adds backslashes only before the characters of SPECIAL, none of which is in `://` or `www.`:
  // the escaped text can hold a bare URL only where `flat` does.
  const out = MAY_AUTOLINK.test(flat)
    ? escaped.replace(WWW, '$1\\[.\\]').replace(SCHEME, '$1\\[:\\]')
    : escaped;
  // No line of the value can start with `/` any more, but a caller could still put the whole value at the
  // start of a line: its first visible `/` becomes an entity, which GitLab's quick-action parser (reading the
  // raw text) does not see as `/`, and which renders as `/`.
  const first = out.search(/\S/);
  return first >= 0 && out[first] === '/' ? `${out.slice(0, first)}&#47;${out.slice(first + 1)}` : out;
}

/**
 * `text` as a Markdown code span, shown verbatim: inside a code span nothing is a reference, HTML or link,
 * so only what could end the span or the line is handled.
 * - The fence is one backtick longer than the longest run of backticks in the text, so no run inside closes
 *   the span; a space pads text that starts or ends with a backtick or a space (CommonMark strips one space
 *   on each side when both are there).
 * - Line breaks become spaces and hidden characters `\u{...}`, as in `escapeMarkdown`: a line break inside a
 *   code span would still start a line of the raw note, which GitLab reads for quick actions.
 * Not for table cells: GitLab splits table rows on `|` even inside code spans.
 */
export function inlineCode(text: string): string {
  const flat = visibleOneLine(String(text));
  if (flat === '') return '` `';
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(flat) && !/^ +$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
