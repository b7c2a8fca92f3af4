/** The adapter's failures as Diagnostics: each code with its path (the code strings asserted). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlanToRootfs, isMatchingPair, sshKeygenGenerator } from '../../src/effects/index.js';
import type { EffectsErrorCode } from '../../src/effects/index.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { type Scratch, makeScratch } from './support.js';

let s: Scratch;
beforeEach(() => {
  s = makeScratch();
});
afterEach(() => {
  s.cleanup();
});

const write = (path: string): PlanOperation => ({
  op: 'write',
  path,
  content: 'x\n',
  mode: 0o644,
  reason: 'test',
});

function codeOf(plan: PlanOperation[]): { code: EffectsErrorCode; severity: string; path: string } {
  const r = applyPlanToRootfs(s.rootfs, plan);
  if (E.isRight(r)) throw new Error('expected a failure');
  return r.left[0];
}

describe('effects error codes', () => {
  it('ENOTDIR: a file where a directory must be', () => {
    writeFileSync(join(s.rootfs, 'etc/file'), 'x\n');
    expect(codeOf([write('/etc/file/below/x')])).toMatchObject({
      code: 'ENOTDIR',
      severity: 'error',
    });
  });

  it('EISDIR: a directory where the file is to be written', () => {
    mkdirSync(join(s.rootfs, 'etc/dir'));
    expect(codeOf([write('/etc/dir')])).toMatchObject({
      code: 'EISDIR',
      severity: 'error',
      path: '/etc/dir',
    });
  });

  it('IO: any other system error (a name longer than the file system allows)', () => {
    expect(codeOf([write(`/etc/${'n'.repeat(300)}`)])).toMatchObject({
      code: 'IO',
      severity: 'error',
    });
  });

  it('SSH_KEYGEN_FAILED: ssh-keygen ran and failed', () => {
    const gen = sshKeygenGenerator({ sshKeygen: '/bin/false' });
    const r = gen('ed25519', 'root@ct', '/etc/ssh/ssh_host_ed25519_key');
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'SSH_KEYGEN_FAILED', severity: 'error' });
  });

  it('isMatchingPair fails as a Result: one SSH_KEYGEN_MISSING diagnostic naming the key', () => {
    const pair = { privateKey: new Uint8Array([1]), publicKey: new Uint8Array([2]) };
    const r = isMatchingPair(pair, '/etc/ssh/ssh_host_rsa_key', {
      sshKeygen: '/nonexistent/ssh-keygen',
    });
    expect(E.isLeft(r) && r.left).toEqual([
      expect.objectContaining({ code: 'SSH_KEYGEN_MISSING', path: '/etc/ssh/ssh_host_rsa_key' }),
    ]);
  });
});
