/**
 * Applies a plan's operations to an in-memory {@link FsSnapshot}, with the semantics Proxmox's
 * primitives have inside the container's chroot (spec §1.2–1.4): paths resolve with chroot
 * semantics, a write or symlink never follows a link in the final component, parent directories
 * are never created implicitly. Pure: the input snapshot is not changed.
 */
import * as E from 'fp-ts/lib/Either.js';
import { errorDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FsEntry, FsSnapshot } from '../os/fs-snapshot.js';
import {
  basename,
  dirname,
  errnoMessage,
  normalizePath,
  resolvePath,
  withEntry,
  withoutEntry,
} from '../os/fs-snapshot.js';
import { textToBytes } from '../encoding/lossless-text.js';
import type { PlanOperation, SshHostKeyOperation } from './plan.js';

/** Why an operation could not be applied to a snapshot (the system call that would have failed). */
export type ApplyToSnapshotCode =
  /** A directory on the way, or the parent of the target, does not exist. */
  | 'ENOENT'
  /** A component on the way is not a directory. */
  | 'ENOTDIR'
  /** Too many symbolic links on the way (a loop). */
  | 'ELOOP'
  /** The target is a directory where a file was to be written. */
  | 'EISDIR'
  /** An invalid path (the snapshot model's errno set; no path it resolves produces it today). */
  | 'EINVAL'
  /** An `ssh-host-key` operation without a key generator. */
  | 'NO_KEY_GENERATOR';

/** Why an operation could not be applied: a diagnostic naming the container path and the operation. */
export interface ApplyToSnapshotError extends Diagnostic<ApplyToSnapshotCode> {
  /** The container path concerned. */
  readonly path: string;
  /** The operation that failed. */
  readonly operation: PlanOperation;
}

/** @deprecated renamed {@link ApplyToSnapshotError}. */
export type ApplyError = ApplyToSnapshotError;

/** A generated host key pair, as the adapter's `ssh-keygen` would produce it. */
export interface HostKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** Options of {@link applyPlanToSnapshot}. */
export interface ApplyOptions {
  /** Produces the key pair of an `ssh-host-key` operation; without it such operations fail. */
  readonly generateHostKey?: (operation: SshHostKeyOperation) => HostKeyPair;
}

const fail = (
  operation: PlanOperation,
  code: ApplyToSnapshotCode,
  path: string,
  message: string,
): E.Either<readonly [ApplyToSnapshotError], never> =>
  E.left([{ ...errorDiagnostic(code, message, { path }), path, operation }]);

/**
 * A file entry whose bytes are encoded on first read: planning records the content of every write
 * in the evolving snapshot, but later steps rarely read it back, and encoding a 20 MB /etc/hosts
 * for nothing is most of a plan's time.
 */
function lazyFile(text: string, mode: number, uid: number, gid: number): FsEntry {
  let bytes: Uint8Array | undefined;
  const entry: FsEntry = {
    kind: 'file',
    get content(): Uint8Array {
      return (bytes ??= textToBytes(text));
    },
    mode,
    uid,
    gid,
  };
  plannedTexts.set(entry, text);
  return entry;
}

/** The text of each file entry a planned write made (so a later step reads it without a round trip). */
const plannedTexts = new WeakMap<FsEntry, string>();

/**
 * The text a planned write put into `entry`, if it was one: what decoding its bytes losslessly
 * would give, without encoding and decoding the whole file again.
 */
export function plannedText(entry: FsEntry): string | undefined {
  return plannedTexts.get(entry);
}

/** Resolves the directory part of `path` (following links) and returns the real target path. */
function locate(
  snapshot: FsSnapshot,
  path: string,
): E.Either<
  { code: ApplyToSnapshotCode; path: string; message: string },
  { target: string; parentOk: boolean }
> {
  const normal = normalizePath(path);
  if (normal === '/') return E.left({ code: 'EISDIR', path: normal, message: 'Is a directory' });
  const parent = resolvePath(snapshot, dirname(normal), true);
  if (E.isLeft(parent)) {
    const [e] = parent.left;
    return E.left({ code: e.code, path: e.path, message: errnoMessage(e.code) });
  }
  const dir = parent.right;
  const target = (dir.path === '/' ? '' : dir.path) + '/' + basename(normal);
  return E.right({ target, parentOk: dir.entry?.kind === 'dir' });
}

