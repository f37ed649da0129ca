/**
 * Reasoned suppressions: they clear a finding on a construct and its subtree, are recorded with what they
 * matched, are validated eagerly (known rule ID, a reason of at least 10 visible characters), and are reported when
 * they match nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, TerraformHclModule, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccessLevel,
  AutomationIdentity,
  Capability as C,
  ErrorCode,
  IdentityError,
  IdentityPolicyChecks,
  IdentitySuppressions,
  Reach,
} from '../../../lib';
import { request, userStack } from '../support';
import {
  annotations,
  annotationsAt,
  checkedStack,
  findingsIn,
  groupToken,
  projectToken,
  projectVariable,
  synthFailure,
  tempApp,
  synth,
} from './policy-support';
import { mentioning } from '../../support/mentioning';

const OWNER = mentioning('gitlab_project_access_token', "'team-bot'", 'access_level', 'owner');

/** The annotations `app.synth()` wrote to the manifest, per stack: what the cdktf CLI prints. */
function manifestAnnotations(app: App): { stack: string; constructPath: string; level: string; message: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { annotations: { constructPath: string; level: string; message: string }[] }>;
  };
  return Object.entries(manifest.stacks).flatMap(([stack, m]) =>
    m.annotations.map(({ constructPath, level, message }) => ({ stack, constructPath, level, message })));
}

/** Calls `fn`, which must throw an IdentityError, and returns it. */
function identityError(fn: () => void): IdentityError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IdentityError) return e;
    throw e;
  }
  throw new Error('expected an IdentityError');
}

describe('a module the checks cannot read: GLID-022 on the module construct, suppressed there by a reviewer', () => {
  const source = 'terraform-aws-modules/vpc/aws';
  const moduleIn = (app: App) => new TerraformHclModule(checkedStack(undefined, app), 'network', { source, version: '5.0.0' });

  test('unsuppressed, synth fails naming the module construct and its source', () => {
    const app = tempApp();
    moduleIn(app);
    const failure = synthFailure(app);
    expect(failure).toContain('[team/network] GLID-022: module.network: cannot verify source');
    expect(failure).toEqual(mentioning(`"${source}"`, 'not checked', 'suppress GLID-022 on this resource or module'));
  });

  test('suppressed on the module construct with a reason, synth succeeds and the suppression matched it', () => {
    const app = tempApp();
    const module = moduleIn(app);
    IdentitySuppressions.add(module, [{ id: 'GLID-022', reason: 'AWS networking only, creates no GitLab resource' }]);
    expect(() => app.synth()).not.toThrow();
    expect(IdentitySuppressions.of(module)).toEqual([expect.objectContaining({ id: 'GLID-022', scope: 'team/network', matched: [expect.objectContaining({ path: 'team/network' })] })]);
  });
});

describe('a suppression with a reason clears the finding and is recorded', () => {
  // GIVEN an owner token suppressed for GLID-006 WHEN app.synth() THEN it succeeds and the suppression is recorded
  const app = tempApp();
  const stack = checkedStack(undefined, app);
  const token = projectToken(stack, 'token', { accessLevel: 'owner' });
  IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for the platform on-call, reviewed monthly' }]);

  test('synth succeeds and nothing about GLID-006 is annotated', () => {
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app)).toEqual([]);
  });

  test('IdentitySuppressions.of lists the suppression with the finding it matched', () => {
    expect(IdentitySuppressions.of(token)).toEqual([{
      id: 'GLID-006',
      reason: 'break-glass token for the platform on-call, reviewed monthly',
      scope: 'team/token',
      matched: [{ path: 'team/token', message: OWNER }],
    }]);
  });

  test('findingsOf keeps the finding, with the suppression that silenced it', () => {
    expect(IdentityPolicyChecks.findingsOf(token)).toEqual([{
      ruleId: 'GLID-006', level: 'error', message: OWNER, path: 'team/token',
      suppressedBy: { id: 'GLID-006', reason: 'break-glass token for the platform on-call, reviewed monthly', scope: 'team/token' },
    }]);
  });
});

