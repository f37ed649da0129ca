/**
 * Typo suggestions (`closest`): how far off a value may be and still get a suggestion, which candidate wins,
 * and when a truncated value is completed instead.
 */
import { closest } from '../../lib/core';

describe('edit-distance suggestions', () => {
  test('a value at the distance limit max(2, floor(length / 3)) still gets a suggestion', () => {
    // 6 characters: limit 2; a transposition costs 2.
    expect(closest('delpoy', ['deploy'])).toBe('deploy');
    // 12 characters: limit 4.
    expect(closest('maxNameLngXX', ['maxNameLength'])).toBe('maxNameLength');
  });

  test('a short value may still be 2 edits away', () => {
    expect(closest('pai', ['api'])).toBe('api');
  });

  test('a value beyond the limit gets none', () => {
    expect(closest('delpoyed', ['read_api'])).toBeUndefined();
    expect(closest('maxNmeLngXXX', ['maxNameLength'])).toBeUndefined();
  });

  test('the last character of the value counts in the distance', () => {
    // 7 characters, limit 2: 'sudokus' is 3 edits from 'sudo'.
    expect(closest('sudokus', ['sudo'])).toBeUndefined();
    expect(closest('reef', ['reed', 'reef'])).toBe('reef');
  });

  test('comparison ignores case', () => {
    expect(closest('READ_APY', ['read_api'])).toBe('read_api');
  });

  test('on a tie, the first of the equally close candidates wins', () => {
    expect(closest('ree', ['reed', 'reef'])).toBe('reed');
    expect(closest('ree', ['reef', 'reed'])).toBe('reef');
  });
});

describe('truncation suggestions', () => {
  test('a truncated value of 4 or more characters is completed to the first option it starts', () => {
    expect(closest('smal', ['maxLifetimeDays', 'smallGroupMaxProjects'])).toBe('smallGroupMaxProjects');
    expect(closest('maxLifetime', ['maxLifetimeDays'])).toBe('maxLifetimeDays');
  });

  test('a truncated value under 4 characters is not completed', () => {
    expect(closest('max', ['maxLifetimeDays'])).toBeUndefined();
  });
});
