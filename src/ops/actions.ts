/**
 * What a runtime must do when a config change is applied: typed actions, one per effect Proxmox
 * performs while applying pending changes (offline or at start) or hotplugging them into a running
 * container. The config transforms only describe these; performing them is the caller's job.
 */
import type { ParsedPropertyString } from '../schema/property-schema.js';

/** Memory and swap limits, applied together (cgroup v2 numbers). */
export interface MemoryAction {
  readonly kind: 'memory';
  readonly memoryMiB: number;
  readonly swapMiB: number;
  /** `memory.max`: MiB × 2^20. */
  readonly memoryMaxBytes: number;
  /** `memory.high`: (MiB − 128) × 2^20 from 16384 MiB on, else MiB × 1016 × 1024. */
  readonly memoryHighBytes: number;
  /** `memory.swap.max`: swap MiB × 2^20. */
  readonly swapMaxBytes: number;
}

/** `swap` deleted on a running CT: the swap limit goes to 0 now. */
export interface SwapResetAction {
  readonly kind: 'swap-reset';
  readonly swapMaxBytes: 0;
}

/** A CPU time limit: `quota` µs per `period` µs, or no limit (`max`). */
export interface CpuLimitAction {
  readonly kind: 'cpulimit';
  /** The new `cpulimit`, or `undefined` when it was deleted. */
  readonly value: string | undefined;
  readonly quota: number | 'max';
  readonly period: 100000;
}

/** A CPU weight (cgroup v2 `cpu.weight`, v1 `cpu.shares`). */
export interface CpuUnitsAction {
  readonly kind: 'cpuunits';
  /** The new `cpuunits`, or `undefined` when it was deleted (reset to the default). */
  readonly value: number | undefined;
  readonly weight: number;
}

/** A NIC to plug into the running CT. */
export interface NicAddAction {
  readonly kind: 'nic-add';
  readonly key: string;
  /** The canonical value stored (`type=veth`, hwaddr filled in). */
  readonly value: string;
  readonly net: ParsedPropertyString;
}

/** A NIC to remove from the running CT (veth deleted, DHCP clients killed, IPAM released). */
export interface NicRemoveAction {
  readonly kind: 'nic-remove';
  readonly key: string;
  readonly value: string;
}

/** A NIC of the running CT whose settings change (`update_net`). */
export interface NicUpdateAction {
  readonly kind: 'nic-update';
  readonly key: string;
  readonly oldValue: string;
  readonly value: string;
  /** Fields whose value differs (added, removed or changed), sorted. */
  readonly changed: readonly string[];
  /** `hwaddr` or `name` changed: the veth is deleted and created again. */
  readonly recreate: boolean;
  /** `bridge`, `tag`, `firewall`, `trunks` or `link_down` changed: the veth is re-plugged. */
  readonly replug: boolean;
  /** Only `rate` changed: the rate limit is set in place. */
  readonly rateOnly: boolean;
  /** `ip`, `gw`, `ip6` or `gw6` changed: addresses are reconfigured inside the CT. */
  readonly ipconfig: boolean;
}

/** A mount point hot-plugged into the running CT (or a new volume allocated for it). */
export interface MountPointAddAction {
  readonly kind: 'mount-point-add';
  readonly key: string;
  /** The value stored (canonical print). */
  readonly value: string;
}

/** A device passed through to the running CT. */
export interface DeviceAddAction {
  readonly kind: 'device-add';
  readonly key: string;
  readonly value: string;
}

/** A volume no longer referenced anywhere, to be freed on storage. */
export interface DestroyVolumeAction {
  readonly kind: 'destroy-volume';
  readonly key: string;
  readonly volid: string;
}

/** A volume allocated on storage for a new-disk spec (`STORAGE:SIZE_GiB`). */
export interface AllocateVolumeAction {
  readonly kind: 'allocate-volume';
  readonly key: string;
  readonly storage: string;
  readonly sizeGiB: string;
  readonly volid: string;
}

/** A deleted NIC whose SDN IPAM entries are released. */
export interface ReleaseIpamAction {
  readonly kind: 'release-ipam';
  readonly key: string;
  readonly value: string;
}

/** Every action a config change can require. */
export type ConfigAction =
  | MemoryAction
  | SwapResetAction
  | CpuLimitAction
  | CpuUnitsAction
  | NicAddAction
  | NicRemoveAction
  | NicUpdateAction
  | MountPointAddAction
  | DeviceAddAction
  | DestroyVolumeAction
  | AllocateVolumeAction
  | ReleaseIpamAction;

const MIB = 1024 * 1024;

/** The memory action for `memory`/`swap` in MiB (spec §5.4 formulas). */
export function memoryAction(memoryMiB: number, swapMiB: number): MemoryAction {
  return {
    kind: 'memory',
    memoryMiB,
    swapMiB,
    memoryMaxBytes: memoryMiB * MIB,
    memoryHighBytes: memoryMiB >= 16384 ? (memoryMiB - 128) * MIB : memoryMiB * 1016 * 1024,
    swapMaxBytes: swapMiB * MIB,
  };
}

/** The CPU quota for a `cpulimit` value (`undefined` or 0: no limit). */
export function cpuLimitAction(value: string | undefined): CpuLimitAction {
  const n = value === undefined ? 0 : Number(value);
  return { kind: 'cpulimit', value, quota: n > 0 ? Math.round(n * 100000) : 'max', period: 100000 };
}

/** The CPU weight for `cpuunits` (`undefined`: the cgroup default, 100 on v2, 1024 on v1). */
export function cpuUnitsAction(value: number | undefined, cgroupVersion: 1 | 2): CpuUnitsAction {
  return { kind: 'cpuunits', value, weight: value ?? (cgroupVersion === 2 ? 100 : 1024) };
}
