/**
 * Stacks are checked together: a token output by one stack and read in another through cdktf's
 * `terraform_remote_state` (the local backend's state path) is followed into the reading stack.
 */
import { TerraformConfig } from '../../../lib/core';
import { active, check, checkStacks, compliantToken, credential, entry, messages, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

/** GLID-023 in beta: the place written and the token read from alpha's state. */
const FROM_ALPHA = mentioning('gitlab_repository_file.f.content', 'alpha:gitlab_project_access_token.t');

const STATE = '/x/terraform.alpha.tfstate';

function alpha(output: Record<string, unknown> = { value: '${gitlab_project_access_token.t.token}', sensitive: true }): TerraformConfig {
  return {
    terraform: { backend: { local: { path: STATE } }, required_providers: { gitlab: { version: '>= 18.8.1' } } },
    resource: { gitlab_project_access_token: { t: compliantToken() } },
    output: { tok: output },
  } as TerraformConfig;
}

function beta(statePath = STATE, content = '${data.terraform_remote_state.r.outputs.tok}', extra: Record<string, unknown> = {}): TerraformConfig {
  return stack({
    data: { terraform_remote_state: { r: { backend: 'local', config: { path: statePath } } } },
    resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content } }, ...extra },
  });
}

describe('secrets crossing stacks', () => {
  test('given beta writes alpha\'s token output to a repository file, when the app is checked, then GLID-023 in beta names alpha\'s token', () => {
    const [a, b] = checkStacks([{ name: 'alpha', config: alpha() }, { name: 'beta', config: beta() }]);
    expect(active(a, 'GLID-023')).toEqual([]);
    expect(active(b, 'GLID-023')).toEqual([
      expect.objectContaining({ stack: 'beta', message: FROM_ALPHA }),
    ]);
  });

  test('given the stacks in the other order, when the app is checked, then the secret is still followed', () => {
    const [b] = checkStacks([{ name: 'beta', config: beta() }, { name: 'alpha', config: alpha() }]);
    expect(messages(b, 'GLID-023')).toEqual([FROM_ALPHA]);
  });

  test('given the output read through a local of beta, when checked, then the secret is followed through it', () => {
    const config = { ...beta(STATE, '${local.t}'), locals: { t: 'Bearer ${data.terraform_remote_state.r.outputs.tok}' } } as TerraformConfig;
    const [, b] = checkStacks([{ name: 'alpha', config: alpha() }, { name: 'beta', config }]);
    expect(messages(b, 'GLID-023')).toEqual([FROM_ALPHA]);
  });

  test('given beta puts alpha\'s token in a plain output, when checked, then GLID-012 is reported in beta', () => {
    const config = { ...beta(), output: { again: { value: '${data.terraform_remote_state.r.outputs.tok}' } } } as TerraformConfig;
    const [, b] = checkStacks([{ name: 'alpha', config: alpha() }, { name: 'beta', config }]);
    expect(credential(b, 'output.again')).toMatchObject({ holdsToken: true, tokenAddresses: ['alpha:gitlab_project_access_token.t'] });
    expect(messages(b, 'GLID-012')).toHaveLength(1);
  });

  test('given beta reads a non-secret output of alpha, when checked, then nothing is reported', () => {
    const [, b] = checkStacks([{ name: 'alpha', config: alpha({ value: '${gitlab_project_access_token.t.id}' }) }, { name: 'beta', config: beta() }]);
    expect(active(b, 'GLID-023')).toEqual([]);
  });

  test('given beta delivers alpha\'s token to a CI/CD variable, when inventoried, then alpha\'s token entry lists that delivery', () => {
    const config = beta(STATE, 'plain', {
      gitlab_project_variable: { v: { project: 'acme/app', key: 'ALPHA_TOKEN', value: '${data.terraform_remote_state.r.outputs.tok}', masked: true, hidden: true, protected: true } },
    });
    const reports = checkStacks([{ name: 'alpha', config: alpha() }, { name: 'beta', config }]);
    expect(credential(reports[1], 'gitlab_project_variable.v')).toMatchObject({ holdsToken: true, tokenAddresses: ['alpha:gitlab_project_access_token.t'] });
    expect(entry(reports, 'team-reader', 'alpha').deliveries).toEqual([
      expect.objectContaining({ type: 'project-variable', target: 'acme/app', key: 'ALPHA_TOKEN', protected: true }),
    ]);
  });

  test('given a remote state outside the app, when checked alone, then the file content is not a known secret', () => {
    const report = check(beta('/elsewhere/terraform.tfstate'));
    expect(active(report, 'GLID-023')).toEqual([]);
  });

  test('given a remote state read of an output the origin does not declare, when checked, then nothing throws and no secret is invented', () => {
    const config = beta(STATE, '${data.terraform_remote_state.r.outputs.missing}');
    const [, b] = checkStacks([{ name: 'alpha', config: alpha() }, { name: 'beta', config }]);
    expect(active(b, 'GLID-023')).toEqual([]);
  });

  test('given a stack that reads its own state, when checked, then it does not loop', () => {
    const self = { ...beta(STATE), terraform: { backend: { local: { path: STATE } } } } as TerraformConfig;
    expect(() => check(self)).not.toThrow();
  });

  // Was a way past the checks, fixed: a stack's own state was treated as a state outside the app, whose outputs carry
  // no secret, so a token written to a file through the stack's own state passed unreported. After the first apply
  // that state holds the token.
  test('given a stack that writes its own token output into a file through its own state, when checked, then GLID-023 names the token', () => {
    const self = { ...alpha(), ...beta(STATE), terraform: alpha().terraform, resource: { ...alpha().resource as object, ...beta(STATE).resource as object } } as TerraformConfig;
    expect(messages(check(self), 'GLID-023')).toEqual([mentioning('gitlab_repository_file.f.content', 'gitlab_project_access_token.t')]);
  });

  // An output the configuration no longer declares may still be in the state, as the previous apply left it.
  test('given a stack that writes an output it does not declare into a file through its own state, when checked, then GLID-023 names its secrets', () => {
    const self = { ...beta(STATE), terraform: alpha().terraform, resource: { ...alpha().resource as object, ...beta(STATE).resource as object } } as TerraformConfig;
    expect(messages(check(self), 'GLID-023')).toEqual([mentioning('gitlab_repository_file.f.content', 'gitlab_project_access_token.t')]);
  });

  // Its own state holds what the previous apply wrote, not what this configuration says.
  test('given an access_level read from the stack\'s own state, when checked, then GLID-022 says it is the previous apply\'s value', () => {
    const self = {
      ...beta(STATE, 'x', { gitlab_project_access_token: { t: compliantToken({ access_level: '${data.terraform_remote_state.r.outputs.level}' }) } }),
      terraform: alpha().terraform, output: { level: { value: 'reporter' } },
    } as TerraformConfig;
    expect(messages(check(self), 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'data.terraform_remote_state.r.outputs.level', 'own state', 'previous apply')]);
  });

  test('given two stacks that read each other\'s outputs, when checked, then the engine does not loop', () => {
    const one = { ...beta('/x/two.tfstate', '${data.terraform_remote_state.r.outputs.o}'), terraform: { backend: { local: { path: '/x/one.tfstate' } } }, output: { o: { value: '${data.terraform_remote_state.r.outputs.o}' } } } as TerraformConfig;
    const two = { ...beta('/x/one.tfstate', '${data.terraform_remote_state.r.outputs.o}'), terraform: { backend: { local: { path: '/x/two.tfstate' } } }, output: { o: { value: '${data.terraform_remote_state.r.outputs.o}' } } } as TerraformConfig;
    expect(() => checkStacks([{ name: 'one', config: one }, { name: 'two', config: two }])).not.toThrow();
  });

  test('given a token name used in two stacks, when the app is checked, then the later stack reports reuse of the earlier path', () => {
    const [a, b] = checkStacks([{ name: 'alpha', config: alpha() }, { name: 'beta', config: stack({ resource: { gitlab_project_access_token: { u: compliantToken() } } }) }]);
    expect(active(a, 'GLID-015')).toEqual([]);
    expect(messages(b, 'GLID-015')).toEqual([expect.stringContaining('reuses the name of gitlab_project_access_token.t')]);
  });
});

