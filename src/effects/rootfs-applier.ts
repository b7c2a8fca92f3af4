/**
 * Carries out plan operations on a real container rootfs, one at a time, with the semantics Proxmox
 * gets from `chroot` (spec §1): container paths resolved component by component through directory
 * descriptors (no symlink or `..` can lead outside the rootfs, in any component), atomic replace
 * of every file and link (a link at the target is replaced, never followed), exact modes,
 * host-side owners as the plan gives them, `.pve-ignore.<name>` honoured, parent directories
 * created only where the plan says so.
 *
 * Given the snapshot the plan was made from, every directory component a write passes through is
 * checked against it: one that was a directory then and is a link now (or the reverse, or a link
 * retargeted) is refused. Right before each rename the directory is re-resolved from the rootfs
 * and the target re-`lstat`ed, so a swap during the apply is refused too. A dry run resolves and
 * compares exactly the same way against an in-memory overlay.
 */
import * as E from 'fp-ts/lib/Either.js';
import { encodeUtf8 } from '../encoding/utf8.js';
import type { PlanOperation, SshHostKeyOperation } from '../setup/plan.js';
import { type DirView, type Resolved, resolveAt } from './chroot-resolve.js';
import { type DirHandle, type NodeInfo, fileEqualsAt, lstatAt, readFileAt } from './dir-fd.js';
import { EffectsFailure, fail } from './effects-error.js';
import {
  type HostOwner,
  type MutateContext,
  createDirAt,
  removeAt,
  removeStraysAt,
  replaceFileAt,
  replaceSymlinkAt,
} from './mutate-at.js';
import { MutationSteps } from './mutation-steps.js';
import { type WriteContent, bytesContent, textContent } from './write-content.js';
import { OverlayView, RealView } from './rootfs-view.js';
import {
  type HostKeyGenerator,
  type HostKeyPair,
  isMatchingPair,
  sshKeygenGenerator,
} from './ssh-host-keys.js';
import {
  type ApplyPlanOptions,
  type ApplyReport,
  type ChangeKind,
  type FileHistory,
  type OperationOutcome,
  type OutcomeOf,
  lazyDiffReport,
} from './apply-report.js';

const join = (dir: string, name: string): string => (dir === '/' ? '/' + name : dir + '/' + name);

const kindName = (kind: string | undefined): string =>
  kind === undefined
    ? 'missing'
    : kind === 'dir'
      ? 'a directory'
      : kind === 'symlink'
        ? 'a symlink'
        : kind === 'file'
          ? 'a regular file'
          : 'a special file';

export class Applier {
  readonly outcomes: OperationOutcome[] = [];
  readonly history = new Map<string, FileHistory>();
  private readonly real: RealView;
  private readonly view: DirView;
  private readonly overlay: OverlayView | undefined;
  readonly steps: MutationSteps;
  private readonly ctx: MutateContext;
  private readonly processOwner: HostOwner;
  private generator: HostKeyGenerator | undefined;

  constructor(
    private readonly root: DirHandle,
    private readonly options: ApplyPlanOptions,
  ) {
    this.real = new RealView(root);
    if (options.dryRun === true) {
      this.overlay = new OverlayView(this.real);
      this.view = this.overlay;
    } else {
      this.view = this.real;
    }
    this.steps = new MutationSteps(options.failAfter);
    this.ctx = {
      steps: this.steps,
      recheck: (dir, name, seen, path) => this.recheck(dir, name, seen, path),
    };
    this.processOwner = { uid: process.geteuid?.() ?? 0, gid: process.getegid?.() ?? 0 };
  }

  // ---- resolution ----------------------------------------------------------------------------

  /** Resolves with chroot semantics, checking directory components against the snapshot. */
  /** Resolves a path to mutate (not following its last component); `skipped` when it does not resolve. */
  private resolveOrSkip(path: string): Resolved | { readonly skipped: string } {
    try {
      return this.resolve(path, false);
    } catch (e) {
      if (e instanceof EffectsFailure && e.error.code !== 'CHANGED')
        return { skipped: e.error.message };
      throw e;
    }
  }

