/** Token scopes: which values count as scopes, and the canonical (de-duplicated, alphabetical) scope order. */
import { ALL_TOKEN_SCOPES, isTokenScope, sortScopes, TokenScope } from '../../lib/core';

describe('isTokenScope', () => {
  test.each(['api', 'read_repository', 'write_registry', 'sudo'])('%s is a scope', (s) => {
    expect(isTokenScope(s)).toBe(true);
  });
  test.each(['bogus', 'API', 'read_apis', '', 42, null, undefined, ['api'], { api: true }])('%j is not a scope', (v) => {
    expect(isTokenScope(v)).toBe(false);
  });
  test('every listed scope is a scope', () => {
    for (const s of ALL_TOKEN_SCOPES) expect(isTokenScope(s)).toBe(true);
  });
});

describe('sortScopes', () => {
  const alphabetical = [TokenScope.API, TokenScope.READ_API, TokenScope.READ_REPOSITORY, TokenScope.WRITE_REGISTRY, TokenScope.WRITE_REPOSITORY];

  test.each([
    ['reversed', [...alphabetical].reverse()],
    ['shuffled', [TokenScope.WRITE_REGISTRY, TokenScope.API, TokenScope.WRITE_REPOSITORY, TokenScope.READ_REPOSITORY, TokenScope.READ_API]],
    ['shuffled again', [TokenScope.READ_API, TokenScope.WRITE_REPOSITORY, TokenScope.API, TokenScope.WRITE_REGISTRY, TokenScope.READ_REPOSITORY]],
    ['already sorted', alphabetical],
  ])('puts %s scopes in alphabetical order', (_label, input) => {
    expect(sortScopes(input)).toEqual(alphabetical);
  });

  test('drops duplicates', () => {
    expect(sortScopes([TokenScope.WRITE_REPOSITORY, TokenScope.READ_API, TokenScope.WRITE_REPOSITORY, TokenScope.READ_API])).toEqual([
      TokenScope.READ_API, TokenScope.WRITE_REPOSITORY,
    ]);
  });

  test('two scopes out of order are swapped', () => {
    expect(sortScopes([TokenScope.READ_API, TokenScope.API])).toEqual([TokenScope.API, TokenScope.READ_API]);
  });

  test('the result of sorting every scope is in code-unit order, whatever the input order', () => {
    const expected = [...ALL_TOKEN_SCOPES].map(String).sort();
    expect(sortScopes(ALL_TOKEN_SCOPES)).toEqual(expected);
    expect(sortScopes([...ALL_TOKEN_SCOPES].reverse())).toEqual(expected);
  });
});

test('sortScopes puts scopes in alphabetical order whatever order they come in, each once', () => {
  const S = TokenScope;
  expect(sortScopes([S.WRITE_REPOSITORY, S.API, S.READ_API, S.API])).toEqual([S.API, S.READ_API, S.WRITE_REPOSITORY]);
  expect(sortScopes([S.READ_REGISTRY, S.READ_API])).toEqual([S.READ_API, S.READ_REGISTRY]);
  expect(sortScopes([...ALL_TOKEN_SCOPES].reverse())).toEqual([...ALL_TOKEN_SCOPES].sort());
});
