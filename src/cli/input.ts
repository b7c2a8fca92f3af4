/** Reading the files named on the command line, and the guards every command that writes one shares. */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigDiagnostic as Diagnostic } from '../config/diagnostic.js';
import { formatDiagnostic } from '../config/diagnostic.js';
import type { ReadOptions, ReadResult } from '../config/reader.js';
import { showEscapedBytes } from '../encoding/lossless-text.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { CliIo } from './io.js';

/** Text for a terminal: control characters and bytes that are not UTF-8 as visible escapes. */
export function forTerminal(text: string): string {
  return terminalSafe(showEscapedBytes(text));
}

/**
 * The io for human-readable output: everything written to stdout and stderr is terminal-safe
 * (`\e`, `\0`, `\r`, `\xFF` instead of the raw bytes). JSON and raw file text use `io` itself.
 */
export function humanIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (t) => io.stdout(forTerminal(t)),
    stderr: (t) => io.stderr(forTerminal(t)),
  };
}

/** A failure's message: ours name the file already; a bare system error gets `FILE: cannot read:`. */
export function fileErrorMessage(file: string, e: unknown, verb = 'read'): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err.message === 'string' && err.message.startsWith(`${file}: `)) return err.message;
  return `${file}: cannot ${verb}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`;
}

/** A file's text, or `FILE: cannot read: reason`. */
export function readInput(io: CliIo, file: string): E.Either<string, string> {
  try {
    return E.right(io.readFile(file));
  } catch (e) {
    return E.left(fileErrorMessage(file, e));
  }
}

/** The vmid Proxmox would use for a file (`…/<vmid>.conf`), `explicit` when given, else `0`. */
export function vmidOf(file: string, explicit: string | undefined): string {
  if (explicit !== undefined) return explicit;
  const m = /(\d+)\.conf$/.exec(file);
  return m ? String(parseInt(m[1] as string, 10)) : '0';
}

/** The reader options the host supplies (its time zone names). */
export function hostReadOptions(io: CliIo): ReadOptions {
  const timezones = io.timezones?.();
  return timezones !== undefined ? { timezones } : {};
}

/** The codes of the errors whose line Proxmox drops when it reads (and so when it writes back). */
const DROPPED = new Set([
  'UNPARSEABLE_LINE',
  'DELETE_OUTSIDE_PENDING',
  'UNKNOWN_LXC_KEY',
  'FORBIDDEN_LXC_KEY',
]);

/** The errors in what the reader found: a write refuses a file with any (unless forced). */
export function readErrors(read: ReadResult): Diagnostic[] {
  return read.diagnostics.filter((d) => d.severity === 'error');
}

/**
 * Decides whether a file read with `read` may be rewritten. Without `force`, a file with errors is
 * refused: each error is printed and `false` returned. With `force`, every line Proxmox drops is
 * printed (`FILE:LINE: dropped: TEXT`) and the write goes ahead.
 */
export function mayRewrite(
  io: CliIo,
  file: string,
  text: string,
  read: ReadResult,
  force: boolean,
): boolean {
  const errors = readErrors(read);
  if (errors.length === 0) return true;
  if (!force) {
    for (const d of errors) io.stderr(formatDiagnostic(d, file) + '\n');
    io.stderr(
      `${file}: not written: ${errors.length} error${errors.length === 1 ? '' : 's'} (--force writes what Proxmox would store, dropping what it drops)\n`,
    );
    return false;
  }
  const lines = text.split('\n');
  for (const d of errors) {
    if (DROPPED.has(d.code)) io.stderr(`${file}:${d.line}: dropped: ${lines[d.line - 1] ?? ''}\n`);
    else io.stderr(formatDiagnostic(d, file) + ' (kept)\n');
  }
  return true;
}

/** A rewrite must not empty a non-empty file unless forced. */
export function mayEmpty(
  io: CliIo,
  file: string,
  before: string,
  after: string,
  force: boolean,
): boolean {
  if (after !== '' || before === '' || force) return true;
  io.stderr(`${file}: not written: the result would be an empty file (--force writes it)\n`);
  return false;
}
