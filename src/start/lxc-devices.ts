/**
 * Device passthrough in the LXC config (spec A.1 row 10): for each `devN`, the cgroup v2 rule that
 * lets the container use the host node (`rw`, or `r` plus a `w` deny with `deny-write=1`).
 *
 * Proxmox's check of the node has a quirk this module reproduces: it reports `Device <path> does
 * not exist` whenever the last failed file lookup of the step was a "no such file" failure, even if
 * the device exists (the errno is stale). {@link StaleNoEntry} tracks that condition.
 */
import { deviceFormat } from '../schema/formats/device.js';
import { isPerlTrue } from '../perl/index.js';
import type { ConfigSection, ConfigValue } from '../config/model.js';
import type { HostFacts } from './host-facts.js';
import { ownValue } from './host-facts.js';
import { sectionProperty } from './lxc-features.js';
import type { LxcLines } from './lxc-lines.js';
import { startError, stop } from './start-diagnostics.js';

/**
 * Whether the most recent failed file-system lookup of the step failed with "no such file"
 * (Perl's `$!` is ENOENT). Set by the lookups that fail (creating the container directory, a
 * missing include file), cleared by writing `rules.seccomp`.
 */
export interface StaleNoEntry {
  stale: boolean;
  /** Do not reproduce the quirk: check devices against the facts only. */
  readonly ignored?: boolean;
}

const DEV_KEY = /^dev(\d+)$/;

/**
 * The `devN` keys of a config in the order pctkit emits them: by number (Proxmox iterates a Perl
 * hash, whose order varies from run to run; docs/differences-from-proxmox.md).
 */
export function deviceKeys(values: Readonly<Record<string, ConfigValue>>): string[] {
  const keys: Array<[number, string]> = [];
  for (const key of Object.keys(values)) {
    const m = DEV_KEY.exec(key);
    if (m !== null) keys.push([Number(m[1]), key]);
  }
  keys.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return keys.map(([, key]) => key);
}

/** Adds the device rules of every `devN`, or stops with Proxmox's error for the first bad one. */
export function addDeviceLines(
  lines: LxcLines,
  section: ConfigSection,
  facts: HostFacts,
  errno: StaleNoEntry,
): void {
  for (const key of deviceKeys(section.values)) {
    const device = sectionProperty(section, key, deviceFormat);
    const pathValue = device['path'];
    if (pathValue === undefined) {
      stop(
        startError('LXC_DEVICE_NO_PATH', `Path is not defined for passthrough device ${key}\n`, {
          path: key,
        }),
      );
    }
    const path = String(pathValue);
    const node = ownValue(facts.devices, path);
    // Perl checks `$! == ENOENT` before anything else: a stale ENOENT wins over an existing node.
    if (node === undefined || (errno.stale && errno.ignored !== true)) {
      stop(
        startError('LXC_DEVICE_MISSING', `Device ${path} does not exist\n`, {
          path: `${key}.path`,
        }),
      );
    }
    if (node.type !== 'c' && node.type !== 'b') {
      stop(startError('LXC_NOT_A_DEVICE', `${path} is not a device\n`, { path: `${key}.path` }));
    }
    const rdev = `${node.type} ${node.major}:${node.minor}`;
    if (isPerlTrue(device['deny-write'])) {
      lines.add('lxc.cgroup2.devices.allow', `${rdev} r`, key);
      lines.add('lxc.cgroup2.devices.deny', `${rdev} w`, key);
    } else {
      lines.add('lxc.cgroup2.devices.allow', `${rdev} rw`, key);
    }
  }
}
