/**
 * Snapshot operations as config transforms (spec §4): prepare, commit, create, delete and
 * rollback. Storage and the container runtime are injected ({@link SnapshotHost}); nothing here
 * performs I/O. Each operation returns every config state Proxmox would write, in order (so a
 * caller sees what is on disk after a failure), the warnings Proxmox prints, and the final result:
 * the config on disk, or the exact error text Proxmox dies with.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection, ConfigValue, PctConfig } from '../config/model.js';
import { emptySection } from '../config/model.js';
import { valueText } from '../config/writer.js';
import { isPerlTrue } from '../perl/index.js';
import type { SnapshotHost } from './snapshot-host.js';
import { sectionDelete, sectionGet, sectionSet } from './section-values.js';
import { addUnusedVolume, isUnusedKey, mountPoints, mountedVolumeIds } from './volumes.js';
import type { MountPointEntry } from './volumes.js';

/** Why a snapshot operation failed: Proxmox's message, trailing newline(s) included. */
export interface SnapshotError {
  readonly message: string;
}

/** What a snapshot operation did. */
export interface SnapshotOutcome {
  /** Every config Proxmox would have written, in order (empty when it wrote nothing). */
  readonly writes: readonly PctConfig[];
  /** The config on disk afterwards: the last write, or the input when nothing was written. */
  readonly config: PctConfig;
  /** Warnings Proxmox prints (each with its trailing newline). */
  readonly warnings: readonly string[];
  /** The final config, or the error the operation ended with. */
  readonly result: E.Either<SnapshotError, PctConfig>;
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
  readonly warnings: string[] = [];
  constructor(public config: PctConfig) {}

  write(config: PctConfig): void {
    this.config = config;
    this.writes.push(config);
  }

  outcome(error?: string): SnapshotOutcome {
    return {
      writes: this.writes,
      config: this.config,
      warnings: this.warnings,
      result: error === undefined ? E.right(this.config) : E.left({ message: error }),
    };
  }
}

/** Keys `__snapshot_copy_config` leaves out (besides `unusedN`). */
const NOT_COPIED = new Set(['snapshots', 'snapstate', 'snaptime', 'vmstate', 'lock', 'digest', 'description']);

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

function withSnapshot(config: PctConfig, name: string, section: ConfigSection | undefined): PctConfig {
  const snapshots = Object.assign(Object.create(null) as Record<string, ConfigSection>, config.snapshots);
  if (section === undefined) delete snapshots[name];
  else snapshots[name] = section;
  return { ...config, snapshots };
}

function snapshotOf(config: PctConfig, name: string): ConfigSection | undefined {
  return Object.prototype.hasOwnProperty.call(config.snapshots, name) ? config.snapshots[name] : undefined;
}

function notFound(name: string): string {
  return `snapshot '${name}' does not exist\n`;
}

/** `foreach_volume` of a snapshot, minus what a `vzdump` snapshot skips (non-backup mount points). */
function snapshotVolumes(snap: ConfigSection, name: string): MountPointEntry[] {
  return mountPoints(snap).filter((m) => name !== 'vzdump' || m.key === 'rootfs' || m.volume['backup'] === 1);
}

function prepareIn(session: Session, name: string, options: PrepareOptions, host: SnapshotHost): string | undefined {
  const conf = session.config;
  if (isTemplate(conf.main)) return "you can't take a snapshot if it's a template\n";
  const lock = lockOf(conf.main);
  if (lock !== undefined) return `CT is locked (${lock})\n`;
  if (snapshotOf(conf, name) !== undefined) return `snapshot name '${name}' already used\n`;
  const running = host.guest.isRunning();
  for (const { volume } of mountPoints(conf.main)) {
    if (!host.storage.hasSnapshotFeature(volume.volume, running)) return 'snapshot feature is not available\n';
  }
  let next = conf;
  for (const [other, section] of Object.entries(conf.snapshots)) {
    if (section.values['parent'] !== undefined && valueText(section.values['parent']) === name) {
      session.warnings.push(`deleting parent '${name}' reference from '${other}' to avoid bogus snapshot cycle.\n`);
      next = withSnapshot(next, other, sectionDelete(section, 'parent'));
    }
  }
  const main = sectionSet(next.main, 'lock', 'snapshot');
  let snap: ConfigSection = { ...copySnapshotConfig(main), snapstate: 'prepare' };
  snap = sectionSet(snap, 'snaptime', host.now());
  if (options.comment !== undefined && isPerlTrue(options.comment)) snap = { ...snap, description: options.comment };
  if (options.saveVmstate === true && running) return 'implement me - snapshot_save_vmstate\n';
  session.write(withSnapshot(withMain(next, main), name, snap));
  return undefined;
}

