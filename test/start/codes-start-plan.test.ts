/** The codes of planStart's own diagnostics that start-plan.test.ts does not reach. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { readRootfs } from '../../src/effects/index.js';
import { fsSnapshotFromEntries } from '../../src/os/fs-snapshot.js';
import type { FsEntry, FsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import { planStart } from '../../src/start/start-plan.js';
import type { StartPlanInput } from '../../src/start/start-plan.js';
import { parseStorageConfig } from '../../src/storage/index.js';
import { sharedDir } from '../support/shared.js';

const caseDir = join(sharedDir, 'pve-vectors/lxc-config/cases/v1-unpriv-debian-nesting');
const configText = readFileSync(join(caseDir, 'config'), 'utf8');
const factsJson = JSON.parse(readFileSync(join(caseDir, 'facts.json'), 'utf8')) as { seed: number };
const facts = decodeHostFacts(factsJson);
const storage = parseStorageConfig(
  'lvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n\tcontent rootdir,images\n',
);
const debian = readRootfs(join(import.meta.dirname, '../../fixtures/rootfs/debian-12'));

function rootfs(extra: ReadonlyArray<readonly [string, FsEntry]> = []): FsSnapshot {
  if (E.isLeft(debian)) throw new Error('fixture rootfs unreadable');
  return fsSnapshotFromEntries([...debian.right.entries, ...extra]);
}

function input(text: string, snapshot: FsSnapshot = rootfs()): StartPlanInput {
  if (E.isLeft(facts)) throw new Error('fixture facts do not decode');
  return {
    config: readConfig(text).config,
    vmid: 100,
    facts: facts.right,
    storage,
    rootfs: snapshot,
    random: drand48(factsJson.seed),
    now: 1_700_000_000,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    hostDns: { searchdomains: ['example.com'], nameservers: ['192.0.2.53'] },
  };
}

const codes = (text: string, snapshot?: FsSnapshot): string[] => {
  const plan = planStart(input(text, snapshot));
  return E.isLeft(plan) ? plan.left.map((d) => d.code) : plan.right.diagnostics.map((d) => d.code);
};

describe('planStart codes', () => {
  it('a pending change that cannot be applied stays pending, with a warning', () => {
    expect(codes(configText + '\n[pve:pending]\nnet3: name=eth3,bridge=vmbr0\n')).toContain(
      'START_PENDING_NOT_APPLIED',
    );
  });

  it('a setup warning is passed on', () => {
    expect(codes(configText + 'timezone: Europe/Nowhere\n')).toContain('START_SETUP_WARNING');
  });

  it('a failing setup step fails the start', () => {
    const dir: FsEntry = { kind: 'dir', mode: 0o755, uid: 0, gid: 0 };
    expect(codes(configText, rootfs([['/etc/hostname', dir]]))).toContain('START_SETUP_FAILED');
  });
});
