/**
 * Every rule against raw provider resources, as a user's existing stack holds them: for each rule a
 * compliant, a non-compliant and a not-applicable case, escape-hatch overrides included, and values that
 * are computed at apply reported as "cannot verify" (info) rather than guessed.
 *
 * GIVEN a stack with IdentityPolicyChecks WHEN synthesized THEN the findings recorded on each construct.
 */
import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { DeployToken } from '@cdktf/provider-gitlab/lib/deploy-token';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { InstanceServiceAccount } from '@cdktf/provider-gitlab/lib/instance-service-account';
import { GroupDeployToken } from '@cdktf/provider-gitlab/lib/group-deploy-token';
import { PersonalAccessToken } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { Project } from '@cdktf/provider-gitlab/lib/project';
import { ProjectMembership } from '@cdktf/provider-gitlab/lib/project-membership';
import { RepositoryFile } from '@cdktf/provider-gitlab/lib/repository-file';
import * as fs from 'fs';
import * as path from 'path';
import { INVENTORY_JSON_FILE, IdentityPolicy, POLICY_RULES, StackInventory, policyRule, resourceAddress } from '../../../lib';
import {
  annotations,
  checkedStack,
  findingsIn,
  groupDeployToken,
  groupToken,
  groupVariable,
  instanceVariable,
  personalToken,
  pipelineTrigger,
  projectDeployToken,
  projectToken,
  projectVariable,
  ruleFindings,
  rotating,
  scheduled,
  serviceAccountToken,
  synth,
  tempApp,
} from './policy-support';
import { mentioning } from '../../support/mentioning';

type Build = (stack: TerraformStack) => void;

interface RuleCase {
  readonly rule: string;
  readonly compliant: Build;
  readonly nonCompliant: Build;
  /**
   * The finding the non-compliant case gives, on construct `team/<path>`: its message holds `parts` (the
   * resource, the values at fault, the limit, the fix), in any wording.
   */
  readonly expected: { readonly path: string; readonly level: string; readonly parts: readonly string[] };
  readonly notApplicable: Build;
  /** Policy of the checks, when the case needs one. */
  readonly policy?: IdentityPolicy;
}

/** Synthesizes one checked stack built by `build` and returns it. */
function checked(build: Build, policy?: IdentityPolicy): TerraformStack {
  const stack = checkedStack(policy === undefined ? undefined : { policy });
  build(stack);
  synth(stack);
  return stack;
}

