import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fsSnapshot, isFile, readLink, readTextFile } from '../../src/os/fs-snapshot.js';
import type { FsSnapshot } from '../../src/os/fs-snapshot.js';
import { applyPlanToSnapshot } from '../../src/setup/apply-to-snapshot.js';
import { PlanBuilder } from '../../src/setup/plan-builder.js';

const text = (s: FsSnapshot, p: string): string | undefined => {
  const r = readTextFile(s, p);
  return E.isRight(r) ? r.right : undefined;
};

describe('PlanBuilder', () => {
  it('writes with mode 0644 by default, records a reason, and later reads see the write', () => {
    const b = new PlanBuilder(fsSnapshot({ '/etc': { dir: true } }));
    b.setContents('/etc/hostname', 'ct\n', 'hostname');
    expect(b.operations).toEqual([
      { op: 'write', path: '/etc/hostname', content: 'ct\n', mode: 0o644, reason: 'hostname' },
    ]);
    expect(b.getContents('/etc/hostname')).toBe('ct\n');
  });

  it('honours .pve-ignore.<name> for writes, section edits, unlinks and symlinks, not for reads', () => {
    const b = new PlanBuilder(fsSnapshot({ '/etc/.pve-ignore.hosts': '', '/etc/hosts': 'keep\n' }));
    b.setContents('/etc/hosts', 'x', 'w');
    b.modifyFile('/etc/hosts', 'x', 'm');
    b.unlink('/etc/hosts', 'u');
    expect(b.operations).toEqual([]);
    expect(b.getContents('/etc/hosts')).toBe('keep\n');
  });

  it('replaces a symlink at the target instead of following it', () => {
    const start = fsSnapshot({
      '/etc/hosts': { symlink: '../../bad-path.txt' },
      '/bad-path.txt': 'outside?\n',
    });
    const b = new PlanBuilder(start);
    expect(b.fileExists('/etc/hosts')).toBe(true);
    b.setContents('/etc/hosts', 'new\n', 'w');
    expect(isFile(b.snapshot, '/etc/hosts')).toBe(true);
    expect(readLink(b.snapshot, '/etc/hosts')).toBeUndefined();
    expect(text(b.snapshot, '/bad-path.txt')).toBe('outside?\n');
  });

  it('resolves links with chroot semantics (.. clamped at the root)', () => {
    const b = new PlanBuilder(fsSnapshot({ '/etc/hosts': { symlink: '../../../x' } }));
    expect(b.fileExists('/etc/hosts')).toBe(false);
    expect(b.realPath('/etc/hosts')).toBeUndefined();
  });

  it('owns created files by the mapped root of id-mapped containers', () => {
    const b = new PlanBuilder(fsSnapshot({ '/etc': { dir: true } }), { uid: 100000, gid: 100000 });
    b.setContents('/etc/a', 'x', 'w');
    b.makePath('/etc/x/y', 'd');
    b.symlink('/t', '/etc/l', 'l');
    for (const op of b.operations)
      expect('owner' in op && op.owner).toEqual({ uid: 100000, gid: 100000 });
    const entry = b.snapshot.entries.get('/etc/a');
    expect(entry?.uid).toBe(100000);
  });

  it('keeps mode and owner when rewriting in place', () => {
    const b = new PlanBuilder(
      fsSnapshot({ '/etc/shadow': { file: 'root:x:1:\n', mode: 0o640, uid: 0, gid: 42 } }),
    );
    b.rewritePreserving('/etc/shadow', 'root:y:1:\n', 'pw');
    expect(b.operations[0]).toMatchObject({ op: 'write', mode: 0o640, owner: { uid: 0, gid: 42 } });
  });

  it('section edits use the perms only for fresh writes', () => {
    const b = new PlanBuilder(fsSnapshot({ '/root/.ssh': { dir: true } }));
    b.modifyFile('/root/.ssh/authorized_keys', 'k', 'keys', { perms: 0o700 });
    b.modifyFile('/root/.ssh/authorized_keys', 'k', 'keys', { perms: 0o700 });
    expect(b.operations.map((o) => (o.op === 'write' ? o.mode : -1))).toEqual([0o700, 0o644]);
  });

  it('skips symlinks and mkdirs that would fail or do nothing; unlinks only existing entries', () => {
    const b = new PlanBuilder(fsSnapshot({ '/etc/x': 'file', '/etc/d': { dir: true } }));
    b.symlink('/t', '/etc/x', 'exists');
    b.symlink('/t', '/missing/dir/l', 'no parent');
    b.mkdir('/etc/d', 'exists');
    b.mkdir('/a/b', 'no parent');
    b.unlink('/etc/nothing', 'absent');
    b.unlink('/etc/d', 'directory');
    expect(b.operations).toEqual([]);
  });

  it('records a failure (Proxmox die) and stops mutating afterwards', () => {
    const b = new PlanBuilder(fsSnapshot({}));
    expect(b.getContents('/etc/inittab')).toBeUndefined();
    expect(b.failed).toMatchObject({
      code: 'SETUP_READ_FAILED',
      message: "can't open '/etc/inittab' - No such file or directory",
    });
    b.setContents('/x', 'y', 'after failure');
    expect(b.operations).toEqual([]);
  });

  it('a write into a missing directory fails like the temp-file open', () => {
    const b = new PlanBuilder(fsSnapshot({}));
    b.setContents('/etc/network/interfaces', 'x', 'w');
    expect(b.failed?.code).toBe('SETUP_WRITE_FAILED');
  });

  it('applyPlanToSnapshot reproduces the builder snapshot from the recorded operations', () => {
    const start = fsSnapshot({ '/etc/hosts': 'a\n', '/etc/cron.d': { dir: true } });
    const b = new PlanBuilder(start);
    b.modifyFile('/etc/hosts', 'x', 'm');
    b.makePath('/etc/systemd/network', 'd');
    b.setContents('/etc/systemd/network/eth0.network', 'n', 'w');
    b.symlink('/dev/null', '/etc/systemd/system-null', 'mask');
    b.replaceWithSymlink('/usr/share/zoneinfo/UTC', '/etc/hosts', 'tz-like swap');
    const applied = applyPlanToSnapshot(start, b.operations);
    expect(E.isRight(applied) && [...applied.right.entries.keys()].sort()).toEqual(
      [...b.snapshot.entries.keys()].sort(),
    );
    expect(E.isRight(applied) && readLink(applied.right, '/etc/hosts')).toBe(
      '/usr/share/zoneinfo/UTC',
    );
  });

  it('applyPlanToSnapshot needs a key generator for ssh host key requests', () => {
    const op = {
      op: 'ssh-host-key',
      path: '/etc/ssh/ssh_host_rsa_key',
      keyType: 'rsa',
      comment: 'root@ct',
      reason: 'k',
    } as const;
    const start = fsSnapshot({ '/etc/ssh': { dir: true } });
    expect(E.isLeft(applyPlanToSnapshot(start, [op]))).toBe(true);
    const r = applyPlanToSnapshot(start, [op], {
      generateHostKey: () => ({ privateKey: 'PRIV', publicKey: 'PUB' }),
    });
    expect(E.isRight(r) && text(r.right, '/etc/ssh/ssh_host_rsa_key.pub')).toBe('PUB');
    expect(E.isRight(r) && r.right.entries.get('/etc/ssh/ssh_host_rsa_key')).toMatchObject({
      mode: 0o600,
    });
  });
});
