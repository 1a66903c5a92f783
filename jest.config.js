const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      testEnvironment: '<rootDir>/tests/harness/strapi-environment.js',
      globalSetup: '<rootDir>/tests/harness/global-setup.js',
      globalTeardown: '<rootDir>/tests/harness/global-teardown.js',
      transform,
    },
    {
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/browser/global-setup.js',
      transform,
    },
  ],
};
