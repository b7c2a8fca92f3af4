/**
 * The `rootfs` and `mp[n]` property-string formats and Proxmox's mount-point wrapper
 * (`parse_volume` / `print_volume`), which also covers `unused[n]`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { parseSize } from '../disk-size.js';
import { parsePropertyString } from '../property-string.js';
import { printPropertyString } from '../print-property-string.js';
import type {
  ParsedPropertyString,
  PropertySchema,
  PropertyStringFailure,
  PropertyStringFormat,
  PropertyValue,
} from '../property-schema.js';
import { unusedFormat } from './unused.js';

const MOUNT_OPTION = '(?:discard|lazytime|noatime|nodev|noexec|nosuid)';
const IDMAP_ENTRY = '[ug]:[0-9]+:[0-9]+:[1-9][0-9]*';

/** The keys `rootfs` and `mp[n]` share. `volume` is the default key and required. */
const volumeKeys = {
  volume: {
    type: 'string',
    format: 'pve-lxc-mp-string',
    defaultKey: true,
    description:
      'Volume, device or directory to mount (STORAGE:VOLUME, /dev/…, a host path, or STORAGE:SIZE_IN_GiB to allocate).',
    formatDescription: 'volume',
  },
  size: {
    type: 'string',
    format: 'disk-size',
    optional: true,
    description: 'Volume size (read only).',
    formatDescription: 'DiskSize',
  },
  acl: {
    type: 'boolean',
    optional: true,
    description: 'Explicitly enable or disable ACL support.',
  },
  mountoptions: {
    type: 'string',
    pattern: `${MOUNT_OPTION}(?:;${MOUNT_OPTION})*`,
    optional: true,
    description: 'Extra mount options, separated by `;`.',
    formatDescription: 'opt[;opt...]',
  },
  idmap: {
    type: 'string',
    pattern: `passthrough|${IDMAP_ENTRY}(?:;${IDMAP_ENTRY})*`,
    optional: true,
    description:
      'ID mapping of the mount: `passthrough`, or `u|g:<ct id>:<disk id>:<count>` entries separated by `;`.',
    formatDescription: 'idmap',
  },
  ro: {
    type: 'boolean',
    optional: true,
    description: 'Read-only mount.',
  },
  quota: {
    type: 'boolean',
    optional: true,
    description: 'Enable user quotas inside the container.',
  },
  replicate: {
    type: 'boolean',
    default: 1,
    optional: true,
    description: 'Include this volume in storage replica jobs.',
  },
  shared: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Mark a non-volume mount point as available on all nodes.',
  },
} as const satisfies PropertyStringFormat;

/** `rootfs`: the container's root volume. */
export const rootfsFormat = volumeKeys satisfies PropertyStringFormat;

/** `mp0`…`mp255`: additional mount points; `mp` (the path inside the container) is required. */
export const mountPointFormat = {
  ...volumeKeys,
  mp: {
    type: 'string',
    format: 'pve-lxc-mp-string',
    description: 'Path inside the container where the volume is mounted.',
    formatDescription: 'Path',
  },
  backup: {
    type: 'boolean',
    optional: true,
    description: 'Include the volume in backups (volume mount points only).',
  },
  keepattrs: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Keep the attributes of the mount point directory as they are.',
  },
} as const satisfies Readonly<Record<string, PropertySchema>>;

/** What a mount point's volume is: a storage volume, a host device, or a host directory. */
export type MountPointType = 'volume' | 'bind' | 'device';

/** One `idmap` entry: kind, container id, disk id, count (as the digit strings given). */
export type IdmapEntry = readonly [string, string, string, string];

/** A mount point as `parse_volume` returns it. */
export interface ParsedVolume {
  readonly type: MountPointType;
  readonly volume: string;
  /** Mount path; `/` for `rootfs`. */
  readonly mp?: string;
  /** Size in bytes. */
  readonly size?: number;
  /** `passthrough`, or the parsed entries. */
  readonly idmap?: string | readonly IdmapEntry[];
  readonly [key: string]: PropertyValue | readonly IdmapEntry[] | undefined;
}

