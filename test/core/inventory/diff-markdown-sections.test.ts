/**
 * The review note of an inventory diff, section by section: a diff without escalations says so on its own
 * line, each of the Added, Removed and Changed sections appears only when it has something to list, and the
 * Added table fills every cell a reviewer reads ('—' for no role or no scopes, lists comma-separated).
 */
import { AccessLevel, GrantType, IdentityKind as K, InventoryEntry, RuntimeType, TokenScope, diffInventories, diffToMarkdown } from '../../../lib/core';
import { entry, inventory } from './fixtures';

/** A CI job token: no role of its own and no scopes. */
const jobToken = entry({
  name: 'runner-helper-pull', kind: K.CI_JOB_TOKEN, accessLevel: null, scopes: [], expiry: 'job-duration', lifetimeDays: null, rotateBeforeDays: null,
  runtime: { type: RuntimeType.CI_PIPELINE, sourceProject: 'gitlab-org/helper' },
  grants: [{ type: GrantType.JOB_TOKEN_ALLOWLIST, targetType: 'project', target: 'gitlab-org/gitlab-runner', source: 'gitlab-org/helper' }],
  deliveries: [], decisionRule: 1, constructPath: 'runner/helper-pull',
});

/** A group token written directly with the provider: no reach of its own, granted on two groups, with two scopes. */
const legacyBot: InventoryEntry = entry({
  name: 'legacy-bot', source: 'provider-resource', kind: K.GROUP_ACCESS_TOKEN, resourceType: 'gitlab_group_access_token',
  owner: null, purpose: null, runtime: null, reach: null, capabilities: [],
  grants: [
    { type: GrantType.ACCESS_TOKEN, targetType: 'group', target: 'gitlab-com' },
    { type: GrantType.ACCESS_TOKEN, targetType: 'group', target: 'gitlab-org' },
  ],
  accessLevel: AccessLevel.MAINTAINER, scopes: [TokenScope.API, TokenScope.READ_REPOSITORY], expiry: 'never', lifetimeDays: null, rotateBeforeDays: null,
  deliveries: [], decisionRule: null, rationale: [], constructPath: 'legacy/bot',
});

const note = (before: readonly InventoryEntry[], after: readonly InventoryEntry[]) => diffToMarkdown(diffInventories([inventory(before)], [inventory(after)]));

describe('diffToMarkdown: only the sections that have something to say', () => {
  test('an identity removed: no escalation, then the Removed list alone', () => {
    const md = note([entry(), entry({ name: 'old-bot', constructPath: 'quality/old' })], [entry()]);
    expect(md).toBe([
      '# GitLab identity changes',
      '',
      'No escalation of privilege.',
      '',
      '## Removed',
      '',
      '- old-bot (project-access-token, stack quality)',
      '',
    ].join('\n'));
  });

  test('a shorter lifetime (hardening): no escalation, then the Changed section alone', () => {
    const md = note([entry()], [entry({ lifetimeDays: 30 })]);
    expect(md).toBe([
      '# GitLab identity changes',
      '',
      'No escalation of privilege.',
      '',
      '## Changed',
      '',
      '### quality-allure-report',
      '',
      '- lifetime: 60 d, rotated 14 d before → 30 d, rotated 14 d before',
      '',
    ].join('\n'));
  });

  test('identities added: each is an escalation, then the Added table alone, with — for no role or no scopes', () => {
    const md = note([entry()], [entry(), jobToken, legacyBot]);
    expect(md).toBe([
      '# GitLab identity changes',
      '',
      '## ⚠️ 2 escalations of privilege',
      '',
      '| identity | stack | what | before | after |',
      '|---|---|---|---|---|',
      '| **legacy-bot** | quality | identity | none | **group-access-token as maintainer** |',
      '| **runner-helper-pull** | quality | identity | none | **ci-job-token** |',
      '',
      '## Added',
      '',
      '| identity | stack | kind | role | scopes | lifetime | reach |',
      '|---|---|---|---|---|---|---|',
      '| legacy-bot | quality | group-access-token | maintainer | api, read_repository | **never expires** | gitlab-com, gitlab-org |',
      '| runner-helper-pull | quality | ci-job-token | — | — | job duration | gitlab-org/gitlab |',
      '',
    ].join('\n'));
  });
});
