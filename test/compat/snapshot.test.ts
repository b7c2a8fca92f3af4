/**
 * Every case of Proxmox's snapshot test (spec §4.6, shared/pve-tests/snapshot): the input config,
 * the operation with the mocked storage, the writer's output compared byte for byte with the
 * expected file (snaptime forced to 1234567890 before writing, as upstream does), and the exact
 * error text.
 */
import { readdirSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ConfigSection, PctConfig } from '../../src/config/model.js';
import { readConfig } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import { proxmoxTextOf } from '../../src/diagnostics/index.js';
import type { SnapshotHost } from '../../src/ops/snapshot-host.js';
import {
  snapshotCommit,
  snapshotCreate,
  snapshotDelete,
  snapshotPrepare,
  snapshotRollback,
} from '../../src/ops/snapshot.js';
import type { SnapshotOutcome } from '../../src/ops/snapshot.js';
import { readShared, sharedPath } from '../support/shared.js';

type Op = 'prepare' | 'commit' | 'create' | 'delete' | 'rollback';

interface Case {
  readonly op: Op;
  readonly vmid: number;
  readonly name: string;
  readonly error?: string;
  readonly force?: boolean;
  readonly saveVmstate?: boolean;
  readonly running?: boolean;
  readonly noFeature?: boolean;
  readonly activationFails?: boolean;
  readonly freezeFails?: boolean;
  readonly cannotStop?: boolean;
}

/** The calls of snapshot-test.pm, per spec §4.6. */
const CASES: readonly Case[] = [
  { op: 'prepare', vmid: 101, name: 'test' },
  { op: 'prepare', vmid: 102, name: 'test2' },
  { op: 'prepare', vmid: 200, name: 'test', error: 'CT is locked (snapshot)\n' },
  { op: 'prepare', vmid: 201, name: 'test', error: "snapshot name 'test' already used\n" },
  {
    op: 'prepare',
    vmid: 202,
    name: 'test',
    saveVmstate: true,
    running: true,
    error: 'implement me - snapshot_save_vmstate\n',
  },
  {
    op: 'prepare',
    vmid: 300,
    name: 'test',
    noFeature: true,
    error: 'snapshot feature is not available\n',
  },
  { op: 'commit', vmid: 101, name: 'test' },
  { op: 'commit', vmid: 102, name: 'test2' },
  { op: 'commit', vmid: 201, name: 'test', error: 'missing snapshot lock\n' },
  { op: 'commit', vmid: 202, name: 'test', error: "snapshot 'test' does not exist\n" },
  { op: 'commit', vmid: 203, name: 'test', error: 'wrong snapshot state\n' },
  { op: 'create', vmid: 101, name: 'test' },
  { op: 'create', vmid: 102, name: 'test2' },
  { op: 'create', vmid: 103, name: 'test' },
  { op: 'create', vmid: 201, name: 'test', error: 'volume snapshot disabled\n\n' },
  {
    op: 'create',
    vmid: 202,
    name: 'test',
    running: true,
    freezeFails: true,
    error: 'freeze disabled\n\n',
  },
  { op: 'create', vmid: 203, name: 'test', error: 'volume snapshot disabled\n\n' },
  {
    op: 'create',
    vmid: 204,
    name: 'test',
    activationFails: true,
    error: 'storage activation failed\n\n',
  },
  { op: 'delete', vmid: 101, name: 'test' },
  { op: 'delete', vmid: 102, name: 'test2' },
  { op: 'delete', vmid: 103, name: 'test' },
  { op: 'delete', vmid: 104, name: 'test2' },
  { op: 'delete', vmid: 105, name: 'test', force: true },
  { op: 'delete', vmid: 106, name: 'test', force: true },
  { op: 'delete', vmid: 201, name: 'test', error: 'volume snapshot delete disabled\n' },
  { op: 'delete', vmid: 202, name: 'test', error: 'CT is locked (backup)\n' },
  { op: 'delete', vmid: 203, name: 'test', error: 'volume snapshot delete disabled\n' },
  {
    op: 'delete',
    vmid: 204,
    name: 'test',
    activationFails: true,
    error: 'storage activation failed\n',
  },
  { op: 'rollback', vmid: 101, name: 'test' },
  { op: 'rollback', vmid: 102, name: 'test2' },
  { op: 'rollback', vmid: 103, name: 'test' },
  { op: 'rollback', vmid: 104, name: 'test2' },
  { op: 'rollback', vmid: 105, name: 'test' },
  { op: 'rollback', vmid: 201, name: 'test2', error: "snapshot 'test2' does not exist\n" },
  { op: 'rollback', vmid: 202, name: 'test', error: 'volume_rollback_is_possible failed\n' },
  {
    op: 'rollback',
    vmid: 203,
    name: 'test',
    error: 'unable to rollback to incomplete snapshot (snapstate = delete)\n',
  },
  { op: 'rollback', vmid: 204, name: 'test', error: 'CT is locked (backup)\n' },
  { op: 'rollback', vmid: 205, name: 'test', error: 'implement me - save vmstate\n' },
  {
    op: 'rollback',
    vmid: 206,
    name: 'test',
    running: true,
    cannotStop: true,
    error: 'unable to rollback vm 206: vm is running\n',
  },
  { op: 'rollback', vmid: 207, name: 'test', error: 'volume_rollback_is_possible failed\n' },
  { op: 'rollback', vmid: 208, name: 'test', error: 'volume snapshot rollback disabled\n' },
  {
    op: 'rollback',
    vmid: 209,
    name: 'test',
    activationFails: true,
    error: 'storage activation failed\n',
  },
];

