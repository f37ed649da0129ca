/**
 * The values the rules judge: an attribute's evaluated value becomes a string, a number, true or false, a list
 * of strings, a project or group target or a user, converted as Terraform converts it (`"90"` is a number,
 * `"true"` is true), and followed through a whole reference to a data source, a resource or a service account.
 * What cannot be judged is GLID-022, `cannot verify <attribute>: <reason>`, with a reason that says why: it is
 * a list, an object, a value of another type, or part of it is computed at apply (naming what).
 * count/for_each give the copies a block makes, or GLID-022 when they cannot be counted.
 *
 * Terraform facts (terraform console 1.11.4): tobool("true") and tobool("1") are true, tobool("false") and
 * tobool("0") false, tobool("yes"), tobool("True"), tobool(" 1") and tobool(1) are errors;
 * tolist(["read_api", 5, true]) is ["read_api", "5", "true"]; tonumber("90") is 90, tonumber("9007199254740993") is 9007199254740993 (512 bits),
 * tonumber("0x10") and tonumber(true) are errors; tolist(["read_api", ["api"]]) is an error;
 * length(toset(["a","b","a"])) is 2.
 *
 * GIVEN hand-written Terraform JSON WHEN checked THEN the described credential or the GLID-022 reason.
 *
 * `Kills L:C` comments name the mutants each test was written against: line:column in lib/core/engine as of
 * commit 2ea751f, the code of the first engine-model mutation run (the lines have moved since).
 */
