/**
 * End to end through `app.synth()`, as `cdktf synth` runs it: a stack of hand-written risky tokens fails
 * with one precise line per problem (construct path, rule ID, message, fix); warnings do not fail; the
 * checks work added to the App or to a stack, report each finding once, and see token reuse across stacks.
 */
import { Aspects, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GroupAccessToken } from '@cdktf/provider-gitlab/lib/group-access-token';
import { PersonalAccessToken } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { AutomationIdentity, Capability, ErrorCode, IdentityPolicyChecks, Reach, Runtime, policyRule } from '../../../lib';
import { userStack } from '../support';
import { annotations, annotationsAt, checkedStack, findingsIn, groupToken, projectToken, projectVariable, synthFailure, tempApp } from './policy-support';
import { mentioningPattern as mentioning } from '../../support/mentioning';

/** The IdentityError with this code and field whose message holds `parts`. */
const identityError = (code: ErrorCode, field: string, ...parts: string[]) =>
  expect.objectContaining({ code, field, message: expect.stringMatching(mentioning(...parts)) });

// The checks run once for the whole app, from one App validation over the JSON every stack wrote: they list
// the errors of every checked stack, and cdktf wraps them in its own header and footer.
const HEADER = 'App-level validation failed with the following errors:';
const SUMMARY = (errors: number, stacks: number) =>
  `${errors} GitLab identity policy error${errors === 1 ? '' : 's'} in ${stacks} stack${stacks === 1 ? '' : 's'}. ` +
  'Fix them, or suppress a finding with IdentitySuppressions.add and a reason:';
const FOOTER = "Validations allow for dynamic verification of your project.\nTo skip validations, add 'skipValidation: true' to your App config.";

/** The line cdktf prints for an error finding of a raw resource: path, rule ID, message and the rule's fix. */
function errorLine(path: string, ruleId: string, message: string): string {
  return `[${path}] ${ruleId}: ${message} Fix: ${policyRule(ruleId)?.fix}`;
}

/** The error lines of a thrown synth message. */
function errorLines(message: string): string[] {
  return message.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('['));
}

/** Hand-written tokens with several problems each, as found in real stacks. */
function riskyTokens(stack: TerraformStack): void {
  const admin = new ProjectAccessToken(stack, 'legacy-admin', { project: 'acme/app', name: 'Legacy Admin', scopes: ['api', 'sudo'] });
  const ci = new GroupAccessToken(stack, 'ci-group', {
    group: 'acme', name: 'team-ci', scopes: ['api'], accessLevel: 'owner', rotationConfiguration: { expirationDays: 400, rotateBeforeDays: 400 },
  });
  new PipelineTrigger(stack, 'nightly', { project: 'acme/app', description: 'nightly build' });
  new ProjectDeployToken(stack, 'registry', { project: 'acme/app', name: 'team-ci', scopes: ['read_registry', 'api'] });
  new ProjectVariable(stack, 'ci-variable', { project: 'acme/app', key: 'ADMIN_TOKEN', value: admin.token });
  new TerraformOutput(stack, 'token-output', { value: ci.token });
  new PersonalAccessToken(stack, 'alice', { userId: 7, name: 'alice-laptop', scopes: ['read_api'], rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 7 } });
}