/** A clock that is not upstream's fixed value, so the forcing below is what makes the files match. */
const NOW = 1700000000;

/** The mocked storage of snapshot-test.pm, per volume ID, plus the per-case failures. */
function mockedHost(c: Case, log: string[]): SnapshotHost {
  const disk = (volid: string): number | undefined => {
    const m = /^local:snapshotable-disk-(\d)$/.exec(volid);
    return m ? Number(m[1]) : undefined;
  };
  const ok = E.right(undefined);
  let running = c.running === true;
  return {
    now: () => NOW,
    storage: {
      activate: (vols) => (
        log.push(`activate ${vols.join(' ')}`),
        c.activationFails ? E.left('storage activation failed\n') : ok
      ),
      hasSnapshotFeature: () => c.noFeature !== true,
      snapshot: (v) => {
        log.push(`snapshot ${v}`);
        const n = disk(v);
        return n !== undefined && n <= 3 ? ok : E.left('volume snapshot disabled\n');
      },
      deleteSnapshot: (v) => (
        log.push(`delete ${v}`),
        disk(v) === 1 ? ok : E.left('volume snapshot delete disabled\n')
      ),
      rollbackPossible: (v) => {
        const n = disk(v);
        return n !== undefined && n <= 4 ? ok : E.left('volume_rollback_is_possible failed\n');
      },
      rollback: (v) => {
        log.push(`rollback ${v}`);
        const n = disk(v);
        return n !== undefined && n <= 3 ? ok : E.left('volume snapshot rollback disabled\n');
      },
    },
    guest: {
      isRunning: () => running,
      freeze: () => (log.push('freeze'), c.freezeFails ? E.left('freeze disabled\n') : ok),
      thaw: () => (log.push('thaw'), ok),
      stop: () => {
        if (c.cannotStop !== true) running = false;
        return ok;
      },
    },
  };
}

/** What upstream does before writing: every truthy snaptime becomes 1234567890. */
function forceSnaptime(config: PctConfig): PctConfig {
  const snapshots: Record<string, ConfigSection> = {};
  for (const [name, snap] of Object.entries(config.snapshots)) {
    const t = snap.values['snaptime'];
    snapshots[name] =
      t !== undefined && t !== 0 && t !== '0' && t !== ''
        ? { ...snap, values: { ...snap.values, snaptime: 1234567890 } }
        : snap;
  }
  return { ...config, snapshots };
}

function run(c: Case, config: PctConfig, log: string[]): SnapshotOutcome {
  const host = mockedHost(c, log);
  switch (c.op) {
    case 'prepare':
      return snapshotPrepare(
        config,
        c.name,
        { comment: 'test comment', saveVmstate: c.saveVmstate === true },
        host,
      );
    case 'commit':
      return snapshotCommit(config, c.name);
    case 'create':
      return snapshotCreate(config, c.name, { comment: 'test comment' }, host);
    case 'delete':
      return snapshotDelete(config, c.name, { force: c.force === true }, host);
    case 'rollback':
      return snapshotRollback(config, c.name, { vmid: c.vmid }, host);
  }
}

function write(config: PctConfig): string {
  const w = writeConfig(forceSnaptime(config));
  if (E.isLeft(w)) throw new Error(w.left[0].message);
  return w.right;
}

describe('snapshot cases of pve-container src/test (spec §4.6)', () => {
  it('covers every input file of shared/pve-tests/snapshot', () => {
    const files: string[] = [];
    for (const op of readdirSync(sharedPath('pve-tests', 'snapshot', 'snapshot-input'))) {
      if (op.endsWith('.cfg')) continue;
      for (const f of readdirSync(sharedPath('pve-tests', 'snapshot', 'snapshot-input', op, 'lxc')))
        files.push(`${op}/${f}`);
    }
    expect(CASES.map((c) => `${c.op}/${c.vmid}.conf`).sort()).toEqual(files.sort());
  });

  it.each(CASES.map((c) => [`${c.op}/${c.vmid}`, c] as const))('%s', (_label, c) => {
    const input = readShared(
      'pve-tests',
      'snapshot',
      'snapshot-input',
      c.op,
      'lxc',
      `${c.vmid}.conf`,
    );
    const expected = readShared(
      'pve-tests',
      'snapshot',
      'snapshot-expected',
      c.op,
      'lxc',
      `${c.vmid}.conf`,
    );
    const log: string[] = [];
    const outcome = run(c, readConfig(input).config, log);
    // What is on disk: the last write, or the untouched input file when nothing was written.
    const onDisk = outcome.writes.length > 0 ? write(outcome.config) : input;
    expect(onDisk).toBe(expected);
    if (c.error === undefined) {
      expect(E.isRight(outcome.result)).toBe(true);
    } else {
      if (E.isRight(outcome.result)) throw new Error('expected a failure');
      expect(outcome.result.left).toHaveLength(1);
      expect(outcome.result.left[0].proxmoxText).toBe(c.error);
      expect(outcome.result.left[0].severity).toBe('error');
    }
  });
});

