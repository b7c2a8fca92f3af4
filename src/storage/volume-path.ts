/**
 * Volume id → path on a parsed storage.cfg, as pve-storage resolves it for a container (`path` /
 * `map_volume`): dir, nfs, cifs, cephfs and btrfs files under the storage's `path`, LVM and LVM-thin
 * block devices, ZFS datasets and zvols, and Ceph RBD devices (whose path needs the cluster's fsid,
 * a host fact: without it the path carries the placeholder `<fsid>` and says so).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Result } from '../diagnostics/result.js';
import { isPerlTrue } from '../perl/index.js';
import type { StorageConfig, StorageEntry } from './storage-config.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { proxmoxDiagnostic } from './storage-diagnostics.js';
import type { StorageCode, StorageDiagnostic } from './storage-diagnostics.js';
import { CONTENT_SUBDIRS } from './storage-types.js';
import {
  parseDirVolname,
  parseLvmVolname,
  parseRbdVolname,
  parseVolumeId,
  parseZfsVolname,
} from './volume-id.js';
import type { Parsed, Volname } from './volume-id.js';

/** Host facts a path may need. */
export interface VolumePathFacts {
  /** The Ceph cluster fsid: one for every rbd storage, or by storage id. */
  readonly cephFsid?: string | Readonly<Record<string, string>>;
}

export interface VolumePathOptions {
  /** A snapshot of the volume (Proxmox's `snapname`). */
  readonly snapshot?: string;
  readonly facts?: VolumePathFacts;
}

/** A resolved volume: its path, owner and content type, and what a mount needs to know of it. */
export interface VolumePath {
  readonly path: string;
  /** The owning guest id from the volume name, or null. */
  readonly owner: string | null;
  /** `images`, `rootdir`, `iso`, `vztmpl`, `backup`, … */
  readonly vtype: string;
  readonly storeId: string;
  readonly storageType: string;
  /** `raw`, `qcow2`, `subvol`, … */
  readonly format: string;
  /** A base (template) volume. */
  readonly isBase: boolean;
  /** Set when the path holds a placeholder for a host fact (`<fsid>`): a notice says which. */
  readonly notices?: readonly StorageDiagnostic[];
}

const FILE_TYPES = new Set(['dir', 'nfs', 'cifs', 'cephfs', 'btrfs']);

type PathOutcome =
  | { readonly path: string; readonly notices?: readonly StorageDiagnostic[] }
  | { readonly error: StorageDiagnostic };

const fail = (code: StorageCode, text: string, path?: string): { error: StorageDiagnostic } => ({
  error: proxmoxDiagnostic('error', code, text, path === undefined ? {} : { path }),
});

/**
 * `PVE::Storage::path` for a container volume, with Proxmox's error texts (`storage 'x' does not
 * exist`, `unable to parse … volume name …`, `can't snapshot this image format`, …).
 */
export function volumePath(
  storage: StorageConfig,
  volid: string,
  options: VolumePathOptions = {},
): Result<VolumePath, StorageCode> {
  const id = parseVolumeId(volid);
  if ('error' in id) return E.left([fail('VOLUME_ID_INVALID', id.error).error]);
  const { storeId, volname } = id.ok;
  const entry = Object.prototype.hasOwnProperty.call(storage.ids, storeId)
    ? storage.ids[storeId]
    : undefined;
  if (entry === undefined || entry === null)
    return E.left([
      fail('STORAGE_NOT_FOUND', `storage '${storeId}' does not exist\n`, storeId).error,
    ]);
  const parse = volnameParserOf(entry.type);
  if (parse === undefined)
    return E.left([
      diagnostic(
        'error',
        'STORAGE_TYPE_UNSUPPORTED' as const,
        `volume paths on storage type '${entry.type}' are not modelled by pctkit`,
        {
          path: storeId,
        },
      ),
    ]);
  const parsed = parse(volname);
  if ('error' in parsed) return E.left([fail('VOLUME_NAME_INVALID', parsed.error, volid).error]);
  const v = parsed.ok;
  const outcome = resolve(entry, storeId, v, options);
  if ('error' in outcome) return E.left([outcome.error]);
  return E.right({
    path: outcome.path,
    owner: v.vmid,
    vtype: v.vtype,
    storeId,
    storageType: entry.type,
    format: v.format,
    isBase: v.isBase,
    ...(outcome.notices !== undefined ? { notices: outcome.notices } : {}),
  });
}

