/**
 * `cdktf-gitlab-identity/core`: the public API of the decision core, named one by one. What is not here
 * (the decision rules' machinery, the engine over Terraform JSON, validation helpers, error factories) is
 * internal and may change in any release. CONTRIBUTING.md says how the layers fit; lib/core/index.ts is the
 * library's own barrel, not a package entry point.
 */

// Declaring an automation and planning its identity.
export { planIdentity, MAX_DESCRIPTION_LENGTH } from './plan-identity';
export type { IdentityPlan } from './plan-identity';
export type { IdentityRequest } from './identity-request';
export { Capability, ALL_CAPABILITIES } from './capability';
export { AccessLevel, ALL_ACCESS_LEVELS } from './access-level';
export { Reach, ReachType } from './reach';
export type { ReachDescription, GroupReachOptions } from './reach';
export { Runtime, RuntimeType } from './runtime';
export type { RuntimeDescription } from './runtime';
export { IdentityKind, ALL_IDENTITY_KINDS } from './identity-kind';
export { TokenScope, ALL_TOKEN_SCOPES } from './token-scope';
export { GrantType } from './grants';
export type { Grant } from './grants';

// Policy and platform.
export { DEFAULT_POLICY } from './policy';
export type { IdentityPolicy } from './policy';
export type { Offering, Tier, PlatformInput } from './platform';
export { KIND_AVAILABILITY, FEATURE_GATES } from './platform';

// The tables a reviewer audits (read-only).
export {
  ACCESS_TOKEN_SCOPES, DEPLOY_TOKEN_SCOPES, CAPABILITY_ACCESS_LEVEL, JOB_TOKEN_ELIGIBLE, SCOPES_ALLOWED_FOR_KIND, ADMIN_SCOPES,
  GITLAB_MAX_LIFETIME_DAYS, BOT_AUTHORED_LABEL,
} from './least-privilege-tables';
export { REPLACEMENT_ATTRIBUTES } from './replacement-attributes';

// Findings, rules and errors.
export type { Finding, FindingLevel } from './findings';
export { POLICY_RULES, policyRule } from './rules/catalogue';
export type { PolicyRule } from './rules/policy-rule';
export { IdentityError, ErrorCode, isIdentityError } from './errors';

// Overlapping slots and the rotation simulator.
export type { OverlapPlan } from './overlap';
export { simulateRotation, overlapGraceDays, tolerableGapDays } from './rotation-model';
export type { RotationScenario, RotationRun, Switch } from './rotation-model';

// The inventory and its review diff.
export {
  INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, INVENTORY_SCHEMA_VERSION, parseInventory, inventoryToJson, inventoryToMarkdown, diffInventories,
  diffToMarkdown, isEmptyDiff,
} from './inventory';
export type {
  StackInventory, InventoryEntry, InventoryDelivery, InventoryFinding, InventorySuppression, InventoryOverlap, ExpiryMode, InventoryDiff,
  Change, ChangedIdentity, Dimension,
} from './inventory';
