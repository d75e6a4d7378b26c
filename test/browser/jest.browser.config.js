/** Browser specs: the built dashboard in headless Chromium against a real server with the demo organisation. */
const { sharedJestOptions } = require('../../jest.shared');

module.exports = {
  ...sharedJestOptions,
  displayName: 'browser',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/test/browser/**/*.browser.spec.ts'],
  // One server and one browser per file; starting the database and seeding the demo takes a while.
  // Fresh connections for every request a spec makes: no test depends on how long a step took.
  setupFiles: ['<rootDir>/test/support/no-keep-alive.ts'],
  maxWorkers: 1,
  forceExit: true,
  testTimeout: 120_000,
};
