import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    'node_modules/**',
    'coverage/**',
    'test-results/**',
    'playwright-report/**',
    // The lab's Go stand-in and generated state.
    'lab/interlink/**',
    '.lab/**',
    '.lab-test/**',
    '.ci/**',
  ]),
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      eqeqeq: ['error', 'always'],
      // Habit 1: lib/k8s is the one gateway to the cluster. Elsewhere only types may come
      // from the client library, so nothing outside the gateway can open a connection.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@kubernetes/client-node',
              message: 'Only lib/k8s/ may import @kubernetes/client-node at run time; use `import type` elsewhere.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // lib/k8s is the gateway; the benchmark measures from outside it (its reference is a
    // direct LIST with client-node).
    files: ['lib/k8s/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
]);
