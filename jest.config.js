// ts-jest ESM preset; run through `npm test` or `npm test -- <file>` (they set
// NODE_OPTIONS=--experimental-vm-modules; the globalSetup says so when it is missing).
/** @type {import('jest').Config} */
export default {
  // Node's, with a temp dir per test file removed when the file ends (no leaked scratch dirs).
  testEnvironment: '<rootDir>/test/support/temp-dir-environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@promote/core$': '<rootDir>/packages/core/src/index.ts',
    '^@promote/core/(.*)$': '<rootDir>/packages/core/src/$1.ts',
    // @actions/workflow-parser imports its schema JSON without `with { type: 'json' }`.
    '^\\.\\./(workflow|action)-v1\\.0\\.min\\.json$':
      '<rootDir>/test/support/workflow-runner/$1-schema-json.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/reliability/full/'],
  testTimeout: 60000,
  // Three test files at a time, whatever the core count: most of a file's time is spent waiting
  // on the processes it starts (bundles, git, PostgreSQL, Chromium), so they overlap well even on
  // the 2-core machine CI uses, where Jest's default (cores - 1) would run them one by one
  // (measured on 2 cores: 610 s with two at a time, 529 s with three).
  maxWorkers: 3,
  // Names missing system programs (PostgreSQL, sqlite3, Chromium, git, jq) before any test runs.
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
};
