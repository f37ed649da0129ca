/**
 * Suppressions come from the Terraform JSON: the stack-level list the construct layer writes and
 * `gitlab-identity:ignore` comments on blocks. A reason must be visible text, the rule must exist, secrets in
 * plain places and admin scopes are silenced only where they are raised, and a suppression that silences
 * nothing is itself reported.
 */
import { TerraformConfig } from '../../../lib/core';
import { active, check, compliantToken, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const REASON = 'group holds 4 projects only';

/** A group access token under the construct path team/ci/Token (GLID-010 warns about it). */
function groupToken(suppressions: unknown, extra: Record<string, unknown> = {}): TerraformConfig {
  return {
    ...stack({
      resource: {
        gitlab_group_access_token: {
          g: { '//': { metadata: { path: 'team/ci/Token' } }, name: 'team-ci', group: 'acme', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } },
        },
        ...extra,
      },
    }),
    '//': { 'gitlab-identity': { suppressions } },
  };
}

const suppressionsOf = (entries: Record<string, unknown>) => entries;

describe('stack-level suppressions', () => {
  test('given no suppression, when checked, then GLID-010 warns about the group token', () => {
    expect(active(check(groupToken(undefined)), 'GLID-010')).toHaveLength(1);
  });

  test('given a GLID-010 suppression scoped to team, when checked, then the finding below team is silenced with it', () => {
    const report = check(groupToken(suppressionsOf({ x: { id: 'GLID-010', reason: REASON, scope: 'team' } })));
    const [finding] = report.findings.filter((f) => f.ruleId === 'GLID-010');
    expect(finding.suppressedBy).toEqual({ id: 'GLID-010', reason: REASON, scope: 'team' });
    expect(active(report, 'GLID-010')).toEqual([]);
    expect(report.suppressions).toEqual([{ id: 'GLID-010', reason: REASON, scope: 'team' }]);
  });

  test('given the suppressions as a list, when checked, then they work the same', () => {
    const report = check(groupToken([{ id: 'GLID-010', reason: REASON, scope: 'team/ci' }]));
    expect(active(report, 'GLID-010')).toEqual([]);
  });

  test('given a scope that is only a text prefix of the path (tea), when checked, then the finding under team is not silenced', () => {
    const report = check(groupToken([{ id: 'GLID-010', reason: REASON, scope: 'tea' }]));
    expect(active(report, 'GLID-010').filter((f) => f.path === 'team/ci/Token')).toHaveLength(1);
  });

  test('given a suppression of another rule, when checked, then GLID-010 is not silenced', () => {
    const report = check(groupToken([{ id: 'GLID-014', reason: REASON, scope: 'team' }]));
    expect(active(report, 'GLID-010')).toHaveLength(1);
  });

  test('given a reason of zero-width characters, when checked, then the suppression is ignored with a warning', () => {
    const reason = '\u200b'.repeat(20) + '\u200d'.repeat(5);
    const report = check(groupToken([{ id: 'GLID-010', reason, scope: 'team' }]));
    expect(active(report, 'GLID-010')).toHaveLength(1);
    expect(report.suppressions).toEqual([]);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ ruleId: 'GLID-000', level: 'warning', path: 'team', message: expect.stringContaining('suppression of GLID-010 is ignored: its reason needs at least 10 visible characters') }),
    ]));
  });

  test('given a reason padded with spaces to length, when checked, then it is ignored too', () => {
    const report = check(groupToken([{ id: 'GLID-010', reason: 'short     \t     ', scope: 'team' }]));
    expect(active(report, 'GLID-010')).toHaveLength(1);
  });

  test('given an unknown rule ID, when checked, then it is reported and silences nothing', () => {
    const report = check(groupToken([{ id: 'GLID-999', reason: REASON, scope: 'team' }]));
    expect(active(report, 'GLID-010')).toHaveLength(1);
    expect(active(report, 'GLID-000')).toEqual([expect.objectContaining({ level: 'warning', message: mentioning('GLID-999') })]);
  });

  test('given a suppression that matches nothing, when checked, then a warning of its rule says so', () => {
    const report = check(groupToken([{ id: 'GLID-013', reason: REASON, scope: 'team' }]));
    expect(active(report, 'GLID-013')).toEqual([
      expect.objectContaining({ level: 'warning', path: 'team', message: expect.stringContaining(`suppression matched no finding (reason: ${REASON})`) }),
    ]);
  });

  test('given a reason with line breaks, when checked, then it is recorded on one line', () => {
    const report = check(groupToken([{ id: 'GLID-010', reason: 'group holds\n  4 projects only  ', scope: 'team' }]));
    expect(report.suppressions[0].reason).toBe('group holds 4 projects only');
  });

  test('given malformed entries (no scope, not an object), when checked, then they are skipped without throwing', () => {
    const report = check(groupToken([null, 'GLID-010', { id: 'GLID-010', reason: REASON }, { id: 'GLID-010', reason: REASON, scope: 7 }]));
    expect(active(report, 'GLID-010')).toHaveLength(1);
  });
});