const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'GLID-001',
    compliant: (s) => projectToken(s),
    nonCompliant: (s) => new ProjectDeployToken(s, 'deploy', { project: 'acme/app', name: 'team-deploy', scopes: ['read_registry'] }),
    expected: { path: 'deploy', level: 'error', parts: ['gitlab_project_deploy_token', "'team-deploy'", 'expires_at', 'rotation_configuration'] },
    notApplicable: (s) => new PipelineTrigger(s, 'trigger', { project: 'acme/app', description: 'unrotated, but GLID-002 judges it' }),
  },
  {
    rule: 'GLID-002',
    compliant: (s) => pipelineTrigger(s),
    nonCompliant: (s) => new PipelineTrigger(s, 'trigger', { project: 'acme/app', description: 'nightly build' }),
    expected: { path: 'trigger', level: 'error', parts: ['gitlab_pipeline_trigger', 'time_rotating'] },
    notApplicable: (s) => projectToken(s, 'token', { rotationConfiguration: undefined }),
  },
  {
    rule: 'GLID-003',
    compliant: (s) => projectToken(s, 'token', { rotationConfiguration: { expirationDays: 90, rotateBeforeDays: 14 } }),
    nonCompliant: (s) => projectToken(s, 'token', { rotationConfiguration: { expirationDays: 120, rotateBeforeDays: 14 } }),
    expected: { path: 'token', level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", '120', '90', 'maxLifetimeDays'] },
    notApplicable: (s) => projectVariable(s, 'not a token'),
  },
  {
    rule: 'GLID-004',
    compliant: (s) => projectToken(s, 'token', { rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 29 } }),
    nonCompliant: (s) => projectToken(s, 'token', { rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 30 } }),
    // Rotate-before and lifetime, both 30.
    expected: { path: 'token', level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", '30', '30'] },
    notApplicable: (s) => projectDeployToken(s),
  },
  {
    rule: 'GLID-005',
    compliant: (s) => projectToken(s, 'token', { accessLevel: 'reporter' }),
    nonCompliant: (s) => projectToken(s, 'token', { accessLevel: undefined }),
    expected: { path: 'token', level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'access_level', 'maintainer'] },
    // Personal tokens have no access_level attribute: they act with their user's memberships.
    notApplicable: (s) => personalToken(s),
  },
  {
    rule: 'GLID-006',
    compliant: (s) => groupToken(s, 'group-token', { accessLevel: 'maintainer' }),
    nonCompliant: (s) => groupToken(s, 'group-token', { accessLevel: 'owner' }),
    expected: { path: 'group-token', level: 'error', parts: ['gitlab_group_access_token', "'team-group-bot'", 'access_level', 'owner'] },
    notApplicable: (s) => groupDeployToken(s),
  },
  {
    rule: 'GLID-008',
    compliant: (s) => personalToken(s, 'personal-token', { scopes: ['api', 'read_user'] }),
    nonCompliant: (s) => personalToken(s, 'personal-token', { scopes: ['api', 'sudo', 'admin_mode', 'read_service_ping'] }),
    expected: { path: 'personal-token', level: 'error', parts: ['gitlab_personal_access_token', "'team-personal-bot'", 'sudo', 'admin_mode', 'read_service_ping'] },
    notApplicable: (s) => pipelineTrigger(s),
  },
  {
    rule: 'GLID-009',
    compliant: (s) => projectDeployToken(s, 'deploy-token', { scopes: ['read_repository', 'read_registry', 'read_package_registry'] }),
    nonCompliant: (s) => projectDeployToken(s, 'deploy-token', { scopes: ['read_registry', 'api', 'read_api'] }),
    // The type twice: the token, and the type that does not accept the scopes.
    expected: { path: 'deploy-token', level: 'error', parts: ['gitlab_project_deploy_token', 'gitlab_project_deploy_token', "'team-deploy'", 'api', 'read_api'] },
    notApplicable: (s) => pipelineTrigger(s),
  },
  {
    rule: 'GLID-010',
    // The least-privilege alternative: one project token per project.
    compliant: (s) => projectToken(s),
    nonCompliant: (s) => groupToken(s),
    expected: { path: 'group-token', level: 'warning', parts: ['gitlab_group_access_token', "'team-group-bot'"] },
    // A group deploy token reaches the group too, but has no API: GLID-010 is about group access tokens.
    notApplicable: (s) => groupDeployToken(s),
  },
  {
    rule: 'GLID-011',
    compliant: (s) => personalToken(s),
    nonCompliant: (s) => personalToken(s, 'personal-token', { userId: 42 }),
    expected: { path: 'personal-token', level: 'warning', parts: ['gitlab_personal_access_token', "'team-personal-bot'", 'service account'] },
    notApplicable: (s) => serviceAccountToken(s),
  },
  {
    rule: 'GLID-012',
    compliant: (s) => new TerraformOutput(s, 'secret', { value: projectToken(s).token, sensitive: true }),
    nonCompliant: (s) => new TerraformOutput(s, 'secret', { value: projectToken(s).token }),
    expected: { path: 'secret', level: 'error', parts: ['output', 'sensitive: true'] },
    notApplicable: (s) => new TerraformOutput(s, 'token-id', { value: projectToken(s).id }),
  },
  {
    rule: 'GLID-013',
    compliant: (s) => projectVariable(s, projectToken(s).token),
    nonCompliant: (s) => projectVariable(s, projectToken(s).token, 'variable', { masked: false }),
    expected: { path: 'variable', level: 'error', parts: ['gitlab_project_variable', "'TEAM_TOKEN'", 'masked'] },
    notApplicable: (s) => projectVariable(s, 'https://gitlab.example.com', 'variable', { masked: false, hidden: false }),
  },
  {
    rule: 'GLID-014',
    compliant: (s) => groupVariable(s, projectToken(s).token),
    nonCompliant: (s) => groupVariable(s, projectToken(s).token, 'group-variable', { protected: false }),
    expected: { path: 'group-variable', level: 'warning', parts: ['gitlab_group_variable', "'TEAM_TOKEN'", 'protected'] },
    notApplicable: (s) => groupVariable(s, 'debug', 'group-variable', { protected: false }),
  },
  {
    rule: 'GLID-015',
    compliant: (s) => {
      projectToken(s, 'first', { name: 'team-first-bot' });
      projectToken(s, 'second', { name: 'team-second-bot' });
    },
    nonCompliant: (s) => {
      projectToken(s, 'first', { name: 'team-bot' });
      projectToken(s, 'second', { name: 'team-bot', project: 'acme/other' });
    },
    expected: { path: 'second', level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'team/first'] },
    // Pipeline triggers have no name; two of them on one project are two credentials, not a reuse.
    notApplicable: (s) => {
      pipelineTrigger(s, 'first');
      pipelineTrigger(s, 'second');
    },
  },
  {
    rule: 'GLID-016',
    compliant: (s) => projectToken(s, 'token', { name: 'quality-allure-report' }),
    nonCompliant: (s) => projectToken(s, 'token', { name: 'Allure_Report' }),
    expected: { path: 'token', level: 'warning', parts: ['gitlab_project_access_token', "'Allure_Report'", 'a-z0-9'] },
    notApplicable: (s) => pipelineTrigger(s),
  },
  {
    rule: 'GLID-017',
    compliant: (s) => groupDeployToken(s, 'group-deploy-token', { scopes: ['read_registry', 'read_package_registry'] }),
    nonCompliant: (s) => groupDeployToken(s, 'group-deploy-token', { scopes: ['read_registry', 'write_registry'] }),
    expected: { path: 'group-deploy-token', level: 'warning', parts: ['gitlab_group_deploy_token', "'team-group-deploy'", 'write_registry', 'acme'] },
    // A project deploy token publishes to its one project only.
    notApplicable: (s) => projectDeployToken(s, 'deploy-token', { scopes: ['write_registry'] }),
  },
  {
    rule: 'GLID-019',
    compliant: (s) => new GroupServiceAccount(s, 'account', { group: 'acme', name: 'team-account', username: 'acme-team-account' }),
    nonCompliant: (s) => new GroupServiceAccount(s, 'account', { group: 'acme', name: 'team-account', username: 'acme-team-account', email: 'bots@example.com' }),
    expected: { path: 'account', level: 'warning', parts: ['gitlab_group_service_account', "'bots@example.com'"] },
    notApplicable: (s) => projectToken(s),
  },
  {
    rule: 'GLID-022',
    compliant: (s) => projectToken(s, 'token', { accessLevel: new TerraformVariable(s, 'level', { type: 'string', default: 'reporter' }).stringValue }),
    nonCompliant: (s) => projectToken(s, 'token', { accessLevel: new TerraformVariable(s, 'level', { type: 'string' }).stringValue }),
    expected: { path: 'token', level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'access_level', 'var.level'] },
    // A name decides nothing: GLID-016 says it cannot verify it, GLID-022 does not.
    notApplicable: (s) => projectToken(s, 'token', { name: new TerraformVariable(s, 'name', { type: 'string' }).stringValue }),
  },
  {
    rule: 'GLID-023',
    compliant: (s) => projectVariable(s, projectToken(s).token),
    nonCompliant: (s) => new RepositoryFile(s, 'file', { project: 'acme/app', filePath: 'token.txt', branch: 'main', content: projectToken(s).token, commitMessage: 'x', encoding: 'text' }),
    expected: { path: 'file', level: 'error', parts: ['gitlab_repository_file.file.content', 'gitlab_project_access_token.token'] },
    notApplicable: (s) => new RepositoryFile(s, 'file', { project: 'acme/app', filePath: 'README.md', branch: 'main', content: 'hello', commitMessage: 'x', encoding: 'text' }),
  },
  {
    rule: 'GLID-024',
    compliant: (s) => new GroupServiceAccount(s, 'account', { group: 'acme', name: 'team-account', username: 'acme-team-account' }),
    nonCompliant: (s) => new InstanceServiceAccount(s, 'account', { name: 'team-account', username: 'team-account' }),
    expected: { path: 'account', level: 'warning', parts: ['gitlab_instance_service_account.account', 'administrator'] },
    notApplicable: (s) => projectToken(s),
  },
  {
    rule: 'GLID-025',
    policy: { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } },
    compliant: (s) => serviceAccountToken(s, 'token', { rotationConfiguration: undefined, ...scheduled(s, 'token', 'date') }),
    nonCompliant: (s) => serviceAccountToken(s, 'token'),
    expected: {
      path: 'token', level: 'error',
      parts: ['gitlab_group_service_account_access_token', "'team-service-bot'", 'rotation_configuration.expiration_days', '17.9', '17.8'],
    },
    notApplicable: (s) => personalToken(s),
  },
];

