/**
 * pctkit/setup — the setup Proxmox performs inside a container at create and start, as data:
 * `planSetup` computes the file operations of a hook for the detected distribution (hostname,
 * hosts, network in the distribution's own format, DNS, root password, keys, …) and
 * `applyPlanToSnapshot` applies them to an in-memory filesystem snapshot; `pctkit/effects`' `applyPlanToRootfs`
 * applies them to a real rootfs. Also the operation types a plan holds, setup hooks and OS inputs,
 * host DNS, the ssh host key types, and the error and warning codes. (The root exports the plan's
 * shape, `SetupPlan` and `PlanOperation`, but not the planners: they hold every distribution's
 * setup code, which a page that only reads configs should not load.)
 * @packageDocumentation
 */
export { planSetup } from './plan-setup.js';
export type { SetupInput, SetupPlan } from './plan-setup.js';
export type { SetupError } from './setup-error.js';
export type { PlanOperation } from './plan.js';
export { applyPlanToSnapshot } from './apply-to-snapshot.js';
export type { ApplyOptions } from './apply-to-snapshot.js';
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
