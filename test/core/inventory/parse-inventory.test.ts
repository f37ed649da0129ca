/**
 * Reading an inventory file back (`parseInventory`): a file a tool could not render or diff is rejected
 * with INVALID_INVENTORY and a message naming the entry, the field, what was expected and what was found
 * ('nothing', 'null', 'an array', or the JSON type). Fields that may be null (role, runtime, reach,
 * lifetime days) accept null, and fields the tools do not read may be left out.
 */
import { ErrorCode, InventoryEntry, RuntimeType, inventoryToJson, parseInventory, stackInventory } from '../../../lib/core';
import { entry, parseRejection } from './fixtures';

const SOURCE = 'old/identity-inventory.json';

/** The text of a valid one-entry inventory whose entry is `e` (after a JSON round trip). */
const fileWith = (e: Record<string, unknown>) => {
  const data = JSON.parse(inventoryToJson(stackInventory('quality', [entry()]))) as { identities: unknown[] };
  data.identities = [e];
  return JSON.stringify(data);
};
const withField = (field: string, value: unknown) => {
  const e: Record<string, unknown> = JSON.parse(JSON.stringify(entry()));
  if (value === undefined) delete e[field];
  else e[field] = value;
  return fileWith(e);
};
const withIdentities = (identities: unknown) => {
  const data = JSON.parse(inventoryToJson(stackInventory('quality', [entry()]))) as { identities: unknown };
  data.identities = identities;
  return JSON.stringify(data);
};

const rejection = (text: string) => parseRejection(text, SOURCE);
const problem = (text: string) => rejection(text).message.replace(`${SOURCE}: `, '');

describe('an invalid entry field is named, with what was expected and what was found', () => {
  test.each<[string, unknown, string]>([
    // What was found, for each kind of JSON value.
    ['name', undefined, 'identities[0].name must be a string, got nothing'],
    ['name', null, 'identities[0].name must be a string, got null'],
    ['name', ['quality-allure-report'], 'identities[0].name must be a string, got an array'],
    ['name', 42, 'identities[0].name must be a string, got number'],
    ['name', { value: 'quality-allure-report' }, 'identities[0].name must be a string, got object'],
    ['name', true, 'identities[0].name must be a string, got boolean'],
    ['expiry', 60, 'identities[0].expiry must be a string, got number'],
    ['constructPath', null, 'identities[0].constructPath must be a string, got null'],
    // Fields that may be null still need the right type when they are not.
    ['accessLevel', 30, 'identities[0].accessLevel must be a string or null, got number'],
    ['accessLevel', undefined, 'identities[0].accessLevel must be a string or null, got nothing'],
    ['lifetimeDays', '60', 'identities[0].lifetimeDays must be a number or null, got string'],
    ['rotateBeforeDays', '14', 'identities[0].rotateBeforeDays must be a number or null, got string'],
    ['rotateBeforeDays', undefined, 'identities[0].rotateBeforeDays must be a number or null, got nothing'],
    ['runtime', 'ci-pipeline', 'identities[0].runtime must be an object or null, got string'],
    ['runtime', [{ type: 'ci-pipeline' }], 'identities[0].runtime must be an object or null, got an array'],
    ['runtime', undefined, 'identities[0].runtime must be an object or null, got nothing'],
    ['reach', 'project', 'identities[0].reach must be an object or null, got string'],
    ['reach', ['gitlab-org/gitlab'], 'identities[0].reach must be an object or null, got an array'],
    // Lists.
    ['scopes', 'read_api', 'identities[0].scopes must be an array, got string'],
    ['capabilities', null, 'identities[0].capabilities must be an array, got null'],
    ['labels', {}, 'identities[0].labels must be an array, got object'],
    ['rationale', 'chosen by rule 5', 'identities[0].rationale must be an array, got string'],
  ])('%s = %j: "%s"', (field, value, message) => {
    expect(rejection(withField(field, value))).toEqual({ code: ErrorCode.INVALID_INVENTORY, field: 'inventory', message: `${SOURCE}: ${message}` });
  });
});

describe('lists of objects (grants, deliveries, findings, suppressions) must hold only objects', () => {
  const FIELDS = ['grants', 'deliveries', 'findings', 'suppressions'];

  test.each(FIELDS)('%s as a single object (not wrapped in an array) is rejected', (field) => {
    const value = field === 'grants' ? entry().grants[0] : { id: 'GLID-014', reason: 'merge-request pipelines', scope: 'quality' };
    expect(problem(withField(field, value))).toBe(`identities[0].${field} must be an array of objects, got object`);
  });

  test.each(FIELDS.flatMap((field) => [
    [field, 'a null item', [null]],
    [field, 'a string item', ['gitlab-org/gitlab']],
    [field, 'a number item', [1]],
    [field, 'an array item (a nested list)', [[]]],
    [field, 'a bad item after a good one', [{ ruleId: 'GLID-001' }, null]],
  ] as [string, string, unknown[]][]))('%s with %s is rejected', (field, _, value) => {
    expect(problem(withField(field, value))).toBe(`identities[0].${field} must be an array of objects, got an array`);
  });

  test.each(FIELDS)('%s as an empty list is accepted', (field) => {
    expect(parseInventory(withField(field, []), SOURCE).identities[0]).toHaveProperty(field, []);
  });
});

describe('null and absent optional fields are accepted', () => {
  test('null role, runtime, reach and lifetime days (a job token or a hand-written credential)', () => {
    const e = entry({ accessLevel: null, runtime: null, reach: null, expiry: 'never', lifetimeDays: null, rotateBeforeDays: null });
    const parsed = parseInventory(fileWith(JSON.parse(JSON.stringify(e))), SOURCE);
    expect(parsed.identities[0]).toEqual(e);
  });

  test.each<[string, unknown]>([
    ['accessLevel', null],
    ['runtime', null],
    ['reach', null],
    ['lifetimeDays', null],
    ['rotateBeforeDays', null],
  ])('%s: %j', (field, value) => {
    expect(parseInventory(withField(field, value), SOURCE).identities[0]).toHaveProperty(field, value);
  });

  test.each(['resourceType', 'owner', 'purpose', 'decisionRule'])('%s left out (the tools do not read it)', (field) => {
    expect(parseInventory(withField(field, undefined), SOURCE).identities[0]).not.toHaveProperty(field);
  });

  test('an inventory with no identities (an empty stack)', () => {
    expect(parseInventory(withIdentities([]), SOURCE)).toEqual({ schemaVersion: 2, generator: 'cdktf-gitlab-identity', stack: 'quality', identities: [] });
  });

  test('the parsed inventory is the file, untouched', () => {
    const e: InventoryEntry = entry({ runtime: { type: RuntimeType.EXTERNAL }, labels: ['automation:bot-authored'] });
    const text = inventoryToJson(stackInventory('quality', [e]));
    expect(parseInventory(text, SOURCE)).toEqual(JSON.parse(text));
  });
});

describe('an entry that is not an object is named by its index', () => {
  test.each<[string, unknown]>([
    ['a list', ['quality-allure-report']],
    ['an empty list', []],
    ['a string', 'quality-allure-report'],
    ['a number', 7],
    ['null', null],
  ])('%s', (_, value) => {
    expect(problem(withIdentities([JSON.parse(JSON.stringify(entry())), value]))).toBe('identities[1] is not an object');
  });

  test('the first bad entry is the one reported', () => {
    const noName: Record<string, unknown> = JSON.parse(JSON.stringify(entry()));
    delete noName.name;
    expect(problem(withIdentities([JSON.parse(JSON.stringify(entry())), noName, []]))).toBe('identities[1].name must be a string, got nothing');
  });
});
