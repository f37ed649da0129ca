/**
 * Parts of the review diff the property tests do not pin: how copies read when count/for_each cannot be
 * evaluated, lists of users and findings joined with '; ', an identity with no reach, the order of added
 * hand-written credentials that share a name, and a lifetime shown with its markup in the note.
 */
import { GrantType, IdentityKind as K, diffInventories, diffToMarkdown } from '../../../lib/core';
import { changeOf, diffOf, entry, inventory } from './fixtures';

describe('copies', () => {
  test('a count that can no longer be evaluated reads "unknown" and is an escalation', () => {
    expect(changeOf(entry({ copies: 1 }), entry({ copies: null }), 'copies')).toEqual({ dimension: 'copies', from: '1', to: 'unknown', escalation: true });
  });

  test.each([1, 2, 50])('a count that becomes known (%i) is a change, not an escalation', (copies) => {
    expect(changeOf(entry({ copies: null }), entry({ copies }), 'copies')).toEqual({ dimension: 'copies', from: 'unknown', to: String(copies), escalation: false });
  });
});

describe('lists in a change', () => {
  test('users are joined with "; ", and one more user is an escalation', () => {
    const before = entry({ users: ['service account gitlab_group_service_account.bot'] });
    const after = entry({ users: ['service account gitlab_group_service_account.bot', 'user 42'] });
    expect(changeOf(before, after, 'users')).toEqual({
      dimension: 'users', from: 'service account gitlab_group_service_account.bot', to: 'service account gitlab_group_service_account.bot; user 42', escalation: true,
    });
  });

  test('open findings are joined with "; "', () => {
    const findings = [
      { ruleId: 'GLID-006', level: 'error' as const, message: 'owner', path: 'quality/allure-report' },
      { ruleId: 'GLID-008', level: 'error' as const, message: 'sudo', path: 'quality/allure-report' },
    ];
    expect(changeOf(entry(), entry({ findings }), 'findings')?.to).toMatch(/GLID-006: owner; .*GLID-008: sudo$/);
  });

  test('an identity with no reach and no grant reads "none"', () => {
    const jobToken = entry({ kind: K.CI_JOB_TOKEN, reach: null, grants: [] });
    const reached = entry({ kind: K.CI_JOB_TOKEN, reach: null, grants: [{ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'gitlab-org/gitlab', source: 'gitlab-org/helper' }] });
    expect(changeOf(jobToken, reached, 'reach')?.from).toBe('none');
  });
});

describe('added credentials that share a name', () => {
  test('are listed by construct path, whichever order the inventory holds them in', () => {
    const at = (constructPath: string) => entry({ name: 'GitLab Bot', source: 'provider-resource', constructPath });
    const paths = (first: string, second: string) => diffInventories([], [inventory([at(first), at(second)])]).added.map((e) => e.constructPath);
    expect(paths('legacy/b', 'legacy/a')).toEqual(['legacy/a', 'legacy/b']);
    expect(paths('legacy/a', 'legacy/b')).toEqual(['legacy/a', 'legacy/b']);
  });
});

describe('the note', () => {
  test('shows a lifetime with its own markup, not escaped', () => {
    const note = diffToMarkdown(diffOf(entry(), entry({ expiry: 'never', lifetimeDays: null, rotateBeforeDays: null })));
    const row = note.split('\n').find((l) => l.startsWith('| **quality-allure-report** |') && l.includes('| lifetime |'));
    // Bold around the bold of lifetimeText: its markup kept, not escaped to \*\*.
    expect(row).toContain('****never expires****');
    expect(row).not.toContain('\\*');
  });
});
