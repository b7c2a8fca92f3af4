/**
 * Safe streaming extraction of a template into a target directory (spec B.2, B.5 items 1–9): the
 * archive is decompressed by its name's suffix and read member by member with bounded memory;
 * every path is created component-wise below the target through directory descriptors, never
 * following a link (the adapter's `/proc/self/fd` primitives); nothing existing is overwritten
 * (`--skip-old-files`); owners go through the container's id map.
 *
 * What each member becomes:
 * - regular file: created with O_CREAT|O_EXCL|O_NOFOLLOW (an existing entry of any kind, a symlink
 *   included, is skipped), data written (sparse members as holes), then owner, mode (setuid,
 *   setgid, sticky kept: chmod comes after chown), `user.*` / `security.capability` xattrs, POSIX
 *   ACLs, mtime;
 * - directory: created (missing parents too, as GNU tar does, mode 0755 owned by the container's
 *   root); its owner, mode and mtime are set at the end, after its contents, like GNU tar;
 * - symlink: created with its target verbatim (never resolved), owner and mtime set on the link;
 * - hard link: only to a regular file this run extracted, reached without a link;
 * - FIFO: created (with the host's `mkfifo`); char/block devices: recorded, never created;
 * - names with `..`, members below `dev/`, and members whose parent is (or passes through) a
 *   symlink or a non-directory: refused with a diagnostic.
 */
