/**
 * Crash safety: a failure injected before each mutating system call in turn (N = 0 … all of them)
 * leaves every target wholly old or wholly new — content, mode, owner and kind together — and the
 * next apply completes the job, leaving no temporary file behind.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostKeyGenerator, applyPlanToRootfs } from '../../src/effects/index.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { isRoot, layout, stateOf, strays } from './support.js';

const keys: HostKeyGenerator = (keyType, comment) =>
  E.right({
    privateKey: new TextEncoder().encode(`PRIVATE ${keyType}\n`),
    publicKey: new TextEncoder().encode(`ssh-${keyType} PUBLIC ${comment}\n`),
  });

const owner = isRoot ? { owner: { uid: 100000, gid: 100000 } } : {};

const plan: PlanOperation[] = [
  {
    op: 'write',
    path: '/etc/hostname',
    content: 'new-name\n',
    mode: 0o644,
    reason: 'content',
    ...owner,
  },
  {
    op: 'write',
    path: '/etc/shadow',
    content: 'root:*:1::::::\n',
    mode: 0o640,
    reason: 'mode+content',
  },
  { op: 'write', path: '/etc/motd', content: 'same\n', mode: 0o600, reason: 'mode only' },
  {
    op: 'write',
    path: '/etc/hosts',
    content: '127.0.0.1 ct\n',
    mode: 0o644,
    reason: 'replaces a link',
  },
  {
    op: 'mkdir',
    path: '/etc/systemd/network',
    mode: 0o755,
    parents: true,
    reason: 'dirs',
    ...owner,
  },
  {
    op: 'write',
    path: '/etc/systemd/network/eth0.network',
    content: '[Match]\nName = eth0\n',
    mode: 0o644,
    reason: 'new file',
  },
  {
    op: 'symlink',
    path: '/etc/localtime',
    target: '/usr/share/zoneinfo/Europe/Vienna',
    replace: true,
    reason: 'link',
    ...owner,
  },
  { op: 'symlink', path: '/etc/mtab', target: '/proc/self/mounts', reason: 'new link' },
  { op: 'unlink', path: '/etc/machine-id', reason: 'remove' },
  {
    op: 'ssh-host-key',
    path: '/etc/ssh/ssh_host_rsa_key',
    keyType: 'rsa',
    comment: 'root@ct',
    reason: 'key',
    ...owner,
  },
];

const targets = [
  'etc/hostname',
  'etc/shadow',
  'etc/motd',
  'etc/hosts',
  'etc/systemd',
  'etc/systemd/network',
  'etc/systemd/network/eth0.network',
  'etc/localtime',
  'etc/mtab',
  'etc/machine-id',
  'etc/ssh/ssh_host_rsa_key',
  'etc/ssh/ssh_host_rsa_key.pub',
];

let base: string;
let template: string;
let oldState: Map<string, string>;
let newState: Map<string, string>;
let total: number;

const snapshotOf = (rootfs: string): Map<string, string> =>
  new Map(targets.map((t) => [t, stateOf(join(rootfs, t))]));

const freshCopy = (name: string): string => {
  const dir = join(base, name);
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
};

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'pctkit-crash-'));
  template = join(base, 'template');
  layout(template, {
    '/etc/hostname': 'old-name\n',
    '/etc/shadow': { file: 'root:!:0::::::\n', mode: 0o600 },
    '/etc/motd': { file: 'same\n', mode: 0o644 },
    '/etc/shadow-target': 'x\n',
    '/etc/hosts': { link: '/etc/shadow-target' },
    '/etc/localtime': { link: '/usr/share/zoneinfo/UTC' },
    '/etc/machine-id': 'abcd\n',
    '/etc/ssh/ssh_host_rsa_key': { file: 'OLD PRIVATE\n', mode: 0o600 },
    '/etc/ssh/ssh_host_rsa_key.pub': { file: 'ssh-rsa OLD\n', mode: 0o644 },
  });
  oldState = snapshotOf(template);
  const full = freshCopy('full');
  const r = applyPlanToRootfs(full, plan, { generateHostKey: keys });
  if (E.isLeft(r)) throw new Error(r.left[0].message);
  total = r.right.mutations;
  newState = snapshotOf(full);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('crash safety', () => {
  it('the plan needs a fair number of mutations, and each target really changes', () => {
    expect(total).toBeGreaterThan(30);
    for (const t of targets) expect([t, newState.get(t)]).not.toEqual([t, oldState.get(t)]);
  });

  it('a failure after N mutations, for every N: each target wholly old or wholly new; re-apply completes', () => {
    for (let n = 0; n < total; n++) {
      const rootfs = freshCopy(`n${n}`);
      const crashed = applyPlanToRootfs(rootfs, plan, { generateHostKey: keys, failAfter: n });
      expect(E.isLeft(crashed) && crashed.left[0].code).toBe('INJECTED_FAILURE');
      expect(E.isLeft(crashed) && crashed.left[0].report.mutations).toBe(n);
      for (const t of targets) {
        const now = stateOf(join(rootfs, t));
        expect([n, t, now === oldState.get(t) || now === newState.get(t)]).toEqual([n, t, true]);
      }
      const again = applyPlanToRootfs(rootfs, plan, { generateHostKey: keys });
      if (E.isLeft(again)) throw new Error(`N=${n}: ${again.left[0].message}`);
      expect([n, snapshotOf(rootfs)]).toEqual([n, newState]);
      expect([n, strays(rootfs)]).toEqual([n, []]);
      rmSync(rootfs, { recursive: true, force: true });
    }
  });

  it('a failure in a dry run cannot happen: a dry run makes no mutation', () => {
    const rootfs = freshCopy('dry');
    const r = applyPlanToRootfs(rootfs, plan, {
      generateHostKey: keys,
      dryRun: true,
      failAfter: 0,
    });
    expect(E.isRight(r) && r.right.mutations).toBe(0);
    expect(snapshotOf(rootfs)).toEqual(oldState);
  });
});
