/**
 * An AutomationIdentity's rendered resources are compared with its plan: an override that raises the role,
 * widens scopes, moves the token, lengthens its life, removes its rotation, copies it or hands it to another
 * user is reported (GLID-007, GLID-021), and the inventory lists the differences.
 */
import { Capability, IdentityBinding, Reach, Runtime, planIdentity } from '../../../lib/core';
import { active, check, entry, ruleIds, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const IDENTITY = 'team/reader';
const TOKEN = 'gitlab_project_access_token.reader_Token';

const tokenPlan = planIdentity({
  owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'),
  capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7,
});

const tokenBinding: IdentityBinding = { path: IDENTITY, plan: tokenPlan, addresses: [TOKEN, 'gitlab_project_variable.reader_Variable'] };

/** What the library renders for the plan, changed by `override` (as addOverride would). */
function renderedToken(override: Record<string, unknown> = {}, remove: readonly string[] = []) {
  const body: Record<string, unknown> = {
    '//': { metadata: { path: `${IDENTITY}/Token` } },
    name: 'team-reader',
    project: 'acme/app',
    access_level: 'reporter',
    scopes: ['read_api'],
    description: tokenPlan.description,
    rotation_configuration: { expiration_days: 30, rotate_before_days: 7 },
    ...override,
  };
  for (const key of remove) delete body[key];
  return stack({
    resource: {
      gitlab_project_access_token: { reader_Token: body },
      gitlab_project_variable: {
        reader_Variable: {
          '//': { metadata: { path: `${IDENTITY}/Variable` } },
          project: 'acme/app', key: 'READER_TOKEN', value: `\${${TOKEN}.token}`, masked: true, hidden: true, protected: true, raw: true,
        },
      },
    },
  });
}

describe('a project access token rendered from its plan', () => {
  test('given the plan as planned (reporter, read_api on acme/app, rotated 30/7), when checked, then nothing is reported', () => {
    const report = check(renderedToken(), [tokenBinding]);
    expect(report.findings).toEqual([]);
    expect(entry([report], 'team-reader')).toMatchObject({ source: 'automation-identity', accessLevel: 'reporter', scopes: ['read_api'], lifetimeDays: 30, differsFromPlan: [] });
  });

  const drifts: [string, Record<string, unknown>, readonly string[], Record<string, string>][] = [
    ['access_level raised to developer', { access_level: 'developer' }, [], { 'GLID-007': 'has access_level developer, above the planned reporter' }],
    ['scopes widened to api', { scopes: ['read_api', 'api'] }, [], { 'GLID-007': 'has scopes api beyond the planned read_api' }],
    ['lifetime raised to 60 days (within the policy maximum)', { rotation_configuration: { expiration_days: 60, rotate_before_days: 7 } }, [], { 'GLID-021': 'lives 60 days, but its plan says 30' }],
    ['rotate-before changed', { rotation_configuration: { expiration_days: 30, rotate_before_days: 20 } }, [], { 'GLID-021': 'rotates 20 days before expiry, but its plan says 7' }],
    ['rotation removed for a fixed expires_at', { expires_at: '2030-01-01' }, ['rotation_configuration'], {
      'GLID-021': 'has no rotation_configuration, but its plan rotates it',
      'GLID-003': 'expires_at is the fixed date 2030-01-01',
    }],
    ['count = 2', { count: 2 }, [], { 'GLID-021': 'makes 2 copies (count/for_each), but its plan makes one' }],
    ['the token moved to another project', { project: 'acme/other' }, [], { 'GLID-007': 'is on project acme/other, which its plan does not reach (acme/app)' }],
  ];

  test.each(drifts)('given the rendering with %s, when checked, then the drift is reported', (_what, override, remove, expected) => {
    const report = check(renderedToken(override, remove), [tokenBinding]);
    for (const [ruleId, text] of Object.entries(expected)) {
      expect(active(report, ruleId)).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'error', path: `${IDENTITY}/Token`, message: expect.stringContaining(text) })]));
    }
  });

  test.each(drifts.filter(([, , , expected]) => 'GLID-007' in expected || 'GLID-021' in expected))(
    'given the rendering with %s, when inventoried, then differsFromPlan lists the message',
    (_what, override, remove, expected) => {
      const report = check(renderedToken(override, remove), [tokenBinding]);
      const differs = entry([report], 'team-reader').differsFromPlan;
      for (const [ruleId, text] of Object.entries(expected)) {
        if (ruleId === 'GLID-007' || ruleId === 'GLID-021') expect(differs).toEqual(expect.arrayContaining([expect.stringContaining(text)]));
      }
    },
  );

  test('given access_level lowered to guest, when checked, then lowering is not over-privilege', () => {
    const report = check(renderedToken({ access_level: 'guest' }), [tokenBinding]);
    expect(active(report, 'GLID-007')).toEqual([]);
  });

  test('given the token rendered under a name the app uses twice, when checked, then GLID-015 names the earlier path', () => {
    const config = renderedToken();
    const withCopy = { ...config, resource: { ...(config.resource as object), gitlab_group_access_token: { g: { name: 'team-reader', group: 'acme', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } } } } };
    expect(active(check(withCopy, [tokenBinding]), 'GLID-015').map((f) => f.message)).toEqual([expect.stringContaining(`reuses the name of ${IDENTITY}/Token`)]);
  });

  test('given the rendered token with a computed access_level, when checked, then GLID-022 is part of differsFromPlan', () => {
    const config = { ...renderedToken({ access_level: '${var.level}' }), variable: { level: {} } };
    const report = check(config, [tokenBinding]);
    expect(ruleIds(report)).toContain('GLID-022');
    expect(entry([report], 'team-reader').differsFromPlan).toEqual([expect.stringContaining('cannot verify access_level')]);
  });
});

