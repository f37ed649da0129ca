/**
 * The app model: the stacks of one app checked together. Module instances are stacks of their own whose
 * secrets read as Terraform addresses them (module.<call>.<address>) and whose rotated tokens the root's
 * provider requirement covers; every secret keeps its own source; blocks with a known count/for_each are
 * expanded instance by instance up to a limit; `//` comments are ignored as Terraform ignores them, and a
 * `gitlab-identity:ignore` comment on an output or a module call silences the finding raised there.
 *
 * GIVEN hand-written Terraform JSON (one stack, several roots, or a root and its module instances) WHEN checked
 * THEN the findings, their key parts, and the credentials the engine described.
 *
 * `Kills L:C` comments name the mutants each test was written against: line:column in lib/core/engine as of
 * commit 2ea751f, the code of the first engine-model mutation run (the lines have moved since).
 */
import {
  DEFAULT_POLICY,
  StackInput,
  StackReport,
  TerraformConfig,
  checkApp,
  hasExpression,
  resolvePolicy,
  stackNameProblem,
} from '../../../lib/core';
import { Described } from '../../../lib/core/rules/credential';
import { active, check, compliantToken, credential, messages, stack } from './engine-fixture';
import { mentioning, mentioningPattern } from '../../support/mentioning';

const policies = [resolvePolicy(DEFAULT_POLICY)];

/** A GitLab provider constraint that allows the releases whose rotation is broken (GLID-020 reports it). */
const OLD_PROVIDER = { required_providers: { gitlab: { source: 'gitlabhq/gitlab', version: '~> 18.6' } } };

/**
 * Roots and their module instances checked as one app. Each entry: [stack name, configuration, the call
 * that makes it (caller stack and call name), if it is a module instance].
 */
function app(stacks: readonly [string, Record<string, unknown> | TerraformConfig, { caller: string; call: string }?][]): StackReport[] {
  return checkApp(stacks.map(([name, config, module]): StackInput => ({
    name, config: config as TerraformConfig, policies, ...(module ? { module } : {}),
  })));
}

const report = (reports: readonly StackReport[], name: string): StackReport => {
  const found = reports.find((r) => r.stack === name);
  if (!found) throw new Error(`no report for ${name}`);
  return found;
};

/** The provider requirement the engine described for a stack, if any. */
const requirementOf = (r: StackReport) => r.credentials.find((c) => c.subject === 'provider-requirement');

/** A module that makes one rotated token and outputs its secret. */
const tokenModule = (extra: Record<string, unknown> = {}) => ({
  resource: { gitlab_project_access_token: { t: compliantToken({ name: 'module-bot' }) } },
  output: { token: { value: '${gitlab_project_access_token.t.token}', sensitive: true } },
  ...extra,
});

const file = (content: string) => ({ project: 'acme/app', file_path: 'x', branch: 'main', content });

describe('a module instance\'s secret in its caller', () => {
  // Kills 73:12 (sameRoot always false): the secret would read as `root/module.tok:gitlab_project_access_token.t`.
  test('given the root writes a module\'s token output into a repository file, when checked, then GLID-023 names the token by its module address', () => {
    const reports = app([
      ['root', { terraform: OLD_PROVIDER, module: { tok: { source: './tok' } }, resource: { gitlab_repository_file: { f: file('${module.tok.token}') } } }],
      ['root/module.tok', tokenModule(), { caller: 'root', call: 'tok' }],
    ]);
    expect(messages(report(reports, 'root'), 'GLID-023')).toEqual([
      mentioning('gitlab_repository_file.f.content', 'module.tok.gitlab_project_access_token.t'),
    ]);
    expect(messages(report(reports, 'root'), 'GLID-023')[0]).not.toContain('root/module.tok:');
  });
});

