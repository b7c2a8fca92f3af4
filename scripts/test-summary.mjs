// Prints the closing line of a CI run from vitest's JSON reports, `N passed, N failed, N skipped`:
// the whole suite on src/ plus the compat and config suites run again on dist/.
import { existsSync, readFileSync } from 'node:fs';

const reports = ['vitest-report.json', 'vitest-dist-report.json']
  .map((name) => new URL(`../.cache/${name}`, import.meta.url))
  .filter((url) => existsSync(url))
  .map((url) => JSON.parse(readFileSync(url, 'utf8')));
const sum = (key) => reports.reduce((n, r) => n + r[key], 0);
const passed = sum('numPassedTests');
const failed = sum('numFailedTests');
const skipped = sum('numPendingTests') + sum('numTodoTests');
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// CI skips nothing: a test that needs root or a tool must run there.
process.exit(reports.length < 2 || failed > 0 || sum('numTotalTests') === 0 || skipped > 0 ? 1 : 0);
