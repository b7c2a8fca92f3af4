/**
 * The plan builder: Proxmox's `ct_*` primitives (spec §1.2–1.6) evaluated against an
 * {@link FsSnapshot} that evolves as operations are recorded, so later steps read what earlier
 * steps wrote. Each effective primitive records a {@link PlanOperation} with a reason.
 *
 * Failures (where Proxmox dies) are recorded with {@link PlanBuilder.fail}: afterwards every
 * mutating primitive is a no-op, and the hook runner stops after the current step.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import {
  basename,
  dirname,
  errnoMessage,
  isDirectory as snapIsDirectory,
  isFile,
  isSymlink as snapIsSymlink,
  lstatPath,
  normalizePath,
  readLink as snapReadLink,
  readFile,
  resolvePath,
  statPath,
  listDirectory as snapListDirectory,
} from '../os/fs-snapshot.js';
import { applyOperation, plannedText } from './apply-to-snapshot.js';
import { bytesToText } from '../encoding/lossless-text.js';
import type { SectionEditOptions } from './marked-section.js';
import { editMarkedSection } from './marked-section.js';
import type { Owner, PlanOperation } from './plan.js';
import { setupError, setupWarning } from './setup-error.js';
import type { SetupError, SetupErrorCode, SetupWarning, SetupWarningCode } from './setup-error.js';

/** Options of {@link PlanBuilder.modifyFile}: section placement plus the mode of fresh writes. */
export interface ModifyFileOptions extends SectionEditOptions {
  /** Mode for a first write or a prepend/append/replace (not for in-place section rewrites). */
  readonly perms?: number;
}

/** Default file mode (0666 & ~022). */
export const DEFAULT_FILE_MODE = 0o644;
/** Default directory mode (0777 & ~022). */
export const DEFAULT_DIR_MODE = 0o755;

/** Records the operations of one setup run against an evolving snapshot. */
export class PlanBuilder {
  private current: FsSnapshot;
  private readonly ops: PlanOperation[] = [];
  private readonly warns: SetupWarning[] = [];
  private failure: SetupError | undefined;
  /**
   * The text of each file's bytes decoded so far: a step often reads a file twice (the hosts step
   * looks at /etc/hosts, then rewrites its section), and a 20 MB file must not be decoded twice.
   * Per builder, so the strings go with it once the plan is made.
   */
  private readonly decoded = new WeakMap<Uint8Array, string>();

  /**
   * @param snapshot the container rootfs before the run
   * @param owner host-side owner of created files for id-mapped containers (§1.5); undefined for
   *   privileged containers (files stay owned by the writer, root)
   */
  constructor(
    snapshot: FsSnapshot,
    readonly owner?: Owner,
  ) {
    this.current = snapshot;
  }

  /** The rootfs as it is after the operations recorded so far. */
  get snapshot(): FsSnapshot {
    return this.current;
  }

  /** The operations recorded so far, in order. */
  get operations(): readonly PlanOperation[] {
    return this.ops;
  }

  /** The warnings collected so far, in order. */
  get warnings(): readonly SetupWarning[] {
    return this.warns;
  }

  /** The failure that stopped the run, if any. */
  get failed(): SetupError | undefined {
    return this.failure;
  }

  /** Records a failure (Proxmox's `die`); the first one wins. */
  fail(code: SetupErrorCode, message: string): void {
    this.failure ??= setupError(code, message, [...this.ops]);
  }

  /** Records a warning (Proxmox's `warn`/`log_warn`). */
  warn(code: SetupWarningCode, message: string): void {
    this.warns.push(setupWarning(code, message));
  }

  // ---- queries ------------------------------------------------------------------------------

  /** `.pve-ignore.<name>` next to `path` is a regular file (§1.3). */
  isIgnored(path: string): boolean {
    const p = normalizePath(path);
    const dir = dirname(p);
    return isFile(this.current, (dir === '/' ? '' : dir) + '/.pve-ignore.' + basename(p));
  }

