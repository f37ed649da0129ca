/**
 * What tools read besides the resources: stack names (they become folders), the plans the construct layer
 * copies into the JSON (never trusted to relax anything), and the inventory's determinism.
 */
import {
  Capability,
  IdentityRequest,
  Reach,
  Runtime,
  TerraformConfig,
  bindingsFromConfig,
  identityRecord,
  inventoriesFromReports,
  inventoryToJson,
  planIdentity,
  requestRecord,
  stackNameProblem,
} from '../../../lib/core';
import { checkStacks, compliantToken, stack } from './engine-fixture';

describe('stackNameProblem', () => {
  test.each(['..', '.', 'a/b', 'a\\b', '', 'a..b', '../etc', 'nul\u0000byte'])('given the stack name %j, when checked, then it is refused', (name) => {
    expect(stackNameProblem(name)).toEqual(expect.stringContaining('is not allowed'));
  });

  test.each(['team', 'team-a', 'Team_1', 'a.b'])('given the stack name %j, when checked, then it is accepted', (name) => {
    expect(stackNameProblem(name)).toBeUndefined();
  });

  test('given a name used by two stacks, when checked, then the duplicate is named with its count', () => {
    expect(stackNameProblem('team', 2)).toBe('2 stacks are named "team": cdktf writes each to cdktf.out/stacks/team, one over the other. Give each stack its own id.');
  });

  test('given a bad name used twice, when checked, then the bad name is what is reported', () => {
    expect(stackNameProblem('a/b', 2)).toEqual(expect.stringContaining('is not allowed'));
  });
});

describe('bindingsFromConfig', () => {
  const request: IdentityRequest = {
    owner: 'team', purpose: 'reader', runtime: Runtime.ciPipeline('acme/app'), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7,
  };
  const plan = planIdentity(request);
  const record = JSON.parse(requestRecord(request)) as Record<string, unknown>;
  const withIdentities = (identities: unknown): TerraformConfig => ({ '//': { 'gitlab-identity': { identities } } });
  const good = { path: 'team/reader', addresses: ['gitlab_project_access_token.t', 7, null], request: requestRecord(request) };

  test('given a well-formed identity entry, when read, then its request is planned again and string addresses are kept', () => {
    expect(bindingsFromConfig(withIdentities({ a: good }))).toEqual([{ path: 'team/reader', plan, addresses: ['gitlab_project_access_token.t'] }]);
  });

  test('given a service account over several projects, when read, then the replanned plan is the same', () => {
    const sa: IdentityRequest = { owner: 'team', purpose: 'multi', runtime: Runtime.external(), reach: Reach.projects(['acme/web', 'acme/app']), capabilities: [Capability.API_READ] };
    const [binding] = bindingsFromConfig(withIdentities({ a: { ...good, request: requestRecord(sa) } }));
    expect(binding.plan).toEqual(planIdentity(sa));
  });

  test('given a group reach, when read, then its project count survives', () => {
    const group: IdentityRequest = { owner: 'team', purpose: 'grp', runtime: Runtime.external(), reach: Reach.group('acme', { projectCount: 4 }), capabilities: [Capability.API_READ], policy: { serviceAccountsAvailable: false } };
    const [binding] = bindingsFromConfig(withIdentities({ a: { ...good, request: requestRecord(group) } }));
    expect(binding.plan).toEqual(planIdentity(group));
  });

  test('given entries under several keys, when read, then they come back in key order', () => {
    const other = { ...good, path: 'team/other' };
    expect(bindingsFromConfig(withIdentities({ z: good, a: other })).map((b) => b.path)).toEqual(['team/other', 'team/reader']);
  });

  test.each([
    ['no path', { ...good, path: undefined }],
    ['a path that is not a string', { ...good, path: 3 }],
    ['no addresses', { ...good, addresses: undefined }],
    ['addresses that are not a list', { ...good, addresses: 'gitlab_project_access_token.t' }],
    ['no request', { ...good, request: undefined }],
    ['a request that is an object, not a string', { ...good, request: record }],
    ['a request that is not JSON', { ...good, request: '{not json' }],
    ['a request that is JSON null', { ...good, request: 'null' }],
    ['a request without capabilities', { ...good, request: JSON.stringify({ ...record, capabilities: [] }) }],
    ['a request with an unknown capability', { ...good, request: JSON.stringify({ ...record, capabilities: ['root'] }) }],
    ['a request with an invalid owner', { ...good, request: JSON.stringify({ ...record, owner: 'Team Name' }) }],
    ['a request with an invalid reach', { ...good, request: JSON.stringify({ ...record, reach: { type: 'projects', projects: [] } }) }],
    ['a request with a lifetime above the policy', { ...good, request: JSON.stringify({ ...record, lifetimeDays: 900 }) }],
    ['an entry that is a string', 'team/reader'],
    ['an entry that is null', null],
  ])('given an entry with %s, when read, then it is left out', (_what, bad) => {
    expect(bindingsFromConfig(withIdentities({ bad, good }))).toEqual([expect.objectContaining({ path: 'team/reader', plan })]);
  });

  test.each([undefined, null, [], 'x', 3])('given identities = %j, when read, then there are none', (identities) => {
    expect(bindingsFromConfig(withIdentities(identities))).toEqual([]);
  });

  describe('the record strings this version writes, keyed by identity path', () => {
    const token = (path: string) => ({ '//': { metadata: { path, uniqueId: 'x' } }, name: 'team-reader' });
    const config = (record: unknown): TerraformConfig => ({
      resource: {
        gitlab_project_access_token: { reader_Token_1: token('team/reader/Token') },
        gitlab_project_variable: { reader_Variable_2: { '//': { metadata: { path: 'team/reader/Variable' } } } },
        gitlab_project_hook: { elsewhere: { '//': { metadata: { path: 'team/other/Hook' } } } },
      },
      '//': { 'gitlab-identity': { identities: { 'team/reader': record } } },
    });

    test('given a record, when read, then its construct ids become the addresses of the resources at those paths', () => {
      const [binding] = bindingsFromConfig(config(identityRecord(request, ['Token', 'Variable', 'Missing'])));
      expect(binding).toEqual({ path: 'team/reader', plan, addresses: ['gitlab_project_access_token.reader_Token_1', 'gitlab_project_variable.reader_Variable_2'] });
    });

    test.each([
      ['not JSON', '{rendered'],
      ['JSON null', 'null'],
      ['no rendered list', JSON.stringify({ request: JSON.parse(requestRecord(request)) })],
      ['a request that is a string', JSON.stringify({ rendered: [], request: requestRecord(request) })],
      ['a request that does not plan', JSON.stringify({ rendered: [], request: { ...record, capabilities: ['root'] } })],
    ])('given a record that is %s, when read, then it is left out', (_what, bad) => {
      expect(bindingsFromConfig(config(bad))).toEqual([]);
    });
  });

  test('given no library comment at all, when read, then there are none', () => {
    expect(bindingsFromConfig({})).toEqual([]);
    expect(bindingsFromConfig({ '//': 'a comment' })).toEqual([]);
  });

  test('given a bound identity read from the JSON, when the app is checked with it, then its rendered token is judged against the plan', () => {
    const config = {
      ...stack({ resource: { gitlab_project_access_token: { t: compliantToken({ access_level: 'maintainer', rotation_configuration: { expiration_days: 30, rotate_before_days: 7 } }) } } }),
      '//': { 'gitlab-identity': { identities: { a: good } } },
    } as TerraformConfig;
    const [report] = checkStacks([{ name: 'team', config, identities: bindingsFromConfig(config) }]);
    expect(report.findings.map((f) => f.ruleId)).toContain('GLID-007');
  });
});

