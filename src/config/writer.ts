/**
 * Proxmox's canonical writer (`write_pct_config`, spec §1.10): byte for byte the text Proxmox stores
 * for a config. Keys sorted by code unit, description as `#` lines first, `lxc.environment.runtime`
 * lines from `env` before the other `lxc.*` pairs, then `[pve:pending]`, then the snapshots sorted by
 * name, each after one blank line. Stale `unusedN` entries are dropped.
 */
import * as E from 'fp-ts/lib/Either.js';
import { errorDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { mountPointFormat, rootfsFormat } from '../schema/formats/index.js';
import { parsePropertyString } from '../schema/property-string.js';
import { encodeText } from './description-codec.js';
import type { ConfigSection, ConfigValue, PctConfig } from './model.js';
import { isPerlTrue, perlSplit } from '../perl/index.js';

/** Why a config cannot be written. */
export type WriteCode =
  /**
   * A value holds a line feed (`detected invalid newline inside property '<key>'`); `path` is the
   * key, prefixed with its section for `[pve:pending]` and snapshots (`pve:pending/hostname`).
   */
  'NEWLINE_IN_VALUE';

/** A write failure: `proxmoxText` is what Proxmox's writer dies with. */
export type WriteDiagnostic = Diagnostic<WriteCode>;

/** A write failure, as the root export names it (a {@link WriteDiagnostic}). */
export type WriteError = WriteDiagnostic;

function newlineInValue(key: string, section: string): Result<never, WriteCode> {
  const message = `detected invalid newline inside property '${key}'`;
  return E.left([
    errorDiagnostic('NEWLINE_IN_VALUE', message, {
      path: section === '' ? key : `${section}/${key}`,
      proxmoxText: message + '\n',
    }),
  ]);
}

/** Keys that are part of Proxmox's in-memory model but never written as `key: value`. */
const NOT_WRITTEN = new Set(['digest', 'description', 'pending', 'snapshots', 'snapname', 'env', 'lxc']);

const VOLUME_ID = /^[A-Za-z][A-Za-z0-9._-]*[A-Za-z0-9]:[^]+$/;

/** Text of a stored value as Perl prints it. */
export function valueText(value: ConfigValue): string {
  return typeof value === 'number' ? String(value) : value;
}

/** Volume IDs used by the main section's `rootfs` and `mp0`..`mp255` (only volume-type mounts). */
export function usedVolumeIds(section: ConfigSection): Set<string> {
  const used = new Set<string>();
  for (const [key, value] of Object.entries(section.values)) {
    let format;
    if (key === 'rootfs') format = rootfsFormat;
    else if (/^mp(0|[1-9]\d{0,2})$/.test(key) && Number(key.slice(2)) <= 255) format = mountPointFormat;
    else continue;
    const parsed = parsePropertyString(format, valueText(value));
    if (E.isLeft(parsed)) continue;
    const volume = parsed.right['volume'];
    if (typeof volume !== 'string' || volume.startsWith('/')) continue;
    if (VOLUME_ID.test(volume)) used.add(volume);
  }
  return used;
}

/** The main section without `snapstate` and without `unusedN` entries that name a used volume. */
function mainForWriting(section: ConfigSection): ConfigSection {
  let hasUnused = false;
  for (const key in section.values) {
    if (key.startsWith('unused')) {
      hasUnused = true;
      break;
    }
  }
  // The common case (no `unusedN`, no `snapstate`): the section as it is, no copy.
  if (!hasUnused && section.snapstate === undefined) return section;
  const { snapstate: _dropped, ...rest } = section;
  if (!hasUnused) return rest;
  const used = usedVolumeIds(section);
  const values = Object.create(null) as Record<string, ConfigValue>;
  for (const [key, value] of Object.entries(section.values)) {
    if (key.startsWith('unused') && used.has(valueText(value))) continue;
    values[key] = value;
  }
  return { ...rest, values };
}

function writeSection(section: ConfigSection, name: string): Result<string, WriteCode> {
  let out = '';
  if (section.description !== undefined && isPerlTrue(section.description)) {
    for (const line of perlSplit(section.description, '\n')) out += '#' + encodeText(line) + '\n';
  }
  const values = section.values;
  const keys: string[] = [];
  for (const key in values) if (!NOT_WRITTEN.has(key)) keys.push(key);
  // `delete` and `snapstate` are fields of the section, written as keys among the others.
  const special = section.delete !== undefined || section.snapstate !== undefined;
  if (section.delete !== undefined) keys.push(DELETE_FIELD);
  if (section.snapstate !== undefined) keys.push(SNAPSTATE_FIELD);
  // Code-unit order, as Perl's `sort` on the keys (all ASCII).
  if (special) keys.sort((a, b) => (fieldName(a) < fieldName(b) ? -1 : fieldName(a) > fieldName(b) ? 1 : 0));
  else keys.sort();
  for (const field of keys) {
    const key = special ? fieldName(field) : field;
    const value =
      field === DELETE_FIELD
        ? (section.delete as string)
        : field === SNAPSTATE_FIELD
          ? (section.snapstate as string)
          : valueText(values[key] as ConfigValue);
    if (value.includes('\n')) return newlineInValue(key, name);
    out += key + ': ' + value + '\n';
  }
  if (section.env !== undefined && isPerlTrue(section.env)) {
    for (const piece of perlSplit(section.env, /\0+/)) out += `lxc.environment.runtime: ${piece}\n`;
  }
  for (const [key, value] of section.lxc) {
    if (key === 'lxc.environment.runtime') continue;
    out += key + ': ' + value + '\n';
  }
  return E.right(out);
}

// Markers of the section fields in the key list (a key of `values` never starts with NUL).
const DELETE_FIELD = '\0delete';
const SNAPSTATE_FIELD = '\0snapstate';
const fieldName = (k: string): string => (k === DELETE_FIELD ? 'delete' : k === SNAPSTATE_FIELD ? 'snapstate' : k);

function hasContent(section: ConfigSection): boolean {
  return (
    Object.keys(section.values).length > 0 ||
    section.description !== undefined ||
    section.lxc.length > 0 ||
    section.env !== undefined ||
    section.delete !== undefined ||
    section.snapstate !== undefined
  );
}

/**
 * Writes a config exactly as Proxmox's `write_pct_config` would; fails (`NEWLINE_IN_VALUE`) where
 * Proxmox's writer dies.
 */
export function writeConfig(config: PctConfig): Result<string, WriteCode> {
  const main = writeSection(mainForWriting(config.main), '');
  if (E.isLeft(main)) return main;
  let out = main.right;
  if (hasContent(config.pending)) {
    const pending = writeSection(config.pending, 'pve:pending');
    if (E.isLeft(pending)) return pending;
    // Deliberate difference: Proxmox also writes the header when the pending section's content
    // prints as nothing (a description of only newlines, an env of only NULs); reading that back
    // gives no pending section, so its writer is not idempotent there. We omit the empty header.
    if (pending.right !== '') out += '\n[pve:pending]\n' + pending.right;
  }
  const names = Object.keys(config.snapshots).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const section = writeSection(config.snapshots[name] as ConfigSection, name);
    if (E.isLeft(section)) return section;
    out += `\n[${name}]\n` + section.right;
  }
  return E.right(out);
}
