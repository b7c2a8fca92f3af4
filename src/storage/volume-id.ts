/**
 * Volume ids (`<storeid>:<volname>`) and the volume names of each storage type, read as pve-storage
 * reads them (`parse_volume_id`, each plugin's `parse_volname`). Errors are Proxmox's texts.
 */
import { isLvmName, lvmNameError } from './storage-values.js';

/** A volume id cut into its storage id and volume name. */
export interface VolumeId {
  readonly storeId: string;
  readonly volname: string;
}

/** What a volume name says: content type, file/volume name, owner, base image, format. */
export interface Volname {
  /** `images`, `rootdir`, `iso`, `vztmpl`, `backup`, `snippets`, `import`. */
  readonly vtype: string;
  /** The volume's own name (file name for file storages). */
  readonly name: string;
  /** The owning guest id, when the name carries one. */
  readonly vmid: string | null;
  /** For a linked clone: the base volume's name and owner. */
  readonly baseName?: string;
  readonly baseVmid?: string;
  /** A base (template) volume. */
  readonly isBase: boolean;
  /** `raw`, `qcow2`, `vmdk`, `subvol`, … */
  readonly format: string;
}

/** A parse outcome: the value, or Proxmox's error text (ending in `\n`). */
export type Parsed<A> = { readonly ok: A } | { readonly error: string };

const VOLUME_ID_RE = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)\n?$/i;

/** `parse_volume_id`. */
export function parseVolumeId(volid: string): Parsed<VolumeId> {
  const m = VOLUME_ID_RE.exec(volid);
  if (m === null) return { error: `unable to parse volume ID '${volid}'\n` };
  return { ok: { storeId: m[1] as string, volname: m[2] as string } };
}

// Perl \S (ASCII) and the extension patterns of pve-storage (ISO, template, backup, import).
const S = '[^\\t\\n\\v\\f\\r ]';
const ISO_EXT = '\\.(?:[iI][sS][oO]|[iI][mM][gG])';
const VZTMPL_EXT = '\\.[tT][aA][rR]\\.(?:[gGxX][zZ]|[zZ][sS][tT]|[bB][zZ]2)';
const BACKUP_EXT = '\\.(?:tgz|(?:tar|vma)(?:\\.(?:gz|lzo|zst|bz2))?)';
const IMPORT_EXT = '\\.(?:ova|ovf|qcow2|raw|vmdk)';

const DIR_LINKED_RE = new RegExp(`^([0-9]+)/(${S}+)/([0-9]+)/(${S}+)\\n?$`);
const DIR_IMAGE_RE = new RegExp(`^([0-9]+)/(${S}+)\\n?$`);
const DIR_ISO_RE = new RegExp(`^iso/([^/]+${ISO_EXT})\\n?$`);
const DIR_VZTMPL_RE = new RegExp(`^vztmpl/([^/]+${VZTMPL_EXT})\\n?$`);
const DIR_ROOTDIR_RE = /^rootdir\/([0-9]+)\n?$/;
const DIR_BACKUP_RE = new RegExp(`^backup/([^/]+${BACKUP_EXT})\\n?$`);
const BACKUP_OWNER_RE = /^vzdump-(?:openvz|lxc|qemu)-([0-9]+)-./;
const DIR_SNIPPETS_RE = /^snippets\/([^/]+)\n?$/;
const DIR_IMPORT_RE = new RegExp(`^import/([^/]+${IMPORT_EXT})\\n?$`);
const IMAGE_FILE_RE = new RegExp(`^((base-)?[^/\\t\\n\\v\\f\\r ]+\\.(raw|qcow2|vmdk|subvol))\\n?$`);

function imageFile(name: string): Parsed<{ format: string; isBase: boolean }> {
  const m = IMAGE_FILE_RE.exec(name);
  if (m === null) return { error: `unable to parse volume filename '${name}'\n` };
  return { ok: { format: m[3] as string, isBase: m[2] !== undefined } };
}

const plain = (vtype: string, name: string, vmid: string | null = null): Parsed<Volname> => ({
  ok: { vtype, name, vmid, isBase: false, format: 'raw' },
});

