// The cdktf layer: renders core plans as provider resources. Re-exports only.
export * from './automation-identity';
export * from './delivery';
export { resourceAddress } from './resource-address';
export { IdentityStackSupport, STACK_SUPPORT_ID } from './stack-support';
export * from './policy';
