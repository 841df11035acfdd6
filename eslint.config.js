// @ts-check
// Lint: eslint's recommended rules, plus typescript-eslint's type-aware ones (`recommendedTypeChecked`) on every
// TypeScript file, tests included. Formatting is prettier's (`pnpm format`); no rule here is about layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '.tap/', 'coverage/', '.data/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The project service finds each file's tsconfig (every package's, `tests/`, `bench/`) the way the editor does.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // tap queues and awaits its subtests itself: `t.test(...)` unawaited is how tap is written. Every other promise
        // (t.rejects, store.close(), …) must still be awaited or voided.
        { allowForKnownSafeCalls: [{ from: 'package', name: 'test', package: '@tapjs/test' }] },
      ],
      // `async` is a contract here even without an `await` inside: fastify's FastifyPluginAsync, tap's callbacks,
      // interfaces whose methods return promises. A forgotten `await` is what no-floating-promises,
      // no-misused-promises and await-thenable catch.
      '@typescript-eslint/require-await': 'off',
      // `const { code: _code, ...rest } = …`: the house way to drop a field.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // An answer read back in a test (`response.json()`, a row, a parsed file) is `any` by its library's design, and the
    // assertion that follows checks its shape at run time: typing each one would add noise and catch nothing.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
);
