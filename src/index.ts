/**
 * pctkit — Proxmox VE container configs, OS detection and setup plans, as pure code.
 *
 * The pure core: no Node built-ins, no clock, no randomness, no environment. The effects adapter
 * (reading a real rootfs, applying plans) is the `pctkit/effects` subpath.
 * @packageDocumentation
 */

// Config files: the lossless document
export { parseDocument, printDocument, documentLines, scanLines } from './config/document.js';
export type { ConfigDocument, DocumentSection, DocumentLine, LineKind, LineContent } from './config/document.js';

// Config files: Proxmox's reader and writer
export { readConfig, readConfigStrict } from './config/reader.js';
export type { ReadOptions, ReadResult } from './config/reader.js';
export { writeConfig, usedVolumeIds } from './config/writer.js';
export type { WriteError } from './config/writer.js';
export { emptyConfig, emptySection } from './config/model.js';
export type { ConfigSection, ConfigValue, PctConfig } from './config/model.js';
export { formatDiagnostic, formatProxmoxMessages } from './config/diagnostic.js';
export type { Diagnostic, DiagnosticCode, Severity } from './config/diagnostic.js';
export { toProxmoxJson } from './config/proxmox-json.js';
export type { ProxmoxConfigJson, ProxmoxSectionJson } from './config/proxmox-json.js';
export { decodeText, encodeText } from './config/description-codec.js';
export { checkLxcKey } from './config/lxc-keys.js';
export type { LxcKeyVerdict } from './config/lxc-keys.js';

// Text utilities
export { unifiedDiff } from './text/unified-diff.js';
export { encodeUtf8, decodeUtf8 } from './encoding/utf8.js';

// Config operations: pct set, pending and hotplug, snapshots, format-preserving edits
export {
  parsePendingDelete,
  printPendingDelete,
  addPendingDelete,
  removePendingDelete,
  cleanupPending,
} from './ops/pending-delete.js';
export { setConfig, clampCpuUnits, uniqueTags } from './ops/set-config.js';
export type { SetRequest, SetHost, SetResult, SetFailure, TagStyle } from './ops/set-config.js';
export {
  applyPending,
  hotplugPending,
  revertPending,
  pendingChanges,
  canonicalNet,
  FAST_PLUG_KEYS,
} from './ops/apply-pending.js';
export type { PendingHost, ApplyResult, PendingChange } from './ops/apply-pending.js';
export type { ConfigAction } from './ops/actions.js';
export {
  snapshotPrepare,
  snapshotCommit,
  snapshotCreate,
  snapshotDelete,
  snapshotRollback,
  copySnapshotConfig,
} from './ops/snapshot.js';
export type {
  SnapshotOutcome,
  SnapshotError,
  PrepareOptions,
  DeleteOptions,
  RollbackOptions,
} from './ops/snapshot.js';
export { recordingHost } from './ops/snapshot-host.js';
export type { SnapshotHost, SnapshotStorage, GuestControl, HostCall } from './ops/snapshot-host.js';
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
export { randomMacAddress, DEFAULT_MAC_PREFIX } from './ops/mac-address.js';

// Filesystem snapshots (chroot path semantics)
export {
  fsSnapshot,
  fsSnapshotFromEntries,
  normalizePath,
  resolvePath,
  statPath,
  lstatPath,
  isFile,
  isDirectory,
  isSymlink,
  exists,
  readFile,
  readTextFile,
  readLink,
  listDirectory,
  withEntry,
  withoutEntry,
} from './os/fs-snapshot.js';
export type {
  FsSnapshot,
  FsEntry,
  FileEntry,
  DirEntry,
  SymlinkEntry,
  FsEntryInput,
  FsError,
  FsErrorCode,
  Resolved,
} from './os/fs-snapshot.js';