/** Which format a config key's mount-point value uses. */
type VolumeKind = 'rootfs' | 'mp' | 'unused';

function volumeKind(key: string): VolumeKind | undefined {
  if (key === 'rootfs') return 'rootfs';
  if (/^mp[0-9]+$/.test(key)) return 'mp';
  if (/^unused[0-9]+$/.test(key)) return 'unused';
  return undefined;
}

const FORMAT_BY_KIND: Readonly<Record<VolumeKind, PropertyStringFormat>> = {
  rootfs: rootfsFormat,
  mp: mountPointFormat,
  unused: unusedFormat,
};

/** `classify_mountpoint`: `/dev/…` is a device, another absolute path a bind mount. */
export function classifyMountPoint(volume: string): MountPointType {
  if (volume.startsWith('/')) return volume.startsWith('/dev/') ? 'device' : 'bind';
  return 'volume';
}

function parseIdmap(idmap: string): string | IdmapEntry[] {
  if (idmap === 'passthrough') return idmap;
  return idmap.split(';').map((entry) => entry.split(':') as unknown as IdmapEntry);
}

/**
 * `parse_volume(key, input)` for `rootfs`, `mpN` and `unusedN`: the property string plus `type`,
 * `size` in bytes, `idmap` as entries, and `mp: "/"` for rootfs.
 */
export function parseVolume(
  key: string,
  input: string,
): Either<PropertyStringFailure, ParsedVolume> {
  const kind = volumeKind(key);
  if (kind === undefined) {
    return E.left({
      kind: 'volume-key',
      message: `parse_volume - unknown type: ${key}\n`,
      fields: {},
    });
  }
  return E.chain((parsed: ParsedPropertyString): Either<PropertyStringFailure, ParsedVolume> => {
    const res: Record<string, PropertyValue | readonly IdmapEntry[]> = Object.assign(
      Object.create(null) as Record<string, PropertyValue>,
      parsed,
    );
    if (typeof res['size'] === 'string') {
      const bytes = parseSize(res['size']);
      if (bytes === undefined)
        return E.left({
          kind: 'size',
          message: `invalid size: ${res['size']}\n`,
          fields: {},
          field: 'size',
        });
      res['size'] = bytes;
    }
    res['type'] = classifyMountPoint(String(res['volume']));
    if (typeof res['idmap'] === 'string') res['idmap'] = parseIdmap(res['idmap']);
    if (kind === 'rootfs') res['mp'] = '/';
    return E.right(res as unknown as ParsedVolume);
  })(parsePropertyString(FORMAT_BY_KIND[kind], input));
}

/**
 * `print_volume(key, volume)`: the canonical text Proxmox writes (size via `format_size`, `type`
 * left out, and `mp` left out for rootfs). Like Proxmox, rootfs is printed with the `mp` format
 * (so it needs `mp`, which {@link parseVolume} sets to `/`).
 */
export function printVolume(
  key: string,
  volume: ParsedVolume,
): Either<PropertyStringFailure, string> {
  const kind = volumeKind(key);
  if (kind === undefined) {
    return E.left({
      kind: 'volume-key',
      message: `print_volume - unknown type: ${key}\n`,
      fields: {},
    });
  }
  const data: Record<string, PropertyValue | undefined> = Object.create(null) as Record<
    string,
    PropertyValue
  >;
  for (const [k, v] of Object.entries(volume)) {
    data[k] = Array.isArray(v)
      ? (v as readonly IdmapEntry[]).map((e) => e.join(':')).join(';')
      : (v as PropertyValue | undefined);
  }
  if (kind === 'unused') return printPropertyString(unusedFormat, data, { skip: ['type'] });
  const skip = kind === 'rootfs' ? ['type', 'mp'] : ['type'];
  return printPropertyString(mountPointFormat, data, { skip });
}
