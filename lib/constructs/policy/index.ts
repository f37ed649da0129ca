export * from './identity-policy-checks';
export * from './identity-suppressions';
export { describeCredential, referencesToken, TOKEN_RESOURCE_TYPES } from './describe-credential';
