/**
 * What a GLID-023 finding says about each kind of sink (its path, address, attribute and the place in its
 * message: what the merge-request note and a suppression are keyed on), and which provider configuration
 * a token is judged to go back to: the one that minted it, found through its resource's `provider`
 * meta-argument, its instance key, or the stack it was minted in.
 */
import { TerraformConfig } from '../../../lib/core';
import { active, check, checkStacks, compliantToken, credential, stack } from './engine-fixture';

const TOKEN = '${gitlab_project_access_token.t.token}';
const PRINTED = '${nonsensitive(gitlab_project_access_token.t.token)}';
const HOME = 'https://gitlab.example.com/api/v4';
const ELSEWHERE = 'https://attacker.example/api/v4';

const withToken = (parts: Record<string, unknown> = {}, token: Record<string, unknown> = compliantToken()) =>
  stack({ ...parts, resource: { gitlab_project_access_token: { t: token }, ...(parts.resource as object | undefined) } });

/** The GLID-023 findings of a stack, as a reviewer sees them. */
const sinks = (config: TerraformConfig) =>
  active(check(config), 'GLID-023').map((f) => ({ path: f.path, address: f.address, attribute: f.attribute, message: f.message }));

const receives = (place: string) => `${place} receives the secret of gitlab_project_access_token.t.`;

describe('GLID-023 findings name the place that receives the secret', () => {
  test('given a module input computed from the token, then the finding is on the module call and names the input', () => {
    const config = withToken({ module: { m: { source: 'app.terraform.io/acme/hooks/gitlab', secret: `Bearer ${TOKEN}` } } });
    expect(sinks(config)).toEqual([{ path: 'module.m', address: 'module.m', attribute: 'secret', message: receives('input secret of module.m') }]);
  });

  test('given a module call whose source is not a string, then its description holds no source', () => {
    const report = check(withToken({ module: { m: { source: 42 } } }));
    expect(Object.keys(credential(report, 'module.m'))).not.toContain('source');
    expect(credential(report, 'module.m')).toMatchObject({ subject: 'module', path: 'module.m' });
  });

  test('given a precondition message that prints the token, then the finding is on the block, attribute lifecycle', () => {
    const other = { terraform_data: { x: { input: 'a', lifecycle: { precondition: [{ condition: '${true}', error_message: `t=${PRINTED}` }] } } } };
    expect(sinks(withToken({ resource: other }))).toEqual([
      { path: 'terraform_data.x', address: 'terraform_data.x', attribute: 'lifecycle', message: receives('terraform_data.x.lifecycle condition') },
    ]);
  });

  test('given a condition message written as a list (not a string) around the token, then it is evaluated and GLID-023', () => {
    const token = compliantToken({ lifecycle: { postcondition: [{ condition: '${true}', error_message: ['${nonsensitive(self.token)}'] }] } });
    expect(sinks(withToken({}, token)).map((s) => s.address)).toEqual(['gitlab_project_access_token.t']);
  });

  test('given a message naming a plain attribute of self beside the token itself, then GLID-023: one secret reference is enough', () => {
    const token = compliantToken({ lifecycle: { postcondition: [{ condition: '${true}', error_message: '${self.name}: ${nonsensitive(self.token)}' }] } });
    expect(sinks(withToken({}, token)).map((s) => s.address)).toEqual(['gitlab_project_access_token.t']);
  });

  test('given conditions that refer to values holding no secret, then no finding: only a secret makes a condition a sink', () => {
    const lifecycle = { precondition: [{ condition: '${local.name != ""}', error_message: 'name ${local.name} is empty' }] };
    const variable = { v: { type: 'string', default: 'x', validation: [{ condition: '${var.v != ""}', error_message: 'v is ${var.v}' }] } };
    const output = { ok: { value: 'x', precondition: [{ condition: '${local.name != ""}', error_message: '${local.name}' }] } };
    expect(sinks(withToken({ resource: { terraform_data: { x: { input: 'a', lifecycle } } }, locals: { name: 'bot' }, variable, output }))).toEqual([]);
  });

  test('given an output precondition that prints the token, then the finding is on the output at its construct path', () => {
    const output = { ok: { value: 'fine', precondition: [{ condition: '${true}', error_message: PRINTED }] } };
    expect(sinks(withToken({ output }))).toEqual([{ path: 'output.ok', address: 'output.ok', attribute: 'precondition', message: receives('output.ok precondition') }]);
    const recorded = withToken({ output, '//': { outputs: { team: { reports: { ok: 'ok' } } } } });
    expect(sinks(recorded)).toEqual([{ path: 'team/reports/ok', address: 'output.ok', attribute: 'precondition', message: receives('output.ok precondition') }]);
  });

  test('given a variable validation that prints the token, then the finding is on the variable, attribute validation', () => {
    const variable = { v: { type: 'string', default: 'x', validation: [{ condition: '${var.v != ""}', error_message: `leak ${PRINTED}` }] } };
    expect(sinks(withToken({ variable }))).toEqual([{ path: 'var.v', address: 'var.v', attribute: 'validation', message: receives('var.v validation') }]);
  });

  test('given a check block that prints the token, then the finding is on the block, with no attribute', () => {
    const config = withToken({ check: { health: { assert: [{ condition: '${false}', error_message: PRINTED }] } } });
    expect(sinks(config)).toEqual([{ path: 'check.health', address: 'check.health', attribute: undefined, message: receives('check.health') }]);
  });

  test('given a provider configured with the token elsewhere, then the finding is on the provider and names the attribute', () => {
    const config = withToken({ provider: { gitlab: [{}, { alias: 'leak', base_url: ELSEWHERE, token: TOKEN }] } });
    expect(sinks(config)).toEqual([
      { path: 'provider.gitlab.leak', address: 'provider.gitlab.leak', attribute: 'token', message: receives('provider.gitlab.leak.token') },
    ]);
  });
});

