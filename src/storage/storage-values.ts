/**
 * Checking and decoding one storage property, as Proxmox does while reading storage.cfg: the value
 * check on each property line (unknown key, type, format), and the decoding of the lists
 * (`content`, `nodes`, `content-dirs`) when the section is complete.
 */
import { splitList } from '../perl/index.js';
import { PROPERTY_KINDS } from './storage-types.js';
import type { StorageTypeSpec } from './storage-types.js';

/** A property as stored in a parsed entry: text, a number (booleans, integers), a set, a map. */
export type StorageValue = string | number | readonly string[] | Readonly<Record<string, string>>;

/** A check's outcome: the value to store, or Proxmox's error text (ending in `\n`). */
export type ValueCheck = { readonly value: string | number } | { readonly error: string };

const LVM_NAME_RE = /^[a-z0-9][a-z0-9\-_.]*[a-z0-9]$/i;
const STORAGE_PATH_RE = /^\/[^;()]/;
const INTEGER_RE = /^-?[0-9]+$/;

/** `parse_lvm_name`'s rule (volume group, thin pool and LVM volume names). */
export function isLvmName(name: string): boolean {
  return LVM_NAME_RE.test(name);
}

/** Proxmox's text for a name that fails {@link isLvmName}. */
export function lvmNameError(name: string): string {
  return `lvm name '${name}' contains illegal characters\n`;
}

/**
 * The check of one `key value` line of a section of type `type` (`value` undefined: the key
 * stood alone). Booleans and integers come back as numbers.
 */
export function checkValue(
  type: string,
  spec: StorageTypeSpec,
  key: string,
  value: string | undefined,
): ValueCheck {
  if (key === 'type') {
    if (value === type) return { value };
    return { error: `unexpected property 'type'\n` };
  }
  const kind = PROPERTY_KINDS.get(key);
  if (kind === undefined) return { error: 'unknown property type\n' };
  if (!spec.options.has(key)) return { error: `unexpected property '${key}'\n` };
  if (kind === 'boolean' && value === undefined) value = '1';
  if (value === undefined) return { error: 'got undefined value\n' };
  if (/[\n\r]/.test(value)) return { error: 'property contains a line feed\n' };
  switch (kind) {
    case 'boolean':
      if (value !== '1' && value !== '0')
        return { error: `type check ('boolean') failed - got '${value}'\n` };
      return { value: Number(value) };
    case 'integer':
      if (!INTEGER_RE.test(value))
        return { error: `type check ('integer') failed - got '${value}'\n` };
      return { value: Number(value) };
    case 'path':
      if (!STORAGE_PATH_RE.test(value))
        return { error: 'invalid format - value does not look like a valid absolute path\n\n' };
      return { value };
    case 'lvm-name':
      if (!isLvmName(value)) return { error: `invalid format - ${lvmNameError(value)}\n` };
      return { value };
    default:
      return { value };
  }
}

/** A decoded list or map, the warnings Proxmox prints on the way, or the error that skips the section. */
export interface Decoded {
  readonly value?: StorageValue;
  readonly warnings: readonly string[];
  readonly error?: string;
}

const NO_WARNINGS: readonly string[] = [];
/** The keys whose values are decoded into a list or map at the end of a section. */
export const LIST_KEYS: ReadonlySet<string> = new Set(['content', 'nodes', 'content-dirs']);
/** A plain comma list (the usual form): `split_list` gives exactly its items. */
const PLAIN_LIST_RE = /^[a-zA-Z0-9_=./-]+(?:,[a-zA-Z0-9_=./-]+)*$/;

/** pve-common's `split_list`, with a fast path for a plain comma list. */
function listItems(value: string): string[] {
  return PLAIN_LIST_RE.test(value) ? value.split(',') : splitList(value);
}

const NODE_NAME_RE = /^(?=.{1,63}$)[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/**
 * The set as a sorted list. Content types come from a fixed ASCII set and node names pass an
 * ASCII-only rule, so the default (UTF-16) sort is Perl's bytewise order here.
 */
function sortedKeys(set: ReadonlySet<string>): string[] {
  return [...set].sort();
}

/** `decode_value`: `content` and `nodes` become sorted sets, `content-dirs` a map. */
export function decodeValue(spec: StorageTypeSpec, key: string, value: string | number): Decoded {
  if (typeof value === 'number' || !LIST_KEYS.has(key)) return { value, warnings: NO_WARNINGS };
  const warnings: string[] = [];
  switch (key) {
    case 'content': {
      const set = new Set<string>();
      for (const c of listItems(value)) {
        if (!spec.content.has(c)) {
          warnings.push(`storage does not support content type '${c}'\n`);
          continue;
        }
        set.add(c);
      }
      if (set.has('none') && set.size > 1)
        return { warnings, error: "unable to combine 'none' with other content types\n" };
      return { value: sortedKeys(set), warnings };
    }
    case 'nodes': {
      const set = new Set<string>();
      for (const n of listItems(value)) if (NODE_NAME_RE.test(n)) set.add(n);
      return { value: sortedKeys(set), warnings };
    }
    case 'content-dirs': {
      const map = Object.create(null) as Record<string, string>;
      for (const item of listItems(value)) {
        const eq = item.indexOf('=');
        const content = eq === -1 ? item : item.slice(0, eq);
        if (!spec.content.has(content)) {
          warnings.push(`storage does not support content type '${content}'\n`);
          continue;
        }
        map[content] = eq === -1 ? '' : item.slice(eq + 1);
      }
      return { value: map, warnings };
    }
    default:
      return { value, warnings };
  }
}

/** `File::Spec->canonpath` on an absolute path: no `//`, no `/.`, no trailing `/`. */
export function canonicalPath(path: string): string {
  if (!path.includes('//') && !path.includes('/.') && (path.length === 1 || !path.endsWith('/')))
    return path;
  let p = path.replace(/\/{2,}/g, '/');
  p = p.replace(/(?:\/\.)+(?:\/|$)/g, '/');
  p = p.replace(/^\/(?:\.\.\/)+/, '/');
  if (p === '/..') p = '/';
  if (p.length > 1) p = p.replace(/\/$/, '');
  return p;
}

const DIR_PATH_RE = /^\/[-/a-zA-Z0-9_.@]+$/;

/** The directory storages' path rule; Proxmox's error text when it fails. */
export function dirPathError(path: string): string | undefined {
  return DIR_PATH_RE.test(path) ? undefined : `illegal path for directory storage: ${path}\n`;
}
