/**
 * A lock per file, as Proxmox locks a container's config (`flock` on `/run/lock/lxc/pve-config-<id>.lock`)
 * around every read-modify-write. Node has no `flock` without a native addon, so the lock is a file
 * created with `O_EXCL` beside the target (`.NAME.pctkit.lock`) holding `PID STARTTIME`: a lock whose
 * process is gone (killed while holding it) is stale and is broken by the next taker. The start
 * time (from `/proc/PID/stat`) tells a reused pid from the holder.
 */
import { closeSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoReason, openExclusive } from './atomic-write.js';

export interface FileLockOptions {
  /** How long to wait for another holder, in milliseconds (60 s by default). */
  readonly timeoutMs?: number;
}

/** Could not take the lock: the message names the file (and Proxmox's `got timeout` wording). */
export class FileLockError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileLockError';
  }
}

/** The lock file of `path` (the real target, symlinks resolved by the caller). */
export function lockPathOf(path: string): string {
  return join(dirname(path), `.${basename(path).slice(0, 200)}.pctkit.lock`);
}

/** Field 22 of `/proc/PID/stat` (start time in clock ticks since boot), or '' when unknown. */
function startTime(pid: number | 'self'): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? '';
  } catch {
    return '';
  }
}

/** Whether the holder written in a lock file still runs (unknown contents count as running). */
function holderRunning(content: string): boolean {
  const m = /^(\d+) (\d*)\n$/.exec(content);
  if (m === null) return true;
  const pid = Number(m[1]);
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = m[2] as string;
  const now = startTime(pid);
  return started === '' || now === '' || now === started;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function readLock(lock: string): string | undefined {
  try {
    return readFileSync(lock, 'latin1');
  } catch {
    return undefined;
  }
}

/** How old a lock file without its final newline, or a breaker's mark, must be to count as left over. */
const LEFTOVER_MS = 10_000;

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * Removes the stale lock whose content was `seen`, unless it has changed since. A lock file is
 * removed only by its holder or by a breaker, and breakers take turns through a mark file created
 * with `O_EXCL` (`LOCK.break`): holding it, a breaker that still reads `seen` at the lock's path
 * knows the file is the dead holder's (nobody else can have removed and re-created it), so the
 * unlink cannot take a live holder's lock. (Moving the lock aside and back, as this did before,
 * had a window in which a third process could take the freed lock and then lose it to the
 * restored one: two holders at once.) A mark left by a breaker killed mid-break is removed after
 * 10 s.
 */
function breakStale(lock: string, seen: string): void {
  const mark = `${lock}.break`;
  let fd: number;
  try {
    fd = openExclusive(mark);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && olderThan(mark, LEFTOVER_MS)) {
      try {
        unlinkSync(mark);
      } catch {
        /* removed by another */
      }
    }
    return; // another breaker is at work (or the mark could not be made): look again
  }
  try {
    closeSync(fd);
    if (readLock(lock) === seen) unlinkSync(lock);
  } catch {
    /* gone already */
  } finally {
    try {
      unlinkSync(mark);
    } catch {
      /* gone */
    }
  }
}

/** Takes the lock of `path`; returns the function that releases it. */
export function acquireFileLock(path: string, options: FileLockOptions = {}): () => void {
  const lock = lockPathOf(path);
  const content = `${process.pid} ${startTime('self')}\n`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let delay = 2;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openExclusive(lock);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new FileLockError(path, `${path}: cannot lock: ${errnoReason(e)}`);
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, content);
        closeSync(fd);
      } catch (e) {
        // A full disk: no lock file may stay behind.
        try {
          closeSync(fd);
        } catch {
          /* closed */
        }
        try {
          unlinkSync(lock);
        } catch {
          /* gone */
        }
        throw new FileLockError(path, `${path}: cannot lock: ${errnoReason(e)}`);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readLock(lock) === content) {
          try {
            unlinkSync(lock);
          } catch {
            /* gone */
          }
        }
      };
    }
    const seen = readLock(lock);
    if (seen !== undefined) {
      let stale = !holderRunning(seen);
      // Being written, or written by a process killed before it finished: stale after 10 s.
      if (!stale && !seen.endsWith('\n')) stale = olderThan(lock, LEFTOVER_MS);
      if (stale) {
        breakStale(lock, seen);
        continue;
      }
    }
    if (Date.now() >= deadline)
      throw new FileLockError(path, `${path}: can't lock file '${lock}' - got timeout`);
    sleep(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}

/** Runs `body` holding the lock of `path`. */
export function withFileLock<T>(path: string, body: () => T, options: FileLockOptions = {}): T {
  const release = acquireFileLock(path, options);
  try {
    return body();
  } finally {
    release();
  }
}
