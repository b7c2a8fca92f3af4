/**
 * Errors of setup planning. Proxmox aborts a hook with `die` at these points (the steps already
 * executed stay on disk); here they are values carrying Proxmox's message text.
 */
import type { PlanOperation } from './plan.js';

/** What went wrong, by kind. */
export type SetupErrorCode =
  /** A file that Proxmox reads unconditionally could not be read (`can't open '<P>' - …`). */
  | 'read-failed'
  /** A write, mkdir or similar could not be carried out (missing directory, directory in the way). */
  | 'write-failed'
  /** The OS type has no setup plugin (`no such OS type '<type>'`). */
  | 'unknown-os-type'
  /** The OS version (from detection or read again by a step) is missing, unparsable or unsupported. */
  | 'unsupported-version'
  /** A config value the setup needs has an unusable shape (e.g. `unable to parse ipv4 address/mask`). */
  | 'invalid-config'
  /** root's home directory does not exist (`home directory '<home>' of root does not exist!`). */
  | 'missing-home'
  /** The root password was not given as a crypt hash (planning never hashes plain text). */
  | 'password-not-hashed'
  /** The hook name is not one of the supported hooks. */
  | 'unknown-hook';

/** A planning failure. */
export interface SetupError {
  readonly code: SetupErrorCode;
  /** Proxmox's message for the same failure, where it has one. */
  readonly message: string;
  /**
   * The operations planned before the failure: Proxmox has already executed them when it dies,
   * so an adapter that wants Proxmox's exact end state applies these.
   */
  readonly operations?: readonly PlanOperation[];
}

/** Builds a {@link SetupError}. */
export function setupError(code: SetupErrorCode, message: string): SetupError {
  return { code, message };
}
