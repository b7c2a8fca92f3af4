/**
 * The config `pct create` builds before it extracts anything (spec B.1 steps 1–6): the parameters
 * split into volumes and plain keys, the plain keys through the landed `pct set` path onto an empty
 * config (normalised nameserver/searchdomain/tags, `netN` re-printed with `type=veth` and a
 * generated `hwaddr`), `unprivileged: 1` by default, `rootfs <storage>:4` when none is given, the
 * new volumes named and sized from the storage facts, and the container's id map.
 *
 * The defaults applied after setup (`hostname`, `memory`, `swap`) are NOT here: Proxmox adds them
 * after the post-create setup ran (see create-plan.ts), which is why the container side sees
 * `localhost` as its hostname on a create without one.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection, ConfigValue, PctConfig } from '../config/model.js';
import { emptyConfig } from '../config/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  errorDiagnostic,
  messageOfProxmoxText,
  proxmoxDiagnostic,
  proxmoxTextOf,
  warningDiagnostic,
} from '../diagnostics/diagnostic.js';
import { fail, ok, type Result } from '../diagnostics/result.js';
import { randomMacAddress } from '../ops/mac-address.js';
import type { TagStyle } from '../ops/set-config.js';
import { setConfig } from '../ops/set-config.js';
import type { RandomSource } from '../random/random-source.js';
import { parseVolume, printVolume } from '../schema/formats/mount-point.js';
import { isPerlTrue } from '../perl/index.js';
import { type IdMap, idMapOf } from './id-map.js';

/** Codes of {@link createConfig}. */
export type CreateConfigCode =
  /** A create parameter fails its schema (Proxmox's `400 Parameter verification failed.` text), or a warning Proxmox prints while checking one. */
  | 'CREATE_INVALID_PARAMETER'
  /** Mount points are given without `rootfs`: `mount points configured, but 'rootfs' not set - aborting`. */
  | 'CREATE_MOUNT_POINTS_WITHOUT_ROOTFS'
  /** An `unusedN` key is given to create; pctkit ignores it (unused volumes cannot be created). */
  | 'CREATE_UNUSED_IGNORED'
  /** A volume is an arbitrary filesystem path, which only root may pass: `Only root can pass arbitrary filesystem paths.` */
  | 'CREATE_ROOT_ONLY_PATH'
  /** A volume names a storage that is not in the host facts: `storage '<id>' does not exist`. */
  | 'CREATE_NO_SUCH_STORAGE'
  /** A volume names a disabled storage: `storage '<id>' is disabled`. */
  | 'CREATE_STORAGE_DISABLED'
  /** A volume names a storage without `rootdir` content: `storage '<id>' does not support container directories`. */
  | 'CREATE_STORAGE_NO_ROOTDIR'
  /** `rootfs` or an `mpN` value does not parse as a volume (Proxmox's parse error as proxmoxText). */
  | 'CREATE_INVALID_VOLUME';

/** What the planner needs to know about one storage (a host fact: `storage.cfg` plus a listing). */
export interface StorageFacts {
  /** The storage type: `dir`, `nfs`, `cifs`, `btrfs`, `zfspool`, `lvm`, `lvmthin`, `rbd`, … */
  readonly type: string;
  /** Its `content` types; containers need `rootdir`. */
  readonly content: readonly string[];
  /** `disable 1` in storage.cfg. */
  readonly disabled?: boolean;
  /** Volume names already on the storage (for the next free `disk-<n>` of this vmid). */
  readonly volumes?: readonly string[];
}

/** The storage Proxmox's default install has: `local`, a directory with `rootdir` content. */
export const DEFAULT_STORAGES: Readonly<Record<string, StorageFacts>> = {
  local: { type: 'dir', content: ['rootdir', 'vztmpl', 'iso', 'backup'] },
};

/** What `pct create <vmid> <template> [options]` is given. */
export interface CreateRequest {
  readonly vmid: number;
  /** Template path or volume id (`local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst`). */
  readonly template: string;
  /** The options as given on the command line, without the leading `--` (`{ hostname: 'ct1' }`). */
  readonly options?: Readonly<Record<string, string>>;
}

