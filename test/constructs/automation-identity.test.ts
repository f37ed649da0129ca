/**
 * Each identity kind rendered as provider resources (snake_case synthesized JSON): explicit access level,
 * scopes, rotation or time_rotating wiring, memberships, allowlist direction.
 */
import { GroupAccessToken } from '@cdktf/provider-gitlab/lib/group-access-token';
import { GroupDeployToken } from '@cdktf/provider-gitlab/lib/group-deploy-token';
import { GroupMembership } from '@cdktf/provider-gitlab/lib/group-membership';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { GroupServiceAccountAccessToken } from '@cdktf/provider-gitlab/lib/group-service-account-access-token';
import { PersonalAccessToken } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { ProjectJobTokenScope } from '@cdktf/provider-gitlab/lib/project-job-token-scope';
import { ProjectMembership } from '@cdktf/provider-gitlab/lib/project-membership';
import { DataGitlabGroup } from '@cdktf/provider-gitlab/lib/data-gitlab-group';
import { DataGitlabProject } from '@cdktf/provider-gitlab/lib/data-gitlab-project';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { AccessLevel, AutomationIdentity, Capability as C, ErrorCode, IdentityKind, IdentitySuppressions, Reach, Runtime } from '../../lib';
import { address, dataSources, request, resolveToken, resources, synth, synthApp, userStack } from './support';
import { mentioningPattern as mentioning } from '../support/mentioning';

describe('project access token', () => {
  // GIVEN an API automation on one project WHEN synthesized THEN one project access token, role explicit
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'allure', request({
    owner: 'quality', purpose: 'allure-report', runtime: Runtime.ciPipeline('gitlab-org/gitlab'),
    reach: Reach.project('gitlab-org/gitlab'), capabilities: [C.API_TRIAGE],
  }));
  const out = synth(stack);

  test('explicit reporter role, minimal scopes, provider rotation', () => {
    expect(identity.plan.kind).toBe(IdentityKind.PROJECT_ACCESS_TOKEN);
    expect(out).toHaveResourceWithProperties(ProjectAccessToken, {
      project: 'gitlab-org/gitlab',
      name: 'quality-allure-report',
      access_level: 'reporter',
      scopes: ['api'],
      rotation_configuration: { expiration_days: 90, rotate_before_days: 14 },
      description: 'quality/allure-report: project-access-token',
    });
  });

  test('no expires_at: the provider computes it from rotation_configuration at apply', () => {
    expect(resources(out, 'gitlab_project_access_token')[0]).not.toHaveProperty('expires_at');
  });

  test('token is a reference to the resource\'s sensitive attribute', () => {
    expect(resolveToken(stack, identity.token)).toBe(`\${${address(out, 'gitlab_project_access_token')}.token}`);
  });

  test('no time provider is added when nothing needs it', () => {
    expect(out).not.toHaveProvider(TimeProvider);
  });
});

describe('group access token', () => {
  const stack = userStack();
  new AutomationIdentity(stack, 'triage', request({
    reach: Reach.group('small-team', { projectCount: 4 }), capabilities: [C.API_READ, C.API_TRIAGE], lifetimeDays: 30, rotateBeforeDays: 5,
  }));
  const out = synth(stack);

  test('explicit role and rotation on the group', () => {
    expect(out).toHaveResourceWithProperties(GroupAccessToken, {
      group: 'small-team', name: 'team-bot', access_level: 'reporter', scopes: ['api'],
      rotation_configuration: { expiration_days: 30, rotate_before_days: 5 },
    });
  });
});

