import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { walletRules } from './scripts/lint/eslint-rules.js';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'e2e/.generated', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: ['{app,core,server,testing,scripts,e2e}/**/*.{ts,tsx,js}'],
    plugins: { wallet: walletRules },
    rules: { 'wallet/three-blocks': 'error', 'wallet/no-import-cycle': 'error' },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, wallet: walletRules },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'wallet/one-way': 'error',
    },
  },
  {
    files: ['app/**/*.tsx'],
    ignores: ['app/**/*.test.tsx'],
    rules: {
      'wallet/no-literal-text': 'error',
      // Thin components (STYLE.md): one over this is doing two things; its parts and hooks go in files of their own.
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