import { execFileSync } from 'node:child_process';
import {
  statSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  ftruncateSync,
  futimesSync,
  lchownSync,
  lstatSync,
  linkSync,
  lutimesSync,
  mkdirSync,
  openSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { IdMap } from '../../create/id-map.js';
import { mapId } from '../../create/id-map.js';
import type { TemplateCompression } from '../../create/template-name.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnostic, errorDiagnostic, warningDiagnostic } from '../../diagnostics/diagnostic.js';
import type { Failure, Result } from '../../diagnostics/result.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { type DirHandle, atPath, closeDir, lstatAt, openDirAt, openRoot } from '../dir-fd.js';
import { checkRootfs } from '../read-rootfs.js';
import { openTarSource, readHead, sniffCompression } from './decompress.js';
import { hasControlCharacters, isExcludedDev, sanitiseMemberName } from './member-name.js';
import { type TarEntry, TarFormatError, TarReader } from './tar-reader.js';

/** Codes of the extractor. */
export type ExtractCode =
  /** The archive cannot be read, or the target root directory cannot be checked or opened. */
  | 'EXTRACT_CANNOT_OPEN'
  /** The archive's content looks like a different compression than its name says (warning). */
  | 'EXTRACT_COMPRESSION_MISMATCH'
  /** The decompressor fails or exits with an error. */
  | 'EXTRACT_DECOMPRESS_FAILED'
  /** The tar stream is malformed (`tar: …`). */
  | 'EXTRACT_CORRUPT'
  /** The archive holds more data than the byte limit; extraction stops. */
  | 'EXTRACT_LIMIT_BYTES'
  /** The archive holds more members than the member limit; extraction stops. */
  | 'EXTRACT_LIMIT_MEMBERS'
  /** A member name contains `..` and is not extracted: `tar: <name>: Member name contains '..'`. */
  | 'EXTRACT_DOTDOT'
  /** A member name is not UTF-8 or otherwise unusable; the member is not extracted. */
  | 'EXTRACT_BAD_NAME'
  /** A member name has control characters (notice); it is still extracted. */
  | 'EXTRACT_UNUSUAL_NAME'
  /** A member lies below a path that is a symbolic link; it is not extracted through the link. */
  | 'EXTRACT_THROUGH_SYMLINK'
  /** A parent path of a member exists but is not a directory. */
  | 'EXTRACT_NOT_A_DIRECTORY'
  /** A hard link's target is not a usable member name or does not exist; the link is refused. */
  | 'EXTRACT_HARDLINK_REFUSED'
  /** A device member is recorded, not created (unprivileged): `tar: <path>: Cannot mknod: Operation not permitted` (warning). */
  | 'EXTRACT_DEVICE_RECORDED'
  /** A member's uid or gid has no mapping in the id map: `tar: <path>: Cannot change ownership to uid <u>, gid <g>: Invalid argument`. */
  | 'EXTRACT_UNMAPPED_ID'
  /** A member's xattr is not `user.*` or `security.capability` and is dropped (notice). */
  | 'EXTRACT_XATTR_DROPPED'
  /** An xattr cannot be set (or `setfattr` is not installed) (warning). */
  | 'EXTRACT_XATTR_FAILED'
  /** An ACL cannot be set (or `setfacl` is not installed) (warning). */
  | 'EXTRACT_ACL_FAILED'
  /** A member of an unknown type (extracted as a regular file), or a multivolume/label member (ignored). */
  | 'EXTRACT_UNSUPPORTED_TYPE'
  /** A filesystem operation on the target fails, or the target changes during extraction. */
  | 'EXTRACT_IO'
  /** The closing summary when extraction had errors (counts of errors and warnings). */
  | 'EXTRACT_FAILED';

/** A device node the extractor did not create. */
export interface RecordedDevice {
  readonly path: string;
  readonly type: 'char' | 'block';
  readonly major: number;
  readonly minor: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** Progress, reported at most every `progressEvery` bytes of tar stream and at the end. */
export interface ExtractProgress {
  /** Compressed bytes read, and the archive's size. */
  readonly archiveRead: number;
  readonly archiveSize: number;
  /** Tar stream bytes consumed. */
  readonly tarBytes: number;
  /** Data bytes written to files. */
  readonly bytes: number;
  readonly members: number;
}

/** What an extraction did. */
export interface ExtractSummary {
  readonly members: number;
  /** Data bytes written (a sparse file's holes do not count). */
  readonly bytes: number;
  /** Members skipped because something already existed there. */
  readonly skipped: number;
  /** Members excluded (`dev/*`). */
  readonly excluded: number;
  /** Members that failed (each has a diagnostic unless more than `maxDiagnostics`). */
  readonly errors: number;
  readonly devices: readonly RecordedDevice[];
  /** Warnings and notices (errors too when `ignoreUnpackErrors`), at most `maxDiagnostics`. */
  readonly diagnostics: readonly Diagnostic<ExtractCode>[];
  /** Diagnostics not kept because of the cap. */
  readonly diagnosticsDropped: number;
}

/** Options of {@link extractArchive}. */
export interface ExtractOptions {
  /** The archive file. */
  readonly archive: string;
  /** Its compression (from its name: `templateCompression` in pctkit/create). */
  readonly compression: TemplateCompression;
  /** The target directory (must exist; not `/`). */
  readonly target: string;
  /** The container's id map (empty: privileged, ids kept). */
  readonly idMap: IdMap;
  /** Member errors become warnings and the result a success (`ignore-unpack-errors`). */
  readonly ignoreUnpackErrors?: boolean;
  /** Cap on data bytes written (default 64 GiB): a decompression bomb stops here. */
  readonly maxBytes?: number;
  /** Cap on members (default 10,000,000). */
  readonly maxMembers?: number;
  /** Diagnostics kept (default 1000); the rest are counted. */
  readonly maxDiagnostics?: number;
  /** Called with progress (throttled) and once at the end. */
  readonly onProgress?: (p: ExtractProgress) => void;
  /** Tar bytes between two progress calls (default 4 MiB). */
  readonly progressEvery?: number;
}

/** Internal: a member-level failure. */
class MemberFailure extends Error {
  constructor(
    readonly code: ExtractCode,
    message: string,
    readonly proxmoxText?: string,
  ) {
    super(message);
  }
}

/** Internal: the whole extraction stops. */
class Abort extends Error {
  constructor(
    readonly code: ExtractCode,
    message: string,
  ) {
    super(message);
  }
}

const O_NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const DIR_CACHE_LIMIT = 512;
const XATTRS_KEPT = (name: string): boolean =>
  name.startsWith('user.') || name === 'security.capability';

interface PendingDir {
  readonly components: readonly string[];
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
}

function errnoOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The path a child process can use for `name` in the directory open as `fd` in THIS process
 * (`/proc/self` would be the child's own).
 */
function childAtPath(fd: number, name: string): string {
  return atPath(fd, name).replace('/proc/self/', `/proc/${process.pid}/`);
}

/** `security.capability` v2 → v3 with the container's root as rootid (what a userns write stores). */
function capabilityForUserns(value: Uint8Array, rootUid: number | undefined): Uint8Array {
  if (rootUid === undefined || rootUid === 0 || value.length !== 20) return value;
  const magic = (value[3] as number) >> 0;
  if (magic !== 0x02) return value;
  const out = new Uint8Array(24);
  out.set(value, 0);
  out[3] = 0x03;
  new DataView(out.buffer).setUint32(20, rootUid, true);
  return out;
}

function hex(v: Uint8Array): string {
  let s = '0x';
  for (const b of v) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Maps the numeric ids of an ACL text (`user:1000:r--`) through the id map. */
function mapAclText(text: string, idMap: IdMap): string | undefined {
  const out: string[] = [];
  for (const entry of text.split(/[,\n]/)) {
    if (entry === '') continue;
    const parts = entry.split(':');
    const [tag, qual] = parts;
    if ((tag === 'user' || tag === 'group') && qual !== undefined && /^\d+$/.test(qual)) {
      const mapped = mapId(idMap, tag === 'user' ? 'u' : 'g', Number(qual));
      if (mapped === undefined) return undefined;
      parts[1] = String(mapped);
    }
    out.push(parts.join(':'));
  }
  return out.join(',');
}

/** The extraction state of one run. */
class Extractor {
  readonly diagnostics: Diagnostic<ExtractCode>[] = [];
  diagnosticsDropped = 0;
  members = 0;
  bytes = 0;
  skipped = 0;
  excluded = 0;
  errors = 0;
  readonly devices: RecordedDevice[] = [];
  private readonly dirs = new Map<string, DirHandle>();
  private readonly pendingDirs: PendingDir[] = [];
  /** Directories created for a member's path before their own member came (GNU tar sets their
   * metadata when it comes). */
  private readonly implicitDirs = new Set<string>();
  /** Inodes of regular files this run created: the only allowed hard-link targets. */
  private readonly created = new Set<number>();
  private readonly rootOwner: { uid: number; gid: number };
  private readonly tools = new Map<string, boolean>();
  private warnedOnce = new Set<string>();
  // The current member.
  private fd: number | undefined;
  private entry: TarEntry | undefined;
  private entryPath = '';
  private sparseIndex = 0;
  private sparseDone = 0;

  constructor(
    private readonly root: DirHandle,
    private readonly options: ExtractOptions,
  ) {
    this.rootOwner = {
      uid: mapId(options.idMap, 'u', 0) ?? 0,
      gid: mapId(options.idMap, 'g', 0) ?? 0,
    };
  }

  report(
    severity: 'error' | 'warning' | 'notice',
    code: ExtractCode,
    message: string,
    path: string,
    proxmoxText?: string,
  ): void {
    if (severity === 'error') {
      this.errors++;
      if (this.options.ignoreUnpackErrors === true) severity = 'warning';
    }
    if (this.diagnostics.length >= (this.options.maxDiagnostics ?? 1000)) {
      this.diagnosticsDropped++;
      return;
    }
    this.diagnostics.push(
      diagnostic(severity, code, message, {
        path,
        ...(proxmoxText !== undefined ? { proxmoxText } : {}),
      }),
    );
  }

  private tool(name: string): boolean {
    let has = this.tools.get(name);
    if (has === undefined) {
      has = hasTool(name);
      this.tools.set(name, has);
    }
    return has;
  }

  private once(key: string, f: () => void): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    f();
  }

  /** The directory `components` (link-free), creating missing ones; cached descriptors. */
  private dir(components: readonly string[], create: boolean): DirHandle {
    if (components.length === 0) return this.root;
    const key = components.join('/');
    const cached = this.dirs.get(key);
    if (cached !== undefined) return cached;
    const parent = this.dir(components.slice(0, -1), create);
    const name = components[components.length - 1] as string;
    const path = '/' + key;
    let seen = lstatAt(parent.fd as number, name);
    if (seen === undefined) {
      if (!create) throw new MemberFailure('EXTRACT_HARDLINK_REFUSED', `${path} does not exist`);
      try {
        mkdirSync(atPath(parent.fd as number, name), 0o755);
      } catch (e) {
        if (errnoOf(e) !== 'EEXIST') throw e;
      }
      seen = lstatAt(parent.fd as number, name);
      if (seen?.kind === 'dir') {
        lchownSync(atPath(parent.fd as number, name), this.rootOwner.uid, this.rootOwner.gid);
        this.implicitDirs.add(key);
      }
    }
    if (seen === undefined) throw new MemberFailure('EXTRACT_IO', `${path} vanished`);
    if (seen.kind === 'symlink') {
      throw new MemberFailure(
        'EXTRACT_THROUGH_SYMLINK',
        `${path} is a symbolic link; a member below it is not extracted through it`,
      );
    }
    if (seen.kind !== 'dir')
      throw new MemberFailure('EXTRACT_NOT_A_DIRECTORY', `${path} is not a directory`);
    const handle = openDirAt(parent, name, seen, path);
    if (this.dirs.size >= DIR_CACHE_LIMIT) this.dropCache();
    this.dirs.set(key, handle);
    return handle;
  }

  private dropCache(): void {
    for (const h of this.dirs.values()) closeDir(h);
    this.dirs.clear();
  }

  private hostPath(comps: readonly string[]): string {
    return `${this.options.target}/${comps.join('/')}`;
  }

  close(): void {
    this.closeFile();
    this.dropCache();
  }

  private closeFile(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
  }

  private owner(entry: TarEntry, path: string): { uid: number; gid: number } {
    const uid = mapId(this.options.idMap, 'u', entry.uid);
    const gid = mapId(this.options.idMap, 'g', entry.gid);
    if (uid === undefined || gid === undefined) {
      const text = `${path}: Cannot change ownership to uid ${entry.uid}, gid ${entry.gid}: Invalid argument`;
      this.report(
        'error',
        'EXTRACT_UNMAPPED_ID',
        text,
        path,
        `tar: ${text.replace(/^\//, './')}\n`,
      );
      return this.rootOwner;
    }
    return { uid, gid };
  }

  // ---- the tar handler ----

  entryStart(entry: TarEntry): void {
    this.entry = undefined;
    this.members++;
    if (this.members > (this.options.maxMembers ?? 10_000_000)) {
      throw new Abort(
        'EXTRACT_LIMIT_MEMBERS',
        `more than ${this.options.maxMembers ?? 10_000_000} members: stopped (limit)`,
      );
    }
    const shown = entry.name ?? new TextDecoder().decode(entry.rawName);
    if (entry.name === undefined) {
      this.report(
        'error',
        'EXTRACT_BAD_NAME',
        `${terminalSafe(shown)}: member name is not UTF-8; not extracted`,
        terminalSafe(shown),
      );
      return;
    }
    const name = sanitiseMemberName(entry.name);
    if (!name.ok) {
      const safe = terminalSafe(entry.name);
      if (name.reason === 'dotdot') {
        this.report(
          'error',
          'EXTRACT_DOTDOT',
          `${safe}: member name contains '..'; not extracted`,
          safe,
          `tar: ${entry.name}: Member name contains '..'\n`,
        );
      } else
        this.report(
          'error',
          'EXTRACT_BAD_NAME',
          `${safe}: unusable member name; not extracted`,
          safe,
        );
      return;
    }
    const comps = name.components;
    const path = '/' + comps.join('/');
    if (hasControlCharacters(entry.name)) {
      this.report(
        'notice',
        'EXTRACT_UNUSUAL_NAME',
        `${terminalSafe(path)}: member name has control characters`,
        terminalSafe(path),
      );
    }
    if (isExcludedDev(comps)) {
      this.excluded++;
      return;
    }
    try {
      this.member(entry, comps, path);
    } catch (e) {
      this.memberError(e, path);
    }
  }

  private memberError(e: unknown, path: string): void {
    this.closeFile();
    this.entry = undefined;
    const safe = terminalSafe(path);
    if (e instanceof MemberFailure) this.report('error', e.code, e.message, safe, e.proxmoxText);
    else if (e instanceof Abort) throw e;
    else {
      const errno = errnoOf(e) ?? (e instanceof Error ? e.message : String(e));
      if (errno === 'ENOSPC' || errno === 'EDQUOT' || errno === 'EMFILE')
        throw new Abort('EXTRACT_IO', `${safe}: ${errno}`);
      this.report('error', 'EXTRACT_IO', `${safe}: ${errno}`, safe);
    }
  }

  private member(entry: TarEntry, comps: readonly string[], path: string): void {
    if (comps.length === 0) {
      // The target itself (`./`): it exists, so GNU tar with --skip-old-files leaves it as it is.
      this.skipped++;
      return;
    }
    const parent = this.dir(comps.slice(0, -1), true);
    const name = comps[comps.length - 1] as string;
    const pfd = parent.fd as number;
    switch (entry.type) {
      case 'file':
      case 'unknown': {
        if (entry.type === 'unknown')
          this.report(
            'notice',
            'EXTRACT_UNSUPPORTED_TYPE',
            `${terminalSafe(path)}: unknown type '${terminalSafe(entry.typeflag)}' extracted as a regular file`,
            terminalSafe(path),
          );
        let fd: number;
        const at = atPath(pfd, name);
        // A cheap existence check first: a failed open throws, and building that exception costs
        // more than the lookup (it matters for archives of many members that all exist).
        // The check may use the host path: a wrong answer can only make this member skipped; the
        // create itself goes through the descriptor with O_EXCL|O_NOFOLLOW.
        if (lstatSync(this.hostPath(comps), { throwIfNoEntry: false }) !== undefined) {
          this.skipped++;
          return;
        }
        try {
          fd = openSync(at, O_NEW_FILE, 0o600);
        } catch (e) {
          if (errnoOf(e) === 'EEXIST') {
            this.skipped++;
            return;
          }
          throw e;
        }
        this.fd = fd;
        this.entry = entry;
        this.entryPath = path;
        this.sparseIndex = 0;
        this.sparseDone = 0;
        return;
      }
      case 'dir': {
        try {
          mkdirSync(atPath(pfd, name), 0o700);
        } catch (e) {
          // An existing directory (or anything else) is kept as it is, like GNU tar's
          // --skip-old-files; its contents still go in.
          if (errnoOf(e) !== 'EEXIST') throw e;
          if (!this.implicitDirs.delete(comps.join('/'))) {
            this.skipped++;
            return;
          }
        }
        const seen = lstatAt(pfd, name);
        if (seen?.kind !== 'dir')
          throw new MemberFailure('EXTRACT_IO', `${path} changed while being created`);
        const owner = this.owner(entry, path);
        lchownSync(atPath(pfd, name), owner.uid, owner.gid);
        this.pendingDirs.push({
          components: comps,
          mode: entry.mode,
          ...owner,
          mtime: entry.mtime,
        });
        return;
      }
      case 'symlink': {
        try {
          symlinkSync(entry.linkname, atPath(pfd, name));
        } catch (e) {
          if (errnoOf(e) === 'EEXIST') {
            this.skipped++;
            return;
          }
          throw e;
        }
        const owner = this.owner(entry, path);
        lchownSync(atPath(pfd, name), owner.uid, owner.gid);
        lutimesSync(atPath(pfd, name), entry.mtime, entry.mtime);
        return;
      }
      case 'link': {
        const target = sanitiseMemberName(entry.linkname);
        if (!target.ok || target.components.length === 0) {
          throw new MemberFailure(
            'EXTRACT_HARDLINK_REFUSED',
            `${path}: hard link to '${terminalSafe(entry.linkname)}' refused (not a member name)`,
          );
        }
        let tdir: DirHandle;
        try {
          tdir = this.dir(target.components.slice(0, -1), false);
        } catch (e) {
          if (e instanceof MemberFailure) {
            throw new MemberFailure(
              'EXTRACT_HARDLINK_REFUSED',
              `${path}: hard link to '${terminalSafe(entry.linkname)}' refused (${e.message})`,
            );
          }
          throw e;
        }
        const tname = target.components[target.components.length - 1] as string;
        const seen = lstatAt(tdir.fd as number, tname);
        if (
          seen === undefined ||
          seen.kind !== 'file' ||
          seen.dev !== this.root.dev ||
          !this.created.has(Number(seen.ino))
        ) {
          throw new MemberFailure(
            'EXTRACT_HARDLINK_REFUSED',
            `${path}: hard link to '${terminalSafe(entry.linkname)}' refused (not a regular file extracted from this archive)`,
          );
        }
        try {
          linkSync(atPath(tdir.fd as number, tname), atPath(pfd, name));
        } catch (e) {
          if (errnoOf(e) === 'EEXIST') {
            this.skipped++;
            return;
          }
          throw e;
        }
        return;
      }
      case 'fifo': {
        if (lstatAt(pfd, name) !== undefined) {
          this.skipped++;
          return;
        }
        if (!this.tool('mkfifo'))
          throw new MemberFailure(
            'EXTRACT_UNSUPPORTED_TYPE',
            `${path}: FIFO not created (no mkfifo on this host)`,
          );
        execFileSync('mkfifo', ['-m', '600', childAtPath(pfd, name)], { stdio: 'ignore' });
        const seen = lstatAt(pfd, name);
        if (seen?.kind !== 'other')
          throw new MemberFailure('EXTRACT_IO', `${path}: FIFO replaced while being created`);
        const owner = this.owner(entry, path);
        lchownSync(atPath(pfd, name), owner.uid, owner.gid);
        // chmod/utimes follow links; lstat just said this is the FIFO we made.
        fchmodPath(atPath(pfd, name), entry.mode);
        lutimesSync(atPath(pfd, name), entry.mtime, entry.mtime);
        return;
      }
      case 'char':
      case 'block': {
        this.devices.push({
          path,
          type: entry.type,
          major: entry.devmajor,
          minor: entry.devminor,
          mode: entry.mode,
          uid: entry.uid,
          gid: entry.gid,
        });
        this.report(
          'warning',
          'EXTRACT_DEVICE_RECORDED',
          `${terminalSafe(path)}: ${entry.type} device ${entry.devmajor}:${entry.devminor} recorded, not created`,
          terminalSafe(path),
          `tar: ${path.slice(1)}: Cannot mknod: Operation not permitted\n`,
        );
        return;
      }
      case 'multivolume':
      case 'label':
        this.report(
          'warning',
          'EXTRACT_UNSUPPORTED_TYPE',
          `${terminalSafe(path)}: ${entry.type} member ignored`,
          terminalSafe(path),
        );
        return;
    }
  }

  data(chunk: Uint8Array): void {
    const fd = this.fd;
    const entry = this.entry;
    if (fd === undefined || entry === undefined) return;
    this.bytes += chunk.length;
    if (this.bytes > (this.options.maxBytes ?? 64 * 2 ** 30)) {
      throw new Abort(
        'EXTRACT_LIMIT_BYTES',
        `more than ${this.options.maxBytes ?? 64 * 2 ** 30} bytes of data: stopped (limit)`,
      );
    }
    try {
      if (entry.sparse === undefined) {
        writeAll(fd, chunk, null);
        return;
      }
      // The stored data is the sparse segments back to back.
      let off = 0;
      const segs = entry.sparse.segments;
      while (off < chunk.length && this.sparseIndex < segs.length) {
        const [segOff, segLen] = segs[this.sparseIndex] as readonly [number, number];
        const take = Math.min(segLen - this.sparseDone, chunk.length - off);
        writeAll(fd, chunk.subarray(off, off + take), segOff + this.sparseDone);
        off += take;
        this.sparseDone += take;
        if (this.sparseDone === segLen) {
          this.sparseIndex++;
          this.sparseDone = 0;
        }
      }
    } catch (e) {
      this.memberError(e, this.entryPath);
    }
  }

  entryEnd(): void {
    const fd = this.fd;
    const entry = this.entry;
    if (fd === undefined || entry === undefined) return;
    const path = this.entryPath;
    try {
      if (entry.sparse !== undefined) ftruncateSync(fd, entry.sparse.realSize);
      const owner = this.owner(entry, path);
      fchownSync(fd, owner.uid, owner.gid);
      fchmodSync(fd, entry.mode);
      this.xattrs(fd, entry, path);
      futimesSync(fd, entry.mtime, entry.mtime);
      const st = fstatSync(fd);
      this.created.add(st.ino);
    } catch (e) {
      this.memberError(e, path);
    }
    this.closeFile();
    this.entry = undefined;
  }

  private xattrs(fd: number, entry: TarEntry, path: string): void {
    if (entry.xattrs.size === 0 && entry.aclAccess === undefined && entry.aclDefault === undefined)
      return;
    const p = `/proc/${process.pid}/fd/${fd}`;
    for (const [name, value] of entry.xattrs) {
      if (!XATTRS_KEPT(name)) {
        this.report(
          'notice',
          'EXTRACT_XATTR_DROPPED',
          `${terminalSafe(path)}: xattr ${terminalSafe(name)} dropped (only user.* and security.capability are kept)`,
          terminalSafe(path),
        );
        continue;
      }
      if (!this.tool('setfattr')) {
        this.once('setfattr', () =>
          this.report(
            'warning',
            'EXTRACT_XATTR_FAILED',
            'xattrs not set: setfattr (package attr) is not installed',
            path,
          ),
        );
        return;
      }
      const v =
        name === 'security.capability'
          ? capabilityForUserns(value, mapId(this.options.idMap, 'u', 0))
          : value;
      try {
        execFileSync('setfattr', ['-n', name, '-v', hex(v), p], { stdio: 'ignore' });
      } catch {
        this.report(
          'warning',
          'EXTRACT_XATTR_FAILED',
          `${terminalSafe(path)}: cannot set xattr ${terminalSafe(name)}`,
          terminalSafe(path),
        );
      }
    }
    for (const [flag, text] of [
      ['--set', entry.aclAccess],
      ['--set-default', entry.aclDefault],
    ] as const) {
      if (text === undefined || text === '') continue;
      const mapped = mapAclText(text, this.options.idMap);
      if (mapped === undefined) {
        this.report(
          'error',
          'EXTRACT_UNMAPPED_ID',
          `${terminalSafe(path)}: ACL names an unmapped id`,
          terminalSafe(path),
        );
        continue;
      }
      if (!this.tool('setfacl')) {
        this.once('setfacl', () =>
          this.report(
            'warning',
            'EXTRACT_ACL_FAILED',
            'ACLs not set: setfacl (package acl) is not installed',
            path,
          ),
        );
        continue;
      }
      try {
        execFileSync(
          'setfacl',
          [flag === '--set' ? '--set' : '-d', ...(flag === '--set' ? [] : ['--set']), mapped, p],
          { stdio: 'ignore' },
        );
      } catch {
        this.report(
          'warning',
          'EXTRACT_ACL_FAILED',
          `${terminalSafe(path)}: cannot set ACL`,
          terminalSafe(path),
        );
      }
    }
  }

  /** Directory owners, modes and mtimes, deepest first (after their contents, as GNU tar). */
  finishDirs(): void {
    this.dropCache();
    const list = this.pendingDirs.slice().sort((a, b) => b.components.length - a.components.length);
    for (const d of list) {
      const path = '/' + d.components.join('/');
      try {
        const h = this.dirNoCreate(d.components);
        const fd = h.fd as number;
        fchownSync(fd, d.uid, d.gid);
        fchmodSync(fd, d.mode);
        futimesSync(fd, d.mtime, d.mtime);
        if (h !== this.root) closeDir(h);
      } catch (e) {
        this.memberError(e, path);
      }
    }
  }

  private dirNoCreate(components: readonly string[]): DirHandle {
    if (components.length === 0) return this.root;
    let cur = this.root;
    for (let i = 0; i < components.length; i++) {
      const name = components[i] as string;
      const seen = lstatAt(cur.fd as number, name);
      if (seen?.kind !== 'dir')
        throw new MemberFailure(
          'EXTRACT_NOT_A_DIRECTORY',
          `/${components.slice(0, i + 1).join('/')} is not a directory`,
        );
      const next = openDirAt(cur, name, seen, '/' + components.slice(0, i + 1).join('/'));
      if (cur !== this.root) closeDir(cur);
      cur = next;
    }
    return cur;
  }
}

function writeAll(fd: number, chunk: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < chunk.length) {
    done += writeSync(
      fd,
      chunk,
      done,
      chunk.length - done,
      position === null ? null : position + done,
    );
  }
}

/** chmod of a non-link by path (the caller checked it is not a link). */
function fchmodPath(path: string, mode: number): void {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/**
 * Extracts `archive` into `target` safely. A success when every member went in (or
 * `ignoreUnpackErrors`); a failure lists the member diagnostics (at most `maxDiagnostics`) and a
 * last `EXTRACT_FAILED` with the counts. Never throws.
 */
export async function extractArchive(
  options: ExtractOptions,
): Promise<Result<ExtractSummary, ExtractCode>> {
  const fatal = (code: ExtractCode, message: string): Result<ExtractSummary, ExtractCode> =>
    E.left([errorDiagnostic(code, message, { file: options.archive })]);
  let archiveSize: number;
  let head: Uint8Array;
  try {
    archiveSize = statSync(options.archive).size;
    head = readHead(options.archive);
  } catch (e) {
    return fatal(
      'EXTRACT_CANNOT_OPEN',
      `cannot read ${options.archive}: ${errnoOf(e) ?? String(e)}`,
    );
  }
  let root: DirHandle;
  try {
    const checked = checkRootfs(options.target);
    if (E.isLeft(checked)) return fatal('EXTRACT_CANNOT_OPEN', checked.left[0].message);
    root = openRoot(checked.right);
  } catch (e) {
    return fatal(
      'EXTRACT_CANNOT_OPEN',
      `cannot open ${options.target}: ${errnoOf(e) ?? String(e)}`,
    );
  }
  const x = new Extractor(root, options);
  const sniffed = sniffCompression(head);
  if (sniffed !== undefined && sniffed !== options.compression && head.length > 0) {
    x.report(
      'warning',
      'EXTRACT_COMPRESSION_MISMATCH',
      `${options.archive} is named as ${options.compression} but its content looks like ${sniffed}`,
      options.archive,
    );
  }
  const reader = new TarReader({
    entry: (e) => x.entryStart(e),
    data: (c) => x.data(c),
    entryEnd: () => x.entryEnd(),
  });
  const source = openTarSource(options.archive, options.compression);
  const every = options.progressEvery ?? 4 << 20;
  let nextProgress = every;
  const progress = (): void =>
    options.onProgress?.({
      archiveRead: source.compressedRead(),
      archiveSize,
      tarBytes: reader.consumed,
      bytes: x.bytes,
      members: x.members,
    });
  let aborted: Diagnostic<ExtractCode> | undefined;
  try {
    for await (const chunk of source.stream) {
      reader.push(chunk);
      if (reader.consumed >= nextProgress) {
        nextProgress = reader.consumed + every;
        progress();
      }
      if (reader.ended) break;
    }
    if (!reader.ended) {
      const failure = await source.done();
      if (failure !== undefined)
        aborted = errorDiagnostic('EXTRACT_DECOMPRESS_FAILED', failure, { file: options.archive });
      else reader.finish();
    }
    x.finishDirs();
  } catch (e) {
    if (e instanceof Abort) aborted = errorDiagnostic(e.code, e.message, { file: options.archive });
    else if (e instanceof TarFormatError) {
      const failure = await Promise.race([source.done(), Promise.resolve(undefined)]);
      aborted =
        failure !== undefined
          ? errorDiagnostic('EXTRACT_DECOMPRESS_FAILED', failure, { file: options.archive })
          : errorDiagnostic('EXTRACT_CORRUPT', `tar: ${e.message}`, { file: options.archive });
    } else
      aborted = errorDiagnostic('EXTRACT_IO', e instanceof Error ? e.message : String(e), {
        file: options.archive,
      });
    try {
      x.finishDirs();
    } catch {
      /* best effort */
    }
  } finally {
    source.close();
    x.close();
    closeDir(root);
  }
  progress();
  const summary: ExtractSummary = {
    members: x.members,
    bytes: x.bytes,
    skipped: x.skipped,
    excluded: x.excluded,
    errors: x.errors,
    devices: x.devices,
    diagnostics: x.diagnostics,
    diagnosticsDropped: x.diagnosticsDropped,
  };
  if (aborted === undefined && (x.errors === 0 || options.ignoreUnpackErrors === true))
    return E.right(summary);
  const counts = `${x.members} members, ${x.bytes} bytes, ${x.skipped} skipped, ${x.errors} errors`;
  const last = aborted ?? warningDiagnostic('EXTRACT_FAILED', `extraction had errors (${counts})`);
  const closing = errorDiagnostic('EXTRACT_FAILED', `${last.message} (${counts})`, {
    file: options.archive,
  });
  const all: Diagnostic<ExtractCode>[] = [
    ...x.diagnostics,
    ...(aborted !== undefined ? [aborted] : []),
  ];
  return E.left([...all, closing] as unknown as Failure<ExtractCode>);
}
