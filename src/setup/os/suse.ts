/**
 * The SUSE plugin (openSUSE 13.x/42.x/15/16, Tumbleweed, Slowroll, SLES; spec §5.8): securetty,
 * `/etc/locale.conf`, a UTC `/etc/localtime` and LXC_NAME cleanup at template fixup; old getty fixup
 * and container-getty; `ifcfg-<if>`/`ifroute-<if>` in `/etc/sysconfig/network` (plus
 * systemd-networkd files when the image ships networkd); Base `set_hostname`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { removeLxcNameFromHosts } from '../hosts.js';
import { sectionData } from '../ifcfg.js';
import { setupSystemdNetworkd } from '../networkd.js';
import type { PlanBuilder } from '../plan-builder.js';
import { defaultSecurettyEntries, setupSecuretty } from '../securetty.js';
import { SUSE_NETWORK_DIR, renderSuseIfcfg } from '../suse-ifcfg.js';
import { fixupOldGetty, setupContainerGetty } from '../systemd.js';
import { ensureLocaleConf } from './centos.js';
import type { OsPlugin, SetupContext } from './os-plugin.js';

export const SUSE_DEFAULT_LOCALTIME = '/usr/share/zoneinfo/UTC';
export const SUSE_NETWORKD_BINARY = '/usr/lib/systemd/systemd-networkd';

function suseTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  setupSecuretty(b, defaultSecurettyEntries(ctx.devttydir));
  ensureLocaleConf(b);
  if (!b.fileExists('/etc/localtime'))
    b.symlink(SUSE_DEFAULT_LOCALTIME, '/etc/localtime', 'default time zone UTC');
  removeLxcNameFromHosts(b);
}

function suseSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  fixupOldGetty(b);
  setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
}

function suseSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  b.makePath(SUSE_NETWORK_DIR, 'sysconfig network directory');
  for (const nic of ctx.settings.nets) {
    const files = renderSuseIfcfg(nic);
    if (E.isLeft(files)) return b.fail('SETUP_INVALID_CONFIG', files.left);
    if (files.right === undefined) continue;
    b.setContents(
      `${SUSE_NETWORK_DIR}/ifcfg-${nic.name}`,
      files.right.ifcfg,
      `sysconfig network config of ${nic.name}`,
    );
    b.modifyFile(
      `${SUSE_NETWORK_DIR}/ifroute-${nic.name}`,
      sectionData(files.right.routes),
      `routes of ${nic.name}`,
      {
        delete: true,
        prepend: true,
      },
    );
  }
  if (b.fileExists(SUSE_NETWORKD_BINARY)) setupSystemdNetworkd(b, ctx.settings.nets);
}

/** The SUSE plugin. */
export const susePlugin: OsPlugin = {
  type: 'opensuse',
  devttydir: 'base',
  templateFixup: suseTemplateFixup,
  setupInit: suseSetupInit,
  setupNetwork: suseSetupNetwork,
};
