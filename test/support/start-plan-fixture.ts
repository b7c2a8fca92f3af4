/**
 * The start-plan tests' fixture: the `v1-unpriv-debian-nesting` lxc-config vector's config and host
 * facts, an lvmthin storage, the Debian 12 fixture rootfs, and a `planStart` input made of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { readConfig } from '../../src/config/reader.js';
import { readRootfs } from '../../src/effects/index.js';
import { fsSnapshotFromEntries } from '../../src/os/fs-snapshot.js';
import type { FsEntry, FsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import type { StartPlanInput } from '../../src/start/start-plan.js';
import { parseStorageConfig } from '../../src/storage/index.js';
import { sharedDir } from './shared.js';

export const caseDir = join(sharedDir, 'pve-vectors/lxc-config/cases/v1-unpriv-debian-nesting');
export const configText = readFileSync(join(caseDir, 'config'), 'utf8');
const factsJson = JSON.parse(readFileSync(join(caseDir, 'facts.json'), 'utf8')) as { seed: number };
const facts = decodeHostFacts(factsJson);
export const storageText =
  'lvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n\tcontent rootdir,images\n';
const storage = parseStorageConfig(storageText);
const debian = readRootfs(join(import.meta.dirname, '../../fixtures/rootfs/debian-12'));

/** The Debian 12 fixture rootfs, with `extra` entries added. */
export function debianRootfs(extra: ReadonlyArray<readonly [string, FsEntry]> = []): FsSnapshot {
  if (E.isLeft(debian)) throw new Error('fixture rootfs unreadable');
  return extra.length === 0
    ? debian.right
    : fsSnapshotFromEntries([...debian.right.entries, ...extra]);
}

/** A `planStart` input for config `text` on `rootfs`, with the vector's facts and seed. */
export function startInput(text: string, rootfs: FsSnapshot = debianRootfs()): StartPlanInput {
  if (E.isLeft(facts)) throw new Error('fixture facts do not decode');
  return {
    config: readConfig(text).config,
    vmid: 100,
    facts: facts.right,
    storage,
    rootfs,
    random: drand48(factsJson.seed),
    now: 1_700_000_000,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    hostDns: { searchdomains: ['example.com'], nameservers: ['192.0.2.53'] },
  };
}
