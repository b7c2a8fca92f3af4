/**
 * Proxmox's own setup tests (pve-container `src/test/run_setup_tests.pl`, 33 cases) through the
 * REAL adapter and the CLI: per case, the case directory is copied to a temporary directory (as the
 * harness's `cp -a D ./tmprootfs`), with the symlinks that the shared/ copy lost restored as real
 * symlinks, and
 *
 *   pctkit apply --pve-test-mode --password-hash '$5$SALT$PASS' --ssh-key 'ssh-rsa ABCDEFG ABC@DEF'
 *                --now <fixed> CASE/config COPY
 *
 * runs twice (in-process, through `runCli`); after each run every upstream-compared `.exp` file is
 * compared byte for byte with the file in the copy (`@DAYS@` = floor(now / 86400) of `--now`).
 *
 * Containment: the copy's parent directory also holds `bad-path.txt` (where test-debian-013's
 * `/etc/hosts -> ../../bad-path.txt` points on the host, as upstream lays it out) and a sentinel
 * file; everything outside the copy is fingerprinted before and after and must be unchanged.
 *
 * The second run: Proxmox rewrites every file on every run, with the same content except one
 * thing — `authorized_keys` is created with mode 0700 and rewritten with 0644 by every later run
 * (spec §4.6). So the second run must report exactly one change, the mode of root's
 * `authorized_keys`, and a third run nothing at all.
 */
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { processIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { fingerprint, strays } from '../effects/support.js';
import { PVE_SETUP_TEST_SYMLINKS } from '../support/load-tree.js';
import { COMPARED } from '../support/pve-setup-cases.js';
import { sharedPath } from '../support/shared.js';


const NOW_ISO = '2024-11-29T13:45:00Z';
const DAYS = String(Math.floor(Date.parse(NOW_ISO) / 1000 / 86400));

const setupDir = sharedPath('pve-tests', 'setup');
const cases = readdirSync(setupDir)
  .filter((name) => name.startsWith('test-') && statSync(join(setupDir, name)).isDirectory())
  .sort();

const scratch = mkdtempSync(join(tmpdir(), 'pctkit-setup-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Copies a case directory to `dest` as `cp -a` of a git checkout would: directories and files
 * writable by their owner again (the shared/ export made them read-only), the lost symlinks
 * restored as real symlinks.
 */
function copyCase(name: string, dest: string): void {
  cpSync(join(setupDir, name), dest, { recursive: true });
  const writable = (p: string): void => {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      chmodSync(p, 0o755);
      for (const child of readdirSync(p)) writable(join(p, child));
    } else if (st.isFile()) chmodSync(p, (st.mode & 0o111) !== 0 ? 0o755 : 0o644);
  };
  writable(dest);
  for (const [rel, target] of Object.entries(PVE_SETUP_TEST_SYMLINKS[name] ?? {})) {
    rmSync(join(dest, rel));
    symlinkSync(target, join(dest, rel));
  }
}

interface JsonOutcome {
  readonly op: string;
  readonly path: string;
  readonly status: 'changed' | 'unchanged' | 'skipped';
  readonly changes: readonly string[];
}

interface JsonReport {
  readonly ok: boolean;
  readonly summary: { operations: number; changed: number; unchanged: number; skipped: number };
  readonly outcomes: readonly JsonOutcome[];
}

function apply(name: string, copy: string): { code: number; report: JsonReport; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    ...processIo,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  };
  const code = runCli(
    [
      'apply',
      '--pve-test-mode',
      '--password-hash',
      '$5$SALT$PASS',
      '--ssh-key',
      'ssh-rsa ABCDEFG ABC@DEF',
      '--now',
      NOW_ISO,
      '--json',
      join(setupDir, name, 'config'),
      copy,
    ],
    io,
  );
  if (code !== 0) throw new Error(`${name}: pctkit apply exited ${code}: ${err}`);
  return { code, report: JSON.parse(out) as JsonReport, err };
}

/** Compares every upstream-compared `.exp` of the case with the copy; returns how many. */
function compareExpectations(name: string, copy: string): number {
  let compared = 0;
  for (const rel of COMPARED) {
    const expPath = join(setupDir, name, `${rel}.exp`);
    let expected: Buffer;
    try {
      if (!statSync(expPath).isFile()) continue;
      expected = readFileSync(expPath);
    } catch {
      continue;
    }
    if (rel === 'etc/shadow')
      expected = Buffer.from(expected.toString('utf8').replaceAll('@DAYS@', DAYS));
    let actual: Buffer | undefined;
    try {
      actual = readFileSync(join(copy, rel));
    } catch {
      actual = undefined;
    }
    expect(actual, `${name}: /${rel} missing`).toBeDefined();
    // Byte for byte (shown as text when they differ).
    if (actual !== undefined && !actual.equals(expected))
      expect(actual.toString('utf8'), `${name}: /${rel}`).toBe(expected.toString('utf8'));
    compared++;
  }
  return compared;
}

/** Fingerprint of everything in `dir` except the entry `except`. */
function outsideFingerprint(dir: string, except: string): string {
  return readdirSync(dir)
    .filter((n) => n !== except)
    .sort()
    .map((n) => `${n}:${fingerprint(join(dir, n))}`)
    .join('\n');
}

const changedOf = (r: JsonReport): { path: string; changes: readonly string[] }[] =>
  r.outcomes
    .filter((o) => o.status === 'changed')
    .map((o) => ({ path: o.path, changes: o.changes }));

describe('Proxmox setup tests through pctkit apply (real adapter)', () => {
  it('finds all 33 cases', () => {
    expect(cases).toHaveLength(33);
  });

  for (const name of cases) {
    it(name, () => {
      const base = mkdtempSync(join(scratch, `${name}-`));
      const copy = join(base, name);
      copyCase(name, copy);
      // Outside the copy: the link target of test-debian-013 (as upstream lays it out) and a sentinel.
      writeFileSync(join(base, 'bad-path.txt'), readFileSync(join(setupDir, 'bad-path.txt')));
      writeFileSync(join(base, 'sentinel'), 'host file, never to be touched\n', { mode: 0o600 });
      const outside = outsideFingerprint(base, name);
      const badPath = readFileSync(join(base, 'bad-path.txt'));

      const first = apply(name, copy);
      expect(first.report.ok).toBe(true);
      expect(
        first.report.summary.changed,
        `${name}: the first run changes something`,
      ).toBeGreaterThan(0);
      expect(compareExpectations(name, copy)).toBeGreaterThan(0);

      const second = apply(name, copy);
      expect(compareExpectations(name, copy)).toBeGreaterThan(0);
      const keys = first.report.outcomes.find(
        (o) =>
          o.path.endsWith('/.ssh/authorized_keys') &&
          o.status === 'changed' &&
          o.changes.includes('created'),
      );
      expect(changedOf(second.report), `${name}: what the second run changed`).toEqual(
        keys === undefined ? [] : [{ path: keys.path, changes: ['mode'] }],
      );

      const third = apply(name, copy);
      expect(changedOf(third.report), `${name}: what a third run changed`).toEqual([]);
      expect(compareExpectations(name, copy)).toBeGreaterThan(0);

      expect(outsideFingerprint(base, name), `${name}: something outside the copy changed`).toBe(
        outside,
      );
      expect(readFileSync(join(base, 'bad-path.txt'))).toEqual(badPath);
      expect(strays(copy), `${name}: temporary files left behind`).toEqual([]);
    });
  }

  it('test-debian-013: /etc/hosts, a link escaping the rootfs, is replaced by a file; its host target is untouched', () => {
    const base = mkdtempSync(join(scratch, 'debian-013-'));
    const copy = join(base, 'test-debian-013');
    copyCase('test-debian-013', copy);
    writeFileSync(join(base, 'bad-path.txt'), readFileSync(join(setupDir, 'bad-path.txt')));
    const before = readFileSync(join(base, 'bad-path.txt'));
    expect(lstatSync(join(copy, 'etc/hosts')).isSymbolicLink()).toBe(true);
    // The link really reaches the host file when followed naively.
    expect(readFileSync(join(copy, 'etc/hosts'))).toEqual(before);
    const r = apply('test-debian-013', copy);
    const hosts = r.report.outcomes.find((o) => o.path === '/etc/hosts');
    expect(hosts).toMatchObject({ status: 'changed', changes: ['type', 'content'] });
    expect(lstatSync(join(copy, 'etc/hosts')).isFile()).toBe(true);
    expect(readFileSync(join(base, 'bad-path.txt'))).toEqual(before);
  });
});