/** The file storages' volume names (dir, nfs, cifs, cephfs, btrfs). */
export function parseDirVolname(volname: string): Parsed<Volname> {
  let m = DIR_LINKED_RE.exec(volname);
  if (m !== null) {
    const base = imageFile(m[2] as string);
    if ('error' in base) return base;
    const file = imageFile(m[4] as string);
    if ('error' in file) return file;
    return {
      ok: {
        vtype: 'images',
        name: m[4] as string,
        vmid: m[3] as string,
        baseName: m[2] as string,
        baseVmid: m[1] as string,
        ...file.ok,
      },
    };
  }
  if ((m = DIR_IMAGE_RE.exec(volname)) !== null) {
    const file = imageFile(m[2] as string);
    if ('error' in file) return file;
    return { ok: { vtype: 'images', name: m[2] as string, vmid: m[1] as string, ...file.ok } };
  }
  if ((m = DIR_ISO_RE.exec(volname)) !== null) return plain('iso', m[1] as string);
  if ((m = DIR_VZTMPL_RE.exec(volname)) !== null) return plain('vztmpl', m[1] as string);
  if ((m = DIR_ROOTDIR_RE.exec(volname)) !== null)
    return {
      ok: {
        vtype: 'rootdir',
        name: m[1] as string,
        vmid: m[1] as string,
        isBase: false,
        format: 'subvol',
      },
    };
  if ((m = DIR_BACKUP_RE.exec(volname)) !== null) {
    const owner = BACKUP_OWNER_RE.exec(m[1] as string);
    return plain('backup', m[1] as string, owner === null ? null : (owner[1] as string));
  }
  if ((m = DIR_SNIPPETS_RE.exec(volname)) !== null) return plain('snippets', m[1] as string);
  if ((m = DIR_IMPORT_RE.exec(volname)) !== null) return plain('import', m[1] as string);
  return { error: `unable to parse directory volume name '${volname}'\n` };
}

const LVM_VOLUME_RE = new RegExp(`^((vm|base)-([0-9]+)-${S}+)\\n?$`);

/** LVM and LVM-thin volume names: `vm-<vmid>-…` or `base-<vmid>-…`. */
export function parseLvmVolname(volname: string): Parsed<Volname> {
  if (!isLvmName(volname)) return { error: lvmNameError(volname) };
  const m = LVM_VOLUME_RE.exec(volname);
  if (m === null) return { error: `unable to parse lvm volume name '${volname}'\n` };
  const name = m[1] as string;
  return {
    ok: {
      vtype: 'images',
      name,
      vmid: m[3] as string,
      isBase: m[2] === 'base',
      format: name.endsWith('.qcow2') ? 'qcow2' : 'raw',
    },
  };
}

const ZFS_VOLUME_RE = new RegExp(
  `^(((base|vm)-([0-9]+)-${S}+)/)?((base)?(vm|subvol|basevol)?-([0-9]+)-${S}+)\\n?$`,
);

/** ZFS pool volume names: `subvol-…`/`basevol-…` datasets, `vm-…`/`base-…` zvols. */
export function parseZfsVolname(volname: string): Parsed<Volname> {
  const m = ZFS_VOLUME_RE.exec(volname);
  if (m === null) return { error: `unable to parse zfs volume name '${volname}'\n` };
  const kind = m[7];
  return {
    ok: {
      vtype: 'images',
      name: m[5] as string,
      vmid: m[8] as string,
      ...(m[2] !== undefined ? { baseName: m[2], baseVmid: m[4] as string } : {}),
      isBase: m[6] !== undefined,
      format: kind === 'subvol' || kind === 'basevol' ? 'subvol' : 'raw',
    },
  };
}

const RBD_VOLUME_RE = new RegExp(`^((base-([0-9]+)-${S}+)/)?((base)?(vm)?-([0-9]+)-${S}+)\\n?$`);

/** Ceph RBD volume names. */
export function parseRbdVolname(volname: string): Parsed<Volname> {
  const m = RBD_VOLUME_RE.exec(volname);
  if (m === null) return { error: `unable to parse rbd volume name '${volname}'\n` };
  return {
    ok: {
      vtype: 'images',
      name: m[4] as string,
      vmid: m[7] as string,
      ...(m[2] !== undefined ? { baseName: m[2], baseVmid: m[3] as string } : {}),
      isBase: m[5] !== undefined,
      format: 'raw',
    },
  };
}