describe('a stack of hand-written risky tokens', () => {
  // GIVEN seven hand-written credentials with fourteen error findings WHEN app.synth() THEN it throws, listing each
  const app = tempApp();
  const stack = checkedStack(undefined, app);
  riskyTokens(stack);
  const message = synthFailure(app);

  const EXPECTED_ERRORS = [
    errorLine('team/legacy-admin', 'GLID-001', "gitlab_project_access_token 'Legacy Admin' never expires: it has no expires_at and no rotation_configuration."),
    errorLine('team/legacy-admin', 'GLID-005', "gitlab_project_access_token 'Legacy Admin' sets no access_level, so it gets maintainer by default."),
    errorLine('team/legacy-admin', 'GLID-008', "gitlab_project_access_token 'Legacy Admin' has admin scopes sudo."),
    errorLine('team/legacy-admin', 'GLID-009', "gitlab_project_access_token 'Legacy Admin' has scopes sudo, which gitlab_project_access_token does not accept."),
    errorLine('team/ci-group', 'GLID-003', "gitlab_group_access_token 'team-ci' lives 400 days, more than 90 (policy maxLifetimeDays)."),
    errorLine('team/ci-group', 'GLID-004', "gitlab_group_access_token 'team-ci' rotates 400 days before expiry but lives only 400: every apply would rotate it."),
    errorLine('team/ci-group', 'GLID-006', "gitlab_group_access_token 'team-ci' has access_level owner."),
    errorLine('team/nightly', 'GLID-002', 'gitlab_pipeline_trigger is never replaced: trigger tokens cannot expire, so it must rotate on a time_rotating schedule.'),
    errorLine('team/registry', 'GLID-001', "gitlab_project_deploy_token 'team-ci' never expires: it has no expires_at and no rotation_configuration."),
    errorLine('team/registry', 'GLID-009', "gitlab_project_deploy_token 'team-ci' has scopes api, which gitlab_project_deploy_token does not accept."),
    errorLine('team/registry', 'GLID-015', "gitlab_project_deploy_token 'team-ci' reuses the name of team/ci-group."),
    errorLine('team/ci-variable', 'GLID-013', "gitlab_project_variable 'ADMIN_TOKEN' holds a token but is not hidden."),
    errorLine('team/ci-variable', 'GLID-013', "gitlab_project_variable 'ADMIN_TOKEN' holds a token but is not masked."),
    errorLine('team/token-output', 'GLID-012', 'output exposes a token secret without sensitive: true.'),
  ];

  test('the thrown message lists every error, one line each, in construct order', () => {
    expect(message.trimEnd()).toBe([HEADER, ...[SUMMARY(EXPECTED_ERRORS.length, 1), ...EXPECTED_ERRORS].map((l) => `  ${l}`), FOOTER].join('\n'));
  });

  test('every error line names the construct path and rule ID and says how to fix it', () => {
    for (const line of errorLines(message)) expect(line).toMatch(/^\[team\/[a-z-]+\] GLID-0(0[1-9]|1[0-6]): .+\. Fix: .+$/);
  });

  // Errors are not left as annotations: one on a construct would make cdktf abort the app's next synth before the checks run.
  test('the thrown list is exactly the error findings recorded on the constructs, and no error annotation is left', () => {
    const errors = findingsIn(app).filter((f) => f.level === 'error');
    expect(errorLines(message)).toEqual(errors.map((f) => errorLine(f.path, f.ruleId, f.message)));
    expect(annotationsAt(app, 'error')).toEqual([]);
  });

  test('one representative message pinned in full, fix included', () => {
    expect(errorLines(message)).toContain(
      "[team/legacy-admin] GLID-005: gitlab_project_access_token 'Legacy Admin' sets no access_level, so it gets maintainer by default. " +
      'Fix: Set access_level explicitly to the lowest role the automation needs (reporter for reading and triage).',
    );
  });

  test('warnings are annotated but not part of the failure', () => {
    expect(annotationsAt(app, 'warning').map((a) => `[${a.path}] ${a.text.slice(0, 8)}`)).toEqual([
      '[team/legacy-admin] GLID-016', '[team/ci-group] GLID-010', '[team/ci-variable] GLID-014', '[team/alice] GLID-011',
    ]);
    expect(message).not.toMatch(/GLID-01[0146]/);
  });
});

describe('warnings alone', () => {
  test('do not fail app.synth(), and are annotated with their fix', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    groupToken(stack);
    new PersonalAccessToken(stack, 'alice', { userId: 7, name: 'alice-laptop', scopes: ['read_api'], rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 7 } });
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app)).toEqual([
      {
        path: 'team/group-token', level: 'warning',
        text: "GLID-010: gitlab_group_access_token 'team-group-bot' reaches every project of its group; its size is unknown to the checks. " +
          "Fix: Name the projects (Reach.projects) to get a service account with explicit memberships, or suppress with a reason such as the group's size.",
      },
      {
        path: 'team/alice', level: 'warning',
        text: "GLID-011: gitlab_personal_access_token 'alice-laptop' belongs to a user that is not a service account managed in this app. " +
          'Fix: Use a service account (gitlab_group_service_account) or declare the automation with AutomationIdentity.',
      },
    ]);
  });
});

