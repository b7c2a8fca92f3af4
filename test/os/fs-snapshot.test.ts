import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  errnoMessage,
  exists,
  fsSnapshot,
  fsSnapshotFromEntries,
  isDirectory,
  isFile,
  isSymlink,
  listDirectory,
  lstatPath,
  normalizePath,
  readFile,
  readLink,
  readTextFile,
  resolvePath,
  withEntry,
  withoutEntry,
} from '../../src/os/fs-snapshot.js';

const text = (s: ReturnType<typeof readTextFile>): string =>
  E.isRight(s) ? s.right : `ERR ${s.left[0].code}`;
const realPath = (r: ReturnType<typeof resolvePath>): string =>
  E.isRight(r) ? r.right.path : `ERR ${r.left[0].code}`;

describe('fsSnapshot', () => {
  it('implies parent directories and keeps explicit entries', () => {
    const s = fsSnapshot({ '/etc/hostname': 'ct1\n', '/etc/ssh': { dir: true, mode: 0o700 } });
    expect(isDirectory(s, '/etc')).toBe(true);
    expect(lstatPath(s, '/etc')).toEqual({ kind: 'dir', mode: 0o755, uid: 0, gid: 0 });
    expect(lstatPath(s, '/etc/ssh')).toEqual({ kind: 'dir', mode: 0o700, uid: 0, gid: 0 });
    expect(text(readTextFile(s, '/etc/hostname'))).toBe('ct1\n');
  });

  it('normalises paths lexically, clamping .. at the root', () => {
    expect(normalizePath('//etc/./ssh/../hosts')).toBe('/etc/hosts');
    expect(normalizePath('/../../etc')).toBe('/etc');
    expect(normalizePath('')).toBe('/');
  });
});

