/**
 * An immutable in-memory view of the part of a container's root filesystem that OS detection and
 * the setup planners need. Paths are container paths: absolute, normalised, `/` is the rootfs.
 * Path resolution follows chroot semantics: absolute link targets are re-rooted at the rootfs and
 * `..` is clamped at its root, so nothing can point outside the snapshot.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8, encodeUtf8 } from '../encoding/utf8.js';

export interface FileEntry {
  readonly kind: 'file';
  readonly content: Uint8Array;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}
export interface DirEntry {
  readonly kind: 'dir';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}
export interface SymlinkEntry {
  readonly kind: 'symlink';
  readonly target: string;
  readonly uid: number;
  readonly gid: number;
}
export type FsEntry = FileEntry | DirEntry | SymlinkEntry;

/** The snapshot: normalised absolute path → entry. The root `/` is always a directory. */
export interface FsSnapshot {
  readonly entries: ReadonlyMap<string, FsEntry>;
}

/** Why a path of a snapshot cannot be resolved or read (errno names). */
export type FsErrorCode =
  /** No such file or directory. */
  | 'ENOENT'
  /** A path component is not a directory. */
  | 'ENOTDIR'
  /** Too many symbolic links on the way. */
  | 'ELOOP'
  /** A directory where a file was wanted. */
  | 'EISDIR'
  /** Not a symbolic link (`readLink`) or an invalid path. */
  | 'EINVAL';
/**
 * Why a path cannot be resolved or read: a diagnostic whose `path` is the container path and whose
 * `message` names it (`/etc/hosts: No such file or directory`); `errnoMessage(code)` is the C
 * library's text alone, as Proxmox embeds it in its own messages.
 */
export interface FsError extends Diagnostic<FsErrorCode> {
  readonly path: string;
}

/** The result of a snapshot read: one {@link FsError}, or the value. */
export type FsResult<A> = E.Either<readonly [FsError], A>;

const errnoText: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
};

/** The C library's text for an error code (`No such file or directory`), as Proxmox prints it. */
export function errnoMessage(code: FsErrorCode): string {
  return errnoText[code];
}

const fsError = (code: FsErrorCode, path: string): FsResult<never> =>
  E.left([{ code, severity: 'error', message: `${path}: ${errnoText[code]}`, path }]);

/** Input shapes accepted by {@link fsSnapshot}: text, bytes, or an explicit entry description. */
export type FsEntryInput =
  | string
  | Uint8Array
  | { readonly file: string | Uint8Array; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly dir: true; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly symlink: string; readonly uid?: number; readonly gid?: number };

const MAX_SYMLINK_HOPS = 40;

/** Lexically normalises a container path: absolute, no `.`/empty components, `..` clamped at `/`. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** The parent directory of a normalised path (`/` for `/` itself). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last component of a normalised path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const ROOT: DirEntry = { kind: 'dir', mode: 0o755, uid: 0, gid: 0 };

function toEntry(input: FsEntryInput): FsEntry {
  if (typeof input === 'string') return { kind: 'file', content: encodeUtf8(input), mode: 0o644, uid: 0, gid: 0 };
  if (input instanceof Uint8Array) return { kind: 'file', content: input, mode: 0o644, uid: 0, gid: 0 };
  if ('file' in input) {
    const content = typeof input.file === 'string' ? encodeUtf8(input.file) : input.file;
    return { kind: 'file', content, mode: input.mode ?? 0o644, uid: input.uid ?? 0, gid: input.gid ?? 0 };
  }
  if ('dir' in input) return { kind: 'dir', mode: input.mode ?? 0o755, uid: input.uid ?? 0, gid: input.gid ?? 0 };
  return { kind: 'symlink', target: input.symlink, uid: input.uid ?? 0, gid: input.gid ?? 0 };
}

/**
 * Builds a snapshot from a record of container paths. Parent directories are implied (mode 0755,
 * owned by root) unless given explicitly.
 */
export function fsSnapshot(files: Readonly<Record<string, FsEntryInput>> = {}): FsSnapshot {
  const entries = new Map<string, FsEntry>([['/', ROOT]]);
  for (const [rawPath, input] of Object.entries(files)) {
    const path = normalizePath(rawPath);
    const entry = toEntry(input);
    if (path === '/' && entry.kind !== 'dir') continue;
    addParents(entries, path);
    entries.set(path, entry);
  }
  return { entries };
}

/** Builds a snapshot from already-made entries (used by the effects reader). */
export function fsSnapshotFromEntries(list: Iterable<readonly [string, FsEntry]>): FsSnapshot {
  const entries = new Map<string, FsEntry>([['/', ROOT]]);
  for (const [rawPath, entry] of list) {
    const path = normalizePath(rawPath);
    addParents(entries, path);
    entries.set(path, entry);
  }
  return { entries };
}

function addParents(entries: Map<string, FsEntry>, path: string): void {
  for (let dir = dirname(path); dir !== '/' && !entries.has(dir); dir = dirname(dir)) {
    entries.set(dir, { kind: 'dir', mode: 0o755, uid: 0, gid: 0 });
  }
}

/** The result of resolving a path: the real (link-free) path and the entry there, if any. */
export interface Resolved {
  readonly path: string;
  readonly entry: FsEntry | undefined;
}