describe('project deploy tokens', () => {
  // GIVEN registry pulls from two projects WHEN synthesized THEN one deploy token each, replaced by time_rotating
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'pull', request({
    purpose: 'image-pull', reach: Reach.projects(['gitlab-org/build/cng', 'gitlab-org/gitaly']),
    capabilities: [C.CONTAINER_REGISTRY_READ], lifetimeDays: 60, rotateBeforeDays: 10,
  }));
  const out = synth(stack);
  const rotation = address(out, 'time_rotating');
  const renewal = address(out, 'terraform_data');

  test('the replacement fires through a terraform_data replaced with the roll-over instant (a time_rotating named directly never fires)', () => {
    expect(resources(out, 'terraform_data')).toEqual([expect.objectContaining({ triggers_replace: { rotation: `\${${rotation}.rotation_rfc3339}` } })]);
  });

  test('one token per project, named per project, read_registry only', () => {
    expect(out).toHaveResourceWithProperties(ProjectDeployToken, { project: 'gitlab-org/build/cng', name: 'team-image-pull-cng', scopes: ['read_registry'] });
    expect(out).toHaveResourceWithProperties(ProjectDeployToken, { project: 'gitlab-org/gitaly', name: 'team-image-pull-gitaly', scopes: ['read_registry'] });
    expect(resources(out, 'gitlab_project_deploy_token')).toHaveLength(2);
  });

  test('time_rotating rolls over at lifetime - rotate-before', () => {
    expect(out).toHaveResourceWithProperties(Rotating, { rotation_days: 50 });
  });

  test('expires_at = roll-over + rotate-before, computed by Terraform, never a synth-time date', () => {
    for (const token of resources(out, 'gitlab_project_deploy_token')) {
      expect(token.expires_at).toBe(`\${timeadd(${rotation}.rotation_rfc3339, "240h")}`);
    }
  });

  test('tokens are replaced with the rotation, the new one created first', () => {
    for (const token of resources(out, 'gitlab_project_deploy_token')) {
      // A plain address: Terraform rejects `${...}` in replace_triggered_by at load.
      expect(token.lifecycle).toMatchObject({ create_before_destroy: true, replace_triggered_by: [renewal] });
    }
  });

  test('the stack gets the hashicorp/time provider, once', () => {
    expect(out).toHaveProvider(TimeProvider);
    expect((JSON.parse(out) as { provider: { time: unknown[] } }).provider.time).toHaveLength(1);
  });

  test('per-project secrets and usernames are references', () => {
    expect(resolveToken(stack, identity.tokenFor('gitlab-org/gitaly'))).toMatch(/^\$\{gitlab_project_deploy_token\.[^.]+\.token\}$/);
    expect(resolveToken(stack, identity.usernameFor('GitLab-Org/Gitaly'))).toMatch(/^\$\{gitlab_project_deploy_token\.[^.]+\.username\}$/);
    expect(() => identity.token).toThrow(
      expect.objectContaining({ code: ErrorCode.NO_SINGLE_TOKEN, field: 'token (team/pull)', message: expect.stringMatching(mentioning('token (team/pull)', 'tokenFor(target)')) }),
    );
  });
});

describe('group deploy token', () => {
  const stack = userStack();
  new AutomationIdentity(stack, 'pull', request({ reach: Reach.group('gitlab-org', { projectCount: 350 }), capabilities: [C.PACKAGE_REGISTRY_READ] }));
  const out = synth(stack);

  test('one token on the group with package-registry read only', () => {
    expect(out).toHaveResourceWithProperties(GroupDeployToken, { group: 'gitlab-org', name: 'team-bot', scopes: ['read_package_registry'] });
    expect(out).toHaveResourceWithProperties(Rotating, { rotation_days: 76 });
  });
});

describe('service account', () => {
  // GIVEN an API automation on several projects WHEN synthesized THEN a service account, a membership per project
  const stack = userStack();
  new AutomationIdentity(stack, 'releases', request({
    owner: 'runner', purpose: 'releases', runtime: Runtime.ciPipeline('gitlab-org/gitlab-runner'),
    reach: Reach.projects(['gitlab-org/gitlab-runner', 'gitlab-org/charts/gitlab-runner']),
    capabilities: [C.REPOSITORY_WRITE, C.RELEASES_WRITE, C.API_WRITE], contactEmail: 'runner-team@example.com',
  }));
  const out = synth(stack);
  const account = address(out, 'gitlab_group_service_account');
  const userId = `\${tonumber(${account}.service_account_id)}`;

  test('the account lives in the top-level group; its email is the contact address tagged with its name (emails are unique per GitLab user)', () => {
    expect(out).toHaveResourceWithProperties(GroupServiceAccount, { group: 'gitlab-org', name: 'runner-releases', email: 'runner-team+runner-releases@example.com' });
  });

  test('one membership per reached project, with the planned role and the numeric user id', () => {
    for (const project of ['gitlab-org/gitlab-runner', 'gitlab-org/charts/gitlab-runner']) {
      expect(out).toHaveResourceWithProperties(ProjectMembership, { project, access_level: 'developer', user_id: userId });
    }
    expect(resources(out, 'gitlab_project_membership')).toHaveLength(2);
  });

  test('the token: minimal scopes, rotation, the account\'s numeric id', () => {
    expect(out).toHaveResourceWithProperties(GroupServiceAccountAccessToken, {
      group: 'gitlab-org', user_id: userId, name: 'runner-releases', scopes: ['api', 'write_repository'],
      rotation_configuration: { expiration_days: 90, rotate_before_days: 14 },
    });
  });
});

