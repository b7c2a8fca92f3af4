/**
 * pctkit — Proxmox VE container configs, OS detection and setup plans, as pure code.
 *
 * The root export is what a user of the README needs, by task: read and write a config, edit it
 * (`pct set`, pending changes, format-preserving edits), snapshots, detect a container's OS, and the
 * shape of a setup plan. Everything else is a named subpath: `pctkit/config` (the lossless document
 * and the reader's parts), `pctkit/schema` (property strings, formats, value checks, typed codecs),
 * `pctkit/os` (filesystem snapshots and OS detection tables), `pctkit/setup` (the setup planners),
 * `pctkit/effects` (the Node adapter) and `pctkit/testing` (fast-check arbitraries).
 *
 * The pure core: no Node built-ins, no clock, no randomness, no environment.
 * @packageDocumentation
 */

// Read and write: Proxmox's reader and canonical writer, the typed view, diagnostics
export { readConfig, readConfigStrict } from './config/reader.js';
export type { ReadOptions, ReadResult } from './config/reader.js';
export { writeConfig } from './config/writer.js';
export type { WriteError } from './config/writer.js';
export { emptyConfig } from './config/model.js';
export type { ConfigSection, ConfigValue, PctConfig } from './config/model.js';
export { formatDiagnostic } from './config/diagnostic.js';
export type { ConfigDiagnostic, DiagnosticCode } from './config/diagnostic.js';
export { proxmoxTextOf } from './diagnostics/index.js';
export type { Diagnostic, Failure, Result } from './diagnostics/index.js';
export {
  decodeConfig,
  encodeConfig,
  TypedConfig,
  ContainerConfig,
  formatTypedDiagnostic,
} from './typed/index.js';
export type {
  DecodeOptions,
  DecodedConfig,
  EncodeOptions,
  CheckLevel,
  TypedDiagnostic,
} from './typed/index.js';

// Edit: pct set, pending changes and hotplug, format-preserving edits of the file's text
export { setConfig } from './ops/set-config.js';
export type { SetRequest, SetHost, SetResult } from './ops/set-config.js';
export {
  applyPending,
  hotplugPending,
  revertPending,
  pendingChanges,
} from './ops/apply-pending.js';
export type { PendingHost, ApplyResult, PendingChange } from './ops/apply-pending.js';
export type { ConfigAction } from './ops/actions.js';
export {
  setKey,
  deleteKey,
  appendLxcLine,
  applyEdits,
  rewritePreservingFormat,
  MAIN_SECTION,
  PENDING_SECTION,
} from './ops/edit.js';
export type { Edit, EditError } from './ops/edit.js';
export { parseDocument, printDocument } from './config/document.js';
export type { ConfigDocument } from './config/document.js';

// Snapshots
export {
  snapshotCreate,
  snapshotDelete,
  snapshotRollback,
  snapshotPrepare,
  snapshotCommit,
} from './ops/snapshot.js';
export type {
  SnapshotOutcome,
  SnapshotError,
  PrepareOptions,
  DeleteOptions,
  RollbackOptions,
} from './ops/snapshot.js';
export { recordingHost } from './ops/snapshot-host.js';
export type { SnapshotHost } from './ops/snapshot-host.js';

// Detect: a container's OS and architecture from a filesystem snapshot
export { fsSnapshot, fsSnapshotFromEntries } from './os/fs-snapshot.js';
export type { FsSnapshot, FsEntryInput } from './os/fs-snapshot.js';
export { detectOs, detectArch } from './os/detect.js';
export type {
  OsType,
  DetectConfig,
  DetectOptions,
  Detection,
  DetectionError,
} from './os/detect.js';
export type { Arch } from './os/arch.js';

// Plans as data: the setup plan's shape (the planners themselves are `pctkit/setup`'s `planSetup`
// and `applyPlanToSnapshot`, so that a page importing the root does not load every distribution's
// setup code)
export type { SetupPlan } from './setup/plan-setup.js';
export type { PlanOperation } from './setup/plan.js';

// Random sources (parameters of the pure core)
export { drand48 } from './random/drand48.js';
export type { RandomSource } from './random/random-source.js';
export { uuidV4Source } from './random/uuid.js';
