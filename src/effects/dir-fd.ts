/**
 * `openat`-style access to a directory tree through open directory descriptors. Node has no
 * `openat`, but on Linux `/proc/self/fd/<fd>/<name>` is exactly `openat(fd, name)`: the kernel jumps
 * to the directory the descriptor holds (wherever it now is) and looks up the single component
 * `name` there. With `name` free of `/`, no other component is looked up, so no symlink but
 * (optionally) `name` itself can ever be followed, and a directory cannot be swapped under a held
 * descriptor. Every path this module builds is of that form.
 */
import {
  type BigIntStats,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
} from 'node:fs';
import { fail } from './effects-error.js';

/** What every {@link NodeInfo} holds: the owner, and the identity (`dev`, `ino`) used to detect swaps. */
interface NodeIdentity {
  readonly uid: number;
  readonly gid: number;
  readonly dev: bigint;
  readonly ino: bigint;
  /** True for an entry that exists only in a dry run's overlay. */
  readonly virtual?: boolean;
}

/** What `lstat` says about a name. */
export type NodeInfo = NodeIdentity &
  (
    | { readonly kind: 'file'; readonly mode: number; readonly size: number }
    | { readonly kind: 'dir'; readonly mode: number }
    | { readonly kind: 'symlink'; readonly target: string }
    | { readonly kind: 'other'; readonly mode: number }
  );

/** An open directory: its container path (link-free) and its descriptor (none for a planned one). */
export interface DirHandle {
  readonly path: string;
  /** The descriptor; `undefined` for a directory that exists only in a dry run's overlay. */
  readonly fd: number | undefined;
  readonly dev: bigint;
  readonly ino: bigint;
}

const O_DIR = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** True when `/proc/self/fd` works (Linux with /proc mounted). */
export function procFdAvailable(): boolean {
  return existsSync('/proc/self/fd');
}

/** The path naming `name` inside the directory open as `fd` (like `openat(fd, name)`). */
export function atPath(fd: number, name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    fail('EINVAL', name, `invalid path component '${name}'`);
  }
  return `/proc/self/fd/${fd}/${name}`;
}

/** The path of the directory open as `fd` itself. */
export function fdPath(fd: number): string {
  return `/proc/self/fd/${fd}`;
}

/** Converts big-integer stats (and, for a link, its target) to a {@link NodeInfo}. */
export function toNodeInfo(st: BigIntStats, readTarget: () => string): NodeInfo {
  const base = { uid: Number(st.uid), gid: Number(st.gid), dev: st.dev, ino: st.ino };
  if (st.isSymbolicLink()) return { kind: 'symlink', target: readTarget(), ...base };
  const mode = Number(st.mode) & 0o7777;
  if (st.isDirectory()) return { kind: 'dir', mode, ...base };
  if (st.isFile()) return { kind: 'file', mode, size: Number(st.size), ...base };
  return { kind: 'other', mode, ...base };
}

