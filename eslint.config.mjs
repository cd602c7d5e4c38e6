import nx from '@nx/eslint-plugin';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

import services from './deploy/services.json' with { type: 'json' };

// The layers of a service's bounded context (STYLE.md "One service"): apps/<app>/src/<context>/<layer>/.
const LAYERS = ['domain', 'application', 'infrastructure', 'interface'];
const layer = (type) => ({ element: { type } });

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
    // Layer rules inside every service, checked on what each import resolves to (decision 0012). The
    // Nx rule above sees projects; this one sees the folders of one project: a file is an element of
    // its layer (captured: app, context) or, anywhere else in an app, of the app itself.
    files: ['apps/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'boundaries/elements': [
        ...LAYERS.map((type) => ({
          type,
          pattern: `apps/*/src/*/${type}`,
          partialMatch: false,
          capture: ['app', 'context'],
        })),
        { type: 'app', pattern: 'apps/*', partialMatch: false, capture: ['app'] },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: layer('domain'),
              disallow: { to: LAYERS.filter((l) => l !== 'domain').map(layer) },
              message: 'domain/ imports no other layer (here: {{ to.element.type }})',
            },
            {
              from: layer('application'),
              disallow: { to: [layer('infrastructure'), layer('interface')] },
              message: 'application/ depends on ports, never on {{ to.element.type }}/',
            },
            {
              from: { element: { types: ['app', ...LAYERS] } },
              disallow: {
                to: { element: { captured: { app: '!{{ from.element.captured.app }}' } } },
              },
              message: 'apps never import apps (here: {{ to.element.captured.app }})',
            },
          ],
        },
      ],
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