describe('the provider requirement of a root covers its module instances (GLID-020)', () => {
  // Kills 90:47 and 91:11 (link.caller === name): the root would see no module instance, so no rotated token;
  // 22:26 (modules.every): the root itself has no rotated token; 17:49 (prefix always '' / i !== 0) and
  // 20:17 (empty address): the module's token is listed under its module address.
  test('given only a module instance makes a rotated token, when checked, then the root reports GLID-020 for it and the instance does not', () => {
    const reports = app([
      ['root', { terraform: OLD_PROVIDER, module: { a: { source: './a' } } }],
      ['root/module.a', tokenModule(), { caller: 'root', call: 'a' }],
    ]);
    expect(messages(report(reports, 'root'), 'GLID-020')).toEqual([mentioning('1 token rotated by the provider', '~> 18.6')]);
    expect(requirementOf(report(reports, 'root'))).toMatchObject({ path: 'root', rotatingTokens: ['module.a.gitlab_project_access_token.t'] });
    expect(active(report(reports, 'root/module.a'), 'GLID-020')).toEqual([]);
    expect(requirementOf(report(reports, 'root/module.a'))).toBeUndefined();
  });

  // Kills 17:59 (the root's own tokens prefixed) and 17:49 (i !== 0): the root's token is its bare address,
  // the nested instance's is module.a.module.b.<address>.
  test('given a root token and a token two modules down, when checked, then each is listed by its address from the root', () => {
    const reports = app([
      ['root', { terraform: OLD_PROVIDER, module: { a: { source: './a' } }, resource: { gitlab_project_access_token: { r: compliantToken({ name: 'root-bot' }) } } }],
      ['root/module.a', { module: { b: { source: './b' } } }, { caller: 'root', call: 'a' }],
      ['root/module.a/module.b', tokenModule(), { caller: 'root/module.a', call: 'b' }],
    ]);
    expect(requirementOf(report(reports, 'root'))).toMatchObject({
      rotatingTokens: ['gitlab_project_access_token.r', 'module.a.module.b.gitlab_project_access_token.t'],
    });
    expect(messages(report(reports, 'root'), 'GLID-020')).toEqual([mentioning('2 tokens rotated by the provider')]);
  });

  // Kills 91:11 (the caller check removed): each root would also take the other root's call of the same name,
  // counting its own module twice.
  test('given two roots that each call a module named m, when checked, then each root counts only its own module\'s token', () => {
    const reports = app([
      ['one', { terraform: OLD_PROVIDER, module: { m: { source: './m' } } }],
      ['one/module.m', tokenModule(), { caller: 'one', call: 'm' }],
      ['two', { terraform: OLD_PROVIDER, module: { m: { source: './m' } } }],
      ['two/module.m', tokenModule({ resource: { gitlab_project_access_token: { t: compliantToken({ name: 'other-bot' }) } } }), { caller: 'two', call: 'm' }],
    ]);
    for (const root of ['one', 'two']) {
      expect(requirementOf(report(reports, root))).toMatchObject({ rotatingTokens: ['module.m.gitlab_project_access_token.t'] });
      expect(messages(report(reports, root), 'GLID-020')).toEqual([mentioning('1 token rotated by the provider')]);
    }
  });

  // Kills 25:58 (the first version, even undefined): the root states none, so the module's constraint is the one installed.
  test('given the root states no GitLab version and its module requires >= 18.8.1, when checked, then the module\'s constraint is judged and accepted', () => {
    const reports = app([
      ['root', { module: { a: { source: './a' } } }],
      ['root/module.a', { terraform: { required_providers: { gitlab: { source: 'gitlabhq/gitlab', version: '>= 18.8.1' } } }, ...tokenModule() }, { caller: 'root', call: 'a' }],
    ]);
    expect(requirementOf(report(reports, 'root'))).toMatchObject({ constraint: { known: true, value: '>= 18.8.1' } });
    expect(active(report(reports, 'root'), 'GLID-020')).toEqual([]);
  });
});

describe('which tokens the provider requirement counts', () => {
  // Kills 18:26 (blocks instead of addresses), 18:52 (no filter), 19:20 (every resource / isTokenType true: a
  // repository file has no token type), 19:98 (tokens without rotation_configuration counted), 22:46
  // (m.resources.every) and 22:70 (isTokenType true: the repository file comes first).
  test('given a repository file, a deploy token, an unrotated and a rotated access token, when checked, then only the rotated token is counted', () => {
    const report = check({
      terraform: OLD_PROVIDER,
      resource: {
        gitlab_repository_file: { f: file('plain') },
        gitlab_project_deploy_token: { d: { project: 'acme/app', name: 'team-deploy', scopes: ['read_repository'], expires_at: '2030-01-01T00:00:00Z' } },
        gitlab_project_access_token: {
          unrotated: { name: 'team-fixed', project: 'acme/app', access_level: 'reporter', scopes: ['read_api'], expires_at: '2030-01-01' },
          rotated: compliantToken(),
        },
      },
    } as TerraformConfig);
    expect(requirementOf(report)).toEqual({ subject: 'provider-requirement', path: 'team', constraint: expect.objectContaining({ value: '~> 18.6' }), rotatingTokens: ['gitlab_project_access_token.rotated'] });
    expect(messages(report, 'GLID-020')).toEqual([mentioning('1 token rotated by the provider')]);
  });

  // Kills 22:93 (any token type counts as rotated by the provider) and 23:7 (a requirement described without one).
  test.each([
    ['only a deploy token', { gitlab_project_deploy_token: { d: { project: 'acme/app', name: 'team-deploy', scopes: ['read_repository'], expires_at: '2030-01-01T00:00:00Z' } } }],
    ['no token at all', { gitlab_repository_file: { f: file('plain') } }],
  ])('given a stack with %s and no GitLab version, when checked, then no provider requirement is described', (_what, resource) => {
    const report = check({ resource } as TerraformConfig);
    expect(requirementOf(report)).toBeUndefined();
    expect(active(report, 'GLID-020')).toEqual([]);
  });
});

