/**
 * The Fedora plugin (spec §5.6), a CentOS subclass in Proxmox: securetty and LXC_NAME cleanup at
 * template fixup (plus removing a copied `getty@.service`), container-getty and, from Fedora 37 on,
 * presets enabling systemd-networkd; systemd-networkd from Fedora 25 on and the CentOS network
 * dispatcher up to Fedora 27 (when `/etc/sysconfig/network` exists); CentOS's `set_hostname`.
 */
import { removeLxcNameFromHosts } from '../hosts.js';
import { SYSCONFIG_NETWORK } from '../ifcfg.js';
import { setupSystemdNetworkd } from '../networkd.js';
import type { PlanBuilder } from '../plan-builder.js';
import { defaultSecurettyEntries, setupSecuretty } from '../securetty.js';
import { setupContainerGetty, writeSystemdPreset } from '../systemd.js';
import { centosSetHostname, centosSetupNetwork } from './centos.js';
import { type OsPlugin, type SetupContext, perlNumber } from './os-plugin.js';

function fedoraTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  setupSecuretty(b, defaultSecurettyEntries(ctx.devttydir));
  b.unlink('/etc/systemd/system/getty@.service', 'use the distribution getty@.service');
  removeLxcNameFromHosts(b);
}

function fedoraSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
  if (perlNumber(ctx.os.version) >= 37) writeSystemdPreset(b, { 'systemd-networkd.service': true });
}

/**
 * Fedora ≤ 24, or ≤ 27 with `/etc/sysconfig/network`: the CentOS dispatcher, which parses
 * `/etc/redhat-release` (`Fedora release 25` → 25 ≥ 10) and so writes NetworkManager keyfiles
 * (QUIRK kept from Proxmox). Fedora ≥ 25: systemd-networkd.
 */
function fedoraSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  const version = perlNumber(ctx.os.version);
  const sysconfig = version <= 24 || (version <= 27 && b.fileExists(SYSCONFIG_NETWORK));
  if (sysconfig) {
    centosSetupNetwork(b, ctx);
    if (b.failed !== undefined) return;
  }
  if (version >= 25) setupSystemdNetworkd(b, ctx.settings.nets);
}

/** The Fedora plugin. */
export const fedoraPlugin: OsPlugin = {
  type: 'fedora',
  devttydir: 'base',
  templateFixup: fedoraTemplateFixup,
  setupInit: fedoraSetupInit,
  setupNetwork: fedoraSetupNetwork,
  setHostname: centosSetHostname,
};
