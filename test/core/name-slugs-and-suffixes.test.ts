/**
 * Naming details (DESIGN.md §5): slugs have no hyphen at either end, the length limit is inclusive, and
 * per-project suffixes stay unique and readable even in corner cases.
 */
import { isValidTokenName, slugify, targetSuffixes } from '../../lib/core';

test('slugs lose leading and trailing hyphens, however many', () => {
  expect(slugify('--gitlab--')).toBe('gitlab');
  expect(slugify('---gitlab')).toBe('gitlab');
  expect(slugify('gitlab---')).toBe('gitlab');
  expect(slugify('__My Project!!')).toBe('my-project');
});

test('a name of exactly the maximum length is valid; one character more is not', () => {
  expect(isValidTokenName('team-bot', 8)).toBe(true);
  expect(isValidTokenName('team-bots', 8)).toBe(false);
});

describe('per-project suffixes, corner cases', () => {
  test("paths with nothing to slug are named 'project', then numbered", () => {
    expect([...targetSuffixes(['日本/語', '中文/字']).values()]).toEqual(['project', 'project-2']);
  });

  test('paths whose full slugs collide are numbered on the full slug, not on the shared project name', () => {
    expect([...targetSuffixes(['gitlab.org/runner', 'gitlab-org/runner', 'gitlab_org/runner']).values()]).toEqual([
      'gitlab-org-runner', 'gitlab-org-runner-2', 'gitlab-org-runner-3',
    ]);
  });

  test('a unique project name that clashes with an earlier suffix is numbered, not spelled out in full', () => {
    const s = targetSuffixes(['charts/gitlab', 'omnibus/gitlab', 'gitlab-org/charts-gitlab']);
    expect([...s.entries()]).toEqual([
      ['charts/gitlab', 'charts-gitlab'],
      ['omnibus/gitlab', 'omnibus-gitlab'],
      ['gitlab-org/charts-gitlab', 'charts-gitlab-2'],
    ]);
  });
});
