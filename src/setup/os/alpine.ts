/**
 * The Alpine plugin (spec §5.4): OpenRC runlevel links, securetty and LXC_NAME cleanup at template
 * fixup, gettys in `/etc/inittab`, and Debian's interfaces writer with IPv6 autoconfiguration
 * turned into `manual` (CIDR address style from Alpine 3.13 on).
 */
import { removeLxcNameFromHosts } from '../hosts.js';
import { perlLines } from '../marked-section.js';
import type { PlanBuilder } from '../plan-builder.js';
import { defaultSecurettyEntries, setupSecuretty } from '../securetty.js';
import type { SetupContext } from './os-plugin.js';
import type { OsPlugin } from './os-plugin.js';
import { writeDebianInterfaces } from './debian.js';

const RUNLEVEL_LINKS: readonly (readonly [string, string])[] = [
  ['/etc/init.d/networking', '/etc/runlevels/boot/networking'],
  ['/etc/init.d/bootmisc', '/etc/runlevels/boot/bootmisc'],
  ['/etc/init.d/hostname', '/etc/runlevels/boot/hostname'],
  ['/etc/init.d/killprocs', '/etc/runlevels/shutdown/killprocs'],
  ['/etc/init.d/savecache', '/etc/runlevels/shutdown/savecache'],
];

/** Whether an alpine-release version is at least 3.13 by (major, minor). */
export function alpineUsesCidr(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (m === null) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || (major === 3 && minor >= 13);
}

/** The inittab text: getty lines replaced by one per tty. */
export function renderAlpineInittab(content: string, ttyCount: number): string {
  let text = perlLines(content)
    .filter((line) => !/^[\t\n\v\f\r ]*tty\d+:\d*:[^:]*:.*getty/.test(line))
    .join('\n');
  text += '\n';
  for (let id = 1; id <= ttyCount; id++) text += `tty${id}::respawn:/sbin/getty 38400 tty${id}\n`;
  return text;
}

function alpineTemplateFixup(b: PlanBuilder, ctx: SetupContext): void {
  for (const [target, link] of RUNLEVEL_LINKS)
    b.symlink(target, link, 'enable the OpenRC service at boot/shutdown');
  setupSecuretty(b, defaultSecurettyEntries(ctx.devttydir));
  removeLxcNameFromHosts(b);
}

function alpineSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  if (!b.fileExists('/etc/inittab')) return;
  const content = b.getContents('/etc/inittab');
  if (content === undefined) return;
  b.setContents(
    '/etc/inittab',
    renderAlpineInittab(content, ctx.settings.tty),
    `gettys on ${ctx.settings.tty} ttys`,
  );
}

function alpineSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  const nets = ctx.settings.nets.map((n) =>
    n.ip6 === 'dhcp' || n.ip6 === 'auto' ? { ...n, ip6: 'manual' } : n,
  );
  writeDebianInterfaces(b, nets, alpineUsesCidr(ctx.os.version) ? 'cidr' : 'netmask');
}

/** The Alpine plugin. */
export const alpinePlugin: OsPlugin = {
  type: 'alpine',
  devttydir: '',
  templateFixup: alpineTemplateFixup,
  setupInit: alpineSetupInit,
  setupNetwork: alpineSetupNetwork,
};