// OS and architecture detection
export { detectOs, detectArch, isOsType, OS_TYPES, PLUGIN_CLASSES, OS_ID_ALIASES } from './os/detect.js';
export type {
  OsType,
  PluginClass,
  DetectConfig,
  DetectOptions,
  Detection,
  DetectionError,
  DetectionErrorCode,
  ArchOutcome,
} from './os/detect.js';
export type { Arch } from './os/arch.js';
export { parseOsRelease, readOsRelease } from './os/os-release.js';
export type { OsRelease } from './os/os-release.js';

// Random and UUID sources (parameters of the pure core)
export { drand48 } from './random/drand48.js';
export type { RandomSource } from './random/random-source.js';
export { NIL_UUID, uuidV4Source } from './random/uuid.js';

// Setup plans
export { planSetup, SSH_HOST_KEY_TYPES } from './setup/plan-setup.js';
export type { SetupHook, SetupInput, SetupOsInput, SetupPlan } from './setup/plan-setup.js';
export type { SetupError, SetupErrorCode } from './setup/setup-error.js';
export type { HostDns } from './setup/setup-settings.js';
export { applyPlan } from './setup/apply-plan.js';
export type { ApplyError, ApplyOptions, HostKeyPair } from './setup/apply-plan.js';
export type {
  PlanOperation,
  WriteFileOperation,
  MakeDirectoryOperation,
  SymlinkOperation,
  UnlinkOperation,
  SshHostKeyOperation,
  Owner,
} from './setup/plan.js';

// Property strings and value checks (the schema)
export { parsePropertyString, printPropertyString, parseBoolean } from './schema/property-string.js';
export type {
  ParsedPropertyString,
  PropertySchema,
  PropertyStringFailure,
  PropertyStringFormat,
  PropertyType,
  PropertyValue,
} from './schema/property-string.js';
export {
  netFormat,
  rootfsFormat,
  mountPointFormat,
  featuresFormat,
  deviceFormat,
  unusedFormat,
  propertyStringFormats,
  parseVolume,
  printVolume,
  parseDevice,
  printDevice,
} from './schema/formats/index.js';
export type {
  PropertyStringFormatName,
  ParsedVolume,
  MountPointType,
  IdmapEntry,
} from './schema/formats/index.js';
export type { FormatName, SimpleFormatName } from './schema/simple-formats.js';
export type { PrintableData, PrintOptions } from './schema/print-property-string.js';
export { checkConfigValue, checkApiValue } from './schema/check-value.js';
export type { ValueCheckFailure, ValueCheckOptions } from './schema/check-value.js';
export { allSchemaKeys } from './schema/container-schema.js';
export { schemaKey } from './schema/key-registry.js';
export type { ContainerKeySchema } from './schema/container-schema.js';
export { parseSize, formatSize } from './schema/disk-size.js';

// The typed view: every property and property string as io-ts codecs, two levels of checking
export {
  decodeConfig,
  encodeConfig,
  TypedConfig,
  ContainerConfig,
  PendingChanges,
  SnapshotConfig,
  NetInterface,
  netCodec,
  MountPoint,
  RootFs,
  mountPointCodec,
  rootfsCodec,
  Features,
  featuresCodec,
  DevicePassthrough,
  deviceCodec,
  UnusedVolume,
  unusedCodec,
  StartupOrder,
  startupCodec,
  PendingDelete,
  LxcSettings,
  LxcIdmapEntry,
  LxcMountEntry,
  LxcDeviceRule,
  lxcSettings,
  CidrAddress,
  Ipv4Config,
  Ipv6Config,
  MountIdmap,
  MountIdmapEntry,
  readerCodecs,
  apiCodecs,
  propertyCodec,
  formatTypedDiagnostic,
  isKnown,
  openEnum,
} from './typed/index.js';
export type {
  DecodeOptions,
  DecodedConfig,
  EncodeOptions,
  CheckLevel,
  OpenEnum,
  ValueFailure,
  TextCodec,
  TypedDiagnostic,
  TypedDiagnosticCode,
} from './typed/index.js';