describe('a module call\'s for_each decides whether its instance exists', () => {
  const owner = { variable: {}, resource: { gitlab_project_access_token: { t: compliantToken({ access_level: 'owner' }) } } };

  // Kills 221:7 (for_each set taken as 1 instance): for_each = {} creates none, so the owner token is not judged.
  test('given a call with for_each = {}, when checked, then nothing in its instance is judged', () => {
    const reports = app([
      ['root', stack({ module: { off: { source: './m', for_each: {} } } })],
      ['root/module.off', owner, { caller: 'root', call: 'off' }],
    ]);
    expect(active(report(reports, 'root/module.off'))).toEqual([]);
  });

  test('given a call with for_each of one key, when checked, then its instance is judged', () => {
    const reports = app([
      ['root', stack({ module: { on: { source: './m', for_each: { a: 'x' } } } })],
      ['root/module.on', owner, { caller: 'root', call: 'on' }],
    ]);
    expect(messages(report(reports, 'root/module.on'), 'GLID-006')).toEqual([mentioning('access_level', 'owner')]);
  });
});

describe('every secret keeps its own source', () => {
  // Kills 129:16 (one taint id for every secret): both files would name whichever token was seen first.
  test('given two tokens each written into its own file, when checked, then each GLID-023 names its own token', () => {
    const report = check(stack({
      resource: {
        gitlab_project_access_token: { first: compliantToken({ name: 'team-first' }), second: compliantToken({ name: 'team-second' }) },
        gitlab_repository_file: { a: file('${gitlab_project_access_token.first.token}'), b: file('${gitlab_project_access_token.second.token}') },
      },
    }));
    const byPath = Object.fromEntries(active(report, 'GLID-023').map((f) => [f.path, f.message]));
    expect(byPath).toEqual({
      'gitlab_repository_file.a': mentioning('gitlab_repository_file.a.content', 'gitlab_project_access_token.first'),
      'gitlab_repository_file.b': mentioning('gitlab_repository_file.b.content', 'gitlab_project_access_token.second'),
    });
    expect(byPath['gitlab_repository_file.a']).not.toContain('second');
    expect(byPath['gitlab_repository_file.b']).not.toContain('first');
  });
});