  private resolve(path: string, followFinal: boolean): Resolved {
    const snapshot = this.options.snapshot;
    const onComponent =
      snapshot === undefined
        ? undefined
        : (p: string, info: NodeInfo | undefined, isFinal: boolean): void => {
            if (isFinal && !followFinal) return;
            if (info?.virtual === true) return;
            const expected = snapshot.entries.get(p);
            if (expected === undefined) return;
            const now = info?.kind;
            const drifted =
              now !== expected.kind ||
              (expected.kind === 'symlink' &&
                info?.kind === 'symlink' &&
                info.target !== expected.target);
            if (!drifted || (isFinal && now === undefined)) return;
            const was =
              expected.kind === 'symlink'
                ? `a symlink to ${expected.target}`
                : kindName(expected.kind);
            const is = info?.kind === 'symlink' ? `a symlink to ${info.target}` : kindName(now);
            fail(
              'CHANGED',
              p,
              `${p} was ${was} in the snapshot the plan was made from and is ${is} now; refusing`,
            );
          };
    return resolveAt(this.view, this.root, path, {
      followFinal,
      ...(onComponent ? { onComponent } : {}),
    });
  }

  /** Right before a rename: the directory is still at its path and the target is unchanged. */
  private recheck(dir: DirHandle, name: string, seen: NodeInfo | undefined, path: string): void {
    if (dir.fd === undefined) fail('ENOENT', path, `${path}: directory does not exist`);
    const now = lstatAt(dir.fd, name);
    const same =
      (now === undefined && seen === undefined) ||
      (now !== undefined &&
        seen !== undefined &&
        now.kind === seen.kind &&
        now.ino === seen.ino &&
        now.dev === seen.dev);
    if (!same)
      fail(
        'CHANGED',
        path,
        `${path} changed while the plan was being applied (it is ${kindName(now?.kind)} now); refusing`,
      );
    if (dir.path === '/') return;
    // The directory must still be where it was: re-resolve its (link-free) path from the rootfs.
    const r = resolveAt(this.real, this.root, dir.path, {
      followFinal: false,
      onComponent: (p, info) => {
        if (info?.kind !== 'dir')
          fail(
            'CHANGED',
            p,
            `${p} is no longer a directory (it is ${kindName(info?.kind)} now); refusing to write ${path}`,
          );
      },
    });
    if (r.parent !== undefined) this.real.close(r.parent);
    if (r.info === undefined || r.info.dev !== dir.dev || r.info.ino !== dir.ino) {
      fail(
        'CHANGED',
        dir.path,
        `${dir.path} was replaced while the plan was being applied; refusing to write ${path}`,
      );
    }
  }

  /** `.pve-ignore.<name>` is a regular file next to the target (spec §1.3). */
  private ignoredBy(parentPath: string, name: string): string | undefined {
    const marker = join(parentPath, `.pve-ignore.${name}`);
    try {
      const r = resolveAt(this.view, this.root, marker, { followFinal: true });
      if (r.parent !== undefined) this.view.close(r.parent);
      return r.info?.kind === 'file' ? marker : undefined;
    } catch {
      return undefined;
    }
  }

  private readContent(dir: DirHandle, name: string, info: NodeInfo, path: string): Uint8Array {
    const node = this.overlay?.overlay.get(path);
    if (node?.kind === 'file') return node.content;
    return readFileAt(dir, name, info, path, Number.MAX_SAFE_INTEGER);
  }

  /** Whether the file holds exactly `content` (compared a chunk at a time, never read whole). */
  private holds(
    dir: DirHandle,
    name: string,
    info: NodeInfo & { readonly kind: 'file' },
    path: string,
    content: WriteContent,
  ): boolean {
    if (info.size !== content.size) return false;
    const node = this.overlay?.overlay.get(path);
    if (node?.kind !== 'file') return fileEqualsAt(dir, name, info, path, content.chunks());
    let at = 0;
    for (const chunk of content.chunks()) {
      if (Buffer.compare(node.content.subarray(at, at + chunk.length), chunk) !== 0) return false;
      at += chunk.length;
    }
    return at === node.content.length;
  }