  /** The text an earlier step of this plan wrote to `path` (after links), if any. */
  private plannedText(path: string): string | undefined {
    const entry = statPath(this.current, path);
    return entry?.kind === 'file' ? plannedText(entry) : undefined;
  }

  /** `-f`: a regular file after following links. */
  fileExists(path: string): boolean {
    return isFile(this.current, path);
  }

  /** `-d`: a directory after following links. */
  isDirectory(path: string): boolean {
    return snapIsDirectory(this.current, path);
  }

  /** `-l`: the path itself is a symlink. */
  isSymlink(path: string): boolean {
    return snapIsSymlink(this.current, path);
  }

  /** `-e` on the link itself or its target: something exists at the path (links not followed). */
  existsNoFollow(path: string): boolean {
    return lstatPath(this.current, path) !== undefined;
  }

  /** `-x` as root: a file (after links) with any execute bit, or a directory. */
  isExecutable(path: string): boolean {
    const entry = statPath(this.current, path);
    return (
      entry !== undefined &&
      (entry.kind === 'dir' || (entry.kind === 'file' && (entry.mode & 0o111) !== 0))
    );
  }

  /** One level of `readlink`; undefined when the path is not a symlink. */
  readLink(path: string): string | undefined {
    return snapReadLink(this.current, path);
  }

  /** The fully resolved path (`abs_path`), or undefined when it does not resolve. */
  realPath(path: string): string | undefined {
    const r = resolvePath(this.current, path, true);
    return E.isRight(r) && r.right.entry !== undefined ? r.right.path : undefined;
  }

  /** Directory entry names in byte-wise sorted order (Proxmox: readdir order). */
  listDirectory(path: string): readonly string[] {
    return snapListDirectory(this.current, path);
  }

  /** The file's text, or undefined when it cannot be read (no failure recorded). */
  tryRead(path: string): string | undefined {
    const planned = this.plannedText(path);
    if (planned !== undefined) return planned;
    const r = readFile(this.current, path);
    return E.isRight(r) ? this.decode(r.right) : undefined;
  }

  /** The lossless text of `bytes`, decoded once per builder. */
  private decode(bytes: Uint8Array): string {
    let text = this.decoded.get(bytes);
    if (text === undefined) {
      text = bytesToText(bytes);
      this.decoded.set(bytes, text);
    }
    return text;
  }

  /** `read_firstline`: the first line without LF; undefined for a missing or empty file. */
  readFirstLine(path: string): string | undefined {
    const text = this.tryRead(path);
    if (text === undefined || text === '') return undefined;
    const nl = text.indexOf('\n');
    return nl < 0 ? text : text.slice(0, nl);
  }

  /**
   * `get_contents`: the whole file. When it cannot be read the failure
   * `can't open '<P>' - <errno text>` is recorded and undefined returned.
   */
  getContents(path: string): string | undefined {
    // Lossless: bytes that are not UTF-8 survive the edit (Proxmox edits these files as bytes).
    const planned = this.plannedText(path);
    if (planned !== undefined) return planned;
    const r = readFile(this.current, path);
    if (E.isRight(r)) return this.decode(r.right);
    this.fail('SETUP_READ_FAILED', `can't open '${path}' - ${errnoMessage(r.left[0].code)}`);
    return undefined;
  }

  // ---- mutations ----------------------------------------------------------------------------

  private record(op: PlanOperation): boolean {
    if (this.failure !== undefined) return false;
    const next = applyOperation(this.current, op);
    if (E.isLeft(next)) {
      this.fail('SETUP_WRITE_FAILED', `unable to write '${op.path}' - ${next.left[0].message}`);
      return false;
    }
    this.current = next.right;
    this.ops.push(op);
    return true;
  }

  private ownerField(): { owner?: Owner } {
    return this.owner === undefined ? {} : { owner: this.owner };
  }

