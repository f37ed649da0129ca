/**
 * Plans from `terraform show -json`: a token's secret is followed wherever the plan says it goes (a value
 * already created and printed as a literal, a value unknown until apply, through locals, module arguments,
 * module outputs and for_each), instances keep their own addresses, and JSON that is not a plan is refused.
 * The shapes follow https://developer.hashicorp.com/terraform/internals/json-format.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../../../lib/cli/check/run-check';
import { runCliAsync } from '../../../lib/cli/program';
import { CheckFinding } from '../../../lib/cli/check/check-result';

type Json = Record<string, unknown>;

const token = (address: string, extra: Json = {}): Json => {
  const [type, name] = address.replace(/^(module\.[^.]+(\[[^\]]+\])?\.)*/, '').split('.');
  return {
    address, mode: 'managed', type, name: name.replace(/\[.*$/, ''), provider_name: 'registry.terraform.io/gitlabhq/gitlab',
    values: { project: 'acme/app', name: 'quality-bot', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: { expiration_days: 60, rotate_before_days: 14 }, ...extra },
  };
};
const variable = (address: string, values: Json = {}, sensitive: Json = {}): Json => {
  const [type, name] = address.replace(/^(module\.[^.]+(\[[^\]]+\])?\.)*/, '').split('.');
  return {
    address, mode: 'managed', type, name: name.replace(/\[.*$/, ''), provider_name: 'registry.terraform.io/gitlabhq/gitlab',
    values: { project: 'acme/ops', key: 'BOT_TOKEN', masked: false, hidden: true, protected: true, ...values }, sensitive_values: sensitive,
  };
};
const unknownValue = (address: string): Json => ({ address, change: { actions: ['create'], after_unknown: { value: true } } });

function plan(parts: { root?: Json; changes?: Json[]; configuration?: Json; variables?: Json }): Json {
  return {
    format_version: '1.2', terraform_version: '1.11.4', variables: parts.variables ?? {},
    planned_values: { root_module: parts.root ?? {} }, resource_changes: parts.changes ?? [],
    configuration: { provider_config: { gitlab: { name: 'gitlab', version_constraint: '>= 18.8.1' } }, root_module: {}, ...(parts.configuration ?? {}) },
  };
}

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
async function check(json: unknown): Promise<CheckFinding[]> {
  const file = path.join(tmp, `plan-${n++}.json`);
  fs.writeFileSync(file, JSON.stringify(json));
  return (await runCheck([file])).findings.filter((f) => !f.suppressedBy);
}
const ids = (findings: CheckFinding[]) => findings.map((f) => `${f.ruleId} ${f.location.address}`).sort();

const variableConfig = (refs: string[], extra: Json = {}): Json => ({
  address: 'gitlab_project_variable.v', mode: 'managed', type: 'gitlab_project_variable', name: 'v',
  expressions: { value: { references: refs } }, ...extra,
});