/**
 * Rules about AutomationIdentity only: GLID-007 and GLID-021 judge rendered resources against plans, GLID-018 an
 * identity's deliveries against its runtime. GLID-020 judges the stack itself (tested below).
 */
const IDENTITY_ONLY_RULES = new Set(['GLID-007', 'GLID-018', 'GLID-020', 'GLID-021']);

describe('each rule against raw provider resources', () => {
  test('the table covers every rule that judges raw resources (GLID-007 and GLID-018 are about AutomationIdentity)', () => {
    expect(RULE_CASES.map((c) => c.rule)).toEqual(POLICY_RULES.map((r) => r.id).filter((id) => !IDENTITY_ONLY_RULES.has(id)));
  });

  describe.each(RULE_CASES.map((c) => [c.rule, c] as const))('%s', (rule, c) => {
    test('compliant: no finding of the rule', () => {
      expect(ruleFindings(checked(c.compliant, c.policy), rule)).toEqual([]);
    });

    test('non-compliant: exactly the expected finding, on the offending construct', () => {
      expect(ruleFindings(checked(c.nonCompliant, c.policy), rule)).toEqual([
        { path: `team/${c.expected.path}`, level: c.expected.level, message: mentioning(...c.expected.parts) },
      ]);
    });

    test('not applicable: no finding of the rule', () => {
      expect(ruleFindings(checked(c.notApplicable, c.policy), rule)).toEqual([]);
    });
  });
});