describe('a service account rendered from its plan', () => {
  const IDENT = 'team/multi';
  const saPlan = planIdentity({
    owner: 'team', purpose: 'multi', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/web']), capabilities: [Capability.API_READ],
  });
  const addresses = [
    'gitlab_group_service_account.multi_ServiceAccount', 'gitlab_project_membership.multi_Membership-app',
    'gitlab_project_membership.multi_Membership-web', 'gitlab_group_service_account_access_token.multi_Token',
  ];
  const binding: IdentityBinding = { path: IDENT, plan: saPlan, addresses };
  const USER = '${tonumber(gitlab_group_service_account.multi_ServiceAccount.service_account_id)}';
  const meta = (name: string) => ({ '//': { metadata: { path: `${IDENT}/${name}` } } });

  function rendered(changes: { webProject?: string; tokenUser?: unknown; web?: Record<string, unknown> } = {}) {
    return stack({
      resource: {
        gitlab_group_service_account: { multi_ServiceAccount: { ...meta('ServiceAccount'), group: 'acme', name: 'team-multi', username: 'acme_team-multi' } },
        gitlab_project_membership: {
          'multi_Membership-app': { ...meta('Membership-app'), project: 'acme/app', user_id: USER, access_level: 'reporter' },
          'multi_Membership-web': { ...meta('Membership-web'), project: changes.webProject ?? 'acme/web', user_id: USER, access_level: 'reporter', ...changes.web },
        },
        gitlab_group_service_account_access_token: {
          multi_Token: {
            ...meta('Token'), group: 'acme', user_id: changes.tokenUser ?? USER, name: 'team-multi', scopes: ['read_api'],
            rotation_configuration: { expiration_days: 90, rotate_before_days: 14 },
          },
        },
      },
    });
  }

  test('given the plan as planned, when checked, then nothing is reported and the inventory names the service account', () => {
    const report = check(rendered(), [binding]);
    expect(report.findings).toEqual([]);
    const e = entry([report], 'team-multi');
    expect(e).toMatchObject({ kind: 'service-account', users: ['service account gitlab_group_service_account.multi_ServiceAccount'], differsFromPlan: [], copies: 1 });
    expect(e.grants.map((g) => `${g.type} ${g.target}`)).toEqual(['membership acme/app', 'membership acme/web']);
  });

  test('given a membership moved to another project, when checked, then GLID-007 reports it and the inventory lists it', () => {
    const report = check(rendered({ webProject: 'acme/secret' }), [binding]);
    // Where it is, and what its plan reaches.
    const expected = mentioning('gitlab_project_membership', 'acme/secret', 'acme/app', 'acme/web');
    expect(active(report, 'GLID-007')).toEqual([expect.objectContaining({ level: 'error', path: `${IDENT}/Membership-web`, message: expected })]);
    expect(entry([report], 'team-multi').differsFromPlan).toEqual([expected]);
  });

  test('given the token handed to another user, when checked, then GLID-021 reports it and the inventory lists it', () => {
    const report = check(rendered({ tokenUser: 99 }), [binding]);
    const expected = mentioning('gitlab_group_service_account_access_token', "'team-multi'", '99', 'service account');
    expect(active(report, 'GLID-021')).toEqual([expect.objectContaining({ level: 'error', path: `${IDENT}/Token`, message: expected })]);
    expect(entry([report], 'team-multi').differsFromPlan).toEqual([expected]);
    expect(entry([report], 'team-multi').users).toContain('user 99');
  });

  test('given the token handed to a service account that the identity did not render, when checked, then GLID-021 reports it', () => {
    const config = rendered({ tokenUser: '${tonumber(gitlab_group_service_account.other.service_account_id)}' });
    const withOther = { ...config, resource: { ...(config.resource as object), gitlab_group_service_account: { ...(config.resource as { gitlab_group_service_account: object }).gitlab_group_service_account, other: { group: 'acme', name: 'x', username: 'x' } } } };
    expect(active(check(withOther, [binding]), 'GLID-021').map((f) => f.message)).toEqual([expect.stringContaining('belongs to service account gitlab_group_service_account.other')]);
  });

  // The membership, what it holds or where it is, and what its plan says.
  test.each([
    ['its role raised', { access_level: 'maintainer' }, 'GLID-007', ['access_level', 'maintainer', 'reporter']],
    ['another user', { user_id: 5 }, 'GLID-021', ['5', 'service account']],
    ['count = 2', { count: 2 }, 'GLID-021', ['2', 'count/for_each']],
    ['a numeric project id', { project: 123 }, 'GLID-007', ['123', 'acme/app', 'acme/web']],
  ])('given a membership with %s, when checked, then it is reported and listed in differsFromPlan', (_what, web, ruleId, parts) => {
    const report = check(rendered({ web }), [binding]);
    const message = mentioning('gitlab_project_membership', ...parts);
    expect(active(report).map((f) => [f.ruleId, f.message])).toEqual([[ruleId, message]]);
    expect(entry([report], 'team-multi').differsFromPlan).toEqual([message]);
  });
});

