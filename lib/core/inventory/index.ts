export * from './inventory';
export * from './inventory-diff';
export * from './inventory-markdown';
export * from './diff-markdown';
export * from './parse-inventory';
