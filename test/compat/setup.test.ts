/**
 * Proxmox's own setup tests (pve-container `src/test/run_setup_tests.pl`, 33 cases): per case,
 * detect, plan the post-create hook with the harness's fixed inputs, apply the plan in memory and
 * compare every expected file of the upstream path list byte for byte; then run again on the
 * result (idempotence), as upstream does.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { decodeUtf8 } from '../../src/encoding/utf8.js';
import type { FsSnapshot } from '../../src/os/fs-snapshot.js';
import { isFile, isSymlink, readFile } from '../../src/os/fs-snapshot.js';
import { detectOs } from '../../src/os/detect.js';
import { drand48 } from '../../src/random/drand48.js';
import { NIL_UUID } from '../../src/random/uuid.js';
import { applyPlanToSnapshot } from '../../src/setup/apply-to-snapshot.js';
import { planSetup } from '../../src/setup/plan-setup.js';
import { loadSetupTestTree } from '../support/load-tree.js';
import { COMPARED } from '../support/pve-setup-cases.js';
import { sharedPath } from '../support/shared.js';

/** A fixed clock for the runs (upstream uses the real time; `@DAYS@` follows it). */
const NOW = 1_732_838_400;

const setupDir = sharedPath('pve-tests', 'setup');
const cases = readdirSync(setupDir)
  .filter((name) => name.startsWith('test-') && statSync(join(setupDir, name)).isDirectory())
  .sort();

function runOnce(snapshot: FsSnapshot, configText: string): FsSnapshot {
  const config = readConfig(configText).config.main;
  const text = (k: string): string | undefined =>
    config.values[k] === undefined ? undefined : String(config.values[k]);
  const detected = detectOs(snapshot, {
    ...(text('ostype') ? { ostype: text('ostype') } : {}),
    ...(text('arch') ? { arch: text('arch') } : {}),
  });
  if (E.isLeft(detected)) throw new Error(`detection failed: ${detected.left[0].message}`);
  const plan = planSetup({
    snapshot,
    config,
    os: detected.right,
    hook: 'post-create',
    now: NOW,
    random: drand48(0),
    uuid: () => NIL_UUID,
    hostDns: { nameservers: ['8.8.8.8', '8.8.8.9'], searchdomains: ['proxmox.com'] },
    rootPasswordHash: '$5$SALT$PASS',
    sshKeys: 'ssh-rsa ABCDEFG ABC@DEF',
    sshHostKeys: false,
  });
  if (E.isLeft(plan))
    throw new Error(`planning failed: ${plan.left[0].code}: ${plan.left[0].message}`);
  const applied = applyPlanToSnapshot(snapshot, plan.right.operations);
  if (E.isLeft(applied))
    throw new Error(`applying failed: ${applied.left[0].message} (${applied.left[0].path})`);
  return applied.right;
}

/** Paths whose kind, content or target differ between two snapshots. */
function changedFiles(a: FsSnapshot, b: FsSnapshot): string[] {
  const changed: string[] = [];
  for (const path of new Set([...a.entries.keys(), ...b.entries.keys()])) {
    const x = a.entries.get(path);
    const y = b.entries.get(path);
    const same =
      x !== undefined &&
      y !== undefined &&
      x.kind === y.kind &&
      (x.kind !== 'file' ||
        (y.kind === 'file' && decodeUtf8(x.content) === decodeUtf8(y.content))) &&
      (x.kind !== 'symlink' || (y.kind === 'symlink' && x.target === y.target));
    if (!same) changed.push(path);
  }
  return changed.sort();
}

function compareExpectations(name: string, result: FsSnapshot): number {
  let compared = 0;
  const days = String(Math.floor(NOW / 86400));
  for (const rel of COMPARED) {
    const expPath = join(setupDir, name, `${rel}.exp`);
    let expected: string;
    try {
      if (!statSync(expPath).isFile()) continue;
      expected = readFileSync(expPath, 'utf8');
    } catch {
      continue;
    }
    if (rel === 'etc/shadow') expected = expected.replaceAll('@DAYS@', days);
    const actual = readFile(result, `/${rel}`);
    expect(E.isRight(actual), `${name}: /${rel} missing`).toBe(true);
    if (E.isRight(actual)) expect(decodeUtf8(actual.right), `${name}: /${rel}`).toBe(expected);
    compared++;
  }
  return compared;
}

describe('Proxmox setup tests (pve-tests/setup)', () => {
  it('finds all 33 cases', () => {
    expect(cases).toHaveLength(33);
  });

  for (const name of cases) {
    it(name, () => {
      const configText = readFileSync(join(setupDir, name, 'config'), 'utf8');
      const first = runOnce(loadSetupTestTree(name), configText);
      expect(compareExpectations(name, first)).toBeGreaterThan(0);
      const second = runOnce(first, configText);
      expect(compareExpectations(name, second)).toBeGreaterThan(0);
      // A second plan on the result changes nothing: every file reads the same after it.
      expect(changedFiles(first, second), `${name}: files the second run changed`).toEqual([]);
    });
  }

  it('test-debian-013: the escaping /etc/hosts link is replaced, nothing outside the root is touched', () => {
    const badPath = sharedPath('pve-tests', 'setup', 'bad-path.txt');
    const before = readFileSync(badPath);
    const snapshot = loadSetupTestTree('test-debian-013');
    expect(isSymlink(snapshot, '/etc/hosts')).toBe(true);
    // Record every path the planner and the applier look up.
    const seen = new Set<string>();
    const entries = snapshot.entries;
    const tracked: FsSnapshot = {
      entries: new Proxy(entries as Map<string, unknown>, {
        get(target, prop, receiver) {
          if (prop === 'get' || prop === 'has') {
            return (key: string) => {
              seen.add(key);
              return prop === 'get' ? target.get(key) : target.has(key);
            };
          }
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function'
            ? (value as (...a: unknown[]) => unknown).bind(target)
            : value;
        },
      }) as FsSnapshot['entries'],
    };
    const result = runOnce(
      tracked,
      readFileSync(join(setupDir, 'test-debian-013', 'config'), 'utf8'),
    );
    for (const key of seen)
      expect(key.startsWith('/') && !key.split('/').includes('..'), key).toBe(true);
    expect(isFile(result, '/etc/hosts')).toBe(true);
    expect(result.entries.has('/bad-path.txt')).toBe(false);
    expect(readFileSync(badPath)).toEqual(before);
  });
});
