/**
 * Snapshot rules beyond the upstream cases (spec §4): bind and device mounts, which are no storage
 * volumes (issue 12 item 5), and the code of every failure.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { PctConfig } from '../../src/config/model.js';
import { readConfig } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import { recordingHost } from '../../src/ops/snapshot-host.js';
import type { SnapshotHost } from '../../src/ops/snapshot-host.js';
import {
  snapshotCommit,
  snapshotCreate,
  snapshotDelete,
  snapshotPrepare,
  snapshotRollback,
} from '../../src/ops/snapshot.js';
import type { SnapshotCode, SnapshotOutcome } from '../../src/ops/snapshot.js';

const cfg = (text: string): PctConfig => readConfig(text).config;
const host = (running = false): SnapshotHost => recordingHost(() => 1700000000, running);
const text = (c: PctConfig): string => {
  const w = writeConfig(c);
  if (E.isLeft(w)) throw new Error(w.left[0].message);
  return w.right;
};
function failure(o: SnapshotOutcome): { code: SnapshotCode; proxmoxText?: string } {
  if (E.isRight(o.result)) throw new Error('expected a failure');
  return o.result.left[0];
}

describe('snapshots of bind and device mounts (pct snapshot refuses them)', () => {
  for (const mp of ['mp0: /srv/data,mp=/data', 'mp0: /dev/sdb1,mp=/mnt/disk']) {
    it(`create refuses '${mp}' with Proxmox's message and writes nothing`, () => {
      const out = snapshotCreate(cfg(`rootfs: local:vm-100-disk-0\n${mp}\n`), 'snap', {}, host());
      expect(failure(out)).toMatchObject({
        code: 'SNAPSHOT_FEATURE_UNAVAILABLE',
        proxmoxText: 'snapshot feature is not available\n',
      });
      expect(out.writes).toHaveLength(0);
    });
  }

  it('a rootfs that is a bind mount is refused too', () => {
    const out = snapshotPrepare(cfg('rootfs: /srv/ct100\n'), 'snap', {}, host());
    expect(failure(out).code).toBe('SNAPSHOT_FEATURE_UNAVAILABLE');
  });

  it('delete never adds unusedN for a bind mount (only storage volumes)', () => {
    const c = cfg(
      'rootfs: local:vm-100-disk-0\nmp0: /srv/data,mp=/data\n\n[snap]\nrootfs: local:vm-100-disk-0\nmp0: /srv/data,mp=/data\nsnaptime: 1\n',
    );
    const out = snapshotDelete(c, 'snap', {}, host());
    expect(E.isRight(out.result)).toBe(true);
    expect(text(out.config)).not.toMatch(/unused/);
    // Even when the main config no longer mounts it (the writer would keep an unused entry then).
    const gone = cfg(
      'rootfs: local:vm-100-disk-0\n\n[snap]\nrootfs: local:vm-100-disk-0\nmp0: /srv/data,mp=/data\nmp1: local:vm-100-disk-1,mp=/x\nsnaptime: 1\n',
    );
    const out2 = snapshotDelete(gone, 'snap', {}, host());
    // unused0 went to the rootfs volume, which the writer drops because main still mounts it.
    expect(text(out2.config)).toBe('rootfs: local:vm-100-disk-0\nunused1: local:vm-100-disk-1\n');
  });

  it('rollback never adds unusedN for a bind or device mount of the current config', () => {
    const c = cfg(
      'rootfs: local:vm-100-disk-0\nmp0: /srv/data,mp=/data\nmp1: /dev/sdb1,mp=/d\n\n[snap]\nrootfs: local:vm-100-disk-0\nsnaptime: 1\n',
    );
    const out = snapshotRollback(c, 'snap', { vmid: 100 }, host());
    expect(E.isRight(out.result)).toBe(true);
    expect(text(out.config)).not.toMatch(/unused/);
  });
});

describe('every snapshot failure has its code and Proxmox text', () => {
  const base = 'rootfs: local:vm-100-disk-0\n';
  const cases: [SnapshotCode, () => SnapshotOutcome, string][] = [
    [
      'SNAPSHOT_NOT_FOUND',
      () => snapshotDelete(cfg(base), 'nope', {}, host()),
      "snapshot 'nope' does not exist\n",
    ],
    [
      'SNAPSHOT_OF_TEMPLATE',
      () => snapshotPrepare(cfg(base + 'template: 1\n'), 'sn', {}, host()),
      "you can't take a snapshot if it's a template\n",
    ],
    [
      'SNAPSHOT_CT_LOCKED',
      () => snapshotPrepare(cfg(base + 'lock: backup\n'), 'sn', {}, host()),
      'CT is locked (backup)\n',
    ],
    [
      'SNAPSHOT_NAME_USED',
      () => snapshotPrepare(cfg(base + '\n[sn]\nsnaptime: 1\n'), 'sn', {}, host()),
      "snapshot name 'sn' already used\n",
    ],
    [
      'SNAPSHOT_VMSTATE_UNSUPPORTED',
      () => snapshotPrepare(cfg(base), 'sn', { saveVmstate: true }, host(true)),
      'implement me - snapshot_save_vmstate\n',
    ],
    [
      'SNAPSHOT_MISSING_LOCK',
      () => snapshotCommit(cfg(base + '\n[sn]\nsnaptime: 1\n'), 'sn'),
      'missing snapshot lock\n',
    ],
    [
      'SNAPSHOT_WRONG_STATE',
      () => snapshotCommit(cfg(base + 'lock: snapshot\n\n[sn]\nsnaptime: 1\n'), 'sn'),
      'wrong snapshot state\n',
    ],
    [
      'SNAPSHOT_INCOMPLETE',
      () =>
        snapshotRollback(
          cfg(base + '\n[sn]\nsnapstate: prepare\nsnaptime: 1\n'),
          'sn',
          { vmid: 1 },
          host(),
        ),
      'unable to rollback to incomplete snapshot (snapstate = prepare)\n',
    ],
    [
      'SNAPSHOT_FEATURE_UNAVAILABLE',
      () => snapshotCreate(cfg(base + 'mp0: /srv,mp=/srv\n'), 'sn', {}, host()),
      'snapshot feature is not available\n',
    ],
  ];
  for (const [code, run, proxmoxText] of cases)
    it(code, () => {
      expect(failure(run())).toMatchObject({
        code,
        severity: 'error',
        proxmoxText,
        message: proxmoxText.trimEnd(),
      });
    });

  it('SNAPSHOT_STORAGE_FAILED, SNAPSHOT_CT_RUNNING, SNAPSHOT_TOO_MANY_UNUSED', () => {
    const failing: SnapshotHost = {
      ...host(),
      storage: { ...host().storage, snapshot: () => E.left('volume snapshot disabled\n') },
    };
    expect(failure(snapshotCreate(cfg(base), 'sn', {}, failing))).toMatchObject({
      code: 'SNAPSHOT_STORAGE_FAILED',
      proxmoxText: 'volume snapshot disabled\n\n',
    });
    const stuck: SnapshotHost = {
      ...host(true),
      guest: { ...host(true).guest, isRunning: () => true },
    };
    expect(
      failure(snapshotRollback(cfg(base + '\n[sn]\nsnaptime: 1\n'), 'sn', { vmid: 7 }, stuck)),
    ).toMatchObject({
      code: 'SNAPSHOT_CT_RUNNING',
      proxmoxText: 'unable to rollback vm 7: vm is running\n',
    });
    const unused = Array.from(
      { length: 256 },
      (_, i) => `unused${i}: local:vm-100-disk-${i + 10}\n`,
    ).join('');
    const full = cfg(
      base +
        unused +
        '\n[sn]\nrootfs: local:vm-100-disk-0\nmp0: local:vm-100-disk-9,mp=/x\nsnaptime: 1\n',
    );
    expect(failure(snapshotDelete(full, 'sn', {}, host())).code).toBe('SNAPSHOT_TOO_MANY_UNUSED');
  });
});

describe('every snapshot warning has its code and Proxmox text', () => {
  const two = 'rootfs: local:vm-100-disk-0\nmp0: local:vm-100-disk-1,mp=/x\n';
  const warned = (o: SnapshotOutcome): unknown[] =>
    o.warnings.map((w) => [w.code, w.severity, w.message, w.proxmoxText]);

  it('SNAPSHOT_PARENT_LINK_DROPPED', () => {
    const out = snapshotPrepare(cfg(two + '\n[old]\nparent: sn\nsnaptime: 1\n'), 'sn', {}, host());
    expect(warned(out)).toEqual([
      [
        'SNAPSHOT_PARENT_LINK_DROPPED',
        'warning',
        "deleting parent 'sn' reference from 'old' to avoid bogus snapshot cycle.",
        "deleting parent 'sn' reference from 'old' to avoid bogus snapshot cycle.\n",
      ],
    ]);
  });

  const mp0Fails = (running: boolean, deleteFails: boolean): SnapshotHost => {
    const h = host(running);
    return {
      ...h,
      guest: { ...h.guest, thaw: () => E.left('thaw failed\n') },
      storage: {
        ...h.storage,
        snapshot: (v) => (v.endsWith('disk-1') ? E.left('volume snapshot disabled\n') : E.right(undefined)),
        deleteSnapshot: () => (deleteFails ? E.left('volume snapshot delete disabled\n') : E.right(undefined)),
      },
    };
  };

  it('SNAPSHOT_THAW_FAILED, SNAPSHOT_CLEANUP_STARTED, then the forced cleanup goes on', () => {
    const out = snapshotCreate(cfg(two), 'sn', {}, mp0Fails(true, true));
    expect(warned(out)).toEqual([
      ['SNAPSHOT_THAW_FAILED', 'warning', 'thaw failed', 'thaw failed\n'],
      [
        'SNAPSHOT_CLEANUP_STARTED',
        'warning',
        'snapshot create failed: starting cleanup',
        'snapshot create failed: starting cleanup\n',
      ],
      [
        'SNAPSHOT_VOLUME_DELETE_FAILED',
        'warning',
        'volume snapshot delete disabled',
        'volume snapshot delete disabled\n',
      ],
    ]);
    expect(failure(out)).toMatchObject({ code: 'SNAPSHOT_STORAGE_FAILED', proxmoxText: 'volume snapshot disabled\n\n' });
  });

  it('SNAPSHOT_CLEANUP_FAILED: the cleanup dies too (no unusedN slot left for the rootfs volume)', () => {
    const unused = Array.from({ length: 256 }, (_, i) => `unused${i}: local:vm-100-disk-${i + 10}\n`).join('');
    const out = snapshotCreate(cfg(two + unused), 'sn', {}, mp0Fails(false, false));
    expect(warned(out)).toEqual([
      [
        'SNAPSHOT_CLEANUP_STARTED',
        'warning',
        'snapshot create failed: starting cleanup',
        'snapshot create failed: starting cleanup\n',
      ],
      [
        'SNAPSHOT_CLEANUP_FAILED',
        'warning',
        'Too many unused volumes - please delete them first.',
        'Too many unused volumes - please delete them first.\n',
      ],
    ]);
    expect(failure(out).code).toBe('SNAPSHOT_STORAGE_FAILED');
  });

  it('SNAPSHOT_VOLUME_DELETE_FAILED: a forced delete goes on', () => {
    const failing: SnapshotHost = {
      ...host(),
      storage: { ...host().storage, deleteSnapshot: () => E.left('volume snapshot delete disabled\n') },
    };
    const c = cfg(two + '\n[sn]\nrootfs: local:vm-100-disk-0\nsnaptime: 1\n');
    const out = snapshotDelete(c, 'sn', { force: true }, failing);
    expect(E.isRight(out.result)).toBe(true);
    expect(warned(out)).toEqual([
      [
        'SNAPSHOT_VOLUME_DELETE_FAILED',
        'warning',
        'volume snapshot delete disabled',
        'volume snapshot delete disabled\n',
      ],
    ]);
  });
});
