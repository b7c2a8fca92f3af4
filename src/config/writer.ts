/**
 * Proxmox's canonical writer (`write_pct_config`, spec §1.10): byte for byte the text Proxmox stores
 * for a config. Keys sorted by code unit, description as `#` lines first, `lxc.environment.runtime`
 * lines from `env` before the other `lxc.*` pairs, then `[pve:pending]`, then the snapshots sorted by
 * name, each after one blank line. Stale `unusedN` entries are dropped.
 */
import * as E from 'fp-ts/lib/Either.js';
import { proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
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
  const text = `detected invalid newline inside property '${key}'\n`;
  return E.left([
    proxmoxDiagnostic('error', 'NEWLINE_IN_VALUE', text, {
      path: section === '' ? key : `${section}/${key}`,
    }),
  ]);
}

/** Keys that are part of Proxmox's in-memory model but never written as `key: value`. */
const NOT_WRITTEN = new Set([
  'digest',
  'description',
  'pending',
  'snapshots',
  'snapname',
  'env',
  'lxc',
]);

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
    else if (/^mp(0|[1-9]\d{0,2})$/.test(key) && Number(key.slice(2)) <= 255)
      format = mountPointFormat;
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
  const { snapstate: _dropped, ...rest } = section;
  let hasUnused = false;
  for (const key in section.values) {
    if (key.startsWith('unused')) {
      hasUnused = true;
      break;
    }
  }
  if (!hasUnused) return rest;
  const used = usedVolumeIds(section);
  const values = Object.create(null) as Record<string, ConfigValue>;
  for (const [key, value] of Object.entries(section.values)) {
    if (key.startsWith('unused') && used.has(valueText(value))) continue;
    values[key] = value;
  }
  return { ...rest, values };
}

/** `NOT_WRITTEN.has(key)`, with one character test first (most keys start with another letter). */
function isNotWritten(key: string): boolean {
  switch (key.charCodeAt(0)) {
    case 0x64 /* d */:
    case 0x70 /* p */:
    case 0x73 /* s */:
    case 0x65 /* e */:
    case 0x6c /* l */:
      return NOT_WRITTEN.has(key);
    default:
      return false;
  }
}

/** Sorts strings in code-unit order (Perl's `sort`), in place. */
function sortKeys(keys: string[]): void {
  const n = keys.length;
  // An insertion sort: the keys come in file order, mostly sorted already, and a short array of
  // them sorts faster this way than through `Array.prototype.sort`.
  if (n > 64) {
    keys.sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > x) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = x;
  }
}

/**
 * One section's lines. For the main section (`main`), a section with an `unusedN` key goes through
 * {@link mainForWriting} first (it drops the stale ones); the caller has already dropped `snapstate`.
 */
function writeSection(
  section: ConfigSection,
  name: string,
  main: boolean,
): Result<string, WriteCode> {
  const values = section.values;
  const keys = Object.keys(values);
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (main && key.charCodeAt(0) === 0x75 /* u */ && key.startsWith('unused'))
      return writeSection(mainForWriting(section), name, false);
    if (!isNotWritten(key)) keys[count++] = key;
  }
  keys.length = count;
  let out = '';
  if (section.description !== undefined && isPerlTrue(section.description)) {
    for (const line of perlSplit(section.description, '\n')) out += '#' + encodeText(line) + '\n';
  }
  // `delete` and `snapstate` are fields of the section, written as keys among the others.
  const special = section.delete !== undefined || section.snapstate !== undefined;
  if (section.delete !== undefined) keys.push(DELETE_FIELD);
  if (section.snapstate !== undefined) keys.push(SNAPSTATE_FIELD);
  // Code-unit order, as Perl's `sort` on the keys (all ASCII).
  if (special)
    keys.sort((a, b) => (fieldName(a) < fieldName(b) ? -1 : fieldName(a) > fieldName(b) ? 1 : 0));
  else sortKeys(keys);
  for (let i = 0; i < keys.length; i++) {
    const field = keys[i] as string;
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
  const lxc = section.lxc;
  for (let i = 0; i < lxc.length; i++) {
    const pair = lxc[i] as readonly [string, string];
    const key = pair[0];
    if (key === 'lxc.environment.runtime') continue;
    out += key + ': ' + pair[1] + '\n';
  }
  return E.right(out);
}

// Markers of the section fields in the key list (a key of `values` never starts with NUL).
const DELETE_FIELD = '\0delete';
const SNAPSTATE_FIELD = '\0snapstate';
const fieldName = (k: string): string =>
  k === DELETE_FIELD ? 'delete' : k === SNAPSTATE_FIELD ? 'snapstate' : k;

function hasValues(values: ConfigSection['values']): boolean {
  for (const _ in values) return true;
  return false;
}

function hasContent(section: ConfigSection): boolean {
  return (
    hasValues(section.values) ||
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
  const mainSection = config.main;
  const main =
    mainSection.snapstate === undefined
      ? writeSection(mainSection, '', true)
      : writeSection(mainForWriting(mainSection), '', false);
  if (E.isLeft(main)) return main;
  let out = main.right;
  if (hasContent(config.pending)) {
    const pending = writeSection(config.pending, 'pve:pending', false);
    if (E.isLeft(pending)) return pending;
    // Deliberate difference: Proxmox also writes the header when the pending section's content
    // prints as nothing (a description of only newlines, an env of only NULs); reading that back
    // gives no pending section, so its writer is not idempotent there. We omit the empty header.
    if (pending.right !== '') out += '\n[pve:pending]\n' + pending.right;
  }
  const names = Object.keys(config.snapshots).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const section = writeSection(config.snapshots[name] as ConfigSection, name, false);
    if (E.isLeft(section)) return section;
    out += `\n[${name}]\n` + section.right;
  }
  return E.right(out);
}
