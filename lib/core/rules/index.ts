// The policy rules: the catalogue, the credential model they judge, and their Markdown. Re-exports only.
export * from './credential';
export * from './policy-rule';
export * from './check-credential';
export * from './rules-markdown';
export * from './catalogue';
