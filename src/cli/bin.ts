#!/usr/bin/env node
import { runCliAsync } from './main.js';
import { stdoutState } from './io.js';

// A closed pipe (`pctkit … | head`) or a full disk behind stdout must not end in a stack trace:
// the failure is noted, further output dropped, and the command's own exit code kept (for EPIPE,
// the reader went away on purpose; for anything else the output is incomplete: exit 1).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  stdoutState.error ??= e;
});
process.exitCode = await runCliAsync(process.argv.slice(2));
process.on('exit', () => {
  const e = stdoutState.error;
  if (e === undefined || e.code === 'EPIPE') return;
  try {
    process.stderr.write(
      `pctkit: cannot write to stdout: ${e.code === 'ENOSPC' ? 'no space left on device' : (e.code ?? e.message)}\n`,
    );
  } catch {
    /* nowhere to say it */
  }
  if (process.exitCode === 0) process.exitCode = 1;
});
