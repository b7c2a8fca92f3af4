/**
 * pctkit/setup — the parts of setup plans beyond the root's `planSetup` and `applyPlan`: the
 * operation types a plan holds, setup hooks and OS inputs, host DNS, the ssh host key types, and
 * the error codes.
 * @packageDocumentation
 */
export { SSH_HOST_KEY_TYPES } from './plan-setup.js';
export type { SetupHook, SetupOsInput } from './plan-setup.js';
export type { SetupErrorCode, SetupWarning, SetupWarningCode } from './setup-error.js';
export type { HostDns } from './setup-settings.js';
export type { ApplyError, ApplyToSnapshotCode, HostKeyPair } from './apply-to-snapshot.js';
export type {
  WriteFileOperation,
  MakeDirectoryOperation,
  SymlinkOperation,
  UnlinkOperation,
  SshHostKeyOperation,
  Owner,
} from './plan.js';
export { NIL_UUID } from '../random/uuid.js';
export type { ApplyToSnapshotError } from './apply-to-snapshot.js';
