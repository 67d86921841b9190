import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // lib/ is pure: it never reaches up into the UI layers.
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/entrypoints/**', '**/components/**'] }],
    },
  },
  {
    files: ['test/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
);