describe('compliant raw resources of every type', () => {
  // GIVEN each credential type written carefully by hand WHEN checked THEN no error and no warning
  test.each<[string, Build]>([
    ['gitlab_project_access_token', (s) => projectToken(s)],
    ['gitlab_personal_access_token (of a service account)', (s) => personalToken(s)],
    ['gitlab_group_service_account_access_token', (s) => serviceAccountToken(s)],
    ['gitlab_project_deploy_token', (s) => projectDeployToken(s)],
    ['gitlab_group_deploy_token', (s) => groupDeployToken(s)],
    ['gitlab_pipeline_trigger', (s) => pipelineTrigger(s)],
    ['gitlab_project_variable', (s) => projectVariable(s, projectToken(s).token)],
    ['gitlab_group_variable', (s) => groupVariable(s, projectToken(s).token)],
    ['sensitive output', (s) => new TerraformOutput(s, 'out', { value: projectToken(s).token, sensitive: true })],
  ])('%s', (_type, build) => {
    const stack = checked(build);
    expect(findingsIn(stack).filter((f) => f.level !== 'info')).toEqual([]);
    expect(annotations(stack).filter((a) => a.level !== 'info')).toEqual([]);
  });

  test('the only thing a raw group access token cannot avoid is the GLID-010 warning', () => {
    expect(findingsIn(checked((s) => groupToken(s))).map((f) => `${f.level} ${f.ruleId}`)).toEqual(['warning GLID-010']);
  });
});

describe('GLID-001 token without expiry, per token type', () => {
  test.each<[string, Build]>([
    ['gitlab_project_access_token', (s) => projectToken(s, 'token', { rotationConfiguration: undefined })],
    ['gitlab_group_access_token', (s) => groupToken(s, 'token', { rotationConfiguration: undefined })],
    ['gitlab_personal_access_token', (s) => personalToken(s, 'token', { rotationConfiguration: undefined })],
    ['gitlab_group_service_account_access_token', (s) => serviceAccountToken(s, 'token', { rotationConfiguration: undefined })],
    ['gitlab_project_deploy_token', (s) => new ProjectDeployToken(s, 'token', { project: 'acme/app', name: 'team-deploy', scopes: ['read_registry'] })],
    ['gitlab_group_deploy_token', (s) => new GroupDeployToken(s, 'token', { group: 'acme', name: 'team-deploy', scopes: ['read_registry'] })],
    ['gitlab_deploy_token', (s) => new DeployToken(s, 'token', { group: 'acme', name: 'team-deploy', scopes: ['read_registry'] })],
  ])('%s without expires_at or rotation_configuration is an error', (type, build) => {
    expect(ruleFindings(checked(build), 'GLID-001')).toEqual([
      { path: 'team/token', level: 'error', message: mentioning(type, "'team-", 'expires_at', 'rotation_configuration') },
    ]);
  });

  test('an access token with a fixed expires_at (no rotation) is not GLID-001', () => {
    expect(ruleFindings(checked((s) => projectToken(s, 'token', { rotationConfiguration: undefined, expiresAt: '2031-01-31' })), 'GLID-001')).toEqual([]);
  });
});

