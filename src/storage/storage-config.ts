/**
 * `/etc/pve/storage.cfg` read as Proxmox reads it (spec A.2): sections `<type>: <storeid>` whose
 * property lines start with whitespace and which end only at an empty line; `#` lines skipped
 * everywhere; each rejected value, line or section reported with Proxmox's warning text and line
 * number, and the file's storages post-processed (a synthesized `local`, default `content`, forced
 * `shared`).
 *
 * Parsing never fails: like Proxmox, it keeps what it can and warns about the rest. A section that
 * was accepted at its header but fails as a whole keeps its id with a `null` entry (Proxmox leaves
 * `undef` there): volume paths on it fail with `storage '<id>' does not exist`.
 */
import { PERL_NON_SPACE, PERL_SPACE, isPerlSpace } from '../perl/index.js';
import { proxmoxDiagnostic } from './storage-diagnostics.js';
import type { StorageCode, StorageDiagnostic } from './storage-diagnostics.js';
import { SHARED_STORAGE_TYPES, STORAGE_TYPES, SYNTHESIZED_LOCAL } from './storage-types.js';
import type { StorageTypeSpec } from './storage-types.js';
import {
  LIST_KEYS,
  canonicalPath,
  checkValue,
  decodeValue,
  dirPathError,
} from './storage-values.js';
import type { StorageValue } from './storage-values.js';

/** One storage as Proxmox's parser leaves it: its properties plus `type` (the vectors' shape). */
export interface StorageEntry {
  readonly type: string;
  readonly [key: string]: StorageValue;
}

/** A parsed storage.cfg. JSON-serialisable (`ids` has a null prototype). */
export interface StorageConfig {
  /** Storage id → entry; `null` for a section dropped after its header was accepted. */
  readonly ids: Readonly<Record<string, StorageEntry | null>>;
  /** Ids whose header was accepted, in file order (a repeated id at its last section). */
  readonly order: readonly string[];
  /** Proxmox's warnings, in the order it prints them. */
  readonly diagnostics: readonly StorageDiagnostic[];
}

export interface ParseStorageOptions {
  /** The file name in Proxmox's messages (default `storage.cfg`, as Proxmox names it). */
  readonly filename?: string;
}

const HEADER_RE = new RegExp(
  `^(${PERL_NON_SPACE}+):${PERL_SPACE}*(${PERL_NON_SPACE}+)${PERL_SPACE}*$`,
);
/**
 * A property line, Perl `m/^\s+(\S+)(\s+(.*\S))?\s*$/` scanned by hand (it runs on every line):
 * the key, and the value from its first to its last non-blank character (undefined when none).
 */
function scanProperty(line: string): { key: string; value: string | undefined } | undefined {
  const n = line.length;
  let i = 0;
  while (i < n && isPerlSpace(line.charCodeAt(i))) i++;
  if (i === 0 || i === n) return undefined;
  const keyStart = i;
  while (i < n && !isPerlSpace(line.charCodeAt(i))) i++;
  const key = line.slice(keyStart, i);
  while (i < n && isPerlSpace(line.charCodeAt(i))) i++;
  if (i === n) return { key, value: undefined };
  let end = n;
  while (isPerlSpace(line.charCodeAt(end - 1))) end--;
  return { key, value: line.slice(i, end) };
}
/** Perl `m/^\s*#/` without a regex (it runs on every line). */
function isComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 35) return true; // '#'
    // Perl \s: space, \t \n \v \f \r
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return false;
}
const STORAGE_ID_RE = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;

/** `parse_storage_id`'s rule. */
export function isStorageId(id: string): boolean {
  return STORAGE_ID_RE.test(id);
}

