/**
 * The Ubuntu plugin (spec §5.3): networkd from 17.10 on (Debian interfaces before), container-getty
 * from 16.10, upstart tty jobs for 12.04/14.04, the preset from 23.04. Versions compare as Perl
 * numbers (`'17.10'` is 17.1).
 */
import { setupSystemdNetworkd } from '../networkd.js';
import type { PlanBuilder } from '../plan-builder.js';
import { setupSecuretty } from '../securetty.js';
import { setupContainerGetty, writeSystemdPreset } from '../systemd.js';
import { writeDebianInterfaces } from './debian.js';
import type { OsPlugin, SetupContext } from './os-plugin.js';
import { perlNumber } from './os-plugin.js';

/** The upstart job Proxmox writes for a getty on tty N (Ubuntu 12.04/14.04). */
export function upstartTtyJob(n: number): string {
  const indent = ' '.repeat(12);
  return (
    `# tty${n} - getty\n#\n` +
    `# This service maintains a getty on tty${n} from the point the system is\n` +
    `# started until it is shut down again.\n\n` +
    `start on stopped rc RUNLEVEL=[2345] and (\n` +
    `${indent}not-container or\n` +
    `${indent}container CONTAINER=lxc or\n` +
    `${indent}container CONTAINER=lxc-libvirt)\n\n` +
    `stop on runlevel [!2345]\n\n` +
    `respawn\n` +
    `exec /sbin/getty -8 38400 tty${n}\n`
  );
}

function ubuntuTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  const raw = ctx.os.version;
  const v = perlNumber(raw);
  if (v >= 17.1 && v < 23.04) {
    const dir = '/etc/systemd/system';
    b.mkdir(`${dir}/multi-user.target.wants`, 'enable systemd-networkd');
    b.mkdir(`${dir}/socket.target.wants`, 'enable systemd-networkd');
    b.symlink(
      '/lib/systemd/system/systemd-networkd.service',
      `${dir}/multi-user.target.wants/systemd-networkd.service`,
      'enable systemd-networkd',
    );
    b.symlink(
      '/lib/systemd/system/systemd-networkd.socket',
      `${dir}/socket.target.wants/systemd-networkd.socket`,
      'enable systemd-networkd',
    );
  }
  if (v >= 17.1)
    b.unlink('/etc/netplan/10-lxc.yaml', 'networkd is configured directly, not through netplan');
  if (raw === '15.04' || raw === '15.10' || raw === '16.04') setupSecuretty(b, ['pts/0']);
  if (raw === '12.04') {
    const conf = b.getContents('/etc/udev/udev.conf');
    if (conf === undefined) return;
    b.setContents('/etc/udev/udev.conf', conf.replace('="err"', '=0'), 'udev log level');
  }
}

function ubuntuSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  const raw = ctx.os.version;
  const v = perlNumber(raw);
  if (v >= 23.04) writeSystemdPreset(b, { 'systemd-networkd.service': true });
  if (v >= 16.1) setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
  if (raw === '12.04' || raw === '14.04') {
    for (let n = 1; n <= 6; n++) {
      const path = `/etc/init/tty${n}.conf`;
      if (n <= ctx.settings.tty) b.setContents(path, upstartTtyJob(n), `getty on tty${n}`);
      else b.unlink(path, `no getty on tty${n}`);
    }
  }
}

function ubuntuSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  if (perlNumber(ctx.os.version) >= 17.1) setupSystemdNetworkd(b, ctx.settings.nets);
  else writeDebianInterfaces(b, ctx.settings.nets, 'netmask');
}

/** The Ubuntu plugin. */
export const ubuntuPlugin: OsPlugin = {
  type: 'ubuntu',
  devttydir: '',
  snakeoil: true,
  templateFixup: ubuntuTemplateFixup,
  setupInit: ubuntuSetupInit,
  setupNetwork: ubuntuSetupNetwork,
};
