/**
 * What snapshot operations need from the outside world, as injected interfaces: volume operations
 * on storage (per volume ID), freezing and stopping the container, and a clock. Each call returns
 * an Either whose Left is the exact text Proxmox would die with (trailing `\n` included, e.g.
 * `"volume snapshot disabled\n"`). The caller implements these, so they stay `Either<string, …>`:
 * the snapshot operations carry that text as the `proxmoxText` of a `SNAPSHOT_STORAGE_FAILED`
 * diagnostic (the library's one failure shape; docs/diagnostics.md).
 */
import * as E from 'fp-ts/lib/Either.js';

/** Storage operations on volumes (`PVE::Storage`), as the snapshot code calls them. */
export interface SnapshotStorage {
  /** Activates the storages of these volume IDs (`activate_storage_list`). */
  activate(volumeIds: readonly string[]): E.Either<string, void>;
  /** Whether the volume supports snapshots (`volume_has_feature('snapshot', …)`). */
  hasSnapshotFeature(volumeId: string, running: boolean): boolean;
  /** Takes the storage snapshot `snapname` of the volume (`volume_snapshot`). */
  snapshot(volumeId: string, snapname: string): E.Either<string, void>;
  /** Deletes the storage snapshot (`volume_snapshot_delete`). */
  deleteSnapshot(volumeId: string, snapname: string): E.Either<string, void>;
  /** Checks that the volume can be rolled back (`volume_rollback_is_possible`). */
  rollbackPossible(volumeId: string, snapname: string): E.Either<string, void>;
  /** Rolls the volume back (`volume_snapshot_rollback`). */
  rollback(volumeId: string, snapname: string): E.Either<string, void>;
}

/** The container's runtime, as far as snapshots are concerned. */
export interface GuestControl {
  /** Whether the container is running now. */
  isRunning(): boolean;
  /** Freezes the container's processes before the volume snapshots (running containers only). */
  freeze(): E.Either<string, void>;
  /** Thaws them again (always called after a freeze was attempted). */
  thaw(): E.Either<string, void>;
  /** Stops the container (before a rollback); `isRunning()` is checked afterwards. */
  stop(): E.Either<string, void>;
}

/** Everything the snapshot operations need from outside. */
export interface SnapshotHost {
  readonly storage: SnapshotStorage;
  readonly guest: GuestControl;
  /** The clock: seconds since the epoch (`snaptime`). */
  readonly now: () => number;
}

/** One call made to the storage or guest of a {@link recordingHost}. */
export interface HostCall {
  readonly op: 'activate' | 'has-feature' | 'snapshot' | 'delete-snapshot' | 'rollback-possible' | 'rollback' | 'freeze' | 'thaw' | 'stop';
  /** Volume IDs involved (empty for guest calls). */
  readonly volumes: readonly string[];
  readonly snapname?: string;
}

const ok: E.Either<string, void> = E.right(undefined);

/**
 * A storage and guest that succeed at everything and only record what was asked of them, for
 * previews and for the CLI (which has no real storage): volume operations are reported, not
 * performed. `running` is the container state it reports (a `stop()` makes it stopped).
 */
export function recordingHost(now: () => number, running = false): SnapshotHost & { readonly calls: HostCall[] } {
  const calls: HostCall[] = [];
  let isRunning = running;
  const storage: SnapshotStorage = {
    activate: (volumes) => (calls.push({ op: 'activate', volumes: [...volumes] }), ok),
    hasSnapshotFeature: (volume) => (calls.push({ op: 'has-feature', volumes: [volume] }), true),
    snapshot: (volume, snapname) => (calls.push({ op: 'snapshot', volumes: [volume], snapname }), ok),
    deleteSnapshot: (volume, snapname) => (calls.push({ op: 'delete-snapshot', volumes: [volume], snapname }), ok),
    rollbackPossible: (volume, snapname) => (calls.push({ op: 'rollback-possible', volumes: [volume], snapname }), ok),
    rollback: (volume, snapname) => (calls.push({ op: 'rollback', volumes: [volume], snapname }), ok),
  };
  const guest: GuestControl = {
    isRunning: () => isRunning,
    freeze: () => (calls.push({ op: 'freeze', volumes: [] }), ok),
    thaw: () => (calls.push({ op: 'thaw', volumes: [] }), ok),
    stop: () => {
      calls.push({ op: 'stop', volumes: [] });
      isRunning = false;
      return ok;
    },
  };
  return { storage, guest, now, calls };
}
