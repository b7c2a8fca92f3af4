/**
 * The openEuler plugin (spec §5.7), a CentOS subclass in Proxmox: LXC_NAME cleanup and masked
 * static units (plus `dev-mqueue.mount`) at template fixup, container-getty and default presets,
 * and CentOS's network dispatcher and `set_hostname` (which need `/etc/redhat-release`).
 */
import { removeLxcNameFromHosts } from '../hosts.js';
import type { PlanBuilder } from '../plan-builder.js';
import { maskStaticUnits, setupContainerGetty, writeSystemdPreset } from '../systemd.js';
import { centosSetHostname, centosSetupNetwork } from './centos.js';
import type { OsPlugin, SetupContext } from './os-plugin.js';

/** Units openEuler masks in addition to the CentOS ones. */
export const OPENEULER_EXTRA_MASKED_UNITS: readonly string[] = ['dev-mqueue.mount'];

function openeulerTemplateFixup(b: PlanBuilder): void {
  removeLxcNameFromHosts(b);
  maskStaticUnits(b, OPENEULER_EXTRA_MASKED_UNITS);
}

function openeulerSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
  writeSystemdPreset(b);
}

/** The openEuler plugin. */
export const openeulerPlugin: OsPlugin = {
  type: 'openeuler',
  devttydir: 'base',
  templateFixup: openeulerTemplateFixup,
  setupInit: openeulerSetupInit,
  setupNetwork: centosSetupNetwork,
  setHostname: centosSetHostname,
};
