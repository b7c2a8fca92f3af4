/**
 * `rootfs` and `mp0`…`mp255`: volumes as typed values, and their text codecs. Sizes are bytes and
 * print through `format_size`, as Proxmox's `print_volume` does when it re-prints a mount point.
 */
import * as t from 'io-ts/lib/index.js';
import { classifyMountPoint, mountPointFormat, rootfsFormat } from '../schema/formats/mount-point.js';
import type { MountPointType } from '../schema/formats/mount-point.js';
import type { FieldSpec } from './property-object.js';
import { booleanKind, diskSizeKind, idmapKind, stringKind, stringListKind } from './field-kinds.js';
import { compileSpec } from './property-object.js';
import { objectCodec } from './object-codec.js';

const volumeFields = {
  size: t.number,
  acl: t.boolean,
  mountOptions: stringListKind.shape,
  idmap: idmapKind.shape,
  ro: t.boolean,
  quota: t.boolean,
  replicate: t.boolean,
  shared: t.boolean,
  raw: t.string,
};

/**
 * The root volume, e.g. `{ volume: 'local-lvm:vm-100-disk-0', size: 8589934592 }`. `size` is in
 * bytes; `mountOptions` ↔ `mountoptions` (`['noatime', 'nodev']`); `idmap` is `'passthrough'` or
 * its entries. `raw`: the text as found when it is not the canonical print.
 */
export const RootFs = t.readonly(t.intersection([t.type({ volume: t.string }), t.partial(volumeFields)]), 'RootFs');
/** The root volume (see {@link RootFs}). */
export type RootFs = t.TypeOf<typeof RootFs>;

/**
 * An additional mount point, e.g. `{ volume: '/srv/share', path: '/mnt/share', ro: true }`:
 * {@link RootFs}'s fields plus `path` ↔ `mp` (the mount path inside the container), `backup` and
 * `keepAttrs` ↔ `keepattrs`.
 */
export const MountPoint = t.readonly(
  t.intersection([
    t.type({ volume: t.string, path: t.string }),
    t.partial({ ...volumeFields, backup: t.boolean, keepAttrs: t.boolean }),
  ]),
  'MountPoint',
);
/** An additional mount point (see {@link MountPoint}). */
export type MountPoint = t.TypeOf<typeof MountPoint>;

const volumeFieldSpecs: readonly FieldSpec[] = [
  { key: 'volume', name: 'volume', kind: stringKind },
  { key: 'size', name: 'size', kind: diskSizeKind },
  { key: 'acl', name: 'acl', kind: booleanKind },
  { key: 'mountoptions', name: 'mountOptions', kind: stringListKind },
  { key: 'idmap', name: 'idmap', kind: idmapKind },
  { key: 'ro', name: 'ro', kind: booleanKind },
  { key: 'quota', name: 'quota', kind: booleanKind },
  { key: 'replicate', name: 'replicate', kind: booleanKind },
  { key: 'shared', name: 'shared', kind: booleanKind },
];

/** The `rootfs` format with its typed fields. */
export const rootfsSpec = compileSpec({ name: 'rootfs', format: rootfsFormat, fields: volumeFieldSpecs });

/** The `mp` format with its typed fields. */
export const mountPointSpec = compileSpec({
  name: 'mp',
  format: mountPointFormat,
  fields: [
    ...volumeFieldSpecs,
    { key: 'mp', name: 'path', kind: stringKind },
    { key: 'backup', name: 'backup', kind: booleanKind },
    { key: 'keepattrs', name: 'keepAttrs', kind: booleanKind },
  ],
});

/** Text codec of `rootfs`. */
export const rootfsCodec = objectCodec<RootFs>('RootFsText', rootfsSpec, RootFs);

/** Text codec of `mpN`. */
export const mountPointCodec = objectCodec<MountPoint>('MountPointText', mountPointSpec, MountPoint);

/** What a volume is (`classify_mountpoint`): a storage `volume`, a host `device` or a `bind` mount. */
export function volumeType(volume: RootFs | MountPoint): MountPointType {
  return classifyMountPoint(volume.volume);
}
