import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRootfs } from '../../src/effects/index.js';
import { detectOs } from '../../src/os/detect.js';
import {
  type FsSnapshot,
  isDirectory,
  isFile,
  listDirectory,
  readLink,
  readTextFile,
  resolvePath,
} from '../../src/os/fs-snapshot.js';
import {
  type Scratch,
  fingerprint,
  isRoot,
  layout,
  makeScratch,
  ownershipTestable,
} from './support.js';

let s: Scratch;
beforeEach(() => {
  s = makeScratch();
});
afterEach(() => s.cleanup());

const read = (options = {}): FsSnapshot => {
  const r = readRootfs(s.rootfs, options);
  if (E.isLeft(r)) throw new Error(r.left[0].message);
  return r.right;
};

// A small merged-/usr Debian-like tree.
const debianish = {
  '/usr/bin/dash': '\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0 rest of dash',
  '/usr/bin/sh': { link: 'dash' },
  '/bin': { link: 'usr/bin' },
  '/usr/lib/os-release':
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
  '/etc/os-release': { link: '../usr/lib/os-release' },
  '/etc/debian_version': '12.5\n',
  '/etc/hostname': 'old\n',
  '/etc/hosts': '127.0.0.1 localhost\n',
  '/etc/shadow': { file: 'root:*:19000:0:99999:7:::\n', mode: 0o640, uid: 0, gid: 42 },
  '/etc/passwd': 'root:x:0:0:root:/home/admin:/bin/bash\n',
  '/home/admin/.ssh/authorized_keys': 'ssh-ed25519 AAAA old\n',
  '/etc/cron.d/a': 'x\n',
  '/etc/cron.d/b': 'y\n',
  '/etc/ssh': { dir: true as const, mode: 0o755 },
  '/etc/ssh/ssh_host_ed25519_key': { file: 'PRIVATE', mode: 0o600 },
  '/etc/sysconfig/network-scripts/ifcfg-eth0': 'DEVICE=eth0\n',
  '/etc/systemd/system/multi-user.target.wants/ssh.service': {
    link: '/lib/systemd/system/ssh.service',
  },
  '/usr/lib/systemd/system/ssh.service': '[Unit]\n',
  '/lib': { link: 'usr/lib' },
  '/sbin/init': { link: '/lib/systemd/systemd' },
  '/usr/lib/systemd/systemd': { file: '\x7fELF systemd', mode: 0o755 },
  '/etc/big-unrelated-file': 'not read\n',
};