describe('service account on a whole group', () => {
  const stack = userStack();
  new AutomationIdentity(stack, 'triage', request({
    reach: Reach.group('gitlab-org/quality', { projectCount: 60 }), capabilities: [C.API_TRIAGE, C.API_MAINTAIN],
  }));
  const out = synth(stack);

  test('a group membership resolved through the gitlab_group data source', () => {
    expect(out).toHaveDataSourceWithProperties(DataGitlabGroup, { full_path: 'gitlab-org/quality' });
    expect(out).toHaveResourceWithProperties(GroupMembership, {
      group_id: `\${${address(out, 'gitlab_group', 'data')}.group_id}`,
      access_level: 'maintainer',
    });
    expect(out).toHaveResourceWithProperties(GroupServiceAccount, { group: 'gitlab-org' });
  });
});

describe('CI job token', () => {
  // GIVEN a CI job reading packages of other projects WHEN synthesized THEN allowlist entries on the accessed projects
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'pull', request({
    runtime: Runtime.ciPipeline('gitlab-org/helper-images'),
    reach: Reach.projects(['gitlab-org/gitlab-runner', 'gitlab-org/helper-images', 'gitlab-org/gitaly']),
    capabilities: [C.PACKAGE_REGISTRY_READ],
  }));
  const out = synth(stack);

  test('the accessed project owns the allowlist; the source project is the one allowed in', () => {
    const sourceId = `\${tonumber(${address(out, 'gitlab_project', 'data')}.id)}`;
    expect(out).toHaveDataSourceWithProperties(DataGitlabProject, { path_with_namespace: 'gitlab-org/helper-images' });
    expect(out).toHaveResourceWithProperties(ProjectJobTokenScope, { project: 'gitlab-org/gitlab-runner', target_project_id: sourceId });
    expect(out).toHaveResourceWithProperties(ProjectJobTokenScope, { project: 'gitlab-org/gitaly', target_project_id: sourceId });
  });

  test('no entry on the source project itself, no token, no rotation', () => {
    expect(resources(out, 'gitlab_project_job_token_scope').map((r) => r.project)).not.toContain('gitlab-org/helper-images');
    expect(resources(out, 'time_rotating')).toHaveLength(0);
    expect(() => identity.token).toThrow(
      expect.objectContaining({ code: ErrorCode.NO_SINGLE_TOKEN, field: 'token (team/pull)', message: expect.stringMatching(mentioning('token (team/pull)', '$CI_JOB_TOKEN')) }),
    );
  });

  test('identities sharing a source project share one lookup', () => {
    const s = userStack();
    for (const purpose of ['a', 'b']) {
      new AutomationIdentity(s, purpose, request({ purpose, runtime: Runtime.ciPipeline('g/src'), reach: Reach.project('g/other'), capabilities: [C.REPOSITORY_READ] }));
    }
    expect(dataSources(synth(s), 'gitlab_project')).toHaveLength(1);
  });
});

