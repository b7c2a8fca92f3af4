import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFile, isSymlink, readLink, resolvePath } from '../../src/os/fs-snapshot.js';
import {
  PVE_SETUP_TEST_SYMLINKS,
  corpusOsReleaseSymlinks,
  loadOsReleaseTree,
  loadSetupTestTree,
} from '../support/load-tree.js';
import { listShared, sharedPath } from '../support/shared.js';

type Links = Readonly<Record<string, string>>;

/** Host directory → its listed links, for every tree with a manifest. */
function listedLinks(): [string, Links][] {
  return [
    ...[...corpusOsReleaseSymlinks()].map(([t, l]): [string, Links] => [
      sharedPath('corpus', 'os-release', t),
      l,
    ]),
    ...Object.entries(PVE_SETUP_TEST_SYMLINKS).map(([t, l]): [string, Links] => [
      sharedPath('pve-tests', 'setup', t),
      l,
    ]),
  ];
}

describe('test-support tree loader', () => {
  it('knows the symlinks of every os-release corpus tree', () => {
    const links = corpusOsReleaseSymlinks();
    const trees = listShared('corpus', 'os-release').filter((n) => n !== 'SOURCES.md');
    expect([...links.keys()].sort()).toEqual(trees);
    expect(links.get('almalinux-10')).toEqual({
      'etc/centos-release': 'almalinux-release',
      'etc/os-release': '../usr/lib/os-release',
      'etc/redhat-release': 'almalinux-release',
      'etc/system-release': 'almalinux-release',
    });
    expect([...links.values()].reduce((n, l) => n + Object.keys(l).length, 0)).toBe(29);
  });

  it('every listed link is in the copy, as a link or as a file holding its target text', () => {
    for (const [dir, links] of listedLinks()) {
      for (const [path, target] of Object.entries(links)) {
        const host = join(dir, path);
        const st = lstatSync(host);
        if (st.isSymbolicLink()) expect(readlinkSync(host), host).toBe(target);
        else expect(readFileSync(host, 'utf8'), host).toBe(target);
      }
    }
  });

  it('no other file looks like a lost link (content is a path to an existing file)', () => {
    const suspects: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const host = join(dir, name);
        const st = lstatSync(host);
        if (st.isDirectory()) walk(host);
        else if (st.isFile() && st.size > 0 && st.size < 200) {
          const text = readFileSync(host, 'utf8');
          if (/^[\w./+-]+$/.test(text) && existsSync(resolve(dirname(host), text)))
            suspects.push(host);
        }
      }
    };
    walk(sharedPath('corpus', 'os-release'));
    walk(sharedPath('pve-tests', 'setup'));
    const listed = listedLinks().flatMap(([dir, links]) =>
      Object.keys(links).map((p) => join(dir, p)),
    );
    expect(suspects.filter((s) => !listed.includes(s))).toEqual([]);
  });

  it('restores links in loaded trees, with chroot semantics', () => {
    const alma = loadOsReleaseTree('almalinux-10');
    expect(isSymlink(alma, '/etc/os-release')).toBe(true);
    expect(isFile(alma, '/etc/os-release')).toBe(true);
    const deb13 = loadSetupTestTree('test-debian-013');
    expect(readLink(deb13, '/etc/hosts')).toBe('../../bad-path.txt');
    const r = resolvePath(deb13, '/etc/hosts');
    expect(r._tag === 'Right' && r.right).toEqual({ path: '/bad-path.txt', entry: undefined });
    const fedora = loadSetupTestTree('test-fedora-001');
    expect(readLink(fedora, '/bin/sh')).toBe('partial-elf-header-amd64');
    expect(isFile(fedora, '/bin/sh')).toBe(true);
  });
});
