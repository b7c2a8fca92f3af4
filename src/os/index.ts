/**
 * pctkit/os — filesystem snapshots with chroot path semantics (the whole `FsSnapshot` API: resolve,
 * stat, read, list, derive) and the tables and parts of OS detection (OS types, plugin classes, ID
 * aliases, `os-release` parsing). The root export has `fsSnapshot`, `detectOs` and `detectArch`.
 * @packageDocumentation
 */
export {
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
} from './fs-snapshot.js';
export type {
  FsEntry,
  FileEntry,
  DirEntry,
  SymlinkEntry,
  FsError,
  FsResult,
  FsErrorCode,
  Resolved,
} from './fs-snapshot.js';
export { isOsType, OS_TYPES, PLUGIN_CLASSES, OS_ID_ALIASES } from './detect.js';
export type {
  PluginClass,
  DetectionErrorCode,
  DetectionWarning,
  DetectionWarningCode,
  ArchOutcome,
} from './detect.js';
export type { ArchDetectionFailure, ArchFailureCode } from './arch.js';
export { parseOsRelease, readOsRelease } from './os-release.js';
export type { OsRelease } from './os-release.js';
export { encodeUtf8, decodeUtf8 } from '../encoding/utf8.js';
