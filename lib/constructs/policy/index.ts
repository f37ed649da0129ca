export * from './identity-policy-checks';
export * from './identity-suppressions';
