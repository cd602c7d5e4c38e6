import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

import services from './deploy/services.json' with { type: 'json' };

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.cache/**',
      '.nx/**',
      'coverage/**',
      '**/jest.config.js',
      'jest.*.js',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    // Test fixtures that run as child processes over the built libraries are plain CommonJS.
    files: ['**/test/fixtures/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // Layering is enforced, not just declared: apps never import apps, contracts import nothing but
      // utilities, testing helpers are for tests only.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'],
            },
            // A library's own tests may use the testing lib; its sources may not (no-restricted-imports below).
            {
              sourceTag: 'type:lib',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'],
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            // Design-time tooling (AsyncAPI, the schema lock): nothing above lists it, so no app or runtime
            // library can import it; it reads the contracts.
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...Object.keys(services).map((s) => ({
              sourceTag: `scope:${s}`,
              onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'],
            })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    // A library's `testing` entry (e.g. the saga test kit) is test code too.
    ignores: ['**/*.spec.ts', 'libs/testing/**', 'libs/*/src/testing/**'],
    // Production code never reaches for test helpers; specs and test/ folders may.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@sportclub/testing', message: 'test-only library' }],
          patterns: [
            { regex: '^@sportclub/[a-z-]+/testing$', message: "a library's test kit, for tests only" },
          ],
        },
      ],
    },
  },
);
