/** Options every jest suite shares: TypeScript through ts-jest, the domain library from source, UTC. */
module.exports.sharedJestOptions = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Transpile only (the tsconfig sets isolatedModules): `npm test` and `npm run test:unit` type-check
  // every project with tsc before any spec runs (scripts/test.js says why not ts-jest's diagnostics).
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@escapement/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@escapement/api$': '<rootDir>/apps/api/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/apps/.*/dist', '<rootDir>/libs/.*/dist'],
  globalSetup: '<rootDir>/test/support/pin-utc.js',
};