/** `lstat(dirfd, name)`; `undefined` when nothing is there. */
export function lstatAt(fd: number, name: string): NodeInfo | undefined {
  const p = atPath(fd, name);
  let st: BigIntStats;
  try {
    st = lstatSync(p, { bigint: true });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
  return toNodeInfo(st, () => readlinkSync(p, 'utf8'));
}

/** Opens the directory `name` in `dir` without following a link, checking it is what `seen` said. */
export function openDirAt(dir: DirHandle, name: string, seen: NodeInfo, path: string): DirHandle {
  if (dir.fd === undefined) fail('ENOENT', path, `${path}: No such file or directory`);
  const fd = openSync(atPath(dir.fd, name), O_DIR);
  const st = fstatSync(fd, { bigint: true });
  if (st.dev !== seen.dev || st.ino !== seen.ino || !st.isDirectory()) {
    closeSync(fd);
    fail(
      'CHANGED',
      path,
      `${path} changed while it was being resolved (swapped for another entry); refusing`,
    );
  }
  return { path, fd, dev: st.dev, ino: st.ino };
}

/** Opens the rootfs directory itself. */
export function openRoot(hostPath: string): DirHandle {
  const fd = openSync(hostPath, constants.O_RDONLY | constants.O_DIRECTORY);
  const st = fstatSync(fd, { bigint: true });
  return { path: '/', fd, dev: st.dev, ino: st.ino };
}

/** Closes a directory handle (a planned one has nothing to close). */
export function closeDir(dir: DirHandle): void {
  if (dir.fd !== undefined) closeSync(dir.fd);
}

/**
 * Opens the regular file `name` in `dir` for reading without following a link, after checking it
 * is still the file `seen` described. The caller closes the descriptor.
 */
function openFileAt(
  dir: DirHandle,
  name: string,
  seen: NodeInfo,
  path: string,
): { fd: number; size: number } {
  if (dir.fd === undefined) fail('ENOENT', path, `${path}: No such file or directory`);
  const fd = openSync(
    atPath(dir.fd, name),
    constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  );
  try {
    const st = fstatSync(fd, { bigint: true });
    if (st.dev !== seen.dev || st.ino !== seen.ino || !st.isFile()) {
      fail(
        'CHANGED',
        path,
        `${path} changed while it was being read (swapped for another entry); refusing`,
      );
    }
    return { fd, size: Number(st.size) };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * Whether the regular file `name` in `dir` (checked to be the file `seen` described, as by
 * {@link readFileAt}) holds exactly the bytes of `chunks`, read and compared a chunk at a time
 * (the file is never held whole).
 */
export function fileEqualsAt(
  dir: DirHandle,
  name: string,
  seen: NodeInfo,
  path: string,
  chunks: Iterable<Uint8Array>,
): boolean {
  const { fd } = openFileAt(dir, name, seen, path);
  try {
    let scratch = Buffer.allocUnsafeSlow(0);
    const fill = (want: number): number => {
      if (scratch.length < want) scratch = Buffer.allocUnsafeSlow(want);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, scratch, got, want - got, null);
        if (n === 0) break;
        got += n;
      }
      return got;
    };
    for (const chunk of chunks) {
      if (chunk.length === 0) continue;
      if (fill(chunk.length) !== chunk.length) return false;
      if (Buffer.compare(scratch.subarray(0, chunk.length), chunk) !== 0) return false;
    }
    return fill(1) === 0; // and nothing after
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the regular file `name` in `dir` without following a link, after checking it is still the
 * file `seen` described; at most `limit` bytes (a larger file fails with TOO_LARGE).
 */
export function readFileAt(
  dir: DirHandle,
  name: string,
  seen: NodeInfo,
  path: string,
  limit: number,
): Uint8Array {
  const { fd, size } = openFileAt(dir, name, seen, path);
  try {
    if (size > limit)
      fail('TOO_LARGE', path, `${path} is ${size} bytes, more than the limit of ${limit}`);
    // One buffer of the size fstat gave (plus one byte to see EOF), filled in place: no chunk
    // list and no copies (a 20 MB file must not cost several times its size).
    let buf = Buffer.allocUnsafeSlow(size + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > limit)
          fail('TOO_LARGE', path, `${path} grew past the limit of ${limit} bytes while being read`);
        const bigger = Buffer.allocUnsafeSlow(Math.min(buf.length * 2, limit + 1));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > limit)
      fail('TOO_LARGE', path, `${path} grew past the limit of ${limit} bytes while being read`);
    return new Uint8Array(buf.buffer, buf.byteOffset, total);
  } finally {
    closeSync(fd);
  }
}

/** The names in the directory held by `dir`, sorted by code unit. */
export function listDirAt(dir: DirHandle): string[] {
  if (dir.fd === undefined) return [];
  return readdirSync(fdPath(dir.fd)).sort();
}