describe('inventory determinism', () => {
  const configs = (): { name: string; config: TerraformConfig }[] => [
    {
      name: 'team',
      config: stack({
        locals: { owner: 'reporter' },
        resource: {
          gitlab_project_access_token: { b: compliantToken({ name: 'team-b' }), a: compliantToken({ name: 'team-a', access_level: '${local.owner}', count: 2 }) },
          gitlab_group_access_token: { g: { name: 'team-g', group: 'acme', access_level: 'reporter', scopes: ['read_api'], rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } } },
          gitlab_project_variable: { v: { project: 'acme/app', key: 'T', value: '${gitlab_project_access_token.b.token}', masked: false } },
          gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${gitlab_project_access_token.a[0].token}' } },
        },
        output: { o: { value: '${gitlab_project_access_token.b.token}' } },
      }),
    },
    { name: 'other', config: stack({ resource: { gitlab_pipeline_trigger: { p: { project: 'acme/app', description: 'team-trigger: x' } } } }) },
  ];

  test('given the same app checked twice, when inventoried, then the JSON is byte-for-byte the same', () => {
    const once = inventoriesFromReports(checkStacks(configs())).map(inventoryToJson);
    const twice = inventoriesFromReports(checkStacks(configs())).map(inventoryToJson);
    expect(twice).toEqual(once);
    expect(once.join('')).toContain('"team-a"');
  });

  test('given the same resources written in another key order, when inventoried, then the JSON is the same', () => {
    const reversed = configs().map(({ name, config }) => ({ name, config: reverseKeys(config) as TerraformConfig }));
    expect(inventoriesFromReports(checkStacks(reversed)).map(inventoryToJson)).toEqual(inventoriesFromReports(checkStacks(configs())).map(inventoryToJson));
  });

  test('given the same reports inventoried twice, when serialised, then the JSON is the same', () => {
    const reports = checkStacks(configs());
    expect(inventoriesFromReports(reports).map(inventoryToJson)).toEqual(inventoriesFromReports(reports).map(inventoryToJson));
  });
});

/** The same JSON object with every key order reversed (arrays kept in order: their order means something). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}
