/**
 * systemd-related Base steps: the preset file (spec §4.10), the container-getty service and
 * getty.target.wants (§4.11), the old getty fixup (§4.12) and masking of static units (§4.13).
 */
import type { PlanBuilder } from './plan-builder.js';

/** The preset file Proxmox writes for the first boot. */
export const PRESET_FILE = '/etc/systemd/system-preset/00-pve.preset';

const DEFAULT_PRESETS: Readonly<Record<string, boolean>> = {
  'sys-kernel-config.mount': false,
  'sys-kernel-debug.mount': false,
  'getty@.service': false,
  'container-getty@.service': true,
};

/** The preset text: defaults overridden/extended by `extras`, units in byte-wise order. */
export function renderSystemdPreset(extras: Readonly<Record<string, boolean>> = {}): string {
  const units = new Map<string, boolean>(Object.entries(DEFAULT_PRESETS));
  for (const [unit, on] of Object.entries(extras)) units.set(unit, on);
  const names = [...units.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let text = '# Added by PVE at create-time for first-boot configuration.\n';
  for (const name of names) text += `${units.get(name) === true ? 'enable' : 'disable'} ${name}\n`;
  return text;
}

/** Writes the preset file (make_path first, full rewrite). */
export function writeSystemdPreset(
  b: PlanBuilder,
  extras: Readonly<Record<string, boolean>> = {},
): void {
  b.makePath('/etc/systemd/system-preset', 'systemd preset directory');
  b.setContents(PRESET_FILE, renderSystemdPreset(extras), 'systemd presets for the first boot');
}

/** The unit directory: `/lib/systemd/system` when `/lib/systemd/systemd` is executable. */
export function systemdDir(b: PlanBuilder): string {
  return b.isExecutable('/lib/systemd/systemd') ? '/lib/systemd/system' : '/usr/lib/systemd/system';
}

/**
 * container-getty (§4.11): rewrite the template's tty path to `<devttydir>tty%I`, enable
 * `container-getty@N` for N ≤ `ttyCount`, remove other getty links, unmask getty.target. Does
 * nothing when the template is absent (Proxmox's fallback there is dead code).
 */
export function setupContainerGetty(b: PlanBuilder, devttydir: string, ttyCount: number): void {
  const template = `${systemdDir(b)}/container-getty@.service`;
  if (!b.fileExists(template)) return;
  const raw = b.getContents(template);
  if (raw === undefined) return;
  if (raw.includes('pts/%I') || raw.includes('lxc/tty%I')) {
    const fixed = raw.replace(/pts\/%I|lxc\/tty%I/g, `${devttydir}tty%I`);
    b.setContents(template, fixed, `container-getty on ${devttydir}tty%I`);
  }
  const wants = '/etc/systemd/system/getty.target.wants';
  for (let n = 1; n <= 6; n++) {
    b.unlink(`${wants}/getty@tty${n}.service`, 'gettys are started by container-getty');
    b.unlink(`${wants}/container-getty@${n}.service`, 'reset container-getty instances');
    if (n <= ttyCount)
      b.symlink(template, `${wants}/container-getty@${n}.service`, `getty on tty${n}`);
  }
  b.unlink('/etc/systemd/system/getty.target', 'unmask getty.target');
}

/**
 * Old getty fixup (§4.12): `ConditionPathExists=/dev/tty0` ↔ `/dev/tty` in `getty@.service`
 * depending on whether container-getty exists; written only on change.
 */
export function fixupOldGetty(b: PlanBuilder): void {
  const dir = systemdDir(b);
  const getty = `${dir}/getty@.service`;
  if (!b.fileExists(getty)) return;
  const raw = b.getContents(getty);
  if (raw === undefined) return;
  const [from, to] = b.fileExists(`${dir}/container-getty@.service`)
    ? ['ConditionPathExists=/dev/tty', 'ConditionPathExists=/dev/tty0']
    : ['ConditionPathExists=/dev/tty0', 'ConditionPathExists=/dev/tty'];
  const pattern = new RegExp(`^${from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm');
  if (!pattern.test(raw)) return;
  b.setContents(getty, raw.replace(pattern, to), 'getty@.service condition for containers');
}

/** Masks static units (§4.13) by linking them to `/dev/null` unless a regular file is there. */
export function maskStaticUnits(b: PlanBuilder, extra: readonly string[] = []): void {
  for (const unit of ['sys-kernel-config.mount', 'sys-kernel-debug.mount', ...extra]) {
    const path = `/etc/systemd/system/${unit}`;
    if (!b.fileExists(path)) b.symlink('/dev/null', path, `mask ${unit}`);
  }
}