describe('snapshot operations beyond the upstream cases', () => {
  const base =
    'hostname: test\nmemory: 512\nrootfs: local:snapshotable-disk-1\nmp0: local:snapshotable-disk-2,mp=/data\n';
  const okCase: Case = { op: 'create', vmid: 1, name: 'snap' };

  it('takes snaptime from the injected clock and writes prepare, then commit', () => {
    const log: string[] = [];
    const out = snapshotCreate(readConfig(base).config, 'snap', {}, mockedHost(okCase, log));
    expect(out.writes).toHaveLength(2);
    expect(out.writes[0]?.snapshots['snap']?.values['snaptime']).toBe(NOW);
    expect(out.writes[0]?.snapshots['snap']?.snapstate).toBe('prepare');
    expect(out.writes[0]?.main.values['lock']).toBe('snapshot');
    expect(out.config.main.values['parent']).toBe('snap');
    expect(log).toEqual([
      'activate local:snapshotable-disk-1 local:snapshotable-disk-2',
      'snapshot local:snapshotable-disk-1',
      'snapshot local:snapshotable-disk-2',
    ]);
  });

  it('records the intermediate states of a failed create: prepare, lock+snapstate delete, cleanup', () => {
    const text = 'rootfs: local:snapshotable-disk-1\nmp0: local:broken,mp=/x\n';
    const out = snapshotCreate(readConfig(text).config, 'snap', {}, mockedHost(okCase, []));
    expect(out.writes.map((w) => [w.main.values['lock'], w.snapshots['snap']?.snapstate])).toEqual([
      ['snapshot', 'prepare'],
      ['snapshot', 'delete'],
      [undefined, undefined],
    ]);
    expect(out.warnings.map((w) => w.proxmoxText)).toContain('snapshot create failed: starting cleanup\n');
    expect(write(out.config)).toBe(write(readConfig(text).config));
  });

  it('a vzdump snapshot skips mount points without backup=1', () => {
    const log: string[] = [];
    snapshotCreate(readConfig(base).config, 'vzdump', {}, mockedHost(okCase, log));
    expect(log).toContain('snapshot local:snapshotable-disk-1');
    expect(log).not.toContain('snapshot local:snapshotable-disk-2');
  });

  it('rollback drops pending changes and lxc lines not in the snapshot, turns dropped volumes into unusedN', () => {
    const text =
      'rootfs: local:snapshotable-disk-1\nmp0: local:snapshotable-disk-3,mp=/old\nlxc.cap.drop: sys_admin\n\n[pve:pending]\nmemory: 1024\n\n[s1]\nrootfs: local:snapshotable-disk-1\nsnaptime: 5\n';
    const out = snapshotRollback(
      readConfig(text).config,
      's1',
      { vmid: 1 },
      mockedHost({ ...okCase, op: 'rollback' }, []),
    );
    expect(write(out.config)).toBe(
      'parent: s1\nrootfs: local:snapshotable-disk-1\nunused0: local:snapshotable-disk-3\n\n[s1]\nrootfs: local:snapshotable-disk-1\nsnaptime: 1234567890\n',
    );
  });

  it('prepare warns and drops a parent link that would make a cycle', () => {
    const text = 'rootfs: local:snapshotable-disk-1\n\n[old]\nparent: snap\nsnaptime: 1\n';
    const out = snapshotPrepare(readConfig(text).config, 'snap', {}, mockedHost(okCase, []));
    expect(proxmoxTextOf(out.warnings)).toBe(
      "deleting parent 'snap' reference from 'old' to avoid bogus snapshot cycle.\n",
    );
    expect(out.config.snapshots['old']?.values['parent']).toBeUndefined();
  });

  it('refuses templates', () => {
    const cfg = readConfig('template: 1\nrootfs: local:snapshotable-disk-1\n').config;
    const r = snapshotPrepare(cfg, 'snap', {}, mockedHost(okCase, [])).result;
    expect(E.isLeft(r) && r.left[0]).toMatchObject({
      code: 'SNAPSHOT_OF_TEMPLATE',
      proxmoxText: "you can't take a snapshot if it's a template\n",
    });
  });
});
