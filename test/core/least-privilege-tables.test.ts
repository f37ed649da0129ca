/**
 * Per capability: the scopes and role the library emits, for each token family. These pin DESIGN.md §4's
 * tables; a change here is a change to what every user's Terraform grants.
 */
import {
  ALL_CAPABILITIES,
  ALL_IDENTITY_KINDS,
  AccessLevel as L,
  Capability as C,
  IdentityKind as K,
  Reach,
  Runtime,
  SCOPES_ALLOWED_FOR_KIND,
  TokenScope as S,
  minimizeScopes,
  planIdentity,
  requiredAccessLevel,
  scopesCover,
  scopesFor,
} from '../../lib/core';
import { describeDeployTokenWrites } from '../../lib/core/deploy-token-writes';
import { mentioningPattern } from '../support/mentioning';

const perCapability: [C, L, S[], S[] | null][] = [
  // capability, role, access/personal/service-account token scopes, deploy token scopes (null: impossible)
  [C.REPOSITORY_READ, L.REPORTER, [S.READ_REPOSITORY], [S.READ_REPOSITORY]],
  [C.REPOSITORY_WRITE, L.DEVELOPER, [S.WRITE_REPOSITORY], null],
  [C.CONTAINER_REGISTRY_READ, L.REPORTER, [S.READ_REGISTRY], [S.READ_REGISTRY]],
  [C.CONTAINER_REGISTRY_WRITE, L.DEVELOPER, [S.READ_REGISTRY, S.WRITE_REGISTRY], [S.READ_REGISTRY, S.WRITE_REGISTRY]],
  [C.PACKAGE_REGISTRY_READ, L.REPORTER, [S.READ_API], [S.READ_PACKAGE_REGISTRY]],
  [C.PACKAGE_REGISTRY_WRITE, L.DEVELOPER, [S.API], [S.READ_PACKAGE_REGISTRY, S.WRITE_PACKAGE_REGISTRY]],
  [C.JOB_ARTIFACTS_READ, L.REPORTER, [S.READ_API], null],
  [C.RELEASES_WRITE, L.DEVELOPER, [S.API], null],
  [C.DEPLOYMENTS_WRITE, L.DEVELOPER, [S.API], null],
  [C.PIPELINE_TRIGGER, L.DEVELOPER, [S.API], null],
  [C.API_READ, L.REPORTER, [S.READ_API], null],
  [C.API_TRIAGE, L.REPORTER, [S.API], null],
  [C.API_WRITE, L.DEVELOPER, [S.API], null],
  [C.API_MAINTAIN, L.MAINTAINER, [S.API], null],
  [C.TOKENS_MANAGE, L.MAINTAINER, [S.API], null],
];

test('the table covers every capability exactly once', () => {
  expect(perCapability.map(([c]) => c).sort()).toEqual([...ALL_CAPABILITIES].sort());
});

describe.each(perCapability)('%s', (capability, role, tokenScopes, deployScopes) => {
  test(`needs role ${role}`, () => {
    expect(requiredAccessLevel([capability]).level).toBe(role);
  });

  test.each([K.PROJECT_ACCESS_TOKEN, K.GROUP_ACCESS_TOKEN, K.SERVICE_ACCOUNT, K.PERSONAL_ACCESS_TOKEN])(`on a %s: ${tokenScopes.join('+')}`, (kind) => {
    expect(scopesFor(kind, [capability])).toEqual(tokenScopes);
  });

  if (deployScopes) {
    test.each([K.PROJECT_DEPLOY_TOKEN, K.GROUP_DEPLOY_TOKEN])(`on a %s: ${deployScopes.join('+')}`, (kind) => {
      expect(scopesFor(kind, [capability])).toEqual(deployScopes);
    });
  } else {
    test('is impossible for a deploy token, so a deploy token is never chosen for it', () => {
      const p = planIdentity({ owner: 't', purpose: 'p', runtime: Runtime.external(), reach: Reach.project('g/p'), capabilities: [capability] });
      expect([K.PROJECT_DEPLOY_TOKEN, K.GROUP_DEPLOY_TOKEN]).not.toContain(p.kind);
    });
  }

  test('a planned single-project identity emits exactly the tabled scopes and role', () => {
    const p = planIdentity({ owner: 't', purpose: 'p', runtime: Runtime.external(), reach: Reach.project('g/p'), capabilities: [capability] });
    if (p.kind === K.PROJECT_ACCESS_TOKEN || p.kind === K.SERVICE_ACCOUNT) {
      expect(p.scopes).toEqual(tokenScopes);
      expect(p.accessLevel).toBe(role);
    } else {
      expect(p.scopes).toEqual(deployScopes ?? []);
      expect(p.accessLevel).toBeUndefined();
    }
  });
});

