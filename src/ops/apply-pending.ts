/**
 * Applying `[pve:pending]`: offline (`vmconfig_apply_pending`, also what a start does, spec §5.3)
 * and into a running container (`vmconfig_hotplug_pending`, §5.4), plus reverting pending changes
 * and listing them (`GET /pending`). Pure: the effects are returned as {@link ConfigAction}s.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection, ConfigValue, PctConfig } from '../config/model.js';
import { diagnostic, proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Failure, Result } from '../diagnostics/result.js';
import { emptySection } from '../config/model.js';
import { valueText } from '../config/writer.js';
import { netFormat, parseVolume, printVolume } from '../schema/formats/index.js';
import type { ParsedVolume } from '../schema/formats/index.js';
import { parsePropertyString } from '../schema/property-string.js';
import { printPropertyString } from '../schema/print-property-string.js';
import type { ParsedPropertyString } from '../schema/property-schema.js';
import type { ConfigAction } from './actions.js';
import { cpuLimitAction, cpuUnitsAction, memoryAction } from './actions.js';
import {
  cleanupPending,
  parsePendingDelete,
  removePendingDelete,
  withPendingDelete,
} from './pending-delete.js';
import {
  sectionDelete,
  sectionGet,
  sectionHas,
  sectionKeys,
  sectionSet,
} from './section-values.js';
import { addUnusedVolume, isMountPointKey, isUnusedKey, isVolumeInUse } from './volumes.js';

/** What applying or hotplugging pending changes reports. */
export type PendingCode =
  /**
   * A pending change a stopped CT (or a start) could not apply; it stays pending. `path` is the
   * key, `proxmoxText` Proxmox's warning (`unable to apply pending change <k> : <err>`).
   */
  | 'PENDING_NOT_APPLIED'
  /** A pending change a running CT could not take (`unable to hotplug <k>: <err>`); nothing changes. */
  | 'PENDING_HOTPLUG_FAILED'
  /**
   * A `net10`..`net31` delete on a running CT stays pending until the next start: Proxmox only
   * hot-unplugs `net0`..`net9` (a notice: Proxmox says nothing).
   */
  | 'PENDING_NET_DELETE_DEFERRED'
  /**
   * A `netN` value `canonicalNet` cannot make canonical: not a valid NIC, or no MAC address
   * generator for a NIC without `hwaddr` (`proxmoxText` is what Proxmox dies with).
   */
  | 'PENDING_NET_INVALID';

/** A diagnostic of {@link applyPending} or {@link hotplugPending}. */
export type PendingDiagnostic = Diagnostic<PendingCode>;

/** A diagnostic about one key whose Proxmox text is `text` (kept byte for byte). */
function keyDiagnostic(
  severity: Severity,
  code: PendingCode,
  key: string,
  text: string,
): PendingDiagnostic {
  return proxmoxDiagnostic(severity, code, text, { path: key });
}

/**
 * Host services applying pending changes may need. All optional; what is missing fails that key.
 * The hooks are the user's storage layer: their `Left` is the text that layer dies with, which
 * pctkit carries as a diagnostic's `proxmoxText` (so they stay `Either<string, …>`).
 */
export interface PendingHost {
  /** The host's cgroup version (default 2): the `cpuunits` default and clamping depend on it. */
  readonly cgroupVersion?: 1 | 2;
  /** Generates a MAC address for a NIC given without `hwaddr` (see `randomMacAddress`). */
  readonly macAddress?: () => string;
  /** Allocates a volume for a new-disk spec `STORAGE:SIZE_GiB`: its volume ID and size in bytes. */
  readonly allocateVolume?: (
    storage: string,
    sizeGiB: string,
    key: string,
  ) => E.Either<string, { readonly volid: string; readonly sizeBytes: number }>;
  /**
   * Frees a volume (`vdisk_free`): the storage plugin parses its name first, so a name it cannot
   * parse fails the delete (`unable to parse lvm volume name 'x'`). Absent: freeing always succeeds.
   */
  readonly freeVolume?: (volid: string) => E.Either<string, void>;
  /** The current size of a volume in bytes (the rescan after applying a mount point). */
  readonly volumeSize?: (volid: string) => number | undefined;
}

