/**
 * A push-style streaming tar reader: feed it chunks of the (decompressed) archive, it calls back
 * once per member with the decoded header, then with the member's data as slices of the chunks it
 * was given (no copies), then once at the end. Memory is bounded by the largest metadata record
 * (PAX / GNU long name, capped) whatever the archive size.
 *
 * Why not tar-stream or node-tar (see docs/create.md): both decode PAX records as UTF-8 text or
 * keep only the fields they know, which loses binary `SCHILY.xattr.*` values such as
 * `security.capability`, and neither reads GNU sparse members. This reader keeps PAX values as
 * bytes and reads the old GNU sparse format (`S`) and PAX sparse 0.1 and 1.0.
 *
 * Formats: ustar (name + prefix), GNU (`L`/`K` long names, base-256 numbers, `S` sparse), PAX
 * (`x` per member, `g` global), v7. Header checksums are verified.
 */

/** A member's type, from the typeflag. */
export type TarEntryType =
  | 'file'
  | 'link'
  | 'symlink'
  | 'char'
  | 'block'
  | 'dir'
  | 'fifo'
  | 'multivolume'
  | 'label'
  | 'unknown';

/** A sparse member's layout: the data stream holds these segments of the real file, in order. */
export interface SparseMap {
  readonly realSize: number;
  readonly segments: readonly (readonly [offset: number, length: number])[];
}

/** One member's header, after PAX / GNU extensions are applied. */
export interface TarEntry {
  /** The raw name bytes decoded as UTF-8 (`undefined` when not valid UTF-8). */
  readonly name: string | undefined;
  /** The raw name, for messages when it is not UTF-8. */
  readonly rawName: Uint8Array;
  readonly type: TarEntryType;
  /** The raw typeflag character. */
  readonly typeflag: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Bytes of data that follow in the archive (for a sparse member: the stored segments). */
  readonly size: number;
  /** Seconds since the epoch (fractional with PAX). */
  readonly mtime: number;
  readonly linkname: string;
  readonly devmajor: number;
  readonly devminor: number;
  /** `SCHILY.xattr.<name>` records (value bytes as stored). */
  readonly xattrs: ReadonlyMap<string, Uint8Array>;
  /** `SCHILY.acl.access` / `SCHILY.acl.default` (text form). */
  readonly aclAccess?: string;
  readonly aclDefault?: string;
  readonly sparse?: SparseMap;
}

/** What the reader reports. */
export interface TarHandler {
  entry(entry: TarEntry): void;
  /** A slice of the current member's data (only valid during the call). */
  data(chunk: Uint8Array): void;
  /** The current member's data is complete. */
  entryEnd(): void;
}

/** A malformed archive. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const BLOCK = 512;
/** Cap of one PAX or long-name record (GNU tar has none; a hostile archive could send gigabytes). */
export const MAX_META_BYTES = 8 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function cstr(buf: Uint8Array, start: number, len: number): Uint8Array {
  let end = start;
  const stop = start + len;
  while (end < stop && buf[end] !== 0) end++;
  return buf.subarray(start, end);
}

function decodeName(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Octal or GNU base-256 number field. */
function num(buf: Uint8Array, start: number, len: number): number {
  const first = buf[start] as number;
  if (first & 0x80) {
    // Base-256, two's complement; negative values are refused.
    if (first & 0x40) throw new TarFormatError('negative number in a tar header');
    let v = first & 0x3f;
    for (let i = 1; i < len; i++) v = v * 256 + (buf[start + i] as number);
    return v;
  }
  let v = 0;
  let i = start;
  const end = start + len;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c < 0x30 || c > 0x37) break;
    v = v * 8 + (c - 0x30);
  }
  return v;
}

