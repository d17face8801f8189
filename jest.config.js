/** Unit tests (mocks only) and integration tests (real PostgreSQL, Temporal and SMTP). */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const moduleNameMapper = {
  '^@dondoc/workflows$': '<rootDir>/workflows',
  '^@dondoc/workflows/(.*)$': '<rootDir>/workflows/$1',
  '^@dondoc/([^/]+)$': '<rootDir>/libs/$1/src',
};

const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows}/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup-unit.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.workflow-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 120_000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
