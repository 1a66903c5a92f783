// In CI, every time limit is multiplied by CI_LOAD_FACTOR (see that file).
const { CI_LOAD_FACTOR } = require('./tests/harness/time-limits');
const setupFilesAfterEnv = ['<rootDir>/tests/harness/time-limits.js'];
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

// Both app-booting projects share one Strapi per worker and one compilation per run.
// Jest looks for modules under tests/ only: dist/ holds a second copy of the local plugin's package.json.
const roots = ['<rootDir>/tests'];

const againstTheApp = {
  roots,
  testEnvironment: '<rootDir>/tests/harness/strapi-environment.js',
  globalSetup: '<rootDir>/tests/harness/global-setup.js',
  globalTeardown: '<rootDir>/tests/harness/global-teardown.js',
  setupFilesAfterEnv,
  transform,
};

module.exports = {
  testTimeout: process.env.CI ? 30000 * CI_LOAD_FACTOR : 30000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      testEnvironment: 'node',
      roots,
      setupFilesAfterEnv,
      transform,
    },
    { displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'], ...againstTheApp },
    // What an attacker or a low-privilege admin tries: one probe per finding of the security review.
    { displayName: 'security', testMatch: ['<rootDir>/tests/security/**/*.test.ts'], ...againstTheApp },
    {
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      testEnvironment: 'node',
      roots,
      globalSetup: '<rootDir>/tests/browser/global-setup.js',
      setupFilesAfterEnv,
      transform,
    },
  ],
};
