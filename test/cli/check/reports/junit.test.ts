/**
 * `--format junit`: well-formed JUnit XML for GitLab's test report, read back with a strict XML reader; the
 * counts GitLab shows; and text that survives any message.
 */
import { CheckResult } from '../../../../lib/cli/check/check-result';
import { junitReport } from '../../../../lib/cli/check/reports/junit';
import { xmlAttribute, xmlText } from '../../../../lib/cli/check/reports/xml';
import { EMPTY, HOSTILE, HOSTILE_RESULT, HOSTILE_TEXT, NOTE, NO_EXPIRY, OWNER, RESULT, SUPPRESSED, movedTo } from './fixtures';
import { XmlElement, findAll, parseXml, textOf } from './xml-parser';

const parse = (result: CheckResult) => parseXml(junitReport(result));
const cases = (result: CheckResult) => findAll(parse(result), 'testcase');
const child = (testcase: XmlElement, name: string) => testcase.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** What a reader gets back of text: each character XML 1.0 excludes (controls, lone surrogates, U+FFFE/F) as U+FFFD. */
const readable = (text: string) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
/** ... and of a name or a message, which is put on one line first. */
const readBack = (text: string) => readable(text.replace(/\r\n/g, ' ').replace(/[\p{Cc}\u2028\u2029]/gu, ' '));

describe('the XML reader the tests rely on is strict', () => {
  test.each([
    ['<a>\u0000</a>'], ['<a>&#0;</a>'], ['<a>&#x1b;</a>'], ['<a b="<"/>'], ['<a>]]></a>'], ['<a></b>'], ['<a>&</a>'],
    ['<a x="1" x="2"/>'], ['<a/><b/>'], ['<a>'], ['<a b="1"c="2"/>'], ['<a>\uFFFF</a>'], ['<a>\uD800</a>'],
  ])('rejects %j', (doc) => {
    expect(() => parseXml(doc)).toThrow();
  });

  test('decodes references and normalizes attribute values and line ends', () => {
    const el = parseXml('<a v="x&#10;y\tz &amp;&quot;&apos;&lt;&gt;">1\r\n2&#13;3<![CDATA[<4>]]></a>');
    expect(el.attributes.v).toBe('x\ny z &"\'<>');
    expect(textOf(el)).toBe('1\n2\r3<4>');
  });
});

