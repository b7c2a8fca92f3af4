/**
 * Every lxc-config vector through `pctkit lxc-config` in-process: stdout is the exact config,
 * stderr exactly what Proxmox printed (warnings, then the error with exit 1); `--out` writes the
 * files atomically. Plus the options' defaults and usage errors, and `--host-facts`.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIo, type CliIo } from '../../src/cli/io.js';
import { usage } from '../../src/cli/main.js';
import { runLxcConfigCommand } from '../../src/cli/lxc-config-command.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import type { HostFacts } from '../../src/start/host-facts.js';
import { loadLxcConfigCases, matchesExpected } from './lxc-vectors.js';
import { runCaptured, type CliRun } from '../support/run-cli.js';

const cases = loadLxcConfigCases();

const run = (args: string[]): CliRun => runCaptured(args);

describe('lxc-config vectors (CLI)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = run(['lxc-config', join(c.dir, 'config'), '--facts', join(c.dir, 'facts.json')]);
    expect(r.err).toBe(c.warnings + (c.error ?? ''));
    expect(r.code).toBe(c.error === undefined ? 0 : 1);
    if (c.lxcConfigs.length === 0) expect(r.out).toBe('');
    else if (!matchesExpected(c, r.out)) expect(r.out).toBe(c.lxcConfigs[0]);
  });

  it('--out writes DIR/config and DIR/rules.seccomp and nothing else', () => {
    for (const c of cases.filter(
      (x) => x.rulesSeccomp !== undefined || x.name === 'priv-ubuntu-defaults',
    )) {
      const dir = mkdtempSync(join(tmpdir(), 'pctkit-lxc-'));
      const r = run([
        'lxc-config',
        join(c.dir, 'config'),
        '--facts',
        join(c.dir, 'facts.json'),
        '--out',
        dir,
      ]);
      expect(r).toMatchObject({ code: 0, out: '' });
      expect(matchesExpected(c, readFileSync(join(dir, 'config'), 'utf8'))).toBe(true);
      if (c.rulesSeccomp === undefined) expect(readdirSync(dir)).toEqual(['config']);
      else {
        expect(readFileSync(join(dir, 'rules.seccomp'), 'utf8')).toBe(c.rulesSeccomp);
        expect(readdirSync(dir).sort()).toEqual(['config', 'rules.seccomp']);
      }
    }
  });
});

describe('pctkit lxc-config options', () => {
  const c = cases.find((x) => x.name === 'v1-unpriv-debian-nesting');
  if (c === undefined) throw new Error('missing case');
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-lxc-'));
  const factsWithout: Record<string, unknown> = { ...c.factsJson };
  delete factsWithout['vmid'];
  delete factsWithout['seed'];
  const bareFacts = join(dir, 'facts.json');
  writeFileSync(bareFacts, JSON.stringify(factsWithout));
  const named = join(dir, '100.conf');
  writeFileSync(named, c.config);
  const unnamed = join(dir, 'ct.conf');
  writeFileSync(unnamed, c.config);

  it('vmid comes from --vmid, else the facts, else the file name; seed from --seed, else the facts, else 0', () => {
    expect(run(['lxc-config', named, '--facts', bareFacts, '--seed', '1']).out).toBe(
      c.lxcConfigs[0],
    );
    expect(
      run(['lxc-config', unnamed, '--facts', bareFacts, '--vmid', '100', '--seed', '1']).out,
    ).toBe(c.lxcConfigs[0]);
    const other = run([
      'lxc-config',
      join(c.dir, 'config'),
      '--facts',
      join(c.dir, 'facts.json'),
      '--vmid',
      '7',
    ]).out;
    expect(other).toContain('lxc.rootfs.path = /var/lib/lxc/7/rootfs\n');
    // Seed 0 picks other CPUs than seed 1 here (drand48 after srand(0)).
    const seed0 = run(['lxc-config', named, '--facts', bareFacts]).out;
    expect(seed0).toBe(run(['lxc-config', named, '--facts', bareFacts, '--seed', '0']).out);
    expect(seed0.split('\n').filter((l) => l.startsWith('lxc.cgroup2.cpuset.cpus'))).toHaveLength(
      1,
    );
  });

  it('usage errors exit 2; unreadable or invalid facts exit 1 with the field path', () => {
    expect(run(['lxc-config']).code).toBe(2);
    expect(run(['lxc-config', named]).code).toBe(2);
    expect(run(['lxc-config', unnamed, '--facts', bareFacts]).code).toBe(2);
    expect(run(['lxc-config', named, '--facts', bareFacts, '--seed', 'x']).code).toBe(2);
    expect(run(['lxc-config', named, '--facts', join(dir, 'nope.json')]).code).toBe(1);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...factsWithout, bridgeMtu: { vmbr0: 'big' } }));
    const r = run(['lxc-config', named, '--facts', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('facts.bridgeMtu.vmbr0');
    expect(usage).toContain('pctkit lxc-config CONFIG --facts FACTS.json');
  });

  it("--host-facts prints decodable facts and asks for the config's bridges and devices", () => {
    let asked: unknown;
    let out = '';
    const io: CliIo = { ...processIo, stdout: (t) => void (out += t), stderr: () => undefined };
    const fake = (o: unknown): HostFacts => {
      asked = o;
      const d = decodeHostFacts(c.factsJson);
      if (d._tag === 'Left') throw new Error('bad facts');
      return d.right;
    };
    const withDev = join(dir, '123.conf');
    writeFileSync(withDev, `${c.config}dev0: /dev/net/tun\n`);
    expect(runLxcConfigCommand(io, ['--host-facts', withDev], fake)).toBe(0);
    expect(asked).toEqual({ vmid: 123, bridges: ['vmbr0'], devicePaths: ['/dev/net/tun'] });
    expect(decodeHostFacts(JSON.parse(out))._tag).toBe('Right');
  });

  it('--host-facts on this host never fails and decodes', () => {
    const r = run(['lxc-config', '--host-facts']);
    expect(r.code).toBe(0);
    const d = decodeHostFacts(JSON.parse(r.out));
    if (d._tag === 'Left') throw new Error(d.left.map((x) => x.message).join('\n'));
    expect(existsSync('/usr/share/lxc/config') || d.right.lxcConfigFiles.length === 0).toBe(true);
  });
});
