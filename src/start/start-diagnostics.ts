/**
 * The diagnostics of the LXC config step of a start (`update_lxc_config`): one code per condition
 * Proxmox reports, each carrying Proxmox's exact text (`proxmoxText`, with its trailing newline)
 * where it prints one. docs/start.md lists them.
 */
import type { Diagnostic, DiagnosticLocation } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';

/** Codes of {@link planLxcConfig}'s diagnostics. */
export type LxcConfigCode =
  | 'LXC_VERSION_UNKNOWN'
  | 'LXC_MISSING_ARCH'
  | 'LXC_MISSING_OSTYPE'
  | 'LXC_MISSING_ROOTFS'
  | 'LXC_INVALID_PROPERTY'
  | 'LXC_COMMON_SECCOMP_MISSING'
  | 'LXC_KERNEL_TOO_OLD'
  | 'LXC_DEVICE_NO_PATH'
  | 'LXC_DEVICE_MISSING'
  | 'LXC_NOT_A_DEVICE'
  | 'LXC_BRIDGE_MISSING'
  | 'LXC_MTU_TOO_BIG'
  | 'LXC_SLAAC_HOST_MANAGED'
  | 'LXC_CGROUP_MODE_UNKNOWN'
  | 'LXC_NEWLINE_IN_VALUE'
  | 'LXC_INVALID_VMID'
  | 'LXC_SECCOMP_PROFILE_OVERRIDES'
  | 'LXC_APPARMOR_PROFILE_OVERRIDES'
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
  return diagnostic('warning', code, message, { ...location, proxmoxText: `${message}\n` });
}

/** Thrown inside the planner to stop at the first Proxmox error; never escapes {@link planLxcConfig}. */
export class StartStop {
  constructor(readonly diagnostic: LxcConfigDiagnostic) {}
}

/** Stops the plan with `d` (Proxmox's `die`). */
export function stop(d: LxcConfigDiagnostic): never {
  throw new StartStop(d);
}