  private noteFile(
    path: string,
    before: () => Uint8Array | undefined,
    after: () => Uint8Array | undefined,
  ): void {
    if (!(this.options.recordDiffs ?? this.options.dryRun === true)) return;
    const h = this.history.get(path);
    if (h === undefined) this.history.set(path, { before: before(), after: after() });
    else h.after = after();
  }

  // ---- operations ----------------------------------------------------------------------------

  apply(index: number, op: PlanOperation): OperationOutcome {
    const outcome = (
      path: string,
      status: OperationOutcome['status'],
      changes: ChangeKind[] = [],
      note?: string,
    ): OperationOutcome => ({
      index,
      operation: op,
      path,
      status,
      changes: status === 'changed' ? changes : [],
      ...(note === undefined ? {} : { note }),
    });
    switch (op.op) {
      case 'write':
        return this.write(op.path, textContent(op.content), op.mode, op.owner, outcome);
      case 'mkdir':
        return op.parents ? this.makePath(op, outcome) : this.mkdir(op, outcome);
      case 'symlink':
        return this.symlink(op, outcome);
      case 'unlink':
        return this.unlink(op, outcome);
      case 'ssh-host-key':
        return this.hostKey(op, outcome);
    }
  }

  private write(
    path: string,
    content: WriteContent,
    mode: number,
    owner: HostOwner | undefined,
    outcome: OutcomeOf,
  ): OperationOutcome {
    const r = this.resolve(path, false);
    if (r.parent === undefined)
      fail('EISDIR', r.path, `cannot write ${path}: ${r.path} is a directory`);
    const { parent, name, info } = r;
    try {
      const ignored = this.ignoredBy(parent.path, name);
      if (ignored !== undefined)
        return outcome(r.path, 'skipped', [], `ignored: ${ignored} exists`);
      if (info?.kind === 'dir')
        fail('EISDIR', r.path, `cannot write ${path}: ${r.path} is a directory`);
      const want = {
        uid: owner?.uid ?? this.processOwner.uid,
        gid: owner?.gid ?? this.processOwner.gid,
      };
      const changes: ChangeKind[] = [];
      if (info === undefined) changes.push('created');
      else if (info.kind !== 'file') changes.push('type', 'content');
      else {
        if (!this.holds(parent, name, info, r.path, content)) changes.push('content');
        if (info.mode !== (mode & 0o7777)) changes.push('mode');
        if (info.uid !== want.uid || info.gid !== want.gid) changes.push('owner');
      }
      if (changes.length === 0) return outcome(r.path, 'unchanged');
      let bytes: Uint8Array | undefined; // all of them, only for a dry run or a diff
      const allBytes = (): Uint8Array => (bytes ??= content.bytes());
      if (changes.includes('content') || changes.includes('created')) {
        this.noteFile(
          r.path,
          () => (info?.kind === 'file' ? this.readContent(parent, name, info, r.path) : undefined),
          allBytes,
        );
      }
      if (this.overlay !== undefined) {
        this.overlay.overlay.set(r.path, {
          kind: 'file',
          content: allBytes(),
          mode: mode & 0o7777,
          ...want,
        });
      } else {
        removeStraysAt(this.ctx, parent, name, r.path);
        replaceFileAt(this.ctx, parent, name, r.path, content.chunks(), mode, owner, info);
      }
      return outcome(r.path, 'changed', changes);
    } finally {
      this.view.close(parent);
    }
  }

  private mkdir(op: PlanOperation & { op: 'mkdir' }, outcome: OutcomeOf): OperationOutcome {
    const r = this.resolve(op.path, false);
    if (r.parent === undefined || r.info !== undefined)
      return outcome(r.path, 'unchanged', [], 'exists');
    try {
      this.createDir(r.parent, r.name, r.path, op.mode, op.owner);
      return outcome(r.path, 'changed', ['created']);
    } finally {
      this.view.close(r.parent);
    }
  }

  private createDir(
    parent: DirHandle,
    name: string,
    path: string,
    mode: number,
    owner: HostOwner | undefined,
  ): void {
    if (this.overlay !== undefined) {
      this.overlay.overlay.set(path, {
        kind: 'dir',
        mode: mode & 0o7777,
        ...(owner ?? this.processOwner),
      });
    } else {
      removeStraysAt(this.ctx, parent, name, path);
      createDirAt(this.ctx, parent, name, path, mode, owner);
    }
  }

