import { existsSync, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApplyFailure,
  type ApplyPlanOptions,
  type ApplyProgress,
  type ApplyReport,
  type HostKeyGenerator,
  applyPlanToRootfs,
} from '../../src/effects/index.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import {
  type Scratch,
  fingerprint,
  layout,
  makeScratch,
  ownershipTestable,
  stateOf,
  strays,
} from './support.js';

let s: Scratch;
beforeEach(() => {
  s = makeScratch();
});
afterEach(() => s.cleanup());

const ok = (r: E.Either<readonly [ApplyFailure], ApplyReport>): ApplyReport => {
  if (E.isLeft(r)) throw new Error(r.left[0].message);
  return r.right;
};
const apply = (plan: readonly PlanOperation[], options: ApplyPlanOptions = {}): ApplyReport =>
  ok(applyPlanToRootfs(s.rootfs, plan, options));

/** A deterministic stand-in for ssh-keygen. */
export const fakeKeys: HostKeyGenerator = (keyType, comment) =>
  E.right({
    privateKey: new TextEncoder().encode(`-----BEGIN FAKE ${keyType} KEY-----\n`),
    publicKey: new TextEncoder().encode(`ssh-${keyType} AAAAfake ${comment}\n`),
  });

const plan: PlanOperation[] = [
  { op: 'write', path: '/etc/hostname', content: 'ct1\n', mode: 0o644, reason: 'hostname' },
  {
    op: 'write',
    path: '/etc/hosts',
    content: '127.0.0.1 localhost\n127.0.1.1 ct1\n',
    mode: 0o644,
    reason: 'hosts',
  },
  { op: 'mkdir', path: '/etc/systemd/network', mode: 0o755, parents: true, reason: 'networkd' },
  {
    op: 'write',
    path: '/etc/systemd/network/eth0.network',
    content: '[Match]\nName = eth0\n',
    mode: 0o644,
    reason: 'eth0',
  },
  { op: 'mkdir', path: '/root/.ssh', mode: 0o700, parents: false, reason: 'ssh dir' },
  {
    op: 'write',
    path: '/root/.ssh/authorized_keys',
    content: 'ssh-rsa AAA x\n',
    mode: 0o600,
    reason: 'keys',
  },
  {
    op: 'symlink',
    path: '/etc/localtime',
    target: '/usr/share/zoneinfo/Europe/Vienna',
    replace: true,
    reason: 'tz',
  },
  {
    op: 'symlink',
    path: '/etc/systemd/system/getty.target.wants/container-getty@1.service',
    target: '/lib/x',
    reason: 'getty (dir missing: skipped)',
  },
  { op: 'unlink', path: '/etc/machine-id', reason: 'machine id' },
  {
    op: 'ssh-host-key',
    path: '/etc/ssh/ssh_host_ed25519_key',
    keyType: 'ed25519',
    comment: 'root@ct1',
    reason: 'host key',
  },
];

const oldTree = {
  '/etc/hostname': 'old\n',
  '/etc/hosts': '127.0.0.1 localhost\n',
  '/etc/localtime': { link: '/usr/share/zoneinfo/UTC' },
  '/etc/machine-id': '0123\n',
  '/etc/ssh': { dir: true as const },
  '/root': { dir: true as const, mode: 0o700 },
};

