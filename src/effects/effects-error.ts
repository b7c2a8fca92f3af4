/**
 * Errors of the effects adapter, as values: a code, the container path concerned and a message a
 * person can act on. Inside the adapter they travel as a thrown {@link EffectsFailure}; every public
 * function catches it and returns an `Either`, so nothing is thrown out of the public API.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanOperation } from '../setup/plan.js';

export type EffectsErrorCode =
  /** A path component (or the final path where it must exist) does not exist. */
  | 'ENOENT'
  /** A path component that must be a directory is not one. */
  | 'ENOTDIR'
  /** Too many symbolic links while resolving (a loop). */
  | 'ELOOP'
  /** A directory where a file was expected. */
  | 'EISDIR'
  /** An invalid path or argument. */
  | 'EINVAL'
  /** A path component changed between the snapshot (or the resolution) and the write: refused. */
  | 'CHANGED'
  /** The rootfs argument is not a usable directory (or is `/`). */
  | 'INVALID_ROOTFS'
  /** `/proc/self/fd` is not available (needed for `openat`-like resolution). */
  | 'NO_PROC_FD'
  /** A file is larger than the reader's limit, or a directory tree has too many entries. */
  | 'TOO_LARGE'
  /** `ssh-keygen` could not be found on the host. */
  | 'SSH_KEYGEN_MISSING'
  /** `ssh-keygen` ran and failed. */
  | 'SSH_KEYGEN_FAILED'
  /** A failure injected by a test (`failAfter`). */
  | 'INJECTED_FAILURE'
  /** Any other system error (the message carries the errno code). */
  | 'IO';

/** A failure of the adapter: a Diagnostic whose `path` is the container path and `message` a full sentence naming it. */
export interface EffectsError extends Diagnostic<EffectsErrorCode> {
  /** The container path concerned (absolute, `/` is the rootfs). */
  readonly path: string;
  /** Index in the plan of the operation that failed (apply only). */
  readonly operationIndex?: number;
  /** The operation that failed (apply only). */
  readonly operation?: PlanOperation;
}

/** The internal carrier of an {@link EffectsError}; never escapes the public API. */
export class EffectsFailure extends Error {
  constructor(readonly error: EffectsError) {
    super(error.message);
    this.name = 'EffectsFailure';
  }
}

/** Throws an {@link EffectsFailure}. */
export function fail(code: EffectsErrorCode, path: string, message: string): never {
  throw new EffectsFailure(effectsError(code, path, message));
}

/** Builds an {@link EffectsError}. */
export function effectsError(code: EffectsErrorCode, path: string, message: string): EffectsError {
  return { code, severity: 'error', path, message };
}

const KNOWN_CODES = new Set<string>(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR', 'EINVAL']);

/** Converts anything thrown (a Node system error or an EffectsFailure) to an {@link EffectsError}. */
export function toEffectsError(thrown: unknown, path: string, doing: string): EffectsError {
  if (thrown instanceof EffectsFailure) return thrown.error;
  const errno = (thrown as { code?: unknown } | null)?.code;
  const syscall = (thrown as { syscall?: unknown } | null)?.syscall;
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  if (typeof errno === 'string') {
    const code = (KNOWN_CODES.has(errno) ? errno : 'IO') as EffectsErrorCode;
    const call = typeof syscall === 'string' ? ` in ${syscall}` : '';
    return effectsError(code, path, `${doing} ${path}: ${errno}${call}`);
  }
  return effectsError('IO', path, `${doing} ${path}: ${text}`);
}