/** The result of applying or hotplugging pending changes. */
export interface ApplyResult {
  readonly config: PctConfig;
  /** What the runtime must do, in order. */
  readonly actions: readonly ConfigAction[];
  /**
   * What was reported, in order: a `PENDING_NOT_APPLIED` warning per key that could not be applied
   * (it stays pending; `path` is the key), `PENDING_NET_DELETE_DEFERRED` notices.
   */
  readonly diagnostics: readonly PendingDiagnostic[];
}

/** Keys copied straight from pending to current on a running CT. */
export const FAST_PLUG_KEYS: ReadonlySet<string> = new Set([
  'description',
  'onboot',
  'startup',
  'protection',
  'hostname',
  'hookscript',
  'cores',
  'tags',
  'lock',
]);

/** A new-disk spec: `STORAGE:SIZE_GiB`. */
const NEW_DISK_RE = /^([^:\t\n\v\f\r ]+):(\d+(?:\.\d+)?)$/; // Perl `[^:\s]` (ASCII whitespace)

const sorted = (keys: Iterable<string>): string[] =>
  [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A config being changed key by key. */
class Work {
  readonly actions: ConfigAction[] = [];
  readonly diagnostics: PendingDiagnostic[] = [];
  constructor(public config: PctConfig) {}

  get main(): ConfigSection {
    return this.config.main;
  }
  get pending(): ConfigSection {
    return this.config.pending;
  }
  setMain(main: ConfigSection): void {
    this.config = { ...this.config, main };
  }
  setPending(pending: ConfigSection): void {
    this.config = { ...this.config, pending };
  }
  /** Removes `key` from the current config and from the pending deletes. */
  deleteApplied(key: string): void {
    this.setMain(sectionDelete(this.main, key));
    this.setPending(withPendingDelete(this.pending, removePendingDelete(this.pending.delete, key)));
  }
  /** Moves `value` into the current config and drops the pending value. */
  setApplied(key: string, value: ConfigValue): void {
    this.setMain(sectionSet(this.main, key, value));
    this.setPending(sectionDelete(this.pending, key));
  }
  result(): ApplyResult {
    return {
      config: this.config,
      actions: this.actions,
      diagnostics: this.diagnostics,
    };
  }
}

/**
 * `parse_lxc_network` then print: the canonical `netN` text with `type=veth` and a generated
 * `hwaddr` when there is none. Fails with `PENDING_NET_INVALID`.
 */
export function canonicalNet(
  value: string,
  host: PendingHost,
): Result<{ readonly text: string; readonly net: ParsedPropertyString }, PendingCode> {
  const net = netText(value, host);
  if (E.isRight(net)) return net;
  return E.left([proxmoxDiagnostic('error', 'PENDING_NET_INVALID', net.left)]);
}

/** {@link canonicalNet} with Proxmox's die text as the failure. */
function netText(
  value: string,
  host: PendingHost,
): E.Either<string, { readonly text: string; readonly net: ParsedPropertyString }> {
  const parsed = parsePropertyString(netFormat, value);
  if (E.isLeft(parsed)) return E.left(parsed.left.message);
  const net: Record<string, string | number> = Object.assign(
    Object.create(null) as Record<string, string | number>,
    parsed.right,
  );
  net['type'] = 'veth';
  if (net['hwaddr'] === undefined) {
    if (host.macAddress === undefined)
      return E.left('no MAC address generator given for a NIC without hwaddr\n');
    net['hwaddr'] = host.macAddress();
  }
  const printed = printPropertyString(netFormat, net);
  return E.isLeft(printed) ? E.left(printed.left.message) : E.right({ text: printed.right, net });
}

/**
 * A pending mount point made ready to store: a new-disk spec is allocated, otherwise the size is
 * rescanned (when the host can); the value is re-printed canonically.
 */
function prepareMountPoint(
  work: Work,
  key: string,
  value: string,
  host: PendingHost,
): E.Either<string, { text: string; volume: ParsedVolume }> {
  const parsed = parseVolume(key, value);
  if (E.isLeft(parsed)) return E.left(parsed.left.message);
  let volume: ParsedVolume = parsed.right;
  const newDisk = NEW_DISK_RE.exec(volume.volume);
  if (newDisk !== null && volume.type === 'volume') {
    if (host.allocateVolume === undefined)
      return E.left('no storage given to allocate a new volume\n');
    const storage = newDisk[1] as string;
    const sizeGiB = newDisk[2] as string;
    const allocated = host.allocateVolume(storage, sizeGiB, key);
    if (E.isLeft(allocated)) return allocated;
    work.actions.push({
      kind: 'allocate-volume',
      key,
      storage,
      sizeGiB,
      volid: allocated.right.volid,
    });
    volume = { ...volume, volume: allocated.right.volid, size: allocated.right.sizeBytes };
  } else if (volume.type === 'volume' && host.volumeSize !== undefined) {
    const size = host.volumeSize(volume.volume);
    if (size !== undefined) volume = { ...volume, size };
  }
  const printed = printVolume(key, volume);
  return E.isLeft(printed)
    ? E.left(printed.left.message)
    : E.right({ text: printed.right, volume });
}

/** The volume of a current mount point, when it is a storage volume. */
function currentVolume(section: ConfigSection, key: string): string | undefined {
  const value = sectionGet(section, key);
  if (value === undefined) return undefined;
  const parsed = parseVolume(key, valueText(value));
  return E.isRight(parsed) && parsed.right.type === 'volume' ? parsed.right.volume : undefined;
}

const inSelection = (selection: ReadonlySet<string> | undefined, key: string): boolean =>
  selection === undefined || selection.has(key);

/**
 * `vmconfig_apply_pending`: what happens on a stopped CT (for the keys of this call) and at start
 * (for every key). Pending deletes first (sorted): a removed volume mount point becomes `unusedN`
 * unless still in use (a forced `!mpN` delete frees the volume instead), a removed `unusedN` is
 * freed unless in use, a removed NIC releases its IPAM entries. Then `cleanup_pending`, then the
 * pending values (sorted): mount points are allocated or rescanned and re-printed, NICs are
 * canonicalised (`type=veth`, generated `hwaddr`), everything else is moved as is. A key that fails
 * is reported (a `PENDING_NOT_APPLIED` warning: `unable to apply pending change <k> : <err>`) and
 * stays pending.
 */
export function applyPending(
  config: PctConfig,
  host: PendingHost = {},
  selection?: ReadonlySet<string>,
): ApplyResult {
  const work = new Work(config);
  const failed = (key: string, err: string): void => {
    work.diagnostics.push(
      keyDiagnostic(
        'warning',
        'PENDING_NOT_APPLIED',
        key,
        `unable to apply pending change ${key} : ${err}`,
      ),
    );
  };
  const deletes = parsePendingDelete(work.pending.delete);
  for (const key of sorted(deletes.keys())) {
    if (!inSelection(selection, key)) continue;
    const force = deletes.get(key)?.force === true;
    if (isMountPointKey(key)) {
      const volid = currentVolume(work.main, key);
      if (volid !== undefined && !isVolumeInUse(work.config, volid, [key])) {
        if (force) {
          const freed = host.freeVolume?.(volid) ?? E.right(undefined);
          if (E.isLeft(freed)) {
            failed(key, freed.left);
            continue;
          }
          work.actions.push({ kind: 'destroy-volume', key, volid });
        } else {
          const added = addUnusedVolume(work.main, volid);
          if (E.isLeft(added)) {
            failed(key, added.left);
            continue;
          }
          work.setMain(added.right);
        }
      }
    } else if (isUnusedKey(key)) {
      const value = sectionGet(work.main, key);
      if (value !== undefined && !isVolumeInUse(work.config, valueText(value))) {
        const freed = host.freeVolume?.(valueText(value)) ?? E.right(undefined);
        if (E.isLeft(freed)) {
          failed(key, freed.left);
          continue;
        }
        work.actions.push({ kind: 'destroy-volume', key, volid: valueText(value) });
      }
    } else if (/^net\d+$/.test(key)) {
      const value = sectionGet(work.main, key);
      if (value !== undefined)
        work.actions.push({ kind: 'release-ipam', key, value: valueText(value) });
    }
    work.deleteApplied(key);
  }
  work.config = cleanupPending(work.config);
  for (const key of sectionKeys(work.pending)) {
    if (!inSelection(selection, key)) continue;
    const value = sectionGet(work.pending, key) as ConfigValue;
    if (isMountPointKey(key)) {
      const prepared = prepareMountPoint(work, key, valueText(value), host);
      if (E.isLeft(prepared)) {
        failed(key, prepared.left);
        continue;
      }
      const old = currentVolume(work.main, key);
      work.setApplied(key, prepared.right.text);
      if (
        old !== undefined &&
        old !== prepared.right.volume.volume &&
        !isVolumeInUse(work.config, old)
      ) {
        const added = addUnusedVolume(work.main, old);
        if (E.isLeft(added)) failed(key, added.left);
        else work.setMain(added.right);
      }
    } else if (/^net\d+$/.test(key)) {
      const net = netText(valueText(value), host);
      if (E.isLeft(net)) {
        failed(key, net.left);
        continue;
      }
      work.setApplied(key, net.right.text);
    } else {
      work.setApplied(key, value);
    }
  }
  return work.result();
}

/** Fields of a NIC whose change re-plugs the veth, or reconfigures addresses. */
const REPLUG_FIELDS = new Set(['bridge', 'tag', 'firewall', 'trunks', 'link_down']);
const IP_FIELDS = new Set(['ip', 'gw', 'ip6', 'gw6']);

function nicUpdate(
  key: string,
  oldValue: string,
  value: string,
  net: ParsedPropertyString,
): ConfigAction {
  const old = parsePropertyString(netFormat, oldValue);
  const before: Record<string, string | number> = E.isRight(old) ? { ...old.right } : {};
  const after: Record<string, string | number> = { ...net };
  const changed = sorted(new Set([...Object.keys(before), ...Object.keys(after)])).filter(
    (f) =>
      (before[f] === undefined ? undefined : String(before[f])) !==
      (after[f] === undefined ? undefined : String(after[f])),
  );
  const recreate = changed.includes('hwaddr') || changed.includes('name');
  return {
    kind: 'nic-update',
    key,
    oldValue,
    value,
    changed,
    recreate,
    replug: !recreate && changed.some((f) => REPLUG_FIELDS.has(f)),
    rateOnly: changed.length === 1 && changed[0] === 'rate',
    ipconfig: changed.some((f) => IP_FIELDS.has(f)),
  };
}

/**
 * `vmconfig_hotplug_pending`: what a running CT takes at once, for the keys of this call. Deletes
 * (sorted): fast-plug keys, `unusedN` (freed unless in use), `swap` (limit 0), `cpulimit`,
 * `cpuunits`, and `net0`..`net9` — Proxmox's key pattern has a single digit, so `net10`..`net31`
 * deletes stay pending (reproduced; see docs/differences-from-proxmox.md). Everything else stays
 * pending. Values (sorted): fast-plug keys, `cpulimit`, `cpuunits`, `netN` (canonicalised, then
 * added or updated), `memory`/`swap` (together, once), a new `mpN` or `devN`. Everything else
 * stays pending. Left with a `PENDING_HOTPLUG_FAILED` error per failing key (`path` the key,
 * `proxmoxText` Proxmox's `unable to hotplug <k>: <err>`).
 */
export function hotplugPending(
  config: PctConfig,
  host: PendingHost = {},
  selection?: ReadonlySet<string>,
): Result<ApplyResult, PendingCode> {
  const work = new Work(config);
  const errors: PendingDiagnostic[] = [];
  const hotplugFailed = (key: string, err: string): void => {
    errors.push(
      keyDiagnostic('error', 'PENDING_HOTPLUG_FAILED', key, `unable to hotplug ${key}: ${err}`),
    );
  };
  const cgroup = host.cgroupVersion ?? 2;
  const deletes = parsePendingDelete(work.pending.delete);
  for (const key of sorted(deletes.keys())) {
    if (!inSelection(selection, key)) continue;
    if (FAST_PLUG_KEYS.has(key)) {
      work.deleteApplied(key);
    } else if (isUnusedKey(key)) {
      const value = sectionGet(work.main, key);
      if (value !== undefined && !isVolumeInUse(work.config, valueText(value))) {
        work.actions.push({ kind: 'destroy-volume', key, volid: valueText(value) });
      }
      work.deleteApplied(key);
    } else if (key === 'swap') {
      work.actions.push({ kind: 'swap-reset', swapMaxBytes: 0 });
      work.deleteApplied(key);
    } else if (key === 'cpulimit') {
      work.actions.push(cpuLimitAction(undefined));
      work.deleteApplied(key);
    } else if (key === 'cpuunits') {
      work.actions.push(cpuUnitsAction(undefined, cgroup));
      work.deleteApplied(key);
    } else if (/^net\d$/.test(key)) {
      const value = sectionGet(work.main, key);
      if (value !== undefined)
        work.actions.push({ kind: 'nic-remove', key, value: valueText(value) });
      work.deleteApplied(key);
    } else if (/^net\d+$/.test(key)) {
      work.diagnostics.push(
        diagnostic(
          'notice',
          'PENDING_NET_DELETE_DEFERRED',
          `deleting ${key} stays pending until the next start: Proxmox only hot-unplugs net0 to net9`,
          { path: key },
        ),
      );
    }
  }
  let memoryDone = false;
  for (const key of sectionKeys(work.pending)) {
    if (!inSelection(selection, key)) continue;
    const value = sectionGet(work.pending, key);
    if (value === undefined) continue; // memory/swap handled together
    if (FAST_PLUG_KEYS.has(key)) {
      work.setApplied(key, value);
    } else if (key === 'cpulimit') {
      work.actions.push(cpuLimitAction(valueText(value)));
      work.setApplied(key, value);
    } else if (key === 'cpuunits') {
      work.actions.push(cpuUnitsAction(Number(value), cgroup));
      work.setApplied(key, value);
    } else if (/^net\d+$/.test(key)) {
      const net = netText(valueText(value), host);
      if (E.isLeft(net)) {
        hotplugFailed(key, net.left);
        continue;
      }
      const old = sectionGet(work.main, key);
      work.actions.push(
        old === undefined
          ? { kind: 'nic-add', key, value: net.right.text, net: net.right.net }
          : nicUpdate(key, valueText(old), net.right.text, net.right.net),
      );
      work.setApplied(key, net.right.text);
    } else if (key === 'memory' || key === 'swap') {
      if (memoryDone) continue;
      memoryDone = true;
      const memory = sectionGet(work.pending, 'memory') ?? sectionGet(work.main, 'memory') ?? 512;
      const swap = sectionGet(work.pending, 'swap') ?? sectionGet(work.main, 'swap') ?? 512;
      work.actions.push(memoryAction(Number(memory), Number(swap)));
      for (const k of ['memory', 'swap']) {
        const v = sectionGet(work.pending, k);
        if (v !== undefined) work.setApplied(k, v);
      }
    } else if (isMountPointKey(key) && !sectionHas(work.main, key)) {
      const prepared = prepareMountPoint(work, key, valueText(value), host);
      if (E.isLeft(prepared)) {
        hotplugFailed(key, prepared.left);
        continue;
      }
      work.actions.push({ kind: 'mount-point-add', key, value: prepared.right.text });
      work.setApplied(key, prepared.right.text);
    } else if (/^dev\d+$/.test(key) && !sectionHas(work.main, key)) {
      work.actions.push({ kind: 'device-add', key, value: valueText(value) });
      work.setApplied(key, value);
    }
  }
  return errors.length > 0
    ? E.left(errors as unknown as Failure<PendingCode>)
    : E.right(work.result());
}

/**
 * Reverts pending changes: drops the pending values and pending deletes of `keys`, or of every key
 * when `keys` is not given (the whole `[pve:pending]` section goes).
 */
export function revertPending(config: PctConfig, keys?: readonly string[]): PctConfig {
  if (keys === undefined) return { ...config, pending: emptySection() };
  let pending = config.pending;
  for (const key of keys) {
    pending = sectionDelete(pending, key);
    pending = withPendingDelete(
      pending,
      pending.delete === undefined ? undefined : removePendingDelete(pending.delete, key),
    );
  }
  return { ...config, pending };
}

/** One row of `GET /pending`: the current value, the pending one, and whether a delete is pending. */
export interface PendingChange {
  readonly key: string;
  readonly value?: string;
  readonly pending?: string;
  /** 1: delete pending; 2: forced delete pending. */
  readonly delete?: 1 | 2;
}

/** The rows of `GET /pending` for a config: every key of current and pending, sorted. */
export function pendingChanges(config: PctConfig): PendingChange[] {
  const deletes = parsePendingDelete(config.pending.delete);
  const keys = new Set([
    ...sectionKeys(config.main),
    ...sectionKeys(config.pending),
    ...deletes.keys(),
  ]);
  return sorted(keys).map((key) => {
    const value = sectionGet(config.main, key);
    const pending = sectionGet(config.pending, key);
    const del = deletes.get(key);
    return {
      key,
      ...(value !== undefined ? { value: valueText(value) } : {}),
      ...(pending !== undefined ? { pending: valueText(pending) } : {}),
      ...(del !== undefined ? { delete: del.force ? 2 : 1 } : {}),
    } as PendingChange;
  });
}
