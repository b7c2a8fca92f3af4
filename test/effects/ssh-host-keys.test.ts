/** ssh host keys with the host's real ssh-keygen (CI installs openssh-client; elsewhere skipped). */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlanToRootfs, isMatchingPair, sshKeygenGenerator } from '../../src/effects/index.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { type Scratch, inCi, layout, makeScratch, ownershipTestable } from './support.js';

const haveKeygen = spawnSync('ssh-keygen', ['-?'], { stdio: 'ignore' }).error === undefined;
if (!haveKeygen && inCi) throw new Error('CI needs ssh-keygen (Debian package openssh-client)');
if (!haveKeygen) console.warn('effects: skipping ssh-keygen tests: ssh-keygen is not installed');

let s: Scratch;
beforeEach(() => {
  s = makeScratch();
});
afterEach(() => s.cleanup());

const types = ['rsa', 'ecdsa', 'ed25519'] as const;

describe.skipIf(!haveKeygen)('ssh host keys with ssh-keygen', () => {
  it('generates each key type with modes 0600/0644, the owner, and the comment; keys are valid', () => {
    layout(s.rootfs, {
      '/etc/ssh': { dir: true },
      '/etc/ssh/ssh_host_rsa_key': { file: 'TEMPLATE KEY', mode: 0o644 },
    });
    const owner = ownershipTestable() ? { owner: { uid: 100000, gid: 100000 } } : {};
    const plan: PlanOperation[] = types.map((keyType) => ({
      op: 'ssh-host-key',
      path: `/etc/ssh/ssh_host_${keyType}_key`,
      keyType,
      comment: 'root@ct1',
      reason: `ssh host ${keyType} key`,
      ...owner,
    }));
    const r = applyPlanToRootfs(s.rootfs, plan);
    if (E.isLeft(r)) throw new Error(r.left[0].message);
    for (const keyType of types) {
      const priv = join(s.rootfs, `etc/ssh/ssh_host_${keyType}_key`);
      expect(statSync(priv).mode & 0o7777).toBe(0o600);
      expect(statSync(`${priv}.pub`).mode & 0o7777).toBe(0o644);
      if ('owner' in owner)
        expect([statSync(priv).uid, statSync(`${priv}.pub`).gid]).toEqual([100000, 100000]);
      expect(readFileSync(`${priv}.pub`, 'utf8')).toMatch(
        new RegExp(`^(ssh-${keyType}|ecdsa-sha2-nistp256) \\S+ root@ct1\\n$`),
      );
      const fp = spawnSync('ssh-keygen', ['-lf', `${priv}.pub`], { encoding: 'utf8' });
      expect(fp.status).toBe(0);
      expect(fp.stdout).toMatch(/SHA256:/);
    }
    // the template's key was replaced (default policy)
    expect(readFileSync(join(s.rootfs, 'etc/ssh/ssh_host_rsa_key'), 'utf8')).not.toBe(
      'TEMPLATE KEY',
    );
    // the default policy regenerates; keep-existing keeps a valid pair
    const again = applyPlanToRootfs(s.rootfs, plan, { hostKeys: 'keep-existing' });
    expect(E.isRight(again) && again.right.changed).toEqual([]);
    const fresh = applyPlanToRootfs(s.rootfs, plan);
    expect(E.isRight(fresh) && fresh.right.changed.length).toBe(3);
  });

  it('keep-existing regenerates a mismatched pair', () => {
    layout(s.rootfs, { '/etc/ssh': { dir: true } });
    const gen = sshKeygenGenerator();
    const a = gen('ed25519', 'a', '/a');
    const b = gen('ed25519', 'b', '/b');
    if (E.isLeft(a) || E.isLeft(b)) throw new Error('ssh-keygen failed');
    expect(isMatchingPair(a.right, '/a')).toEqual(E.right(true));
    expect(
      isMatchingPair({ privateKey: a.right.privateKey, publicKey: b.right.publicKey }, '/a'),
    ).toEqual(E.right(false));
    layout(s.rootfs, {
      '/etc/ssh/ssh_host_ed25519_key': {
        file: Buffer.from(a.right.privateKey).toString(),
        mode: 0o600,
      },
      '/etc/ssh/ssh_host_ed25519_key.pub': {
        file: Buffer.from(b.right.publicKey).toString(),
        mode: 0o644,
      },
    });
    const op: PlanOperation = {
      op: 'ssh-host-key',
      path: '/etc/ssh/ssh_host_ed25519_key',
      keyType: 'ed25519',
      comment: 'c',
      reason: 'r',
    };
    const r = applyPlanToRootfs(s.rootfs, [op], { hostKeys: 'keep-existing' });
    expect(E.isRight(r) && r.right.changed.length).toBe(1);
  });
});