describe('where the checks are added', () => {
  const owner = (stack: TerraformStack) => projectToken(stack, 'token', { accessLevel: 'owner' });
  const OWNER_LINE = errorLine('team/token', 'GLID-006', "gitlab_project_access_token 'team-bot' has access_level owner.");

  // cdktf 0.21 never visits aspects on an App, and no public hook lets a library notice one there: enable()
  // adds the aspect and registers the checks (tests below show the aspect alone once the app uses the library).
  test('on the App, with IdentityPolicyChecks.enable', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    owner(userStack(app));
    expect(errorLines(synthFailure(app))).toEqual([OWNER_LINE]);
  });

  test('an aspect on the App takes effect once the app has a construct of the library', () => {
    const app = tempApp();
    Aspects.of(app).add(new IdentityPolicyChecks());
    const stack = userStack(app);
    owner(stack);
    new AutomationIdentity(stack, 'bot', { owner: 'team', purpose: 'reader', runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ] });
    expect(errorLines(synthFailure(app))).toEqual([OWNER_LINE]);
  });

  test('on the App, for a stack nested below another construct', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    const stack = new TerraformStack(new Construct(app, 'org'), 'team');
    new GitlabProvider(stack, 'gitlab', {});
    owner(stack);
    expect(errorLines(synthFailure(app))).toEqual([errorLine('org/team/token', 'GLID-006', "gitlab_project_access_token 'team-bot' has access_level owner.")]);
  });

  test('on a stack', () => {
    const app = tempApp();
    owner(checkedStack(undefined, app));
    expect(errorLines(synthFailure(app))).toEqual([OWNER_LINE]);
  });

  test('on a construct inside a stack: only that subtree is checked', () => {
    const app = tempApp();
    const stack = userStack(app);
    const checked = new Construct(stack, 'checked');
    Aspects.of(checked).add(new IdentityPolicyChecks());
    projectToken(checked, 'token', { accessLevel: 'owner' });
    projectToken(stack, 'unchecked', { accessLevel: 'owner', name: 'team-unchecked' });
    expect(errorLines(synthFailure(app))).toEqual([errorLine('team/checked/token', 'GLID-006', "gitlab_project_access_token 'team-bot' has access_level owner.")]);
  });

  test('the same instance on the App and on the stack reports each finding once', () => {
    const app = tempApp();
    const checks = new IdentityPolicyChecks();
    Aspects.of(app).add(checks);
    const stack = userStack(app);
    Aspects.of(stack).add(checks);
    owner(stack);
    expect(errorLines(synthFailure(app))).toEqual([OWNER_LINE]);
    expect(findingsIn(app)).toHaveLength(1);
  });

  test('without the checks nothing is reported', () => {
    const app = tempApp();
    riskyTokens(userStack(app));
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app)).toEqual([]);
  });

  test('an invalid policy fails when the checks are created', () => {
    expect(() => new IdentityPolicyChecks({ policy: { maxLifetimeDays: 400 } })).toThrow(
      identityError(ErrorCode.INVALID_POLICY, 'policy.maxLifetimeDays', 'policy.maxLifetimeDays', '400', '2', '365'),
    );
  });
});

describe('synthesizing twice', () => {
  test('does not duplicate annotations (warnings and info)', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    groupToken(stack);
    projectToken(stack, 'badly-named', { name: 'Team_Fixed' });
    app.synth();
    const first = annotations(app);
    app.synth();
    expect(first.map((a) => a.level)).toEqual(['warning', 'warning']);
    expect(annotations(app)).toEqual(first);
  });

  test('fails the second time with the same message, errors not duplicated', () => {
    const app = tempApp();
    riskyTokens(checkedStack(undefined, app));
    const first = synthFailure(app);
    expect(synthFailure(app)).toBe(first);
  });

  test('Testing.synth then app.synth(): each finding once', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    projectToken(stack, 'token', { accessLevel: 'owner' });
    Testing.synth(stack, true);
    expect(errorLines(synthFailure(app))).toHaveLength(1);
    expect(findingsIn(app)).toHaveLength(1);
  });
});

