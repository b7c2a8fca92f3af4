/**
 * The Gentoo plugin (OpenRC with netifrc; spec §5.10): securetty (no tty prefix) and LXC_NAME
 * cleanup at template fixup, `agetty` lines in `/etc/inittab`, the PVE section of `/etc/conf.d/net`
 * with `net.<if>` init links, and `/etc/conf.d/hostname` with the short name.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  GENTOO_HOSTNAME_CONF,
  GENTOO_NET_CONF,
  gentooNetLink,
  renderGentooHostname,
  renderGentooInittab,
  renderGentooNet,
} from '../gentoo-net.js';
import { configuredHostname } from '../hostname.js';
import { hostnamePart, removeLxcNameFromHosts, updateEtcHosts } from '../hosts.js';
import type { PlanBuilder } from '../plan-builder.js';
import { defaultSecurettyEntries, setupSecuretty } from '../securetty.js';
import type { OsPlugin, SetupContext } from './os-plugin.js';

const INITTAB = '/etc/inittab';

function gentooTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  setupSecuretty(b, defaultSecurettyEntries(ctx.devttydir));
  removeLxcNameFromHosts(b);
}

/** Proxmox reads `/etc/inittab` unconditionally: a missing one fails the step. */
function gentooSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  const content = b.getContents(INITTAB);
  if (content === undefined) return;
  b.setContents(
    INITTAB,
    renderGentooInittab(content, ctx.settings.tty),
    `agettys on ${ctx.settings.tty} ttys`,
  );
}

/**
 * `/etc/conf.d/net` (replace mode) and the `net.<if>` links. Interfaces in ascending `netN` order:
 * Proxmox walks a Perl hash here, whose order is not defined.
 */
function gentooSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  const conf = renderGentooNet(ctx.settings.nets);
  if (E.isLeft(conf)) return b.fail('SETUP_INVALID_CONFIG', conf.left);
  for (const ifname of conf.right.linkedInterfaces) {
    const link = gentooNetLink(ifname);
    b.symlink(link.target, link.path, `OpenRC service for ${ifname}`);
  }
  b.modifyFile(GENTOO_NET_CONF, conf.right.data, 'netifrc configuration', { replace: true });
}

/** `/etc/conf.d/hostname` must exist (read first, failing otherwise); then hosts; then the short name. */
function gentooSetHostname(b: PlanBuilder, ctx: SetupContext): void {
  if (b.getContents(GENTOO_HOSTNAME_CONF) === undefined) return;
  const hostname = configuredHostname(ctx);
  updateEtcHosts(b, hostname, ctx.dns.searchdomains, ctx.settings.nets);
  const namepart = hostnamePart(hostname);
  b.setContents(GENTOO_HOSTNAME_CONF, renderGentooHostname(namepart), `hostname ${namepart}`);
}

/** The Gentoo plugin. */
export const gentooPlugin: OsPlugin = {
  type: 'gentoo',
  devttydir: '',
  templateFixup: gentooTemplateFixup,
  setupInit: gentooSetupInit,
  setupNetwork: gentooSetupNetwork,
  setHostname: gentooSetHostname,
};
