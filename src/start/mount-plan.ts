/**
 * The mounts `pct start` makes before LXC runs (spec A.2), as data: for a container config on a
 * parsed storage.cfg, the ordered list of mounts (rootfs, then mp0…mp255 by number) with their kind,
 * source path, target, `-o` options as Proxmox assembles them, loop or direct or bind, and the
 * resolved `idmap`; the passthrough device nodes with their mapped owners; and the refusals
 * Proxmox makes, with its messages. Nothing is executed: an effects adapter would.
 *
 * Facts of the host that Proxmox reads while mounting and that this plan cannot know stay
 * symbolic: `/dev/<vg>/<lv>` is not canonicalised to `/dev/dm-N`, an rbd path needs the Ceph fsid,
 * a device node's type and numbers need `deviceNodes`, the symlink check needs the rootfs snapshot.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { diagnostic, messageOfProxmoxText, proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import { normalizePath } from '../os/fs-snapshot.js';
import { parseDevice } from '../schema/formats/device.js';
import { parseVolume } from '../schema/formats/mount-point.js';
import type { IdmapEntry, ParsedVolume } from '../schema/formats/mount-point.js';
import { isPerlTrue } from '../perl/index.js';
import type { StorageConfig } from '../storage/storage-config.js';
import type { StorageCode } from '../storage/storage-diagnostics.js';
import { volumePath } from '../storage/volume-path.js';
import type { VolumePath, VolumePathFacts } from '../storage/volume-path.js';
import { containerIdMap, findIdmapOverlap, mapToHost, resolveMountIdmap } from './mount-idmap.js';
import type { IdRange, IdmapException } from './mount-idmap.js';
import { QUOTA_OPTIONS, assembleMountOptions } from './mount-options.js';

/** Codes of the mount plan (storage codes come from resolving volume paths). */
export type MountCode =
  /** `quota=1` on an unprivileged container: the start is refused. */
  | 'MOUNT_QUOTA_UNPRIVILEGED'
  /** A raw or iso volume on a storage whose `content` lacks `rootdir`. */
  | 'MOUNT_STORAGE_NO_ROOTDIR'
  /** A volume format that cannot be mounted (qcow2, vmdk, …). */
  | 'MOUNT_UNSUPPORTED_FORMAT'
  /** A symlink on the way to a mount target inside the rootfs. */
  | 'MOUNT_TARGET_SYMLINK'
  /** A volume on a disabled storage. */
  | 'MOUNT_STORAGE_DISABLED'
  /** A volume on a storage restricted to other nodes. */
  | 'MOUNT_STORAGE_NOT_ON_NODE'
  /** `idmap` on a privileged container: ignored with a warning. */
  | 'MOUNT_IDMAP_IGNORED'
  /** `idmap` entries whose ranges overlap. */
  | 'MOUNT_IDMAP_OVERLAP'
  /** `quota=1` on a bind mount or subvolume: only a warning. */
  | 'MOUNT_QUOTA_BIND'
  /** A `rootfs`/`mpN`/`devN` value that does not parse: Proxmox skips it silently. */
  | 'MOUNT_ENTRY_SKIPPED'
  /** A passthrough device's uid/gid that the container's id map does not map. */
  | 'MOUNT_DEVICE_ID_UNMAPPED'
  /** A passthrough device missing from the given host device nodes. */
  | 'MOUNT_DEVICE_MISSING';

/** A host device node's identity (from `stat`): a host fact. */
export interface DeviceNode {
  readonly type: 'c' | 'b';
  readonly major: number;
  readonly minor: number;
}

export interface MountPlanOptions {
  /** The container id (paths under `/var/lib/lxc/<vmid>`). */
  readonly vmid: number | string;
  /** The container's root filesystem, for the symlink check on mount targets. */
  readonly rootfs?: FsSnapshot;
  /** This node's name: storages restricted by `nodes` are checked against it. */
  readonly node?: string;
  /** Host facts volume paths need (the Ceph fsid). */
  readonly facts?: VolumePathFacts;
  /** Host device nodes by path, for passthrough devices. */
  readonly deviceNodes?: Readonly<Record<string, DeviceNode>>;
}

/** How the source is mounted: a bind mount, a file attached to a loop device, a block device. */
export type MountMethod = 'bind' | 'loop' | 'direct';

