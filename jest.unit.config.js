/** Unit specs sit beside the code they test, in libs/ and apps/. */
const { sharedJestOptions } = require('./jest.shared');

module.exports = {
  ...sharedJestOptions,
  displayName: 'unit',
  roots: ['<rootDir>/libs', '<rootDir>/apps'],
  testMatch: ['**/src/**/*.spec.ts'],
};