describe('blocks expanded instance by instance, up to 256', () => {
  const tokens = (meta: Record<string, unknown>) => stack({
    resource: { gitlab_project_access_token: { t: compliantToken({ name: 'team-${count.index}', ...meta }) } },
  });
  const tokenCredentials = (r: StackReport) => r.credentials.filter((c) => c.subject === 'token');

  // Kills 309:42 (n < MAX_EXPANDED_INSTANCES): 256 instances are still expanded.
  test('given count = 256, when checked, then each of the 256 instances is described on its own', () => {
    const described = tokenCredentials(check(tokens({ count: 256 })));
    expect(described).toHaveLength(256);
    expect(described[255]).toMatchObject({ address: 'gitlab_project_access_token.t[255]', instanceOf: 'gitlab_project_access_token.t', copies: { known: true, value: 256 } });
  });

  // Kills 309:42 ("true": no upper limit).
  test('given count = 257, when checked, then the block is judged as one, with 257 copies', () => {
    const described = tokenCredentials(check(tokens({ count: 257 })));
    expect(described).toEqual([expect.objectContaining({ address: 'gitlab_project_access_token.t', copies: { known: true, value: 257 } })]);
    expect(described[0]).not.toHaveProperty('instanceOf');
  });

  // Kills 325:11 (a list of any length expanded).
  test('given for_each over 257 names, when checked, then the block is judged as one', () => {
    const names = Array.from({ length: 257 }, (_, i) => `n${i}`);
    const described = tokenCredentials(check(stack({
      variable: { names: { default: names } },
      resource: { gitlab_project_access_token: { t: compliantToken({ name: 'team-${each.key}', for_each: '${toset(var.names)}' }) } },
    })));
    expect(described).toEqual([expect.objectContaining({ address: 'gitlab_project_access_token.t', copies: { known: true, value: 257 } })]);
  });

  // Kills 325:11 (an empty list expanded into no instance: the block would not be described at all).
  test('given for_each = toset([]), when checked, then the block is still described, with 0 copies, and nothing is judged', () => {
    const report = check(stack({ resource: { gitlab_project_access_token: { t: compliantToken({ access_level: 'owner', for_each: '${toset([])}' }) } } }));
    expect(credential(report, 'gitlab_project_access_token.t')).toMatchObject({ copies: { known: true, value: 0 } });
    expect(active(report, 'GLID-006')).toEqual([]);
  });

  // Kills 323:34 (some) and 323:58 (every item taken as a string): a list that is not all strings is no set
  // of keys, so the block is judged once and each.key stays unknown.
  // Terraform rejects a list here (for_each takes a map or a set of strings); the checks fail closed on it.
  test('given for_each over a raw list holding a number, which Terraform rejects, when checked, then the block is not expanded and each.key cannot be verified', () => {
    const report = check(stack({ resource: { gitlab_project_access_token: { t: compliantToken({ access_level: '${each.key}', for_each: ['reporter', 1] }) } } }));
    expect(tokenCredentials(report)).toEqual([expect.objectContaining({ address: 'gitlab_project_access_token.t' })]);
    expect(tokenCredentials(report)[0]).not.toHaveProperty('instanceOf');
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'each is known per instance at plan')]);
  });
});

describe('an attribute written as a template directive', () => {
  // Kills 346:59: a string with %{ } but no ${ } would be taken as a literal instead of being evaluated.
  test('given access_level written as %{ if true }owner%{ endif }, when checked, then it is evaluated to owner and GLID-006 is reported', () => {
    const report = check(stack({ resource: { gitlab_project_access_token: { t: compliantToken({ access_level: '%{ if true }owner%{ endif }' }) } } }));
    expect(messages(report, 'GLID-006')).toEqual([mentioning('access_level', 'owner')]);
  });
});

describe('ignore comments on outputs and module calls', () => {
  const IGNORE_012 = 'gitlab-identity:ignore GLID-012 read by the deploy job only, reviewed in SEC-7';
  const IGNORE_023 = 'gitlab-identity:ignore GLID-023 the remote module keeps it in vault, reviewed in SEC-8';
  const token = { gitlab_project_access_token: { t: compliantToken() } };

  // Kills 265:13 (false / !==: outputs under module.<name>), 265:63 (an output without construct path at '') and
  // 266:36 (the comment not read).
  test('given an ignore comment on a plain output of the token, when checked, then GLID-012 on output.<name> is silenced with it', () => {
    const report = check(stack({ resource: token, output: { leak: { '//': IGNORE_012, value: '${gitlab_project_access_token.t.token}' } } }));
    const [finding] = report.findings.filter((f) => f.ruleId === 'GLID-012');
    expect(finding).toMatchObject({ path: 'output.leak', suppressedBy: { id: 'GLID-012', scope: 'output.leak' } });
    expect(active(report)).toEqual([]);
  });

  test('given an ignore comment on an output cdktf recorded under a construct path, when checked, then the finding at that path is silenced', () => {
    const config = { ...stack({ resource: token, output: { leak: { '//': IGNORE_012, value: '${gitlab_project_access_token.t.token}' } } }), '//': { outputs: { team: { leak: 'leak' } } } } as TerraformConfig;
    const report = check(config);
    expect(report.findings.filter((f) => f.ruleId === 'GLID-012')).toEqual([expect.objectContaining({ path: 'team/leak', suppressedBy: expect.objectContaining({ scope: 'team/leak' }) })]);
    expect(active(report)).toEqual([]);
  });

  // Kills 265:13 (true / !==: modules under output.<name>), 265:82 (a module at '') and, in secret-flow.ts,
  // 46:92 (the module input sink at path '').
  test('given an ignore comment on a module call that receives the token, when checked, then GLID-023 on module.<name> is silenced with it', () => {
    const report = check(stack({ resource: token, module: { vault: { '//': IGNORE_023, source: 'acme/vault/gitlab', secret: '${gitlab_project_access_token.t.token}' } } }));
    const [finding] = report.findings.filter((f) => f.ruleId === 'GLID-023');
    expect(finding).toMatchObject({ path: 'module.vault', message: mentioning('input secret of module.vault', 'gitlab_project_access_token.t'), suppressedBy: { scope: 'module.vault' } });
    // What the module creates is still unread: the comment names GLID-023 only.
    expect(active(report).map((f) => `${f.ruleId} ${f.path}`)).toEqual(['GLID-022 module.vault']);
  });
});

