/**
 * `cdktf-gitlab-identity`: the public API, named one by one: the decision core's (lib/core/public.ts) and the
 * constructs. Anything else is internal and may change in any release.
 */
export * from './core/public';
export { AutomationIdentity } from './constructs/automation-identity';
export type { AutomationIdentityProps, NotifyExpiryOptions } from './constructs/automation-identity';
export { Delivery, DeliveryTargetType } from './constructs/delivery';
export type { CiVariableDeliveryOptions, GroupVariableDeliveryOptions } from './constructs/delivery';
export { IdentityPolicyChecks } from './constructs/policy/identity-policy-checks';
export type { IdentityPolicyChecksProps, RecordedFinding, RecordedSuppressionRef } from './constructs/policy/identity-policy-checks';
export { IdentitySuppressions, MIN_REASON_LENGTH } from './constructs/policy/identity-suppressions';
export type { IdentitySuppression, RecordedSuppression } from './constructs/policy/identity-suppressions';
export { resourceAddress } from './constructs/resource-address';
