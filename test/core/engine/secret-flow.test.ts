/**
 * A token's secret is followed through every expression to every place it is written: a plain output is
 * GLID-012, any attribute that is not a secret store or a CI/CD variable's value is GLID-023.
 */
import { active, check, compliantToken, credential, messages, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const TOKEN = 'gitlab_project_access_token.t';

/** The token, plus whatever the case adds (locals, more resources, an output, a module). */
function withToken(parts: { locals?: Record<string, unknown>; resource?: Record<string, unknown>; output?: Record<string, unknown>; module?: Record<string, unknown>; variable?: Record<string, unknown> }) {
  return stack({
    ...parts,
    resource: {
      gitlab_project_access_token: { t: compliantToken(), c: compliantToken({ name: 'team-copies', count: 2 }) },
      ...parts.resource,
    },
  });
}

/** How a secret may be computed: the expression, and the locals it needs. */
const routes: [string, string, Record<string, unknown>][] = [
  ['a direct reference', '${gitlab_project_access_token.t.token}', {}],
  ['a chain of 6 locals', '${local.l6}', {
    l1: '${gitlab_project_access_token.t.token}', l2: '${local.l1}', l3: 'x-${local.l2}', l4: '${upper(local.l3)}', l5: '${[local.l4]}', l6: '${local.l5[0]}',
  }],
  ['lookup(resource, "token")', '${lookup(gitlab_project_access_token.t, "token", "")}', {}],
  ['(resource)["token"]', '${(gitlab_project_access_token.t)["token"]}', {}],
  ['local.bag.t', '${local.bag.t}', { bag: { t: '${gitlab_project_access_token.t.token}', other: 'x' } }],
  ['a for expression', '${[for k in [gitlab_project_access_token.t] : k.token]}', {}],
  ['a for expression over a map', '${{for k, v in local.m : k => "Bearer ${v}"}}', { m: { a: '${gitlab_project_access_token.t.token}' } }],
  ['a splat over copies', '${gitlab_project_access_token.c[*].token}', {}],
  ['an index into copies', '${gitlab_project_access_token.c[1].token}', {}],
  ['jsonencode', '${jsonencode({ t = gitlab_project_access_token.t.token })}', {}],
  ['base64encode', '${base64encode(gitlab_project_access_token.t.token)}', {}],
  ['nonsensitive', '${nonsensitive(gitlab_project_access_token.t.token)}', {}],
  ['a conditional', '${true ? gitlab_project_access_token.t.token : "none"}', {}],
  ['a %{ } directive', '%{ if true }${gitlab_project_access_token.t.token}%{ endif }', {}],
  ['a whole-resource local read later', '${local.r.token}', { r: '${gitlab_project_access_token.t}' }],
  ['a module output of a module given the token', '${module.m.out}', {}],
];

describe('GLID-012: a secret reaching a plain output', () => {
  test.each(routes)('given an output computed through %s, when checked, then GLID-012 is reported', (_route, value, locals) => {
    const report = check(withToken({
      locals,
      output: { leak: { value } },
      module: { m: { source: './m', token: '${gitlab_project_access_token.t.token}' } },
    }));
    expect(messages(report, 'GLID-012')).toEqual([mentioning('output', 'sensitive: true')]);
    expect(active(report, 'GLID-012')[0]).toMatchObject({ level: 'error', path: 'output.leak', address: 'output.leak' });
  });

  test('given an output of the token id, when checked, then no secret reaches it', () => {
    const report = check(withToken({ output: { id: { value: '${gitlab_project_access_token.t.id}' } } }));
    expect(active(report, 'GLID-012')).toEqual([]);
    expect(credential(report, 'output.id')).toMatchObject({ holdsToken: false });
  });

  test('given an output of the token name and scopes, when checked, then no secret reaches it', () => {
    const report = check(withToken({ output: { meta: { value: '${[gitlab_project_access_token.t.name, gitlab_project_access_token.t.scopes]}' } } }));
    expect(active(report, 'GLID-012')).toEqual([]);
  });

  test('given a sensitive output of the token, when checked, then GLID-012 accepts it', () => {
    const report = check(withToken({ output: { tok: { value: '${gitlab_project_access_token.t.token}', sensitive: true } } }));
    expect(active(report, 'GLID-012')).toEqual([]);
    expect(credential(report, 'output.tok')).toMatchObject({ holdsToken: true, sensitive: true, tokenAddresses: [TOKEN] });
  });

  test('given sensitive = false written as the string "false", when checked, then the output is plain', () => {
    const report = check(withToken({ output: { tok: { value: '${gitlab_project_access_token.t.token}', sensitive: 'false' } } }));
    expect(messages(report, 'GLID-012')).toHaveLength(1);
  });

  test('given sensitive from a variable without default, when checked, then GLID-022 fails closed on sensitive', () => {
    const report = check(withToken({ variable: { s: {} }, output: { tok: { value: '${gitlab_project_access_token.t.token}', sensitive: '${var.s}' } } }));
    expect(messages(report, 'GLID-022')).toEqual([expect.stringContaining('cannot verify sensitive')]);
    expect(messages(report, 'GLID-012')).toHaveLength(1);
  });

  test('given an output under a construct path, when checked, then the finding is on that path', () => {
    const config = { ...withToken({ output: { leak: { value: '${gitlab_project_access_token.t.token}' } } }), '//': { outputs: { team: { sub: { leak: 'leak' } } } } };
    expect(active(check(config), 'GLID-012')[0]).toMatchObject({ path: 'team/sub/leak' });
  });
});

describe('GLID-023: a secret written to a plain sink', () => {
  test.each(routes)('given a repository file whose content is computed through %s, when checked, then GLID-023 names the token', (_route, value, locals) => {
    const report = check(withToken({
      locals,
      module: { m: { source: './m', token: '${gitlab_project_access_token.t.token}' } },
      resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: value } } },
    }));
    const sinks = active(report, 'GLID-023').filter((f) => f.address === 'gitlab_repository_file.f');
    // The place written and the token, whichever of the two the route reads.
    expect(sinks.map((f) => f.message)).toEqual([mentioning('gitlab_repository_file.f.content')]);
    expect(sinks[0].message).toMatch(/gitlab_project_access_token\.[tc]\b/);
  });

  const sinks: [string, string, Record<string, unknown>][] = [
    ['gitlab_repository_file.content', 'gitlab_repository_file.f.content', { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${gitlab_project_access_token.t.token}' } } }],
    ['gitlab_project_hook.token', 'gitlab_project_hook.h.token', { gitlab_project_hook: { h: { project: 'acme/app', url: 'https://x.example', token: '${gitlab_project_access_token.t.token}' } } }],
    ['gitlab_pipeline_schedule_variable.value', 'gitlab_pipeline_schedule_variable.v.value', {
      gitlab_pipeline_schedule_variable: { v: { project: 'acme/app', pipeline_schedule_id: 1, key: 'T', value: '${gitlab_project_access_token.t.token}' } },
    }],
    ['a description', 'gitlab_project.p.description', { gitlab_project: { p: { name: 'p', description: 'token: ${gitlab_project_access_token.t.token}' } } }],
    ['a nested block', 'gitlab_project.p.push_rules', { gitlab_project: { p: { name: 'p', push_rules: [{ commit_message_regex: '${gitlab_project_access_token.t.token}' }] } } }],
    ['a variable description', 'gitlab_project_variable.v.description', {
      gitlab_project_variable: { v: { project: 'acme/app', key: 'K', value: 'plain', description: '${gitlab_project_access_token.t.token}' } },
    }],
  ];

  test.each(sinks)('given the token written to %s, when checked, then GLID-023 names that place and its attribute', (_what, place, resource) => {
    const report = check(withToken({ resource }));
    expect(messages(report, 'GLID-023')).toEqual([mentioning(place, TOKEN)]);
    // The attribute lets `check` point at the line that writes the secret.
    expect(active(report, 'GLID-023')[0].attribute).toBe(place.split('.').slice(2).join('.'));
  });

  test('given two tokens written to one file, when checked, then GLID-023 names both, separated', () => {
    const content = '${gitlab_project_access_token.t.token} ${gitlab_project_access_token.c[0].token}';
    const report = check(withToken({ resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content } } } }));
    expect(messages(report, 'GLID-023')).toEqual([expect.stringContaining(`gitlab_project_access_token.c, ${TOKEN}.`)]);
  });

  test('given the token passed as a module input, when checked, then GLID-023 names the input', () => {
    const report = check(withToken({ module: { m: { source: './m', version: '1.0.0', token: '${local.t}' } }, locals: { t: '${gitlab_project_access_token.t.token}' } }));
    expect(messages(report, 'GLID-023')).toEqual([mentioning('module.m', TOKEN)]);
    expect(active(report, 'GLID-023')[0]).toMatchObject({ path: 'module.m' });
  });

  test('given the token in a data source argument, when checked, then GLID-023 reports it', () => {
    const config = { ...withToken({}), data: { http: { h: { url: 'https://x.example/?t=${gitlab_project_access_token.t.token}' } } } };
    expect(messages(check(config), 'GLID-023')).toEqual([mentioning('data.http.h.url', TOKEN)]);
  });

  test('given the token id in a repository file, when checked, then no secret is written', () => {
    const report = check(withToken({ resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${gitlab_project_access_token.t.id}' } } } }));
    expect(active(report, 'GLID-023')).toEqual([]);
  });

  test('given the token as a project variable value, when checked, then it is no sink and GLID-013/014 judge the variable', () => {
    const report = check(withToken({ resource: { gitlab_project_variable: { v: { project: 'acme/app', key: 'TOKEN', value: '${gitlab_project_access_token.t.token}' } } } }));
    expect(active(report, 'GLID-023')).toEqual([]);
    expect(messages(report, 'GLID-013')).toHaveLength(2);
    expect(messages(report, 'GLID-014')).toHaveLength(1);
    expect(credential(report, 'gitlab_project_variable.v')).toMatchObject({ holdsToken: true, tokenAddresses: [TOKEN] });
  });

  test('given the token as a masked, hidden, protected project variable, when checked, then nothing is reported', () => {
    const report = check(withToken({
      resource: { gitlab_project_variable: { v: { project: 'acme/app', key: 'TOKEN', value: '${gitlab_project_access_token.t.token}', masked: true, hidden: true, protected: true } } },
    }));
    expect(active(report).filter((f) => f.path.startsWith('gitlab_project_variable'))).toEqual([]);
  });

  test('given the token in vault_generic_secret.data_json, when checked, then the secret store is accepted', () => {
    const report = check(withToken({ resource: { vault_generic_secret: { v: { path: 'secret/x', data_json: '${jsonencode({ token = gitlab_project_access_token.t.token })}' } } } }));
    expect(active(report, 'GLID-023')).toEqual([]);
  });

  test('given the token in the path of a vault_generic_secret, when checked, then only the store attribute is accepted', () => {
    const report = check(withToken({ resource: { vault_generic_secret: { v: { path: 'secret/${gitlab_project_access_token.t.token}', data_json: '{}' } } } }));
    expect(messages(report, 'GLID-023')).toEqual([mentioning('vault_generic_secret.v.path', TOKEN)]);
  });

  test('given a variable whose value reads another variable data source, when checked, then the read-back secret is followed', () => {
    const config = stack({
      data: { gitlab_project_variable: { existing: { project: 'acme/app', key: 'TOKEN' } } },
      resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${data.gitlab_project_variable.existing.value}' } } },
    });
    expect(messages(check(config), 'GLID-023')).toEqual([mentioning('gitlab_repository_file.f.content', 'data.gitlab_project_variable.existing')]);
  });

  test('given a resource whose count reads a secret, when checked, then each.value/count.index carry the secret into its attributes', () => {
    const config = withToken({
      resource: { gitlab_repository_file: { f: { for_each: { a: '${gitlab_project_access_token.t.token}' }, project: 'acme/app', file_path: '${each.key}', branch: 'main', content: '${each.value}' } } },
    });
    // Judged instance by instance: each.value carries the secret into content; each.key is a key, no secret.
    expect(messages(check(config), 'GLID-023')).toEqual([mentioning('gitlab_repository_file.f["a"].content', TOKEN)]);
  });
});

test('given a secret reference inside a block\'s `//` comment, when checked, then it is no sink: Terraform ignores the comment', () => {
  const config = stack({
    resource: {
      gitlab_project_access_token: { t: compliantToken() },
      gitlab_repository_file: { f: { '//': { note: 'was ${gitlab_project_access_token.t.token}' }, project: 'acme/app', file_path: 'x', branch: 'main', content: 'plain' } },
    },
    module: { m: { '//': { note: '${gitlab_project_access_token.t.token}' }, source: './m' } },
  });
  expect(messages(check(config), 'GLID-023')).toEqual([]);
});

describe('a cycle between a for_each and an attribute', () => {
  // Expansions and attribute values are computed once, so in a cycle the order of evaluation decides what is
  // unknown: every block is expanded before any attribute is read, as before the sink walk was rewritten, so
  // the same configuration gives the same findings from one version to the next.
  test('the sink is reported, naming the secrets read as before', () => {
    const report = check(stack({
      resource: {
        gitlab_project_access_token: { t: compliantToken() },
        gitlab_repository_file: { a: { project: 'acme/app', file_path: 'x', content: 'x', branch: '${jsonencode(data.gitlab_project.d)}' } },
      },
      data: { gitlab_project: { d: { for_each: { k: '${gitlab_repository_file.a.branch}' }, path_with_namespace: '${gitlab_project_access_token.t.token}' } } },
    }));
    const sink = credential(report, 'gitlab_repository_file.a') as { secrets?: string[] };
    expect(active(report, 'GLID-023').map((f) => f.address)).toContain('gitlab_repository_file.a');
    expect(sink.secrets).toEqual(['data.gitlab_project.d']);
  });
});