/** Host facts and injected sources of `pct create`. */
export interface CreateHost {
  /** Random numbers for generated MAC addresses (seed `drand48` for reproducible output). */
  readonly random: RandomSource;
  /** The storages by id (default {@link DEFAULT_STORAGES}). */
  readonly storages?: Readonly<Record<string, StorageFacts>>;
  /** The datacenter `mac_prefix` (default `BC:24:11`). */
  readonly macPrefix?: string;
  /** The datacenter `tag-style`. */
  readonly tagStyle?: TagStyle;
  /** Zone names for `timezone` checks. */
  readonly timezones?: ReadonlySet<string>;
  /** cgroup version for `cpuunits` clamping (default 2). */
  readonly cgroupVersion?: 1 | 2;
  /** Whether the caller is `root@pam` (bind/device mount points need it; default true). */
  readonly root?: boolean;
}

/** A volume `pct create` allocates (or takes as given). */
export interface VolumeAllocation {
  /** `rootfs` or `mpN`. */
  readonly key: string;
  /** Mount path in the container (`/` for rootfs). */
  readonly mountPath: string;
  /** `volume` (storage), `bind` or `device`. */
  readonly kind: 'volume' | 'bind' | 'device';
  /** The volume id as written in the config. */
  readonly volid: string;
  /** Storage id (storage volumes only). */
  readonly storage?: string;
  /** Size in bytes, for a new volume. */
  readonly size?: number;
  /** `raw` (image + mkfs.ext4) or `subvol` (a directory), for a new volume. */
  readonly format?: 'raw' | 'subvol';
  /** True when this call allocates it (a `STORAGE:SIZE` spec). */
  readonly allocated: boolean;
}

/** The config before extraction, and what the later steps need. */
export interface CreateConfig {
  readonly vmid: number;
  /** The config as written before extraction (with `unprivileged`, volumes; no `lock`). */
  readonly config: PctConfig;
  readonly volumes: readonly VolumeAllocation[];
  /** The id map extraction applies (empty: privileged). */
  readonly idMap: IdMap;
  readonly unprivileged: boolean;
  /** `--password` as given (a crypt hash or plain text; the setup step wants a hash). */
  readonly password?: string;
  /** `--ssh-public-keys` contents. */
  readonly sshPublicKeys?: string;
  readonly ignoreUnpackErrors: boolean;
  /** Warnings Proxmox prints (and pctkit's notices), in order. */
  readonly diagnostics: readonly Diagnostic<CreateConfigCode>[];
}

/** Options of `pct create` that are not config keys. */
const CREATE_ONLY = new Set([
  'storage',
  'password',
  'ssh-public-keys',
  'unprivileged',
  'ignore-unpack-errors',
  'force',
  'restore',
  'unique',
  'start',
  'pool',
  'bwlimit',
  'ha-managed',
]);

const MP_KEY = /^mp(0|[1-9]\d{0,2})$/;
const UNUSED_KEY = /^unused(0|[1-9]\d{0,2})$/;
/** `STORAGE:SIZE_GiB`, or a bare size that takes `--storage`. */
const NEW_VOLUME = /^(?:([^:\t\n\v\f\r ]+):)?(\d+(?:\.\d+)?)$/;
/** Storage types whose volumes are files under a directory (`<vmid>/<name>.raw|.subvol`). */
const PATH_STORAGES = new Set(['dir', 'nfs', 'cifs', 'glusterfs', 'cephfs', 'btrfs']);

type Fail = Diagnostic<CreateConfigCode>;

function err(code: CreateConfigCode, text: string, path?: string): Fail {
  return proxmoxDiagnostic('error', code, text, path !== undefined ? { path } : {});
}

/** The lowest disk index of `vmid` not used on a storage (`vm-`, `base-` and `subvol-` names). */
function nextDiskIndex(used: ReadonlySet<number>): number {
  let n = 0;
  while (used.has(n)) n++;
  return n;
}

function usedIndexes(names: readonly string[], vmid: number): Set<number> {
  const re = new RegExp(`(?:^|/)(?:vm|base|subvol)-${vmid}-disk-(\\d+)`);
  const out = new Set<number>();
  for (const name of names) {
    const m = re.exec(name);
    if (m !== null) out.add(Number(m[1]));
  }
  return out;
}

interface Allocated {
  readonly volname: string;
  readonly format: 'raw' | 'subvol';
}

