import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser and one server at a time: the machine has two cores.
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: '../../test-results/e2e/vitest.json' },
  },
});
