/**
 * Atomic file replacement: write a temporary file in the same directory, fsync it, rename it over
 * the target, fsync the directory. Readers see the old or the new content, never a mix. On any
 * error the temporary file is removed; one left by a killed process (`.NAME.pctkit-PID-N.tmp`, PID
 * no longer running) is removed by the next write to the same file with `removeStaleTemps`.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export interface AtomicWriteOptions {
  /** Mode of the new file (exact, not subject to the umask); 0644 by default. */
  readonly mode?: number;
  /** Owner of the new file (host ids). */
  readonly owner?: { readonly uid: number; readonly gid: number };
  /**
   * Before writing, remove the temporary files of earlier writes to the same file whose process
   * is gone (a write killed between creating and renaming its temporary file).
   */
  readonly removeStaleTemps?: boolean;
}

/** Creates `path` for writing, mode 0600; fails if anything (a link included) is already there. */
export function openExclusive(path: string): number {
  return openSync(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
}

/**
 * A failed atomic write. The message names the target file and the reason, never the temporary
 * file; `code` is the errno code (`ENOSPC`, `EROFS`, `EACCES`, …) when there is one.
 */
export class AtomicWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
}

/** Readable reasons for the errno codes a write meets. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EXDEV: 'cross-device rename',
  EBUSY: 'device or resource busy',
};

/** The reason of a system error in words (without the temporary file's name Node puts in `message`). */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== undefined) return REASONS[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

/** The prefix of the temporary file names of `path` (bounded so the name stays under NAME_MAX). */
function tempPrefix(path: string): string {
  return `.${basename(path).slice(0, 200)}.pctkit-`;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // our own writes are synchronous: a temp with our pid is stale
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `.NAME.pctkit-PID-N.tmp` files of `path` whose process is gone; returns their names. */
export function removeStaleTemps(path: string): string[] {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)-\d+\.tmp$/.exec(name.slice(prefix.length));
    if (m === null || isRunning(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}

/**
 * Replaces `path` with `data` atomically. A symlink at `path` is replaced, never followed (resolve
 * it first to write through it). Throws an `AtomicWriteError` naming `path`.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const dir = dirname(path);
  if (options.removeStaleTemps) removeStaleTemps(path);
  const tmp = join(dir, `${tempPrefix(path)}${process.pid}-${counter++}.tmp`);
  let fd: number;
  try {
    fd = openExclusive(tmp);
  } catch (e) {
    throw new AtomicWriteError(
      path,
      (e as NodeJS.ErrnoException).code,
      `${path}: cannot write: ${errnoReason(e)}`,
    );
  }
  let renamed = false;
  let open = true;
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fchmodSync(fd, options.mode ?? 0o644);
    if (options.owner) fchownSync(fd, options.owner.uid, options.owner.gid);
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(tmp, path);
    renamed = true;
  } catch (e) {
    throw new AtomicWriteError(
      path,
      (e as NodeJS.ErrnoException).code,
      `${path}: cannot write: ${errnoReason(e)}`,
    );
  } finally {
    if (!renamed) {
      if (open) {
        try {
          closeSync(fd);
        } catch {
          /* already closed */
        }
      }
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
  }
  try {
    const dfd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* not every filesystem lets a directory be fsynced */
  }
}
