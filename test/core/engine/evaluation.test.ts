/**
 * Decision attributes are evaluated from the Terraform JSON before the rules judge them: literals,
 * template literals, locals and variable defaults are known; what is not (a variable without default, a
 * function the checks do not evaluate, a count from such a variable) fails closed with GLID-022.
 */
import { active, check, compliantToken, credential, entry, messages, stack } from './engine-fixture';

const OVER_PRIVILEGED = { access_level: 'owner' };

function tokenStack(token: Record<string, unknown>, parts: Record<string, unknown> = {}) {
  return stack({ ...parts, resource: { gitlab_project_access_token: { t: compliantToken(token) } } });
}

describe('decision attributes the engine evaluates', () => {
  test('given a literal access_level, when checked, then the rules judge its value', () => {
    // Given a token whose access_level is the literal owner
    const report = check(tokenStack(OVER_PRIVILEGED));
    // Then GLID-006 names the owner role and no GLID-022 says it cannot be known
    expect(messages(report, 'GLID-006')).toHaveLength(1);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given a template literal ${"owner"}, when checked, then it is read as owner', () => {
    const report = check(tokenStack({ access_level: '${"owner"}' }));
    expect(credential(report, 'gitlab_project_access_token.t')).toMatchObject({ accessLevel: { known: true, value: 'owner' } });
    expect(messages(report, 'GLID-006')).toHaveLength(1);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given a chain of locals ending in owner, when checked, then the chain is followed to owner', () => {
    const report = check(tokenStack({ access_level: '${local.c}' }, { locals: { a: 'own', b: '${local.a}er', c: '${local.b}' } }));
    expect(credential(report, 'gitlab_project_access_token.t')).toMatchObject({ accessLevel: { known: true, value: 'owner' } });
    expect(messages(report, 'GLID-006')).toHaveLength(1);
  });

  test('given a variable with a default, when checked, then its default is the value judged', () => {
    const report = check(tokenStack({ access_level: '${var.level}' }, { variable: { level: { type: 'string', default: 'owner' } } }));
    expect(messages(report, 'GLID-006')).toHaveLength(1);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given a variable without default, when checked, then GLID-022 names the attribute and the missing default', () => {
    const report = check(tokenStack({ access_level: '${var.level}' }, { variable: { level: { type: 'string' } } }));
    const [message, ...rest] = messages(report, 'GLID-022');
    expect(rest).toEqual([]);
    expect(message).toContain('cannot verify access_level');
    expect(message).toContain('var.level has no default');
    expect(active(report, 'GLID-022')[0]).toMatchObject({ level: 'error', address: 'gitlab_project_access_token.t' });
  });

  test('given an undeclared variable, when checked, then it fails closed too', () => {
    const report = check(tokenStack({ access_level: '${var.missing}' }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('var.missing is not declared')]);
  });

  test('given a role chosen by fractional arithmetic, when checked, then it is not judged on the double\'s answer', () => {
    // Terraform: 0.1 + 0.2 == 0.3 is true, so this applies owner; in doubles it is false (reporter).
    const report = check(tokenStack({ access_level: '${0.1 + 0.2 == 0.3 ? "owner" : "reporter"}' }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify access_level')]);
    expect(messages(report, 'GLID-022')[0]).toContain('0.1 + 0.2 is not evaluated');
  });

  test('given a role chosen by whole-number arithmetic, when checked, then it is evaluated', () => {
    const report = check(tokenStack({ access_level: '${2 * 3 == 6 ? "owner" : "reporter"}' }));
    expect(messages(report, 'GLID-006')).toHaveLength(1);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given token names written as a number and as its digits, when checked, then they are one name, as Terraform writes it', () => {
    const report = check(stack({ resource: { gitlab_project_access_token: { a: compliantToken({ name: 1e21 }), b: compliantToken({ name: '1000000000000000000000' }) } } }));
    expect(messages(report, 'GLID-015')).toEqual([expect.stringContaining('reuses the name of gitlab_project_access_token.a')]);
  });

  test('given a function the checks do not evaluate, when checked, then GLID-022 reports the attribute', () => {
    const report = check(tokenStack({ access_level: '${file("level.txt")}' }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify access_level')]);
  });

  test('given scopes from a function the checks do not evaluate, when checked, then GLID-022 reports the scopes', () => {
    const report = check(tokenStack({ scopes: ['${file("scopes.txt")}'] }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify scopes')]);
  });

  test('given rotation days from a variable without default, when checked, then GLID-022 names the nested attribute', () => {
    const report = check(tokenStack({ rotation_configuration: { expiration_days: '${var.days}', rotate_before_days: 14 } }, { variable: { days: {} } }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify rotation_configuration.expiration_days: var.days has no default')]);
  });

  test('given count from a variable without default, when checked, then GLID-022 names count/for_each', () => {
    const report = check(tokenStack({ count: '${var.n}' }, { variable: { n: { type: 'number' } } }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify count/for_each: var.n has no default')]);
  });

  test('given count = 3 on a token with a literal name, when checked, then GLID-015 reports reuse by its own copies', () => {
    const report = check(tokenStack({ count: 3 }));
    expect(messages(report, 'GLID-015')).toEqual([expect.stringContaining('its own 2 other copies (count/for_each)')]);
    // Each instance is described (each.* bound) and stands for the block's 3 copies.
    expect(report.credentials.map((c) => ('address' in c ? c.address : undefined)).filter((a) => a?.startsWith('gitlab_project_access_token'))).toEqual(
      ['gitlab_project_access_token.t[0]', 'gitlab_project_access_token.t[1]', 'gitlab_project_access_token.t[2]']);
    expect(credential(report, 'gitlab_project_access_token.t[0]')).toMatchObject({ copies: { known: true, value: 3 } });
  });

  test('given count from a local = 1, when checked, then the single copy is no reuse', () => {
    const report = check(tokenStack({ count: '${local.n}' }, { locals: { n: 1 } }));
    expect(active(report, 'GLID-015')).toEqual([]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given for_each over a map of 2 and a literal name, when checked, then there are 2 copies and GLID-015 says 1 other copy', () => {
    const report = check(tokenStack({ for_each: { a: 'x', b: 'y' } }));
    expect(credential(report, 'gitlab_project_access_token.t["b"]')).toMatchObject({ copies: { known: true, value: 2 } });
    expect(messages(report, 'GLID-015')).toEqual([expect.stringContaining('its own 1 other copy (count/for_each)')]);
  });

  test('given for_each over a set with a duplicate, when checked, then the duplicate counts once', () => {
    const report = check(tokenStack({ for_each: '${toset(["a", "b", "a"])}' }));
    expect(credential(report, 'gitlab_project_access_token.t["a"]')).toMatchObject({ copies: { known: true, value: 2 } });
  });

  test('given for_each over a map of roles, when checked, then each instance is judged with its own each.value', () => {
    const report = check(tokenStack({
      for_each: '${local.bots}', name: 'quality-${each.key}', access_level: '${each.value.role}', scopes: '${each.value.scopes}',
    }, { locals: { bots: { triage: { role: 'reporter', scopes: ['read_api'] }, release: { role: 'owner', scopes: ['api', 'sudo'] } } } }));
    expect(active(report, 'GLID-006').map((f) => f.address)).toEqual(['gitlab_project_access_token.t["release"]']);
    expect(active(report, 'GLID-008').map((f) => f.address)).toEqual(['gitlab_project_access_token.t["release"]']);
    expect(active(report, 'GLID-022')).toEqual([]);
    expect(credential(report, 'gitlab_project_access_token.t["triage"]')).toMatchObject({ accessLevel: { known: true, value: 'reporter' }, name: { known: true, value: 'quality-triage' } });
  });

  test('given count with count.index in the name, when checked, then each instance has its own name and none is a reuse', () => {
    const report = check(tokenStack({ count: 2, name: 'quality-bot-${count.index}' }));
    expect(credential(report, 'gitlab_project_access_token.t[1]')).toMatchObject({ name: { known: true, value: 'quality-bot-1' } });
  });

  test('given for_each over a map no one can evaluate, when checked, then each.value stays unknown and GLID-022 fails closed', () => {
    const report = check(tokenStack({ for_each: '${var.bots}', access_level: '${each.value.role}' }, { variable: { bots: {} } }));
    expect(messages(report, 'GLID-022')).toEqual(expect.arrayContaining([expect.stringContaining('cannot verify access_level')]));
  });

  test('given a variable reading one instance of a for_each token, when checked, then the secret is followed', () => {
    const report = check(stack({ resource: {
      gitlab_project_access_token: { t: compliantToken({ for_each: { a: 'x' }, name: 'quality-${each.key}' }) },
      gitlab_project_variable: { v: { project: 'acme/app', key: 'T', value: '${gitlab_project_access_token.t["a"].token}', masked: false, hidden: true, protected: true } },
    } }));
    expect(messages(report, 'GLID-013')).toEqual([expect.stringContaining('is not masked')]);
  });

  test('given count = 0, when checked, then no copy is made and the token is not a reuse', () => {
    const report = check(tokenStack({ count: 0 }));
    expect(credential(report, 'gitlab_project_access_token.t')).toMatchObject({ copies: { known: true, value: 0 } });
    expect(active(report, 'GLID-015')).toEqual([]);
  });

  test('given a local that refers to itself, when checked, then the engine does not loop and fails closed', () => {
    const report = check(tokenStack({ access_level: '${local.a}' }, { locals: { a: '${local.b}', b: '${local.a}' } }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('refers to itself')]);
  });

  test('given a block map split into a list of parts, when checked, then every part is read', () => {
    const withoutAccessLevel = compliantToken({ name: 'team-other' });
    delete withoutAccessLevel.access_level;
    // Terraform JSON allows `resource` as a list of objects, and a block body as a list merged in order.
    const config = stack({
      resource: [
        { gitlab_project_access_token: { t: [compliantToken({ access_level: 'owner' })] } },
        { gitlab_project_access_token: { u: withoutAccessLevel } },
      ],
    });
    const report = check(config);
    expect(messages(report, 'GLID-006')).toHaveLength(1);
    expect(messages(report, 'GLID-005')).toEqual([expect.stringContaining("'team-other' sets no access_level")]);
  });
});

describe('references the engine follows', () => {
  test('given project from data.gitlab_project whose path_with_namespace is literal, when checked, then the target is that path', () => {
    const config = stack({
      data: { gitlab_project: { p: { path_with_namespace: 'acme/app' } } },
      resource: { gitlab_project_access_token: { t: compliantToken({ project: '${data.gitlab_project.p.id}' }) } },
    });
    const report = check(config);
    expect(credential(report, 'gitlab_project_access_token.t')).toMatchObject({ target: { type: 'project', value: 'acme/app' } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given project from data.gitlab_project without a path, when checked, then the target is unverifiable', () => {
    const config = stack({
      data: { gitlab_project: { p: { search: 'app' } } },
      resource: { gitlab_project_access_token: { t: compliantToken({ project: '${data.gitlab_project.p.id}' }) } },
    });
    expect(messages(check(config), 'GLID-022')).toEqual([expect.stringContaining('cannot verify project')]);
  });

  test('given a membership whose user_id is tonumber(service account id), when checked, then it is the service account\'s', () => {
    const config = stack({
      resource: {
        gitlab_group_service_account: { sa: { group: 'acme', name: 'team-bot', username: 'acme_team-bot' } },
        gitlab_project_membership: { m: { project: 'acme/app', user_id: '${tonumber(gitlab_group_service_account.sa.service_account_id)}', access_level: 'reporter' } },
      },
    });
    const report = check(config);
    expect(credential(report, 'gitlab_project_membership.m')).toMatchObject({
      user: { known: true, value: 'service account gitlab_group_service_account.sa' },
      target: { type: 'project', value: { known: true, value: 'acme/app' } },
    });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given a membership whose user_id is a computed attribute of another resource, when checked, then GLID-022 reports user_id', () => {
    const config = stack({
      resource: {
        gitlab_user: { u: { name: 'x', username: 'x', email: 'x@example.com' } },
        gitlab_project_membership: { m: { project: 'acme/app', user_id: '${gitlab_project.p.creator_id}', access_level: 'reporter' } },
      },
    });
    expect(messages(check(config), 'GLID-022')).toEqual([expect.stringContaining('cannot verify user_id')]);
  });

  describe('a deploy token replaced on a time_rotating schedule', () => {
    const config = (lifecycle: Record<string, unknown> | undefined, rotationDays = 76) => stack({
      resource: {
        time_rotating: { r: { rotation_days: rotationDays } },
        gitlab_project_deploy_token: {
          d: {
            name: 'team-pull', project: 'acme/app', scopes: ['read_registry'],
            expires_at: '${timeadd(time_rotating.r.rotation_rfc3339, "336h")}',
            ...(lifecycle ? { lifecycle } : {}),
          },
        },
      },
    });

    test('given expires_at = timeadd(rotation_rfc3339, 336h) and replace_triggered_by the schedule, then it is accepted', () => {
      const report = check(config({ create_before_destroy: true, replace_triggered_by: ['time_rotating.r'] }));
      expect(active(report, 'GLID-022')).toEqual([]);
      expect(active(report, 'GLID-001')).toEqual([]);
      expect(active(report, 'GLID-003')).toEqual([]);
      expect(credential(report, 'gitlab_project_deploy_token.d')).toMatchObject({ replacedOnSchedule: true, scheduleDays: { known: true, value: 76 }, scheduleOffsetDays: 14 });
    });

    test('given the scheduled deploy token, when inventoried, then its lifetime is rotation_days + 14', () => {
      const report = check(config({ create_before_destroy: true, replace_triggered_by: ['time_rotating.r'] }));
      expect(entry([report], 'team-pull')).toMatchObject({ expiry: 'rotating', lifetimeDays: 90, rotateBeforeDays: 14 });
    });

    // Was a bug, fixed: expires_at computed from a time_rotating is accepted as "the schedule the library wires" even when the
    // token is not replaced on that schedule (no replace_triggered_by): the date is unknown at synth, its lifetime
    // is never judged, and no GLID-022 is raised, so the checks fail open (describe-stack.ts expiresFromSchedule).
    test('given the same expires_at without replace_triggered_by, when checked, then the unknown date fails closed', () => {
      const report = check(config(undefined));
      expect(credential(report, 'gitlab_project_deploy_token.d')).toMatchObject({ replacedOnSchedule: false });
      expect(active(report).filter((f) => f.level === 'error').map((f) => f.ruleId)).toEqual(expect.arrayContaining(['GLID-022']));
    });

    // Was a bug, fixed: GLID-003 never reads scheduleDays, so a hand-written token replaced every 1000 days (living 1014) passes;
    // the rule only judges rotation_configuration, a plan's lifetime or a fixed expires_at.
    test('given a schedule of 1000 days, when checked, then GLID-003 reports a lifetime above the maximum', () => {
      const report = check(config({ create_before_destroy: true, replace_triggered_by: ['time_rotating.r'] }, 1000));
      expect(messages(report, 'GLID-003')).toEqual([expect.stringContaining('more than 90')]);
    });
  });
});