describe('non-compliant variants', () => {
  // Every row names its policy: jest passes a done callback for a missing last argument.
  // [rule, why, build, the finding's level and key parts, the checks' policy]
  test.each<[string, string, Build, { level: string; parts: string[] }, IdentityPolicy | undefined]>([
    ['GLID-003', 'above GitLab\'s 365 days when the policy allows 365', (s) => projectToken(s, 'token', { rotationConfiguration: { expirationDays: 400, rotateBeforeDays: 14 } }),
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", '400', '365', 'GitLab'] }, { maxLifetimeDays: 365 }],
    ['GLID-003', 'above a stricter policy maximum', (s) => projectToken(s, 'token', { rotationConfiguration: { expirationDays: 45, rotateBeforeDays: 14 } }),
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", '45', '30', 'maxLifetimeDays'] }, { maxLifetimeDays: 30 }],
    ['GLID-004', 'rotate_before_days below 1', (s) => serviceAccountToken(s, 'token', { rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 0 } }),
      { level: 'error', parts: ['gitlab_group_service_account_access_token', "'team-service-bot'", 'rotate_before_days', '0', '1'] }, undefined],
    ['GLID-009', 'an empty scope list', (s) => projectToken(s, 'token', { scopes: [] }),
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'empty'] }, undefined],
    ['GLID-009', 'read_user on a project access token', (s) => projectToken(s, 'token', { scopes: ['read_api', 'read_user'] }),
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'read_user'] }, undefined],
    ['GLID-010', 'a group token when the policy disallows them', (s) => groupToken(s, 'token'),
      { level: 'error', parts: ['gitlab_group_access_token', "'team-group-bot'", 'allowGroupAccessTokens: false'] }, { allowGroupAccessTokens: false }],
    ['GLID-013', 'a group variable that is not hidden', (s) => groupVariable(s, projectToken(s, 'bot').token, 'token', { hidden: false }),
      { level: 'error', parts: ['gitlab_group_variable', "'TEAM_TOKEN'", 'hidden'] }, undefined],
    ['GLID-013', 'an instance variable that is not masked', (s) => instanceVariable(s, projectToken(s, 'bot').token, 'token', { masked: false }),
      { level: 'error', parts: ['gitlab_instance_variable', "'TEAM_TOKEN'", 'masked'] }, undefined],
    // Every project's jobs on the instance read an instance variable, protected or not.
    ['GLID-018', 'a token in an instance variable, masked and protected', (s) => instanceVariable(s, projectToken(s, 'bot').token, 'token'),
      { level: 'error', parts: ['gitlab_instance_variable', "'TEAM_TOKEN'", 'instance variable', 'every project on the instance'] }, undefined],
    ['GLID-014', 'a variable that leaves protected unset', (s) => projectVariable(s, projectToken(s, 'bot').token, 'token', { protected: undefined }),
      { level: 'warning', parts: ['gitlab_project_variable', "'TEAM_TOKEN'", 'protected'] }, undefined],
    ['GLID-016', 'a name without the policy prefix', (s) => projectToken(s, 'token'),
      { level: 'warning', parts: ['gitlab_project_access_token', "'team-bot'", "'acme-'"] }, { namePrefix: 'acme-' }],
    ['GLID-016', 'a name longer than the policy allows', (s) => projectToken(s, 'token', { name: 'quality-allure-report' }),
      { level: 'warning', parts: ['gitlab_project_access_token', "'quality-allure-report'", '16'] }, { maxNameLength: 16 }],
  ])('%s: %s', (rule, _why, build, expected, policy) => {
    expect(ruleFindings(checked(build, policy), rule)).toEqual([{ path: 'team/token', level: expected.level, message: mentioning(...expected.parts) }]);
  });

  test('GLID-013: a variable neither masked nor hidden gets one finding per attribute, and the variable is found through any expression', () => {
    const stack = checked((s) => projectVariable(s, `Bearer ${Fn.base64encode(projectToken(s).token)}`, 'variable', { masked: false, hidden: false }));
    expect(ruleFindings(stack, 'GLID-013').map((f) => f.message)).toEqual([
      mentioning('gitlab_project_variable', "'TEAM_TOKEN'", 'hidden'),
      mentioning('gitlab_project_variable', "'TEAM_TOKEN'", 'masked'),
    ]);
  });

  test('GLID-012: a token nested anywhere in an output value is found', () => {
    const stack = checked((s) => {
      const token = projectToken(s);
      new TerraformOutput(s, 'secret', { value: { tokens: [{ value: token.token }] } });
    });
    expect(ruleFindings(stack, 'GLID-012')).toEqual([{ path: 'team/secret', level: 'error', message: mentioning('output', 'sensitive: true') }]);
  });

  test.each<[string, Build]>([
    ['a personal access token', (s) => personalToken(s, 'token', { userId: 42 })],
    ['a group access token', (s) => groupToken(s, 'token')],
    ['a service-account token', (s) => serviceAccountToken(s, 'token')],
    ['a deploy token', (s) => projectDeployToken(s, 'token')],
    ['a pipeline trigger', (s) => pipelineTrigger(s, 'token')],
  ])('GLID-012 and GLID-013: the secret of %s is recognised in outputs and variables', (_what, build) => {
    const stack = checked((s) => {
      build(s);
      const token = s.node.findChild('token') as unknown as { readonly token: string };
      new TerraformOutput(s, 'out', { value: token.token });
      projectVariable(s, token.token, 'variable', { masked: false });
    });
    expect(ruleFindings(stack, 'GLID-012').map((f) => f.path)).toEqual(['team/out']);
    expect(ruleFindings(stack, 'GLID-013').map((f) => f.path)).toEqual(['team/variable']);
  });

  test('GLID-015: a deploy token and an access token with the same name are a reuse', () => {
    const stack = checked((s) => {
      projectToken(s, 'first', { name: 'team-shared' });
      projectDeployToken(s, 'second', { name: 'team-shared' });
    });
    expect(ruleFindings(stack, 'GLID-015')).toEqual([
      { path: 'team/second', level: 'error', message: mentioning('gitlab_project_deploy_token', "'team-shared'", 'team/first') },
    ]);
  });

  test('GLID-015: a third use lists both earlier ones', () => {
    const stack = checked((s) => {
      for (const id of ['a', 'b', 'c']) projectToken(s, id, { name: 'team-shared' });
    });
    expect(ruleFindings(stack, 'GLID-015').map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'team/b', message: mentioning('gitlab_project_access_token', "'team-shared'", 'team/a') },
      { path: 'team/c', message: mentioning('gitlab_project_access_token', "'team-shared'", 'team/a', 'team/b') },
    ]);
  });

  test('GLID-007 never fires on a raw resource, however broad: there is no plan to compare with', () => {
    const stack = checked((s) => projectToken(s, 'token', { accessLevel: 'maintainer', scopes: ['api', 'write_repository'] }));
    expect(ruleFindings(stack, 'GLID-007')).toEqual([]);
  });
});

