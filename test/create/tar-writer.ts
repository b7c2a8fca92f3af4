/** A minimal ustar/PAX writer for tests that need archives GNU tar will not make (hostile ones). */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface MemberSpec {
  readonly name: string;
  /** '0' file, '1' hard link, '2' symlink, '3' char, '4' block, '5' dir, '6' fifo, 'x' PAX. */
  readonly type?: string;
  readonly size?: number;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: number;
  readonly linkname?: string;
  readonly devmajor?: number;
  readonly devminor?: number;
}

function field(buf: Buffer, off: number, len: number, value: number): void {
  buf.write(value.toString(8).padStart(len - 1, '0') + '\0', off, len, 'latin1');
}

/** One 512-byte header (names up to 100 bytes; longer ones need PAX `path`). */
export function header(m: MemberSpec): Buffer {
  const h = Buffer.alloc(512);
  Buffer.from(m.name, 'utf8').copy(h, 0, 0, 100);
  field(h, 100, 8, m.mode ?? 0o644);
  field(h, 108, 8, m.uid ?? 0);
  field(h, 116, 8, m.gid ?? 0);
  field(h, 124, 12, m.size ?? 0);
  field(h, 136, 12, m.mtime ?? 1_700_000_000);
  h.write(m.type ?? '0', 156, 1, 'latin1');
  if (m.linkname !== undefined) Buffer.from(m.linkname, 'utf8').copy(h, 157, 0, 100);
  h.write('ustar\x0000', 257, 8, 'latin1');
  field(h, 329, 8, m.devmajor ?? 0);
  field(h, 337, 8, m.devminor ?? 0);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return h;
}

export function pad(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512);
}

/** A PAX extended header with `records` (values as bytes or text). */
export function paxHeader(records: Readonly<Record<string, string | Uint8Array>>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(records)) {
    const value = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v);
    const body = Buffer.concat([Buffer.from(` ${k}=`, 'utf8'), value, Buffer.from('\n')]);
    let len = body.length + 1;
    while (String(len).length + body.length !== len) len = String(len).length + body.length;
    parts.push(Buffer.concat([Buffer.from(String(len)), body]));
  }
  const data = Buffer.concat(parts);
  return Buffer.concat([
    header({ name: 'PaxHeader', type: 'x', size: data.length }),
    data,
    pad(data.length),
  ]);
}

/** A member with its data. */
export function member(m: MemberSpec, data: Buffer | string = ''): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([header({ ...m, size: m.size ?? d.length }), d, pad(d.length)]);
}

export const END = Buffer.alloc(1024);

/** Writes an archive made of `parts` (a generator for large ones) to `path`. */
export function writeArchive(path: string, parts: Iterable<Buffer>): void {
  const fd = openSync(path, 'w');
  try {
    for (const p of parts) writeSync(fd, p);
  } finally {
    closeSync(fd);
  }
}
