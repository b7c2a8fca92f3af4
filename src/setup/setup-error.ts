/**
 * Errors of setup planning. Proxmox aborts a hook with `die` at these points (the steps already
 * executed stay on disk); here they are diagnostics carrying Proxmox's message text.
 */
import { errorDiagnostic, warningDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanOperation } from './plan.js';

/** What went wrong, by kind. */
export type SetupErrorCode =
  /** A file that Proxmox reads unconditionally could not be read (`can't open '<P>' - …`). */
  | 'SETUP_READ_FAILED'
  /** A write, mkdir or similar could not be carried out (missing directory, directory in the way). */
  | 'SETUP_WRITE_FAILED'
  /** The OS type has no setup plugin (`no such OS type '<type>'`). */
  | 'SETUP_UNKNOWN_OS_TYPE'
  /** A config value the setup needs has an unusable shape (e.g. `unable to parse ipv4 address/mask`). */
  | 'SETUP_INVALID_CONFIG'
  /** root's home directory does not exist (`home directory '<home>' of root does not exist!`). */
  | 'SETUP_MISSING_HOME'
  /** The root password was not given as a crypt hash (planning never hashes plain text). */
  | 'SETUP_PASSWORD_NOT_HASHED'
  /** The hook name is not one of the supported hooks. */
  | 'SETUP_UNKNOWN_HOOK';

/** What planning warns about and goes on (pctkit's wording, so no `proxmoxText`). */
export type SetupWarningCode =
  /** `timezone: host`, but the host's zone is not known (`host time zone not known, …`). */
  | 'SETUP_TIMEZONE_UNKNOWN'
  /** The container has no file for the zone (`container does not have <path>, timezone can not be modified`). */
  | 'SETUP_TIMEZONE_MISSING'
  /** Debian without systemd: the snakeoil key-pair cannot be regenerated at first boot. */
  | 'SETUP_SNAKEOIL_NOT_REGENERATED'
  /** … so the template's shared snakeoil key-pair is removed (regenerate it with `make-ssl-cert`). */
  | 'SETUP_SNAKEOIL_REMOVED';

/** A planning warning. */
export type SetupWarning = Diagnostic<SetupWarningCode>;

/** Builds a {@link SetupWarning}. */
export function setupWarning(code: SetupWarningCode, message: string): SetupWarning {
  return warningDiagnostic(code, message);
}

/** A planning failure: `message` (and `proxmoxText`, where Proxmox dies the same way) is Proxmox's text. */
export interface SetupError extends Diagnostic<SetupErrorCode> {
  /**
   * The operations planned before the failure: Proxmox has already executed them when it dies,
   * so an adapter that wants Proxmox's exact end state applies these.
   */
  readonly operations?: readonly PlanOperation[];
}

/** Builds a {@link SetupError}. */
export function setupError(
  code: SetupErrorCode,
  message: string,
  operations?: readonly PlanOperation[],
): SetupError {
  // pctkit's own refusals have no Proxmox text; every other code is where Proxmox dies.
  const own = code === 'SETUP_PASSWORD_NOT_HASHED' || code === 'SETUP_UNKNOWN_HOOK';
  return {
    ...errorDiagnostic(code, message, own ? {} : { proxmoxText: `${message}\n` }),
    ...(operations !== undefined ? { operations } : {}),
  };
}