describe('applyPlanToRootfs', () => {
  it('applies a plan: content, modes, directories, links, removals, host keys', () => {
    layout(s.rootfs, oldTree);
    const progress: ApplyProgress[] = [];
    const report = apply(plan, { generateHostKey: fakeKeys, onProgress: (p) => progress.push(p) });
    expect(report.outcomes.map((o) => [o.path, o.status, o.changes.join(',')])).toEqual([
      ['/etc/hostname', 'changed', 'content'],
      ['/etc/hosts', 'changed', 'content'],
      ['/etc/systemd/network', 'changed', 'created'],
      ['/etc/systemd/network/eth0.network', 'changed', 'created'],
      ['/root/.ssh', 'changed', 'created'],
      ['/root/.ssh/authorized_keys', 'changed', 'created'],
      ['/etc/localtime', 'changed', 'target'],
      ['/etc/systemd/system/getty.target.wants/container-getty@1.service', 'skipped', ''],
      ['/etc/machine-id', 'changed', 'removed'],
      ['/etc/ssh/ssh_host_ed25519_key', 'changed', 'created'],
    ]);
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(
      plan.map((_, i) => `${i + 1}/${plan.length}`),
    );
    const r = (p: string): string => readFileSync(join(s.rootfs, p), 'utf8');
    expect(r('etc/hostname')).toBe('ct1\n');
    expect(statSync(join(s.rootfs, 'etc/systemd/network')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(s.rootfs, 'root/.ssh')).mode & 0o7777).toBe(0o700);
    expect(statSync(join(s.rootfs, 'root/.ssh/authorized_keys')).mode & 0o7777).toBe(0o600);
    expect(readlinkSync(join(s.rootfs, 'etc/localtime'))).toBe('/usr/share/zoneinfo/Europe/Vienna');
    expect(existsSync(join(s.rootfs, 'etc/machine-id'))).toBe(false);
    expect(statSync(join(s.rootfs, 'etc/ssh/ssh_host_ed25519_key')).mode & 0o7777).toBe(0o600);
    expect(statSync(join(s.rootfs, 'etc/ssh/ssh_host_ed25519_key.pub')).mode & 0o7777).toBe(0o644);
    expect(r('etc/ssh/ssh_host_ed25519_key.pub')).toBe('ssh-ed25519 AAAAfake root@ct1\n');
    expect(strays(s.rootfs)).toEqual([]);
  });

  it('is idempotent: a second apply changes nothing and rewrites nothing', () => {
    layout(s.rootfs, oldTree);
    apply(plan, { generateHostKey: fakeKeys });
    const inode = statSync(join(s.rootfs, 'etc/hosts')).ino;
    const before = fingerprint(s.rootfs);
    const again = apply(plan, { generateHostKey: fakeKeys, hostKeys: 'keep-existing' });
    expect(again.changed).toEqual([]);
    expect(again.mutations).toBe(0);
    expect(again.diff).toBe('');
    expect(fingerprint(s.rootfs)).toBe(before);
    expect(statSync(join(s.rootfs, 'etc/hosts')).ino).toBe(inode);
  });

  it('files whose content, mode and owner already match are not rewritten; a mode-only change is reported', () => {
    layout(s.rootfs, { '/etc/hosts': { file: 'same\n', mode: 0o600 } });
    const inode = statSync(join(s.rootfs, 'etc/hosts')).ino;
    const report = apply([
      { op: 'write', path: '/etc/hosts', content: 'same\n', mode: 0o644, reason: 'r' },
    ]);
    expect(report.changed.map((o) => o.changes)).toEqual([['mode']]);
    expect(report.diff).toBe('');
    expect(statSync(join(s.rootfs, 'etc/hosts')).mode & 0o7777).toBe(0o644);
    const report2 = apply([
      { op: 'write', path: '/etc/hosts', content: 'same\n', mode: 0o644, reason: 'r' },
    ]);
    expect(report2.outcomes[0]?.status).toBe('unchanged');
    expect(statSync(join(s.rootfs, 'etc/hosts')).ino).not.toBe(inode); // replaced once, by the mode change
  });

  it('dry run: writes nothing and returns the unified diff of every file the plan would change', () => {
    layout(s.rootfs, oldTree);
    const before = fingerprint(s.rootfs);
    const report = apply(plan, {
      dryRun: true,
      generateHostKey: () => {
        throw new Error('no keys in a dry run');
      },
    });
    expect(fingerprint(s.rootfs)).toBe(before);
    expect(report.dryRun).toBe(true);
    expect(report.mutations).toBe(0);
    expect(report.diffs.map((d) => d.path)).toEqual([
      '/etc/hostname',
      '/etc/hosts',
      '/etc/systemd/network/eth0.network', // inside a directory the dry run only planned
      '/root/.ssh/authorized_keys',
      '/etc/machine-id',
    ]);
    expect(report.diff).toContain(
      '--- a/etc/hostname\n+++ b/etc/hostname\n@@ -1,1 +1,1 @@\n-old\n+ct1\n',
    );
    expect(report.diff).toContain('--- /dev/null\n+++ b/etc/systemd/network/eth0.network\n');
    expect(report.diff).toContain('--- a/etc/machine-id\n+++ /dev/null\n');
    // the dry run reports what the real apply then does
    const real = apply(plan, { generateHostKey: fakeKeys });
    expect(report.outcomes.map((o) => [o.path, o.status])).toEqual(
      real.outcomes.map((o) => [o.path, o.status]),
    );
    expect(
      apply(plan, { dryRun: true, hostKeys: 'keep-existing', generateHostKey: fakeKeys }).diff,
    ).toBe('');
  });

  it('.pve-ignore.<name> protects a file (write, symlink, unlink, host keys)', () => {
    layout(s.rootfs, {
      ...oldTree,
      '/etc/.pve-ignore.hosts': '',
      '/etc/.pve-ignore.localtime': '',
      '/etc/.pve-ignore.machine-id': '',
      '/etc/ssh/.pve-ignore.ssh_host_ed25519_key': '',
      '/etc/ssh/.pve-ignore.ssh_host_ed25519_key.pub': '',
    });
    const before = ['etc/hosts', 'etc/localtime', 'etc/machine-id'].map((p) =>
      stateOf(join(s.rootfs, p)),
    );
    const report = apply(plan, { generateHostKey: fakeKeys });
    const status = Object.fromEntries(
      report.outcomes.map((o) => [o.path, `${o.status} ${o.note ?? ''}`]),
    );
    expect(status['/etc/hosts']).toBe('skipped ignored: /etc/.pve-ignore.hosts exists');
    expect(status['/etc/localtime']).toMatch(/^skipped ignored/);
    expect(status['/etc/machine-id']).toMatch(/^skipped ignored/);
    expect(status['/etc/ssh/ssh_host_ed25519_key']).toMatch(/^skipped ignored/);
    expect(
      ['etc/hosts', 'etc/localtime', 'etc/machine-id'].map((p) => stateOf(join(s.rootfs, p))),
    ).toEqual(before);
    expect(existsSync(join(s.rootfs, 'etc/ssh/ssh_host_ed25519_key'))).toBe(false);
  });

  it('parent directories only as the plan says: a write into a missing directory fails', () => {
    const r = applyPlanToRootfs(s.rootfs, [
      { op: 'write', path: '/etc/network/interfaces', content: 'x', mode: 0o644, reason: 'r' },
    ]);
    expect(E.isLeft(r) && r.left[0]).toMatchObject({
      code: 'ENOENT',
      path: '/etc/network',
      operationIndex: 0,
    });
    expect(existsSync(join(s.rootfs, 'etc/network'))).toBe(false);
    const m = applyPlanToRootfs(s.rootfs, [
      { op: 'mkdir', path: '/a/b', mode: 0o755, parents: false, reason: 'r' },
    ]);
    expect(E.isLeft(m) && m.left[0].code).toBe('ENOENT');
  });

  it('errors are values: a directory in the way, an unusable rootfs, a missing ssh-keygen', () => {
    layout(s.rootfs, { '/etc/hosts': { dir: true }, '/etc/ssh': { dir: true } });
    const r = applyPlanToRootfs(s.rootfs, [
      { op: 'write', path: '/etc/hosts', content: 'x', mode: 0o644, reason: 'r' },
    ]);
    expect(E.isLeft(r) && r.left[0].message).toBe(
      'cannot write /etc/hosts: /etc/hosts is a directory',
    );
    const bad = applyPlanToRootfs(join(s.rootfs, 'missing'), []);
    expect(E.isLeft(bad) && bad.left[0].code).toBe('INVALID_ROOTFS');
    expect(E.isLeft(applyPlanToRootfs('/', [])) && 'refused').toBe('refused');
    const keys = applyPlanToRootfs(
      s.rootfs,
      [
        {
          op: 'ssh-host-key',
          path: '/etc/ssh/ssh_host_rsa_key',
          keyType: 'rsa',
          comment: 'root@x',
          reason: 'r',
        },
      ],
      { sshKeygen: join(s.base, 'no-such-ssh-keygen') },
    );
    expect(E.isLeft(keys) && keys.left[0].code).toBe('SSH_KEYGEN_MISSING');
    expect(E.isLeft(keys) && keys.left[0].message).toMatch(
      /^cannot generate ssh host key \/etc\/ssh\/ssh_host_rsa_key: '.*no-such-ssh-keygen' was not found on the host/,
    );
    expect(existsSync(join(s.rootfs, 'etc/ssh/ssh_host_rsa_key'))).toBe(false);
  });

  it('id-mapped ownership: owners in the plan (host ids) are set on files, directories and links', () => {
    if (!ownershipTestable()) return;
    layout(s.rootfs, {
      ...oldTree,
      '/etc/hosts': { file: '127.0.0.1 localhost\n', uid: 100000, gid: 100000 },
    });
    const owner = { uid: 100000, gid: 100000 };
    const owned = plan.map((op) => (op.op === 'unlink' ? op : { ...op, owner }));
    const report = apply(owned, { generateHostKey: fakeKeys });
    for (const p of [
      'etc/hostname',
      'etc/hosts',
      'etc/systemd/network',
      'etc/systemd/network/eth0.network',
      'root/.ssh',
      'etc/ssh/ssh_host_ed25519_key',
      'etc/ssh/ssh_host_ed25519_key.pub',
    ]) {
      const st = lstatSync(join(s.rootfs, p));
      expect([p, st.uid, st.gid]).toEqual([p, 100000, 100000]);
    }
    expect(lstatSync(join(s.rootfs, 'etc/localtime')).uid).toBe(100000);
    // an owner-only change is detected and reported
    const hostsOutcome = report.outcomes.find((o) => o.path === '/etc/hosts');
    expect(hostsOutcome?.changes).toEqual(['content']);
    const again = apply(
      owned.map((op) =>
        op.path === '/etc/hostname' ? { ...op, owner: { uid: 100001, gid: 100001 } } : op,
      ),
      {
        generateHostKey: fakeKeys,
        hostKeys: 'keep-existing',
      },
    );
    expect(again.changed.map((o) => [o.path, o.changes])).toEqual([['/etc/hostname', ['owner']]]);
    expect(statSync(join(s.rootfs, 'etc/hostname')).uid).toBe(100001);
  });
});
