/**
 * Config files on disk, handled as carefully as Proxmox handles `/etc/pve/lxc/<id>.conf`:
 *
 * - only regular files are read or replaced: a FIFO, a device, `/dev/stdin`, a directory or a socket
 *   is refused at once (opened with `O_NONBLOCK` and checked with `fstat` before any read, so
 *   nothing hangs);
 * - reading is bounded: a file over {@link CONFIG_FILE_SIZE_CAP} is refused before it is read;
 * - the text is lossless (`bytesToText`): every byte that is not UTF-8 comes back unchanged;
 * - a symlinked path is followed and its target replaced atomically (Proxmox's `/etc/pve/lxc` is
 *   a symlink); the file keeps its mode and owner;
 * - a read-modify-write holds the file's lock ({@link withFileLock}) so concurrent edits lose nothing;
 * - errors name the file, never a temporary file.
 *
 * POSIX ACLs (`system.posix_acl_access`) are not copied: Node has no xattr API without a native
 * addon. The mode bits (which hold the ACL mask) are kept; see docs/cli.md.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import { bytesToText, textToBytes } from '../encoding/lossless-text.js';
import { AtomicWriteError, errnoReason, writeFileAtomic } from './atomic-write.js';
import { FileLockError, withFileLock } from './file-lock.js';
import type { FileLockOptions } from './file-lock.js';

/**
 * The largest config file read: 8 MiB. pmxcfs (`/etc/pve`) holds files of at most 1 MiB, so a
 * bigger file cannot be a config Proxmox stores; the cap is checked before reading.
 */
export const CONFIG_FILE_SIZE_CAP = 8 * 1024 * 1024;

/** A config file that could not be read or written; the message names the file as given. */
export class ConfigFileError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** What was read: the bytes, their lossless text and digest, and what a rewrite must keep. */
export interface ConfigFileContent {
  /** The path as given. */
  readonly path: string;
  /** The file actually read (symlinks resolved). */
  readonly target: string;
  readonly bytes: Uint8Array;
  /** `bytesToText(bytes)`. */
  readonly text: string;
  /** SHA-1 hex of the bytes (the API's `digest`). */
  readonly digest: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface ConfigFileOptions extends FileLockOptions {
  /** Overrides {@link CONFIG_FILE_SIZE_CAP}. */
  readonly maxBytes?: number;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(path: string, what: string): ConfigFileError {
  return new ConfigFileError(
    path,
    'ENOTREG',
    `${path}: not a regular file (${what}); only regular files are read or replaced`,
  );
}

/** `/dev/…` and `/proc/…` (`/dev/stdin`, `/proc/self/fd/0`) are never config files. */
function isSpecialPath(p: string): boolean {
  return p === '/dev' || p.startsWith('/dev/') || p === '/proc' || p.startsWith('/proc/');
}

/** The real file behind `path`, refusing special paths. */
function resolveTarget(path: string): string {
  if (isSpecialPath(resolve(path))) throw notRegular(path, 'a device or process file');
  let target: string;
  try {
    target = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigFileError(
      path,
      code,
      `${path}: cannot read: ${code === 'ENOENT' ? 'no such file' : errnoReason(e)}`,
    );
  }
  if (isSpecialPath(target)) throw notRegular(path, 'a device or process file');
  return target;
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The SHA-1 hex digest of a text's bytes (`textToBytes`). */
export function digestOfText(text: string): string {
  return sha1(textToBytes(text));
}

/** Reads a config file (regular files only, at most the cap); throws {@link ConfigFileError}. */
export function readConfigFile(path: string, options: ConfigFileOptions = {}): ConfigFileContent {
  const cap = options.maxBytes ?? CONFIG_FILE_SIZE_CAP;
  const target = resolveTarget(path);
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw new ConfigFileError(
      path,
      (e as NodeJS.ErrnoException).code,
      `${path}: cannot read: ${errnoReason(e)}`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path, kindOf(st));
    if (st.size > cap)
      throw new ConfigFileError(
        path,
        'EFBIG',
        `${path}: too big (${st.size} bytes; a config file has at most ${cap} bytes)`,
      );
    // Read until EOF, but never more than the cap (the file may grow while it is read).
    let buffer = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(st.size + 1, 4096)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > cap)
      throw new ConfigFileError(path, 'EFBIG', `${path}: too big (more than ${cap} bytes)`);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, length);
    return {
      path,
      target,
      bytes,
      text: bytesToText(bytes),
      digest: sha1(bytes),
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
    };
  } catch (e) {
    if (e instanceof ConfigFileError) throw e;
    throw new ConfigFileError(
      path,
      (e as NodeJS.ErrnoException).code,
      `${path}: cannot read: ${errnoReason(e)}`,
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the file read as `read` with `text` (lossless bytes), atomically, through a symlink,
 * keeping its mode and owner. Throws {@link ConfigFileError} naming the file.
 */
export function replaceConfigFile(read: ConfigFileContent, text: string): void {
  const owner = { uid: read.uid, gid: read.gid };
  try {
    writeFileAtomic(read.target, textToBytes(text), {
      mode: read.mode,
      owner,
      removeStaleTemps: true,
    });
  } catch (e) {
    const code = e instanceof AtomicWriteError ? e.code : (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'EPERM'
        ? `cannot keep its owner ${read.uid}:${read.gid} (operation not permitted)`
        : errnoReason(e);
    throw new ConfigFileError(
      read.path,
      code,
      `${read.path}: cannot write: ${reason}; the file is unchanged`,
    );
  }
}

/** What an edit decides: the new text to write (or none) and a value for the caller. */
export interface ConfigFileEdit<T> {
  readonly write?: string;
  readonly value: T;
}

/**
 * Read-modify-write under the file's lock: reads the file, passes it to `edit`, writes what `edit`
 * returns (when it differs from what was read). Throws {@link ConfigFileError}.
 */
export function updateConfigFile<T>(
  path: string,
  edit: (current: ConfigFileContent) => ConfigFileEdit<T>,
  options: ConfigFileOptions = {},
): T {
  const target = resolveTarget(path);
  try {
    return withFileLock(
      target,
      () => {
        const current = readConfigFile(path, options);
        const result = edit(current);
        if (result.write !== undefined && result.write !== current.text)
          replaceConfigFile(current, result.write);
        return result.value;
      },
      options,
    );
  } catch (e) {
    if (!(e instanceof FileLockError)) throw e;
    const error = new ConfigFileError(
      path,
      'ELOCK',
      e.message.startsWith(target) ? path + e.message.slice(target.length) : e.message,
    );
    // No lock on a read-only filesystem or directory: an edit that writes nothing (`fmt --write` of
    // a canonical file, a refused write) still runs; one that would write fails as it would anyway.
    if (
      error.message.endsWith('read-only file system') ||
      error.message.endsWith('permission denied')
    ) {
      const current = readConfigFile(path, options);
      const result = edit(current);
      if (result.write === undefined || result.write === current.text) return result.value;
    }
    throw error;
  }
}
