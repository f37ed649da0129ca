/**
 * escapeMarkdown and inlineCode: user data in the merge-request note can neither leave its line (quick
 * actions), nor its table cell, nor open HTML, a link or a GitLab reference. Assertions are on the raw
 * Markdown text GitLab receives.
 */
import fc from 'fast-check';
import { escapeMarkdown, inlineCode } from '../../lib/core/markdown-escape';
import { runs } from '../support/property-runs';

describe('escapeMarkdown', () => {
  test.each<[string, string]>([
    ['x\n/approve', 'x /approve'],
    ['a\r\n/label ~security', 'a /label \\~security'],
    ['a\rb\u0085c\u2028d\u2029e\vf\fg', 'a b c d e f g'],
    ['two\n\nbreaks', 'two  breaks'],
  ])('no line break survives: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test('a backslash is doubled first, then a pipe is escaped: neither can combine with the other', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('a\\|b')).toBe('a\\\\\\|b');
    expect(escapeMarkdown('C:\\temp')).toBe('C:\\\\temp');
  });

  test.each<[string, string]>([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<!-- hidden', '&lt;\\!-- hidden'],
    ['<details><summary>x</summary>', '&lt;details&gt;&lt;summary&gt;x&lt;/summary&gt;'],
    ['&lt; is not an entity', '\\&lt; is not an entity'],
    ['<https://evil>', '&lt;https\\[:\\]//evil&gt;'],
  ])('HTML is text: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test.each<[string, string]>([
    ['@all', '\\@all'],
    ['ping @security-team', 'ping \\@security-team'],
    ['#1 !2 %3', '\\#1 \\!2 \\%3'],
    ['group/project#12', 'group/project\\#12'],
    ['~security ~"needs review"', '\\~security \\~"needs review"'],
    ['&7 $8 ^alert#9', '\\&7 \\$8 \\^alert\\#9'],
    ['%"milestone 1"', '\\%"milestone 1"'],
  ])('no GitLab reference or mention: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test.each<[string, string]>([
    ['[link](https://evil)', '\\[link\\](https\\[:\\]//evil)'],
    ['![image](https://evil/x.png)', '\\!\\[image\\](https\\[:\\]//evil/x.png)'],
    ['`code`', '\\`code\\`'],
    ['*bold* and **strong**', '\\*bold\\* and \\*\\*strong\\*\\*'],
    ['_emphasis_ and __strong__', '\\_emphasis\\_ and \\_\\_strong\\_\\_'],
    ['*iteration:"Sprint 1"', '\\*iteration:"Sprint 1"'],
    ['$x$', '\\$x\\$'],
  ])('no link, image, code span or emphasis: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test.each<[string, string]>([
    ['see https://evil.example/login', 'see https\\[:\\]//evil.example/login'],
    ['HTTP://EVIL', 'HTTP\\[:\\]//EVIL'],
    ['ftp://x and git+ssh://y', 'ftp\\[:\\]//x and git+ssh\\[:\\]//y'],
    ['visit www.evil.example now', 'visit www\\[.\\]evil.example now'],
    ['WWW.Evil.example', 'WWW\\[.\\]Evil.example'],
    ['group/project, a:b, ratio 1:2//3', 'group/project, a:b, ratio 1:2//3'],
    ['_https://evil 1https://evil x_www.evil', '\\_https\\[:\\]//evil 1https\\[:\\]//evil x_www\\[.\\]evil'],
    // A scheme may hold dots: read in one pass, `www.evil.com+ftp` was a scheme and `www.evil.com` stayed a link.
    ['www.evil.com+ftp://x', 'www\\[.\\]evil.com+ftp\\[:\\]//x'],
    ['www. at the end', 'www. at the end'],
  ])('no bare URL GitLab would link: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test.each<[string, string]>([
    ['read_api', 'read_api'],
    ['gitlab_group_access_token', 'gitlab_group_access_token'],
    ['ALLURE_REPORT_TOKEN', 'ALLURE_REPORT_TOKEN'],
    ['*', '*'],
    ['a * b', 'a * b'],
    ['review/*', 'review/\\*'],
    ['computed at apply (${var.masked})', 'computed at apply (${var.masked})'],
    ['gitlab-org/gitlab', 'gitlab-org/gitlab'],
    ['quality / allure-report: 60 d, rotated 14 d before.', 'quality / allure-report: 60 d, rotated 14 d before.'],
  ])('identifiers stay readable where no markup can start: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test.each<[string, string]>([
    ['/approve', '&#47;approve'],
    ['  /merge', '  &#47;merge'],
    ['a/b', 'a/b'],
    ['', ''],
  ])('a leading / cannot be a quick action even at the start of a line: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test.each<[string, string]>([
    ['ad\u200bmin', 'ad\\\\u{200B}min'],
    ['\u202Eevil\u202C', '\\\\u{202E}evil\\\\u{202C}'],
    ['\u2066x\u2069', '\\\\u{2066}x\\\\u{2069}'],
    ['\uFEFFbom', '\\\\u{FEFF}bom'],
    ['soft\u00ADhyphen', 'soft\\\\u{00AD}hyphen'],
    ['nul\u0000esc\u001B', 'nul\\\\u{0000}esc\\\\u{001B}'],
  ])('hidden and bidi characters are shown as \\u{...}: %j reads %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  test('code points outside the BMP and accents pass unchanged', () => {
    expect(escapeMarkdown('🙂 café e\u0301')).toBe('🙂 café e\u0301');
  });
});

describe('inlineCode', () => {
  test.each<[string, string]>([
    ['legacy/bot', '`legacy/bot`'],
    ['a`b', '``a`b``'],
    ['a``b```c', '````a``b```c````'],
    ['`starts', '`` `starts ``'],
    ['ends`', '`` ends` ``'],
    [' spaced ', '`  spaced  `'],
    ['   ', '`   `'],
    ['', '` `'],
    ['x\n/approve', '`x /approve`'],
    ['a\r\nb\u2028c', '`a b c`'],
    ['<img> @all #1', '`<img> @all #1`'],
    ['ad\u200bmin', '`ad\\u{200B}min`'],
  ])('%j reads %j', (text, code) => {
    expect(inlineCode(text)).toBe(code);
  });
});

describe('on any text', () => {
  // Pieces that make links, breaks, hidden characters and references, mixed with any characters at all.
  const piece = fc.oneof(
    fc.constantFrom('https://', 'HTTP://', 'www.', 'WWW.x', 'ftp:', '//', ':', '\n', '\r\n', '\u2028', '\u0085', '\u200b', '\u202e', '\u00ad', '\u0007',
      '<', '>', '|', '`', '_', '*', '$', '@', '#', '/', '->', "'", ' '),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
  const HIDDEN_OR_BREAK = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\n\r\v\f\u0085\u2028\u2029]|(?![\t])\p{Cc}/u;

  test('escapeMarkdown leaves no line break, hidden character, bare URL, table pipe or HTML', () => {
    fc.assert(fc.property(text, (t) => {
      const out = escapeMarkdown(t);
      return !HIDDEN_OR_BREAK.test(out) && !/[a-z][a-z0-9+.-]*:\/\//i.test(out) && !/www\.\S/i.test(out) && !/(^|[^\\])\|/.test(out) && !/[<>]/.test(out);
    }), { numRuns: runs(2000) });
  });

  test('inlineCode leaves no line break or hidden character', () => {
    fc.assert(fc.property(text, (t) => !HIDDEN_OR_BREAK.test(inlineCode(t))), { numRuns: runs(1000) });
  });
});