describe('GLID-023 only where a secret is allowed to rest', () => {
  test('given a data source whose value or secret-store attribute is computed from the token, then GLID-023: only resources store secrets', () => {
    const data = {
      gitlab_project_variable: { v: { project: 'acme/app', key: 'K', value: TOKEN } },
      vault_generic_secret: { s: { path: 'secret/bot', data_json: `{"t":"${TOKEN}"}` } },
    };
    expect(sinks(withToken({ data })).map((s) => s.address).sort()).toEqual(['data.gitlab_project_variable.v', 'data.vault_generic_secret.s']);
  });

  test('given the token in a secret store resource, but also in another attribute of it, then GLID-023 on that attribute only', () => {
    const resource = { vault_generic_secret: { s: { path: `secret/${TOKEN}`, data_json: `{"t":"${TOKEN}"}` } } };
    expect(sinks(withToken({ resource })).map((s) => s.attribute)).toEqual(['path']);
  });

  test('given a provider attribute that is an expression holding no secret, then no finding', () => {
    const config = withToken({ provider: { gitlab: [{ base_url: '${var.url}' }] }, variable: { url: { type: 'string', default: HOME } } });
    expect(sinks(config)).toEqual([]);
  });
});

describe('the GitLab a token goes back to', () => {
  const provider = (gitlab: Record<string, unknown>[], others: Record<string, unknown> = {}) => ({ provider: { gitlab, ...others } });
  const addresses = (config: TerraformConfig) => sinks(config).map((s) => s.address);

  test('given another provider type configured without alias, then it does not stand for the default gitlab provider', () => {
    const config = withToken(provider([{ base_url: HOME }, { alias: 'bot', base_url: ELSEWHERE, token: TOKEN }], { github: [{ base_url: ELSEWHERE }] }));
    expect(addresses(config)).toEqual(['provider.gitlab.bot']);
  });

  test('given a token minted through an alias, then a provider with that alias\'s base_url is where it came from', () => {
    const gitlab = [{ base_url: ELSEWHERE }, { alias: 'home', base_url: HOME }, { alias: 'deploy', base_url: HOME, token: TOKEN }];
    expect(addresses(withToken(provider(gitlab), compliantToken({ provider: 'gitlab.home' })))).toEqual([]);
  });

  test('given the default provider named explicitly (provider = "gitlab"), then it is the default', () => {
    const gitlab = [{ base_url: HOME }, { alias: 'deploy', base_url: HOME, token: TOKEN }];
    expect(addresses(withToken(provider(gitlab), compliantToken({ provider: 'gitlab' })))).toEqual([]);
  });

  test.each(['mygitlab', 'gitlabfork.x'])('given a token minted through provider %s, which is not gitlab, then its GitLab is unknown: GLID-023', (meta) => {
    const gitlab = [{ base_url: HOME }, { alias: 'deploy', base_url: HOME, token: TOKEN }];
    expect(addresses(withToken(provider(gitlab), compliantToken({ provider: meta })))).toEqual(['provider.gitlab.deploy']);
  });

  test('given a copy of a token with a for_each key, then the copy\'s resource is found and its GitLab is the stack\'s', () => {
    const config = stack({
      resource: { gitlab_project_access_token: { c: { ...compliantToken(), for_each: { bot: 'bot', ci: 'ci' }, name: 'team-${each.key}' } } },
      ...provider([{ base_url: HOME }, { alias: 'deploy', base_url: HOME, token: '${gitlab_project_access_token.c["bot"].token}' }]),
    });
    expect(addresses(config)).toEqual([]);
  });

  test('given another resource first in the stack, minted elsewhere, then the token\'s own resource is the one looked at', () => {
    const config = stack({
      resource: {
        terraform_data: { first: { input: 'x', provider: 'gitlab.other' } },
        gitlab_project_access_token: { t: compliantToken() },
      },
      ...provider([{ base_url: HOME }, { alias: 'other', base_url: ELSEWHERE }, { alias: 'deploy', base_url: HOME, token: TOKEN }]),
    });
    expect(addresses(config)).toEqual([]);
  });

  test('given two tokens joined into a provider token, one minted elsewhere, then GLID-023: every secret must go back home', () => {
    const config = stack({
      resource: { gitlab_project_access_token: { t: compliantToken(), u: compliantToken({ name: 'team-other', provider: 'gitlab.other' }) } },
      ...provider([{ base_url: HOME }, { alias: 'other', base_url: ELSEWHERE }, {
        alias: 'deploy', base_url: HOME, token: '${join("", [gitlab_project_access_token.t.token, gitlab_project_access_token.u.token])}',
      }]),
    });
    expect(addresses(config)).toEqual(['provider.gitlab.deploy']);
  });

  test('given a token minted in another stack with the same base_url, then configuring this stack\'s provider with it is not a sink', () => {
    const state = '/x/terraform.alpha.tfstate';
    const alpha = {
      terraform: { backend: { local: { path: state } }, required_providers: { gitlab: { version: '>= 18.8.1' } } },
      provider: { gitlab: [{ base_url: HOME }] },
      resource: { gitlab_project_access_token: { t: compliantToken() } },
      output: { tok: { value: TOKEN, sensitive: true } },
    } as TerraformConfig;
    const beta = (url: string) => stack({
      data: { terraform_remote_state: { r: { backend: 'local', config: { path: state } } } },
      provider: { gitlab: [{ base_url: url, token: '${data.terraform_remote_state.r.outputs.tok}' }] },
    });
    const [, home] = checkStacks([{ name: 'alpha', config: alpha }, { name: 'beta', config: beta(HOME) }]);
    expect(active(home, 'GLID-023')).toEqual([]);
    const [, away] = checkStacks([{ name: 'alpha', config: alpha }, { name: 'beta', config: beta(ELSEWHERE) }]);
    expect(active(away, 'GLID-023').map((f) => f.address)).toEqual(['provider.gitlab']);
  });
});
