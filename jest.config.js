/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only (isolatedModules in tsconfig.jest.json): `npm test` type-checks the whole project with tsc first.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  // cdktf's zip library, loaded on first use instead of by every test file (test/support/lazy-archiver.js).
  moduleNameMapper: { '^archiver$': '<rootDir>/test/support/lazy-archiver.js' },
  watchman: false,
  // Every core: jest's default leaves one idle for itself, which on a 2-core CI machine halves the speed.
  maxWorkers: '100%',
  // Tests that synthesize apps or run terraform take seconds on a loaded 2-core machine, not milliseconds.
  testTimeout: 30_000,
  // Every temporary folder of the run under one folder, removed at the end (test/support/temp-root.js).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};