describe('escape-hatch overrides are judged as Terraform will see them', () => {
  // GIVEN a compliant resource WHEN changed with addOverride THEN the override is what the rules judge
  test.each<[string, (t: ProjectAccessToken) => void, string, { level: string; parts: string[] }]>([
    ['access_level owner', (t) => t.addOverride('access_level', 'owner'), 'GLID-006',
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'access_level', 'owner'] }],
    ['an admin scope added', (t) => t.addOverride('scopes', ['read_api', 'sudo']), 'GLID-008',
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", 'sudo'] }],
    ['a longer lifetime', (t) => t.addOverride('rotation_configuration.expiration_days', 180), 'GLID-003',
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", '180', '90', 'maxLifetimeDays'] }],
    ['rotate_before_days up to the lifetime', (t) => t.addOverride('rotation_configuration.rotate_before_days', 90), 'GLID-004',
      { level: 'error', parts: ['gitlab_project_access_token', "'team-bot'", '90', '90'] }],
    ['a new name', (t) => t.addOverride('name', 'Team Bot'), 'GLID-016',
      { level: 'warning', parts: ['gitlab_project_access_token', "'Team Bot'", 'a-z0-9'] }],
  ])('%s', (_what, override, rule, expected) => {
    const stack = checked((s) => override(projectToken(s)));
    expect(ruleFindings(stack, rule)).toEqual([{ path: 'team/token', level: expected.level, message: mentioning(...expected.parts) }]);
  });

  test('an override that fixes a problem clears the finding', () => {
    const stack = checked((s) => projectToken(s, 'token', { accessLevel: 'owner' }).addOverride('access_level', 'reporter'));
    expect(ruleFindings(stack, 'GLID-006')).toEqual([]);
  });

  test('an override on a variable: masked turned off', () => {
    const stack = checked((s) => projectVariable(s, projectToken(s).token).addOverride('masked', false));
    expect(ruleFindings(stack, 'GLID-013')).toEqual([
      { path: 'team/variable', level: 'error', message: mentioning('gitlab_project_variable', "'TEAM_TOKEN'", 'masked') },
    ]);
  });

  test('an override on an output: sensitive turned off', () => {
    const stack = checked((s) => new TerraformOutput(s, 'secret', { value: projectToken(s).token, sensitive: true }).addOverride('sensitive', false));
    expect(ruleFindings(stack, 'GLID-012').map((f) => f.path)).toEqual(['team/secret']);
  });
});