/** Reads storage.cfg text. Never fails; see {@link StorageConfig}. */
export function parseStorageConfig(text: string, options: ParseStorageOptions = {}): StorageConfig {
  const filename = options.filename ?? 'storage.cfg';
  const lines = text.split('\n');
  // Perl's split drops trailing empty fields.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const ids = Object.create(null) as Record<string, StorageEntry | null>;
  const position = new Map<string, number>();
  let nextPosition = 0;
  const diagnostics: StorageDiagnostic[] = [];
  let index = 0;
  let lineNo = 0;
  /** The next line that is not a comment, or undefined at the end. */
  const nextLine = (): string | undefined => {
    while (index < lines.length) {
      const line = lines[index++] as string;
      lineNo++;
      if (!isComment(line)) return line;
    }
    return undefined;
  };
  const warn = (code: StorageCode, text: string, line: number, path?: string): void => {
    diagnostics.push(
      proxmoxDiagnostic('warning', code, text, {
        file: filename,
        line,
        ...(path !== undefined ? { path } : {}),
      }),
    );
  };

  while (index < lines.length) {
    let line = nextLine();
    // Perl truthiness: an empty line and a line `0` are passed over.
    if (line === undefined || line === '' || line === '0') continue;
    let at = lineNo;
    const header = HEADER_RE.exec(line);
    if (header === null) {
      warn(
        'STORAGE_IGNORED_LINE',
        `file ${filename} line ${at} - ignore config line: ${line}\n`,
        at,
      );
      continue;
    }
    const type = (header[1] as string).toLowerCase();
    const id = header[2] as string;
    const spec = STORAGE_TYPES.get(type);
    let skip = true;
    if (!isStorageId(id))
      warn(
        'STORAGE_INVALID_ID',
        `file ${filename} line ${at} (skip section '${id}'): storage ID '${id}' contains illegal characters\n`,
        at,
        id,
      );
    else if (spec === undefined)
      warn(
        'STORAGE_UNSUPPORTED_TYPE',
        `file ${filename} line ${at} (skip section '${id}'): unsupported type '${type}'\n`,
        at,
        id,
      );
    else skip = false;

    const values = new Map<string, string | number>();
    // A section ends at an empty line (or a line `0`), or at the end of the file.
    while ((line = nextLine()) !== undefined && line !== '' && line !== '0') {
      if (skip) continue;
      at = lineNo;
      const prop = scanProperty(line);
      if (prop === undefined) {
        warn(
          'STORAGE_IGNORED_LINE',
          `file ${filename} line ${at} (section '${id}') - ignore config line: ${line}\n`,
          at,
          id,
        );
        continue;
      }
      const key = prop.key;
      const checked = values.has(key)
        ? { error: 'duplicate attribute\n' }
        : checkValue(type, spec as StorageTypeSpec, key, prop.value);
      if ('error' in checked)
        warn(
          'STORAGE_INVALID_VALUE',
          `file ${filename} line ${at} (section '${id}') - unable to parse value of '${key}': ${checked.error}`,
          at,
          `${id}.${key}`,
        );
      else values.set(key, checked.value);
    }
    if (skip) continue;
    const sectionAt = at;
    ids[id] = completeSection(id, type, spec as StorageTypeSpec, values, (code, msg) =>
      warn(
        code,
        code === 'STORAGE_SECTION_INVALID' ? `file ${filename} line ${sectionAt} ${msg}` : msg,
        sectionAt,
        id,
      ),
    );
    position.set(id, nextPosition++);
  }

  const order = [...position.keys()].sort(
    (a, b) => (position.get(a) as number) - (position.get(b) as number),
  );
  postProcess(ids);
  return { ids, order, diagnostics };
}

type SectionWarn = (code: StorageCode, text: string) => void;

/**
 * `check_config` at the end of a section: the values decoded (content, nodes, content-dirs), the
 * path defaulted or checked, and the required options; null when the section fails.
 */
function completeSection(
  id: string,
  type: string,
  spec: StorageTypeSpec,
  values: Map<string, string | number>,
  warn: SectionWarn,
): StorageEntry | null {
  const skip = (text: string): null => {
    warn('STORAGE_SECTION_INVALID', `(skip section '${id}'): ${text}`);
    return null;
  };
  if (spec.defaultsPath && (values.get('path') ?? '') === '') values.set('path', `/mnt/pve/${id}`);
  // Keys are property names from a closed list (never `__proto__`): a plain object is safe.
  const entry: Record<string, StorageValue> = { type };
  for (const [key, value] of values) {
    if (typeof value === 'number' || !LIST_KEYS.has(key)) {
      entry[key] = value;
      continue;
    }
    const decoded = decodeValue(spec, key, value);
    for (const w of decoded.warnings) warn('STORAGE_UNSUPPORTED_CONTENT', w);
    if (decoded.error !== undefined) return skip(decoded.error);
    entry[key] = decoded.value as StorageValue;
  }
  for (const key of spec.required)
    if (!values.has(key)) return skip(`missing value for required option '${key}'\n`);
  if (spec.checksDirPath) {
    const path = entry['path'] as string;
    const error = dirPathError(path);
    if (error !== undefined) return skip(error);
    entry['path'] = canonicalPath(path);
  }
  return entry as StorageEntry;
}

/**
 * Proxmox's post-processing: `local` must be a `dir` at `/var/lib/vz` (else a default one replaces
 * it) and is never restricted to nodes; a storage without `content` gets its type's default; the
 * shared types are marked `shared: 1`.
 */
function postProcess(ids: Record<string, StorageEntry | null>): void {
  const local = ids['local'];
  if (
    local === undefined ||
    local === null ||
    local.type !== 'dir' ||
    (typeof local['path'] === 'string' && local['path'] !== '' && local['path'] !== '/var/lib/vz')
  ) {
    ids['local'] = { ...SYNTHESIZED_LOCAL, content: [...SYNTHESIZED_LOCAL.content] };
  }
  const kept = ids['local'] as Record<string, StorageValue>;
  delete kept['nodes'];
  for (const id of Object.keys(ids)) {
    const entry = ids[id] as Record<string, StorageValue> | null;
    if (entry === null) continue;
    const spec = STORAGE_TYPES.get(entry['type'] as string);
    if (spec !== undefined && entry['content'] === undefined)
      entry['content'] = [...spec.defaultContent];
    if (SHARED_STORAGE_TYPES.has(entry['type'] as string)) entry['shared'] = 1;
  }
}
