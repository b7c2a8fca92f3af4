/**
 * The CentOS family plugin (CentOS, Rocky, Alma, RHEL-likes; spec §5.5). Fedora and openEuler reuse
 * its network dispatcher and its `set_hostname`.
 *
 * - template_fixup: upstart jobs and `start_udev` for CentOS < 7, `/etc/locale.conf`, securetty,
 *   LXC_NAME cleanup, masked static units.
 * - setup_init: old getty fixup, container-getty, default presets from CentOS 8 on.
 * - setup_network: NetworkManager keyfiles for a `/etc/redhat-release` version ≥ 10, else
 *   network-scripts (`ifcfg-<if>`, `route-<if>`, `route6-<if>`, `/etc/sysconfig/network`).
 * - set_hostname: the full FQDN in `/etc/hostname` and in `HOSTNAME=` of `/etc/sysconfig/network`.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  RC_SYSINIT,
  UPSTART_DIR,
  UPSTART_POWER_STATUS_CONF,
  UPSTART_POWER_STATUS_CONF_TEXT,
  UPSTART_START_TTYS_CONF,
  UPSTART_START_TTYS_CONF_TEXT,
  UPSTART_TTY_CONF,
  UPSTART_TTY_CONF_TEXT,
  disableStartUdev,
  fixUpstartTtyConf,
} from '../centos-upstart.js';
import { configuredHostname } from '../hostname.js';
import { removeLxcNameFromHosts, updateEtcHosts } from '../hosts.js';
import {
  NETWORK_SCRIPTS_DIR,
  SYSCONFIG_NETWORK,
  renderIfcfg,
  sectionData,
  setSysconfigHostname,
  updateSysconfigNetworking,
} from '../ifcfg.js';
import {
  NM_CONNECTIONS_DIR,
  NM_CONNECTION_MODE,
  nmConnectionPath,
  renderNmConnection,
} from '../nmconnection.js';
import type { PlanBuilder } from '../plan-builder.js';
import { defaultSecurettyEntries, setupSecuretty } from '../securetty.js';
import {
  fixupOldGetty,
  maskStaticUnits,
  setupContainerGetty,
  writeSystemdPreset,
} from '../systemd.js';
import { type OsPlugin, type SetupContext, perlNumber } from './os-plugin.js';

export const REDHAT_RELEASE = '/etc/redhat-release';
export const LOCALE_CONF = '/etc/locale.conf';
/** `/etc/locale.conf` as written when absent (no final LF, as Proxmox writes it). */
export const DEFAULT_LOCALE_CONF = 'LANG=C.utf8';

/**
 * The version in a `redhat-release` text: the first `release N.N` (a further `.N` ignored), else the
 * first `release N`; undefined when there is neither.
 */
export function redhatReleaseVersion(text: string): string | undefined {
  const m = /release[\t\n\v\f\r ]+(\d+\.\d+)/.exec(text) ?? /release[\t\n\v\f\r ]+(\d+)/.exec(text);
  return m === null ? undefined : (m[1] as string);
}

/** Writes `/etc/locale.conf` (`LANG=C.utf8`, no LF) when it is not a regular file (CentOS, SUSE). */
export function ensureLocaleConf(b: PlanBuilder): void {
  if (!b.fileExists(LOCALE_CONF))
    b.setContents(LOCALE_CONF, DEFAULT_LOCALE_CONF, 'default locale C.utf8');
}

/** CentOS < 7: upstart getty/SIGPWR jobs and no `start_udev` in rc.sysinit. */
function upstartFixup(b: PlanBuilder): void {
  b.makePath(UPSTART_DIR, 'upstart job directory');
  if (b.fileExists(UPSTART_TTY_CONF)) {
    const content = b.getContents(UPSTART_TTY_CONF);
    if (content === undefined) return;
    b.setContents(
      UPSTART_TTY_CONF,
      fixUpstartTtyConf(content),
      'mingetty must not hang up the container console',
    );
  } else {
    b.setContents(UPSTART_TTY_CONF, UPSTART_TTY_CONF_TEXT, 'upstart getty job');
  }
  if (!b.fileExists(UPSTART_START_TTYS_CONF)) {
    b.setContents(
      UPSTART_START_TTYS_CONF,
      UPSTART_START_TTYS_CONF_TEXT,
      'upstart job starting the gettys',
    );
  }
  if (!b.fileExists(UPSTART_POWER_STATUS_CONF)) {
    b.setContents(UPSTART_POWER_STATUS_CONF, UPSTART_POWER_STATUS_CONF_TEXT, 'shut down on SIGPWR');
  }
  // Proxmox reads rc.sysinit unconditionally: a template without it fails here.
  const sysinit = b.getContents(RC_SYSINIT);
  if (sysinit === undefined) return;
  b.setContents(RC_SYSINIT, disableStartUdev(sysinit), 'no udev in a container');
}

function centosTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  if (perlNumber(ctx.os.version) < 7) {
    upstartFixup(b);
    if (b.failed !== undefined) return;
  }
  ensureLocaleConf(b);
  setupSecuretty(b, defaultSecurettyEntries(ctx.devttydir));
  removeLxcNameFromHosts(b);
  maskStaticUnits(b);
}

function centosSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  fixupOldGetty(b);
  setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
  if (perlNumber(ctx.os.version) >= 8) writeSystemdPreset(b);
}

/** network-scripts: `ifcfg-<if>` plus route sections, then the NETWORKING flags. */
export function writeNetworkScripts(b: PlanBuilder, ctx: SetupContext): void {
  b.makePath(NETWORK_SCRIPTS_DIR, 'network-scripts directory');
  let ipv4 = false;
  let ipv6 = false;
  for (const nic of ctx.settings.nets) {
    // Counted before the skip below: any `ip`/`ip6` value (even `manual`) turns networking on.
    if (nic.ip !== undefined) ipv4 = true;
    if (nic.ip6 !== undefined) ipv6 = true;
    const files = renderIfcfg(nic, ctx.dns, ctx.uuid());
    if (E.isLeft(files)) return b.fail('SETUP_INVALID_CONFIG', files.left);
    if (files.right.ifcfg === undefined) continue;
    b.setContents(
      `${NETWORK_SCRIPTS_DIR}/ifcfg-${nic.name}`,
      files.right.ifcfg,
      `network-scripts config of ${nic.name}`,
    );
    b.modifyFile(
      `${NETWORK_SCRIPTS_DIR}/route-${nic.name}`,
      sectionData(files.right.routes),
      `IPv4 routes of ${nic.name}`,
      {
        delete: true,
        prepend: true,
      },
    );
    b.modifyFile(
      `${NETWORK_SCRIPTS_DIR}/route6-${nic.name}`,
      sectionData(files.right.routes6),
      `IPv6 routes of ${nic.name}`,
      {
        delete: true,
        prepend: true,
      },
    );
  }
  if (!b.fileExists(SYSCONFIG_NETWORK)) return;
  const content = b.getContents(SYSCONFIG_NETWORK);
  if (content === undefined) return;
  b.setContents(
    SYSCONFIG_NETWORK,
    updateSysconfigNetworking(content, { ipv4, ipv6 }),
    'enable networking',
  );
}

/** NetworkManager keyfiles (0600), one per named interface. */
export function writeNmConnections(b: PlanBuilder, ctx: SetupContext): void {
  b.makePath(NM_CONNECTIONS_DIR, 'NetworkManager connection directory');
  for (const nic of ctx.settings.nets) {
    const text = renderNmConnection(nic, ctx.dns, ctx.uuid());
    if (E.isLeft(text)) return b.fail('SETUP_INVALID_CONFIG', text.left);
    b.setContents(
      nmConnectionPath(nic.name),
      text.right,
      `NetworkManager connection of ${nic.name}`,
      NM_CONNECTION_MODE,
    );
  }
}

/**
 * The CentOS network dispatcher, also used by Fedora and openEuler: it reads `/etc/redhat-release`
 * again (a missing file fails the step) and chooses NetworkManager for version ≥ 10. The version is
 * not range-checked here; a text without `release N` counts as 0 (Perl's numeric value of undef).
 */
export function centosSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  const release = b.getContents(REDHAT_RELEASE);
  if (release === undefined) return;
  if (perlNumber(redhatReleaseVersion(release)) >= 10) writeNmConnections(b, ctx);
  else writeNetworkScripts(b, ctx);
}

/**
 * CentOS `set_hostname`: `/etc/hosts` as in Base, then the full name (FQDN) to `/etc/hostname` and
 * to `HOSTNAME=` of an existing `/etc/sysconfig/network`.
 */
export function centosSetHostname(b: PlanBuilder, ctx: SetupContext): void {
  const hostname = configuredHostname(ctx);
  updateEtcHosts(b, hostname, ctx.dns.searchdomains, ctx.settings.nets);
  b.setContents('/etc/hostname', hostname + '\n', `hostname ${hostname}`);
  if (!b.fileExists(SYSCONFIG_NETWORK)) return;
  const content = b.getContents(SYSCONFIG_NETWORK);
  if (content === undefined) return;
  b.setContents(SYSCONFIG_NETWORK, setSysconfigHostname(content, hostname), `HOSTNAME=${hostname}`);
}

/** The CentOS family plugin. */
export const centosPlugin: OsPlugin = {
  type: 'centos',
  devttydir: 'base',
  templateFixup: centosTemplateFixup,
  setupInit: centosSetupInit,
  setupNetwork: centosSetupNetwork,
  setHostname: centosSetHostname,
};
