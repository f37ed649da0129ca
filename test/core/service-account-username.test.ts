/** Service-account usernames: a default GitLab accepts, unique per top-level group and name, and validation of overrides. */
import fc from 'fast-check';
import { runs } from '../support/property-runs';
import { ErrorCode, defaultServiceAccountUsername, defaultUsernameFor, isIdentityError, isValidUsername, validateServiceAccountUsername } from '../../lib/core';
import { identityErrorOf } from '../support/identity-error-of';
import { mentioningPattern } from '../support/mentioning';

const caught = identityErrorOf;

describe('defaultServiceAccountUsername', () => {
  test('carries the top-level group and the identity name, lowercase, joined by _', () => {
    expect(defaultServiceAccountUsername('gitlab-org', 'eng-prod-triage')).toBe('gitlab-org_eng-prod-triage');
    expect(defaultServiceAccountUsername('My.Org', 'team-bot')).toBe('my.org_team-bot');
  });

  test('two top-level groups give two usernames for the same identity name', () => {
    expect(defaultServiceAccountUsername('acme', 'team-bot')).not.toBe(defaultServiceAccountUsername('tools', 'team-bot'));
  });

  test('distinct (group, name) pairs never share a username: names have no _, so the last _ separates them', () => {
    expect(defaultServiceAccountUsername('acme', 'tools-bot-x')).not.toBe(defaultServiceAccountUsername('acme-tools', 'bot-x'));
    const group = fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+){0,3}$/);
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,4}){1,3}$/);
    fc.assert(fc.property(group, name, group, name, (g1, n1, g2, n2) => {
      fc.pre(g1 !== g2 || n1 !== n2);
      expect(defaultServiceAccountUsername(g1, n1)).not.toBe(defaultServiceAccountUsername(g2, n2));
    }), { numRuns: runs(300) });
  });

  test('is always a valid GitLab username for group paths GitLab accepts today', () => {
    const groupPath = fc.stringMatching(/^[a-zA-Z0-9]+([._-][a-zA-Z0-9]+){0,4}$/).filter((g) => g.length <= 200);
    // Identity names are <owner>-<purpose>: two name parts at least.
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,6}){1,3}$/);
    fc.assert(fc.property(groupPath, name, (g, n) => {
      expect(isValidUsername(defaultServiceAccountUsername(g, n))).toBe(true);
    }), { numRuns: runs(300) });
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
    expect(validateServiceAccountUsername('acme-release-bot', 'serviceAccountUsername')).toBe('acme-release-bot');
  });

  test.each([
    [42, 'automation-bot'], [null, 'automation-bot'], ['acme--bot', 'acme-bot'], ['Bot.git', 'bot-git'], ['x', 'automation-bot'],
  ])('refuses %p naming the field, the value and a valid suggestion %p', (value, suggestion) => {
    const e = caught(() => validateServiceAccountUsername(value, 'serviceAccountUsername'));
    expect(isIdentityError(e)).toBe(true);
    expect([e.code, e.field]).toEqual([ErrorCode.INVALID_USERNAME, 'serviceAccountUsername']);
    const received = typeof value === 'string' ? `'${value}'` : String(value);
    // The field, the value received, the suggestion, and what changing it later replaces (the service account).
    expect(e.message).toMatch(mentioningPattern('serviceAccountUsername', received, `'${suggestion}'`, 'service account'));
    expect(isValidUsername(suggestion)).toBe(true);
  });
});

describe('defaultUsernameFor', () => {
  test('returns the default when GitLab accepts it', () => {
    expect(defaultUsernameFor('acme', 'team-bot')).toBe('acme_team-bot');
  });

  test('a default GitLab would refuse says what it was derived from and offers a valid username', () => {
    const group = `g${'x'.repeat(250)}`;
    const e = caught(() => defaultUsernameFor(group, 'team-bot'));
    expect([e.code, e.field]).toEqual([ErrorCode.INVALID_USERNAME, 'serviceAccountUsername']);
    // What it was derived from, each value shortened in the message: the default username and the top-level
    // group (both start with the group), the separator '_', its length (251 + '_' + 8), and the fix:
    // serviceAccountUsername, with a suggestion (it too starts with the group, shortened).
    const start = `'g${'x'.repeat(20)}`;
    expect(e.message.split(start).length - 1).toBe(3);
    expect(e.message).toMatch(mentioningPattern("...'", "...'", "...'", "'_'", '260', 'serviceAccountUsername'));
    // A short one is shown whole: the default, the group, and a valid suggestion.
    expect(caught(() => defaultUsernameFor('legacy_', 'team-bot')).message)
      .toMatch(mentioningPattern("'legacy__team-bot'", "'legacy_'", '16', 'serviceAccountUsername', "'legacy-team-bot'"));
    expect(isValidUsername('legacy-team-bot')).toBe(true);
  });
});

describe('the username suggested for one GitLab refuses', () => {
  test('is cut to 255 characters, without a hyphen left at the end', () => {
    const e = caught(() => validateServiceAccountUsername(`${'a'.repeat(254)} b`, 'serviceAccountUsername'));
    // 254 a's, then '-' at position 255 is cut off with everything after it.
    expect(e.message).toContain(`'${'a'.repeat(254)}'`);
    expect(e.message).not.toContain(`'${'a'.repeat(254)}-`);
  });

  test('is a generic bot name when nothing usable is left; two characters are enough', () => {
    expect(caught(() => validateServiceAccountUsername('A!', 'serviceAccountUsername')).message).toContain("'automation-bot'");
    expect(caught(() => validateServiceAccountUsername('Ab!', 'serviceAccountUsername')).message).toContain("'ab'");
  });
});