describe('values that cannot be known at synth fail closed (GLID-022); constants and defaults are evaluated', () => {
  // Key parts of GLID-022: the resource, the attribute, and the variable (or attribute) it depends on.

  test('expiration_days from a variable without default: an error that says why it cannot be verified', () => {
    const stack = checked((s) => {
      const days = new TerraformVariable(s, 'lifetime', { type: 'number' });
      projectToken(s, 'token', { rotationConfiguration: { expirationDays: days.numberValue, rotateBeforeDays: 14 } });
    });
    expect(ruleFindings(stack, 'GLID-022')).toEqual([{
      path: 'team/token', level: 'error',
      message: mentioning('gitlab_project_access_token', "'team-bot'", 'rotation_configuration.expiration_days', 'var.lifetime'),
    }]);
    expect(ruleFindings(stack, 'GLID-003')).toEqual([]);
  });

  test('expiration_days from a variable\'s default: judged as the default (365 days is GLID-003)', () => {
    const stack = checked((s) => {
      const days = new TerraformVariable(s, 'lifetime', { type: 'number', default: 365 });
      projectToken(s, 'token', { rotationConfiguration: { expirationDays: days.numberValue, rotateBeforeDays: 14 } });
    });
    expect(findingsIn(stack).map(({ ruleId, message }) => ({ ruleId, message }))).toEqual([
      { ruleId: 'GLID-003', message: mentioning('gitlab_project_access_token', "'team-bot'", '365', '90', 'maxLifetimeDays') },
    ]);
  });

  test('expiration_days from another resource\'s attribute (Token.asNumber): computed at apply, an error', () => {
    const stack = checked((s) => {
      const other = projectToken(s, 'other', { name: 'team-other' });
      projectToken(s, 'token', { rotationConfiguration: { expirationDays: Token.asNumber(other.id), rotateBeforeDays: 14 } });
    });
    expect(ruleFindings(stack, 'GLID-022')).toEqual([{
      path: 'team/token', level: 'error',
      message: mentioning('gitlab_project_access_token', "'team-bot'", 'rotation_configuration.expiration_days', 'gitlab_project_access_token.other.id'),
    }]);
  });

  test('an unverifiable attribute fails app.synth(), naming the construct and the fix', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    const days = new TerraformVariable(stack, 'lifetime', { type: 'number' });
    projectToken(stack, 'token', { rotationConfiguration: { expirationDays: days.numberValue, rotateBeforeDays: 14 } });
    // The construct and the rule, then the rule's fix: whatever their wording.
    const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => app.synth()).toThrow(new RegExp(`${escape('[team/token] GLID-022: ')}.*${escape(`Fix: ${policyRule('GLID-022')?.fix}`)}`));
  });

  const TOKEN = ['gitlab_project_access_token', "'team-bot'"];
  const VARIABLE = ['gitlab_project_variable', "'TEAM_TOKEN'"];
  test.each<[string, Build, string[]]>([
    ['rotate_before_days', (s) => projectToken(s, 'token', {
      rotationConfiguration: { expirationDays: 90, rotateBeforeDays: new TerraformVariable(s, 'value', { type: 'number' }).numberValue },
    }), TOKEN],
    ['scopes', (s) => projectToken(s, 'token', { scopes: new TerraformVariable(s, 'value', { type: 'list(string)' }).listValue }), TOKEN],
    ['masked', (s) => projectVariable(s, projectToken(s, 'bot').token, 'token', { masked: new TerraformVariable(s, 'value', { type: 'bool' }).booleanValue }), VARIABLE],
    ['protected', (s) => projectVariable(s, projectToken(s, 'bot').token, 'token', { protected: new TerraformVariable(s, 'value', { type: 'bool' }).booleanValue }), VARIABLE],
    ['access_level', (s) => projectToken(s, 'token', { accessLevel: new TerraformVariable(s, 'value', { type: 'string' }).stringValue }), TOKEN],
  ])('%s from a variable without default: GLID-022, and no rule guesses', (attribute, build, resource) => {
    const stack = checked(build);
    expect(findingsIn(stack).map(({ path, ruleId, level, message }) => ({ path, ruleId, level, message }))).toEqual([
      { path: 'team/token', ruleId: 'GLID-022', level: 'error', message: mentioning(...resource, attribute, 'var.value') },
    ]);
  });

  test('a fixed expires_at date: the lifetime cannot be judged, since synth reads no clock: an error', () => {
    const stack = checked((s) => projectToken(s, 'token', { rotationConfiguration: undefined, expiresAt: '2031-01-31' }));
    // The attribute, its date, and the fix: rotation_configuration.
    expect(ruleFindings(stack, 'GLID-003')).toEqual([{
      path: 'team/token', level: 'error', message: mentioning('expires_at', '2031-01-31', 'rotation_configuration'),
    }]);
  });

  test('a name from a variable: GLID-016 cannot verify it (a warning: a name grants nothing), GLID-015 cannot compare it', () => {
    const stack = checked((s) => {
      const name = new TerraformVariable(s, 'name', { type: 'string' }).stringValue;
      projectToken(s, 'token', { name });
      projectToken(s, 'same', { name });
    });
    expect(findingsIn(stack).map(({ path, ruleId, level, message }) => ({ path, ruleId, level, message }))).toEqual([
      { path: 'team/token', ruleId: 'GLID-016', level: 'warning', message: mentioning('var.name') },
      { path: 'team/same', ruleId: 'GLID-016', level: 'warning', message: mentioning('var.name') },
    ]);
  });

  // Was a bug, fixed: one computed element made the whole scope list unknown, so a literal 'sudo' next to it was not
  // reported by GLID-008 (only GLID-009's "cannot verify scopes" info remains). 'sudo' is known at synth.
  test('a literal admin scope next to a computed one is still GLID-008', () => {
    const stack = checked((s) => personalToken(s, 'token', { scopes: ['sudo', new TerraformVariable(s, 'scope', { type: 'string' }).stringValue] }));
    expect(ruleFindings(stack, 'GLID-008')).toEqual([
      { path: 'team/token', level: 'error', message: mentioning('gitlab_personal_access_token', "'team-personal-bot'", 'sudo') },
    ]);
  });
});

describe('a trigger replaced on a schedule', () => {
  test('GIVEN the time_rotating named in replace_triggered_by THEN GLID-002: that never fires (an expired time_rotating is created anew)', () => {
    const stack = checked((s) => {
      const rotation = rotating(s, 'rotation');
      new PipelineTrigger(s, 'trigger', { project: 'acme/app', description: 'team-trigger', lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [resourceAddress(rotation)] } });
    });
    expect(ruleFindings(stack, 'GLID-002').map((f) => f.path)).toEqual(['team/trigger']);
  });

  test('GIVEN a terraform_data replaced with its roll-over instant THEN it is replaced on the schedule', () => {
    expect(ruleFindings(checked((s) => pipelineTrigger(s)), 'GLID-002')).toEqual([]);
  });
});