/** The volume name parser of a storage type; undefined for types pctkit does not model. */
export function volnameParserOf(type: string): ((volname: string) => Parsed<Volname>) | undefined {
  if (FILE_TYPES.has(type)) return parseDirVolname;
  if (type === 'lvm' || type === 'lvmthin') return parseLvmVolname;
  if (type === 'zfspool') return parseZfsVolname;
  if (type === 'rbd') return parseRbdVolname;
  return undefined;
}

function text(entry: StorageEntry, key: string): string | undefined {
  const v = entry[key];
  return typeof v === 'string' ? v : undefined;
}

/** `get_subdir`: the content type's directory under the storage path. */
function subdir(entry: StorageEntry, vtype: string): string {
  const dirs = entry['content-dirs'] as Readonly<Record<string, string>> | undefined;
  const custom =
    dirs !== undefined && Object.prototype.hasOwnProperty.call(dirs, vtype)
      ? dirs[vtype]
      : undefined;
  return `${text(entry, 'path') ?? ''}/${custom ?? CONTENT_SUBDIRS.get(vtype) ?? vtype}`;
}

function resolve(
  entry: StorageEntry,
  storeId: string,
  v: Volname,
  options: VolumePathOptions,
): PathOutcome {
  const snap = options.snapshot;
  switch (entry.type) {
    case 'btrfs':
      if (v.vtype === 'images' && (v.format === 'raw' || v.format === 'subvol')) {
        const dir = `${subdir(entry, v.vtype)}/${v.vmid as string}`;
        const suffix = isPerlTrue(snap) ? `@${snap as string}` : '';
        if (v.format === 'raw')
          return { path: `${dir}/${v.name.replace(/\.raw$/, '')}${suffix}/disk.raw` };
        return { path: `${dir}/${v.name}${suffix}` };
      }
      return filePath(entry, v, snap);
    case 'lvm':
      if (snap !== undefined)
        return fail(
          'SNAPSHOT_UNSUPPORTED',
          'lvm snapshot is not implemented at /usr/share/perl5/PVE/Storage/LVMPlugin.pm line 567.\n',
        );
      return { path: `/dev/${text(entry, 'vgname') ?? ''}/${v.name}` };
    case 'lvmthin': {
      const name = isPerlTrue(snap) ? `snap_${v.name}_${snap as string}` : v.name;
      return { path: `/dev/${text(entry, 'vgname') ?? ''}/${name}` };
    }
    case 'zfspool': {
      const pool = text(entry, 'pool') ?? '';
      const base = /^(?:subvol|basevol)-/.test(v.name)
        ? `${text(entry, 'mountpoint') ?? `/${pool}`}/${v.name}`
        : `/dev/zvol/${pool}/${v.name}`;
      return { path: snap !== undefined ? `${base}@${snap}` : base };
    }
    case 'rbd':
      return rbdPath(entry, storeId, v, snap, options.facts);
    default:
      return filePath(entry, v, snap);
  }
}

/** The file storages' rule: `<path>/<subdir>[/<vmid>]/<name>`; only qcow2/qed have snapshots. */
function filePath(entry: StorageEntry, v: Volname, snap: string | undefined): PathOutcome {
  if (snap !== undefined && v.format !== 'qcow2' && v.format !== 'qed')
    return fail('SNAPSHOT_UNSUPPORTED', "can't snapshot this image format\n");
  const dir = subdir(entry, v.vtype) + (v.vtype === 'images' ? `/${v.vmid as string}` : '');
  return { path: `${dir}/${v.name}` };
}

function rbdPath(
  entry: StorageEntry,
  storeId: string,
  v: Volname,
  snap: string | undefined,
  facts: VolumePathFacts | undefined,
): PathOutcome {
  const fsids = facts?.cephFsid;
  const fsid =
    typeof fsids === 'string'
      ? fsids
      : fsids !== undefined && Object.prototype.hasOwnProperty.call(fsids, storeId)
        ? fsids[storeId]
        : undefined;
  const namespace = text(entry, 'namespace');
  const name = isPerlTrue(snap) ? `${v.name}@${snap as string}` : v.name;
  const path = `/dev/rbd-pve/${fsid ?? '<fsid>'}/${text(entry, 'pool') ?? 'rbd'}${namespace !== undefined ? `/${namespace}` : ''}/${name}`;
  if (fsid !== undefined) return { path };
  return {
    path,
    notices: [
      diagnostic(
        'notice',
        'RBD_FSID_UNKNOWN' as const,
        `the path of an rbd volume needs the Ceph cluster's fsid (storage '${storeId}'): '<fsid>' stands for it`,
        {
          path: storeId,
        },
      ),
    ],
  };
}
