// ESLint flat config: typescript-eslint's recommended rules everywhere, plus the few type-aware
// rules that catch real action bugs (an un-awaited GitHub write ends the step before it lands).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `import { z } from 'zod'` puts zod's whole namespace object in a bundle, its ~40 error-message
// locales included (~350 KiB minified); `import * as z from 'zod'` lets the bundler keep only
// what the schema uses (issue #18).
const ZOD_NAMESPACE = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message: "Use `import * as z from 'zod'`: the named `z` bundles all of zod's locales.",
};

// The bundles carry only the REST endpoint methods the sources name as `.rest.<scope>.<method>`
// (scripts/build.mjs reads them from the text): any other way of reaching one would be missed.
const REST_BY_NAME = [
  {
    selector: "MemberExpression[computed=true][object.object.property.name='rest']",
    message:
      'Name the endpoint method: `.rest.<scope>.<method>` (scripts/build.mjs keeps only those).',
  },
  {
    selector: "MemberExpression[computed=true][object.property.name='rest']",
    message:
      'Name the endpoint method: `.rest.<scope>.<method>` (scripts/build.mjs keeps only those).',
  },
  {
    selector: "VariableDeclarator[id.type='ObjectPattern'][init.property.name='rest']",
    message:
      'Name the endpoint method: `.rest.<scope>.<method>` (scripts/build.mjs keeps only those).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.tmp/**',
      'bench/.work/**',
      'schema/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['packages/*/src/**/*.ts', 'actions/*/src/**/*.ts', 'src/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-syntax': ['error', ZOD_NAMESPACE, ...REST_BY_NAME],
    },
  },
  {
    // One way to put untrusted text where people read it: untrusted(text, place) from
    // @promote/core/untrusted-text (it adds what the markdown helpers alone do not: no mentions,
    // a length bound).
    files: ['actions/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@promote/core/markdown',
              importNames: ['escapeInline', 'codeSpan', 'codeBlock'],
              message: "Use untrusted(text, place) from '@promote/core/untrusted-text'.",
            },
          ],
        },
      ],
    },
  },
  {
    // CommonJS helpers (fake CLI tools the tests put on PATH) load modules with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // `const crypto = require('node:crypto')` is fine even though Node also has a global crypto.
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // Test doubles and fixtures read loosely typed JSON (payloads, API responses).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