describe('readRootfs', () => {
  it('round trip: files, modes, owners, symlinks as symlinks, link chains retraced', () => {
    layout(s.rootfs, debianish);
    const snap = read();
    expect(readLink(snap, '/bin')).toBe('usr/bin');
    expect(readLink(snap, '/usr/bin/sh')).toBe('dash');
    expect(isFile(snap, '/bin/sh')).toBe(true);
    expect(
      E.isRight(resolvePath(snap, '/bin/sh')) &&
        (resolvePath(snap, '/bin/sh') as E.Right<{ path: string }>).right.path,
    ).toBe('/usr/bin/dash');
    expect(readLink(snap, '/etc/os-release')).toBe('../usr/lib/os-release');
    expect(readTextFile(snap, '/etc/os-release')).toEqual(
      E.right(debianish['/usr/lib/os-release']),
    );
    expect(readLink(snap, '/sbin/init')).toBe('/lib/systemd/systemd');
    expect(isFile(snap, '/sbin/init')).toBe(true);
    const shadow = snap.entries.get('/etc/shadow');
    expect(shadow).toMatchObject({
      kind: 'file',
      mode: 0o640,
      ...(isRoot ? { uid: 0, gid: 42 } : {}),
    });
    expect(snap.entries.get('/etc/ssh')).toMatchObject({ kind: 'dir', mode: 0o755 });
    expect(snap.entries.get('/etc/ssh/ssh_host_ed25519_key')).toMatchObject({
      kind: 'file',
      mode: 0o600,
    });
    expect(listDirectory(snap, '/etc/cron.d')).toEqual(['a', 'b']);
    expect(isFile(snap, '/etc/sysconfig/network-scripts/ifcfg-eth0')).toBe(true);
    expect(readLink(snap, '/etc/systemd/system/multi-user.target.wants/ssh.service')).toBe(
      '/lib/systemd/system/ssh.service',
    );
    // root's home comes from /etc/passwd
    expect(readTextFile(snap, '/home/admin/.ssh/authorized_keys')).toEqual(
      E.right('ssh-ed25519 AAAA old\n'),
    );
    // only the needed paths
    expect(snap.entries.has('/etc/big-unrelated-file')).toBe(false);
    // detection works on it
    const d = detectOs(snap, {});
    expect(E.isRight(d) && d.right.type).toBe('debian');
    expect(E.isRight(d) && d.right.config.arch).toBe('amd64');
  });

  it('records owners as host ids (id-mapped rootfs)', () => {
    if (!ownershipTestable()) return;
    layout(s.rootfs, { '/etc/hostname': { file: 'ct\n', mode: 0o644, uid: 100000, gid: 100005 } });
    const snap = read({ paths: ['/etc/hostname'] });
    expect(snap.entries.get('/etc/hostname')).toMatchObject({ uid: 100000, gid: 100005 });
  });

  it('paths are a parameter; extra paths add to the default', () => {
    layout(s.rootfs, { '/usr/share/zoneinfo/Europe/Vienna': 'TZif', '/etc/hostname': 'x\n' });
    expect(
      read({ paths: ['/etc/hostname'] }).entries.has('/usr/share/zoneinfo/Europe/Vienna'),
    ).toBe(false);
    const snap = read({ extraPaths: ['/usr/share/zoneinfo/Europe/Vienna'] });
    expect(isFile(snap, '/usr/share/zoneinfo/Europe/Vienna')).toBe(true);
    expect(isFile(snap, '/etc/hostname')).toBe(true);
  });

  it('links never lead out of the rootfs: absolute, ../ chains, loops, dangling', () => {
    const before = fingerprint(s.outside);
    layout(s.rootfs, {
      '/etc/os-release': { link: s.sentinel }, // absolute host path: re-rooted, so absent
      '/etc/hostname': { link: '../../../../../../../../' + s.sentinel.slice(1) }, // clamped at /
      '/etc/sysconfig': { link: s.outside }, // a directory component pointing at the host
      '/etc/hosts': { link: '/etc/hosts2' },
      '/etc/hosts2': { link: '/etc/hosts' }, // loop
      '/etc/resolv.conf': { link: '/run/nothing/here' }, // dangling
    });
    const snap = read();
    expect(readLink(snap, '/etc/os-release')).toBe(s.sentinel);
    expect(isFile(snap, '/etc/os-release')).toBe(false);
    expect(isFile(snap, '/etc/hostname')).toBe(false);
    expect(isDirectory(snap, '/etc/sysconfig')).toBe(false);
    expect(
      E.isLeft(resolvePath(snap, '/etc/hosts')) &&
        (resolvePath(snap, '/etc/hosts') as E.Left<readonly [{ code: string }]>).left[0].code,
    ).toBe('ELOOP');
    expect(isFile(snap, '/etc/resolv.conf')).toBe(false);
    for (const entry of snap.entries.values()) {
      if (entry.kind === 'file')
        expect(new TextDecoder().decode(entry.content)).not.toContain('host');
    }
    expect(fingerprint(s.outside)).toBe(before);
  });

  it('the same links inside the rootfs are followed inside it', () => {
    // /etc/os-release -> <sentinel's host path>, and that path exists inside the rootfs too
    layout(s.rootfs, {
      ['/' + s.sentinel.slice(1)]: 'ID=alpine\n',
      '/etc/os-release': { link: s.sentinel },
    });
    const snap = read();
    expect(readTextFile(snap, '/etc/os-release')).toEqual(E.right('ID=alpine\n'));
  });

  it('errors are values naming the path and the reason', () => {
    const missing = readRootfs(s.rootfs + '/nope');
    expect(E.isLeft(missing) && missing.left[0].code).toBe('INVALID_ROOTFS');
    const hostRoot = readRootfs('/');
    expect(E.isLeft(hostRoot) && hostRoot.left[0].message).toMatch(/host's root directory/);
    layout(s.rootfs, { '/etc/hosts': 'x'.repeat(100) });
    const big = readRootfs(s.rootfs, { paths: ['/etc/hosts'], maxFileBytes: 10 });
    expect(E.isLeft(big) && big.left[0]).toMatchObject({ code: 'TOO_LARGE', path: '/etc/hosts' });
    expect(E.isLeft(big) && big.left[0].message).toMatch(/\/etc\/hosts is 100 bytes/);
  });
});