describe('a hand-written instance service account', () => {
  test('its personal access token is judged as the account\'s (no GLID-011), the account warns that an administrator applies it, and the inventory names the kind', () => {
    const stack = checked((s) => {
      const account = new InstanceServiceAccount(s, 'account', { name: 'team-sync', username: 'team-sync' });
      personalToken(s, 'token', { userId: Token.asNumber(Fn.tonumber(account.serviceAccountId)) });
    });
    expect(findingsIn(stack).map((f) => `${f.path} ${f.ruleId} ${f.level}`)).toEqual(['team/account GLID-024 warning']);
    const outdir = (stack.node.root as App).outdir;
    const inventory = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', INVENTORY_JSON_FILE), 'utf8')) as StackInventory;
    expect(inventory.identities.filter((e) => e.resourceType === 'gitlab_personal_access_token').map((e) => e.kind)).toEqual(['instance-service-account']);
  });
});

describe('what is not a credential', () => {
  test('a person\'s membership and unrelated resources give no finding', () => {
    const stack = checked((s) => {
      new ProjectMembership(s, 'alice', { project: 'acme/app', userId: 7, accessLevel: 'owner' });
      new Project(s, 'project', { name: 'app' });
      new PersonalAccessToken(s, 'human', { userId: 7, name: 'alice-laptop', scopes: ['read_api'], rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 7 } });
    });
    // A person's owner membership is not an automation's; the human PAT is the only finding: one GLID-011 warning.
    expect(findingsIn(stack).map((f) => `${f.path} ${f.ruleId}`)).toEqual(['team/human GLID-011']);
  });
});

describe('GLID-020 provider versions with token-rotation bugs, judged on the stack', () => {
  const withConstraint = (constraint: string | undefined, build: Build = (s) => projectToken(s)): Build => (s) => {
    // userStack raises the constraint; a user's stack keeps the bindings' pin (18.6.1) unless it overrides it.
    s.addOverride('terraform.required_providers.gitlab.version', constraint === undefined ? '18.6.1' : constraint);
    build(s);
  };

  test('the bindings\' pin (18.6.1) with a rotated token: a warning on the stack', () => {
    // The lowest release allowed and the constraint as written (each holds 18.6.1, so it is listed twice), the
    // first release that works, and the provider's error.
    expect(ruleFindings(checked(withConstraint(undefined)), 'GLID-020')).toEqual([{
      path: 'team', level: 'warning', message: mentioning('18.6.1', "'18.6.1'", '18.6.1', '18.8.1', '"inconsistent result after apply"'),
    }]);
  });

  test.each([
    ['~> 18.6', '18.6.0'], ['>= 18.0', '18.0.0'], ['> 18.8.0, != 18.8.1', undefined], ['~> 18.8.0', '18.8.0'], ['< 19', '0.0.0'],
  ])('%s allows %s', (constraint, lowest) => {
    const found = ruleFindings(checked(withConstraint(constraint)), 'GLID-020');
    expect(found.map((f) => f.message.match(/allows GitLab provider ([\d.]+)/)?.[1])).toEqual(lowest === undefined ? [] : [lowest]);
  });

  test.each(['>= 18.8.1', '~> 18.8, >= 18.8.1', '18.9.0', '~> 19.0', '> 18.8.0'])('%s is clean', (constraint) => {
    expect(ruleFindings(checked(withConstraint(constraint)), 'GLID-020')).toEqual([]);
  });

  test('a stack without provider-rotated tokens is not judged', () => {
    expect(ruleFindings(checked(withConstraint(undefined, (s) => projectDeployToken(s))), 'GLID-020')).toEqual([]);
  });

  test('a constraint that is not a version is reported, not waved through', () => {
    const [finding] = ruleFindings(checked(withConstraint('latest')), 'GLID-020');
    expect(finding.message).toEqual(mentioning("'latest'", '18.8.1'));
  });

  test('no version constraint at all: any release may be installed, reported', () => {
    const found = ruleFindings(checked((s) => {
      s.addOverride('terraform.required_providers.gitlab.version', undefined); // an override of undefined deletes the key
      projectToken(s);
    }), 'GLID-020');
    expect(found.map((f) => f.message)).toEqual([mentioning('18.8.1')]);
  });

  test('a constraint from an expression cannot be judged and is reported', () => {
    const found = ruleFindings(checked((s) => {
      s.addOverride('terraform.required_providers.gitlab.version', '${var.gitlab_version}');
      projectToken(s);
    }), 'GLID-020');
    expect(found.map((f) => f.message)).toEqual([mentioning('${var.gitlab_version}', '18.8.1')]);
  });
});
