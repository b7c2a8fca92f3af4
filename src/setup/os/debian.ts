/**
 * The Debian plugin (spec §5.1), also the base of Devuan and Ubuntu: snakeoil fixup, getty/preset
 * and inittab in setup_init, `/etc/network/interfaces` in setup_network.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { AddressStyle } from '../debian-interfaces.js';
import { interfaceModel, renderInterfaces } from '../debian-interfaces.js';
import { perlLines } from '../marked-section.js';
import type { PlanBuilder } from '../plan-builder.js';
import type { NetInterface } from '../setup-settings.js';
import { setupContainerGetty, writeSystemdPreset } from '../systemd.js';
import type { OsPlugin, SetupContext } from './os-plugin.js';
import { perlNumber } from './os-plugin.js';

const SNAKEOIL_KEY = '/etc/ssl/private/ssl-cert-snakeoil.key';
const SNAKEOIL_UNIT = '/etc/systemd/system/proxmox-regenerate-snakeoil.service';
const SNAKEOIL_UNIT_TEXT = `[Unit]
Description="Regenerate pre-generated snakeoil certificate and key-pair once"
ConditionPathExists=/etc/ssl/certs/ssl-cert-snakeoil.pem
ConditionFirstBoot=yes
Wants=first-boot-complete.target
Before=first-boot-complete.target

[Service]
Type=oneshot
ExecStart=make-ssl-cert -f generate-default-snakeoil
`;

/** Whether `/sbin/init` is a symlink (one level) whose target ends in `/systemd`. */
export function initIsSystemd(b: PlanBuilder): boolean {
  return b.readLink('/sbin/init')?.endsWith('/systemd') === true;
}

/**
 * Snakeoil fixup (post-create, Debian family): the template's pre-generated ssl-cert key is
 * removed; with systemd a one-shot unit regenerates the pair on first boot.
 */
export function snakeoilFixup(b: PlanBuilder): void {
  if (!b.fileExists(SNAKEOIL_KEY)) return;
  if (initIsSystemd(b)) {
    b.setContents(
      SNAKEOIL_UNIT,
      SNAKEOIL_UNIT_TEXT,
      'regenerate the template snakeoil certificate on first boot',
    );
    const wants = '/etc/systemd/system/first-boot-complete.target.wants';
    b.makePath(wants, 'first-boot-complete.target.wants');
    b.symlink(
      SNAKEOIL_UNIT,
      `${wants}/proxmox-regenerate-snakeoil.service`,
      'enable the snakeoil regeneration',
    );
  } else {
    b.warn(
      'SETUP_SNAKEOIL_NOT_REGENERATED',
      'unable to regenerate snakeoil certificate and key-pair, init is not systemd',
    );
    b.warn(
      'SETUP_SNAKEOIL_REMOVED',
      'removing the pre-generated snakeoil key-pair, regenerate it manually with make-ssl-cert',
    );
  }
  b.unlink(
    SNAKEOIL_KEY,
    'the template snakeoil key is shared by every container from this template',
  );
}

/** The inittab text: getty and power lines replaced (version < 7: `getty -L`). */
export function renderDebianInittab(content: string, version: number, ttyCount: number): string {
  const kept = perlLines(content).filter(
    (line) =>
      !/^[\t\n\v\f\r ]*\d+:\d*:[^:]*:.*getty/.test(line) && !/^[\t\n\v\f\r ]*p[fno0]:/.test(line),
  );
  let text = kept.join('\n') + '\n';
  text += 'p0::powerfail:/sbin/init 0\n';
  const opts = version < 7 ? '-L' : '--noclear';
  for (let id = 1; id <= ttyCount; id++) {
    text += `${id}:${id === 1 ? '2345' : '23'}:respawn:/sbin/getty ${opts} 38400 tty${id}\n`;
  }
  return text;
}

/** Debian's setup_init: container-getty and preset for systemd, then `/etc/inittab`. */
export function debianSetupInit(b: PlanBuilder, ctx: SetupContext): void {
  const version = perlNumber(ctx.os.version);
  if (initIsSystemd(b)) {
    setupContainerGetty(b, ctx.devttydir, ctx.settings.tty);
    if (version >= 12) writeSystemdPreset(b, { 'systemd-networkd.service': false });
  }
  if (!b.fileExists('/etc/inittab')) return;
  const content = b.getContents('/etc/inittab');
  if (content === undefined) return;
  b.setContents(
    '/etc/inittab',
    renderDebianInittab(content, version, ctx.settings.tty),
    `gettys on ${ctx.settings.tty} ttys`,
  );
}

/** Writes `/etc/network/interfaces` for `nets` (untouched when no interface has addressing). */
export function writeDebianInterfaces(
  b: PlanBuilder,
  nets: readonly NetInterface[],
  style: AddressStyle,
): void {
  const model = interfaceModel(nets);
  if (E.isLeft(model)) {
    b.fail('SETUP_INVALID_CONFIG', model.left);
    return;
  }
  const path = '/etc/network/interfaces';
  let existing: string | undefined;
  if (b.fileExists(path)) {
    existing = b.getContents(path);
    if (existing === undefined) return;
  }
  const text = renderInterfaces(existing, model.right, style);
  if (text === undefined) return;
  b.makePath('/etc/network', 'network configuration directory');
  b.setContents(path, text, `network interfaces ${[...model.right.keys()].join(', ')}`);
}

/** Debian's setup_network: CIDR address style from Debian 10 on. */
export function debianSetupNetwork(b: PlanBuilder, ctx: SetupContext): void {
  writeDebianInterfaces(
    b,
    ctx.settings.nets,
    perlNumber(ctx.os.version) >= 10 ? 'cidr' : 'netmask',
  );
}

/** The Debian plugin. */
export const debianPlugin: OsPlugin = {
  type: 'debian',
  devttydir: '',
  snakeoil: true,
  setupInit: debianSetupInit,
  setupNetwork: debianSetupNetwork,
};
