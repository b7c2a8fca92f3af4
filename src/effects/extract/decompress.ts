/**
 * The archive as a stream of tar bytes, decompressed by the compression its NAME says (as Proxmox
 * does): gzip with Node's native zlib; xz, zstd, bzip2 and lzop through the system's own tools as
 * pipes (`xz -dc`, `zstd -dc`, `bzip2 -dc`, `lzop -dc`) — the same native decoders GNU tar runs,
 * multi-threaded where they are, with no JavaScript decoder in the hot path. Memory is bounded by
 * the pipes' buffers. The first bytes are also sniffed, so a name that lies is reported.
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { TemplateCompression } from '../../create/template-name.js';

/** The compression the magic bytes say, when they say one. */
export function sniffCompression(head: Uint8Array): TemplateCompression | undefined {
  const b = (i: number): number => head[i] ?? -1;
  if (b(0) === 0x1f && b(1) === 0x8b) return 'gzip';
  if (b(0) === 0xfd && b(1) === 0x37 && b(2) === 0x7a && b(3) === 0x58 && b(4) === 0x5a)
    return 'xz';
  if (b(0) === 0x28 && b(1) === 0xb5 && b(2) === 0x2f && b(3) === 0xfd) return 'zstd';
  if (b(0) === 0x42 && b(1) === 0x5a && b(2) === 0x68) return 'bzip2';
  if (b(0) === 0x89 && b(1) === 0x4c && b(2) === 0x5a && b(3) === 0x4f) return 'lzo';
  if (head.length >= 263 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar')
    return 'none';
  return undefined;
}

/** The first `n` bytes of a file. */
export function readHead(path: string, n = 512): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return new Uint8Array(buf.subarray(0, got));
  } finally {
    closeSync(fd);
  }
}

const TOOLS: Readonly<Partial<Record<TemplateCompression, readonly string[]>>> = {
  xz: ['xz', '-dc', '-T0'],
  zstd: ['zstd', '-dcq'],
  bzip2: ['bzip2', '-dc'],
  lzo: ['lzop', '-dc'],
};

/** An open decompressed stream, and how far the compressed input has been read. */
export interface TarSource {
  readonly stream: AsyncIterable<Uint8Array>;
  /** Compressed bytes read so far. */
  readonly compressedRead: () => number;
  /** Resolves with an error message when the decompressor failed, after the stream ended. */
  readonly done: () => Promise<string | undefined>;
  /** Stops reading (early exit): kills a child, destroys the streams. */
  readonly close: () => void;
}

/** Opens `path` and decompresses it as `compression`. */
export function openTarSource(path: string, compression: TemplateCompression): TarSource {
  let read = 0;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (c: Buffer | string) => {
    read += c.length;
  });
  let failure: string | undefined;
  input.on('error', (e) => {
    failure ??= `cannot read ${path}: ${e.message}`;
  });
  if (compression === 'none') {
    return {
      stream: input,
      compressedRead: () => read,
      done: () => Promise.resolve(failure),
      close: () => input.destroy(),
    };
  }
  if (compression === 'gzip') {
    const gunzip = createGunzip({ chunkSize: 1 << 18 });
    gunzip.on('error', (e) => {
      failure ??= `gzip: ${e.message}`;
    });
    input.pipe(gunzip);
    const out = gunzip.on('error', () => undefined);
    return {
      stream: guarded(out, () => failure),
      compressedRead: () => read,
      done: () => Promise.resolve(failure),
      close: () => {
        input.destroy();
        gunzip.destroy();
      },
    };
  }
  const argv = TOOLS[compression] as readonly string[];
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 4096) stderr += c.toString();
  });
  const exited = new Promise<string | undefined>((resolve) => {
    child.on('error', (e) => {
      failure ??= `cannot run ${argv[0] as string}: ${e.message}`;
      resolve(failure);
    });
    child.on('close', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM')
        failure ??= `${argv[0] as string} failed (${code ?? signal ?? '?'}): ${stderr.trim()}`;
      resolve(failure);
    });
  });
  child.stdin.on('error', () => undefined); // EPIPE after an early stop
  input.pipe(child.stdin);
  return {
    stream: guarded(child.stdout, () => failure),
    compressedRead: () => read,
    done: () => exited,
    close: () => {
      input.destroy();
      child.kill('SIGTERM');
    },
  };
}

/** Iterates a readable; a stream error ends the iteration (reported through `done`). */
async function* guarded(
  r: Readable,
  _failure: () => string | undefined,
): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of r) yield chunk as Uint8Array;
  } catch {
    /* reported by done() */
  }
}