describe('junitReport', () => {
  test('an XML declaration, one testsuite named gitlab-identity, the counts GitLab shows', () => {
    const text = junitReport(RESULT);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(text.endsWith('</testsuites>\n')).toBe(true);
    const root = parseXml(text);
    const suites = findAll(root, 'testsuite');
    expect(suites).toHaveLength(1);
    for (const el of [root, suites[0]]) {
      // 5 findings and 1 clean file; failures: the error and the two warnings; skipped: the suppressed one.
      expect(el.attributes).toEqual({ name: 'gitlab-identity', tests: '6', failures: '3', errors: '0', skipped: '1' });
    }
    expect(findAll(root, 'testcase')).toHaveLength(6);
    expect(findAll(root, 'failure')).toHaveLength(3);
    expect(findAll(root, 'skipped')).toHaveLength(1);
  });

  test('an unsuppressed error: a failure typed with the rule ID, the details as text', () => {
    const [testcase] = cases({ findings: [OWNER], files: [OWNER.location.file] });
    expect(testcase.attributes).toEqual({
      classname: 'stacks/ci/cdk.tf.json',
      name: 'GLID-006 gitlab_project_access_token.bot: project access token bot has access_level owner.',
      file: 'stacks/ci/cdk.tf.json',
    });
    const failure = child(testcase, 'failure')!;
    expect(failure.attributes).toEqual({ message: OWNER.message, type: 'GLID-006' });
    expect(textOf(failure)).toBe([
      'ERROR GLID-006 (owner-access-level): project access token bot has access_level owner.',
      `Fix: ${OWNER.fix}`,
      'File: stacks/ci/cdk.tf.json:12',
      'Address: gitlab_project_access_token.bot',
      'Attribute: access_level',
      'Construct: ci/bot/token',
      'Declared at: src/ci.ts:40',
      'Rule: A token or an automation\'s membership has the owner role. See RULES.md#glid-006.',
    ].join('\n'));
  });

  test('a warning fails too; a note passes with its details in system-out', () => {
    const [warning, note] = cases({ findings: [NO_EXPIRY, NOTE], files: [] });
    expect(child(warning, 'failure')!.attributes.type).toBe('GLID-001');
    expect(note.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['system-out']);
    expect(textOf(note)).toContain('INFO GLID-022');
  });

  test('a suppressed finding is skipped, with its reason', () => {
    const [testcase] = cases({ findings: [SUPPRESSED], files: [] });
    expect(child(testcase, 'failure')).toBeUndefined();
    const skipped = child(testcase, 'skipped')!;
    expect(skipped.attributes).toEqual({ message: 'suppressed: group is 4 projects, owned by one team' });
    expect(textOf(skipped)).toContain('Suppressed (GLID-010): group is 4 projects, owned by one team');
  });

  test('one passing testcase per file read without findings', () => {
    const clean = cases(RESULT).filter((c) => c.children.length === 0);
    expect(clean.map((c) => c.attributes)).toEqual([{ classname: 'stacks/clean/cdk.tf.json', name: 'no findings', file: 'stacks/clean/cdk.tf.json' }]);
    expect(cases({ findings: [], files: ['a.tf', 'b.tf'] }).map((c) => c.attributes.classname)).toEqual(['a.tf', 'b.tf']);
  });

  test('names are unique (GitLab keeps only the first of a name) and carry no line number (a moved block is the same test)', () => {
    const names = cases({ findings: [OWNER, movedTo(OWNER, 30), movedTo(OWNER, 50)], files: [] }).map((c) => c.attributes.name);
    expect(new Set(names).size).toBe(3);
    expect(names[1]).toBe(`${names[0]} (2)`);
    expect(cases({ findings: [movedTo(OWNER, 99)], files: [] })[0].attributes.name).toBe(names[0]);
  });

  test('no findings and no files: an empty suite', () => {
    expect(parse(EMPTY).attributes).toMatchObject({ tests: '0', failures: '0', skipped: '0' });
  });

  describe('hostile text', () => {
    test('stays well-formed; markup is escaped, excluded characters replaced', () => {
      const text = junitReport(HOSTILE_RESULT);
      expect(() => parseXml(text)).not.toThrow();
      expect(text).not.toContain('\u0000');
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain(']]>');
      expect(text).toContain('&lt;/failure&gt;');
      expect(text.match(/<\/failure>/g)).toHaveLength(1);
    });

    test('what a reader gets back is what was given, on one line where it is a name or a message', () => {
      const [failing, skipped, clean] = cases(HOSTILE_RESULT);
      expect(failing.attributes.classname).toBe(HOSTILE.location.file);
      expect(child(failing, 'failure')!.attributes.message).toBe(readBack(HOSTILE_TEXT));
      expect(child(skipped, 'skipped')!.attributes.message).toBe(readBack(`suppressed: ${HOSTILE_TEXT}`));
      expect(textOf(child(failing, 'failure')!)).toContain(`Fix: ${readable(HOSTILE_TEXT)}`);
      // A file name is not a message: it comes back whole, line breaks and all.
      expect(clean.attributes.classname).toBe(readable(`clean ${HOSTILE_TEXT}.tf`));
    });
  });
});

describe('escaping', () => {
  test('attributes: the five markup characters and tab, LF, CR', () => {
    expect(xmlAttribute('<&"\'>\t\n\r')).toBe('&lt;&amp;&quot;&apos;&gt;&#9;&#10;&#13;');
  });

  test('text: markup characters, CR kept as a reference, excluded characters as U+FFFD', () => {
    expect(xmlText('a<b>&]]>\r\n\u0000\u0008\u000b\u000c\u001f\ufffe\uffff|\ud800\udc00|\udc00\ud800|😀\t'))
      .toBe('a&lt;b&gt;&amp;]]&gt;&#13;\n\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd|\ud800\udc00|\ufffd\ufffd|😀\t');
  });
});