describe('module inputs that carry no secret', () => {
  // Kills secret-flow.ts 46:9 (every expression input of a module the app does not hold taken as a sink).
  test('given a remote module given expressions that hold no secret, when checked, then no GLID-023 and no sink is described', () => {
    const report = check(stack({
      locals: { team: 'acme' },
      resource: { gitlab_project_access_token: { t: compliantToken() } },
      module: { m: { source: 'acme/thing/gitlab', owner: '${local.team}', token_id: '${gitlab_project_access_token.t.id}' } },
    }));
    expect(active(report, 'GLID-023')).toEqual([]);
    expect(report.credentials.filter((c) => c.subject === 'sink')).toEqual([]);
  });
});

describe('"//" comment properties, ignored as Terraform ignores them', () => {
  // Kills terraform-config.ts 56:10, 56:50 and 56:58: a `//` under a resource type or among outputs would be a
  // block of its own (a token without name, project or scopes; an output named //).
  test('given "//" among the resources of a type and among the outputs, when checked, then no block is made of them', () => {
    const report = check(stack({
      resource: { gitlab_project_access_token: { '//': { note: 'tokens of team' }, t: compliantToken() } },
      output: { '//': { note: 'outputs' }, id: { value: '${gitlab_project_access_token.t.id}' } },
    }));
    const addresses = report.credentials.map((c: Described) => ('address' in c ? c.address : c.subject));
    expect(addresses).toEqual(['gitlab_project_access_token.t', 'output.id', 'provider-requirement']);
    expect(active(report)).toEqual([]);
  });

  // Kills terraform-config.ts 63:38 (an empty construct path kept): the finding falls back to the address.
  test('given an empty construct path in the block\'s metadata, when checked, then the finding is on the address', () => {
    const report = check(stack({ resource: { gitlab_project_access_token: { t: { '//': { metadata: { path: '' } }, ...compliantToken({ access_level: 'owner' }) } } } }));
    expect(active(report, 'GLID-006')).toEqual([expect.objectContaining({ path: 'gitlab_project_access_token.t' })]);
  });
});

describe('hasExpression: whether JSON holds an interpolation or a directive', () => {
  // Kills terraform-config.ts 121:39, 121:52, 121:74 (every string an expression), 122:34 (every item), 124:32
  // (any own key, or the first key, counts) and 126:10 (true at the end).
  test.each([
    ['a plain string', false, 'reporter'],
    ['a dollar without brace', false, 'costs $5 and 100%'],
    ['an interpolation', true, 'team-${var.env}'],
    ['a directive', true, '%{ if true }x%{ endif }'],
    ['a list with one interpolation last', true, ['a', 'b', '${local.c}']],
    ['a list of literals', false, ['a', 'b']],
    ['an object with an interpolation nested in its second key', true, { a: 'x', b: { c: ['${var.d}'] } }],
    ['an object of literals', false, { a: 'x', b: { c: ['d'] } }],
    ['a number', false, 5],
    ['null', false, null],
  ])('given %s, when checked, then it is an expression: %s', (_what, expected, raw) => {
    expect(hasExpression(raw)).toBe(expected);
  });
});

describe('stack names that cannot be folder names', () => {
  // Kills stack-name.ts 8:7: the message must keep what a name may not be.
  test('given the stack name "..", when checked, then the message says the folder it becomes and what is not allowed', () => {
    expect(stackNameProblem('..')).toMatch(mentioningPattern('".."', 'cdktf.out/stacks/<name>', 'empty', "'.'", "'..'", "'/'", 'Rename the stack'));
  });
});
