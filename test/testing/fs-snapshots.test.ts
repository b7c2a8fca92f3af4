import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { detectOs } from '../../src/os/detect.js';
import { fsSnapshot, listDirectory, normalizePath, readFile, resolvePath, statPath } from '../../src/os/fs-snapshot.js';
import {
  DISTRIBUTION_OS_TYPES,
  distributionRootfs,
  distributionRootfsInput,
  elfHeader,
  fsSnapshotInput,
  rootfsSnapshot,
} from '../../src/testing/index.js';

describe('rootfsSnapshot()', () => {
  it('makes snapshots whose paths are normalised, with / a directory and every parent present', () => {
    fc.assert(
      fc.property(rootfsSnapshot(), (snapshot) => {
        expect(snapshot.entries.get('/')?.kind).toBe('dir');
        for (const path of snapshot.entries.keys()) {
          expect(normalizePath(path)).toBe(path);
          const parent = path.slice(0, path.lastIndexOf('/')) || '/';
          expect(snapshot.entries.has(parent)).toBe(true);
        }
      }),
    );
  });

  it('resolution never throws and never leaves the snapshot (chroot semantics)', () => {
    fc.assert(
      fc.property(rootfsSnapshot(), fc.constantFrom('/', '/etc', '/etc/hosts', '/a/b', '/../../etc', '/usr/lib/x.conf'), (snapshot, path) => {
        const r = resolvePath(snapshot, path);
        if (E.isRight(r)) {
          expect(r.right.path.startsWith('/')).toBe(true);
          expect(normalizePath(r.right.path)).toBe(r.right.path);
        }
        readFile(snapshot, path);
        listDirectory(snapshot, path);
      }),
    );
  });

  it('produces symlinks, loops included, unless told not to', () => {
    const samples = fc.sample(rootfsSnapshot(), { numRuns: 200, seed: 3 });
    const kinds = new Set(samples.flatMap((s) => [...s.entries.values()].map((e) => e.kind)));
    expect([...kinds].sort()).toEqual(['dir', 'file', 'symlink']);
    const loops = samples.filter((s) => [...s.entries.keys()].some((p) => E.isLeft(resolvePath(s, p)) && (resolvePath(s, p) as E.Left<readonly [{ code: string }]>).left[0].code === 'ELOOP'));
    expect(loops.length).toBeGreaterThan(0);
    fc.assert(fc.property(rootfsSnapshot({ symlinks: false }), (s) => [...s.entries.values()].every((e) => e.kind !== 'symlink')));
  });

  it('fsSnapshotInput() is the record rootfsSnapshot() builds from', () => {
    fc.assert(fc.property(fsSnapshotInput({ maxEntries: 3 }), (input) => Object.keys(input).length <= 3 && fsSnapshot(input).entries.size >= 1));
  });
});

describe('distributionRootfs()', () => {
  it('is detected as the distribution and architecture it says', () => {
    fc.assert(
      fc.property(distributionRootfs(), ({ ostype, arch, snapshot }) => {
        const r = detectOs(snapshot, {});
        if (E.isLeft(r)) throw new Error(r.left[0].message);
        expect(r.right.config).toEqual({ ostype, arch });
      }),
      { numRuns: 200 },
    );
  });

  it('covers every distribution', () => {
    const seen = new Set(fc.sample(distributionRootfsInput(), { numRuns: 300, seed: 5 }).map((d) => d.ostype));
    expect([...seen].sort()).toEqual([...DISTRIBUTION_OS_TYPES].sort());
  });

  it('elfHeader() starts with the ELF magic', () => {
    const snapshot = fsSnapshot({ '/bin/sh': elfHeader('arm64') });
    expect(statPath(snapshot, '/bin/sh')?.kind).toBe('file');
    expect([...elfHeader('amd64').subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
  });
});
