/**
 * Hostile archives by size: a million members, a 10 GB sparse member, a decompression bomb. Each
 * runs in its own Node process so its peak RSS can be checked (≤ 200 MB).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractInChild } from './extract-child.js';
import { END, header, pad, paxHeader } from './tar-writer.js';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env['CI'] === undefined) {
  console.log('hostile-size: skipped outside CI: needs root (chown) and zstd');
}
const run = isRoot || process.env['CI'] !== undefined ? describe : describe.skip;
const RSS_LIMIT_KIB = 200 * 1024;

/** Writes the parts through `zstd -1` into `path`, with backpressure. */
async function writeZstd(path: string, parts: Iterable<Buffer>): Promise<void> {
  const child = spawn('zstd', ['-q', '-1', '-f', '-o', path], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const closed = new Promise<void>((resolve, reject) => {
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`zstd exited ${code}`)),
    );
  });
  for (const p of parts) {
    if (!child.stdin.write(p)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  await closed;
}

run('hostile archives by size', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pctkit-hostile-size-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = (name: string): string => {
    const t = join(dir, name);
    rmSync(t, { recursive: true, force: true });
    mkdirSync(t);
    return t;
  };

  it('1,000,000 empty members: bounded memory; a member cap stops it', async () => {
    const archive = join(dir, 'million.tar.zst');
    const names = Array.from({ length: 1000 }, (_, i) => header({ name: `m/${i}` }));
    await writeZstd(
      archive,
      (function* () {
        yield header({ name: 'm/', type: '5', mode: 0o755 });
        let batch: Buffer[] = [];
        for (let i = 0; i < 1_000_000; i++) {
          batch.push(names[i % 1000] as Buffer);
          if (batch.length === 4096) {
            yield Buffer.concat(batch);
            batch = [];
          }
        }
        yield Buffer.concat([...batch, END]);
      })(),
    );
    const all = await extractInChild({
      archive,
      compression: 'zstd',
      target: fresh('t1'),
      idMap: [],
    });
    expect(all.ok).toBe(true);
    expect(all.summary?.members).toBe(1_000_001);
    expect(all.summary?.skipped).toBe(999_000);
    expect(all.maxRssKiB).toBeLessThan(RSS_LIMIT_KIB);
    const capped = await extractInChild({
      archive,
      compression: 'zstd',
      target: fresh('t2'),
      idMap: [],
      maxMembers: 100_000,
    });
    expect(capped.ok).toBe(false);
    expect(capped.diagnostics?.map((d) => d.code)).toContain('EXTRACT_LIMIT_MEMBERS');
    expect(capped.maxRssKiB).toBeLessThan(RSS_LIMIT_KIB);
  }, 300_000);

  it('a 10 GB sparse member becomes a sparse file', async () => {
    const archive = join(dir, 'sparse.tar.zst');
    const real = 10 * 2 ** 30;
    const data = Buffer.alloc(4096, 0x61);
    const map = Buffer.from(`1\n${real - 4096}\n4096\n`);
    const stored = Buffer.concat([map, pad(map.length), data]);
    await writeZstd(archive, [
      paxHeader({
        'GNU.sparse.major': '1',
        'GNU.sparse.minor': '0',
        'GNU.sparse.name': 'big',
        'GNU.sparse.realsize': String(real),
      }),
      header({ name: 'GNUSparseFile.0/big', size: stored.length }),
      stored,
      pad(stored.length),
      END,
    ]);
    const t = fresh('t3');
    const r = await extractInChild({ archive, compression: 'zstd', target: t, idMap: [] });
    expect(r.ok).toBe(true);
    const st = statSync(join(t, 'big'));
    expect(st.size).toBe(real);
    expect(st.blocks * 512).toBeLessThan(1 << 20);
    expect(r.maxRssKiB).toBeLessThan(RSS_LIMIT_KIB);
  }, 120_000);

  it('a decompression bomb stops at the byte cap', async () => {
    const archive = join(dir, 'bomb.tar.zst');
    const size = 2 ** 30;
    const zeros = Buffer.alloc(1 << 20);
    await writeZstd(
      archive,
      (function* () {
        yield header({ name: 'bomb', size });
        for (let i = 0; i < size / zeros.length; i++) yield zeros;
        yield END;
      })(),
    );
    expect(statSync(archive).size).toBeLessThan(1 << 20);
    const t = fresh('t4');
    const r = await extractInChild({
      archive,
      compression: 'zstd',
      target: t,
      idMap: [],
      maxBytes: 64 * 2 ** 20,
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics?.map((d) => d.code)).toContain('EXTRACT_LIMIT_BYTES');
    expect(statSync(join(t, 'bomb')).size).toBeLessThanOrEqual(64 * 2 ** 20);
    expect(r.maxRssKiB).toBeLessThan(RSS_LIMIT_KIB);
  }, 120_000);
});