function checksumOk(h: Uint8Array): boolean {
  const stored = num(h, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (h[i] as number);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

function isZeroBlock(h: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (h[i] !== 0) return false;
  return true;
}

const TYPES: Readonly<Record<string, TarEntryType>> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'link',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
  M: 'multivolume',
  V: 'label',
  S: 'file',
};

/** PAX records: `<len> <key>=<value>\n`, values kept as bytes. */
function parsePax(buf: Uint8Array, into: Map<string, Uint8Array>): void {
  let i = 0;
  while (i < buf.length) {
    let j = i;
    let len = 0;
    while (j < buf.length && buf[j] !== 0x20) {
      const c = buf[j] as number;
      if (c < 0x30 || c > 0x39) throw new TarFormatError('malformed PAX record length');
      len = len * 10 + (c - 0x30);
      j++;
    }
    if (len === 0) break;
    if (i + len > buf.length || buf[i + len - 1] !== 0x0a)
      throw new TarFormatError('malformed PAX record');
    const rec = buf.subarray(j + 1, i + len - 1);
    const eq = rec.indexOf(0x3d);
    if (eq < 0) throw new TarFormatError('malformed PAX record (no =)');
    into.set(latin1.decode(rec.subarray(0, eq)), rec.slice(eq + 1));
    i += len;
  }
}

function paxText(v: Uint8Array | undefined): string | undefined {
  return v === undefined ? undefined : new TextDecoder().decode(v);
}

function paxNumber(v: Uint8Array | undefined, what: string): number | undefined {
  const t = paxText(v);
  if (t === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new TarFormatError(`malformed PAX ${what}: ${t}`);
  return Number(t);
}

/** Old GNU sparse entries: `count` pairs of 12-byte octal (offset, numbytes) from `start`. */
function gnuSparsePairs(
  h: Uint8Array,
  start: number,
  count: number,
  out: [number, number][],
): void {
  for (let k = 0; k < count; k++) {
    const o = start + k * 24;
    if (h[o] === 0) break;
    out.push([num(h, o, 12), num(h, o + 12, 12)]);
  }
}

/** The PAX 1.0 sparse map (count, then offset/length pairs, one number a line); undefined if incomplete. */
function parseSparseMap(text: readonly number[]): [number, number][] | undefined {
  const nums: number[] = [];
  let cur = 0;
  let have = false;
  for (const c of text) {
    if (c === 0x0a) {
      if (!have) throw new TarFormatError('malformed sparse map');
      nums.push(cur);
      cur = 0;
      have = false;
      const count = nums[0] as number;
      if (nums.length === 1 + 2 * count) break;
    } else if (c >= 0x30 && c <= 0x39) {
      cur = cur * 10 + (c - 0x30);
      have = true;
    } else throw new TarFormatError('malformed sparse map');
  }
  const count = nums[0];
  if (count === undefined || nums.length < 1 + 2 * count) return undefined;
  const segments: [number, number][] = [];
  for (let k = 0; k < count; k++)
    segments.push([nums[1 + 2 * k] as number, nums[2 + 2 * k] as number]);
  return segments;
}

type State =
  | { readonly kind: 'header' }
  | {
      readonly kind: 'meta';
      readonly flag: string;
      remaining: number;
      readonly parts: Uint8Array[];
      readonly pad: number;
    }
  | {
      readonly kind: 'sparse-ext';
      readonly entry: Omit<TarEntry, 'sparse'>;
      readonly realSize: number;
      readonly segments: [number, number][];
    }
  | {
      readonly kind: 'sparse-map';
      readonly entry: TarEntry;
      readonly text: number[];
      remaining: number;
      readonly realSize: number;
    }
  | { readonly kind: 'data'; remaining: number; pad: number }
  | { readonly kind: 'skip'; remaining: number }
  | { readonly kind: 'end' };

/** The streaming reader. */
export class TarReader {
  private state: State = { kind: 'header' };
  private held = new Uint8Array(BLOCK);
  private heldLen = 0;
  private pax = new Map<string, Uint8Array>();
  private global = new Map<string, Uint8Array>();
  private longName: Uint8Array | undefined;
  private longLink: Uint8Array | undefined;
  private zeroBlocks = 0;
  /** Bytes of tar stream consumed. */
  consumed = 0;

  constructor(private readonly handler: TarHandler) {}

  /** True once the end-of-archive blocks were read. */
  get ended(): boolean {
    return this.state.kind === 'end';
  }

  /** Whether the stream may stop here (at a header boundary or after the end marker). */
  get atBoundary(): boolean {
    return (this.state.kind === 'header' && this.heldLen === 0) || this.state.kind === 'end';
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    this.consumed += n;
    while (i < n) {
      const s = this.state;
      if (s.kind === 'end') return;
      if (s.kind === 'data') {
        if (s.remaining > 0) {
          const take = Math.min(s.remaining, n - i);
          this.handler.data(chunk.subarray(i, i + take));
          s.remaining -= take;
          i += take;
          if (s.remaining === 0) this.handler.entryEnd();
          continue;
        }
        const take = Math.min(s.pad, n - i);
        s.pad -= take;
        i += take;
        if (s.pad === 0) this.state = { kind: 'header' };
        continue;
      }
      if (s.kind === 'skip') {
        const take = Math.min(s.remaining, n - i);
        s.remaining -= take;
        i += take;
        if (s.remaining === 0) this.state = { kind: 'header' };
        continue;
      }
      if (s.kind === 'meta') {
        const take = Math.min(s.remaining, n - i);
        s.parts.push(chunk.slice(i, i + take));
        s.remaining -= take;
        i += take;
        if (s.remaining === 0) {
          this.finishMeta(s.flag, s.parts);
          this.state = s.pad > 0 ? { kind: 'skip', remaining: s.pad } : { kind: 'header' };
        }
        continue;
      }
      if (s.kind === 'sparse-map') {
        // PAX sparse 1.0: decimal lines at the start of the data, padded to whole blocks; read
        // block by block so that no file data is held.
        const room = BLOCK - (s.text.length % BLOCK);
        const take = Math.min(s.remaining, n - i, room);
        for (let k = 0; k < take; k++) s.text.push(chunk[i + k] as number);
        s.remaining -= take;
        i += take;
        if (s.text.length > MAX_META_BYTES) throw new TarFormatError('sparse map too large');
        if (s.text.length % BLOCK === 0 || s.remaining === 0) {
          const segments = parseSparseMap(s.text);
          if (segments !== undefined) {
            this.begin({
              ...s.entry,
              size: s.remaining,
              sparse: { realSize: s.realSize, segments },
            });
          } else if (s.remaining === 0) throw new TarFormatError('truncated sparse map');
        }
        continue;
      }
      // header or sparse-ext: collect a 512-byte block.
      const take = Math.min(BLOCK - this.heldLen, n - i);
      this.held.set(chunk.subarray(i, i + take), this.heldLen);
      this.heldLen += take;
      i += take;
      if (this.heldLen < BLOCK) continue;
      this.heldLen = 0;
      if (s.kind === 'sparse-ext') this.sparseExtension(s, this.held);
      else this.header(this.held);
    }
  }

  /** Call at the end of the stream; throws when the archive is truncated. */
  finish(): void {
    const s = this.state;
    if (s.kind === 'end') return;
    if (s.kind === 'header' && this.heldLen === 0) return; // no end marker: GNU tar accepts it
    throw new TarFormatError('Unexpected EOF in archive');
  }

  private header(h: Uint8Array): void {
    if (isZeroBlock(h)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.state = { kind: 'end' };
      return;
    }
    if (this.zeroBlocks > 0) this.zeroBlocks = 0;
    if (!checksumOk(h))
      throw new TarFormatError('This does not look like a tar archive (bad header checksum)');
    const flag = String.fromCharCode(h[156] as number);
    const size = num(h, 124, 12);
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_META_BYTES)
        throw new TarFormatError(`metadata record of ${size} bytes is too large`);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (size === 0) this.finishMeta(flag, []);
      else this.state = { kind: 'meta', flag, remaining: size, parts: [], pad };
      return;
    }
    const magic = latin1.decode(h.subarray(257, 263));
    const ustar = magic === 'ustar\0';
    const gnu = magic === 'ustar ';
    let rawName = cstr(h, 0, 100);
    if (ustar && h[345] !== 0) {
      const prefix = cstr(h, 345, 155);
      const joined = new Uint8Array(prefix.length + 1 + rawName.length);
      joined.set(prefix, 0);
      joined[prefix.length] = 0x2f;
      joined.set(rawName, prefix.length + 1);
      rawName = joined;
    }
    if (this.longName !== undefined) rawName = this.longName;
    const pax = this.pax;
    const g = this.global;
    const get = (k: string): Uint8Array | undefined => pax.get(k) ?? g.get(k);
    const paxPath = get('path');
    if (paxPath !== undefined) rawName = paxPath;
    const sparseName = get('GNU.sparse.name');
    if (sparseName !== undefined) rawName = sparseName;
    let linkname = new TextDecoder().decode(this.longLink ?? cstr(h, 157, 100));
    const paxLink = paxText(get('linkpath'));
    if (paxLink !== undefined) linkname = paxLink;
    const xattrs = new Map<string, Uint8Array>();
    for (const m of [g, pax]) {
      for (const [k, v] of m) if (k.startsWith('SCHILY.xattr.')) xattrs.set(k.slice(13), v);
    }
    const aclAccess = paxText(get('SCHILY.acl.access'));
    const aclDefault = paxText(get('SCHILY.acl.default'));
    let type = TYPES[flag] ?? 'unknown';
    // A directory in a v7 archive: a regular-file flag and a trailing slash.
    if (type === 'file' && flag !== 'S' && rawName[rawName.length - 1] === 0x2f) type = 'dir';
    const entrySize = paxNumber(get('size'), 'size') ?? size;
    const entry: Omit<TarEntry, 'sparse'> = {
      name: decodeName(rawName),
      rawName,
      type,
      typeflag: flag,
      mode: num(h, 100, 8) & 0o7777,
      uid: paxNumber(get('uid'), 'uid') ?? num(h, 108, 8),
      gid: paxNumber(get('gid'), 'gid') ?? num(h, 116, 8),
      size: entrySize,
      mtime: paxNumber(get('mtime'), 'mtime') ?? num(h, 136, 12),
      linkname,
      devmajor: ustar || gnu ? num(h, 329, 8) : 0,
      devminor: ustar || gnu ? num(h, 337, 8) : 0,
      xattrs,
      ...(aclAccess !== undefined ? { aclAccess } : {}),
      ...(aclDefault !== undefined ? { aclDefault } : {}),
    };
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;

    if (flag === 'S' && gnu) {
      const segments: [number, number][] = [];
      gnuSparsePairs(h, 386, 4, segments);
      const realSize = num(h, 483, 12);
      if (h[482] !== 0) {
        this.state = { kind: 'sparse-ext', entry, realSize, segments };
        return;
      }
      this.begin({ ...entry, sparse: { realSize, segments } });
      return;
    }
    const major = paxText(get('GNU.sparse.major'));
    const minor = paxText(get('GNU.sparse.minor'));
    if (major === '1' && minor === '0') {
      const realSize = paxNumber(get('GNU.sparse.realsize'), 'sparse size') ?? 0;
      this.state = { kind: 'sparse-map', entry, text: [], remaining: entry.size, realSize };
      return;
    }
    const map = paxText(get('GNU.sparse.map'));
    if (map !== undefined) {
      const realSize =
        paxNumber(get('GNU.sparse.realsize') ?? get('GNU.sparse.size'), 'sparse size') ?? 0;
      const nums = map.split(',').map(Number);
      const segments: [number, number][] = [];
      for (let k = 0; k + 1 < nums.length; k += 2)
        segments.push([nums[k] as number, nums[k + 1] as number]);
      this.begin({ ...entry, sparse: { realSize, segments } });
      return;
    }
    this.begin(entry);
  }

  private sparseExtension(s: Extract<State, { kind: 'sparse-ext' }>, h: Uint8Array): void {
    gnuSparsePairs(h, 0, 21, s.segments);
    if (s.segments.length > 1_000_000) throw new TarFormatError('sparse map too large');
    if (h[504] !== 0) return;
    this.begin({ ...s.entry, sparse: { realSize: s.realSize, segments: s.segments } });
  }

  private begin(entry: TarEntry): void {
    this.handler.entry(entry);
    const size = entry.size;
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    this.state = { kind: 'data', remaining: size, pad };
    if (size === 0) {
      this.handler.entryEnd();
      if (pad === 0) this.state = { kind: 'header' };
    }
  }

  private finishMeta(flag: string, parts: Uint8Array[]): void {
    let total = 0;
    for (const p of parts) total += p.length;
    const buf = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      buf.set(p, o);
      o += p.length;
    }
    if (flag === 'x') parsePax(buf, this.pax);
    else if (flag === 'g') parsePax(buf, this.global);
    else if (flag === 'L') this.longName = cstr(buf, 0, buf.length);
    else this.longLink = cstr(buf, 0, buf.length);
  }
}
