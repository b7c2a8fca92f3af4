/**
 * Helpers of the effects tests: a scratch area with a rootfs and a sentinel directory OUTSIDE it
 * (the "host"), a way to lay out files and links, and a fingerprint of a tree to prove it unchanged.
 */
import {
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';

export const isRoot = (process.geteuid?.() ?? -1) === 0;
export const inCi = process.env.CI === 'true';

/**
 * Whether ownership assertions can run. Outside CI a non-root run skips them and says why; in CI
 * (root) they always run, and a non-root CI run fails instead of skipping.
 */
export function ownershipTestable(): boolean {
  if (isRoot) return true;
  if (inCi) throw new Error('CI must run the effects tests as root (ownership checks need chown)');
  console.warn('effects: skipping ownership assertions: not running as root (chown needs root)');
  return false;
}

export interface Scratch {
  /** The scratch directory (holds `rootfs/` and `outside/`). */
  readonly base: string;
  readonly rootfs: string;
  /** A host directory outside the rootfs, with a sentinel file. */
  readonly outside: string;
  readonly sentinel: string;
  cleanup(): void;
}

/** A fresh scratch area: `rootfs/` (with `/etc`) and `outside/sentinel` (the host's file). */
export function makeScratch(): Scratch {
  const base = mkdtempSync(join(tmpdir(), 'pctkit-effects-'));
  const rootfs = join(base, 'rootfs');
  const outside = join(base, 'outside');
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  mkdirSync(join(outside, 'network'), { recursive: true });
  const sentinel = join(outside, 'sentinel');
  writeFileSync(sentinel, 'host secret\n', { mode: 0o600 });
  writeFileSync(join(outside, 'network', 'interfaces'), 'host interfaces\n');
  return {
    base,
    rootfs,
    outside,
    sentinel,
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** What to lay out: container path → file text, `{ dir }`, `{ link }` or a file with mode/owner. */
export type Layout = Record<
  string,
  | string
  | { dir: true; mode?: number }
  | { link: string }
  | { file: string; mode?: number; uid?: number; gid?: number }
>;

/** Creates the layout inside `rootfs` (parents as needed, in the order given). */
export function layout(rootfs: string, files: Layout): void {
  for (const [path, spec] of Object.entries(files)) {
    const host = join(rootfs, path);
    mkdirSync(dirname(host), { recursive: true });
    if (typeof spec === 'string') writeFileSync(host, spec);
    else if ('dir' in spec) {
      mkdirSync(host, { recursive: true });
      if (spec.mode !== undefined) chmodSync(host, spec.mode);
    } else if ('link' in spec) symlinkSync(spec.link, host);
    else {
      writeFileSync(host, spec.file);
      chmodSync(host, spec.mode ?? 0o644);
      if (spec.uid !== undefined && isRoot) chownSync(host, spec.uid, spec.gid ?? spec.uid);
    }
  }
}

/** A fingerprint of everything below `dir` (names, kinds, modes, owners, contents, link targets). */
export function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (p: string, rel: string): void => {
    const st = lstatSync(p);
    hash.update(`${rel}\0${st.mode}\0${st.uid}\0${st.gid}\0`);
    if (st.isSymbolicLink()) hash.update(readlinkSync(p));
    else if (st.isFile()) hash.update(readFileSync(p));
    else if (st.isDirectory())
      for (const name of readdirSync(p).sort()) walk(join(p, name), `${rel}/${name}`);
    hash.update('\n');
  };
  walk(dir, '');
  return hash.digest('hex');
}

/** Every path below `dir` whose name contains `.pctkit-` (temporary leftovers). */
export function strays(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string): void => {
    for (const name of readdirSync(p)) {
      const q = join(p, name);
      if (name.includes('.pctkit-')) found.push(q);
      if (lstatSync(q).isDirectory()) walk(q);
    }
  };
  walk(dir);
  return found;
}

/** The state of one path for comparisons: kind, mode, owner, content or target. */
export function stateOf(path: string): string {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return 'absent';
  }
  const own = `${st.uid}:${st.gid}`;
  if (st.isSymbolicLink()) return `link ${own} -> ${readlinkSync(path)}`;
  if (st.isDirectory()) return `dir ${(st.mode & 0o7777).toString(8)} ${own}`;
  return `file ${(st.mode & 0o7777).toString(8)} ${own} ${JSON.stringify(readFileSync(path, 'utf8'))}`;
}