/** `alloc_disk`'s naming: raw image or subvolume by storage type and size. */
function volumeName(type: string, vmid: number, index: number, size: number): Allocated {
  if (PATH_STORAGES.has(type)) {
    return size > 0
      ? { volname: `${vmid}/vm-${vmid}-disk-${index}.raw`, format: 'raw' }
      : { volname: `${vmid}/subvol-${vmid}-disk-${index}.subvol`, format: 'subvol' };
  }
  if (type === 'zfspool') return { volname: `subvol-${vmid}-disk-${index}`, format: 'subvol' };
  return { volname: `vm-${vmid}-disk-${index}`, format: 'raw' };
}

function text(options: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(options, key) ? options[key] : undefined;
}

/**
 * Builds the pre-extraction config of `pct create`. Collects every error of the request (bad
 * parameters, combinations, storages) before failing; warnings of a success are in `diagnostics`.
 */
export function createConfig(
  request: CreateRequest,
  host: CreateHost,
): Result<CreateConfig, CreateConfigCode> {
  const options = request.options ?? {};
  const vmid = request.vmid;
  const storages = host.storages ?? DEFAULT_STORAGES;
  const errors: Fail[] = [];
  const diagnostics: Fail[] = [];
  const storage = text(options, 'storage') ?? 'local';
  const unprivRaw = text(options, 'unprivileged');
  const unprivileged = unprivRaw === undefined ? true : isPerlTrue(unprivRaw);

  const plain: Record<string, string> = Object.create(null) as Record<string, string>;
  const volumeKeys: string[] = [];
  for (const key of Object.keys(options)) {
    if (CREATE_ONLY.has(key)) continue;
    if (key === 'rootfs' || MP_KEY.test(key)) volumeKeys.push(key);
    else if (UNUSED_KEY.test(key)) {
      diagnostics.push(
        warningDiagnostic(
          'CREATE_UNUSED_IGNORED',
          `ignoring '${key}': unused volumes cannot be given to create`,
          {
            path: key,
          },
        ),
      );
    } else plain[key] = options[key] as string;
  }
  if (volumeKeys.some((k) => k !== 'rootfs') && !volumeKeys.includes('rootfs')) {
    errors.push(
      err(
        'CREATE_MOUNT_POINTS_WITHOUT_ROOTFS',
        "mount points configured, but 'rootfs' not set - aborting\n",
        'rootfs',
      ),
    );
  }

  // The plain keys through `pct set` onto an empty config (a stopped CT: applied at once).
  const set = setConfig(
    emptyConfig(),
    { set: plain, running: false },
    {
      vmid,
      macAddress: () => randomMacAddress(host.random, host.macPrefix),
      ...(host.tagStyle !== undefined ? { tagStyle: host.tagStyle } : {}),
      ...(host.timezones !== undefined ? { timezones: host.timezones } : {}),
      ...(host.cgroupVersion !== undefined ? { cgroupVersion: host.cgroupVersion } : {}),
    },
  );
  if (E.isLeft(set)) {
    // One error per key (`<key>: <why>`), each with Proxmox's whole message.
    const whole = proxmoxTextOf(set.left);
    for (const d of set.left) {
      errors.push(
        d.path === undefined || d.code === 'SET_CT_LOCKED'
          ? err('CREATE_INVALID_PARAMETER', whole)
          : errorDiagnostic('CREATE_INVALID_PARAMETER', d.message, {
              path: d.path,
              proxmoxText: whole,
            }),
      );
    }
  }

  // Volumes: rootfs first (default `<storage>:4`), then mpN in index order.
  const specs: Array<[string, string]> = [['rootfs', text(options, 'rootfs') ?? `${storage}:4`]];
  const mps = volumeKeys
    .filter((k) => k !== 'rootfs')
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
  for (const k of mps) specs.push([k, options[k] as string]);

  const values: Record<string, ConfigValue> = Object.create(null) as Record<string, ConfigValue>;
  const volumes: VolumeAllocation[] = [];
  const taken = new Map<string, Set<number>>();
  for (const [key, raw] of specs) {
    const parsed = parseVolume(key, raw);
    if (E.isLeft(parsed)) {
      errors.push(
        errorDiagnostic(
          'CREATE_INVALID_VOLUME',
          `${key}: ${messageOfProxmoxText(parsed.left.message)}`,
          {
            path: key,
            proxmoxText: parsed.left.message,
          },
        ),
      );
      continue;
    }
    const vol = parsed.right;
    const mountPath = key === 'rootfs' ? '/' : String(vol.mp ?? '');
    if (vol.type !== 'volume') {
      if (host.root === false)
        errors.push(
          err('CREATE_ROOT_ONLY_PATH', 'Only root can pass arbitrary filesystem paths.\n', key),
        );
      if (key === 'rootfs') {
        errors.push(
          errorDiagnostic(
            'CREATE_INVALID_VOLUME',
            `rootfs: a ${vol.type} mount cannot be the root filesystem`,
            {
              path: key,
            },
          ),
        );
      }
      volumes.push({ key, mountPath, kind: vol.type, volid: vol.volume, allocated: false });
      values[key] = raw;
      continue;
    }
    const m = NEW_VOLUME.exec(vol.volume);
    const sid = m !== null ? (m[1] ?? storage) : vol.volume.slice(0, vol.volume.indexOf(':'));
    const facts = Object.prototype.hasOwnProperty.call(storages, sid) ? storages[sid] : undefined;
    if (facts === undefined) {
      errors.push(err('CREATE_NO_SUCH_STORAGE', `storage '${sid}' does not exist\n`, key));
      continue;
    }
    if (facts.disabled === true) {
      errors.push(err('CREATE_STORAGE_DISABLED', `storage '${sid}' is disabled\n`, key));
      continue;
    }
    if (!facts.content.includes('rootdir')) {
      errors.push(
        err(
          'CREATE_STORAGE_NO_ROOTDIR',
          `storage '${sid}' does not support container directories\n`,
          key,
        ),
      );
      continue;
    }
    if (m === null) {
      // An existing volume, used as it is.
      volumes.push({
        key,
        mountPath,
        kind: 'volume',
        volid: vol.volume,
        storage: sid,
        allocated: false,
      });
      values[key] = raw;
      continue;
    }
    // `int(size * 1024)` KiB, as Proxmox converts the GiB figure.
    const size = Math.trunc(Number(m[2]) * 1024) * 1024 * 1024;
    let used = taken.get(sid);
    if (used === undefined) {
      used = usedIndexes(facts.volumes ?? [], vmid);
      taken.set(sid, used);
    }
    const index = nextDiskIndex(used);
    used.add(index);
    const { volname, format } = volumeName(facts.type, vmid, index, size);
    const volid = `${sid}:${volname}`;
    const printed = printVolume(key, { ...vol, volume: volid, size });
    if (E.isLeft(printed)) {
      errors.push(
        errorDiagnostic(
          'CREATE_INVALID_VOLUME',
          `${key}: ${messageOfProxmoxText(printed.left.message)}`,
          {
            path: key,
          },
        ),
      );
      continue;
    }
    values[key] = printed.right;
    volumes.push({
      key,
      mountPath,
      kind: 'volume',
      volid,
      storage: sid,
      size,
      format,
      allocated: true,
    });
  }
  if (errors.length > 0 || E.isLeft(set)) return fail(...(errors as [Fail, ...Fail[]]));

  const main = set.right.config.main;
  const merged: Record<string, ConfigValue> = Object.create(null) as Record<string, ConfigValue>;
  Object.assign(merged, main.values, values);
  if (unprivileged) merged['unprivileged'] = 1;
  const section: ConfigSection = { ...main, values: merged };
  const config: PctConfig = { ...set.right.config, main: section };
  for (const w of set.right.diagnostics) {
    if (w.severity === 'warning')
      diagnostics.push(
        warningDiagnostic('CREATE_INVALID_PARAMETER', w.message, {
          proxmoxText: w.proxmoxText ?? `${w.message}\n`,
        }),
      );
  }
  const password = text(options, 'password');
  const sshPublicKeys = text(options, 'ssh-public-keys');
  return ok({
    vmid,
    config,
    volumes,
    idMap: idMapOf(section),
    unprivileged,
    ...(password !== undefined ? { password } : {}),
    ...(sshPublicKeys !== undefined ? { sshPublicKeys } : {}),
    ignoreUnpackErrors: isPerlTrue(text(options, 'ignore-unpack-errors')),
    diagnostics,
  });
}
