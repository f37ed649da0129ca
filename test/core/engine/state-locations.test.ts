/**
 * Where each stack keeps its state, and which stack a `terraform_remote_state` reads: only a literal location
 * that one stack of the app holds is followed. A stack's own state (which holds the previous apply's values), a
 * location given in part at `terraform init`, or one written as an expression holds values the checks cannot
 * know, so what is read from it cannot be verified (GLID-022) rather than taken from the configuration.
 *
 * GIVEN a stack that reads an access level from a remote state WHEN the app is checked THEN the level is
 * followed to the stack that outputs it, or GLID-022 names the remote output it could not verify.
 *
 * `Kills L:C` comments name the mutants each test was written against: line:column in lib/core/engine as of
 * commit 2ea751f, the code of the first engine-model mutation run (the lines have moved since).
 */
import { TerraformConfig } from '../../../lib/core';
import { active, checkStacks, compliantToken, messages, stack } from './engine-fixture';
import { mentioning } from '../../support/mentioning';

const GITLAB = { required_providers: { gitlab: { source: 'gitlabhq/gitlab', version: '>= 18.8.1' } } };

/** A stack that keeps its state per `terraform` (a backend, or a cloud block) and outputs an access level. */
function origin(terraform: Record<string, unknown>): TerraformConfig {
  return { terraform: { ...terraform, ...GITLAB }, output: { level: { value: 'reporter' } } } as TerraformConfig;
}

/** A stack whose token takes its access level from the `level` output of the remote state it reads. */
function reader(backend: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}): TerraformConfig {
  return stack({
    variable: { env: {} },
    data: { terraform_remote_state: { r: { backend, config } } },
    resource: { gitlab_project_access_token: { t: compliantToken({ access_level: '${data.terraform_remote_state.r.outputs.level}' }) } },
    ...extra,
  });
}

const UNVERIFIED = mentioning('cannot verify access_level', 'data.terraform_remote_state.r.outputs.level');

function glid022(originConfig: TerraformConfig, readerConfig: TerraformConfig): string[] {
  const [, b] = checkStacks([{ name: 'alpha', config: originConfig }, { name: 'beta', config: readerConfig }]);
  return messages(b, 'GLID-022');
}

describe('a stack that reads its own state', () => {
  // Kills stack-model.ts 145:13 (true, and wasLoaded: the stack being checked is let go while the state locations
  // are read, so a fresh model of it is not `this`) and 109:9 (a fresh model on every load): the output would then
  // be read from the configuration, as if the state held what this apply will write.
  test('given a stack whose token takes its access level from its own state\'s output, when checked, then the level cannot be verified', () => {
    const self = {
      ...reader('local', { path: '/x/self.tfstate' }),
      terraform: { backend: { local: { path: '/x/self.tfstate' } }, ...GITLAB },
      output: { level: { value: 'reporter' } },
    } as TerraformConfig;
    const [report] = checkStacks([{ name: 'team', config: self }]);
    expect(messages(report, 'GLID-022')).toEqual([UNVERIFIED]);
  });
});

describe('a state location that is not all literal', () => {
  test('given a reader that names the origin\'s S3 bucket and key, when checked, then the level is followed and accepted', () => {
    const s3 = { bucket: 'acme-state', key: 'alpha.tfstate' };
    expect(glid022(origin({ backend: { s3 } }), reader('s3', s3))).toEqual([]);
  });

  // Kills stack-model.ts 191:9 (both "false" mutants: a key that is not a literal would read as missing, and so
  // match an origin that leaves that key to `terraform init -backend-config`).
  test('given an origin whose S3 key is given at init and a reader whose key is a variable, when checked, then neither is matched to the other', () => {
    expect(glid022(origin({ backend: { s3: { bucket: 'acme-state' } } }), reader('s3', { bucket: 'acme-state', key: '${var.env}' }))).toEqual([UNVERIFIED]);
  });

  // Kills stack-model.ts 191:35 (an expression kept as text): an origin whose key is an expression is matched
  // by no reader, not even one that spells the same text (`$${` is a literal `${`).
  test('given an origin whose S3 key is an expression, when a reader spells the same text, then it is not matched', () => {
    const spelled = glid022(
      origin({ backend: { s3: { bucket: 'acme-state', key: '${var.env}.tfstate' } } }),
      reader('s3', { bucket: 'acme-state', key: '$${var.env}.tfstate' }),
    );
    expect(spelled).toEqual([UNVERIFIED]);
  });
});

describe('Terraform Cloud workspaces', () => {
  const cloud = { organization: 'acme', workspaces: { name: 'alpha' } };

  test('given a reader of the remote backend without hostname, when the origin is in the same Terraform Cloud workspace, then the level is followed', () => {
    expect(glid022(origin({ cloud }), reader('remote', cloud))).toEqual([]);
  });

  // Kills stack-model.ts 209:18 (an empty backend map taken as the stack's backend, hiding its cloud block).
  test('given an origin with an empty backend map next to its cloud block, when read as the remote backend, then its workspace is still matched', () => {
    expect(glid022(origin({ backend: {}, cloud }), reader('remote', cloud))).toEqual([]);
  });

  test('given a reader of another organization, when checked, then the level cannot be verified', () => {
    expect(glid022(origin({ cloud }), reader('remote', { ...cloud, organization: 'other' }))).toEqual([UNVERIFIED]);
  });
});

describe('what a followed output brings', () => {
  test('given an origin that outputs owner, when read, then GLID-006 is reported in the reader', () => {
    const owner = { ...origin({ backend: { local: { path: '/x/alpha.tfstate' } } }), output: { level: { value: 'owner' } } } as TerraformConfig;
    const [, b] = checkStacks([{ name: 'alpha', config: owner }, { name: 'beta', config: reader('local', { path: '/x/alpha.tfstate' }) }]);
    expect(messages(b, 'GLID-006')).toEqual([mentioning('access_level', 'owner')]);
    expect(active(b, 'GLID-022')).toEqual([]);
  });
});