describe('scope of a suppression', () => {
  test('on a parent construct it applies to the whole subtree, and records each match', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    const team = new Construct(stack, 'legacy');
    projectToken(team, 'a', { accessLevel: 'owner', name: 'team-a' });
    projectToken(team, 'b', { accessLevel: 'owner', name: 'team-b' });
    IdentitySuppressions.add(team, [{ id: 'GLID-006', reason: 'legacy tokens, replaced in Q3 by AutomationIdentity' }]);
    expect(() => app.synth()).not.toThrow();
    expect(IdentitySuppressions.of(team)[0].matched).toEqual([
      { path: 'team/legacy/a', message: mentioning('gitlab_project_access_token', "'team-a'", 'access_level', 'owner') },
      { path: 'team/legacy/b', message: mentioning('gitlab_project_access_token', "'team-b'", 'access_level', 'owner') },
    ]);
    // Recorded on the construct it was added to, not on the resources.
    expect(IdentitySuppressions.of(team.node.findChild('a'))).toEqual([]);
  });

  test('on the stack: covers everything in it', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    projectToken(stack, 'token', { accessLevel: 'owner' });
    IdentitySuppressions.add(stack, [{ id: 'GLID-006', reason: 'sandbox instance, no real data' }]);
    expect(() => app.synth()).not.toThrow();
  });

  test('not on the App: suppressions stay local, and an App-wide one would be reported nowhere', () => {
    const app = tempApp();
    expect(() => IdentitySuppressions.add(app, [{ id: 'GLID-006', reason: 'sandbox instance, no real data' }])).toThrow(
      // The field, what was received, and where a suppression belongs: a stack or a construct in one.
      expect.objectContaining({ code: 'INVALID_SUPPRESSION', field: 'construct', message: mentioning('construct', "'the app'", 'stack') }),
    );
  });

  test('only the named rule is suppressed: the token\'s other errors still fail synth', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    const token = projectToken(stack, 'token', { accessLevel: 'owner', rotationConfiguration: undefined });
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for the platform on-call' }]);
    const message = synthFailure(app);
    const line = message.split('\n').find((l) => l.includes('[team/token] GLID-001: '));
    expect(line).toEqual(mentioning('gitlab_project_access_token', "'team-bot'", 'expires_at', 'rotation_configuration'));
    expect(message).not.toContain('GLID-006');
  });

  test('the nearest suppression takes the match; an outer one that then matches nothing is reported', () => {
    const stack = checkedStack();
    const token = projectToken(stack, 'token', { accessLevel: 'owner' });
    IdentitySuppressions.add(stack, [{ id: 'GLID-006', reason: 'stack-wide: sandbox instance' }]);
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'this token: break-glass for on-call' }]);
    synth(stack);
    expect(IdentitySuppressions.of(token)[0].matched).toHaveLength(1);
    expect(IdentitySuppressions.of(stack)[0].matched).toEqual([]);
    expect(annotationsAt(stack, 'warning').map((a) => a.path)).toEqual(['team']);
  });

  test('one suppression covers every finding of its rule on the construct', () => {
    const stack = checkedStack();
    const variable = projectVariable(stack, projectToken(stack).token, 'variable', { masked: false, hidden: false });
    IdentitySuppressions.add(variable, [{ id: 'GLID-013', reason: 'value is a token for a sandbox instance' }]);
    synth(stack);
    expect(IdentitySuppressions.of(variable)[0].matched.map((m) => m.message)).toEqual([
      mentioning('gitlab_project_variable', "'TEAM_TOKEN'", 'hidden'),
      mentioning('gitlab_project_variable', "'TEAM_TOKEN'", 'masked'),
    ]);
    expect(annotations(stack)).toEqual([]);
  });

  test('warnings can be suppressed too: a small group\'s token on an identity', () => {
    const stack = checkedStack();
    const identity = new AutomationIdentity(stack, 'bot', request({ reach: Reach.group('acme/small', { projectCount: 4 }), capabilities: [C.API_READ] }));
    IdentitySuppressions.add(identity, [{ id: 'GLID-010', reason: 'group is 4 projects, owned by one team' }]);
    synth(stack);
    expect(annotations(stack)).toEqual([]);
    expect(IdentitySuppressions.of(identity)[0].matched.map((m) => m.path)).toEqual(['team/bot']);
  });

  test('an identity\'s over-privilege (GLID-007) and an escape hatch on its token', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    const identity = new AutomationIdentity(stack, 'bot', request({ capabilities: [C.API_READ], accessLevel: AccessLevel.DEVELOPER }));
    (identity.node.findChild('Token') as TerraformResource).addOverride('scopes', ['read_api', 'read_repository']);
    IdentitySuppressions.add(identity, [{ id: 'GLID-007', reason: 'reads the repository until issue 123 ships' }]);
    expect(() => app.synth()).not.toThrow();
    expect(IdentitySuppressions.of(identity)[0].matched.map((m) => m.path)).toEqual(['team/bot', 'team/bot/Token']);
  });

  test('the reason is recorded trimmed', () => {
    const stack = checkedStack();
    const token = groupToken(stack);
    IdentitySuppressions.add(token, [{ id: 'GLID-010', reason: '   group holds 4 projects   ' }]);
    expect(IdentitySuppressions.of(token)[0].reason).toBe('group holds 4 projects');
  });

  test('a reason with line breaks is accepted and recorded on one line', () => {
    const stack = checkedStack();
    const token = groupToken(stack);
    IdentitySuppressions.add(token, [{ id: 'GLID-010', reason: 'group holds 4 projects,\r\n\n  all owned by\u2028the runner team\n' }]);
    expect(IdentitySuppressions.of(token)[0].reason).toBe('group holds 4 projects, all owned by the runner team');
  });
});

