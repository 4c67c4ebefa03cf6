import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they test (`lib/**/x.test.ts`); browser journeys live in e2e/.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Next resolves `server-only` to an empty module on the server; tests run there too.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'app/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', 'lab/**', '.lab/**', '.lab-test/**', '**/*.int.test.ts'],
    environment: 'node',
    // Two cores on the dev/CI machines: keep the pool small so a concurrent build is not starved.
    maxWorkers: '50%',
  },
});
