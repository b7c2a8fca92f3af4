import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// PCTKIT_TEST_TARGET=dist runs the tests on what ships: every import of `src/<path>.js` resolves to
// the built `dist/<path>.js` instead (needs `npm run build`; `npm run test:dist-suite`).
const target = process.env['PCTKIT_TEST_TARGET'] === 'dist' ? 'dist' : 'src';
const dist = fileURLToPath(new URL('./dist/', import.meta.url));
if (target === 'dist' && !existsSync(`${dist}index.js`))
  throw new Error('PCTKIT_TEST_TARGET=dist: dist/ is missing; run npm run build first');

export default defineConfig({
  resolve: {
    alias:
      target === 'dist' ? [{ find: /^(?:\.\.\/)+src\/(.*\.js)$/, replacement: `${dist}$1` }] : [],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI also keeps a JSON report, from which .ci/run prints its closing `N passed, N failed` line.
    reporters: process.env['CI']
      ? [
          'default',
          [
            'json',
            {
              outputFile:
                process.env['PCTKIT_TEST_TARGET'] === 'dist'
                  ? '.cache/vitest-dist-report.json'
                  : '.cache/vitest-report.json',
            },
          ],
        ]
      : ['default'],
  },
});
