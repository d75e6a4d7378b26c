/** End-to-end specs: the real app over HTTP against a real database, one spec file at a time. */
const { sharedJestOptions } = require('../../jest.shared');

module.exports = {
  ...sharedJestOptions,
  displayName: `e2e:${process.env.ESCAPEMENT_TEST_DB === 'postgres' ? 'postgres' : 'embedded'}`,
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/database.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/database.global-teardown.ts',
  // Fresh connections for every request a spec makes: no test depends on how long a step took.
  setupFiles: ['<rootDir>/test/support/no-keep-alive.ts'],
  maxWorkers: 1,
  forceExit: true,
  // Generous: specs that start servers and run the CLI take several times longer on a loaded machine.
  testTimeout: 180_000,
};
