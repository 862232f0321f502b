import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs) without an exports map: Node resolves
    // `graphql` to the CJS build for Yoga and Pothos, while Vite would pick the ESM one for test
    // files. Two copies break `instanceof GraphQLError`; pin the one Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: more forks only fight over CPU (and the LP tests are CPU-bound).
    maxWorkers: 2,
  },
});