  private makePath(op: PlanOperation & { op: 'mkdir' }, outcome: OutcomeOf): OperationOutcome {
    const parts = op.path.split('/').filter((p) => p !== '' && p !== '.');
    let created = false;
    let last = '/';
    for (let i = 1; i <= parts.length; i++) {
      const prefix = '/' + parts.slice(0, i).join('/');
      const r = this.resolve(prefix, true);
      last = r.path;
      if (r.parent === undefined) continue;
      try {
        if (r.info === undefined) {
          this.createDir(r.parent, r.name, r.path, op.mode, op.owner);
          created = true;
        } else if (r.info.kind !== 'dir') {
          fail(
            'ENOTDIR',
            r.path,
            `cannot create directory ${op.path}: ${r.path} is ${kindName(r.info.kind)}`,
          );
        }
      } finally {
        this.view.close(r.parent);
      }
    }
    return created
      ? outcome(last, 'changed', ['created'])
      : outcome(last, 'unchanged', [], 'exists');
  }

  /**
   * Runs `act` on the resolved target of a symlink or unlink operation. As with ct_symlink and
   * ct_unlink, a path that does not resolve is skipped (a refusal is not), as are a directory
   * with no name of its own and an ignored (`.pve-ignore.*`) target. The parent is released after.
   */
  private atTarget(
    path: string,
    outcome: OutcomeOf,
    act: (r: Resolved & { readonly parent: DirHandle }) => OperationOutcome,
  ): OperationOutcome {
    const r = this.resolveOrSkip(path);
    if (!('parent' in r)) return outcome(path, 'skipped', [], r.skipped);
    const parent = r.parent;
    if (parent === undefined) return outcome(r.path, 'skipped', [], 'is a directory');
    try {
      const ignored = this.ignoredBy(parent.path, r.name);
      if (ignored !== undefined)
        return outcome(r.path, 'skipped', [], `ignored: ${ignored} exists`);
      return act({ ...r, parent });
    } finally {
      this.view.close(parent);
    }
  }

  private symlink(op: PlanOperation & { op: 'symlink' }, outcome: OutcomeOf): OperationOutcome {
    return this.atTarget(op.path, outcome, (r) => {
      const { parent, name, info } = r;
      const want = op.owner ?? this.processOwner;
      const changes: ChangeKind[] = [];
      if (info === undefined) changes.push('created');
      else if (op.replace !== true) return outcome(r.path, 'unchanged', [], 'exists');
      else if (info.kind === 'dir')
        return outcome(r.path, 'skipped', [], 'a directory is in the way');
      else if (info.kind !== 'symlink') changes.push('type', 'target');
      else {
        if (info.target !== op.target) changes.push('target');
        if (op.owner !== undefined && (info.uid !== want.uid || info.gid !== want.gid))
          changes.push('owner');
      }
      if (changes.length === 0) return outcome(r.path, 'unchanged');
      if (info?.kind === 'file')
        this.noteFile(
          r.path,
          () => this.readContent(parent, name, info, r.path),
          () => undefined,
        );
      if (this.overlay !== undefined) {
        this.overlay.overlay.set(r.path, { kind: 'symlink', target: op.target, ...want });
      } else {
        removeStraysAt(this.ctx, parent, name, r.path);
        replaceSymlinkAt(this.ctx, parent, name, r.path, op.target, op.owner, info);
      }
      return outcome(r.path, 'changed', changes, `-> ${op.target}`);
    });
  }

  private unlink(op: PlanOperation & { op: 'unlink' }, outcome: OutcomeOf): OperationOutcome {
    return this.atTarget(op.path, outcome, (r) => {
      const { parent, name, info } = r;
      if (info === undefined) return outcome(r.path, 'unchanged', [], 'does not exist');
      if (info.kind === 'dir') return outcome(r.path, 'skipped', [], 'is a directory');
      if (info.kind === 'file')
        this.noteFile(
          r.path,
          () => this.readContent(parent, name, info, r.path),
          () => undefined,
        );
      if (this.overlay !== undefined) this.overlay.overlay.set(r.path, { kind: 'absent' });
      else removeAt(this.ctx, parent, name, r.path, info);
      return outcome(r.path, 'changed', ['removed']);
    });
  }

