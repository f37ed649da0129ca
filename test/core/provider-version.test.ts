/** Terraform version constraints, as GLID-020 reads them. */
import { lowestAllowedBelow, parseConstraint } from '../../lib/core';

const lowest = (constraint: string) => {
  const conditions = parseConstraint(constraint);
  if (conditions === undefined) throw new Error(`not a constraint: ${constraint}`);
  return lowestAllowedBelow(conditions, [18, 8, 1])?.join('.');
};

test.each([
  ['18.6.1', '18.6.1'],
  ['= 18.6.1', '18.6.1'],
  ['v18.7', '18.7.0'],
  ['~> 18.6', '18.6.0'],
  ['~> 18.6.1', '18.6.1'],
  ['~> 18', '18.0.0'],
  ['>= 18.0, < 18.8', '18.0.0'],
  ['>= 18.0, != 18.0.0', '18.0.1'],
  ['> 18.7.9', '18.7.10'],
  ['<= 17', '0.0.0'],
  ['>= 18.7.0-beta1', '18.7.0'],
  // Each operator at its edge: an excluded version below it, an equal one, and candidates in any order.
  ['< 18.8, != 18.0.0', '0.0.0'],
  ['>= 18.7.9, > 18.7.9', '18.7.10'],
  ['>= 18.0, <= 18.0', '18.0.0'],
  ['!= 18.5.0, >= 18.2', '18.2.0'],
  ['~> 18.6, >= 18.7', '18.7.0'],
])('%s allows %s below 18.8.1', (constraint, expected) => {
  expect(lowest(constraint)).toBe(expected);
});

test.each(['>= 18.8.1', '18.8.1', '~> 18.8.1', '~> 19.0', '> 18.8.0', '>= 18.8.0, != 18.8.0', '>= 18.0, >= 18.9',
  // `~> 18.6.1` stays below 18.7; `< 18.0` excludes 18.0 itself.
  '~> 18.6.1, >= 18.7', '>= 18.0, < 18.0'])('%s allows nothing below 18.8.1', (constraint) => {
  expect(lowest(constraint)).toBeUndefined();
});

test('a pre-release of a fixed release is read as that release', () => {
  expect(lowest('>= 18.9.0-beta1')).toBeUndefined();
});

test.each(['latest', '>= x', '18.8.1.2', '', '>=18.8.1,'])('%j is not a constraint', (constraint) => {
  expect(parseConstraint(constraint)).toBeUndefined();
});
