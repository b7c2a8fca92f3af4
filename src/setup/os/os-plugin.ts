/**
 * The per-OS plugin contract of the setup planner (Proxmox's `PVE::LXC::Setup::<OS>` classes,
 * spec §3.6). Every OS module in `src/setup/os/` exports one {@link OsPlugin}; the registry in
 * `./index.ts` maps each {@link SetupOsType} to it.
 *
 * How a plugin works:
 * - Each step receives the {@link PlanBuilder} (the `ct_*` primitives against the evolving rootfs;
 *   read with `b.fileExists`/`b.getContents`/…, write with `b.setContents`/`b.modifyFile`/…, each
 *   write with a short human reason) and the read-only {@link SetupContext}.
 * - Steps return nothing. Where Proxmox dies, call `b.fail(code, message)` with Proxmox's message
 *   and return; the hook runner stops after that step (what was recorded before stays in the
 *   error's `operations`). Warnings go to `b.warn(code, message)`.
 * - A step left undefined means: templateFixup / setupInit / setupNetwork → no-op; setHostname →
 *   the Base implementation (`setHostnameBase` in `../hostname.ts`: `/etc/hosts` then
 *   `/etc/hostname` with the short name).
 * - Shared Base building blocks for plugins: `../hosts.ts` (`updateEtcHosts`,
 *   `removeLxcNameFromHosts`), `../hostname.ts`, `../securetty.ts` (`setupSecuretty`),
 *   `../systemd.ts` (`writeSystemdPreset`, `setupContainerGetty`, `fixupOldGetty`,
 *   `maskStaticUnits`, `systemdDir`), `../networkd.ts` (`setupSystemdNetworkd`), and
 *   `ctx.dns` / `ctx.settings.nets` / `ctx.devttydir` / `ctx.uuid()`.
 * - Versions: `ctx.os.version` is the text the plugin constructor derived (Debian/Devuan: the
 *   integer Debian version, Ubuntu: `22.04`, Alpine: the first line of alpine-release, CentOS:
 *   `6.3`/`10`, Fedora/openEuler/SUSE: VERSION_ID, Arch/Gentoo/NixOS/Unmanaged: undefined or `0`).
 *   Compare with {@link perlNumber} (Perl numeric semantics: `'17.10'` is 17.1).
 */
import type { ConfigSection } from '../../config/model.js';
import type { DnsSettings } from '../ip-network.js';
import type { PlanBuilder } from '../plan-builder.js';
import type { SetupSettings } from '../setup-settings.js';

/** The setup plugins Proxmox has (spec §2.2), by canonical name. */
export type SetupOsType =
  | 'debian'
  | 'devuan'
  | 'ubuntu'
  | 'centos'
  | 'fedora'
  | 'openeuler'
  | 'opensuse'
  | 'archlinux'
  | 'alpine'
  | 'gentoo'
  | 'nixos'
  | 'unmanaged';

/** Every {@link SetupOsType}. */
export const SETUP_OS_TYPES: readonly SetupOsType[] = [
  'debian',
  'devuan',
  'ubuntu',
  'centos',
  'fedora',
  'openeuler',
  'opensuse',
  'archlinux',
  'alpine',
  'gentoo',
  'nixos',
  'unmanaged',
];

/** The detected OS as the planner sees it. */
export interface SetupOs {
  readonly type: SetupOsType;
  /** The version the plugin constructor derived, as text (see the module comment). */
  readonly version?: string;
  /** os-release `ID` (SUSE acceptance rules), when known. */
  readonly id?: string;
}

/** Everything a plugin step may look at besides the rootfs. All values are explicit inputs. */
export interface SetupContext {
  /** The main config section. */
  readonly config: ConfigSection;
  /** The parsed view of {@link config}. */
  readonly settings: SetupSettings;
  readonly os: SetupOs;
  /** Name servers and search domains after the DNS lookup (§4.3). */
  readonly dns: DnsSettings;
  /** The tty directory prefix for securetty and container-getty (`''` or `lxc/`, §3.6). */
  readonly devttydir: string;
  /** A fresh UUID per call (ifcfg `UUID=`, NetworkManager `uuid=`). */
  readonly uuid: () => string;
  /** Host time zone for `timezone: host` (§4.4): its name and resolved localtime path. */
  readonly hostTimezone?: { readonly name: string; readonly localtimePath: string };
}

/** One step of a plugin. */
export type SetupStep = (b: PlanBuilder, ctx: SetupContext) => void;

/** A per-OS plugin. */
export interface OsPlugin {
  readonly type: SetupOsType;
  /**
   * `''` for plugins that override `devttydir` with the empty string (Debian family, Alpine,
   * Gentoo); `'base'` for the Base rule (`''` when unprivileged, else `lxc/`).
   */
  readonly devttydir: '' | 'base';
  /** Unmanaged only: every hook is a no-op. */
  readonly unmanaged?: boolean;
  /** The Debian family's snakeoil certificate fixup runs at post-create (§5.1). */
  readonly snakeoil?: boolean;
  /** NixOS: the timezone step is a no-op. */
  readonly skipTimezone?: boolean;
  readonly templateFixup?: SetupStep;
  readonly setupInit?: SetupStep;
  readonly setupNetwork?: SetupStep;
  /** Absent: the Base implementation. */
  readonly setHostname?: SetupStep;
}

/** Perl's numeric value of a version string (src/perl), for the OS plugins. */
export { perlNumber } from '../../perl/index.js';
