/**
 * How received values and paths appear in error messages: what a user reads when an input is wrong. Every
 * message names the value it got (short, never a crash on odd values) and, for a mistyped path, offers the
 * corrected one when it can be read from the input.
 */
import { ErrorCode, IdentityError, formatValue, isIdentityError, listOf, sortPaths, validatePath, validateTopLevelGroup } from '../../lib/core';
import { identityErrorOf } from '../support/identity-error-of';
import { mentioningPattern } from '../support/mentioning';

describe('formatValue', () => {
  class Widget { public readonly size = 1; }
  class Acorn {}
  const circular: Record<string, unknown> = {};
  circular.self = circular;

  test.each<[string, unknown, string]>([
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a string, quoted', 'abc', "'abc'"],
    ['a string of 120 characters, whole', 'x'.repeat(120), `'${'x'.repeat(120)}'`],
    ['a string of 121 characters, cut to 117 and ...', 'y'.repeat(121), `'${'y'.repeat(117)}...'`],
    ['a number', 42, '42'],
    ['a boolean', false, 'false'],
    ['a bigint', BigInt(7), '7'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['a function', () => 1, 'a function'],
    ['an array of six', [1, 2, 3, 4, 5, 6], '[1, 2, 3, 4, 5, 6]'],
    ['an array of seven, cut after six', [1, 2, 3, 4, 5, 6, 7], '[1, 2, 3, 4, 5, 6, ...]'],
    ['a nested array', ['a', [true]], "['a', [true]]"],
    ['a plain object', { a: 1 }, 'an object {"a":1}'],
    ['a class instance, named', new Widget(), 'a Widget {"size":1}'],
    ['a class instance with a vowel', new Acorn(), 'an Acorn {}'],
    ['an object without prototype', Object.create(null) as object, 'an object {}'],
    ['a long object, cut at 120 characters', { k: 'z'.repeat(200) }, `an object ${JSON.stringify({ k: 'z'.repeat(200) }).slice(0, 120)}`],
    ['a circular object', circular, 'an unprintable value'],
  ])('%s', (_, value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('listOf', () => {
  test.each<[string[], string | undefined, string]>([
    [[], undefined, ''],
    [['a'], undefined, 'a'],
    [['a', 'b'], undefined, 'a or b'],
    [['a', 'b', 'c'], undefined, 'a, b or c'],
    [['a', 'b', 'c'], 'and', 'a, b and c'],
  ])('%j (%s) reads %j', (values, conjunction, text) => {
    expect(conjunction === undefined ? listOf(values) : listOf(values, conjunction)).toBe(text);
  });
});

describe('isIdentityError', () => {
  test('an IdentityError, or one of another copy of the library (same name and a code), is recognised', () => {
    expect(isIdentityError(new IdentityError(ErrorCode.INVALID_PATH, 'f', 'm'))).toBe(true);
    const copy = Object.assign(new Error('m'), { name: 'IdentityError', code: ErrorCode.INVALID_PATH });
    expect(isIdentityError(copy)).toBe(true);
  });

  test.each<[string, unknown]>([
    ['a plain Error', new Error('m')],
    ['an Error named IdentityError without a code', Object.assign(new Error('m'), { name: 'IdentityError' })],
    ['an Error with a code but another name', Object.assign(new Error('m'), { code: 'X' })],
    ['a plain object shaped like one', { name: 'IdentityError', code: 'X' }],
  ])('%s is not', (_, e) => {
    expect(isIdentityError(e)).toBe(false);
  });
});

describe('validatePath: the reason and the corrected path', () => {
  const messageOf = (value: unknown, kind: 'project' | 'group' = 'project') => identityErrorOf(() => validatePath(value, kind, 'reach.project')).message;

  test.each<[string, string, RegExp]>([
    ['a URL of a project page', 'https://gitlab.com/gitlab-org/gitlab/-/merge_requests', /it is a URL, not a path.*'gitlab-org\/gitlab'/],
    ['a clone URL', 'https://gitlab.com/gitlab-org/gitlab.git', /it is a URL.*'gitlab-org\/gitlab'/],
    ['stray slashes', '/gitlab-org//gitlab/', /starts or ends with '\/'.*'gitlab-org\/gitlab'/],
    ['a .git suffix', 'gitlab-org/gitlab.git', /segment 'gitlab.git' ends in '.', '.git' or '.atom'.*'gitlab-org\/gitlab'/],
    ['a .atom suffix', 'gitlab-org/feed.atom', /segment 'feed.atom' ends in '.', '.git' or '.atom'/],
    ['a trailing dot', 'gitlab-org/gitlab.', /segment 'gitlab.' ends in/],
    ['a segment of 256 characters', `gitlab-org/${'a'.repeat(256)}`, new RegExp(`segment '${'a'.repeat(20)}\\.\\.\\.' is longer than 255 characters`)],
    ['a segment starting with -', 'gitlab-org/-x', /segment '-x' has a character outside/],
  ])('%s', (_, value, pattern) => {
    expect(messageOf(value)).toMatch(pattern);
  });

  test('a segment of exactly 255 characters is valid', () => {
    expect(validatePath(`gitlab-org/${'a'.repeat(255)}`, 'project', 'f')).toBe(`gitlab-org/${'a'.repeat(255)}`);
  });

  test('no correction is offered when the cleaned path is still wrong', () => {
    expect(messageOf('https://gitlab.com/')).not.toMatch(/Did you mean|Use '/);
    expect(messageOf('has space/x')).toContain('white space');
    // The URL is stripped, but what is left still has white space: offering it would send the user round in circles.
    expect(messageOf('https://gitlab.com/has space/x')).not.toMatch(/Use '/);
  });

  test.each<[string, string, 'project' | 'group', string]>([
    ['several leading slashes', '//gitlab-org/gitlab', 'project', 'gitlab-org/gitlab'],
    ['several trailing slashes', 'gitlab-org/gitlab//', 'project', 'gitlab-org/gitlab'],
    ['a group URL', 'https://gitlab.com/gitlab-org/quality', 'group', 'gitlab-org/quality'],
  ])('%s: the corrected path is offered', (_, value, kind, corrected) => {
    expect(messageOf(value, kind)).toContain(`Use '${corrected}'.`);
  });

  test.each<[string, string]>([
    // Only a URL at the start is read as one; here the whole value is a mistake, not a pasted link.
    ['a URL after other text', 'gitlab-org/https://gitlab.com/quality'],
    // A value spanning lines is not a pasted URL either.
    ['a URL followed by a second line', 'https://gitlab.com/quality\nextra'],
  ])('%s: no correction is guessed', (_, value) => {
    expect(messageOf(value, 'group')).not.toMatch(/Use '/);
  });
});

describe('validatePath: each reason on its own', () => {
  /** INVALID_PATH on the field given, and its message. */
  const refusal = (value: unknown, kind: 'project' | 'group') => {
    const e = identityErrorOf(() => validatePath(value, kind, 'reach.project'));
    expect({ code: e.code, field: e.field }).toEqual({ code: ErrorCode.INVALID_PATH, field: 'reach.project' });
    return e.message;
  };

  test('an empty path, a project without its namespace and a value that is not a string each say so', () => {
    expect(refusal('', 'group')).toContain('empty');
    expect(refusal('lib', 'project')).toMatch(mentioningPattern('namespace', 'namespace/project'));
    expect(validatePath('lib', 'group', 'reach.group')).toBe('lib');
    expect(refusal(7, 'group')).toContain('string');
  });

  test('a slash only at the start, or only at the end, is refused and the path without it offered', () => {
    expect(refusal('/gitlab-org/gitlab', 'project')).toMatch(mentioningPattern("'/'", "'gitlab-org/gitlab'"));
    expect(refusal('gitlab-org/gitlab/', 'project')).toMatch(mentioningPattern("'/'", "'gitlab-org/gitlab'"));
  });
});

describe('sortPaths', () => {
  test('by lowercase form, then by the original, in code-unit order whatever the locale', () => {
    expect(sortPaths(['b/x', 'A/y', 'a/y', 'B/x', 'a/Y'])).toEqual(['A/y', 'a/Y', 'a/y', 'B/x', 'b/x']);
    expect(sortPaths(['same', 'same'])).toEqual(['same', 'same']);
  });

  test('two paths that differ only in case come out in one order, whichever order they came in', () => {
    expect(sortPaths(['a/y', 'a/Y'])).toEqual(['a/Y', 'a/y']);
    expect(sortPaths(['a/Y', 'a/y'])).toEqual(['a/Y', 'a/y']);
  });
});

describe('validateTopLevelGroup: the corrected value', () => {
  const fix = (value: unknown) => identityErrorOf(() => validateTopLevelGroup(value, 'serviceAccountGroup', ErrorCode.INVALID_PATH)).message;

  test.each<[unknown, string]>([
    ['gitlab-org/quality', "Use 'gitlab-org'."],
    ['https://gitlab.com/gitlab-org/quality', "Use 'gitlab-org'."],
    ['/gitlab-org', "Use 'gitlab-org'."],
    ['  gitlab-org/x', "Use 'gitlab-org'."],
    ['//gitlab-org/quality', "Use 'gitlab-org'."],
    // A URL is stripped only at the start; otherwise the value is not guessed at.
    ['gitlab_orghttps://gitlab.com/x', "Use the group's path as in its URL."],
    ['-bad/x', "Use the group's path as in its URL."],
    [42, "Use the group's path as in its URL."],
  ])('%j: %s', (value, text) => {
    expect(fix(value)).toContain(text);
  });

  test('a top-level group is accepted as it is', () => {
    expect(validateTopLevelGroup('gitlab-org', 'f', ErrorCode.INVALID_PATH)).toBe('gitlab-org');
  });
});
