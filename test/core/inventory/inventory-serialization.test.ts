/**
 * The inventory file is deterministic byte for byte, so that a merge request shows only real changes:
 * `stackInventory` orders entries by name, then construct path, whatever order the constructs were
 * visited in; `inventoryToJson` writes every object's keys in sorted order, whatever order they were set
 * in, and leaves out undefined properties.
 */
import { AccessLevel, GrantType, InventoryEntry, inventoryToJson, sortEntries, stackInventory } from '../../../lib/core';
import { entry } from './fixtures';

/** Every ordering of `xs`. */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  return value;
}

describe('entries are in canonical order: by name, then construct path', () => {
  const entries = [
    entry({ name: 'runner-releases', constructPath: 'runner/releases' }),
    entry({ name: 'gitlab-bot', constructPath: 'legacy/bot-b' }),
    entry({ name: 'quality-allure-report', constructPath: 'quality/allure-report' }),
    entry({ name: 'gitlab-bot', constructPath: 'legacy/bot-a' }),
    entry({ name: 'Gitlab-bot', constructPath: 'legacy/bot-c' }),
  ];
  // Code-unit order: upper case before lower case.
  const EXPECTED = [
    ['Gitlab-bot', 'legacy/bot-c'],
    ['gitlab-bot', 'legacy/bot-a'],
    ['gitlab-bot', 'legacy/bot-b'],
    ['quality-allure-report', 'quality/allure-report'],
    ['runner-releases', 'runner/releases'],
  ];

  test('whatever order the entries come in (every permutation)', () => {
    for (const order of permutations(entries)) {
      expect(stackInventory('quality', order).identities.map((e) => [e.name, e.constructPath])).toEqual(EXPECTED);
    }
  });

  test('sortEntries leaves its input as it was', () => {
    const input = [...entries];
    sortEntries(input);
    expect(input).toEqual(entries);
  });

  test('the JSON file is the same bytes whatever order the entries come in', () => {
    const json = inventoryToJson(stackInventory('quality', entries));
    for (const order of permutations(entries)) expect(inventoryToJson(stackInventory('quality', order))).toBe(json);
  });
});

describe('inventoryToJson: keys sorted at every level, two-space indent, final newline', () => {
  const e: InventoryEntry = entry({
    name: 'runner-helper-pull',
    grants: [{ type: GrantType.ACCESS_TOKEN, targetType: 'project', target: 'gitlab-org/gitlab', tokenName: 'runner-helper-pull', accessLevel: AccessLevel.REPORTER }],
    findings: [{ ruleId: 'GLID-014', level: 'warning', message: 'not protected', path: 'runner/helper-pull', suppressedBy: { reason: 'merge-request pipelines', id: 'GLID-014' } }],
  });

  test('an entry is written with its keys in sorted order, nested objects included', () => {
    const json = inventoryToJson(stackInventory('runner', [e]));
    const keysInFile = [...json.matchAll(/^ {6}"(\w+)":/gm)].map((m) => m[1]);
    expect(keysInFile).toEqual(Object.keys(e).sort());
    expect(json).toContain(
      '      "grants": [\n' +
      '        {\n' +
      '          "accessLevel": "reporter",\n' +
      '          "target": "gitlab-org/gitlab",\n' +
      '          "targetType": "project",\n' +
      '          "tokenName": "runner-helper-pull",\n' +
      '          "type": "access-token"\n' +
      '        }\n' +
      '      ],\n',
    );
    expect(json).toContain('          "suppressedBy": {\n            "id": "GLID-014",\n            "reason": "merge-request pipelines"\n          }\n');
    expect(json).toContain('      "runtime": {\n        "sourceProject": "gitlab-org/gitlab",\n        "type": "ci-pipeline"\n      },\n');
  });

  test('the same inventory with its keys set in another order is the same bytes', () => {
    const inv = stackInventory('runner', [e, entry()]);
    expect(inventoryToJson(reverseKeys(inv) as typeof inv)).toBe(inventoryToJson(inv));
  });

  test('arrays keep their order (only keys are sorted)', () => {
    const json = inventoryToJson(stackInventory('quality', [entry({ rationale: ['second line', 'first line'], labels: ['z', 'a'] })]));
    expect(JSON.parse(json).identities[0].rationale).toEqual(['second line', 'first line']);
    expect(JSON.parse(json).identities[0].labels).toEqual(['z', 'a']);
  });

  test('undefined properties are left out; null ones are written', () => {
    const json = inventoryToJson(stackInventory('quality', [entry({ owner: null, purpose: undefined as unknown as string })]));
    const written = JSON.parse(json).identities[0];
    expect(written).not.toHaveProperty('purpose');
    expect(written).toHaveProperty('owner', null);
    expect(json).not.toContain('purpose');
  });

  test('exact bytes of an empty inventory', () => {
    expect(inventoryToJson(stackInventory('quality', []))).toBe(
      '{\n  "generator": "cdktf-gitlab-identity",\n  "identities": [],\n  "schemaVersion": 2,\n  "stack": "quality"\n}\n',
    );
  });
});