  /** Whether a valid pair with the right modes and owner is already at `path` / `path.pub`. */
  private existingPairOk(
    op: SshHostKeyOperation,
    parent: DirHandle,
    name: string,
    path: string,
  ): boolean {
    const want = op.owner ?? this.processOwner;
    const priv = this.view.lstat(parent, name, path);
    const pub = this.view.lstat(parent, `${name}.pub`, `${path}.pub`);
    const ok = (info: NodeInfo | undefined, mode: number): info is NodeInfo & { kind: 'file' } =>
      info?.kind === 'file' &&
      info.mode === mode &&
      info.uid === want.uid &&
      info.gid === want.gid &&
      info.size > 0;
    if (!ok(priv, 0o600) || !ok(pub, 0o644)) return false;
    const pair: HostKeyPair = {
      privateKey: this.readContent(parent, name, priv, path),
      publicKey: this.readContent(parent, `${name}.pub`, pub, `${path}.pub`),
    };
    const match = isMatchingPair(pair, path, this.options);
    return E.isRight(match) && match.right;
  }

  private hostKey(op: SshHostKeyOperation, outcome: OutcomeOf): OperationOutcome {
    const r = this.resolve(op.path, false);
    if (r.parent === undefined)
      fail('EISDIR', r.path, `cannot write ssh host key ${op.path}: ${r.path} is a directory`);
    const { parent, name } = r;
    try {
      if (
        this.options.hostKeys === 'keep-existing' &&
        this.existingPairOk(op, parent, name, r.path)
      ) {
        return outcome(r.path, 'unchanged', [], 'existing key pair kept');
      }
      const privIgnored = this.ignoredBy(parent.path, name);
      const pubIgnored = this.ignoredBy(parent.path, `${name}.pub`);
      if (privIgnored !== undefined && pubIgnored !== undefined)
        return outcome(r.path, 'skipped', [], `ignored: ${privIgnored} exists`);
    } finally {
      this.view.close(parent);
    }
    if (this.overlay !== undefined) {
      const placeholder = encodeUtf8(`(a new ${op.keyType} key is generated here)\n`);
      this.overlay.overlay.set(r.path, {
        kind: 'file',
        content: placeholder,
        mode: 0o600,
        ...(op.owner ?? this.processOwner),
      });
      return outcome(
        r.path,
        'changed',
        // as the real apply reports it: a missing key is created, an existing one replaced
        [r.info === undefined ? 'created' : 'content'],
        `a new ${op.keyType} key pair would be generated`,
      );
    }
    this.generator ??= this.options.generateHostKey ?? sshKeygenGenerator(this.options);
    const pair = this.generator(op.keyType, op.comment, r.path);
    if (E.isLeft(pair)) throw new EffectsFailure(pair.left);
    // Written through the ordinary atomic write (which re-resolves and re-checks each file).
    const written = [
      this.write(op.path, bytesContent(pair.right.privateKey), 0o600, op.owner, outcome),
      this.write(`${op.path}.pub`, bytesContent(pair.right.publicKey), 0o644, op.owner, outcome),
    ];
    const changes = [...new Set(written.flatMap((o) => o.changes))];
    if (changes.length === 0)
      return outcome(r.path, 'unchanged', [], 'the generated pair is already in place');
    return outcome(r.path, 'changed', changes, `new ${op.keyType} key pair`);
  }

  report(): ApplyReport {
    const keyPaths = new Set(
      this.outcomes
        .filter((o) => o.operation.op === 'ssh-host-key')
        .flatMap((o) => [o.path, `${o.path}.pub`]),
    );
    const history = [...this.history].filter(([path]) => !keyPaths.has(path)); // key material is not diffed
    return lazyDiffReport(
      {
        dryRun: this.options.dryRun === true,
        outcomes: this.outcomes,
        changed: this.outcomes.filter((o) => o.status === 'changed'),
        mutations: this.steps.count,
      },
      history,
    );
  }
}
