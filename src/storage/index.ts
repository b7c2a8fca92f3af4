/**
 * `pctkit/storage`: Proxmox VE's `/etc/pve/storage.cfg` and the mounts of a container start, as
 * pure code. {@link parseStorageConfig} reads the file as Proxmox does (its warnings as diagnostics
 * with Proxmox's text and line numbers, the synthesized `local`, default `content`, forced
 * `shared`); {@link writeStorageConfig} writes it canonically; {@link volumePath} resolves a volume
 * id to its path on dir, nfs, cifs, cephfs, btrfs, lvm, lvmthin, zfspool and rbd storages with
 * Proxmox's errors. The mounts of a start built on them are `planMounts` in `pctkit/start`.
 * Nothing here touches the host: host facts (node name, Ceph fsid, device nodes, the rootfs) are
 * parameters.
 *
 * @packageDocumentation
 */
export { parseStorageConfig, isStorageId } from './storage-config.js';
export type { StorageConfig, StorageEntry, ParseStorageOptions } from './storage-config.js';
export { proxmoxWarnings } from './storage-diagnostics.js';
export type { StorageCode, StorageDiagnostic } from './storage-diagnostics.js';
export { storageConfigJson, sortedJson } from './storage-json.js';
export { volumePath } from './volume-path.js';
export { parseVolumeId, parseVolname } from './volume-names.js';
export type { VolumePath, VolumePathOptions, VolumePathFacts } from './volume-path.js';
export type { VolumeId, Volname } from './volume-id.js';
export { writeStorageConfig } from './storage-writer.js';
export type { StorageValue } from './storage-values.js';