describe('resolvePath (chroot semantics)', () => {
  const s = fsSnapshot({
    '/bin/dash': 'ELF',
    '/bin/sh': { symlink: 'dash' },
    '/bin/sh2': { symlink: 'sh' },
    '/bin/sh3': { symlink: '/bin/sh2' },
    '/usr/bin/busybox': 'BB',
    '/sbin': { symlink: 'usr/bin' },
    '/etc/hosts': { symlink: '../../../../host-file' },
    '/etc/escape': { symlink: '/../../usr/bin/busybox' },
    '/etc/abs': { symlink: '/usr/bin/busybox' },
    '/loop/a': { symlink: 'b' },
    '/loop/b': { symlink: 'a' },
    '/loop/self': { symlink: 'self' },
    '/dangling': { symlink: '/nonexistent/file' },
    '/dangling2': { symlink: 'missing' },
    '/etc/file': 'x',
  });

  it('follows chains of relative and absolute links', () => {
    expect(realPath(resolvePath(s, '/bin/sh3'))).toBe('/bin/dash');
    expect(text(readTextFile(s, '/bin/sh3'))).toBe('ELF');
    expect(isFile(s, '/bin/sh2')).toBe(true);
  });

  it('re-roots absolute targets at the rootfs', () => {
    expect(realPath(resolvePath(s, '/etc/abs'))).toBe('/usr/bin/busybox');
    expect(text(readTextFile(s, '/etc/abs'))).toBe('BB');
  });

  it('clamps .. at the root, in paths and in link targets', () => {
    expect(realPath(resolvePath(s, '/../../etc/../bin/dash'))).toBe('/bin/dash');
    expect(realPath(resolvePath(s, '/etc/escape'))).toBe('/usr/bin/busybox');
    // /etc/hosts -> ../../../../host-file stays inside: /host-file, which does not exist.
    const r = resolvePath(s, '/etc/hosts');
    expect(E.isRight(r) && r.right).toEqual({ path: '/host-file', entry: undefined });
    expect(isFile(s, '/etc/hosts')).toBe(false);
    expect(isSymlink(s, '/etc/hosts')).toBe(true);
  });

  it('resolves .. physically, after following a link', () => {
    // /sbin -> usr/bin, so /sbin/.. is /usr, not /.
    expect(realPath(resolvePath(s, '/sbin/../bin/busybox'))).toBe('/usr/bin/busybox');
  });

  it('follows symlinked directory components', () => {
    expect(realPath(resolvePath(s, '/sbin/busybox'))).toBe('/usr/bin/busybox');
    expect(isDirectory(s, '/sbin')).toBe(true);
    expect(listDirectory(s, '/sbin')).toEqual(['busybox']);
  });

  it('reports loops as ELOOP', () => {
    for (const p of ['/loop/a', '/loop/self', '/loop/a/x']) {
      const r = resolvePath(s, p);
      expect(E.isLeft(r) && r.left[0].code).toBe('ELOOP');
    }
    const read = readFile(s, '/loop/a');
    expect(E.isLeft(read) && read.left[0]).toEqual({
      code: 'ELOOP',
      severity: 'error',
      message: '/loop/a: Too many levels of symbolic links',
      path: '/loop/a',
    });
    expect(exists(s, '/loop/a')).toBe(false);
    // Without following the final component the link itself is found.
    expect(isSymlink(s, '/loop/a')).toBe(true);
  });

  it('treats dangling links as missing files', () => {
    for (const p of ['/dangling', '/dangling2']) {
      expect(isFile(s, p)).toBe(false);
      expect(exists(s, p)).toBe(false);
      expect(isSymlink(s, p)).toBe(true);
      const read = readFile(s, p);
      expect(E.isLeft(read) && read.left[0].code).toBe('ENOENT');
      // The message names the path that is missing (on the way to the link's target).
      const [e] = E.isLeft(read) ? read.left : [undefined];
      expect(e?.message).toBe(`${e?.path}: ${errnoMessage('ENOENT')}`);
    }
    const via = readFile(s, '/dangling');
    expect(E.isLeft(via) && via.left[0].path).toBe('/nonexistent');
    expect(readLink(s, '/dangling')).toBe('/nonexistent/file');
    expect(readLink(s, '/etc/file')).toBeUndefined();
  });

  it('does not follow the final link when asked not to', () => {
    const r = resolvePath(s, '/bin/sh', false);
    expect(E.isRight(r) && r.right.entry?.kind).toBe('symlink');
    expect(E.isRight(r) && r.right.path).toBe('/bin/sh');
  });

  it('fails with ENOTDIR through a file and ENOENT through a missing directory', () => {
    const through = resolvePath(s, '/etc/file/x');
    expect(E.isLeft(through) && through.left[0].code).toBe('ENOTDIR');
    const missing = resolvePath(s, '/nope/x');
    expect(E.isLeft(missing) && missing.left[0].code).toBe('ENOENT');
    const dir = readFile(s, '/etc');
    expect(E.isLeft(dir) && dir.left[0].code).toBe('EISDIR');
  });
});

describe('updates', () => {
  it('withEntry and withoutEntry return new snapshots', () => {
    const s = fsSnapshot({ '/etc/hosts': 'a' });
    const t = withEntry(s, '/etc/new/file', {
      kind: 'file',
      content: new Uint8Array([0x62]),
      mode: 0o600,
      uid: 0,
      gid: 0,
    });
    expect(isFile(s, '/etc/new/file')).toBe(false);
    expect(isFile(t, '/etc/new/file')).toBe(true);
    expect(isDirectory(t, '/etc/new')).toBe(true);
    const u = withoutEntry(t, '/etc/new');
    expect(exists(u, '/etc/new/file')).toBe(false);
    expect(exists(u, '/etc/hosts')).toBe(true);
  });

  it('fsSnapshotFromEntries keeps symlinks as given', () => {
    const s = fsSnapshotFromEntries([
      ['/usr/bin/sh', { kind: 'file', content: new Uint8Array([1]), mode: 0o755, uid: 0, gid: 0 }],
      ['/bin', { kind: 'symlink', target: 'usr/bin', uid: 0, gid: 0 }],
    ]);
    expect(isFile(s, '/bin/sh')).toBe(true);
    expect(isSymlink(s, '/bin')).toBe(true);
  });
});
