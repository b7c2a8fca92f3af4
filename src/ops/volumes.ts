/**
 * Mount points and detached volumes of a section: Proxmox's `foreach_volume` order (rootfs, then
 * `mp0`…`mp255`), `add_unused_volume` and the "is this volume still used" checks.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection, ConfigValue, PctConfig } from '../config/model.js';
import { valueText } from '../config/writer.js';
import { parseVolume } from '../schema/formats/index.js';
import type { ParsedVolume } from '../schema/formats/index.js';
import { sectionSet } from './section-values.js';

/** A mount point of a section: its key (`rootfs`, `mpN`) and the parsed value. */
export interface MountPointEntry {
  readonly key: string;
  readonly volume: ParsedVolume;
}

/** Highest index of `unusedN` (and `mpN`): Proxmox has 256 of each. */
const MAX_INDEXED = 256;

/** Whether `key` is `mpN` with N in 0..255 (no leading zeros). */
export function isMountPointKey(key: string): boolean {
  const m = /^mp(0|[1-9]\d{0,2})$/.exec(key);
  return m !== null && Number(m[1]) < MAX_INDEXED;
}

/** Whether `key` is `unusedN` with N in 0..255. */
export function isUnusedKey(key: string): boolean {
  const m = /^unused(0|[1-9]\d{0,2})$/.exec(key);
  return m !== null && Number(m[1]) < MAX_INDEXED;
}

/**
 * The mount points of a section in Proxmox's order (`rootfs`, then `mp0`…`mp255` by number). Values
 * that do not parse are left out (Proxmox would die on them; the reader already reported them).
 */
export function mountPoints(section: ConfigSection): MountPointEntry[] {
  const keys: string[] = [];
  if (section.values['rootfs'] !== undefined) keys.push('rootfs');
  for (let i = 0; i < MAX_INDEXED; i++) if (section.values[`mp${i}`] !== undefined) keys.push(`mp${i}`);
  const out: MountPointEntry[] = [];
  for (const key of keys) {
    const parsed = parseVolume(key, valueText(section.values[key] as ConfigValue));
    if (E.isRight(parsed)) out.push({ key, volume: parsed.right });
  }
  return out;
}

/** Volume IDs of the volume-type mount points of a section. */
export function mountedVolumeIds(section: ConfigSection): Set<string> {
  const out = new Set<string>();
  for (const { volume } of mountPoints(section)) if (volume.type === 'volume') out.add(volume.volume);
  return out;
}

/**
 * Whether `volid` is used by a mount point of the current config, of any snapshot or of the pending
 * section (Proxmox's `is_volume_in_use` with snapshots and pending included). Keys listed in
 * `ignoreKeys` of the main section are not counted (the key being removed).
 */
export function isVolumeInUse(config: PctConfig, volid: string, ignoreKeys: readonly string[] = []): boolean {
  for (const { key, volume } of mountPoints(config.main)) {
    if (!ignoreKeys.includes(key) && volume.type === 'volume' && volume.volume === volid) return true;
  }
  if (mountedVolumeIds(config.pending).has(volid)) return true;
  for (const snap of Object.values(config.snapshots)) if (mountedVolumeIds(snap).has(volid)) return true;
  return false;
}

/** Why a volume could not be added as `unusedN`. */
export const TOO_MANY_UNUSED = 'Too many unused volumes - please delete them first.\n';

/**
 * `add_unused_volume`: records `volid` as `unusedN` at the lowest free index; nothing happens when
 * it is already an unused entry. Left with Proxmox's message when all 256 slots are taken.
 */
export function addUnusedVolume(section: ConfigSection, volid: string): E.Either<string, ConfigSection> {
  let free: number | undefined;
  for (let i = 0; i < MAX_INDEXED; i++) {
    const value = section.values[`unused${i}`];
    if (value === undefined) {
      if (free === undefined) free = i;
    } else if (valueText(value) === volid) return E.right(section);
  }
  if (free === undefined) return E.left(TOO_MANY_UNUSED);
  return E.right(sectionSet(section, `unused${free}`, volid));
}
