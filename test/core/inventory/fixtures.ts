/** Hand-built inventory entries for the core inventory tests: no construct is synthesized. */
import {
  AccessLevel,
  Capability,
  GrantType,
  INVENTORY_SCHEMA_VERSION,
  IdentityKind as K,
  InventoryDelivery,
  InventoryEntry,
  InventoryDiff,
  ReachType,
  RuntimeType,
  StackInventory,
  TokenScope,
  diffInventories,
  isIdentityError,
  parseInventory,
} from '../../../lib/core';

/** The example app's allure entry, narrowed to read_api so that every dimension can go up and down. */
export function entry(overrides: Partial<InventoryEntry> = {}): InventoryEntry {
  return {
    name: 'quality-allure-report',
    source: 'automation-identity',
    kind: K.PROJECT_ACCESS_TOKEN,
    resourceType: null,
    owner: 'quality',
    purpose: 'allure-report',
    runtime: { type: RuntimeType.CI_PIPELINE, sourceProject: 'gitlab-org/gitlab' },
    reach: { type: ReachType.PROJECT, projects: ['gitlab-org/gitlab'] },
    capabilities: [Capability.API_READ],
    grants: [{ type: GrantType.ACCESS_TOKEN, targetType: 'project', target: 'gitlab-org/gitlab', tokenName: 'quality-allure-report', accessLevel: AccessLevel.REPORTER }],
    accessLevel: AccessLevel.REPORTER,
    scopes: [TokenScope.READ_API],
    expiry: 'rotating',
    lifetimeDays: 60,
    rotateBeforeDays: 14,
    deliveries: [{ type: 'project-variable', target: 'gitlab-org/gitlab', key: 'ALLURE_REPORT_TOKEN', environmentScope: '*', protected: true }],
    labels: [],
    decisionRule: 5,
    rationale: ['project-access-token chosen by rule 5: the reach is the single project gitlab-org/gitlab.'],
    findings: [],
    suppressions: [],
    constructPath: 'quality/allure-report',
    users: [],
    copies: 1,
    differsFromPlan: [],
    ...overrides,
  };
}

/** An inventory holding `identities` in exactly the given order (stackInventory would sort them). */
export function inventory(identities: readonly InventoryEntry[], stack = 'quality'): StackInventory {
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, generator: 'cdktf-gitlab-identity', stack, identities };
}


/** The diff between two one-entry inventories of stack `quality`. */
export function diffOf(before: InventoryEntry, after: InventoryEntry): InventoryDiff {
  return diffInventories([inventory([before])], [inventory([after])]);
}

/** Every change the diff between two one-entry inventories of stack `quality` finds. */
export function changesOf(before: InventoryEntry, after: InventoryEntry) {
  return diffOf(before, after).changed.flatMap((c) => c.changes);
}

/** The change of one dimension between two entries, or undefined when that dimension did not change. */
export function changeOf(before: InventoryEntry, after: InventoryEntry, dimension: string) {
  return changesOf(before, after).find((c) => c.dimension === dimension);
}

/** The entry's usual delivery: a protected project variable holding the allure token. */
export function variable(overrides: Partial<InventoryDelivery> = {}): InventoryDelivery {
  return { type: 'project-variable', target: 'gitlab-org/gitlab', key: 'ALLURE_REPORT_TOKEN', environmentScope: '*', protected: true, ...overrides };
}

/** The error parseInventory throws for `text`, as { code, field, message }; fails the test if it accepts it. */
export function parseRejection(text: string, source: string) {
  try {
    parseInventory(text, source);
  } catch (e) {
    if (!isIdentityError(e)) throw e;
    return { code: e.code, field: e.field, message: e.message };
  }
  throw new Error('parseInventory accepted it');
}
