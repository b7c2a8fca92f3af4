/**
 * The Arch Linux plugin (spec §5.9): securetty and LXC_NAME cleanup at template fixup, presets
 * enabling systemd-networkd and container-getty at init, systemd-networkd for the network, Base
 * `set_hostname`.
 */
import { removeLxcNameFromHosts } from '../hosts.js';
import { setupSystemdNetworkd } from '../networkd.js';
import type { PlanBuilder } from '../plan-builder.js';
import { defaultSecurettyEntries, setupSecuretty } from '../securetty.js';
import { setupContainerGetty, writeSystemdPreset } from '../systemd.js';
import type { OsPlugin, SetupContext } from './os-plugin.js';

function archTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  setupSecuretty(b, defaultSecurettyEntries(ctx.devttydir));
  removeLxcNameFromHosts(b);
}

function archSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  writeSystemdPreset(b, { 'systemd-networkd.service': true });
  setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
}

function archSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  setupSystemdNetworkd(b, ctx.settings.nets);
}

/** The Arch Linux plugin. */
export const archlinuxPlugin: OsPlugin = {
  type: 'archlinux',
  devttydir: 'base',
  templateFixup: archTemplateFixup,
  setupInit: archSetupInit,
  setupNetwork: archSetupNetwork,
};