describe('block comments', () => {
  function variableStack(comment: unknown): TerraformConfig {
    return stack({
      resource: {
        gitlab_project_access_token: { t: compliantToken() },
        gitlab_project_variable: { v: { '//': comment, project: 'acme/app', key: 'T', value: '${gitlab_project_access_token.t.token}', masked: true, hidden: true, protected: false } },
      },
    });
  }

  test('given no comment, when checked, then GLID-014 warns about the unprotected variable', () => {
    expect(active(check(variableStack(undefined)), 'GLID-014')).toHaveLength(1);
  });

  test('given "gitlab-identity:ignore GLID-014 <reason>" on the variable, when checked, then GLID-014 is silenced with that reason', () => {
    const report = check(variableStack('gitlab-identity:ignore GLID-014 reporter-only token in MR pipelines'));
    expect(active(report, 'GLID-014')).toEqual([]);
    expect(report.suppressions).toEqual([{ id: 'GLID-014', reason: 'reporter-only token in MR pipelines', scope: 'gitlab_project_variable.v' }]);
  });

  test('given a list of comments, when checked, then each one counts', () => {
    const report = check(variableStack(['note', 'gitlab-identity:ignore GLID-014 reporter-only token in MR pipelines']));
    expect(active(report, 'GLID-014')).toEqual([]);
  });

  test('given an ignore comment with a short reason, when checked, then it is ignored with a warning', () => {
    const report = check(variableStack('gitlab-identity:ignore GLID-014 ok'));
    expect(active(report, 'GLID-014')).toHaveLength(1);
    expect(active(report, 'GLID-000')).toHaveLength(1);
  });

  test('given an ignore comment on another block, when checked, then the variable is not silenced', () => {
    const config = variableStack(undefined) as { resource: { gitlab_project_access_token: { t: Record<string, unknown> } } };
    config.resource.gitlab_project_access_token.t['//'] = 'gitlab-identity:ignore GLID-014 reporter-only token in MR pipelines';
    const report = check(config as TerraformConfig);
    expect(active(report, 'GLID-014').filter((f) => f.path === 'gitlab_project_variable.v')).toHaveLength(1);
  });
});

describe('rules silenced only where they are raised (GLID-008, GLID-012, GLID-023)', () => {
  const FILE = 'team/files/Readme';
  const leaky = (suppressions: unknown): TerraformConfig => ({
    ...stack({
      resource: {
        gitlab_project_access_token: {
          t: { '//': { metadata: { path: 'team/bot/Token' } }, ...compliantToken({ scopes: ['read_api', 'sudo'] }) },
        },
        gitlab_repository_file: { f: { '//': { metadata: { path: FILE } }, project: 'acme/app', file_path: 'x', branch: 'main', content: '${gitlab_project_access_token.t.token}' } },
      },
      output: { tok: { value: '${gitlab_project_access_token.t.token}' } },
    }),
    '//': { 'gitlab-identity': { suppressions }, outputs: { team: { out: { tok: 'tok' } } } },
  });
  const wide = (id: string) => ({ id, reason: 'we accept this for the whole team', scope: 'team' });

  test.each(['GLID-008', 'GLID-012', 'GLID-023'])('given a stack-wide suppression of %s, when checked, then the finding stays active', (id) => {
    const report = check(leaky([wide(id)]));
    expect(active(report, id).filter((f) => !f.message.startsWith('suppression matched'))).toHaveLength(1);
  });

  test.each(['GLID-008', 'GLID-012', 'GLID-023'])('given a stack-wide suppression of %s that silences nothing, when checked, then it is reported as unmatched', (id) => {
    const report = check(leaky([wide(id)]));
    expect(active(report, id).some((f) => f.message.startsWith('suppression matched no finding'))).toBe(true);
  });

  test.each([
    ['GLID-008', 'team/bot/Token'],
    ['GLID-012', 'team/out/tok'],
    ['GLID-023', FILE],
  ])('given a suppression of %s scoped to the resource path %s, when checked, then the finding is silenced', (id, scope) => {
    const report = check(leaky([{ id, reason: 'accepted after review, see ticket 123', scope }]));
    expect(active(report, id)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === id)).toEqual([expect.objectContaining({ suppressedBy: expect.objectContaining({ scope }) })]);
  });

  test('given a GLID-023 suppression on the token (not the file), when checked, then the file still reports', () => {
    const report = check(leaky([{ id: 'GLID-023', reason: 'accepted after review, see ticket 123', scope: 'team/bot/Token' }]));
    expect(active(report, 'GLID-023').filter((f) => f.path === FILE)).toHaveLength(1);
  });

  test('given a non-local rule suppressed stack-wide next to local ones, when checked, then only it is silenced', () => {
    const report = check(leaky([wide('GLID-003'), wide('GLID-012')]));
    expect(active(report, 'GLID-012').filter((f) => f.path === 'team/out/tok')).toHaveLength(1);
  });
});

describe('block comments on blocks other than resources', () => {
  // Was a bug, fixed: readSuppressions is given only the stack's resources (check-app.ts), so a `gitlab-identity:ignore` comment
  // on a data block is silently ignored, with no warning, although GLID-023 is raised on that very data block.
  test('given an ignore comment on the data source that receives the secret, when checked, then GLID-023 there is silenced', () => {
    const report = check(stack({
      resource: { gitlab_project_access_token: { t: compliantToken() } },
      data: { http: { h: { '//': 'gitlab-identity:ignore GLID-023 internal broker endpoint, reviewed in SEC-12', url: 'https://x.example/?t=${gitlab_project_access_token.t.token}' } } },
    }));
    expect(active(report, 'GLID-023')).toEqual([]);
  });
});
