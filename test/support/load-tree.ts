/**
 * Test support: reads a real directory into an FsSnapshot (files as bytes with their modes,
 * directories, symlinks as symlinks, recursively).
 *
 * The copy of shared/ laid out for sessions and CI has lost its symlinks: each link became a
 * regular file whose content is the link's target text (`etc/os-release` holds
 * `../usr/lib/os-release`). Detection depends on those links, so the loaders below turn the paths
 * known to be links back into symlinks: for the os-release corpus from the file list in its
 * SOURCES.md, for the upstream setup tests from {@link PVE_SETUP_TEST_SYMLINKS}. Real symlinks are
 * read as symlinks, so a copy that kept them loads the same.
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type FsEntry, type FsSnapshot, fsSnapshotFromEntries } from '../../src/os/fs-snapshot.js';
import { readShared, sharedPath } from './shared.js';

/** Options of {@link loadTree}. */
export interface LoadTreeOptions {
  /** Tree-relative paths (`etc/os-release`) that are symlinks in the source → their targets. */
  readonly symlinks?: Readonly<Record<string, string>>;
}

/** Reads the directory `dir` as a rootfs snapshot (`dir` becomes `/`; owners are root). */
export function loadTree(dir: string, options: LoadTreeOptions = {}): FsSnapshot {
  const links = new Map(Object.entries(options.symlinks ?? {}));
  const entries: [string, FsEntry][] = [];
  const walk = (hostDir: string, rel: string): void => {
    for (const name of readdirSync(hostDir).sort()) {
      const hostPath = join(hostDir, name);
      const relPath = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(hostPath);
      const restored = links.get(relPath);
      if (restored !== undefined && !st.isDirectory()) {
        entries.push([`/${relPath}`, { kind: 'symlink', target: restored, uid: 0, gid: 0 }]);
      } else if (st.isSymbolicLink()) {
        entries.push([
          `/${relPath}`,
          { kind: 'symlink', target: readlinkSync(hostPath), uid: 0, gid: 0 },
        ]);
      } else if (st.isDirectory()) {
        entries.push([`/${relPath}`, { kind: 'dir', mode: st.mode & 0o7777, uid: 0, gid: 0 }]);
        walk(hostPath, relPath);
      } else if (st.isFile()) {
        const content = new Uint8Array(readFileSync(hostPath));
        entries.push([
          `/${relPath}`,
          { kind: 'file', content, mode: st.mode & 0o7777, uid: 0, gid: 0 },
        ]);
      }
    }
  };
  walk(dir, '');
  return fsSnapshotFromEntries(entries);
}

let corpusLinks: ReadonlyMap<string, Readonly<Record<string, string>>> | undefined;

/**
 * The symlinks of each `corpus/os-release/<tree>`, from the `files` column of its SOURCES.md
 * table (`etc/os-release -> ../usr/lib/os-release`).
 */
export function corpusOsReleaseSymlinks(): ReadonlyMap<string, Readonly<Record<string, string>>> {
  if (corpusLinks) return corpusLinks;
  const byTree = new Map<string, Record<string, string>>();
  for (const line of readShared('corpus', 'os-release', 'SOURCES.md').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | folder | origin | source path | ID / VERSION_ID | files | notable |
    if (cells.length < 7 || cells[1] === 'folder' || /^-+$/.test(cells[1] ?? '')) continue;
    const links: Record<string, string> = {};
    for (const item of (cells[5] ?? '').split('<br>')) {
      const m = /^(\S+) -> (\S+)$/.exec(item.trim());
      if (m) links[m[1] as string] = m[2] as string;
    }
    byTree.set(cells[1] as string, links);
  }
  corpusLinks = byTree;
  return byTree;
}

/**
 * Symlinks of the upstream setup test trees (`pve-tests/setup/<test>`), as in pve-container's
 * `src/test/` (named in pve-tests/README.md and spec §8).
 */
export const PVE_SETUP_TEST_SYMLINKS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'test-debian-013': { 'etc/hosts': '../../bad-path.txt' },
  'test-fedora-001': {
    'etc/redhat-release': 'fedora-release',
    'bin/sh': 'partial-elf-header-amd64',
  },
};

/** Loads `corpus/os-release/<tree>` with its symlinks restored. */
export function loadOsReleaseTree(tree: string): FsSnapshot {
  const symlinks = corpusOsReleaseSymlinks().get(tree);
  if (symlinks === undefined) throw new Error(`corpus/os-release/SOURCES.md does not list ${tree}`);
  return loadTree(sharedPath('corpus', 'os-release', tree), { symlinks });
}

/** Loads `pve-tests/setup/<test>` (e.g. `test-debian-013`) with its symlinks restored. */
export function loadSetupTestTree(test: string): FsSnapshot {
  return loadTree(sharedPath('pve-tests', 'setup', test), {
    symlinks: PVE_SETUP_TEST_SYMLINKS[test] ?? {},
  });
}