describe('pipeline trigger tokens', () => {
  const stack = userStack();
  new AutomationIdentity(stack, 'nightly', request({ purpose: 'nightly', reach: Reach.project('gitlab-org/build/omnibus'), capabilities: [C.PIPELINE_TRIGGER] }));
  const out = synth(stack);

  test('one trigger per project, replaced on the time_rotating schedule (triggers cannot expire)', () => {
    const rotation = address(out, 'time_rotating');
    const renewal = address(out, 'terraform_data');
    expect(resources(out, 'terraform_data')).toEqual([expect.objectContaining({ triggers_replace: { rotation: `\${${rotation}.rotation_rfc3339}` } })]);
    expect(out).toHaveResourceWithProperties(PipelineTrigger, {
      project: 'gitlab-org/build/omnibus',
      lifecycle: { create_before_destroy: true, replace_triggered_by: [renewal] },
    });
    expect(resources(out, 'gitlab_pipeline_trigger')[0].description).toBe('team-nightly: team/nightly: pipeline-trigger-token');
  });
});

describe('personal access token of a bot user (last resort)', () => {
  const stack = userStack();
  const identity = new AutomationIdentity(stack, 'mirror', request({
    reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.REPOSITORY_WRITE], botUserId: 4242,
    policy: { serviceAccountsAvailable: false },
  }));
  const out = synth(stack);

  test('token for the bot user with rotation and minimal scopes', () => {
    expect(out).toHaveResourceWithProperties(PersonalAccessToken, {
      user_id: 4242, name: 'team-bot', scopes: ['write_repository'], rotation_configuration: { expiration_days: 90, rotate_before_days: 14 },
    });
    expect(identity.plan.findings.map((f) => f.ruleId)).toEqual(['GLID-011']);
  });
});

describe('access level is never left to the provider default', () => {
  test.each([
    ['project access token', request({ capabilities: [C.API_READ] }), 'gitlab_project_access_token', 'reporter'],
    ['group access token', request({ reach: Reach.group('t', { projectCount: 2 }), capabilities: [C.API_WRITE] }), 'gitlab_group_access_token', 'developer'],
    ['service-account membership', request({ reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_MAINTAIN] }), 'gitlab_project_membership', 'maintainer'],
    ['explicit higher level', request({ capabilities: [C.API_READ], accessLevel: AccessLevel.DEVELOPER }), 'gitlab_project_access_token', 'developer'],
  ])('%s', (_name, props, type, level) => {
    const stack = userStack();
    const identity = new AutomationIdentity(stack, 'id', props);
    // An explicit role above the need fails synth unless a reviewer accepts it with a reason.
    if (props.accessLevel) IdentitySuppressions.add(identity, [{ id: 'GLID-007', reason: 'fixture: developer role on purpose' }]);
    const all = resources(synth(stack), type);
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(r.access_level).toBe(level);
  });
});

describe('an explicit role above the need', () => {
  const overPrivileged = () => request({ capabilities: [C.API_READ], accessLevel: AccessLevel.OWNER });

  test('fails synth even without IdentityPolicyChecks (DESIGN.md §4)', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'id', overPrivileged());
    // The construct, the rule, the level set and the level needed; the fixes: remove accessLevel, or suppress GLID-007.
    expect(() => synthApp(stack)).toThrow(mentioning('[team/id]', 'GLID-007', "'owner'", "'reporter'", 'api:read', 'accessLevel'));
  });

  test('passes when suppressed with a reason', () => {
    const stack = userStack();
    const identity = new AutomationIdentity(stack, 'id', overPrivileged());
    IdentitySuppressions.add(identity, [{ id: 'GLID-007', reason: 'break-glass owner token, reviewed by security' }]);
    expect(() => synthApp(stack)).not.toThrow();
  });

  test('a resource a user adds under an identity is not the identity\'s: it is checked as hand-written', () => {
    const stack = userStack();
    const identity = new AutomationIdentity(stack, 'id', request({ capabilities: [C.API_READ] }));
    new GroupAccessToken(identity, 'extra', { group: 'gitlab-org', name: 'sneaky', scopes: ['api'], accessLevel: 'owner' });
    expect(AutomationIdentity.renderedBy(identity.node.findChild('Token'))).toBe(identity);
    expect(AutomationIdentity.renderedBy(identity.node.findChild('extra'))).toBeUndefined();
  });
});
