/**
 * Hostile archives (generated here): members that try to escape the target, write through links,
 * link to host files, create devices, or overwrite what exists. Nothing may land outside the
 * target; each gets its diagnostic.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ID_MAP } from '../../src/create/id-map.js';
import { extractArchive } from '../../src/effects/extract/index.js';
import { END, member, writeArchive } from './tar-writer.js';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env['CI'] === undefined) {
  console.log('hostile-names: skipped outside CI: chown to mapped ids needs root');
}
const run = isRoot || process.env['CI'] !== undefined ? describe : describe.skip;

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

run('hostile member names and links', () => {
  let outer: string;
  let target: string;
  const passwd = sha('/etc/passwd');
  beforeAll(() => {
    outer = mkdtempSync(join(tmpdir(), 'pctkit-hostile-'));
  });
  afterAll(() => rmSync(outer, { recursive: true, force: true }));

  async function extract(parts: Buffer[], extra: object = {}) {
    rmSync(join(outer, 't'), { recursive: true, force: true });
    target = join(outer, 't');
    mkdirSync(target);
    const archive = join(outer, 'a.tar');
    writeArchive(archive, [...parts, END]);
    const r = await extractArchive({ archive, compression: 'none', target, idMap: [], ...extra });
    return r;
  }
  const outside = (): string[] =>
    readdirSync(outer)
      .filter((n) => n !== 't' && n !== 'a.tar')
      .sort();
  const codes = (r: Awaited<ReturnType<typeof extractArchive>>): string[] =>
    (E.isLeft(r) ? r.left : r.right.diagnostics).map((d) => d.code);

  it('refuses ../ members, strips leading / and ./', async () => {
    const r = await extract([
      member({ name: '../escape' }, 'x'),
      member({ name: 'a/../../escape2' }, 'x'),
      member({ name: '/abs' }, 'abs'),
      member({ name: './dot' }, 'dot'),
    ]);
    expect(outside()).toEqual([]);
    expect(codes(r)).toEqual(['EXTRACT_DOTDOT', 'EXTRACT_DOTDOT', 'EXTRACT_FAILED']);
    expect(readFileSync(join(target, 'abs'), 'utf8')).toBe('abs');
    expect(readFileSync(join(target, 'dot'), 'utf8')).toBe('dot');
    expect(E.isLeft(r) && r.left[0]?.proxmoxText).toBe(
      "tar: ../escape: Member name contains '..'\n",
    );
  });

  it('never writes through a symlink, from the archive or already there', async () => {
    const r = await extract([
      member({ name: 'l', type: '2', linkname: outer }),
      member({ name: 'l/pwned' }, 'x'),
      member({ name: 'up', type: '2', linkname: '..' }),
      member({ name: 'up/pwned2' }, 'x'),
      member({ name: 'etc', type: '2', linkname: '/etc' }),
      member({ name: 'etc/passwd' }, 'root::0:0::/:/bin/sh\n'),
    ]);
    expect(outside()).toEqual([]);
    expect(sha('/etc/passwd')).toBe(passwd);
    expect(codes(r).filter((c) => c === 'EXTRACT_THROUGH_SYMLINK')).toHaveLength(3);
    expect(lstatSync(join(target, 'l')).isSymbolicLink()).toBe(true);
  });

  it('refuses hard links to host files and through symlinks', async () => {
    const r = await extract([
      member({ name: 'h1', type: '1', linkname: '/etc/passwd' }),
      member({ name: 's', type: '2', linkname: '/etc' }),
      member({ name: 'h2', type: '1', linkname: 's/passwd' }),
      member({ name: 'h3', type: '1', linkname: '../../etc/passwd' }),
      member({ name: 'f' }, 'data'),
      member({ name: 'h4', type: '1', linkname: 'f' }),
    ]);
    expect(codes(r).filter((c) => c === 'EXTRACT_HARDLINK_REFUSED')).toHaveLength(3);
    expect(existsSync(join(target, 'h1'))).toBe(false);
    expect(existsSync(join(target, 'h2'))).toBe(false);
    expect(lstatSync(join(target, 'h4')).ino).toBe(lstatSync(join(target, 'f')).ino);
    expect(lstatSync('/etc/passwd').nlink).toBe(1);
  });

  it('records device nodes, creates FIFOs, keeps names with newlines', async () => {
    const r = await extract([
      member({ name: 'null', type: '3', devmajor: 1, devminor: 3, mode: 0o666 }),
      member({ name: 'sda', type: '4', devmajor: 8, devminor: 0 }),
      member({ name: 'fifo', type: '6', mode: 0o640 }),
      member({ name: 'new\nline' }, 'n'),
      member({ name: 'dev/console', type: '3', devmajor: 5, devminor: 1 }),
    ]);
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(r.right.devices.map((d) => [d.path, d.type, d.major, d.minor])).toEqual([
      ['/null', 'char', 1, 3],
      ['/sda', 'block', 8, 0],
    ]);
    expect(existsSync(join(target, 'null'))).toBe(false);
    expect(lstatSync(join(target, 'fifo')).isFIFO()).toBe(true);
    expect(lstatSync(join(target, 'fifo')).mode & 0o7777).toBe(0o640);
    expect(readFileSync(join(target, 'new\nline'), 'utf8')).toBe('n');
    expect(r.right.excluded).toBe(1);
    expect(codes(r)).toEqual([
      'EXTRACT_DEVICE_RECORDED',
      'EXTRACT_DEVICE_RECORDED',
      'EXTRACT_UNUSUAL_NAME',
    ]);
  });

  it('skips existing files and links, never overwrites or follows them', async () => {
    target = join(outer, 't');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(target, 'etc'), { recursive: true });
    writeFileSync(join(target, 'etc/keep'), 'mine');
    writeFileSync(join(outer, 'victim'), 'victim');
    symlinkSync(join(outer, 'victim'), join(target, 'link'));
    const archive = join(outer, 'a.tar');
    writeArchive(archive, [
      member({ name: 'etc/keep' }, 'theirs'),
      member({ name: 'link' }, 'pwned'),
      END,
    ]);
    const r = await extractArchive({ archive, compression: 'none', target, idMap: [] });
    expect(E.isRight(r) && r.right.skipped).toBe(2);
    expect(readFileSync(join(target, 'etc/keep'), 'utf8')).toBe('mine');
    expect(readFileSync(join(outer, 'victim'), 'utf8')).toBe('victim');
    rmSync(join(outer, 'victim'));
  });

  it('maps owners; unmapped ids are member errors unless ignoreUnpackErrors', async () => {
    const parts = [
      member({ name: 'ok', uid: 33, gid: 33 }, 'x'),
      member({ name: 'bad', uid: 70000, gid: 5 }, 'y'),
    ];
    const r = await extract(parts, { idMap: DEFAULT_ID_MAP });
    expect(codes(r)).toEqual(['EXTRACT_UNMAPPED_ID', 'EXTRACT_FAILED']);
    expect(E.isLeft(r) && r.left[0]?.proxmoxText).toBe(
      'tar: ./bad: Cannot change ownership to uid 70000, gid 5: Invalid argument\n',
    );
    expect(lstatSync(join(target, 'ok')).uid).toBe(100033);
    // Created anyway, owned by the container's root (what tar in the user namespace leaves).
    expect(lstatSync(join(target, 'bad')).uid).toBe(100000);
    const r2 = await extract(parts, { idMap: DEFAULT_ID_MAP, ignoreUnpackErrors: true });
    expect(E.isRight(r2) && r2.right.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['EXTRACT_UNMAPPED_ID', 'warning'],
    ]);
  });

  it('fails on a corrupt header and a truncated archive', async () => {
    const bad = member({ name: 'x' }, 'x');
    bad[0] = 0x41;
    expect(codes(await extract([bad]))).toContain('EXTRACT_CORRUPT');
    target = join(outer, 't');
    const archive = join(outer, 'a.tar');
    writeArchive(archive, [member({ name: 'big', size: 4096 }, Buffer.alloc(100))]);
    const r = await extractArchive({ archive, compression: 'none', target, idMap: [] });
    expect(E.isLeft(r) && r.left.some((d) => d.message.includes('Unexpected EOF'))).toBe(true);
  });
});
