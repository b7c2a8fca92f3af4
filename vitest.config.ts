import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI also keeps a JSON report, from which .ci/run prints its closing `N passed, N failed` line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.cache/vitest-report.json' }]] : ['default'],
  },
});
