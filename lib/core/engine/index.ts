// The policy engine over Terraform JSON: what the construct layer and the CLI call. Re-exports only.
export { checkApp, sortEngineFindings, stackReports, unmatchedFinding } from './check-app';
export type { EngineFinding, StackInput, StackReport } from './check-app';
export type { IdentityBinding } from './describe-stack';
export { addDeliveries, deliveryIndex, inventoriesFromReports, stackInventoryOf } from './build-inventory';
export type { DeliveryIndex } from './build-inventory';
export { bindingsFromConfig, identityRecord, requestRecord } from './library-metadata';
export { stackNameProblem } from './stack-name';
export { exactNumber, inexactJsonNumber, shortNumber } from './expression/numbers';
export { LOCAL_ONLY_RULES, parseIgnoreComment } from './suppressions';
export type { Suppression } from './suppressions';
export { LIBRARY_COMMENT_KEY, hasExpression } from './terraform-config';
export type { TerraformConfig } from './terraform-config';
export { GRANT_TYPES, OTHER_SECRET_TYPES, SECRET_STORES, SERVICE_ACCOUNT_TYPES, TOKEN_TYPES, VARIABLE_TYPES, objectAttributesOf } from './resource-catalogue';