/**
 * Resolves a container path with chroot semantics, following symlinks in every component and, when
 * `followFinal` is set, in the last one too. A missing final component is not an error (`entry` is
 * undefined); a missing or non-directory intermediate component is.
 */
export function resolvePath(
  snapshot: FsSnapshot,
  path: string,
  followFinal = true,
): FsResult<Resolved> {
  let pending = path.split('/').filter((p) => p !== '' && p !== '.');
  const current: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const [part, ...rest] = pending as [string, ...string[]];
    pending = rest;
    if (part === '.' || part === '') continue;
    if (part === '..') {
      current.pop();
      continue;
    }
    const candidate = '/' + [...current, part].join('/');
    const entry = snapshot.entries.get(candidate);
    const isLast = pending.length === 0;
    if (entry === undefined) {
      if (isLast) return E.right({ path: candidate, entry: undefined });
      return fsError('ENOENT', candidate);
    }
    if (entry.kind === 'symlink' && (!isLast || followFinal)) {
      if (++hops > MAX_SYMLINK_HOPS) return fsError('ELOOP', candidate);
      const targetParts = entry.target.split('/').filter((p) => p !== '' && p !== '.');
      if (entry.target.startsWith('/')) current.length = 0;
      pending = [...targetParts, ...pending];
      continue;
    }
    if (!isLast && entry.kind !== 'dir') return fsError('ENOTDIR', candidate);
    current.push(part);
  }
  const real = '/' + current.join('/');
  return E.right({ path: real, entry: snapshot.entries.get(real) });
}

/** The entry at a path after following links (`stat`), or undefined when it does not resolve. */
export function statPath(snapshot: FsSnapshot, path: string): FsEntry | undefined {
  const r = resolvePath(snapshot, path, true);
  return E.isRight(r) ? r.right.entry : undefined;
}

/** The entry at a path without following a final link (`lstat`). */
export function lstatPath(snapshot: FsSnapshot, path: string): FsEntry | undefined {
  const r = resolvePath(snapshot, path, false);
  return E.isRight(r) ? r.right.entry : undefined;
}

/** `-f`: a regular file after following links. */
export function isFile(snapshot: FsSnapshot, path: string): boolean {
  return statPath(snapshot, path)?.kind === 'file';
}

/** `-d`: a directory after following links. */
export function isDirectory(snapshot: FsSnapshot, path: string): boolean {
  return statPath(snapshot, path)?.kind === 'dir';
}

/** `-l`: the path itself is a symlink. */
export function isSymlink(snapshot: FsSnapshot, path: string): boolean {
  return lstatPath(snapshot, path)?.kind === 'symlink';
}

/** `-e`: exists after following links. */
export function exists(snapshot: FsSnapshot, path: string): boolean {
  return statPath(snapshot, path) !== undefined;
}

/** Reads a file's bytes, following links. */
export function readFile(snapshot: FsSnapshot, path: string): FsResult<Uint8Array> {
  const r = resolvePath(snapshot, path, true);
  if (E.isLeft(r)) return r;
  const entry = r.right.entry;
  if (entry === undefined) return fsError('ENOENT', normalizePath(path));
  if (entry.kind === 'dir') return fsError('EISDIR', r.right.path);
  if (entry.kind !== 'file') return fsError('ENOENT', r.right.path);
  return E.right(entry.content);
}

/** Reads a file as UTF-8 text, following links. */
export function readTextFile(snapshot: FsSnapshot, path: string): FsResult<string> {
  return E.map(decodeUtf8)(readFile(snapshot, path));
}

/** Reads a symlink's raw target (one level), or undefined when the path is not a symlink. */
export function readLink(snapshot: FsSnapshot, path: string): string | undefined {
  const entry = lstatPath(snapshot, path);
  return entry?.kind === 'symlink' ? entry.target : undefined;
}

/** The names directly inside a directory (after following links), sorted by code unit. */
export function listDirectory(snapshot: FsSnapshot, path: string): readonly string[] {
  const r = resolvePath(snapshot, path, true);
  if (E.isLeft(r) || r.right.entry?.kind !== 'dir') return [];
  const dir = r.right.path;
  const prefix = dir === '/' ? '/' : dir + '/';
  const names: string[] = [];
  for (const key of snapshot.entries.keys()) {
    if (key !== '/' && key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) {
      names.push(key.slice(prefix.length));
    }
  }
  return names.sort();
}

/** Returns a new snapshot with `entry` stored at the exact (already resolved) path. */
export function withEntry(snapshot: FsSnapshot, path: string, entry: FsEntry): FsSnapshot {
  const entries = new Map(snapshot.entries);
  const p = normalizePath(path);
  addParents(entries, p);
  entries.set(p, entry);
  return { entries };
}

/** Returns a new snapshot without the entry at the exact path (and anything below it). */
export function withoutEntry(snapshot: FsSnapshot, path: string): FsSnapshot {
  const p = normalizePath(path);
  if (p === '/') return snapshot;
  const entries = new Map(snapshot.entries);
  for (const key of snapshot.entries.keys()) {
    if (key === p || key.startsWith(p + '/')) entries.delete(key);
  }
  return { entries };
}
