/** Reading the files named on the command line. */
import * as E from 'fp-ts/lib/Either.js';
import type { CliIo } from './io.js';

/** A file's text, or `FILE: cannot read: reason`. */
export function readInput(io: CliIo, file: string): E.Either<string, string> {
  try {
    return E.right(io.readFile(file));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return E.left(`${file}: cannot read: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
}

/** The vmid Proxmox would use for a file (`…/<vmid>.conf`), `explicit` when given, else `0`. */
export function vmidOf(file: string, explicit: string | undefined): string {
  if (explicit !== undefined) return explicit;
  const m = /(\d+)\.conf$/.exec(file);
  return m ? String(parseInt(m[1] as string, 10)) : '0';
}
