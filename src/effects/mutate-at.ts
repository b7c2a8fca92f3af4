/**
 * The adapter's writes, each relative to an open directory and each atomic: the new file, link or
 * directory is made complete (content, owner, mode, fsync) under a temporary name in the same
 * directory and then renamed over the target, after re-checking that the target and the directory
 * are still what was resolved. A link at the target is replaced, never followed. A crash leaves the
 * target wholly old or wholly new, plus at most a stray temporary entry, which the next write of
 * the same target removes.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lchownSync,
  mkdirSync,
  openSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { type DirHandle, type NodeInfo, atPath, listDirAt, lstatAt } from './dir-fd.js';
import { fail } from './effects-error.js';
import { InjectedFailure, type MutationSteps } from './mutation-steps.js';

/** Host ids to give what is created. */
export interface HostOwner {
  readonly uid: number;
  readonly gid: number;
}

/** What the mutators need from their caller. */
export interface MutateContext {
  readonly steps: MutationSteps;
  /**
   * Called right before each rename: must fail (throw) unless `dir` is still reachable at its
   * path and `name` in it is still what `seen` described (`undefined`: nothing).
   */
  readonly recheck: (
    dir: DirHandle,
    name: string,
    seen: NodeInfo | undefined,
    path: string,
  ) => void;
}

const TEMP_MARK = '.pctkit-';
const MAX_BASE = 200;
let counter = 0;

function tempPrefix(name: string): string {
  return `.${name.slice(0, MAX_BASE)}${TEMP_MARK}`;
}

/** A fresh temporary name for a replacement of `name` in the same directory. */
export function tempName(name: string): string {
  return `${tempPrefix(name)}${process.pid}-${counter++}.tmp`;
}

/** Whether `candidate` is one of our temporary names for `name` (a leftover of a crash). */
export function isTempOf(name: string, candidate: string): boolean {
  const prefix = tempPrefix(name);
  return candidate.startsWith(prefix) && /^\d+-\d+\.tmp$/.test(candidate.slice(prefix.length));
}

function dirFd(dir: DirHandle, path: string): number {
  if (dir.fd === undefined) fail('ENOENT', path, `${path}: directory does not exist`);
  return dir.fd;
}

const sibling = (path: string, name: string): string =>
  path.slice(0, path.lastIndexOf('/') + 1) + name;

/** Removes leftovers of an interrupted replacement of `name` (files, links, empty directories). */
export function removeStraysAt(
  ctx: MutateContext,
  dir: DirHandle,
  name: string,
  path: string,
): void {
  const fd = dirFd(dir, path);
  for (const entry of listDirAt(dir)) {
    if (!isTempOf(name, entry)) continue;
    const info = lstatAt(fd, entry);
    const p = sibling(path, entry);
    if (info?.kind === 'dir') ctx.steps.step('rmdir', p, () => rmdirSync(atPath(fd, entry)));
    else if (info !== undefined) ctx.steps.step('unlink', p, () => unlinkSync(atPath(fd, entry)));
  }
}

function syncDir(fd: number): void {
  try {
    fsyncSync(fd);
  } catch {
    /* not every filesystem lets a directory be fsynced */
  }
}

/** Undo of a temporary entry after an ordinary error (not after an injected crash). */
function discard(fd: number, tmp: string, kind: 'file' | 'dir'): void {
  try {
    if (kind === 'dir') rmdirSync(atPath(fd, tmp));
    else unlinkSync(atPath(fd, tmp));
  } catch {
    /* already gone */
  }
}

function renameInto(
  ctx: MutateContext,
  dir: DirHandle,
  fd: number,
  tmp: string,
  name: string,
  path: string,
  seen: NodeInfo | undefined,
): void {
  ctx.recheck(dir, name, seen, path);
  ctx.steps.step('rename', path, () => renameSync(atPath(fd, tmp), atPath(fd, name)));
  syncDir(fd);
}

/**
 * Atomically replaces `name` in `dir` by a regular file with `content` (written a chunk at a time,
 * in order), `mode` and `owner`.
 */
export function replaceFileAt(
  ctx: MutateContext,
  dir: DirHandle,
  name: string,
  path: string,
  content: Iterable<Uint8Array>,
  mode: number,
  owner: HostOwner | undefined,
  seen: NodeInfo | undefined,
): void {
  const fd = dirFd(dir, path);
  const tmp = tempName(name);
  let file: number | undefined;
  try {
    file = ctx.steps.step('create', path, () =>
      openSync(
        atPath(fd, tmp),
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o600,
      ),
    );
    const f = file;
    ctx.steps.step('write', path, () => {
      for (const chunk of content) {
        let written = 0;
        while (written < chunk.length)
          written += writeSync(f, chunk, written, chunk.length - written);
      }
    });
    if (owner !== undefined)
      ctx.steps.step('chown', path, () => fchownSync(f, owner.uid, owner.gid));
    ctx.steps.step('chmod', path, () => fchmodSync(f, mode & 0o7777));
    fsyncSync(f);
    closeSync(f);
    file = undefined;
    renameInto(ctx, dir, fd, tmp, name, path, seen);
  } catch (e) {
    if (file !== undefined) closeSync(file);
    if (!(e instanceof InjectedFailure)) discard(fd, tmp, 'file');
    throw e;
  }
}

/** Atomically replaces (or creates) `name` in `dir` by a symlink to `target`, owned by `owner`. */
export function replaceSymlinkAt(
  ctx: MutateContext,
  dir: DirHandle,
  name: string,
  path: string,
  target: string,
  owner: HostOwner | undefined,
  seen: NodeInfo | undefined,
): void {
  const fd = dirFd(dir, path);
  const tmp = tempName(name);
  try {
    ctx.steps.step('symlink', path, () => symlinkSync(target, atPath(fd, tmp)));
    if (owner !== undefined)
      ctx.steps.step('lchown', path, () => lchownSync(atPath(fd, tmp), owner.uid, owner.gid));
    renameInto(ctx, dir, fd, tmp, name, path, seen);
  } catch (e) {
    if (!(e instanceof InjectedFailure)) discard(fd, tmp, 'file');
    throw e;
  }
}

/** Creates the directory `name` in `dir` (which must not exist) with `mode` and `owner`, atomically. */
export function createDirAt(
  ctx: MutateContext,
  dir: DirHandle,
  name: string,
  path: string,
  mode: number,
  owner: HostOwner | undefined,
): void {
  const fd = dirFd(dir, path);
  const tmp = tempName(name);
  try {
    ctx.steps.step('mkdir', path, () => mkdirSync(atPath(fd, tmp), 0o700));
    const d = openSync(
      atPath(fd, tmp),
      constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW,
    );
    try {
      if (owner !== undefined)
        ctx.steps.step('chown', path, () => fchownSync(d, owner.uid, owner.gid));
      ctx.steps.step('chmod', path, () => fchmodSync(d, mode & 0o7777));
    } finally {
      closeSync(d);
    }
    renameInto(ctx, dir, fd, tmp, name, path, undefined);
  } catch (e) {
    if (!(e instanceof InjectedFailure)) discard(fd, tmp, 'dir');
    throw e;
  }
}

/** Removes the non-directory `name` from `dir`. */
export function removeAt(
  ctx: MutateContext,
  dir: DirHandle,
  name: string,
  path: string,
  seen: NodeInfo,
): void {
  const fd = dirFd(dir, path);
  ctx.recheck(dir, name, seen, path);
  ctx.steps.step('unlink', path, () => unlinkSync(atPath(fd, name)));
  syncDir(fd);
}
