/**
 * What an IdentityError carries besides its message: the construct it was raised in (said once, in front of
 * the message) and a stack that starts at the caller's code, not at the library's own validation.
 */
import { ErrorCode, IdentityError, Reach } from '../../lib/core';
import { framesOf, identityErrorOf } from '../support/identity-error-of';

test('without a construct path the message is the problem alone; with one, the path leads it', () => {
  const bare = new IdentityError(ErrorCode.INVALID_PATH, 'reach.project', '`reach.project` must be a path');
  expect(bare.message).toBe('`reach.project` must be a path');
  expect(bare.constructPath).toBeUndefined();
  const placed = bare.at('team/bot');
  expect(placed.message).toBe('[team/bot] `reach.project` must be a path');
  expect([placed.constructPath, placed.code, placed.field]).toEqual(['team/bot', ErrorCode.INVALID_PATH, 'reach.project']);
});

test('an error already placed keeps its place', () => {
  const placed = new IdentityError(ErrorCode.INVALID_PATH, 'reach.project', 'bad', 'team/bot');
  expect(placed.at('other/place')).toBe(placed);
  expect(placed.message).toBe('[team/bot] bad');
});

test('the stack starts at the caller: no frame of the library\'s own files, the caller\'s frame kept', () => {
  const e = identityErrorOf(() => Reach.project('not a path'));
  const frames = framesOf(e);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((l) => /[\\/]lib[\\/]core[\\/]/.test(l))).toEqual([]);
  expect(frames[0]).toContain('identity-error.test.ts');
  // The message line stays in front of the frames.
  expect((e.stack ?? '').startsWith('IdentityError: ')).toBe(true);
});

test('a message holding the word "at" does not stop the trimming', () => {
  // A stack's first line is the message: only lines that start with "at" are frames.
  const e = identityErrorOf(() => Reach.project('meet at noon'));
  expect(e.message).toContain('meet at noon');
  const frames = framesOf(e);
  expect(frames.filter((l) => /[\\/]lib[\\/]core[\\/]/.test(l))).toEqual([]);
  expect(frames[0]).toContain('identity-error.test.ts');
});