  /** `ct_file_set_contents`: atomic replace (a symlink at `path` is replaced), unless ignored. */
  setContents(path: string, data: string, reason: string, mode: number = DEFAULT_FILE_MODE): void {
    if (this.isIgnored(path)) return;
    this.record({ op: 'write', path, content: data, mode, reason, ...this.ownerField() });
  }

  /**
   * Rewrites an existing file keeping its mode and owner (how the password step rewrites
   * `/etc/passwd` and `/etc/shadow`), unless ignored.
   */
  rewritePreserving(path: string, data: string, reason: string): void {
    if (this.isIgnored(path)) return;
    const entry = statPath(this.current, path);
    const mode = entry?.kind === 'file' ? entry.mode : DEFAULT_FILE_MODE;
    const owner = entry !== undefined ? { uid: entry.uid, gid: entry.gid } : this.owner;
    this.record({
      op: 'write',
      path,
      content: data,
      mode,
      reason,
      ...(owner === undefined ? {} : { owner }),
    });
  }

  /** `ct_modify_file`: the marked-section editor (§1.6). */
  modifyFile(path: string, data: string, reason: string, options: ModifyFileOptions = {}): void {
    if (this.isIgnored(path)) return;
    const existing = this.fileExists(path) ? this.getContents(path) : undefined;
    if (this.failure !== undefined) return;
    const edit = editMarkedSection(existing, data, options);
    if (edit.kind === 'write') {
      this.setContents(
        path,
        edit.content,
        reason,
        edit.withPerms ? (options.perms ?? DEFAULT_FILE_MODE) : DEFAULT_FILE_MODE,
      );
    } else if (edit.kind === 'unlink') {
      this.unlink(path, reason);
    }
  }

  /** `ct_unlink`: removes a file or link unless ignored; only recorded when something is there. */
  unlink(path: string, reason: string): void {
    if (this.isIgnored(path)) return;
    const entry = lstatPath(this.current, path);
    if (entry === undefined || entry.kind === 'dir') return;
    this.record({ op: 'unlink', path, reason });
  }

  /** `ct_symlink`: creates a link unless ignored; recorded only when it would succeed. */
  symlink(target: string, path: string, reason: string): void {
    if (this.isIgnored(path)) return;
    if (lstatPath(this.current, path) !== undefined) return;
    if (!snapIsDirectory(this.current, dirname(normalizePath(path)))) return;
    this.record({ op: 'symlink', path, target, reason, ...this.ownerField() });
  }

  /** A link made under a temporary name and renamed over `path` (skipped when `path` is ignored). */
  replaceWithSymlink(target: string, path: string, reason: string): void {
    if (this.isIgnored(path)) return;
    this.record({ op: 'symlink', path, target, replace: true, reason, ...this.ownerField() });
  }

  /** `ct_mkdir` (no parents); recorded only when the directory is missing and its parent exists. */
  mkdir(path: string, reason: string, mode: number = DEFAULT_DIR_MODE): void {
    if (lstatPath(this.current, path) !== undefined) return;
    if (!snapIsDirectory(this.current, dirname(normalizePath(path)))) return;
    this.record({ op: 'mkdir', path, mode, parents: false, reason, ...this.ownerField() });
  }

  /** `ct_make_path` (`mkdir -p`); recorded only when the directory is missing. */
  makePath(path: string, reason: string): void {
    if (snapIsDirectory(this.current, path)) return;
    this.record({
      op: 'mkdir',
      path,
      mode: DEFAULT_DIR_MODE,
      parents: true,
      reason,
      ...this.ownerField(),
    });
  }

  /** Records a host-key generation request (done by the adapter). */
  sshHostKey(
    path: string,
    keyType: 'rsa' | 'ecdsa' | 'ed25519',
    comment: string,
    reason: string,
  ): void {
    if (this.failure !== undefined || this.isIgnored(path)) return;
    // The in-memory snapshot has no key material; the request is recorded, not simulated.
    this.ops.push({ op: 'ssh-host-key', path, keyType, comment, reason, ...this.ownerField() });
  }
}
