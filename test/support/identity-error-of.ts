import { IdentityError, isIdentityError } from '../../lib/core';

/** The IdentityError `fn` throws. Anything else it throws is thrown again; throwing nothing fails the test. */
export function identityErrorOf(fn: () => unknown): IdentityError {
  try {
    fn();
  } catch (e) {
    if (isIdentityError(e)) return e;
    throw e;
  }
  throw new Error('expected an IdentityError, but nothing was thrown');
}

/** The frames of an error's stack (the lines that start with "at"), without its message. */
export function framesOf(e: { stack?: string }): string[] {
  return (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
}
