/**
 * Each code of the extractor (ExtractCode), of readArchiveMember (ReadMemberCode) and the adapter's
 * NO_PROC_FD, produced by a small archive (or environment) built here, and asserted by name.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateCompression } from '../../src/create/template-name.js';
import { extractArchive, readArchiveMember } from '../../src/effects/extract/index.js';
import { END, member, paxHeader, writeArchive } from './tar-writer.js';

// Members are owned by the user running the tests, so the extractor's chown works without root.
const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
const isRoot = uid === 0;
const inCi = process.env['CI'] !== undefined;

let outer: string;
beforeAll(() => {
  outer = mkdtempSync(join(tmpdir(), 'pctkit-codes-extract-'));
});
afterAll(() => rmSync(outer, { recursive: true, force: true }));

function freshTarget(): string {
  const target = join(outer, 't');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  return target;
}

/** Writes `bytes` (or a tar made of `parts`) as the archive and extracts it into a fresh target. */
async function extract(
  parts: Buffer[] | Buffer,
  compression: TemplateCompression = 'none',
  extra: object = {},
) {
  const target = freshTarget();
  const archive = join(outer, 'a.tar');
  if (Buffer.isBuffer(parts)) writeFileSync(archive, parts);
  else writeArchive(archive, [...parts, END]);
  return extractArchive({ archive, compression, target, idMap: [], ...extra });
}

type Extracted = Awaited<ReturnType<typeof extractArchive>>;
const codes = (r: Extracted): string[] =>
  (E.isLeft(r) ? r.left : r.right.diagnostics).map((d) => d.code);
const severityOf = (r: Extracted, code: string): string | undefined =>
  (E.isLeft(r) ? r.left : r.right.diagnostics).find((d) => d.code === code)?.severity;

const own = { uid, gid };

describe('ExtractCode', () => {
  it('EXTRACT_CANNOT_OPEN: the archive does not exist, or the target is not a directory', async () => {
    const target = freshTarget();
    const missing = await extractArchive({
      archive: join(outer, 'no-such.tar'),
      compression: 'none',
      target,
      idMap: [],
    });
    expect(codes(missing)).toEqual(['EXTRACT_CANNOT_OPEN']);
    const archive = join(outer, 'ok.tar');
    writeArchive(archive, [member({ name: 'f', ...own }, 'x'), END]);
    const file = join(outer, 'plain-file');
    writeFileSync(file, '');
    const notDir = await extractArchive({ archive, compression: 'none', target: file, idMap: [] });
    expect(codes(notDir)).toEqual(['EXTRACT_CANNOT_OPEN']);
  });

  it('EXTRACT_COMPRESSION_MISMATCH: a plain tar named as gzip (warning; gunzip then fails)', async () => {
    const tar = Buffer.concat([member({ name: 'f', ...own }, 'x'), END]);
    const r = await extract(tar, 'gzip');
    expect(codes(r)).toContain('EXTRACT_COMPRESSION_MISMATCH');
    expect(severityOf(r, 'EXTRACT_COMPRESSION_MISMATCH')).toBe('warning');
  });

  it('EXTRACT_DECOMPRESS_FAILED: gzip magic followed by garbage', async () => {
    const bytes = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(600, 0x41)]);
    const r = await extract(bytes, 'gzip');
    expect(codes(r)).not.toContain('EXTRACT_COMPRESSION_MISMATCH');
    expect(codes(r)).toContain('EXTRACT_DECOMPRESS_FAILED');
    expect(codes(r).at(-1)).toBe('EXTRACT_FAILED');
  });

  it('EXTRACT_BAD_NAME: a PAX path that is not UTF-8, and one with a NUL', async () => {
    const r = await extract([
      paxHeader({ path: new Uint8Array([0x61, 0xff, 0xfe, 0x62]) }),
      member({ name: 'placeholder1', ...own }, 'x'),
      paxHeader({ path: 'a\0b' }),
      member({ name: 'placeholder2', ...own }, 'y'),
      member({ name: 'good', ...own }, 'z'),
    ]);
    expect(codes(r)).toEqual(['EXTRACT_BAD_NAME', 'EXTRACT_BAD_NAME', 'EXTRACT_FAILED']);
    expect(severityOf(r, 'EXTRACT_BAD_NAME')).toBe('error');
  });

  it('EXTRACT_NOT_A_DIRECTORY: a member below a path that is a regular file', async () => {
    const r = await extract([
      member({ name: 'f', ...own }, 'x'),
      member({ name: 'f/below', ...own }, 'y'),
    ]);
    expect(codes(r)).toEqual(['EXTRACT_NOT_A_DIRECTORY', 'EXTRACT_FAILED']);
  });

  it('EXTRACT_XATTR_DROPPED: a trusted.* xattr is dropped (notice)', async () => {
    const r = await extract([
      paxHeader({ 'SCHILY.xattr.trusted.pctkit': 'v' }),
      member({ name: 'f', ...own }, 'x'),
    ]);
    expect(E.isRight(r)).toBe(true);
    expect(codes(r)).toEqual(['EXTRACT_XATTR_DROPPED']);
    expect(severityOf(r, 'EXTRACT_XATTR_DROPPED')).toBe('notice');
  });

  it('EXTRACT_XATTR_FAILED: a user.* xattr whose name is too long to set (warning)', async () => {
    // setfattr fails with ERANGE (or setfattr is missing: the same code, once).
    const r = await extract([
      paxHeader({ [`SCHILY.xattr.user.${'n'.repeat(300)}`]: 'v' }),
      member({ name: 'f', ...own }, 'x'),
    ]);
    expect(E.isRight(r)).toBe(true);
    expect(codes(r)).toEqual(['EXTRACT_XATTR_FAILED']);
    expect(severityOf(r, 'EXTRACT_XATTR_FAILED')).toBe('warning');
  });

  it('EXTRACT_ACL_FAILED: an access ACL setfacl cannot parse (warning)', async () => {
    const r = await extract([
      paxHeader({ 'SCHILY.acl.access': 'bogus:entry:here' }),
      member({ name: 'f', ...own }, 'x'),
    ]);
    expect(E.isRight(r)).toBe(true);
    expect(codes(r)).toEqual(['EXTRACT_ACL_FAILED']);
    expect(severityOf(r, 'EXTRACT_ACL_FAILED')).toBe('warning');
  });

  it('EXTRACT_UNSUPPORTED_TYPE: an unknown typeflag (notice) and a volume label (warning)', async () => {
    const unknown = await extract([member({ name: 'z', type: 'Z', ...own }, 'data')]);
    expect(E.isRight(unknown)).toBe(true);
    expect(codes(unknown)).toEqual(['EXTRACT_UNSUPPORTED_TYPE']);
    expect(severityOf(unknown, 'EXTRACT_UNSUPPORTED_TYPE')).toBe('notice');
    const label = await extract([member({ name: 'volume label', type: 'V', ...own })]);
    expect(E.isRight(label)).toBe(true);
    expect(codes(label)).toEqual(['EXTRACT_UNSUPPORTED_TYPE']);
    expect(severityOf(label, 'EXTRACT_UNSUPPORTED_TYPE')).toBe('warning');
  });

  it('EXTRACT_IO: a name component longer than the filesystem allows (ENAMETOOLONG)', async () => {
    const r = await extract([
      paxHeader({ path: 'n'.repeat(300) }),
      member({ name: 'placeholder', ...own }, 'x'),
      member({ name: 'good', ...own }, 'y'),
    ]);
    expect(codes(r)).toEqual(['EXTRACT_IO', 'EXTRACT_FAILED']);
    expect(E.isLeft(r) && r.left[0]?.message).toContain('ENAMETOOLONG');
  });
});

