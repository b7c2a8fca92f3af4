/**
 * The diagnostics of the LXC config step of a start (`update_lxc_config`): one code per condition
 * Proxmox reports, each carrying Proxmox's exact text (`proxmoxText`, with its trailing newline)
 * where it prints one. docs/start.md lists them.
 */
import type { Diagnostic, DiagnosticLocation } from '../diagnostics/diagnostic.js';
import { diagnostic, proxmoxDiagnostic } from '../diagnostics/diagnostic.js';

/** Codes of {@link planLxcConfig}'s diagnostics. */
export type LxcConfigCode =
  /** The host's `lxc-start --version` output cannot be parsed: `failed to get lxc version`. */
  | 'LXC_VERSION_UNKNOWN'
  /** The configuration has no `arch`: `missing 'arch' - internal error`. */
  | 'LXC_MISSING_ARCH'
  /** The configuration has no `ostype`: `missing 'ostype' - internal error`. */
  | 'LXC_MISSING_OSTYPE'
  /** The configuration has no `rootfs`: `missing 'rootfs' configuration`. */
  | 'LXC_MISSING_ROOTFS'
  /** A property string read at start (`features`, `rootfs`, `netN`, …) does not parse; Proxmox's parse error as proxmoxText. */
  | 'LXC_INVALID_PROPERTY'
  /** A seccomp profile must be written but the host has no common profile: `unable to open file '/usr/share/lxc/config/common.seccomp' - No such file or directory`. */
  | 'LXC_COMMON_SECCOMP_MISSING'
  /** `features: mknod=1` on a kernel older than 5.3: `'mknod' feature requested, but kernel too old (found <v>, required >= 5.3)`. */
  | 'LXC_KERNEL_TOO_OLD'
  /** A `devN` entry has no path: `Path is not defined for passthrough device devN`. */
  | 'LXC_DEVICE_NO_PATH'
  /** A `devN` path does not exist on the host: `Device <path> does not exist`. */
  | 'LXC_DEVICE_MISSING'
  /** A `devN` path is not a character or block device: `<path> is not a device`. */
  | 'LXC_NOT_A_DEVICE'
  /** A `netN` bridge does not exist on the host: `bridge '<bridge>' does not exist`. */
  | 'LXC_BRIDGE_MISSING'
  /** A `netN` MTU exceeds its bridge's: `netN: MTU size '<mtu>' is bigger than bridge MTU '<bridge mtu>'`. */
  | 'LXC_MTU_TOO_BIG'
  /** `ip6=auto` on a host-managed interface: `netN: SLAAC is not supported for host-managed network configuration`. */
  | 'LXC_SLAAC_HOST_MANAGED'
  /** `cpuunits` is set but the host's cgroup mode is neither v1 nor v2: `unknown cgroup mode`. */
  | 'LXC_CGROUP_MODE_UNKNOWN'
  /** A value to write to the LXC config contains a line feed; pctkit refuses to write it (Proxmox would write a broken line). */
  | 'LXC_NEWLINE_IN_VALUE'
  /** The container id given to the planner is not a non-negative safe integer. */
  | 'LXC_INVALID_VMID'
  /** A raw `lxc.seccomp.profile` overrides features that need seccomp: `explicitly configured lxc.seccomp.profile overrides the following settings: …` (warning). */
  | 'LXC_SECCOMP_PROFILE_OVERRIDES'
  /** A raw `lxc.apparmor.profile` overrides features that need AppArmor: `explicitly configured lxc.apparmor.profile overrides the following settings: …` (warning). */
  | 'LXC_APPARMOR_PROFILE_OVERRIDES'
  /** A `netN` has no `hwaddr`, so the interface gets a random MAC for this start only (notice; Proxmox says nothing). */
  | 'LXC_RANDOM_HWADDR';

export type LxcConfigDiagnostic = Diagnostic<LxcConfigCode>;

/**
 * Proxmox's `die` text: a message without a trailing newline gets Perl's ` at FILE line N.` suffix
 * (`line` given), the others are printed as they are.
 */
export function dieText(message: string, line?: number): string {
  return line === undefined
    ? `${message}\n`
    : `${message} at /usr/share/perl5/PVE/LXC.pm line ${line}.\n`;
}

/** An error Proxmox dies with: `message` is the text without the location suffix. */
export function startError(
  code: LxcConfigCode,
  message: string,
  location: DiagnosticLocation = {},
  perlLine?: number,
): LxcConfigDiagnostic {
  const trimmed = message.replace(/\n+$/, '');
  return diagnostic('error', code, trimmed.split('\n')[0] ?? trimmed, {
    ...location,
    proxmoxText: message.endsWith('\n') ? message : dieText(message, perlLine),
  });
}

/** A warning Proxmox prints (`warn "...\n"`). */
export function startWarning(
  code: LxcConfigCode,
  message: string,
  location: DiagnosticLocation = {},
): LxcConfigDiagnostic {
  return proxmoxDiagnostic('warning', code, `${message}\n`, location);
}

/** Thrown inside the planner to stop at the first Proxmox error; never escapes {@link planLxcConfig}. */
export class StartStop {
  constructor(readonly diagnostic: LxcConfigDiagnostic) {}
}

/** Stops the plan with `d` (Proxmox's `die`). */
export function stop(d: LxcConfigDiagnostic): never {
  throw new StartStop(d);
}