describe('a rendered token moved to another provider configuration', () => {
  test('given provider = "gitlab.other" on the token, when checked, then GLID-021 names it and the inventory shows the difference', () => {
    const report = check(renderedToken({ provider: 'gitlab.other' }), [tokenBinding]);
    expect(active(report, 'GLID-021').map((f) => f.message)).toEqual([mentioning('provider configuration gitlab.other', 'default')]);
    expect(entry([report], 'team-reader').differsFromPlan).toEqual([mentioning('gitlab.other')]);
  });

  test('given provider written as something other than a string (Terraform refuses it), when checked, then GLID-021 shows it as written', () => {
    const report = check(renderedToken({ provider: ['gitlab.other'] }), [tokenBinding]);
    expect(active(report, 'GLID-021').map((f) => f.message)).toEqual([mentioning('provider configuration ["gitlab.other"]')]);
  });

  test('given provider = "gitlab" or null on the token (the default configuration), when checked, then no GLID-021', () => {
    for (const provider of ['gitlab', null]) expect(active(check(renderedToken({ provider }), [tokenBinding]), 'GLID-021')).toEqual([]);
  });

  test('given a raw token with its own provider configuration, when checked, then no GLID-021 (nothing was planned)', () => {
    const report = check(stack({ resource: { gitlab_project_access_token: { raw: { name: 'x', project: 'acme/app', access_level: 'reporter', scopes: ['read_api'], provider: 'gitlab.other', rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } } } } }));
    expect(active(report, 'GLID-021')).toEqual([]);
  });
});