describe('invalid suppressions throw IdentityError at once', () => {
  const construct = () => new Construct(userStack(tempApp()), 'scope');

  // Key parts: the field, the value received, what is allowed (the rule IDs, the minimum length) and the fix
  // (the closest rule ID, RULES.md, an example reason or list).
  const IDS = Array.from({ length: 25 }, (_, i) => `GLID-${String(i + 1).padStart(3, '0')}`);
  const REASON_FIX = "'group holds 4 projects, all owned by the runner team'";

  test.each<[string, unknown, ErrorCode, string, string[]]>([
    ['an unknown rule ID, with the closest known one', [{ id: 'glid-010', reason: 'group holds 4 projects' }], ErrorCode.UNKNOWN_RULE, 'suppressions[0].id',
      ["'glid-010'", ...IDS, "'GLID-010'", 'RULES.md']],
    ['an unknown rule ID in a later entry', [{ id: 'GLID-010', reason: 'group holds 4 projects' }, { id: 'GLID-099', reason: 'group holds 4 projects' }],
      ErrorCode.UNKNOWN_RULE, 'suppressions[1].id', ["'GLID-099'", ...IDS, "'GLID-009'", 'RULES.md']],
    ['a missing rule ID', [{ reason: 'group holds 4 projects' }], ErrorCode.UNKNOWN_RULE, 'suppressions[0].id', ['undefined', ...IDS, 'RULES.md']],
    ['a reason shorter than 10 characters', [{ id: 'GLID-010', reason: 'too small' }], ErrorCode.INVALID_SUPPRESSION, 'suppressions[0].reason',
      ["'too small'", '10', REASON_FIX]],
    ['a reason that is only long with its spaces', [{ id: 'GLID-010', reason: '    ok      ' }], ErrorCode.INVALID_SUPPRESSION, 'suppressions[0].reason',
      ["'    ok      '", '10', REASON_FIX]],
    ['a missing reason', [{ id: 'GLID-010' }], ErrorCode.INVALID_SUPPRESSION, 'suppressions[0].reason', ['undefined', '10', REASON_FIX]],
    ['a single suppression instead of a list', { id: 'GLID-010', reason: 'group holds 4 projects' }, ErrorCode.INVALID_SUPPRESSION, 'suppressions',
      ['an object {"id":"GLID-010","reason":"group holds 4 projects"}', '{ id, reason }', "[{ id: 'GLID-010', reason: 'group holds 4 projects, owned by one team' }]"]],
  ])('%s', (_what, suppressions, code, field, parts) => {
    const error = identityError(() => IdentitySuppressions.add(construct(), suppressions as never));
    expect({ code: error.code, field: error.field, message: error.message }).toEqual({ code, field, message: mentioning(field, ...parts) });
  });

  test('exactly 10 visible characters is enough; spaces do not count', () => {
    expect(() => IdentitySuppressions.add(construct(), [{ id: 'GLID-010', reason: 'small teams' }])).not.toThrow();
    expect(() => IdentitySuppressions.add(construct(), [{ id: 'GLID-010', reason: 'small team' }])).toThrow(IdentityError);
  });

  test('zero-width characters do not make a reason long enough', () => {
    const error = identityError(() => IdentitySuppressions.add(construct(), [{ id: 'GLID-010', reason: 'ab' + '\u200b'.repeat(20) }]));
    expect(error.code).toBe(ErrorCode.INVALID_SUPPRESSION);
    expect(error.field).toBe('suppressions[0].reason');
  });

  test('combining marks and bidi controls do not either', () => {
    expect(() => IdentitySuppressions.add(construct(), [{ id: 'GLID-010', reason: 'e\u0301'.repeat(9) + '\u202e\u2066\u00ad' }])).toThrow(IdentityError);
  });

  test('a rejected list adds nothing, not even its valid entries', () => {
    const scope = construct();
    expect(() => IdentitySuppressions.add(scope, [{ id: 'GLID-010', reason: 'group holds 4 projects' }, { id: 'GLID-010', reason: 'short' }])).toThrow(IdentityError);
    expect(IdentitySuppressions.of(scope)).toEqual([]);
  });
});

