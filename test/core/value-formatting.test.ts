/**
 * Details of how values appear in messages: an object is called "an object" even when it carries a
 * `constructor` key (parsed JSON does), a value that serializes to nothing is named by its type alone with no
 * trailing space, and a broken invariant in the scope tables fails with a message naming what went wrong.
 */
import { Capability, IdentityKind, formatValue, scopesPerCapability } from '../../lib/core';

describe('formatValue: odd objects', () => {
  test.each<[string, unknown, string]>([
    ['parsed JSON with a "constructor" key is still an object', JSON.parse('{"constructor":"admin"}'), 'an object {"constructor":"admin"}'],
    ['an object whose constructor has a non-string name is an object', Object.create({ constructor: { name: 7 } }) as object, 'an object {}'],
    ['an object that serializes to nothing is named alone', { toJSON: () => undefined }, 'an object'],
  ])('%s', (_, value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  test('a class instance that serializes to nothing is named by its class alone', () => {
    class Secret { public toJSON(): undefined { return undefined; } }
    expect(formatValue(new Secret())).toBe('a Secret');
  });
});

describe('scopesPerCapability: a broken invariant', () => {
  test('deploy-token scopes for a capability that has none fail, naming the capability and the kind', () => {
    expect(() => scopesPerCapability(IdentityKind.PROJECT_DEPLOY_TOKEN, [Capability.API_READ]))
      .toThrow(/api:read .*project-deploy-token/);
  });
});