/** One mount of the plan. */
export interface PlannedMount {
  /** `rootfs` or `mpN`. */
  readonly key: string;
  readonly kind: 'volume' | 'bind' | 'device';
  /** The configured volume (volume id, host directory or device). */
  readonly volume: string;
  /** Where it appears inside the container (`/` for rootfs). */
  readonly containerPath: string;
  /** The host path mounted. */
  readonly source: string;
  /** The staging directory it is mounted on first. */
  readonly staging: string;
  /** The host path it is moved to. */
  readonly target: string;
  readonly method: MountMethod;
  /** Each item is one `-o` argument, in Proxmox's order. */
  readonly options: readonly string[];
  readonly readOnly: boolean;
  /** A bind mount made read-only by a remount (`-o bind,remount,ro`). */
  readonly remountReadOnly: boolean;
  /** The loop device is attached read-only (`losetup -r`). */
  readonly loopReadOnly?: boolean;
  /** ext4 journaled quotas are on (and the device is listed in `passthrough/mounts`). */
  readonly quota: boolean;
  /** `keepattrs=1`: the target directory's mode and owner are copied to the mount root. */
  readonly keepAttrs: boolean;
  /** The idmapped mount's map (disk id → host id), when the mount point has `idmap`. */
  readonly idmap?: { readonly passthrough: boolean; readonly map: readonly IdRange[] };
  /** The storage volume behind it. */
  readonly storage?: {
    readonly id: string;
    readonly type: string;
    readonly vtype: string;
    readonly format: string;
    readonly isBase: boolean;
    readonly owner: string | null;
  };
  /** Host commands Proxmox runs before mounting (e.g. `zfs set acltype=…`). */
  readonly commands?: readonly (readonly string[])[];
  /** Container directories created (mode 0755, owned by the container root) for the target. */
  readonly createsDirectories?: readonly string[];
}

/** A passthrough device node made under `/var/lib/lxc/<vmid>/passthrough`. */
export interface PlannedDevice {
  readonly key: string;
  /** The host device. */
  readonly path: string;
  /** The node created for it. */
  readonly node: string;
  /** Octal mode (default `0660`). */
  readonly mode: string;
  /** Owner in the container and on the host (mapped through the id map). */
  readonly containerUid: number;
  readonly containerGid: number;
  readonly uid: number;
  readonly gid: number;
  readonly denyWrite: boolean;
  /** From `deviceNodes`: the node's identity and its line in `passthrough/devices`. */
  readonly device?: DeviceNode & { readonly listEntry: string };
}

/** The plan: mounts in order, devices, the container's id map and Proxmox's warnings. */
export interface MountPlan {
  readonly vmid: string;
  /** `/var/lib/lxc/<vmid>/rootfs`. */
  readonly rootfsPath: string;
  readonly idMap: readonly IdRange[];
  /** The host ids of the container's root (uid/gid 0 through the id map): owner of created directories. */
  readonly rootOwner: { readonly uid: number; readonly gid: number };
  readonly mounts: readonly PlannedMount[];
  readonly devices: readonly PlannedDevice[];
  /** Warnings Proxmox prints and pctkit's notices. */
  readonly diagnostics: readonly Diagnostic<MountCode | StorageCode>[];
}

type MountDiagnostic = Diagnostic<MountCode | StorageCode>;

const err = (code: MountCode, text: string, path: string): MountDiagnostic =>
  proxmoxDiagnostic('error', code, text, { path });

/** A boolean option of a parsed volume. */
function flag(v: ParsedVolume, key: string): boolean {
  return isPerlTrue(v[key] as string | number | undefined);
}

/** The volume keys in Proxmox's order: rootfs, then mp0…mp255 by number. */
function volumeKeys(section: ConfigSection): string[] {
  const keys: string[] = [];
  if (section.values['rootfs'] !== undefined) keys.push('rootfs');
  for (let i = 0; i < 256; i++) if (section.values[`mp${i}`] !== undefined) keys.push(`mp${i}`);
  return keys;
}

