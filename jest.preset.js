// Shared Jest settings: SWC compiles TypeScript with decorator metadata (what NestJS DI needs), and
// @sportclub/* imports resolve to the libraries' sources, so tests never need a prior build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(ts|js)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // jose ships ES modules only; SWC turns them into CommonJS for Jest's module system.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@sportclub/([a-z-]+)$': path.join(__dirname, 'libs/$1/src/index.ts'),
    // A library's test kit (e.g. @sportclub/saga/testing), for tests only.
    '^@sportclub/([a-z-]+)/testing$': path.join(__dirname, 'libs/$1/src/testing/index.ts'),
  },
};

// One Jest config per project with the three tiers as Jest projects, selected with --selectProjects:
// unit specs sit beside the code; integration and e2e specs live under test/ and use real infrastructure.
module.exports.tiers = (projectDir) => {
  const base = { ...module.exports, rootDir: projectDir };
  delete base.tiers;
  return {
    projects: [
      { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
      {
        ...base,
        displayName: 'integration',
        testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
        setupFilesAfterEnv: [path.join(__dirname, 'jest.slow-setup.js')],
      },
      {
        ...base,
        displayName: 'e2e',
        testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
        setupFilesAfterEnv: [path.join(__dirname, 'jest.slow-setup.js')],
      },
    ],
  };
};
