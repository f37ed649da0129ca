/**
 * Reading an inventory file back (`parseInventory`): a file a tool could not render or diff is rejected
 * with INVALID_INVENTORY and a message naming the entry, the field, what was expected and what was found
 * ('nothing', 'null', 'an array', or the JSON type). Fields that may be null (role, runtime, reach,
 * lifetime days) accept null, and fields the tools do not read may be left out.
 */
import { ErrorCode, InventoryEntry, RuntimeType, inventoryToJson, parseInventory, stackInventory } from '../../../lib/core';
import { entry, parseRejection } from './fixtures';
import { mentioning } from '../../support/mentioning';

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

/** INVALID_INVENTORY on `inventory`, whose message names the file and holds `parts`, in any wording. */
const rejectedWith = (...parts: string[]) => ({ code: ErrorCode.INVALID_INVENTORY, field: 'inventory', message: mentioning(SOURCE, ...parts) });

describe('an invalid entry field is named, with what was expected and what was found', () => {
  test.each<[string, unknown, string[], string]>([
    // What was found, for each kind of JSON value.
    ['name', undefined, ['string'], 'nothing'],
    ['name', null, ['string'], 'null'],
    ['name', ['quality-allure-report'], ['string'], 'array'],
    ['name', 42, ['string'], 'number'],
    ['name', { value: 'quality-allure-report' }, ['string'], 'object'],
    ['name', true, ['string'], 'boolean'],
    ['expiry', 60, ['string'], 'number'],
    ['constructPath', null, ['string'], 'null'],
    // Fields that may be null still need the right type when they are not.
    ['accessLevel', 30, ['string', 'null'], 'number'],
    ['accessLevel', undefined, ['string', 'null'], 'nothing'],
    ['lifetimeDays', '60', ['number', 'null'], 'string'],
    ['rotateBeforeDays', '14', ['number', 'null'], 'string'],
    ['rotateBeforeDays', undefined, ['number', 'null'], 'nothing'],
    ['runtime', 'ci-pipeline', ['object', 'null'], 'string'],
    ['runtime', [{ type: 'ci-pipeline' }], ['object', 'null'], 'array'],
    ['runtime', undefined, ['object', 'null'], 'nothing'],
    ['reach', 'project', ['object', 'null'], 'string'],
    ['reach', ['gitlab-org/gitlab'], ['object', 'null'], 'array'],
    // Lists.
    ['scopes', 'read_api', ['array'], 'string'],
    ['capabilities', null, ['array'], 'null'],
    ['labels', {}, ['array'], 'object'],
    ['rationale', 'chosen by rule 5', ['array'], 'string'],
  ])('%s = %j: expected %j, found %s', (field, value, expected, found) => {
    expect(rejection(withField(field, value))).toEqual(rejectedWith(`identities[0].${field}`, ...expected, found));
  });
});

describe('lists of objects (grants, deliveries, findings, suppressions) must hold only objects', () => {
  const FIELDS = ['grants', 'deliveries', 'findings', 'suppressions'];

  test.each(FIELDS)('%s as a single object (not wrapped in an array) is rejected', (field) => {
    const value = field === 'grants' ? entry().grants[0] : { id: 'GLID-014', reason: 'merge-request pipelines', scope: 'quality' };
    // Expected: an array of objects; found: an object ('object' once more than 'objects' gives it).
    expect(rejection(withField(field, value))).toEqual(rejectedWith(`identities[0].${field}`, 'array', 'objects', 'object'));
  });

  test.each(FIELDS.flatMap((field) => [
    [field, 'a null item', [null]],
    [field, 'a string item', ['gitlab-org/gitlab']],
    [field, 'a number item', [1]],
    [field, 'an array item (a nested list)', [[]]],
    [field, 'a bad item after a good one', [{ ruleId: 'GLID-001' }, null]],
  ] as [string, string, unknown[]][]))('%s with %s is rejected', (field, _, value) => {
    // Expected: an array of objects; found: an array ('array' once more than the expected one gives it).
    expect(rejection(withField(field, value))).toEqual(rejectedWith(`identities[0].${field}`, 'array', 'objects', 'array'));
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
    expect(rejection(withIdentities([JSON.parse(JSON.stringify(entry())), value]))).toEqual(rejectedWith('identities[1]', 'object'));
  });

  test('the first bad entry is the one reported', () => {
    const noName: Record<string, unknown> = JSON.parse(JSON.stringify(entry()));
    delete noName.name;
    expect(rejection(withIdentities([JSON.parse(JSON.stringify(entry())), noName, []]))).toEqual(rejectedWith('identities[1].name', 'string', 'nothing'));
  });
});