describe('a token\'s secret in a plan', () => {
  test('GIVEN a token already created, whose value the plan prints as a literal in a sensitive variable WHEN checked THEN the variable holds a token', async () => {
    const findings = await check(plan({
      root: { resources: [token('gitlab_project_access_token.bot', { token: 'glpat-example' }), variable('gitlab_project_variable.v', { value: 'glpat-example' }, { value: true })] },
      configuration: { root_module: { resources: [variableConfig(['gitlab_project_access_token.bot.token', 'gitlab_project_access_token.bot'])] } },
    }));
    expect(ids(findings)).toEqual(['GLID-013 gitlab_project_variable.v']);
    expect(JSON.stringify(findings)).not.toContain('glpat-example');
  });

  test('GIVEN the literal without a sensitive mark WHEN checked THEN the reference to the token still decides', async () => {
    const findings = await check(plan({
      root: { resources: [token('gitlab_project_access_token.bot', { token: 'glpat-example' }), variable('gitlab_project_variable.v', { value: 'glpat-example' })] },
      configuration: { root_module: { resources: [variableConfig(['gitlab_project_access_token.bot.token', 'gitlab_project_access_token.bot'])] } },
    }));
    expect(ids(findings)).toEqual(['GLID-013 gitlab_project_variable.v']);
  });

  test('GIVEN a value unknown until apply read from a local WHEN checked THEN it is taken to hold the plan\'s secrets (the plan describes no locals)', async () => {
    const findings = await check(plan({
      root: { resources: [token('gitlab_project_access_token.bot'), variable('gitlab_project_variable.v')] },
      changes: [unknownValue('gitlab_project_variable.v')],
      configuration: { root_module: { resources: [variableConfig(['local.token'])] } },
    }));
    expect(ids(findings)).toEqual(['GLID-013 gitlab_project_variable.v']);
  });

  test('GIVEN a token made in a module and delivered by the root through the module\'s output WHEN checked THEN the secret is followed', async () => {
    const findings = await check(plan({
      root: {
        resources: [variable('gitlab_project_variable.v')],
        child_modules: [{ address: 'module.tok', resources: [token('module.tok.gitlab_project_access_token.this')] }],
      },
      changes: [unknownValue('gitlab_project_variable.v')],
      configuration: { root_module: {
        resources: [variableConfig(['module.tok.token', 'module.tok'])],
        module_calls: { tok: { source: './tok', module: { outputs: { token: { expression: { references: ['gitlab_project_access_token.this.token', 'gitlab_project_access_token.this'] }, sensitive: true } } } } },
      } },
    }));
    expect(ids(findings)).toEqual(['GLID-013 gitlab_project_variable.v']);
  });

  test('GIVEN a token passed into a module whose variable resource writes it WHEN checked THEN the secret is followed through the argument', async () => {
    const findings = await check(plan({
      root: {
        resources: [token('gitlab_project_access_token.bot')],
        child_modules: [{ address: 'module.deliver', resources: [variable('module.deliver.gitlab_project_variable.v')] }],
      },
      changes: [unknownValue('module.deliver.gitlab_project_variable.v')],
      configuration: { root_module: {
        module_calls: { deliver: { source: './deliver', expressions: { token: { references: ['gitlab_project_access_token.bot.token', 'gitlab_project_access_token.bot'] } }, module: { resources: [variableConfig(['var.token'])] } } },
      } },
    }));
    expect(ids(findings)).toEqual(['GLID-013 module.deliver.gitlab_project_variable.v']);
  });

  test('GIVEN variables made with for_each over the tokens WHEN checked THEN each.value.token is followed', async () => {
    const findings = await check(plan({
      root: { resources: [token('gitlab_project_access_token.bot["a"]'), variable('gitlab_project_variable.v["a"]')] },
      changes: [unknownValue('gitlab_project_variable.v["a"]')],
      configuration: { root_module: { resources: [variableConfig(['each.value.token', 'each.value'], { for_each_expression: { references: ['gitlab_project_access_token.bot'] } })] } },
    }));
    expect(ids(findings)).toEqual(['GLID-013 gitlab_project_variable.v["a"]']);
  });

  test('GIVEN a known role read from a local WHEN checked THEN the planned value is judged, not made unknown', async () => {
    const findings = await check(plan({
      root: { resources: [token('gitlab_project_access_token.bot', { access_level: 'owner' })] },
      configuration: { root_module: { resources: [{ address: 'gitlab_project_access_token.bot', mode: 'managed', type: 'gitlab_project_access_token', name: 'bot', expressions: { access_level: { references: ['local.role'] } } }] } },
    }));
    expect(ids(findings)).toEqual(['GLID-006 gitlab_project_access_token.bot']);
  });
});

describe('instances and names', () => {
  test('GIVEN instances whose keys differ only in punctuation WHEN checked THEN each keeps its address and its findings', async () => {
    const findings = await check(plan({
      root: { resources: [
        token('gitlab_project_access_token.bot["a.b"]', { access_level: 'owner', name: 'quality-a' }), token('gitlab_project_access_token.bot["a_b"]', { access_level: 'owner', name: 'quality-b' }),
        token('gitlab_project_access_token.bot["x y"]', { access_level: 'owner', name: 'quality-c' }), token('gitlab_project_access_token.bot["x/y"]', { access_level: 'owner', name: 'quality-d' }),
      ].map((r, i) => ({ ...r, index: ['a.b', 'a_b', 'x y', 'x/y'][i] })) },
    }));
    expect(findings.filter((f) => f.ruleId === 'GLID-006').map((f) => f.location.address).sort())
      .toEqual(['gitlab_project_access_token.bot["a.b"]', 'gitlab_project_access_token.bot["a_b"]', 'gitlab_project_access_token.bot["x y"]', 'gitlab_project_access_token.bot["x/y"]']);
    expect(findings.map((f) => f.message).join('\n')).not.toMatch(/__\d/);
  });
});

describe('JSON that is not a plan', () => {
  const refused = async (json: unknown, message: RegExp) => {
    const file = path.join(tmp, `not-${n++}.json`);
    fs.writeFileSync(file, JSON.stringify(json));
    let stderr = '';
    const status = await runCliAsync(['check', file], { out: () => undefined, err: (t) => { stderr += t; } });
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(2);
  };

  test.each([
    ['a state (terraform show -json without a plan)', { format_version: '1.0', values: { root_module: { resources: [] } } }, /not a plan \(a state\?\)/],
    ['an empty object', {}, /neither a Terraform configuration .* nor a plan/],
    ['a package.json', { name: 'x', version: '1.0.0' }, /neither a Terraform configuration .* nor a plan/],
    ['planned_values null', { format_version: '1.2', planned_values: null }, /not a plan from 'terraform show -json' \(no planned_values\)/],
    ['a resource that is null', { format_version: '1.2', planned_values: { root_module: { resources: [null] } } }, /a resource without address, type or name/],
    ['resources that are not a list', { format_version: '1.2', planned_values: { root_module: { resources: 'x' } } }, /resources is not a list/],
  ])('GIVEN %s WHEN checked THEN exit 1 with one line', async (_, json, message) => {
    await refused(json, message);
  });
});