describe('scope minimization', () => {
  test('api subsumes read_api', () => {
    expect(scopesFor(K.PROJECT_ACCESS_TOKEN, [C.API_READ, C.API_WRITE])).toEqual([S.API]);
  });
  test('write_repository subsumes read_repository', () => {
    expect(scopesFor(K.SERVICE_ACCOUNT, [C.REPOSITORY_READ, C.REPOSITORY_WRITE])).toEqual([S.WRITE_REPOSITORY]);
  });
  test('registry scopes do not subsume each other: pushing needs both', () => {
    expect(minimizeScopes([S.WRITE_REGISTRY, S.READ_REGISTRY])).toEqual([S.READ_REGISTRY, S.WRITE_REGISTRY]);
  });
  test('result is sorted alphabetically whatever the input order', () => {
    expect(scopesFor(K.PROJECT_ACCESS_TOKEN, [C.REPOSITORY_WRITE, C.CONTAINER_REGISTRY_WRITE, C.API_WRITE])).toEqual([
      S.API, S.READ_REGISTRY, S.WRITE_REGISTRY, S.WRITE_REPOSITORY,
    ]);
  });
  test('scopesCover understands subsumption, and not the reverse', () => {
    expect(scopesCover([S.API], [S.READ_API])).toBe(true);
    expect(scopesCover([S.READ_API], [S.API])).toBe(false);
    expect(scopesCover([S.WRITE_REGISTRY], [S.READ_REGISTRY])).toBe(false);
  });
  test('job and trigger tokens have no scopes', () => {
    expect(scopesFor(K.CI_JOB_TOKEN, [C.REPOSITORY_READ])).toEqual([]);
    expect(scopesFor(K.PIPELINE_TRIGGER_TOKEN, [C.PIPELINE_TRIGGER])).toEqual([]);
  });
});

describe('scopes accepted per kind (provider 18.6.1, gitlab-facts.md §1.3)', () => {
  test('project tokens cannot carry virtual-registry scopes; group tokens can', () => {
    expect(SCOPES_ALLOWED_FOR_KIND[K.PROJECT_ACCESS_TOKEN].has(S.READ_VIRTUAL_REGISTRY)).toBe(false);
    expect(SCOPES_ALLOWED_FOR_KIND[K.GROUP_ACCESS_TOKEN].has(S.READ_VIRTUAL_REGISTRY)).toBe(true);
  });
  test('read_user exists only on personal tokens (a bot user\'s, or a group or instance service account\'s)', () => {
    const withReadUser = ALL_IDENTITY_KINDS.filter((k) => SCOPES_ALLOWED_FOR_KIND[k].has(S.READ_USER));
    expect(withReadUser.sort()).toEqual([K.PERSONAL_ACCESS_TOKEN, K.SERVICE_ACCOUNT, K.INSTANCE_SERVICE_ACCOUNT].sort());
  });
  test('deploy tokens accept only repository and registry scopes', () => {
    expect([...SCOPES_ALLOWED_FOR_KIND[K.PROJECT_DEPLOY_TOKEN]].sort()).toEqual([
      S.READ_PACKAGE_REGISTRY, S.READ_REGISTRY, S.READ_REPOSITORY, S.READ_VIRTUAL_REGISTRY,
      S.WRITE_PACKAGE_REGISTRY, S.WRITE_REGISTRY, S.WRITE_VIRTUAL_REGISTRY,
    ]);
  });
  test('every scope the tables can emit is accepted by the kind it is emitted for', () => {
    for (const kind of ALL_IDENTITY_KINDS) {
      for (const c of ALL_CAPABILITIES) {
        let scopes: S[];
        try {
          scopes = scopesFor(kind, [c]);
        } catch {
          continue; // a deploy token for a capability it cannot do: never chosen by the rules
        }
        for (const s of scopes) expect([kind, s, SCOPES_ALLOWED_FOR_KIND[kind].has(s)]).toEqual([kind, s, true]);
      }
    }
  });
});

test('describeDeployTokenWrites names each write scope in words, joined as a sentence', () => {
  expect(describeDeployTokenWrites(['read_repository'])).toBeUndefined();
  const one = describeDeployTokenWrites(['write_registry']) as string;
  expect(one).toMatch(mentioningPattern('push container images', '(write_registry)'));
  expect(one).not.toContain(' and ');
  const two = describeDeployTokenWrites(['write_registry', 'write_package_registry']) as string;
  expect(two).toMatch(/\(write_registry\) and .*\(write_package_registry\)$/);
  expect(two).toMatch(mentioningPattern('push container images', 'publish packages'));
});
