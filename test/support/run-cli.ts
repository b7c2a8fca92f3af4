/**
 * Runs the CLI in-process with stdout and stderr captured: the real file system (`processIo`)
 * unless `io` replaces parts of it, and the given setup host (the process's by default).
 */
import type { CliIo } from '../../src/cli/io.js';
import { processIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import type { SetupHost } from '../../src/cli/setup-host.js';

/** What a CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export function runCaptured(
  args: readonly string[],
  options: { readonly io?: Partial<CliIo>; readonly host?: SetupHost } = {},
): CliRun {
  let out = '';
  let err = '';
  const io: CliIo = {
    ...processIo,
    ...options.io,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  };
  const code = options.host === undefined ? runCli(args, io) : runCli(args, io, options.host);
  return { code, out, err };
}
