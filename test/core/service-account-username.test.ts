/** Service-account usernames: a default GitLab accepts, unique per top-level group and name, and validation of overrides. */
import fc from 'fast-check';
import { ErrorCode, defaultServiceAccountUsername, isIdentityError, isValidUsername, validateServiceAccountUsername } from '../../lib/core';

describe('defaultServiceAccountUsername', () => {
  test('carries the top-level group and the identity name', () => {
    expect(defaultServiceAccountUsername('gitlab-org', 'eng-prod-triage')).toBe('gitlab-org-eng-prod-triage');
  });

  test('lowercases the group and turns runs of special characters into one hyphen', () => {
    expect(defaultServiceAccountUsername('My_Org..Tools', 'team-bot')).toBe('my-org-tools-team-bot');
    expect(defaultServiceAccountUsername('_acme_', 'team-bot')).toBe('acme-team-bot');
  });

  test('two top-level groups give two usernames for the same identity name', () => {
    expect(defaultServiceAccountUsername('acme', 'team-bot')).not.toBe(defaultServiceAccountUsername('tools', 'team-bot'));
  });

  test('is always a valid GitLab username for valid group paths and names', () => {
    const groupPath = fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,30}[a-zA-Z0-9_-]$/);
    // Identity names are <owner>-<purpose>: two name parts at least.
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,6}){1,3}$/);
    fc.assert(fc.property(groupPath, name, (g, n) => {
      expect(isValidUsername(defaultServiceAccountUsername(g, n))).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('isValidUsername follows GitLab\'s format', () => {
  test.each(['ab', 'bot', 'acme-bot', 'acme_bot', 'acme.bot', 'Acme-Bot', 'a1', 'x'.repeat(255)])('accepts %s', (u) => {
    expect(isValidUsername(u)).toBe(true);
  });

  test.each([
    ['', 'empty'],
    ['a', 'one character'],
    ['.bot', 'leading dot'],
    ['_bot', 'leading underscore'],
    ['bot-', 'trailing hyphen'],
    ['bot.json', 'file-extension ending'],
    ['-bot', 'leading hyphen'],
    ['bot.', 'trailing dot'],
    ['acme--bot', 'consecutive special characters'],
    ['acme._bot', 'consecutive special characters'],
    ['acme bot', 'space'],
    ['acme/bot', 'slash'],
    ['bot.git', '.git ending'],
    ['bot.ATOM', '.atom ending'],
    ['x'.repeat(256), 'longer than 255'],
  ])('refuses %j (%s)', (u) => {
    expect(isValidUsername(u)).toBe(false);
  });
});

describe('validateServiceAccountUsername', () => {
  test('returns a valid value unchanged', () => {
    expect(validateServiceAccountUsername('acme-release-bot', 'serviceAccountUsername', 'x')).toBe('acme-release-bot');
  });

  test.each([42, null, 'acme--bot', 'bot.git', 'x'])('refuses %p naming the field, the value and a fix', (value) => {
    let error: unknown;
    try {
      validateServiceAccountUsername(value, 'serviceAccountUsername', 'acme-team-bot');
    } catch (e) {
      error = e;
    }
    expect(isIdentityError(error)).toBe(true);
    const e = error as { code: string; field: string; message: string };
    expect([e.code, e.field]).toEqual([ErrorCode.INVALID_USERNAME, 'serviceAccountUsername']);
    expect(e.message).toContain("'acme-team-bot'");
    expect(e.message).toMatch(/replaces the service account/);
  });
});
