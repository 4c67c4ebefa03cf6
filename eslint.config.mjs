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
      // Prettier (.prettierrc.json, `npm run lint`) formats to 140 columns but cannot break a
      // string or a comment; this holds those to the same width. Regular expressions are
      // exempt: split, they would be harder to read than long.
      'max-len': ['error', { code: 140, tabWidth: 2, ignoreRegExpLiterals: true, ignoreUrls: true }],
      // Habit 1: lib/k8s is the one gateway to the cluster. Elsewhere only types may come
      // from the client library, so nothing outside the gateway can open a connection, and
      // no Kubernetes API path is spelled out (lib/k8s/objects.ts has the typed operations).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^\\/(api\\/v1|apis)(\\/|$)/]',
          message: 'Kubernetes API paths belong in lib/k8s/ (e.g. lib/k8s/objects.ts).',
        },
        {
          selector: 'TemplateElement[value.raw=/^\\/(api\\/v1|apis)(\\/|$)/]',
          message: 'Kubernetes API paths belong in lib/k8s/ (e.g. lib/k8s/objects.ts).',
        },
      ],
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
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Tests, the lab's tooling and the chart's hook reach the cluster from outside Offload.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'lab/**', 'deploy/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
]);
