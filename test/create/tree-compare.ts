/**
 * Lists a directory tree for comparison: per path its kind, mode, owner, symlink target, content
 * hash, hard-link group (the first path with the same inode) and mtime — everything the
 * acceptance test compares between pctkit's extraction and GNU tar's.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeEntry {
  readonly kind: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly target?: string;
  readonly hash?: string;
  readonly size?: number;
  readonly linkGroup?: string;
  readonly mtime?: number;
  readonly xattrs?: string;
}

function xattrsOf(path: string): string | undefined {
  try {
    const out = execFileSync(
      'getfattr',
      ['-h', '-d', '-m', '-', '-e', 'hex', '--absolute-names', path],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const lines = out.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    return lines.length > 0 ? lines.sort().join(';') : undefined;
  } catch {
    return undefined;
  }
}

/** The tree below `root` (root itself as `/`). `withXattrs` runs getfattr per entry (slow). */
export function listTree(root: string, withXattrs = false): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  const inodes = new Map<string, string>();
  const walk = (rel: string): void => {
    const abs = rel === '/' ? root : join(root, rel);
    const st = lstatSync(abs, { bigint: true });
    const mode = Number(st.mode & 0o7777n);
    const base = { mode, uid: Number(st.uid), gid: Number(st.gid) };
    const x = withXattrs ? xattrsOf(abs) : undefined;
    const extra = x !== undefined ? { xattrs: x } : {};
    if (st.isSymbolicLink()) {
      out.set(rel, { kind: 'symlink', ...base, mode: 0, target: readlinkSync(abs), ...extra });
    } else if (st.isDirectory()) {
      out.set(rel, { kind: 'dir', ...base, mtime: Number(st.mtimeMs / 1000n), ...extra });
      for (const name of readdirSync(abs).sort()) walk(rel === '/' ? `/${name}` : `${rel}/${name}`);
    } else if (st.isFile()) {
      const key = `${st.dev}:${st.ino}`;
      const first = inodes.get(key);
      if (first === undefined) inodes.set(key, rel);
      out.set(rel, {
        kind: 'file',
        ...base,
        size: Number(st.size),
        hash: createHash('sha256').update(readFileSync(abs)).digest('hex').slice(0, 16),
        linkGroup: first ?? rel,
        mtime: Number(st.mtimeMs / 1000n),
        ...extra,
      });
    } else {
      out.set(rel, { kind: st.isFIFO() ? 'fifo' : 'other', ...base, ...extra });
    }
  };
  walk('/');
  return out;
}

/** Differences between two listings, one line each (empty: equal). */
export function diffTrees(
  a: Map<string, TreeEntry>,
  b: Map<string, TreeEntry>,
  ignore: (path: string) => boolean = () => false,
): string[] {
  const out: string[] = [];
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of [...keys].sort()) {
    if (ignore(k)) continue;
    const x = a.get(k);
    const y = b.get(k);
    if (x === undefined) out.push(`only in second: ${k}`);
    else if (y === undefined) out.push(`only in first: ${k}`);
    else {
      const sx = JSON.stringify(x);
      const sy = JSON.stringify(y);
      if (sx !== sy) out.push(`${k}: ${sx} != ${sy}`);
    }
  }
  return out;
}