describe('GLID-015 token reuse across the stacks of one app', () => {
  test('with the checks on the App: the later stack\'s token is the error', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    projectToken(userStack(app, 'alpha'));
    projectToken(userStack(app, 'beta'), 'token', { project: 'acme/other' });
    expect(errorLines(synthFailure(app))).toEqual([
      errorLine('beta/token', 'GLID-015', "gitlab_project_access_token 'team-bot' reuses the name of alpha/token."),
    ]);
  });

  test('with one instance added to each stack', () => {
    const app = tempApp();
    const checks = new IdentityPolicyChecks();
    for (const id of ['alpha', 'beta']) {
      const stack = userStack(app, id);
      Aspects.of(stack).add(checks);
      projectToken(stack);
    }
    expect(errorLines(synthFailure(app))).toEqual([
      errorLine('beta/token', 'GLID-015', "gitlab_project_access_token 'team-bot' reuses the name of alpha/token."),
    ]);
  });

  // Was a bug (names remembered per IdentityPolicyChecks instance), fixed: names are tracked per app. A team that
  // adds `new IdentityPolicyChecks()` in each stack's constructor (a common pattern) never sees reuse across
  // stacks, although the issue defines GLID-015 as "the same token name used by two credentials in one app".
  test('with a new instance in each stack', () => {
    const app = tempApp();
    projectToken(checkedStack(undefined, app, 'alpha'));
    projectToken(checkedStack(undefined, app, 'beta'), 'token', { project: 'acme/other' });
    expect(errorLines(synthFailure(app))).toEqual([
      errorLine('beta/token', 'GLID-015', "gitlab_project_access_token 'team-bot' reuses the name of alpha/token."),
    ]);
  });
});

describe('limits found end to end', () => {
  // Was a bug, fixed: cdktf synthesizes stack by stack and throws at the first stack with error annotations, so errors
  // in later stacks are not listed. The issue asks that synth fail "listing **all** of them".
  test('errors in two stacks are listed together', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    projectToken(userStack(app, 'alpha'), 'token', { accessLevel: 'owner', name: 'alpha-bot' });
    projectToken(userStack(app, 'beta'), 'token', { accessLevel: 'owner', name: 'beta-bot' });
    expect(errorLines(synthFailure(app)).map((l) => l.slice(0, l.indexOf(']') + 1))).toEqual(['[alpha/token]', '[beta/token]']);
  });

  // Was a bug, fixed (references are read from the tokens): a token of one stack delivered into a variable of another stack reaches the variable as a
  // cross-stack reference (`${data.terraform_remote_state.cross-stack-reference-input-alpha.outputs...}`), so
  // the variable is not recognised as holding a token: an unmasked, unhidden, unprotected variable passes.
  test('a token delivered across stacks into an unmasked variable is GLID-013', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    const token = projectToken(userStack(app, 'alpha'));
    new ProjectVariable(userStack(app, 'beta'), 'variable', { project: 'acme/ci', key: 'TEAM_TOKEN', value: token.token });
    expect(errorLines(synthFailure(app))).toEqual([
      errorLine('beta/variable', 'GLID-013', "gitlab_project_variable 'TEAM_TOKEN' holds a token but is not hidden."),
      errorLine('beta/variable', 'GLID-013', "gitlab_project_variable 'TEAM_TOKEN' holds a token but is not masked."),
    ]);
  });

  test('the output cdktf adds to carry a token across stacks is sensitive: no GLID-012', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    const token = projectToken(userStack(app, 'alpha'));
    projectVariable(userStack(app, 'beta'), token.token);
    expect(() => app.synth()).not.toThrow();
    const crossStackOutputs = app.node.findAll().filter((c) => c instanceof TerraformOutput);
    expect(crossStackOutputs.map((o) => o.node.path)).toEqual(['alpha/cross-stack-output-gitlab_project_access_token.token.token']);
    expect(findingsIn(app).filter((f) => f.ruleId === 'GLID-012')).toEqual([]);
  });

  // Documented limitation: the checks run from the App validation, which only app.synth() runs. Testing.synth(stack),
  // the usual unit-test entry point, synthesizes one stack without it, so a test suite must call app.synth().
  test.failing('Testing.synth(stack) honours checks added to the App', () => {
    const app = Testing.app();
    IdentityPolicyChecks.enable(app);
    const stack = userStack(app);
    projectToken(stack, 'token', { accessLevel: 'owner' });
    Testing.synth(stack, true);
    expect(findingsIn(stack).map((f) => f.ruleId)).toEqual(['GLID-006']);
  });

  test('a hand-written variable holding a token from the same stack is recognised', () => {
    const app = tempApp();
    IdentityPolicyChecks.enable(app);
    const stack = userStack(app, 'alpha');
    projectVariable(stack, projectToken(stack).token, 'variable', { masked: false });
    expect(errorLines(synthFailure(app))).toEqual([
      errorLine('alpha/variable', 'GLID-013', "gitlab_project_variable 'TEAM_TOKEN' holds a token but is not masked."),
    ]);
  });
});
