/**
 * Local modules, as the engine sees them: each instance of a module call is a stack of its own whose
 * variables are the call's arguments, evaluated in the caller, and whose outputs the caller reads. What a
 * call passes is judged where the module uses it; secrets cross the boundary both ways.
 *
 * GIVEN a root stack and its module instances as Terraform JSON WHEN checked together THEN the findings
 * name the instance and what the call passed.
 */
import { checkApp, EngineFinding, StackInput, StackReport, TerraformConfig } from '../../../lib/core';
import { DEFAULT_POLICY, resolvePolicy } from '../../../lib/core/policy';

const policies = [resolvePolicy(DEFAULT_POLICY)];
const PROVIDER = { required_providers: { gitlab: { source: 'gitlabhq/gitlab', version: '>= 18.8.1' } } };

const token = (accessLevel: string, name = 'team-bot') => ({
  name, project: 'acme/app', access_level: accessLevel, scopes: ['read_api'],
  rotation_configuration: { expiration_days: 90, rotate_before_days: 14 },
});

/** The root (named 'root') and the instances of its calls, each given as [call path, configuration]. */
function checkModules(root: Record<string, unknown>, instances: readonly [string, Record<string, unknown>][]): StackReport[] {
  const inputs: StackInput[] = [{ name: 'root', config: { terraform: PROVIDER, ...root } as TerraformConfig, policies }];
  for (const [path, config] of instances) {
    const at = path.lastIndexOf('/module.');
    inputs.push({ name: `root/${path}`, config: config as TerraformConfig, policies, module: { caller: at < 0 ? 'root' : `root/${path.slice(0, at)}`, call: path.slice(at + '/module.'.length) } });
  }
  return checkApp(inputs);
}

const findings = (reports: readonly StackReport[]): string[] =>
  reports.flatMap((r) => r.findings.filter((f: EngineFinding) => !f.suppressedBy).map((f) => `${r.stack} ${f.ruleId} ${f.path}`));
const message = (reports: readonly StackReport[], ruleId: string): string =>
  reports.flatMap((r) => r.findings).find((f) => f.ruleId === ruleId)?.message ?? `no ${ruleId}`;

const tokenModule = {
  variable: { role: { type: 'string' }, scopes: { type: 'list(string)' } },
  resource: { gitlab_project_access_token: { this: { ...token('${var.role}'), scopes: '${var.scopes}' } } },
  output: { token: { value: '${gitlab_project_access_token.this.token}', sensitive: true } },
};

test('the arguments of each call are judged in its instance: owner and sudo are reported where the module uses them', () => {
  const reports = checkModules(
    { module: { admin: { source: './token', role: 'owner', scopes: ['api', 'sudo'] } } },
    [['module.admin', tokenModule]],
  );
  expect(findings(reports)).toEqual([
    'root/module.admin GLID-006 gitlab_project_access_token.this',
    'root/module.admin GLID-008 gitlab_project_access_token.this',
    'root/module.admin GLID-009 gitlab_project_access_token.this',
  ]);
  expect(message(reports, 'GLID-008')).toContain('sudo');
});

test('a module\'s secret output written by the caller into a plain variable is reported in the caller', () => {
  const reports = checkModules(
    {
      module: { reader: { source: './token', role: 'reporter', scopes: ['read_api'] } },
      resource: { gitlab_project_variable: { v: { project: 'acme/ops', key: 'T', value: '${module.reader.token}', masked: false, hidden: false, protected: true } } },
    },
    [['module.reader', tokenModule]],
  );
  expect(findings(reports)).toEqual(['root GLID-013 gitlab_project_variable.v', 'root GLID-013 gitlab_project_variable.v']);
});

test('a caller\'s secret passed into a module that writes it into a file is reported in the instance', () => {
  const reports = checkModules(
    { resource: { gitlab_project_access_token: { t: token('reporter') } }, module: { w: { source: './w', secret: '${gitlab_project_access_token.t.token}' } } },
    [['module.w', { variable: { secret: {} }, resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${var.secret}' } } } }]],
  );
  expect(findings(reports)).toEqual(['root/module.w GLID-023 gitlab_repository_file.f']);
  expect(message(reports, 'GLID-023')).toContain('gitlab_project_access_token.t');
});

test('a call with count = 0 creates nothing, so nothing in its instance is judged', () => {
  const reports = checkModules(
    { module: { off: { source: './m', count: 0, role: 'owner' } } },
    [['module.off', { variable: { role: {} }, resource: { gitlab_project_access_token: { t: token('${var.role}') } } }]],
  );
  expect(findings(reports)).toEqual([]);
});

test('arguments pass through nested calls, and a reused name is named by its module address', () => {
  const leaf = { variable: { role: {} }, resource: { gitlab_project_access_token: { t: token('${var.role}') } } };
  const reports = checkModules(
    { module: { a: { source: './a', role: 'owner' } } },
    [
      ['module.a', { variable: { role: {} }, module: { b: { source: './b', role: '${var.role}' }, c: { source: './b', role: 'reporter' } } }],
      ['module.a/module.b', leaf],
      ['module.a/module.c', leaf],
    ],
  );
  expect(findings(reports)).toEqual([
    'root/module.a/module.b GLID-006 gitlab_project_access_token.t',
    'root/module.a/module.c GLID-015 gitlab_project_access_token.t',
  ]);
  expect(message(reports, 'GLID-015')).toContain('reuses the name of module.a.module.b.gitlab_project_access_token.t.');
});

test('a variable the call does not set is its default, or cannot be verified without one', () => {
  const reports = checkModules(
    { module: { m: { source: './m' } } },
    [['module.m', {
      variable: { role: {}, preset: { default: 'owner' } },
      resource: { gitlab_project_access_token: { t: token('${var.role}'), u: token('${var.preset}', 'team-bot2') } },
    }]],
  );
  expect(findings(reports)).toEqual(['root/module.m GLID-006 gitlab_project_access_token.u', 'root/module.m GLID-022 gitlab_project_access_token.t']);
  expect(message(reports, 'GLID-022')).toContain('var.role has no default');
});

describe('a module call whose instance the checks are not given', () => {
  // Whatever it creates is unread: it fails closed (GLID-022 on the call), naming its source; held calls are judged in their instance.
  test('given a held call and a remote one, when checked, then only the remote one is GLID-022, pointing at its source', () => {
    const reports = checkModules(
      { module: { admin: { source: './token', role: 'reporter', scopes: ['read_api'] }, vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0' } } },
      [['module.admin', tokenModule]],
    );
    expect(findings(reports)).toEqual(['root GLID-022 module.vpc']);
    expect(message(reports, 'GLID-022')).toBe('module.vpc: cannot verify source: its source "terraform-aws-modules/vpc/aws" is not read by the checks, so the tokens, ' +
      'memberships, CI/CD variables and outputs it creates are not checked; `gitlab-identity check` reads a local module (source "./..."), a remote one must be vendored as one.');
    expect(reports[0].findings.find((f) => f.ruleId === 'GLID-022')).toMatchObject({ attribute: 'source', address: 'module.vpc' });
    expect(reports[0].credentials.filter((c) => c.subject === 'module')).toEqual([expect.objectContaining({ address: 'module.vpc', source: 'terraform-aws-modules/vpc/aws' })]);
  });

  test('given a call whose source is not a string, when checked, then GLID-022 says so', () => {
    const reports = checkModules({ module: { odd: { source: ['./token'] } } }, []);
    expect(message(reports, 'GLID-022')).toContain('cannot verify source: its source is not a string, so');
    expect(reports[0].credentials.find((c) => c.subject === 'module')).not.toHaveProperty('source');
  });
});