describe('ReadMemberCode', () => {
  const match = (n: string): boolean => n === './etc/vzdump/pct.conf';

  it('READ_MEMBER_FAILED: a missing archive, and a corrupt header', async () => {
    const missing = await readArchiveMember(join(outer, 'no-such.tar'), 'none', match);
    expect(E.isLeft(missing) && missing.left.map((d) => d.code)).toEqual(['READ_MEMBER_FAILED']);
    const bad = member({ name: 'x' }, 'x');
    bad[0] = 0x41; // breaks the checksum
    const archive = join(outer, 'corrupt.tar');
    writeArchive(archive, [bad, END]);
    const corrupt = await readArchiveMember(archive, 'none', match);
    expect(E.isLeft(corrupt) && corrupt.left.map((d) => d.code)).toEqual(['READ_MEMBER_FAILED']);
  });

  it('READ_MEMBER_TOO_LARGE: the member is larger than the limit', async () => {
    const archive = join(outer, 'backup.tar');
    writeArchive(archive, [member({ name: './etc/vzdump/pct.conf' }, 'a'.repeat(100)), END]);
    const r = await readArchiveMember(archive, 'none', match, 10);
    expect(E.isLeft(r) && r.left.map((d) => d.code)).toEqual(['READ_MEMBER_TOO_LARGE']);
    const fits = await readArchiveMember(archive, 'none', match, 100);
    expect(E.isRight(fits) && fits.right?.data.length).toBe(100);
  });
});

// NO_PROC_FD needs a host without /proc: a child process in its own mount namespace with a tmpfs
// over /proc (unshare and mount need root).
let hasUnshare = false;
try {
  execFileSync('sh', ['-c', 'command -v unshare'], { stdio: 'ignore' });
  hasUnshare = true;
} catch {
  /* not installed */
}
if (!inCi && !(isRoot && hasUnshare))
  console.log(
    'codes-extract: NO_PROC_FD skipped outside CI: hiding /proc needs root and unshare(1)',
  );
const runNoProc = inCi || (isRoot && hasUnshare) ? describe : describe.skip;

runNoProc('EffectsErrorCode without /proc', () => {
  it('NO_PROC_FD: readRootfs and extractArchive with /proc not mounted', async () => {
    const dir = mkdtempSync(join(outer, 'child-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { readRootfs } from ${JSON.stringify(resolve('src/effects/read-rootfs.ts'))};
import { extractArchive } from ${JSON.stringify(resolve('src/effects/extract/index.ts'))};
const [target, archive] = process.argv.slice(2);
const read = readRootfs(target);
const x = await extractArchive({ archive, compression: 'none', target, idMap: [] });
process.stdout.write(JSON.stringify({
  read: read._tag === 'Left' ? read.left.map((d) => [d.code, d.message]) : [],
  extract: x._tag === 'Left' ? x.left.map((d) => [d.code, d.message]) : [],
}));
`,
    );
    const bundle = join(dir, 'entry.mjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
    const target = freshTarget();
    const archive = join(outer, 'proc.tar');
    writeArchive(archive, [member({ name: 'f', ...own }, 'x'), END]);
    const out = execFileSync(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount -t tmpfs none /proc && exec "$@"',
        'sh',
        process.execPath,
        bundle,
        target,
        archive,
      ],
      { encoding: 'utf8' },
    );
    const got = JSON.parse(out) as { read: [string, string][]; extract: [string, string][] };
    expect(got.read.map(([c]) => c)).toEqual(['NO_PROC_FD']);
    // The extractor reports it as its own open failure, with the adapter's message.
    expect(got.extract).toEqual([
      [
        'EXTRACT_CANNOT_OPEN',
        '/proc/self/fd is not available; the adapter needs Linux with /proc mounted',
      ],
    ]);
  });
});