describe('remote state in backends other than local', () => {
  const s3 = { bucket: 'acme-state', key: 'alpha.tfstate', region: 'eu-west-1' };
  const origin = (backend: Record<string, unknown>) => ({ ...alpha(), terraform: { backend, required_providers: { gitlab: { version: '>= 18.8.1' } } } }) as TerraformConfig;
  const reader = (backend: string, config: Record<string, unknown>) => stack({
    data: { terraform_remote_state: { r: { backend, config } } },
    resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${data.terraform_remote_state.r.outputs.tok}' } } },
  });
  const sinks = (backend: Record<string, unknown>, type: string, config: Record<string, unknown>) =>
    messages(checkStacks([{ name: 'alpha', config: origin(backend) }, { name: 'beta', config: reader(type, config) }])[1], 'GLID-023');
  const FOLLOWED = [FROM_ALPHA];

  test('given an S3 state read with the same bucket and key (credentials aside), when checked, then the secret is followed', () => {
    expect(sinks({ s3 }, 's3', { bucket: 'acme-state', key: 'alpha.tfstate', region: 'eu-west-1', role_arn: 'arn:aws:iam::1:role/r' })).toEqual(FOLLOWED);
  });

  test('given a GCS or HTTP state of the same place, when checked, then the secret is followed', () => {
    expect(sinks({ gcs: { bucket: 'b', prefix: 'alpha' } }, 'gcs', { bucket: 'b', prefix: 'alpha' })).toEqual(FOLLOWED);
    expect(sinks({ http: { address: 'https://state.example/alpha' } }, 'http', { address: 'https://state.example/alpha' })).toEqual(FOLLOWED);
  });

  test('given another key, another backend type or a computed key, when checked, then it is a state outside the app', () => {
    expect(sinks({ s3 }, 's3', { ...s3, key: 'other.tfstate' })).toEqual([]);
    expect(sinks({ s3 }, 'gcs', { bucket: 'acme-state', prefix: 'alpha.tfstate' })).toEqual([]);
    expect(sinks({ s3 }, 's3', { ...s3, key: '${var.key}' })).toEqual([]);
  });
});

