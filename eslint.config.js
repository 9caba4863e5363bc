import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The server imports no client app: it serves their builds. */
const NO_CLIENT_APPS = [
  {
    group: ['**/apps/widget/**', '**/apps/console/**', '@parley/widget', '@parley/console'],
    message: 'The server imports no client app; it serves their builds.',
  },
];
/** Modules that do I/O, which domain/ never imports. */
const IO_MODULES = [
  'kysely',
  'pg',
  'better-sqlite3',
  'ioredis',
  'node:fs',
  'node:net',
  'node:http',
];

/** Kysely's query and transaction builders, which only storage/ calls. */
const QUERY_BUILDERS = [
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
  'transaction',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '.test-data/**', '.e2e-artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['apps/widget/**', 'apps/console/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // No app imports another app; they share only @parley/protocol.
  {
    files: ['apps/server/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: NO_CLIENT_APPS }] },
  },
  {
    files: ['apps/widget/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/console/**', '**/server/**'],
              message: 'The widget imports no other app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/widget/**', '**/server/**'],
              message: 'The console imports no other app.',
            },
          ],
        },
      ],
    },
  },
  // Layers of the server (docs/architecture.md). These replace the server-wide rule above for
  // their folders, so they repeat NO_CLIENT_APPS.
  {
    files: ['apps/server/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NO_CLIENT_APPS,
            {
              group: [
                '**/storage/**',
                '**/services/**',
                '**/ports/**',
                '**/http/**',
                '**/gateway/**',
              ],
              message: 'domain/ holds rules without I/O: it imports no other server layer.',
            },
          ],
          paths: IO_MODULES.map((name) => ({ name, message: 'domain/ holds rules without I/O.' })),
        },
      ],
    },
  },
  {
    files: ['apps/server/src/http/**/*.ts', 'apps/server/src/gateway/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NO_CLIENT_APPS,
            {
              group: ['**/storage/**'],
              message:
                'Routes and socket handlers call services; records have domain names (domain/records.ts).',
            },
          ],
          paths: [
            { name: 'kysely', message: 'Routes and socket handlers call services, not SQL.' },
          ],
        },
      ],
    },
  },
  // Services run use cases over repository functions: only storage/ builds queries.
  {
    files: ['apps/server/src/services/**/*.ts', 'apps/server/src/app.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: NO_CLIENT_APPS,
          paths: [
            {
              name: 'kysely',
              message: 'Only storage/ builds queries: call a repository function there.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[property.name=/^(${QUERY_BUILDERS.join('|')})$/]`,
          message: 'Only storage/ builds queries: call a repository function there.',
        },
      ],
    },
  },
  // Sizes a reader can hold in their head (tests and test support excluded).
  {
    files: ['apps/*/src/**/*.{ts,tsx}', 'packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'apps/server/src/test/**'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Loaded with `node -r` into the processes the bench measures, which needs CommonJS.
    files: ['bench/preload.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
