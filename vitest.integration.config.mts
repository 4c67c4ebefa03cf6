import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Integration tests run against the lab (real API server, released interLink, Slurm), one
// file at a time because they share one cluster and inject faults into it.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Next resolves `server-only` to an empty module on the server; tests run there too.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['lab/test/**/*.int.test.ts', 'lib/**/*.int.test.ts', 'app/**/*.int.test.ts', 'deploy/**/*.int.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
