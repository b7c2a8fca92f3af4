/**
 * Reads the part of a real container rootfs that OS detection and the setup planners look at into
 * an {@link FsSnapshot}. Every path is resolved with chroot semantics by the adapter itself (see
 * `chroot-resolve.ts`): symlinks are recorded as symlinks, with every link and directory met on the
 * way, so that the snapshot's own `resolvePath` retraces the same route; links are never followed
 * out of the rootfs. Modes, uids and gids are recorded as they are on the host.
 */
import { realpathSync, statSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import {
  type FsEntry,
  type FsSnapshot,
  fsSnapshotFromEntries,
  normalizePath,
  readTextFile,
} from '../os/fs-snapshot.js';
import { resolveAt } from './chroot-resolve.js';
import {
  type DirHandle,
  type NodeInfo,
  closeDir,
  listDirAt,
  openRoot,
  procFdAvailable,
  readFileAt,
} from './dir-fd.js';
import { type EffectsError, EffectsFailure, fail, toEffectsError } from './effects-error.js';
import { RealView } from './rootfs-view.js';

/**
 * The paths read by default. A path is a container path, optionally ending in a glob of its last
 * component (`*`, `?`; `/etc/cron.d/*`) or in `/**` (the whole tree below). `~root` at the start
 * stands for root's home directory as `/etc/passwd` in the rootfs gives it (default `/root`).
 * Missing paths are simply absent from the snapshot.
 */
export const DEFAULT_ROOTFS_PATHS: readonly string[] = [
  // OS detection (spec §2) and architecture
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/*-release',
  '/etc/*_version',
  '/etc/SuSE-brand',
  '/nix/store',
  '/bin/sh',
  '/sbin/init',
  '/lib/systemd/systemd',
  '/usr/lib/systemd/systemd',
  '/usr/lib/systemd/systemd-networkd',
  // identity, names, resolver
  '/etc/hostname',
  '/etc/hosts',
  '/etc/.pve-ignore.*',
  '/etc/resolv.conf',
  '/etc/machine-id',
  '/var/lib/dbus/machine-id',
  '/etc/timezone',
  '/etc/localtime',
  '/etc/locale.conf',
  '/etc/conf.d/*',
  // network
  '/etc/network/interfaces',
  '/etc/network/.pve-ignore.*',
  '/etc/sysconfig/**',
  '/etc/NetworkManager/system-connections/*',
  '/etc/systemd/network/*',
  '/etc/netplan/*',
  '/etc/init.d/*',
  '/etc/runlevels/**',
  // users and services
  '/etc/passwd',
  '/etc/shadow',
  '/etc/crontab',
  '/etc/cron.d/*',
  '/etc/inittab',
  '/etc/securetty',
  '/etc/init/*',
  '/etc/rc.d/rc.sysinit',
  '/sbin/start_udev',
  '/etc/udev/udev.conf',
  '/etc/systemd/system/**',
  '/etc/systemd/system-preset/*',
  '/lib/systemd/system/container-getty@.service',
  '/lib/systemd/system/getty@.service',
  '/lib/systemd/system/systemd-networkd.service',
  '/lib/systemd/system/systemd-networkd.socket',
  '/usr/lib/systemd/system/container-getty@.service',
  '/usr/lib/systemd/system/getty@.service',
  '/usr/lib/systemd/system/systemd-networkd.service',
  '/usr/lib/systemd/system/systemd-networkd.socket',
  '/etc/ssl/private/ssl-cert-snakeoil.key',
  // ssh
  '/etc/ssh',
  '/etc/ssh/ssh_host_*',
  '/etc/ssh/.pve-ignore.*',
  '~root',
  '~root/.ssh',
  '~root/.ssh/authorized_keys',
  '~root/.ssh/.pve-ignore.*',
];

/** Options of {@link readRootfs}. */
export interface ReadRootfsOptions {
  /** The paths to read (default {@link DEFAULT_ROOTFS_PATHS}). */
  readonly paths?: readonly string[];
  /** More paths on top of `paths`, e.g. `/usr/share/zoneinfo/Europe/Vienna` for a time zone. */
  readonly extraPaths?: readonly string[];
  /** Largest file read, in bytes (default 64 MiB); a larger one fails with TOO_LARGE. */
  readonly maxFileBytes?: number;
  /** Most entries one `/**` pattern may collect (default 20000); more fails with TOO_LARGE. */
  readonly maxTreeEntries?: number;
}

const DEFAULT_MAX_FILE = 64 * 1024 * 1024;
const DEFAULT_MAX_TREE = 20_000;

/** Checks the rootfs argument: an existing directory other than the host's `/`. */
export function checkRootfs(rootfs: string): E.Either<readonly [EffectsError], string> {
  let real: string;
  try {
    real = realpathSync(rootfs);
    if (!statSync(real).isDirectory()) {
      return E.left([
        {
          code: 'INVALID_ROOTFS',
          severity: 'error',
          path: '/',
          message: `rootfs ${rootfs} is not a directory`,
        },
      ]);
    }
  } catch (e) {
    return E.left([
      {
        code: 'INVALID_ROOTFS',
        severity: 'error',
        path: '/',
        message: `rootfs ${rootfs} cannot be used: ${(e as Error).message}`,
      },
    ]);
  }
  if (real === '/')
    return E.left([
      {
        code: 'INVALID_ROOTFS',
        severity: 'error',
        path: '/',
        message: `rootfs ${rootfs} is the host's root directory; refusing`,
      },
    ]);
  if (!procFdAvailable()) {
    return E.left([
      {
        code: 'NO_PROC_FD',
        severity: 'error',
        path: '/',
        message: '/proc/self/fd is not available; the adapter needs Linux with /proc mounted',
      },
    ]);
  }
  return E.right(real);
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    '^' +
      glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );

const isGlob = (part: string): boolean => /[*?]/.test(part);

function toEntry(info: NodeInfo, content: () => Uint8Array): FsEntry | undefined {
  switch (info.kind) {
    case 'file':
      return { kind: 'file', content: content(), mode: info.mode, uid: info.uid, gid: info.gid };
    case 'dir':
      return { kind: 'dir', mode: info.mode, uid: info.uid, gid: info.gid };
    case 'symlink':
      return { kind: 'symlink', target: info.target, uid: info.uid, gid: info.gid };
    case 'other':
      return undefined; // devices, fifos and sockets have no place in a snapshot
  }
}

class Reader {
  readonly entries = new Map<string, FsEntry>();
  private readonly view: RealView;

  constructor(
    private readonly root: DirHandle,
    private readonly maxFile: number,
    private readonly maxTree: number,
  ) {
    this.view = new RealView(root);
  }

  /**
   * Records every component met while resolving `path`, and the final one (file content too).
   * With `openDir`, a directory at `path` is returned open (the caller closes it).
   */
  read(path: string, openDir = false): DirHandle | undefined {
    const record = (p: string, info: NodeInfo | undefined): void => {
      if (info === undefined || info.kind === 'file' || this.entries.has(p)) return;
      const entry = toEntry(info, () => new Uint8Array());
      if (entry !== undefined) this.entries.set(p, entry);
    };
    let r;
    try {
      r = resolveAt(this.view, this.root, path, { followFinal: true, onComponent: record });
    } catch (e) {
      // A dangling link, a link loop or a file used as a directory: what was met is recorded (the
      // file too), and the snapshot reproduces the same error.
      if (e instanceof EffectsFailure && ['ENOENT', 'ENOTDIR', 'ELOOP'].includes(e.error.code)) {
        if (e.error.code === 'ENOTDIR' && !this.entries.has(e.error.path)) this.read(e.error.path);
        return undefined;
      }
      throw e;
    }
    const { parent, name, info } = r;
    if (parent === undefined || info === undefined) return undefined;
    try {
      if (info.kind === 'file' && !this.entries.has(r.path)) {
        const content = readFileAt(parent, name, info, r.path, this.maxFile);
        this.entries.set(r.path, {
          kind: 'file',
          content,
          mode: info.mode,
          uid: info.uid,
          gid: info.gid,
        });
      }
      if (info.kind === 'dir' && openDir) return this.view.openDir(parent, name, info, r.path);
      return undefined;
    } finally {
      this.view.close(parent);
    }
  }

  /** Reads `dir/pattern` for each name in `dir` matching the glob. */
  readGlob(dir: string, pattern: string): void {
    const handle = dir === '/' ? this.root : this.read(dir, true);
    if (handle === undefined) return;
    let names: string[];
    try {
      names = listDirAt(handle);
    } finally {
      if (handle !== this.root) closeDir(handle);
    }
    const re = globToRegExp(pattern);
    for (const name of names)
      if (re.test(name)) this.read((handle.path === '/' ? '' : handle.path) + '/' + name);
  }

  /** Reads the whole tree below `dir` (links recorded, and followed only for their own target). */
  readTree(dir: string): void {
    const handle = dir === '/' ? this.root : this.read(dir, true);
    if (handle === undefined) return;
    let count = 0;
    const walk = (h: DirHandle): void => {
      let names: string[];
      try {
        names = listDirAt(h);
      } finally {
        if (h !== this.root) closeDir(h);
      }
      for (const name of names) {
        if (++count > this.maxTree)
          fail('TOO_LARGE', dir, `${dir} has more than ${this.maxTree} entries below it`);
        const child = this.read((h.path === '/' ? '' : h.path) + '/' + name, true);
        // Only descend into real subdirectories, not into directories reached through a link.
        const lexical = (h.path === '/' ? '' : h.path) + '/' + name;
        if (child !== undefined) {
          if (child.path === lexical) walk(child);
          else closeDir(child);
        }
      }
    };
    walk(handle);
  }

  /** root's home directory from the rootfs's `/etc/passwd` (default `/root`). */
  rootHome(): string {
    this.read('/etc/passwd');
    const text = readTextFile(fsSnapshotFromEntries(this.entries), '/etc/passwd');
    if (E.isRight(text)) {
      for (const line of text.right.split('\n')) {
        const fields = line.split(':');
        if (fields[0] === 'root' && fields[5] !== undefined && fields[5].startsWith('/'))
          return normalizePath(fields[5]);
      }
    }
    return '/root';
  }
}

/**
 * Reads the given paths (default {@link DEFAULT_ROOTFS_PATHS}) of the rootfs directory `rootfs`
 * into a snapshot. Errors (an unusable rootfs, an unreadable or too large file, a component
 * swapped while reading) are values naming the path and the reason.
 */
export function readRootfs(
  rootfs: string,
  options: ReadRootfsOptions = {},
): E.Either<readonly [EffectsError], FsSnapshot> {
  const checked = checkRootfs(rootfs);
  if (E.isLeft(checked)) return checked;
  let root: DirHandle;
  try {
    root = openRoot(checked.right);
  } catch (e) {
    return E.left([toEffectsError(e, '/', 'cannot open rootfs')]);
  }
  let current = '/';
  try {
    const reader = new Reader(
      root,
      options.maxFileBytes ?? DEFAULT_MAX_FILE,
      options.maxTreeEntries ?? DEFAULT_MAX_TREE,
    );
    const rootInfo = statSync(checked.right, { bigint: true });
    reader.entries.set('/', {
      kind: 'dir',
      mode: Number(rootInfo.mode) & 0o7777,
      uid: Number(rootInfo.uid),
      gid: Number(rootInfo.gid),
    });
    let home: string | undefined;
    for (const raw of [...(options.paths ?? DEFAULT_ROOTFS_PATHS), ...(options.extraPaths ?? [])]) {
      let pattern = raw;
      if (pattern === '~root' || pattern.startsWith('~root/')) {
        home ??= reader.rootHome();
        pattern = home + pattern.slice('~root'.length);
      }
      current = pattern;
      const parts = pattern.split('/').filter((p) => p !== '');
      const last = parts[parts.length - 1];
      const dir = '/' + parts.slice(0, -1).join('/');
      if (last === '**') reader.readTree(dir);
      else if (last !== undefined && isGlob(last)) reader.readGlob(dir, last);
      else reader.read(pattern);
    }
    return E.right(fsSnapshotFromEntries(reader.entries));
  } catch (e) {
    return E.left([toEffectsError(e, current, 'cannot read')]);
  } finally {
    closeDir(root);
  }
}
