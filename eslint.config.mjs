// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.vscode-test/**',
      'node_modules/**',
      'test/fixtures/**',
      'test/realworld/repro/**',
      'demo/**',
      'test-artifacts/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // House style: a type and a same-name namespace of its helpers (e.g. `Logger.silent`).
      '@typescript-eslint/no-namespace': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line'],
      'no-console': 'error',
    },
  },
  {
    // The core is plain TypeScript so it runs in Node, the CLI and unit tests: no `vscode`.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not depend on the vscode API; adapt in src/features.' },
          ],
        },
      ],
    },
  },
  {
    // A test left exclusive or skipped narrows the run silently; mocha's forbidOnly and
    // forbidPending fail it at run time, this names the line before that.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'context', 'suite', 'it', 'specify', 'test'].flatMap((object) =>
          ['only', 'skip'].map((property) => ({
            object,
            property,
            message: `${object}.${property} narrows the run: remove it (npm test fails on .only and pending tests).`,
          })),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.type='ThisExpression'][callee.property.name='skip']",
          message:
            'this.skip() makes a pending test, which fails npm test: fail with a clear message instead.',
        },
        {
          selector: 'CallExpression[callee.name=/^x(it|describe|context|specify)$/]',
          message: 'An x-prefixed test is pending, which fails npm test: remove the x.',
        },
      ],
    },
  },
  {
    // The CLI, tests, harness and build scripts legitimately print to the console.
    files: ['src/cli/**/*.ts', 'test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
