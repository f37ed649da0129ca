/**
 * flattenStrings (lib/core/flat-strings.ts) only reads: a plan passed through it is the same object with the
 * same values, whatever it holds. (What it changes is how V8 stores the strings; bench/ measures that.)
 */
import fc from 'fast-check';
import { Capability, Reach, Runtime, planIdentity } from '../../lib/core';
import { flattenStrings } from '../../lib/core/flat-strings';
import { runs } from '../support/property-runs';

test('any JSON value comes back as the same value, unchanged', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    const before = structuredClone(value);
    return flattenStrings(value) === value && JSON.stringify(value) === JSON.stringify(before);
  }), { numRuns: runs(300) });
});

test('strings built by concatenation read the same after, and frozen plans are left as they are', () => {
  const parts = ['Rule 5 applies: ', 'the reach is ', 'acme/app'];
  const built = parts.reduce((a, b) => `${a}${b}`);
  expect(flattenStrings(built)).toBe('Rule 5 applies: the reach is acme/app');
  const plan = planIdentity({ owner: 'team', purpose: 'reader', runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: [Capability.API_READ] });
  const copy = structuredClone(plan);
  expect(flattenStrings(plan)).toBe(plan);
  expect(plan).toEqual(copy);
  expect(Object.isFrozen(plan) && Object.isFrozen(plan.rationale)).toBe(true);
});

test('nothing but strings, lists and objects is visited: numbers, booleans, null and undefined pass', () => {
  for (const v of [0, -1.5, true, false, null, undefined]) expect(flattenStrings(v)).toBe(v);
  expect(flattenStrings({ a: [1, null, { b: undefined }] })).toEqual({ a: [1, null, { b: undefined }] });
});
