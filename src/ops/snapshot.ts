/**
 * Snapshot operations as config transforms (spec §4): prepare, commit, create, delete and
 * rollback. Storage and the container runtime are injected ({@link SnapshotHost}); nothing here
 * performs I/O. Each operation returns every config state Proxmox would write, in order (so a
 * caller sees what is on disk after a failure), the warnings Proxmox prints, and the final result:
 * the config on disk, or the exact error text Proxmox dies with.
 */
import * as E from 'fp-ts/lib/Either.js';
import { proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import type { ConfigSection, ConfigValue, PctConfig } from '../config/model.js';
import { emptySection } from '../config/model.js';
import { valueText } from '../config/writer.js';
import { isPerlTrue } from '../perl/index.js';
import type { SnapshotHost } from './snapshot-host.js';
import { sectionDelete, sectionGet, sectionSet } from './section-values.js';
import { addUnusedVolume, isUnusedKey, mountPoints, mountedVolumeIds } from './volumes.js';
import type { MountPointEntry } from './volumes.js';

/** Why a snapshot operation failed; each code's `proxmoxText` is what Proxmox dies with. */
export type SnapshotCode =
  /** The snapshot named does not exist (`snapshot '<name>' does not exist`). */
  | 'SNAPSHOT_NOT_FOUND'
  /** A template can't be snapshotted, rolled back or have snapshots deleted. */
  | 'SNAPSHOT_OF_TEMPLATE'
  /** The container is locked (`CT is locked (<lock>)`). */
  | 'SNAPSHOT_CT_LOCKED'
  /** The new snapshot's name is taken (`snapshot name '<name>' already used`). */
  | 'SNAPSHOT_NAME_USED'
  /**
   * A mount point can't be snapshotted (`snapshot feature is not available`): its storage lacks
   * the feature, or it is a bind or device mount, which is no storage volume.
   */
  | 'SNAPSHOT_FEATURE_UNAVAILABLE'
  /** RAM state of a container was asked for (`implement me - …`): LXC has none. */
  | 'SNAPSHOT_VMSTATE_UNSUPPORTED'
  /** Commit without the `snapshot` lock (`missing snapshot lock`). */
  | 'SNAPSHOT_MISSING_LOCK'
  /** Commit of a snapshot that is not being prepared (`wrong snapshot state`). */
  | 'SNAPSHOT_WRONG_STATE'
  /** Rollback to a snapshot still being made or deleted (`unable to rollback to incomplete …`). */
  | 'SNAPSHOT_INCOMPLETE'
  /** The container is still running after the stop before a rollback. */
  | 'SNAPSHOT_CT_RUNNING'
  /** All 256 `unusedN` slots are taken (`Too many unused volumes - please delete them first.`). */
  | 'SNAPSHOT_TOO_MANY_UNUSED'
  /** The storage or the container runtime failed (its own message as Proxmox's text). */
  | 'SNAPSHOT_STORAGE_FAILED';

/** What a snapshot operation warns about and goes on; `proxmoxText` is what Proxmox prints. */
export type SnapshotWarningCode =
  /** A snapshot named the new one as its parent (`deleting parent '<name>' reference from …`). */
  | 'SNAPSHOT_PARENT_LINK_DROPPED'
  /** Thawing the container after the volume snapshots failed (the runtime's text). */
  | 'SNAPSHOT_THAW_FAILED'
  /** A create failed; the half-made snapshot is deleted (`snapshot create failed: starting cleanup`). */
  | 'SNAPSHOT_CLEANUP_STARTED'
  /** That cleanup failed too (the text it died with). */
  | 'SNAPSHOT_CLEANUP_FAILED'
  /** A forced delete could not delete a volume's snapshot and goes on (the storage's text). */
  | 'SNAPSHOT_VOLUME_DELETE_FAILED';

/** A snapshot warning, with Proxmox's text (trailing newline included). */
export type SnapshotWarning = Diagnostic<SnapshotWarningCode>;

function warning(code: SnapshotWarningCode, text: string): SnapshotWarning {
  return proxmoxDiagnostic('warning', code, text);
}

/** A snapshot failure: `proxmoxText` is Proxmox's message, trailing newline(s) included. */
export type SnapshotDiagnostic = Diagnostic<SnapshotCode>;

/** @deprecated the failure of a snapshot operation is now a {@link SnapshotDiagnostic}. */
export type SnapshotError = SnapshotDiagnostic;

function px(code: SnapshotCode, text: string): SnapshotDiagnostic {
  return proxmoxDiagnostic('error', code, text);
}

const storageFailed = (text: string): SnapshotDiagnostic => px('SNAPSHOT_STORAGE_FAILED', text);

/** What a snapshot operation did. */
export interface SnapshotOutcome {
  /** Every config Proxmox would have written, in order (empty when it wrote nothing). */
  readonly writes: readonly PctConfig[];
  /** The config on disk afterwards: the last write, or the input when nothing was written. */
  readonly config: PctConfig;
  /** Warnings Proxmox prints, in order (`proxmoxTextOf(warnings)` is its text). */
  readonly warnings: readonly SnapshotWarning[];
  /** The final config, or the error the operation ended with. */
  readonly result: Result<PctConfig, SnapshotCode>;
}

/** Options of {@link snapshotPrepare} and {@link snapshotCreate}. */
export interface PrepareOptions {
  /** The snapshot's description (stored when truthy). */
  readonly comment?: string;
  /** Save the RAM state (containers cannot: a running CT dies with `implement me`). */
  readonly saveVmstate?: boolean;
}

/** Options of {@link snapshotDelete}. */
export interface DeleteOptions {
  /** Carry on when a volume snapshot cannot be deleted (warn instead of failing). */
  readonly force?: boolean;
}

/** Options of {@link snapshotRollback}. */
export interface RollbackOptions {
  /** The container ID, for the `unable to rollback vm <id>` message. */
  readonly vmid: number | string;
}

/** An operation in progress: the config on disk, what was written, what was warned. */
class Session {
  readonly writes: PctConfig[] = [];
  readonly warnings: SnapshotWarning[] = [];
  constructor(public config: PctConfig) {}

  write(config: PctConfig): void {
    this.config = config;
    this.writes.push(config);
  }

  outcome(error?: SnapshotDiagnostic): SnapshotOutcome {
    return {
      writes: this.writes,
      config: this.config,
      warnings: this.warnings,
      result: error === undefined ? E.right(this.config) : E.left([error]),
    };
  }
}

/** Keys `__snapshot_copy_config` leaves out (besides `unusedN`). */
const NOT_COPIED = new Set([
  'snapshots',
  'snapstate',
  'snaptime',
  'vmstate',
  'lock',
  'digest',
  'description',
]);

/**
 * `__snapshot_copy_config`: every key of `src` except `snapshots, snapstate, snaptime, vmstate,
 * lock, digest, description` and `unusedN`; `lxc` and `env` are copied too.
 */
export function copySnapshotConfig(src: ConfigSection): ConfigSection {
  const values = Object.create(null) as Record<string, ConfigValue>;
  for (const [key, value] of Object.entries(src.values)) {
    if (NOT_COPIED.has(key) || /^unused\d+$/.test(key)) continue;
    values[key] = value;
  }
  return { values, lxc: src.lxc, ...(src.env !== undefined ? { env: src.env } : {}) };
}

function lockOf(section: ConfigSection): string | undefined {
  const lock = section.values['lock'];
  return lock !== undefined && isPerlTrue(valueText(lock)) ? valueText(lock) : undefined;
}

function isTemplate(section: ConfigSection): boolean {
  const t = section.values['template'];
  return t !== undefined && isPerlTrue(valueText(t));
}

function withMain(config: PctConfig, main: ConfigSection): PctConfig {
  return { ...config, main };
}

function withSnapshot(
  config: PctConfig,
  name: string,
  section: ConfigSection | undefined,
): PctConfig {
  const snapshots = Object.assign(
    Object.create(null) as Record<string, ConfigSection>,
    config.snapshots,
  );
  if (section === undefined) delete snapshots[name];
  else snapshots[name] = section;
  return { ...config, snapshots };
}

function snapshotOf(config: PctConfig, name: string): ConfigSection | undefined {
  return Object.prototype.hasOwnProperty.call(config.snapshots, name)
    ? config.snapshots[name]
    : undefined;
}

function notFound(name: string): SnapshotDiagnostic {
  return px('SNAPSHOT_NOT_FOUND', `snapshot '${name}' does not exist\n`);
}

/** `foreach_volume` of a snapshot, minus what a `vzdump` snapshot skips (non-backup mount points). */
function snapshotVolumes(snap: ConfigSection, name: string): MountPointEntry[] {
  return mountPoints(snap).filter(
    (m) => name !== 'vzdump' || m.key === 'rootfs' || m.volume['backup'] === 1,
  );
}

function prepareIn(
  session: Session,
  name: string,
  options: PrepareOptions,
  host: SnapshotHost,
): SnapshotDiagnostic | undefined {
  const conf = session.config;
  if (isTemplate(conf.main))
    return px('SNAPSHOT_OF_TEMPLATE', "you can't take a snapshot if it's a template\n");
  const lock = lockOf(conf.main);
  if (lock !== undefined) return px('SNAPSHOT_CT_LOCKED', `CT is locked (${lock})\n`);
  if (snapshotOf(conf, name) !== undefined)
    return px('SNAPSHOT_NAME_USED', `snapshot name '${name}' already used\n`);
  const running = host.guest.isRunning();
  for (const { volume } of mountPoints(conf.main)) {
    // A bind or device mount is no storage volume: Proxmox's volume_has_feature says no for it.
    if (volume.type !== 'volume' || !host.storage.hasSnapshotFeature(volume.volume, running))
      return px('SNAPSHOT_FEATURE_UNAVAILABLE', 'snapshot feature is not available\n');
  }
  let next = conf;
  for (const [other, section] of Object.entries(conf.snapshots)) {
    if (section.values['parent'] !== undefined && valueText(section.values['parent']) === name) {
      session.warnings.push(
        warning(
          'SNAPSHOT_PARENT_LINK_DROPPED',
          `deleting parent '${name}' reference from '${other}' to avoid bogus snapshot cycle.\n`,
        ),
      );
      next = withSnapshot(next, other, sectionDelete(section, 'parent'));
    }
  }
  const main = sectionSet(next.main, 'lock', 'snapshot');
  let snap: ConfigSection = { ...copySnapshotConfig(main), snapstate: 'prepare' };
  snap = sectionSet(snap, 'snaptime', host.now());
  if (options.comment !== undefined && isPerlTrue(options.comment))
    snap = { ...snap, description: options.comment };
  if (options.saveVmstate === true && running)
    return px('SNAPSHOT_VMSTATE_UNSUPPORTED', 'implement me - snapshot_save_vmstate\n');
  session.write(withSnapshot(withMain(next, main), name, snap));
  return undefined;
}

function commitIn(session: Session, name: string): SnapshotDiagnostic | undefined {
  const conf = session.config;
  if (lockOf(conf.main) !== 'snapshot')
    return px('SNAPSHOT_MISSING_LOCK', 'missing snapshot lock\n');
  const snap = snapshotOf(conf, name);
  if (snap === undefined) return notFound(name);
  if (snap.snapstate !== 'prepare') return px('SNAPSHOT_WRONG_STATE', 'wrong snapshot state\n');
  const { snapstate: _s, ...committed } = snap;
  const main = sectionSet(sectionDelete(conf.main, 'lock'), 'parent', name);
  session.write(withSnapshot(withMain(conf, main), name, committed));
  return undefined;
}

/**
 * `__snapshot_prepare`: checks (template, lock, name free, snapshot feature), then writes the
 * config with `lock: snapshot` and the new section (`snapstate: prepare`, `snaptime` from the
 * clock, the comment as description). Child snapshots naming `name` as parent lose that link.
 */
export function snapshotPrepare(
  config: PctConfig,
  name: string,
  options: PrepareOptions,
  host: SnapshotHost,
): SnapshotOutcome {
  const session = new Session(config);
  return session.outcome(prepareIn(session, name, options, host));
}

/** `__snapshot_commit`: clears the snapshot's `snapstate` and the lock, sets `parent: <name>`. */
export function snapshotCommit(config: PctConfig, name: string): SnapshotOutcome {
  const session = new Session(config);
  return session.outcome(commitIn(session, name));
}

/**
 * `snapshot_create`: prepare, activate storages, freeze (running CT), snapshot each volume
 * (`rootfs`, `mp0`…), thaw, commit. When a volume step fails, the snapshot is deleted again with
 * `force` (only the volumes already snapshotted), which restores the original config, and the
 * operation fails with the error plus one more `\n`, as Proxmox does.
 */
export function snapshotCreate(
  config: PctConfig,
  name: string,
  options: PrepareOptions,
  host: SnapshotHost,
): SnapshotOutcome {
  const session = new Session(config);
  const prepared = prepareIn(session, name, options, host);
  if (prepared !== undefined) return session.outcome(prepared);
  const snap = snapshotOf(session.config, name) as ConfigSection;
  const volumes = snapshotVolumes(snap, name);
  const running = host.guest.isRunning();
  const done = new Set<string>();
  const volumeStep = (): SnapshotDiagnostic | undefined => {
    const activated = host.storage.activate(volumes.map((v) => v.volume.volume));
    if (E.isLeft(activated)) return storageFailed(activated.left);
    if (running) {
      const frozen = host.guest.freeze();
      if (E.isLeft(frozen)) return storageFailed(frozen.left);
    }
    for (const { key, volume } of volumes) {
      const r = host.storage.snapshot(volume.volume, name);
      if (E.isLeft(r)) return storageFailed(r.left);
      done.add(key);
    }
    return undefined;
  };
  const err = volumeStep();
  if (running) {
    const thawed = host.guest.thaw();
    if (E.isLeft(thawed)) session.warnings.push(warning('SNAPSHOT_THAW_FAILED', thawed.left));
  }
  if (err !== undefined) {
    session.warnings.push(
      warning('SNAPSHOT_CLEANUP_STARTED', 'snapshot create failed: starting cleanup\n'),
    );
    const cleanup = deleteIn(session, name, true, host, done);
    if (cleanup !== undefined)
      session.warnings.push(
        warning('SNAPSHOT_CLEANUP_FAILED', cleanup.proxmoxText ?? cleanup.message),
      );
    return session.outcome({ ...err, proxmoxText: `${err.proxmoxText ?? err.message}\n` });
  }
  return session.outcome(commitIn(session, name));
}

/** The snapshot section without `key`; a volume-type mount becomes `unusedN` inside the snapshot. */
function removeDrive(snap: ConfigSection, entry: MountPointEntry): E.Either<string, ConfigSection> {
  const without = sectionDelete(snap, entry.key);
  return entry.volume.type === 'volume'
    ? addUnusedVolume(without, entry.volume.volume)
    : E.right(without);
}

function deleteIn(
  session: Session,
  name: string,
  force: boolean,
  host: SnapshotHost,
  drivehash?: ReadonlySet<string>,
): SnapshotDiagnostic | undefined {
  const initial = snapshotOf(session.config, name);
  if (initial === undefined) return notFound(name);
  const volumes = snapshotVolumes(initial, name);
  if (drivehash === undefined) {
    const activated = host.storage.activate(volumes.map((v) => v.volume.volume));
    if (E.isLeft(activated)) return storageFailed(activated.left);
    const lock = lockOf(session.config.main);
    if (lock !== undefined) return px('SNAPSHOT_CT_LOCKED', `CT is locked (${lock})\n`);
    session.write(
      withMain(session.config, sectionSet(session.config.main, 'lock', 'snapshot-delete')),
    );
  }
  // Proxmox re-checks its lock between the steps against other writers of the file; the session
  // is this transform's only writer, so the lock it set holds throughout.
  if (isTemplate(session.config.main))
    return px('SNAPSHOT_OF_TEMPLATE', "you can't delete a snapshot if vm is a template\n");
  const current = snapshotOf(session.config, name);
  if (current === undefined) return notFound(name);
  session.write(withSnapshot(session.config, name, { ...current, snapstate: 'delete' }));

  const unused: string[] = [];
  for (const entry of volumes) {
    if (drivehash === undefined || drivehash.has(entry.key)) {
      const r = host.storage.deleteSnapshot(entry.volume.volume, name);
      if (E.isLeft(r)) {
        if (!force) return storageFailed(r.left);
        session.warnings.push(warning('SNAPSHOT_VOLUME_DELETE_FAILED', r.left));
      } else if (entry.volume.type === 'volume') unused.push(entry.volume.volume); // never a bind or device path
    }
    if (!force) {
      const snap = snapshotOf(session.config, name);
      if (snap === undefined) return notFound(name);
      const removed = removeDrive(snap, entry);
      if (E.isLeft(removed)) return px('SNAPSHOT_TOO_MANY_UNUSED', removed.left);
      session.write(withSnapshot(session.config, name, removed.right));
    }
  }

  const deleted = snapshotOf(session.config, name);
  if (deleted === undefined) return notFound(name);
  const parent = deleted.values['parent'];
  const relink = (section: ConfigSection): ConfigSection => {
    const p = section.values['parent'];
    if (p === undefined || valueText(p) !== name) return section;
    return parent === undefined
      ? sectionDelete(section, 'parent')
      : sectionSet(section, 'parent', parent);
  };
  let next = withSnapshot(session.config, name, undefined);
  let main = relink(sectionDelete(next.main, 'lock'));
  for (const [other, section] of Object.entries(next.snapshots))
    next = withSnapshot(next, other, relink(section));
  for (const volid of unused) {
    const added = addUnusedVolume(main, volid);
    if (E.isLeft(added)) return px('SNAPSHOT_TOO_MANY_UNUSED', added.left);
    main = added.right;
  }
  session.write(withMain(next, main));
  return undefined;
}

/**
 * `snapshot_delete`: activates the storages, sets `lock: snapshot-delete`, marks the snapshot
 * `snapstate: delete`, deletes each volume snapshot, then removes the section, re-links children
 * to the deleted snapshot's parent, drops the lock and records deleted volumes as `unusedN` (the
 * writer drops those still mounted). Without `force` a failing volume stops the operation, leaving
 * the lock and snapstate; volumes already done are removed from the snapshot section (as
 * `unusedN` inside it). With `force` failures are warnings.
 */
export function snapshotDelete(
  config: PctConfig,
  name: string,
  options: DeleteOptions,
  host: SnapshotHost,
): SnapshotOutcome {
  const session = new Session(config);
  return session.outcome(deleteIn(session, name, options.force === true, host));
}

/**
 * `snapshot_rollback`: checks (snapshot exists, not a template, storages, every volume can be
 * rolled back, no snapstate, no lock, the CT stops), writes `lock: rollback`, rolls each volume
 * back, then writes the new config: the snapshot's keys (`lxc`, `env` and `parent` included) plus
 * the current description and `unusedN` entries (current volumes the snapshot does not mount
 * become `unusedN`), `parent: <name>`, no lock and no pending changes.
 */
export function snapshotRollback(
  config: PctConfig,
  name: string,
  options: RollbackOptions,
  host: SnapshotHost,
): SnapshotOutcome {
  const session = new Session(config);
  const fail = (d: SnapshotDiagnostic): SnapshotOutcome => session.outcome(d);
  const snap = snapshotOf(config, name);
  if (snap === undefined) return fail(notFound(name));
  if (isTemplate(config.main))
    return fail(px('SNAPSHOT_OF_TEMPLATE', "you can't rollback if vm is a template\n"));
  const volumes = mountPoints(snap);
  const activated = host.storage.activate(volumes.map((v) => v.volume.volume));
  if (E.isLeft(activated)) return fail(storageFailed(activated.left));
  for (const { volume } of volumes) {
    const possible = host.storage.rollbackPossible(volume.volume, name);
    if (E.isLeft(possible)) return fail(storageFailed(possible.left));
  }
  if (snap.snapstate !== undefined)
    return fail(
      px(
        'SNAPSHOT_INCOMPLETE',
        `unable to rollback to incomplete snapshot (snapstate = ${snap.snapstate})\n`,
      ),
    );
  const lock = lockOf(config.main);
  if (lock !== undefined) return fail(px('SNAPSHOT_CT_LOCKED', `CT is locked (${lock})\n`));
  if (host.guest.isRunning()) {
    const stopped = host.guest.stop();
    if (E.isLeft(stopped)) return fail(storageFailed(stopped.left));
    if (host.guest.isRunning())
      return fail(
        px('SNAPSHOT_CT_RUNNING', `unable to rollback vm ${options.vmid}: vm is running\n`),
      );
  }
  session.write(withMain(config, sectionSet(config.main, 'lock', 'rollback')));
  for (const { volume } of volumes) {
    const r = host.storage.rollback(volume.volume, name);
    if (E.isLeft(r)) return fail(storageFailed(r.left));
  }

  let current = sectionDelete(session.config.main, 'lock');
  const keep = mountedVolumeIds(snap);
  for (const { volume } of mountPoints(current)) {
    if (volume.type !== 'volume' || keep.has(volume.volume)) continue;
    const added = addUnusedVolume(current, volume.volume);
    if (E.isLeft(added)) return fail(px('SNAPSHOT_TOO_MANY_UNUSED', added.left));
    current = added.right;
  }
  let main = copySnapshotConfig(snap);
  const description = sectionGet(current, 'description');
  if (description !== undefined) main = { ...main, description: String(description) };
  for (const [key, value] of Object.entries(current.values))
    if (isUnusedKey(key)) main = sectionSet(main, key, value);
  main = sectionSet(main, 'parent', name);
  session.write({ main, pending: emptySection(), snapshots: session.config.snapshots });
  if (snap.values['vmstate'] !== undefined && isPerlTrue(valueText(snap.values['vmstate']))) {
    return fail(px('SNAPSHOT_VMSTATE_UNSUPPORTED', 'implement me - save vmstate\n'));
  }
  return session.outcome();
}
