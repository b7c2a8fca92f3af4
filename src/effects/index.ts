/**
 * pctkit/effects — the Node-only adapter: the only part of pctkit that touches a real filesystem.
 * Read a container rootfs into an `FsSnapshot` ({@link readRootfs}), apply a setup plan to it
 * safely ({@link applyPlanToRootfs}, also as a dry run), and generate ssh host keys with the host's
 * `ssh-keygen`. Linux only (it resolves paths through `/proc/self/fd`). Errors are values.
 * @packageDocumentation
 */
export { writeFileAtomic } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
export type { EffectsError, EffectsErrorCode } from './effects-error.js';
export { DEFAULT_ROOTFS_PATHS, checkRootfs, readRootfs } from './read-rootfs.js';
export type { ReadRootfsOptions } from './read-rootfs.js';
export { applyPlanToRootfs } from './apply-to-rootfs.js';
export type {
  ApplyFailure,
  ApplyPlanOptions,
  ApplyProgress,
  ApplyReport,
  ChangeKind,
  FileDiff,
  HostKeyPolicy,
  OperationOutcome,
} from './apply-report.js';
export { isMatchingPair, sshKeygenGenerator } from './ssh-host-keys.js';
export type { HostKeyGenerator, HostKeyPair, SshKeygenOptions } from './ssh-host-keys.js';
export { readHostFacts, type ReadHostFactsOptions } from './host-facts.js';
export * from './extract/index.js';