describe('a suppression that matches nothing', () => {
  // The rule, the suppression's reason, and the fixes: remove it, or add IdentityPolicyChecks.
  const UNMATCHED = mentioning('GLID-006', 'break-glass token for on-call', 'IdentityPolicyChecks');

  test('is a warning on the construct it was added to, and synth still succeeds', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    const token = projectToken(stack);
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for on-call' }]);
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app)).toEqual([{ path: 'team/token', level: 'warning', text: UNMATCHED }]);
    expect(IdentitySuppressions.of(token)[0].matched).toEqual([]);
  });

  test('is reported when the app has no IdentityPolicyChecks at all', () => {
    const stack = userStack();
    const token = projectToken(stack, 'token', { accessLevel: 'owner' });
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for on-call' }]);
    synth(stack);
    expect(annotations(stack)).toEqual([{ path: 'team/token', level: 'warning', text: UNMATCHED }]);
  });

  test('one of two suppressions on a construct matched: only the other is reported', () => {
    const stack = checkedStack();
    const token = projectToken(stack, 'token', { accessLevel: 'owner' });
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for on-call' }, { id: 'GLID-016', reason: 'name agreed with security' }]);
    synth(stack);
    expect(annotations(stack)).toEqual([{
      path: 'team/token', level: 'warning',
      text: mentioning('GLID-016', 'name agreed with security', 'IdentityPolicyChecks'),
    }]);
  });

  test('is reported in the stack\'s manifest, which is what `cdktf synth` prints', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    projectToken(stack);
    IdentitySuppressions.add(stack, [{ id: 'GLID-006', reason: 'break-glass token for on-call' }]);
    app.synth();
    expect(manifestAnnotations(app)).toEqual([{ stack: 'team', constructPath: 'team', level: '@cdktf/warn', message: UNMATCHED }]);
  });

  // Was a bug, fixed: the "matched no finding" warning is added by a validation, and validations run on every synth,
  // so a second app.synth() (or Testing.synth) adds the same warning again. The findings themselves are
  // reported once (the aspect remembers what it visited).
  test('is reported once, however often the app is synthesized', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    const token = projectToken(stack);
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for on-call' }]);
    app.synth();
    app.synth();
    expect(annotationsAt(app, 'warning')).toEqual([{ path: 'team/token', level: 'warning', text: UNMATCHED }]);
  });
});

describe('without the checks, suppressions change nothing', () => {
  test('an app-level aspect that is not IdentityPolicyChecks does not make suppressions match', () => {
    const app = tempApp();
    const stack = userStack(app);
    Aspects.of(app).add({ visit: () => undefined });
    const token = projectToken(stack, 'token', { accessLevel: 'owner' });
    IdentitySuppressions.add(token, [{ id: 'GLID-006', reason: 'break-glass token for on-call' }]);
    app.synth();
    // The only finding is about the suppression itself: it silences nothing.
    expect(findingsIn(app).map(({ level, ruleId, message }) => ({ level, ruleId, message }))).toEqual([
      { level: 'warning', ruleId: 'GLID-006', message: mentioning('break-glass token for on-call', 'IdentityPolicyChecks') },
    ]);
    expect(IdentitySuppressions.of(token)[0].matched).toEqual([]);
  });
});