/** Plans the mounts and passthrough devices of a start; fails with every refusal found. */
export function planMounts(
  section: ConfigSection,
  storage: StorageConfig,
  options: MountPlanOptions,
): Result<MountPlan, MountCode | StorageCode> {
  const vmid = String(options.vmid);
  const rootfsPath = `/var/lib/lxc/${vmid}/rootfs`;
  const unprivileged = isPerlTrue(section.values['unprivileged']);
  const idMap = containerIdMap(section);
  const errors: MountDiagnostic[] = [];
  const notes: MountDiagnostic[] = [];

  const volumes: [string, ParsedVolume][] = [];
  for (const key of volumeKeys(section)) {
    const parsed = parseVolume(key, String(section.values[key]));
    if (E.isLeft(parsed)) {
      notes.push(
        diagnostic(
          'notice',
          'MOUNT_ENTRY_SKIPPED',
          `'${key}' does not parse and is not mounted: ${messageOfProxmoxText(parsed.left.message)}`,
          { path: key },
        ),
      );
      continue;
    }
    volumes.push([key, parsed.right]);
  }
  // The API refuses the start before anything else.
  if (unprivileged)
    for (const [key, v] of volumes)
      if (flag(v, 'quota'))
        errors.push(
          err(
            'MOUNT_QUOTA_UNPRIVILEGED',
            'Quotas are not supported by unprivileged containers.\n',
            key,
          ),
        );

  const mounts: PlannedMount[] = [];
  const mountedAt: string[] = [];
  for (const [key, v] of volumes) {
    const planned = planOne(key, v, {
      storage,
      options,
      vmid,
      rootfsPath,
      unprivileged,
      idMap,
      mountedAt,
      errors,
      notes,
    });
    if (planned !== undefined) mounts.push(planned);
    mountedAt.push(key === 'rootfs' ? '/' : normalizePath(String(v.mp)));
  }
  const devices = planDevices(section, vmid, idMap, options, errors, notes);
  if (errors.length > 0)
    return E.left([...errors, ...notes] as [MountDiagnostic, ...MountDiagnostic[]]);
  const rootOwner = { uid: mapToHost(idMap, 'u', 0) ?? 0, gid: mapToHost(idMap, 'g', 0) ?? 0 };
  return E.right({ vmid, rootfsPath, idMap, rootOwner, mounts, devices, diagnostics: notes });
}

interface Context {
  readonly storage: StorageConfig;
  readonly options: MountPlanOptions;
  readonly vmid: string;
  readonly rootfsPath: string;
  readonly unprivileged: boolean;
  readonly idMap: readonly IdRange[];
  /** Container paths of the mounts planned so far. */
  readonly mountedAt: readonly string[];
  readonly errors: MountDiagnostic[];
  readonly notes: MountDiagnostic[];
}

