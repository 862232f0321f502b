import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: more forks only fight over CPU (and the LP tests are CPU-bound).
    maxWorkers: 2,
  },
});
