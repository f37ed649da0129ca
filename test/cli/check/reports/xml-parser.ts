/**
 * A small, strict XML 1.0 reader for the JUnit report tests (no dependency): it throws where a conforming
 * parser must (a character XML does not allow, even as a reference; `<` or a bare `&` in an attribute value;
 * `]]>` in text; an unclosed or mismatched tag; a duplicate attribute; anything after the root), and returns
 * the decoded tree, with the attribute-value and line-end normalization a parser applies, so that tests can
 * compare what a consumer such as GitLab reads with what was given.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function isNameChar(ch: string): boolean {
  return /[A-Za-z0-9_:.-]/.test(ch);
}

export function parseXml(doc: string): XmlElement {
  for (const ch of doc) {
    if (!isXmlChar(ch.codePointAt(0)!)) throw new Error(`not an XML character: U+${ch.codePointAt(0)!.toString(16)}`);
  }
  // §2.11: a parser passes CRLF and CR on as LF.
  const src = doc.replace(/\r\n?/g, '\n');
  let pos = 0;
  const fail = (why: string): never => { throw new Error(`${why} at offset ${pos}`); };
  const startsWith = (s: string) => src.startsWith(s, pos);
  const expect = (s: string) => { if (!startsWith(s)) fail(`expected ${JSON.stringify(s)}`); pos += s.length; };
  const skipSpace = () => { while (pos < src.length && ' \t\n'.includes(src[pos])) pos++; };

  const name = (): string => {
    const start = pos;
    while (pos < src.length && isNameChar(src[pos])) pos++;
    if (pos === start || /[0-9.-]/.test(src[start])) fail('expected a name');
    return src.slice(start, pos);
  };

  const reference = (): string => {
    expect('&');
    const end = src.indexOf(';', pos);
    if (end < 0) fail('unterminated reference');
    const body = src.slice(pos, end);
    pos = end + 1;
    if (body in PREDEFINED) return PREDEFINED[body];
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (!m) return fail(`unknown entity &${body};`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
    if (!isXmlChar(cp)) fail(`reference to a character XML does not allow: &${body};`);
    return String.fromCodePoint(cp);
  };

  const attributeValue = (): string => {
    const quote = src[pos];
    if (quote !== '"' && quote !== "'") fail('expected a quoted value');
    pos++;
    let value = '';
    while (src[pos] !== quote) {
      if (pos >= src.length) fail('unterminated attribute value');
      const ch = src[pos];
      if (ch === '<') fail('< in an attribute value');
      if (ch === '&') { value += reference(); continue; }
      value += ch === '\t' || ch === '\n' ? ' ' : ch; // §3.3.3: a raw tab or line end reads as a space
      pos++;
    }
    pos++;
    return value;
  };

  const element = (): XmlElement => {
    expect('<');
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith('/>')) { pos += 2; return { name: tag, attributes, children: [] }; }
      if (startsWith('>')) { pos++; break; }
      if (pos === before) fail('expected a space before an attribute');
      const key = name();
      if (key in attributes) fail(`duplicate attribute ${key}`);
      skipSpace(); expect('='); skipSpace();
      attributes[key] = attributeValue();
    }
    const children: XmlNode[] = [];
    let text = '';
    const flush = () => { if (text) children.push(text); text = ''; };
    for (;;) {
      if (pos >= src.length) fail(`unclosed <${tag}>`);
      if (startsWith('</')) {
        pos += 2;
        if (name() !== tag) fail(`mismatched end tag for <${tag}>`);
        skipSpace(); expect('>');
        flush();
        return { name: tag, attributes, children };
      }
      if (startsWith('<![CDATA[')) {
        const end = src.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        text += src.slice(pos + 9, end);
        pos = end + 3;
      } else if (startsWith('<!--')) {
        const end = src.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (startsWith('<')) {
        flush();
        children.push(element());
      } else if (startsWith('&')) {
        text += reference();
      } else {
        if (startsWith(']]>')) fail(']]> in text');
        text += src[pos++];
      }
    }
  };

  if (startsWith('<?xml')) {
    const end = src.indexOf('?>', pos);
    if (end < 0) fail('unterminated XML declaration');
    pos = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== src.length) fail('content after the root element');
  return root;
}

/** Every element named `name` in the tree, in document order. */
export function findAll(node: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = node.name === name ? [node] : [];
  for (const child of node.children) if (typeof child !== 'string') found.push(...findAll(child, name));
  return found;
}

/** The element's text, its descendants' included. */
export function textOf(node: XmlElement): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