function planOne(key: string, v: ParsedVolume, ctx: Context): PlannedMount | undefined {
  const volume = String(v.volume);
  const containerPath = key === 'rootfs' ? '/' : normalizePath(String(v.mp));
  const target = key === 'rootfs' ? ctx.rootfsPath : ctx.rootfsPath + containerPath;
  const readOnly = flag(v, 'ro');
  const quotaAsked = flag(v, 'quota') && !readOnly;
  const acl = v['acl'] as string | number | undefined;
  const opts = assembleMountOptions(
    v['mountoptions'] as string | undefined,
    readOnly,
    isPerlTrue(acl),
  );
  const walk = key === 'rootfs' ? { ok: true, creates: [] } : walkTarget(key, containerPath, ctx);
  const idmap = mountIdmap(key, v, ctx);
  const common = {
    key,
    kind: v.type,
    volume,
    containerPath,
    staging: `/var/lib/lxc/.pve-staged-mounts/${key}`,
    target,
    readOnly,
    keepAttrs: key !== 'rootfs' && flag(v, 'keepattrs'),
    ...(idmap !== undefined ? { idmap } : {}),
    ...(walk.creates.length > 0 ? { createsDirectories: walk.creates } : {}),
  };
  const bind = (source: string, what: string, extra: Partial<PlannedMount> = {}): PlannedMount => {
    if (quotaAsked)
      ctx.notes.push(
        proxmoxDiagnostic(
          'warning',
          'MOUNT_QUOTA_BIND',
          `cannot enable quota control for ${what}\n`,
          {
            path: key,
          },
        ),
      );
    return {
      ...common,
      source,
      method: 'bind',
      options: opts === '' ? ['bind'] : ['bind', opts],
      remountReadOnly: readOnly,
      quota: false,
      ...extra,
    };
  };
  if (v.type === 'bind') return walk.ok ? bind(volume, 'bind mounts') : undefined;
  if (v.type === 'device') {
    const options = [
      ...(opts === '' ? [] : [opts]),
      ...(readOnly ? ['ro'] : []),
      ...(quotaAsked ? [QUOTA_OPTIONS] : []),
    ];
    return walk.ok
      ? {
          ...common,
          source: volume,
          method: 'direct',
          options,
          remountReadOnly: false,
          quota: quotaAsked,
        }
      : undefined;
  }
  const resolved = volumePath(
    ctx.storage,
    volume,
    ctx.options.facts === undefined ? {} : { facts: ctx.options.facts },
  );
  if (E.isLeft(resolved)) {
    for (const d of resolved.left) ctx.errors.push({ ...d, path: key });
    return undefined;
  }
  const p = resolved.right;
  for (const n of p.notices ?? []) ctx.notes.push({ ...n, path: key });
  if (!activate(key, p, ctx) || !walk.ok) return undefined;
  const storageInfo = {
    id: p.storeId,
    type: p.storageType,
    vtype: p.vtype,
    format: p.format,
    isBase: p.isBase,
    owner: p.owner,
  };
  const format = p.vtype === 'iso' ? 'iso' : p.format;
  if (format === 'subvol') {
    const commands =
      p.storageType === 'zfspool' && acl !== undefined
        ? [
            [
              'zfs',
              'set',
              `acltype=${isPerlTrue(acl) ? 'posixacl' : 'noacl'}`,
              `${String(ctx.storage.ids[p.storeId]?.['pool'])}/${p.path.slice(p.path.lastIndexOf('/') + 1)}`,
            ],
          ]
        : undefined;
    return bind(p.path, 'bind mounted subvolumes', {
      storage: storageInfo,
      ...(commands !== undefined ? { commands } : {}),
    });
  }
  if (format !== 'raw' && format !== 'iso') {
    ctx.errors.push(err('MOUNT_UNSUPPORTED_FORMAT', `unsupported image format '${format}'\n`, key));
    return undefined;
  }
  const content = ctx.storage.ids[p.storeId]?.['content'];
  if (!Array.isArray(content) || !content.includes('rootdir')) {
    ctx.errors.push(
      err('MOUNT_STORAGE_NO_ROOTDIR', `storage '${p.storeId}' does not support containers\n`, key),
    );
    return undefined;
  }
  let options: string[];
  let ro = readOnly;
  let quota = false;
  if (format === 'iso') {
    options = ['ro'];
    ro = true;
  } else if (p.isBase) {
    options = ['ro,noload'];
    ro = true;
  } else {
    quota = quotaAsked;
    options = [
      ...(opts === '' ? [] : [opts]),
      ...(quota ? [QUOTA_OPTIONS] : []),
      ...(readOnly ? ['ro'] : []),
    ];
  }
  const loop = typeof ctx.storage.ids[p.storeId]?.['path'] === 'string';
  return {
    ...common,
    readOnly: ro,
    source: p.path,
    method: loop ? 'loop' : 'direct',
    options,
    remountReadOnly: false,
    ...(loop ? { loopReadOnly: ro } : {}),
    quota,
    storage: storageInfo,
  };
}

/** `activate_volumes`' checks that need no host: the storage is enabled and allowed on this node. */
function activate(key: string, p: VolumePath, ctx: Context): boolean {
  const entry = ctx.storage.ids[p.storeId];
  if (entry === undefined || entry === null) return false;
  if (isPerlTrue(entry['disable'] as number | undefined)) {
    ctx.errors.push(err('MOUNT_STORAGE_DISABLED', `storage '${p.storeId}' is disabled\n`, key));
    return false;
  }
  const nodes = entry['nodes'];
  const node = ctx.options.node;
  if (node !== undefined && Array.isArray(nodes) && nodes.length > 0 && !nodes.includes(node)) {
    ctx.errors.push(
      err(
        'MOUNT_STORAGE_NOT_ON_NODE',
        `storage '${p.storeId}' is not available on node '${node}'\n`,
        key,
      ),
    );
    return false;
  }
  return true;
}

/**
 * The walk to a mount target without following symlinks: a symlink on the way is refused; the
 * directories missing in the rootfs snapshot are created. Paths at or below an earlier mount are
 * in that mount's file system, which the snapshot does not show: they are not checked.
 */
function walkTarget(
  key: string,
  containerPath: string,
  ctx: Context,
): { ok: boolean; creates: string[] } {
  const creates: string[] = [];
  const snapshot = ctx.options.rootfs;
  if (snapshot === undefined) return { ok: true, creates };
  const parts = containerPath.split('/').filter((s) => s !== '');
  let at = '';
  let missing = false;
  for (const part of parts) {
    at += `/${part}`;
    if (ctx.mountedAt.some((m) => m !== '/' && (at === m || at.startsWith(`${m}/`))))
      return { ok: true, creates };
    if (missing) {
      creates.push(at);
      continue;
    }
    const entry = snapshot.entries.get(at);
    if (entry === undefined) {
      missing = true;
      creates.push(at);
    } else if (entry.kind === 'symlink') {
      ctx.errors.push(
        err('MOUNT_TARGET_SYMLINK', `symlink encountered at: ${ctx.rootfsPath}${at}\n`, key),
      );
      return { ok: false, creates: [] };
    }
  }
  return { ok: true, creates };
}

