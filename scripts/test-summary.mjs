// Prints the closing line of a CI run from vitest's JSON report: `N passed, N failed, N skipped`.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(new URL('../.cache/vitest-report.json', import.meta.url), 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
// CI skips nothing: a test that needs root or a tool must run there.
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 || skipped > 0 ? 1 : 0);
