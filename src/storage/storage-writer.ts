/**
 * The canonical text of a parsed storage.cfg, as Proxmox writes the file (`write_config`): the
 * sections in file order (storages without a position, such as the synthesized `local`, after
 * them), each `<type>: <id>`, then `disable` when set, the type's required options, the other
 * options — both in sorted order — and a blank line. Lists are joined with `,`, booleans are
 * `0`/`1` (a set `disable` stands alone). Entries Proxmox dropped (`null`) are not written, and
 * what Proxmox adds while parsing without it being an option of the type (`shared` on nfs,
 * `priority` on the synthesized `local`) is not written back either.
 */
import { compareBytewise } from '../perl/index.js';
import type { StorageConfig, StorageEntry } from './storage-config.js';
import { STORAGE_TYPES } from './storage-types.js';
import type { StorageTypeSpec } from './storage-types.js';
import type { StorageValue } from './storage-values.js';

function encode(value: StorageValue): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return (value as readonly string[]).join(',');
  const map = value as Readonly<Record<string, string>>;
  return Object.keys(map)
    .sort(compareBytewise)
    .map((k) => `${k}=${map[k] as string}`)
    .join(',');
}

/** A list or a `content-dirs` map with nothing in it. */
function isEmptyCollection(value: StorageValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== 'object') return false;
  for (const _ in value) return false;
  return true;
}

const KEY_ORDER = new Map<string, readonly string[]>();

/** The order of a type's keys in the file: required ones, then the others, each sorted. */
function keyOrder(type: string, spec: StorageTypeSpec): readonly string[] {
  let order = KEY_ORDER.get(type);
  if (order === undefined) {
    const required = [...spec.required].sort(compareBytewise);
    const optional = [...spec.options]
      .filter((k) => k !== 'disable' && !required.includes(k))
      .sort(compareBytewise);
    order = [...required, ...optional];
    KEY_ORDER.set(type, order);
  }
  return order;
}

function writeSection(id: string, entry: StorageEntry): string {
  const spec = STORAGE_TYPES.get(entry.type);
  let out = `${entry.type}: ${id}\n`;
  if (spec === undefined) return out + '\n';
  const disable = entry['disable'];
  if (disable !== undefined && disable !== 0 && disable !== '' && disable !== '0')
    out += '\tdisable\n';
  for (const key of keyOrder(entry.type, spec)) {
    const value = entry[key];
    // An empty set or map (all its items were unsupported) is left out: Proxmox writes `content `
    // with nothing after it, which reads back as no value (for `content`, the type's default), as
    // leaving it out does.
    if (value === undefined || isEmptyCollection(value)) continue;
    out += `\t${key} ${encode(value)}\n`;
  }
  return out + '\n';
}

/** The canonical storage.cfg text of `config`. */
export function writeStorageConfig(config: StorageConfig): string {
  const ids = Object.keys(config.ids);
  const positioned = new Set(config.order);
  const rest = ids.filter((id) => !positioned.has(id)).sort(compareBytewise);
  let out = '';
  for (const id of [...config.order, ...rest]) {
    const entry = config.ids[id];
    if (entry === undefined || entry === null) continue;
    out += writeSection(id, entry);
  }
  return out;
}
