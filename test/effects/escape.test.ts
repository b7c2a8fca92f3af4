/**
 * Hostile templates: links and `..` in every position must never make a write land outside the
 * rootfs. Each case checks a sentinel directory OUTSIDE the rootfs is byte-for-byte unchanged.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApplyFailure,
  type ApplyReport,
  applyPlanToRootfs,
  readRootfs,
} from '../../src/effects/index.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { type Scratch, fingerprint, layout, makeScratch, strays } from './support.js';

let s: Scratch;
let outsideBefore: string;
beforeEach(() => {
  s = makeScratch();
  outsideBefore = fingerprint(s.outside);
});
afterEach(() => {
  // the host is untouched, whatever happened
  expect(fingerprint(s.outside)).toBe(outsideBefore);
  expect(readFileSync(s.sentinel, 'utf8')).toBe('host secret\n');
  s.cleanup();
});

const write = (path: string, content: string, mode = 0o644): PlanOperation => ({
  op: 'write',
  path,
  content,
  mode,
  reason: 'test',
});

const apply = (
  plan: PlanOperation[],
  options = {},
): E.Either<readonly [ApplyFailure], ApplyReport> => applyPlanToRootfs(s.rootfs, plan, options);

const failure = (r: E.Either<readonly [ApplyFailure], ApplyReport>): ApplyFailure => {
  if (E.isRight(r)) throw new Error('expected a failure');
  return r.left[0];
};

describe('escape attempts', () => {
  it('final component: an absolute link to a host file is replaced, not followed', () => {
    layout(s.rootfs, { '/etc/hosts': { link: s.sentinel } });
    const r = apply([write('/etc/hosts', '127.0.0.1 ct\n')]);
    expect(E.isRight(r)).toBe(true);
    expect(lstatSync(join(s.rootfs, 'etc/hosts')).isFile()).toBe(true);
    expect(readFileSync(join(s.rootfs, 'etc/hosts'), 'utf8')).toBe('127.0.0.1 ct\n');
  });

  it('final component: /etc/hosts -> /etc/shadow replaces the link, the container shadow stays', () => {
    layout(s.rootfs, { '/etc/shadow': 'root:*:1::::::\n', '/etc/hosts': { link: '/etc/shadow' } });
    expect(E.isRight(apply([write('/etc/hosts', 'new\n')]))).toBe(true);
    expect(readFileSync(join(s.rootfs, 'etc/shadow'), 'utf8')).toBe('root:*:1::::::\n');
    expect(readFileSync(join(s.rootfs, 'etc/hosts'), 'utf8')).toBe('new\n');
  });

  it('final component: a ../ chain to a host file is replaced, not followed', () => {
    layout(s.rootfs, { '/etc/hostname': { link: '../'.repeat(20) + s.sentinel.slice(1) } });
    expect(E.isRight(apply([write('/etc/hostname', 'ct\n')]))).toBe(true);
    expect(readFileSync(join(s.rootfs, 'etc/hostname'), 'utf8')).toBe('ct\n');
  });

  it('directory component: an absolute link to a host directory is re-rooted (refused: missing inside)', () => {
    layout(s.rootfs, { '/etc/network': { link: join(s.outside, 'network') } });
    const f = failure(apply([write('/etc/network/interfaces', 'auto lo\n')]));
    expect(f.code).toBe('ENOENT');
    expect(f.path).toBe('/tmp');
    expect(f.message).toBe(
      'cannot write /etc/network/interfaces: /tmp: No such file or directory (resolving /etc/network/interfaces)',
    );
  });

  it('directory component: an absolute link is contained when its target exists inside the rootfs', () => {
    layout(s.rootfs, {
      [join(s.outside, 'network')]: { dir: true },
      '/etc/network': { link: join(s.outside, 'network') },
    });
    expect(E.isRight(apply([write('/etc/network/interfaces', 'auto lo\n')]))).toBe(true);
    expect(readFileSync(join(s.rootfs, s.outside, 'network/interfaces'), 'utf8')).toBe('auto lo\n');
  });

  it('directory component: a ../ chain is clamped at the rootfs', () => {
    const up = '../'.repeat(30) + s.outside.slice(1) + '/network';
    layout(s.rootfs, { '/etc/network': { link: up } });
    expect(failure(apply([write('/etc/network/interfaces', 'auto lo\n')])).code).toBe('ENOENT');
    layout(s.rootfs, { [join(s.outside, 'network')]: { dir: true } });
    expect(E.isRight(apply([write('/etc/network/interfaces', 'auto lo\n')]))).toBe(true);
    expect(existsSync(join(s.rootfs, s.outside, 'network/interfaces'))).toBe(true);
  });

  it('`..` in the plan path itself is clamped at the rootfs', () => {
    mkdirSync(join(s.rootfs, 'outside'));
    expect(E.isRight(apply([write('/etc/../../../../outside/sentinel', 'x\n')]))).toBe(true);
    expect(readFileSync(join(s.rootfs, 'outside/sentinel'), 'utf8')).toBe('x\n');
  });

  it('mkdir -p, symlink and unlink through a host link are contained too', () => {
    layout(s.rootfs, { '/etc/systemd': { link: s.outside }, '/etc/cron.d': { link: s.outside } });
    const mk = failure(
      apply([
        { op: 'mkdir', path: '/etc/systemd/network', mode: 0o755, parents: true, reason: 't' },
      ]),
    );
    expect(mk).toMatchObject({ code: 'ENOENT', path: '/tmp' });
    const r = apply([
      { op: 'symlink', path: '/etc/cron.d/sentinel', target: '/x', replace: true, reason: 't' },
      { op: 'unlink', path: '/etc/cron.d/sentinel', reason: 't' },
    ]);
    expect(E.isRight(r) && r.right.outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped']);
    // once the link's target exists inside the rootfs, everything happens there
    layout(s.rootfs, { [s.outside]: { dir: true } });
    expect(
      E.isRight(
        apply([
          { op: 'mkdir', path: '/etc/systemd/network', mode: 0o755, parents: true, reason: 't' },
        ]),
      ),
    ).toBe(true);
    expect(lstatSync(join(s.rootfs, s.outside, 'network')).isDirectory()).toBe(true);
  });

  it('a link loop in a directory component is refused with ELOOP', () => {
    layout(s.rootfs, { '/etc/a': { link: '/etc/b' }, '/etc/b': { link: 'a' } });
    const f = failure(apply([write('/etc/a/file', 'x\n')]));
    expect(f.code).toBe('ELOOP');
    expect(f.message).toMatch(/Too many levels of symbolic links/);
    expect(f.path).toMatch(/^\/etc\/[ab]$/);
  });

  it('a dangling link: as the final component it is replaced; as a directory it is refused', () => {
    layout(s.rootfs, {
      '/etc/resolv.conf': { link: '/run/systemd/resolve/stub-resolv.conf' },
      '/etc/dangling': { link: '/nowhere' },
    });
    expect(E.isRight(apply([write('/etc/resolv.conf', 'nameserver 10.0.0.1\n')]))).toBe(true);
    expect(lstatSync(join(s.rootfs, 'etc/resolv.conf')).isFile()).toBe(true);
    expect(existsSync(join(s.rootfs, 'run'))).toBe(false);
    const f = failure(apply([write('/etc/dangling/x', 'x\n')]));
    expect(f).toMatchObject({ code: 'ENOENT', path: '/nowhere', operationIndex: 0 });
  });

  it('a component swapped for a link between snapshot and apply is refused', () => {
    layout(s.rootfs, { '/etc/network/interfaces': 'old\n' });
    const snap = readRootfs(s.rootfs);
    if (E.isLeft(snap)) throw new Error(snap.left[0].message);
    // the template (or something in it) swaps /etc/network for a link to the host
    renameSync(join(s.rootfs, 'etc/network'), join(s.rootfs, 'etc/network.orig'));
    symlinkSync(join(s.outside, 'network'), join(s.rootfs, 'etc/network'));
    mkdirSync(join(s.rootfs, s.outside, 'network'), { recursive: true }); // even a contained target
    const f = failure(apply([write('/etc/network/interfaces', 'new\n')], { snapshot: snap.right }));
    expect(f.code).toBe('CHANGED');
    expect(f.message).toBe(
      `cannot write /etc/network/interfaces: /etc/network was a directory in the snapshot the plan was made from and is a symlink to ${join(s.outside, 'network')} now; refusing`,
    );
    expect(existsSync(join(s.rootfs, s.outside, 'network/interfaces'))).toBe(false);
    // the dry run refuses in the same way
    expect(
      failure(
        apply([write('/etc/network/interfaces', 'new\n')], { snapshot: snap.right, dryRun: true }),
      ).code,
    ).toBe('CHANGED');
  });

  it('a component swapped for a link during the apply (between two operations) is refused', () => {
    layout(s.rootfs, { '/etc/hostname': 'old\n', '/etc/network/interfaces': 'old\n' });
    const snap = readRootfs(s.rootfs);
    if (E.isLeft(snap)) throw new Error(snap.left[0].message);
    const r = apply([write('/etc/hostname', 'new\n'), write('/etc/network/interfaces', 'new\n')], {
      snapshot: snap.right,
      onProgress: ({ done }: { done: number }) => {
        if (done !== 1) return;
        renameSync(join(s.rootfs, 'etc/network'), join(s.rootfs, 'etc/network.orig'));
        symlinkSync(join(s.outside, 'network'), join(s.rootfs, 'etc/network'));
      },
    });
    const f = failure(r);
    expect(f).toMatchObject({ code: 'CHANGED', path: '/etc/network', operationIndex: 1 });
    expect(f.report.changed.map((o) => o.path)).toEqual(['/etc/hostname']);
    expect(readlinkSync(join(s.rootfs, 'etc/network'))).toBe(join(s.outside, 'network'));
    expect(strays(s.rootfs)).toEqual([]);
  });

  it('without a snapshot, a swapped component is still contained', () => {
    layout(s.rootfs, { '/etc/network/interfaces': 'old\n' });
    renameSync(join(s.rootfs, 'etc/network'), join(s.rootfs, 'etc/network.orig'));
    symlinkSync(join(s.outside, 'network'), join(s.rootfs, 'etc/network'));
    expect(failure(apply([write('/etc/network/interfaces', 'new\n')])).code).toBe('ENOENT');
  });

  it('an escape is refused in a dry run too, which writes nothing', () => {
    layout(s.rootfs, {
      '/etc/network': { link: join(s.outside, 'network') },
      '/etc/hosts': { link: s.sentinel },
    });
    const before = fingerprint(s.rootfs);
    const r = apply([write('/etc/hosts', 'x\n'), write('/etc/network/interfaces', 'y\n')], {
      dryRun: true,
    });
    expect(failure(r)).toMatchObject({ code: 'ENOENT', operationIndex: 1 });
    expect(failure(r).report.diff).toContain('+++ b/etc/hosts');
    expect(fingerprint(s.rootfs)).toBe(before);
  });
});
