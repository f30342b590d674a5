/**
 * Jest: TypeScript tests under test/, transpiled by ts-jest without
 * type-checking (`npm run build` / `npm test` run tsc first). The default
 * platform (main.ts, platform/) imports the library as `cdk8s-platform`, as
 * an organisation's repository does; here that name is the sources in src/.
 * The CEL type checker `@marcbachmann/cel-js` ships ES modules only, so
 * ts-jest also transpiles its files to CommonJS. Child processes the tests
 * start print without colour (test/support/plain-output.js), so a CI runner
 * that sets FORCE_COLOR does not change what they match.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    '^.+/node_modules/@marcbachmann/cel-js/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  moduleNameMapper: {
    '^cdk8s-platform$': '<rootDir>/src/index.ts',
    '^cdk8s-platform/testing$': '<rootDir>/src/testing/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/plain-output.js',
  setupFilesAfterEnv: ['<rootDir>/test/support/remove-scratch-dirs.ts'],
};
