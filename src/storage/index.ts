export { parseStorageConfig, isStorageId } from './storage-config.js';
export type { StorageConfig, StorageEntry, ParseStorageOptions } from './storage-config.js';
export { proxmoxWarnings } from './storage-diagnostics.js';
export type { StorageCode, StorageDiagnostic } from './storage-diagnostics.js';
export { storageConfigJson, sortedJson } from './storage-json.js';
export { volumePath, parseVolname } from './volume-path.js';
export type { VolumePath, VolumePathOptions, VolumePathFacts } from './volume-path.js';
export { parseVolumeId } from './volume-id.js';
export type { VolumeId, Volname } from './volume-id.js';