function commitIn(session: Session, name: string): string | undefined {
  const conf = session.config;
  if (lockOf(conf.main) !== 'snapshot') return 'missing snapshot lock\n';
  const snap = snapshotOf(conf, name);
  if (snap === undefined) return notFound(name);
  if (snap.snapstate !== 'prepare') return 'wrong snapshot state\n';
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
export function snapshotPrepare(config: PctConfig, name: string, options: PrepareOptions, host: SnapshotHost): SnapshotOutcome {
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
export function snapshotCreate(config: PctConfig, name: string, options: PrepareOptions, host: SnapshotHost): SnapshotOutcome {
  const session = new Session(config);
  const prepared = prepareIn(session, name, options, host);
  if (prepared !== undefined) return session.outcome(prepared);
  const snap = snapshotOf(session.config, name) as ConfigSection;
  const volumes = snapshotVolumes(snap, name);
  const running = host.guest.isRunning();
  const done = new Set<string>();
  const volumeStep = (): string | undefined => {
    const activated = host.storage.activate(volumes.map((v) => v.volume.volume));
    if (E.isLeft(activated)) return activated.left;
    if (running) {
      const frozen = host.guest.freeze();
      if (E.isLeft(frozen)) return frozen.left;
    }
    for (const { key, volume } of volumes) {
      const r = host.storage.snapshot(volume.volume, name);
      if (E.isLeft(r)) return r.left;
      done.add(key);
    }
    return undefined;
  };
  const err = volumeStep();
  if (running) {
    const thawed = host.guest.thaw();
    if (E.isLeft(thawed)) session.warnings.push(thawed.left);
  }
  if (err !== undefined) {
    session.warnings.push('snapshot create failed: starting cleanup\n');
    const cleanup = deleteIn(session, name, true, host, done);
    if (cleanup !== undefined) session.warnings.push(cleanup);
    return session.outcome(err + '\n');
  }
  return session.outcome(commitIn(session, name));
}

/** The snapshot section without `key`; a volume-type mount becomes `unusedN` inside the snapshot. */
function removeDrive(snap: ConfigSection, entry: MountPointEntry): E.Either<string, ConfigSection> {
  const without = sectionDelete(snap, entry.key);
  return entry.volume.type === 'volume' ? addUnusedVolume(without, entry.volume.volume) : E.right(without);
}

function deleteIn(session: Session, name: string, force: boolean, host: SnapshotHost, drivehash?: ReadonlySet<string>): string | undefined {
  const initial = snapshotOf(session.config, name);
  if (initial === undefined) return notFound(name);
  const volumes = snapshotVolumes(initial, name);
  if (drivehash === undefined) {
    const activated = host.storage.activate(volumes.map((v) => v.volume.volume));
    if (E.isLeft(activated)) return activated.left;
    const lock = lockOf(session.config.main);
    if (lock !== undefined) return `CT is locked (${lock})\n`;
    session.write(withMain(session.config, sectionSet(session.config.main, 'lock', 'snapshot-delete')));
  }
  const expected = drivehash === undefined ? 'snapshot-delete' : 'snapshot';
  const checkLock = (): string | undefined =>
    lockOf(session.config.main) === expected ? undefined : `encountered invalid lock, expected '${expected}'\n`;

  let bad = checkLock();
  if (bad !== undefined) return bad;
  if (isTemplate(session.config.main)) return "you can't delete a snapshot if vm is a template\n";
  const current = snapshotOf(session.config, name);
  if (current === undefined) return notFound(name);
  session.write(withSnapshot(session.config, name, { ...current, snapstate: 'delete' }));

  const unused: string[] = [];
  for (const entry of volumes) {
    if (drivehash === undefined || drivehash.has(entry.key)) {
      const r = host.storage.deleteSnapshot(entry.volume.volume, name);
      if (E.isLeft(r)) {
        if (!force) return r.left;
        session.warnings.push(r.left);
      } else unused.push(entry.volume.volume);
    }
    if (!force) {
      bad = checkLock();
      if (bad !== undefined) return bad;
      const snap = snapshotOf(session.config, name);
      if (snap === undefined) return notFound(name);
      const removed = removeDrive(snap, entry);
      if (E.isLeft(removed)) return removed.left;
      session.write(withSnapshot(session.config, name, removed.right));
    }
  }

  bad = checkLock();
  if (bad !== undefined) return bad;
  const deleted = snapshotOf(session.config, name);
  if (deleted === undefined) return notFound(name);
  const parent = deleted.values['parent'];
  const relink = (section: ConfigSection): ConfigSection => {
    const p = section.values['parent'];
    if (p === undefined || valueText(p) !== name) return section;
    return parent === undefined ? sectionDelete(section, 'parent') : sectionSet(section, 'parent', parent);
  };
  let next = withSnapshot(session.config, name, undefined);
  let main = relink(sectionDelete(next.main, 'lock'));
  for (const [other, section] of Object.entries(next.snapshots)) next = withSnapshot(next, other, relink(section));
  for (const volid of unused) {
    const added = addUnusedVolume(main, volid);
    if (E.isLeft(added)) return added.left;
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
export function snapshotDelete(config: PctConfig, name: string, options: DeleteOptions, host: SnapshotHost): SnapshotOutcome {
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
export function snapshotRollback(config: PctConfig, name: string, options: RollbackOptions, host: SnapshotHost): SnapshotOutcome {
  const session = new Session(config);
  const fail = (message: string): SnapshotOutcome => session.outcome(message);
  const snap = snapshotOf(config, name);
  if (snap === undefined) return fail(notFound(name));
  if (isTemplate(config.main)) return fail("you can't rollback if vm is a template\n");
  const volumes = mountPoints(snap);
  const activated = host.storage.activate(volumes.map((v) => v.volume.volume));
  if (E.isLeft(activated)) return fail(activated.left);
  for (const { volume } of volumes) {
    const possible = host.storage.rollbackPossible(volume.volume, name);
    if (E.isLeft(possible)) return fail(possible.left);
  }
  if (snap.snapstate !== undefined) return fail(`unable to rollback to incomplete snapshot (snapstate = ${snap.snapstate})\n`);
  const lock = lockOf(config.main);
  if (lock !== undefined) return fail(`CT is locked (${lock})\n`);
  if (host.guest.isRunning()) {
    const stopped = host.guest.stop();
    if (E.isLeft(stopped)) return fail(stopped.left);
    if (host.guest.isRunning()) return fail(`unable to rollback vm ${options.vmid}: vm is running\n`);
  }
  session.write(withMain(config, sectionSet(config.main, 'lock', 'rollback')));
  for (const { volume } of volumes) {
    const r = host.storage.rollback(volume.volume, name);
    if (E.isLeft(r)) return fail(r.left);
  }

  if (lockOf(session.config.main) !== 'rollback') return fail('got wrong lock\n');
  let current = sectionDelete(session.config.main, 'lock');
  const keep = mountedVolumeIds(snap);
  for (const { volume } of mountPoints(current)) {
    if (volume.type !== 'volume' || keep.has(volume.volume)) continue;
    const added = addUnusedVolume(current, volume.volume);
    if (E.isLeft(added)) return fail(added.left);
    current = added.right;
  }
  let main = copySnapshotConfig(snap);
  const description = sectionGet(current, 'description');
  if (description !== undefined) main = { ...main, description: String(description) };
  for (const [key, value] of Object.entries(current.values)) if (isUnusedKey(key)) main = sectionSet(main, key, value);
  main = sectionSet(main, 'parent', name);
  session.write({ main, pending: emptySection(), snapshots: session.config.snapshots });
  if (snap.values['vmstate'] !== undefined && isPerlTrue(valueText(snap.values['vmstate']))) {
    return fail('implement me - save vmstate\n');
  }
  return session.outcome();
}