describe('remote state of Terraform Cloud workspaces and ambiguous states', () => {
  const cloud = { organization: 'acme', workspaces: { name: 'alpha' } };
  const origin = (terraform: Record<string, unknown>) => ({ ...alpha(), terraform: { ...terraform, required_providers: { gitlab: { version: '>= 18.8.1' } } } }) as TerraformConfig;
  const reader = (backend: string, config: Record<string, unknown>) => stack({
    data: { terraform_remote_state: { r: { backend, config } } },
    resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${data.terraform_remote_state.r.outputs.tok}' } } },
  });
  const FOLLOWED = [FROM_ALPHA];

  test('given a stack in a Terraform Cloud workspace read as the remote backend (cdktf CloudBackend), when checked, then the secret is followed', () => {
    const [, b] = checkStacks([{ name: 'alpha', config: origin({ cloud }) }, { name: 'beta', config: reader('remote', { ...cloud, hostname: 'app.terraform.io' }) }]);
    expect(messages(b, 'GLID-023')).toEqual(FOLLOWED);
  });

  test('given workspaces chosen by tags, when checked, then no stack is matched', () => {
    const [, b] = checkStacks([{ name: 'alpha', config: origin({ cloud: { organization: 'acme', workspaces: { tags: ['alpha'] } } }) }, { name: 'beta', config: reader('remote', cloud) }]);
    expect(messages(b, 'GLID-023')).toEqual([]);
  });

  test('given two stacks at the same state location, when read, then neither is guessed', () => {
    const pg = { pg: { schema_name: 'shared' } };
    const reports = checkStacks([
      { name: 'alpha', config: origin({ backend: pg }) },
      { name: 'gamma', config: origin({ backend: pg }) },
      { name: 'beta', config: reader('pg', { schema_name: 'shared' }) },
    ]);
    expect(messages(reports[2], 'GLID-023')).toEqual([]);
  });
});