import { active, check, compliantToken, credential, messages, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const TOKEN = 'gitlab_project_access_token.t';

function tokenStack(token: Record<string, unknown>, parts: Record<string, unknown> = {}) {
  return stack({ ...parts, resource: { gitlab_project_access_token: { t: compliantToken(token) } } });
}

/** GLID-022 messages that name an attribute (`cannot verify <attribute>:`). */
function unverifiable(report: ReturnType<typeof check>, attribute: string): string[] {
  return messages(report, 'GLID-022').filter((m) => m.includes(`cannot verify ${attribute}:`));
}

describe('strings (access_level)', () => {
  // Kills 15:30 (a null would be "it is a null, not a string" instead of unset).
  test('given access_level = null, when checked, then it is unset: GLID-005 says maintainer by default, and no GLID-022', () => {
    const report = check(tokenStack({ access_level: null }));
    expect(messages(report, 'GLID-005')).toEqual([mentioning("'team-reader'", 'sets no access_level', 'maintainer')]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 19:37, 55:7 (always "computed"), 56:10, 56:19 (false), 56:44.
  test('given access_level as a list, when checked, then GLID-022 says it is a list, not a string', () => {
    const report = check(tokenStack({ access_level: ['owner'] }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'it is a list', 'not a string')]);
  });

  // Kills 56:19 (true), 56:55 (false and !==), 56:81.
  test('given access_level as an object, when checked, then GLID-022 says it is an object, not a string', () => {
    const report = check(tokenStack({ access_level: { level: 'owner' } }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'it is an object', 'not a string')]);
  });
});

describe('numbers (rotation_configuration.expiration_days)', () => {
  const rotation = (expiration: unknown) => tokenStack({ rotation_configuration: { expiration_days: expiration, rotate_before_days: 14 } });

  // Kills 24:30: a null expiration_days is missing, not "a null, not a number".
  test('given expiration_days = null, when checked, then GLID-022 says the rotation sets no expiration_days', () => {
    const report = check(rotation(null));
    expect(unverifiable(report, 'rotation_configuration.expiration_days')).toEqual([mentioning('sets no expiration_days')]);
  });

  // Kills 26:32 and 28:9 (a numeric string would be "a string, not a number").
  test('given expiration_days = "90", when checked, then it is the number 90, as Terraform converts it', () => {
    const report = check(rotation('90'));
    expect(credential(report, TOKEN)).toMatchObject({ rotation: { expirationDays: { known: true, value: 90 } } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given expiration_days = "400", when checked, then GLID-003 judges 400 days', () => {
    expect(messages(check(rotation('400')), 'GLID-003')).toEqual([mentioning('lives 400 days')]);
  });

  // Kills 29:45 (the reason names the text) and 31:17 (an empty catch would say "a string, not a number").
  test('given expiration_days = "9007199254740993", when checked, then GLID-022 says a double does not hold that text exactly', () => {
    const [message, ...rest] = unverifiable(check(rotation('9007199254740993')), 'rotation_configuration.expiration_days');
    expect(rest).toEqual([]);
    expect(message).toEqual(mentioning('the text', '"9007199254740993"', 'not held exactly'));
    expect(message).not.toContain('not a number');
  });

  // Kills 36:37, 56:95 and 56:55 (true: a bool would read "an object").
  test.each([
    [true, 'it is a bool'],
    ['0x10', 'it is a string'],
  ])('given expiration_days = %j, which Terraform does not convert, when checked, then GLID-022 says %s, not a number', (value, gist) => {
    expect(unverifiable(check(rotation(value)), 'rotation_configuration.expiration_days')).toEqual([mentioning(gist, 'not a number')]);
  });
});

describe('true or false (masked on a variable that holds a token)', () => {
  const variable = (masked: unknown) => stack({
    resource: {
      gitlab_project_access_token: { t: compliantToken() },
      gitlab_project_variable: { v: { project: 'acme/app', key: 'T', value: '${gitlab_project_access_token.t.token}', masked, hidden: true, protected: true } },
    },
  });

  // Kills 42:61 (false and !==) and 42:100.
  test('given masked = "true", when checked, then it is true, as Terraform converts it: no GLID-013, no GLID-022', () => {
    const report = check(variable('true'));
    expect(credential(report, 'gitlab_project_variable.v')).toMatchObject({ masked: { known: true, value: true } });
    expect(active(report, 'GLID-013')).toEqual([]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 42:77.
  test('given masked = "false", when checked, then it is false: GLID-013 says it is not masked', () => {
    const report = check(variable('false'));
    expect(credential(report, 'gitlab_project_variable.v')).toMatchObject({ masked: { known: true, value: false } });
    expect(messages(report, 'GLID-013')).toEqual([mentioning('not masked')]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Was a false GLID-022 ("it is a string, not true or false"), fixed: Terraform converts "1" and "0" too.
  test.each([
    ['1', true],
    ['0', false],
  ])('given masked = "%s", which Terraform converts to %s, when checked, then it is judged as that, with no GLID-022', (text, value) => {
    const report = check(variable(text));
    expect(credential(report, 'gitlab_project_variable.v')).toMatchObject({ masked: { known: true, value } });
    expect(active(report, 'GLID-013')).toHaveLength(value ? 0 : 1);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 40:30 (a null would be "a null, not true or false").
  test('given masked = null, when checked, then it is unset (not masked): GLID-013, and no GLID-022', () => {
    const report = check(variable(null));
    expect(messages(report, 'GLID-013')).toEqual([mentioning('not masked')]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 43:37 and 56:95.
  test.each([
    ['yes', 'it is a string'],
    [1, 'it is a number'],
  ])('given masked = %j, which Terraform does not convert to a bool, when checked, then GLID-022 says %s, not true or false', (value, gist) => {
    const report = check(variable(value));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify masked', gist, 'not true or false')]);
    expect(active(report, 'GLID-013')).toEqual([]);
  });
});

describe('lists of strings (scopes)', () => {
  // Kills 47:30: a null scope list is empty, not "a null, not a list of strings".
  test('given scopes = null, when checked, then the scope list is empty: GLID-009, and no GLID-022', () => {
    const report = check(tokenStack({ scopes: null }));
    expect(credential(report, TOKEN)).toMatchObject({ scopes: { known: true, value: [] } });
    expect(messages(report, 'GLID-009')).toEqual([mentioning('empty scope list')]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 49:30 (some instead of every) and 50:37.
  test('given scopes holding a nested list, which Terraform cannot make a list of strings, when checked, then GLID-022 says so', () => {
    const report = check(tokenStack({ scopes: ['read_api', ['api']] }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify scopes', 'it is a list', 'not a list of strings')]);
  });

  // Was a false GLID-022 ("it is a list, not a list of strings"), fixed: Terraform makes numbers and bools in a list of strings strings.
  test('given scopes holding a number and a bool, when checked, then they are the strings Terraform makes of them, judged by GLID-009', () => {
    const report = check(tokenStack({ scopes: ['read_api', 5, true] }));
    expect(credential(report, TOKEN)).toMatchObject({ scopes: { known: true, value: ['read_api', '5', 'true'] } });
    expect(messages(report, 'GLID-009')).toEqual([mentioning('scopes 5, true', 'does not accept')]);
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 49:48 (a string is no array: reading it as one fails).
  test('given scopes = "read_api", a string, when checked, then GLID-022 says it is a string, not a list of strings', () => {
    const report = check(tokenStack({ scopes: 'read_api' }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify scopes', 'it is a string', 'not a list of strings')]);
  });

  // Kills 55:7 (false and !==), 55:43, 55:79 (true, false and &&) and 55:106 (the separator).
  test('given scopes with two entries from variables without default, when checked, then GLID-022 names both as computed at apply', () => {
    const report = check(tokenStack({ scopes: ['read_api', '${var.a}', '${var.b}'] }, { variable: { a: {}, b: {} } }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify scopes', 'part of it is computed at apply', '(var.a, var.b)')]);
  });

  // Kills 55:115: with nothing to name, the reason still says what is missing.
  test('given scopes with an entry from timestamp(), which names no reference, when checked, then GLID-022 says (unknown)', () => {
    const report = check(tokenStack({ scopes: ['read_api', '${timestamp()}'] }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify scopes', 'part of it is computed at apply', '(unknown)')]);
  });
});

describe('count/for_each', () => {
  // Kills 65:36 (for_each ignored: one copy).
  test('given for_each over an empty map, when checked, then the token makes no copy', () => {
    expect(credential(check(tokenStack({ for_each: {} })), TOKEN)).toMatchObject({ copies: { known: true, value: 0 } });
  });

  // Kills 65:36.
  test('given for_each from a variable without default, when checked, then GLID-022 reports count/for_each', () => {
    const report = check(tokenStack({ for_each: '${var.names}' }, { variable: { names: {} } }));
    expect(unverifiable(report, 'count/for_each')).toEqual([mentioning('var.names', 'no default')]);
  });

  // Kills 67:39 (false and !==): an unknown element is no known count.
  // Terraform rejects a raw list here (for_each takes a map or a set); the checks fail closed on it, naming what is unknown.
  test('given for_each over a raw list with an entry from a variable without default, when checked, then GLID-022 names it as computed at apply', () => {
    const report = check(tokenStack({ for_each: ['a', '${var.x}'] }, { variable: { x: {} } }));
    expect(unverifiable(report, 'count/for_each')).toEqual([mentioning('part of it is computed at apply', '(var.x)')]);
  });

  // Kills 67:135 (every element the same key: one copy). Above 256 instances the block is not expanded.
  test('given for_each over toset() of 258 names with one repeated, when checked, then the token makes 257 copies', () => {
    const names = Array.from({ length: 258 }, (_, i) => `bot-${i % 257}`);
    const report = check(tokenStack({ for_each: '${toset(var.names)}', name: '${each.key}' }, { variable: { names: { default: names } } }));
    expect(credential(report, TOKEN)).toMatchObject({ copies: { known: true, value: 257 } });
  });

  // Kills 69:38.
  test('given for_each over a string, when checked, then GLID-022 says it is a string, not a map or set', () => {
    const report = check(tokenStack({ for_each: '${var.name}' }, { variable: { name: { default: 'bot' } } }));
    expect(unverifiable(report, 'count/for_each')).toEqual([mentioning('it is a string', 'not a map or set')]);
  });
});

describe('targets followed through references', () => {
  const PROJECT = { gitlab_project: { p: { path_with_namespace: 'acme/app', topics: ['ci'] } } };

  // Kills 103:30 (a null project would be "a null, not a project or group").
  test('given project = null, when checked, then the token has no target and no GLID-022', () => {
    const report = check(tokenStack({ project: null }));
    expect(credential(report, TOKEN)).not.toHaveProperty('target');
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 94:7 (a known list would be followed to the data source's path) and 118:37.
  test('given project = a list attribute of data.gitlab_project, when checked, then it is not followed to the project: GLID-022', () => {
    const report = check(tokenStack({ project: '${data.gitlab_project.p.topics}' }, { data: PROJECT }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify project', 'it is a list', 'not a project or group')]);
  });

  // Kills 98:19: an unbalanced reference is a syntax error, not the data source it names.
  test.each([
    '${tonumber(data.gitlab_project.p.id}',
    '${data.gitlab_project.p.id)}',
  ])('given project = %s, unbalanced, when checked, then it is not followed: GLID-022 reports the syntax error', (project) => {
    const report = check(tokenStack({ project }, { data: PROJECT }));
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify project', 'syntax error')]);
  });

  // Kills 109:18 (a resource read as a data source) and 115:130.
  test('given project = the id of a gitlab_project resource of the stack, when checked, then the target is its path and address', () => {
    const config = stack({
      resource: {
        gitlab_project: { p: { name: 'App', path: 'app', namespace_id: 5 } },
        gitlab_project_access_token: { t: compliantToken({ project: '${gitlab_project.p.id}' }) },
      },
    });
    const described = check(config);
    expect(credential(described, TOKEN)).toMatchObject({ target: { type: 'project', value: 'app (gitlab_project.p)' } });
    expect(active(described, 'GLID-022')).toEqual([]);
  });

  // Kills 115:38, 115:52 and 115:87: a data source found by id stands for that id.
  test('given project = path_with_namespace of a data.gitlab_project looked up by id, when checked, then the target is that id', () => {
    const report = check(tokenStack({ project: '${data.gitlab_project.p.path_with_namespace}' }, { data: { gitlab_project: { p: { id: 42 } } } }));
    expect(credential(report, TOKEN)).toMatchObject({ target: { type: 'project', value: 'id 42' } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 115:60 and 115:74.
  test('given group = the id of a data.gitlab_group looked up by group_id, when checked, then the target is that id', () => {
    const token: Record<string, unknown> = { ...compliantToken(), group: '${data.gitlab_group.g.id}' };
    delete token.project;
    const report = check(stack({ data: { gitlab_group: { g: { group_id: 7 } } }, resource: { gitlab_group_access_token: { t: token } } }));
    expect(credential(report, 'gitlab_group_access_token.t')).toMatchObject({ target: { type: 'group', value: 'id 7' } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });
});

describe('users followed through references (a project membership\'s user_id)', () => {
  const MEMBERSHIP = 'gitlab_project_membership.m';
  const membership = (userId: unknown, parts: { resource?: Record<string, unknown>; data?: Record<string, unknown> } = {}) => stack({
    ...(parts.data ? { data: parts.data } : {}),
    resource: { ...parts.resource, gitlab_project_membership: { m: { project: 'acme/app', user_id: userId, access_level: 'reporter' } } },
  });

  // Kills 123:30 (a null user would be "a null, not a user id").
  test('given user_id = null, when checked, then the membership names no user and there is no GLID-022', () => {
    const report = check(membership(null));
    expect(credential(report, MEMBERSHIP)).not.toHaveProperty('user');
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 124:34 (the string form of an id would be "a string, not a user id").
  test('given user_id = "42", when checked, then the user is user 42', () => {
    const report = check(membership('42'));
    expect(credential(report, MEMBERSHIP)).toMatchObject({ user: { known: true, value: 'user 42' } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 128:9 (||: a service account type is enough).
  test('given user_id = the id of a service account not declared in the stack, when checked, then GLID-022 says it is not declared', () => {
    const report = check(membership('${gitlab_group_service_account.missing.service_account_id}'));
    expect(unverifiable(report, 'user_id')).toEqual([mentioning('gitlab_group_service_account.missing', 'is not declared')]);
  });

  // Kills 128:9 (||: a declared block is enough), 134:9 (false and !==), 134:18, 134:47 and 134:80.
  test('given user_id = the id of a gitlab_user resource of the stack, when checked, then the user is that resource, not a service account', () => {
    const report = check(membership('${gitlab_user.u.id}', { resource: { gitlab_user: { u: { name: 'Alice', username: 'alice', email: 'alice@example.com' } } } }));
    expect(credential(report, MEMBERSHIP)).toMatchObject({ user: { known: true, value: 'user gitlab_user.u' } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  // Kills 134:9 (||: the gitlab_user type is enough).
  test('given user_id = the id of a gitlab_user not declared in the stack, when checked, then GLID-022 says it is not declared', () => {
    const report = check(membership('${gitlab_user.missing.id}'));
    expect(unverifiable(report, 'user_id')).toEqual([mentioning('gitlab_user.missing', 'is not declared')]);
  });

  // Kills 134:9 (true, and the type test true): another resource's attribute is not a user.
  test('given user_id = a computed attribute of a gitlab_project of the stack, when checked, then GLID-022 says it is computed at apply', () => {
    const report = check(membership('${gitlab_project.p.creator_id}', { resource: { gitlab_project: { p: { name: 'app' } } } }));
    expect(unverifiable(report, 'user_id')).toEqual([mentioning('gitlab_project.p.creator_id', 'computed at apply')]);
  });

  // Kills 129:9 (!==), 129:18, 129:28, 129:71, 130:33, 130:49, 130:71, 131:64 and 132:41.
  test('given user_id = the id of a data.gitlab_user looked up by username, when checked, then the user is @username', () => {
    const report = check(membership('${data.gitlab_user.u.id}', { data: { gitlab_user: { u: { username: 'alice' } } } }));
    expect(credential(report, MEMBERSHIP)).toMatchObject({ user: { known: true, value: 'user @alice' } });
    expect(active(report, 'GLID-022')).toEqual([]);
  });

  test('given user_id = the id of a data.gitlab_user looked up by email, when checked, then GLID-022 says the id is computed at apply', () => {
    const report = check(membership('${data.gitlab_user.u.id}', { data: { gitlab_user: { u: { email: 'alice@example.com' } } } }));
    expect(unverifiable(report, 'user_id')).toEqual([mentioning('data.gitlab_user.u.id', 'computed at apply')]);
  });

  // Kills 129:9 (true and ||) and 129:49: only data.gitlab_user is a GitLab user.
  test('given user_id = the id of another provider\'s user data source with a username (data.github_user), when checked, then it is not followed: GLID-022', () => {
    const report = check(membership('${data.github_user.alice.id}', { data: { github_user: { alice: { username: 'alice' } } } }));
    expect(unverifiable(report, 'user_id')).toEqual([mentioning('data.github_user.alice.id', 'computed at apply')]);
  });

  // Kills 136:37.
  test('given user_id as a list, when checked, then GLID-022 says it is a list, not a user id', () => {
    const report = check(membership([42]));
    expect(unverifiable(report, 'user_id')).toEqual([mentioning('it is a list', 'not a user id')]);
  });
});

describe('a role that is not a role name', () => {
  // The provider refuses any other access_level (documented values of provider 18.6.1); a value the checks
  // evaluate to something else is one they may have evaluated wrongly, and rules skip roles they do not know.
  test.each([['a literal that is no role', 'superuser'], ['a capitalised role', 'Maintainer'], ['an expression', '${"main"}tainer ']])(
    'given a token whose access_level is %s, when checked, then GLID-022 names the value and the role names', (_case, value) => {
      const report = check(tokenStack({ access_level: value }));
      expect(unverifiable(report, 'access_level')).toEqual([mentioning('not a role name', 'guest', 'owner')]);
      expect(active(report, 'GLID-022')[0]).toMatchObject({ level: 'error' });
    });

  test('given memberships and shares whose roles are not role names, when checked, then GLID-022 for each', () => {
    const report = check(stack({ resource: {
      gitlab_project_membership: { m: { project: 'team/app', user_id: 7, access_level: 'admin' } },
      gitlab_group_share_group: { s: { group_id: 'team', share_group_id: 'others', group_access: 'root' } },
    } }));
    expect(unverifiable(report, 'access_level')).toHaveLength(1);
    expect(unverifiable(report, 'group_access')).toHaveLength(1);
  });

  test.each(['no one', 'minimal', 'guest', 'planner', 'reporter', 'developer', 'maintainer'])('given a token with access_level %s, then no GLID-022', (role) => {
    expect(unverifiable(check(tokenStack({ access_level: role })), 'access_level')).toEqual([]);
  });
});

describe('a variable default is converted to its declared type', () => {
  // terraform apply 1.11.4 (main.tf.json): with type = string a default of 5 is "5" (`var.n == "5"` is true); with
  // type = bool a default of "true" is true; with type = list(string) a default of [1] is ["1"]; type = number and
  // a default of "x" is an error. Unconverted, each expression below read as reporter where Terraform applies owner.
  test.each([
    ['string', 5, '${var.v == "5" ? "owner" : "reporter"}'],
    ['bool', 'true', '${var.v == true ? "owner" : "reporter"}'],
    ['list(string)', [1], '${contains(var.v, "1") ? "owner" : "reporter"}'],
    ['${map(string)}', { a: 1 }, '${var.v.a == "1" ? "owner" : "reporter"}'],
    ['number', '40', '${var.v == 40 ? "owner" : "reporter"}'],
  ])('given type %s and default %j, when judged, then the role is Terraform\'s: owner (GLID-006)', (type, value, role) => {
    const report = check(tokenStack({ access_level: role }, { variable: { v: { type, default: value } } }));
    expect(active(report, 'GLID-006')).toHaveLength(1);
  });

  test.each([
    ['number', 'x', 'not a number'],
    ['object({a = string})', { a: 'x' }, 'not applied by the checks'],
    ['set(string)', ['b', 'a'], 'reorders'],
  ])('given type %s and default %j, when it decides the role, then GLID-022 says why', (type, value, why) => {
    const report = check(tokenStack({ access_level: '${var.v == "x" ? "owner" : "reporter"}' }, { variable: { v: { type, default: value } } }));
    expect(unverifiable(report, 'access_level')).toEqual([mentioning(why)]);
  });

  test('given type any or none, then the default is used as written', () => {
    for (const type of ['any', undefined]) {
      const report = check(tokenStack({ access_level: '${var.v}' }, { variable: { v: { ...(type ? { type } : {}), default: 'reporter' } } }));
      expect(report.findings).toEqual([]);
    }
  });
});