/** The mount point's `idmap` resolved against the container's map (privileged: ignored, with a warning). */
function mountIdmap(key: string, v: ParsedVolume, ctx: Context): PlannedMount['idmap'] {
  const idmap = v.idmap;
  if (idmap === undefined) return undefined;
  if (!ctx.unprivileged) {
    const text = `'${key}' - ignoring 'idmap' option unsupported by privileged container\n`;
    ctx.notes.push(proxmoxDiagnostic('warning', 'MOUNT_IDMAP_IGNORED', text, { path: key }));
    return undefined;
  }
  if (idmap === 'passthrough') return { passthrough: true, map: ctx.idMap };
  const exceptions: IdmapException[] = (idmap as readonly IdmapEntry[]).map(
    ([type, ct, disk, count]) => ({
      type: type as 'u' | 'g',
      ct: Number(ct),
      disk: Number(disk),
      count: Number(count),
    }),
  );
  const overlap = findIdmapOverlap(exceptions);
  if (overlap !== undefined) {
    const range = (e: IdmapException): string =>
      overlap.side === 'container'
        ? `${e.ct}..${e.ct + e.count - 1}`
        : `${e.disk}..${e.disk + e.count - 1}`;
    ctx.errors.push(
      diagnostic(
        'error',
        'MOUNT_IDMAP_OVERLAP',
        `'${key}' idmap: ${overlap.second.type} ${overlap.side} range ${range(overlap.second)} overlaps ${range(overlap.first)}`,
        {
          path: `${key}.idmap`,
        },
      ),
    );
    return undefined;
  }
  return { passthrough: false, map: resolveMountIdmap(ctx.idMap, exceptions) };
}

/** `devN` passthrough devices: a node per device, owned by the mapped uid/gid. */
function planDevices(
  section: ConfigSection,
  vmid: string,
  idMap: readonly IdRange[],
  options: MountPlanOptions,
  errors: MountDiagnostic[],
  notes: MountDiagnostic[],
): PlannedDevice[] {
  const devices: PlannedDevice[] = [];
  for (let i = 0; i < 256; i++) {
    const key = `dev${i}`;
    const value = section.values[key];
    if (value === undefined) continue;
    const parsed = parseDevice(String(value));
    if (E.isLeft(parsed)) {
      notes.push(
        diagnostic(
          'notice',
          'MOUNT_ENTRY_SKIPPED',
          `'${key}' does not parse and is not passed through: ${messageOfProxmoxText(parsed.left.message)}`,
          { path: key },
        ),
      );
      continue;
    }
    const d = parsed.right;
    const path = String(d['path']);
    const containerUid = Number(d['uid'] ?? 0);
    const containerGid = Number(d['gid'] ?? 0);
    const uid = idMap.length === 0 ? containerUid : mapToHost(idMap, 'u', containerUid);
    const gid = idMap.length === 0 ? containerGid : mapToHost(idMap, 'g', containerGid);
    if (uid === undefined || gid === undefined) {
      errors.push(
        diagnostic(
          'error',
          'MOUNT_DEVICE_ID_UNMAPPED',
          `'${key}': ${uid === undefined ? `uid ${containerUid}` : `gid ${containerGid}`} is not mapped by the container's id map`,
          { path: key },
        ),
      );
      continue;
    }
    const node =
      options.deviceNodes === undefined
        ? undefined
        : Object.prototype.hasOwnProperty.call(options.deviceNodes, path)
          ? options.deviceNodes[path]
          : null;
    if (node === null) {
      errors.push(
        diagnostic(
          'error',
          'MOUNT_DEVICE_MISSING',
          `'${key}': device '${path}' is not among the host's device nodes`,
          { path: key },
        ),
      );
      continue;
    }
    devices.push({
      key,
      path,
      node: `/var/lib/lxc/${vmid}/passthrough${path}`,
      mode: String(d['mode'] ?? '0660'),
      containerUid,
      containerGid,
      uid,
      gid,
      denyWrite: isPerlTrue(d['deny-write'] as string | number | undefined),
      ...(node !== undefined
        ? { device: { ...node, listEntry: `${node.type}:${node.major}:${node.minor}:${path}` } }
        : {}),
    });
  }
  return devices;
}
