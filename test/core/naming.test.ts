/** Naming rule (DESIGN.md §5): validation with suggestions, per-project suffixes. */
import { ErrorCode, formatValue, isValidTokenName, slugify, suggestNamePart, targetSuffixes, validateNamePart } from '../../lib/core';
import { mentioningPattern as mentioning } from '../support/mentioning';

/** The IdentityError with this code and field whose message holds `parts`. */
const identityError = (code: ErrorCode, field: string, ...parts: string[]) =>
  expect.objectContaining({ code, field, message: expect.stringMatching(mentioning(...parts)) });

describe('name parts', () => {
  test.each(['quality', 'eng-prod', 'team2', 'a'])('%s is valid', (v) => {
    expect(validateNamePart(v, 'owner')).toBe(v);
  });
  test.each([
    ['Quality Team', 'quality-team'],
    ['eng_prod', 'eng-prod'],
    ['--x--', 'x'],
    ['9lives', 'lives'],
    ['a--b', 'a-b'],
    ['Ünïcode', 'n-code'],
    ['', 'platform-team'],
    ['123', 'platform-team'],
  ])('%j is rejected with suggestion %j', (value, suggestion) => {
    expect(() => validateNamePart(value, 'owner')).toThrow(
      identityError(ErrorCode.INVALID_NAME_PART, 'owner', 'owner', formatValue(value), `'${suggestion}'`),
    );
    expect(suggestNamePart(value, 'platform-team')).toBe(suggestion);
  });
  test('suggestions are themselves valid', () => {
    for (const v of ['X Y Z', '__a__', 'A.B.C', 'x-', '-x']) expect(() => validateNamePart(suggestNamePart(v, 'auto'), 'purpose')).not.toThrow();
  });
});

describe('per-project suffixes', () => {
  test('the project name where unique, the whole path where names clash', () => {
    const s = targetSuffixes(['gitlab-org/gitlab-runner', 'gitlab-org/charts/gitlab-runner', 'gitlab-org/gitaly']);
    expect([...s.entries()]).toEqual([
      ['gitlab-org/gitlab-runner', 'gitlab-org-gitlab-runner'],
      ['gitlab-org/charts/gitlab-runner', 'gitlab-org-charts-gitlab-runner'],
      ['gitlab-org/gitaly', 'gitaly'],
    ]);
  });
  test('paths that slugify alike still get distinct suffixes', () => {
    const s = targetSuffixes(['a.b/c', 'a-b/c', 'a_b/c']);
    expect(new Set(s.values()).size).toBe(3);
    expect([...s.values()]).toEqual(['a-b-c', 'a-b-c-2', 'a-b-c-3']);
  });
  test('suffixes are slugs', () => {
    expect(slugify('My_Project.v2')).toBe('my-project-v2');
  });
});

test('isValidTokenName checks shape and length', () => {
  expect(isValidTokenName('team-bot', 64)).toBe(true);
  expect(isValidTokenName('team-bot', 7)).toBe(false);
  expect(isValidTokenName('Team-bot', 64)).toBe(false);
  expect(isValidTokenName('team--bot', 64)).toBe(false);
});