function mkdirParents(
  snapshot: FsSnapshot,
  operation: PlanOperation & { op: 'mkdir' },
): E.Either<readonly [ApplyToSnapshotError], FsSnapshot> {
  let snap = snapshot;
  const parts = normalizePath(operation.path)
    .split('/')
    .filter((p) => p !== '');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = '/' + parts.slice(0, i).join('/');
    const r = resolvePath(snap, prefix, true);
    if (E.isLeft(r))
      return fail(operation, r.left[0].code, r.left[0].path, errnoMessage(r.left[0].code));
    const entry = r.right.entry;
    if (entry === undefined) {
      snap = withEntry(snap, r.right.path, {
        kind: 'dir',
        mode: operation.mode,
        uid: operation.owner?.uid ?? 0,
        gid: operation.owner?.gid ?? 0,
      });
    } else if (entry.kind !== 'dir') {
      return fail(operation, 'ENOTDIR', prefix, 'Not a directory');
    }
  }
  return E.right(snap);
}

/** Applies one operation. */
export function applyOperation(
  snapshot: FsSnapshot,
  operation: PlanOperation,
  options: ApplyOptions = {},
): E.Either<readonly [ApplyToSnapshotError], FsSnapshot> {
  if (operation.op === 'mkdir' && operation.parents) return mkdirParents(snapshot, operation);
  const located = locate(snapshot, operation.path);
  if (E.isLeft(located)) {
    // ct_symlink and ct_unlink ignore their errors.
    if (operation.op === 'symlink' || operation.op === 'unlink') return E.right(snapshot);
    return fail(operation, located.left.code, located.left.path, located.left.message);
  }
  const { target, parentOk } = located.right;
  const existing = snapshot.entries.get(target);
  const uid = 'owner' in operation ? (operation.owner?.uid ?? 0) : 0;
  const gid = 'owner' in operation ? (operation.owner?.gid ?? 0) : 0;
  switch (operation.op) {
    case 'write': {
      if (!parentOk) return fail(operation, 'ENOENT', operation.path, 'No such file or directory');
      if (existing?.kind === 'dir')
        return fail(operation, 'EISDIR', operation.path, 'Is a directory');
      return E.right(
        withEntry(snapshot, target, lazyFile(operation.content, operation.mode, uid, gid)),
      );
    }
    case 'mkdir': {
      if (!parentOk) return fail(operation, 'ENOENT', operation.path, 'No such file or directory');
      if (existing !== undefined) return E.right(snapshot);
      return E.right(withEntry(snapshot, target, { kind: 'dir', mode: operation.mode, uid, gid }));
    }
    case 'symlink': {
      if (!parentOk) return E.right(snapshot);
      if (existing !== undefined && (operation.replace !== true || existing.kind === 'dir'))
        return E.right(snapshot);
      return E.right(
        withEntry(snapshot, target, { kind: 'symlink', target: operation.target, uid, gid }),
      );
    }
    case 'unlink': {
      if (existing === undefined || existing.kind === 'dir') return E.right(snapshot);
      return E.right(withoutEntry(snapshot, target));
    }
    case 'ssh-host-key': {
      if (options.generateHostKey === undefined) {
        return fail(
          operation,
          'NO_KEY_GENERATOR',
          operation.path,
          'ssh host keys need a key generator',
        );
      }
      if (!parentOk) return fail(operation, 'ENOENT', operation.path, 'No such file or directory');
      const pair = options.generateHostKey(operation);
      const priv: FsEntry = {
        kind: 'file',
        content: textToBytes(pair.privateKey),
        mode: 0o600,
        uid,
        gid,
      };
      const pub: FsEntry = {
        kind: 'file',
        content: textToBytes(pair.publicKey),
        mode: 0o644,
        uid,
        gid,
      };
      return E.right(withEntry(withEntry(snapshot, target, priv), target + '.pub', pub));
    }
  }
}

/** Applies the operations in order; the first failure stops and is returned. */
export function applyPlanToSnapshot(
  snapshot: FsSnapshot,
  operations: readonly PlanOperation[],
  options: ApplyOptions = {},
): E.Either<readonly [ApplyToSnapshotError], FsSnapshot> {
  let current = snapshot;
  for (const operation of operations) {
    const next = applyOperation(current, operation, options);
    if (E.isLeft(next)) return next;
    current = next.right;
  }
  return E.right(current);
}
