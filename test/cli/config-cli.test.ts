import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usage } from '../../src/cli/main.js';
import { runCaptured, type CliRun } from '../support/run-cli.js';

const run = (args: string[]): CliRun => runCaptured(args);

function tempConfig(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('pctkit config', () => {
  it('check prints FILE:LINE:COL: severity: message and exits 1 on errors', () => {
    const file = tempConfig('105.conf', 'hostname: ok\n  memory: 5\nmemory: 1\nmemory: 2\n');
    const r = run(['config', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `${file}:2:1: error: unable to parse config:   memory: 5 (expected a line without leading whitespace)\n` +
        `${file}:4:1: notice: 'memory' is set again (first at line 3); the later value wins\n`,
    );
  });

  it('check exits 0 for a clean file and prints Proxmox messages on request', () => {
    const clean = tempConfig('100.conf', 'hostname: ok\n');
    expect(run(['config', 'check', clean])).toEqual({ code: 0, out: '', err: '' });
    const bad = tempConfig('42.conf', 'foo: 1\n');
    expect(run(['config', 'check', '--proxmox-messages', bad]).out).toBe(
      "vm 42 - unable to parse value of 'foo' - unknown setting 'foo'\n",
    );
  });

  it('fmt prints canonical text; --check diffs and exits 1; --write rewrites', () => {
    const file = tempConfig('101.conf', 'onboot: yes\nhostname: a\n');
    expect(run(['config', 'fmt', file])).toEqual({
      code: 0,
      out: 'hostname: a\nonboot: 1\n',
      err: '',
    });
    const check = run(['config', 'fmt', '--check', file]);
    expect(check.code).toBe(1);
    expect(check.out).toContain('-onboot: yes\n');
    expect(run(['config', 'fmt', '--write', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('hostname: a\nonboot: 1\n');
    expect(run(['config', 'fmt', '--check', file])).toEqual({ code: 0, out: '', err: '' });
  });

  it('json prints the model', () => {
    const file = tempConfig('103.conf', 'memory: 0512\n');
    const r = run(['config', 'json', '--proxmox', file]);
    expect(JSON.parse(r.out)).toEqual({ memory: 512, pending: {}, snapshots: {} });
  });

  it('usage errors exit 2 with a short help; missing files exit 1', () => {
    for (const args of [
      [],
      ['nope'],
      ['config'],
      ['config', 'fmt'],
      ['config', 'fmt', '--check', '--write', 'x'],
      ['config', 'check', '--bogus', 'x'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^pctkit: [^\n]+\nsee 'pctkit ([a-z]+ )*--help'\n$/);
    }
    const r = run(['config', 'check', '/nonexistent/1.conf']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('/nonexistent/1.conf: cannot read: no such file\n');
    expect(run(['--help']).out).toBe(usage);
  });
});

describe('docs/cli.md', () => {
  it('lists the same commands as --help', async () => {
    const { readFileSync } = await import('node:fs');
    const { repoRoot } = await import('../support/shared.js');
    const doc = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8');
    const block = /```\n([^]*?)```/.exec(doc)?.[1] ?? '';
    const commands = block.split('\n').filter((l) => l.startsWith('pctkit'));
    expect(commands.length).toBeGreaterThan(2);
    for (const c of commands) expect(usage).toContain(c);
  });
});

describe('pctkit config (typed view)', () => {
  it('json prints the typed view with field-level diagnostics', () => {
    const file = tempConfig(
      '104.conf',
      'memory: 0512\nonboot: yes\nnet0: name=eth0,bridge=vmbr0,ip=10.0.0.5/24\nnet1: name=eth1,hwaddr=01:00:00:00:00:00\n',
    );
    const r = run(['config', 'json', file]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as {
      current: Record<string, unknown>;
      diagnostics: Array<Record<string, unknown>>;
    };
    expect(out.current['memory']).toBe(512);
    expect(out.current['onboot']).toBe(true);
    expect(out.current['net']).toEqual({
      0: { name: 'eth0', bridge: 'vmbr0', ip: { cidr: '10.0.0.5/24' } },
    });
    expect(out.current['invalid']).toEqual({ net1: 'name=eth1,hwaddr=01:00:00:00:00:00' });
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({
      key: 'net1',
      field: 'hwaddr',
      line: 4,
      column: 24,
      message: 'net1.hwaddr: not a valid unicast MAC address',
    });
  });

  it('check --api reports what pct set refuses; without it the reader level only', () => {
    const file = tempConfig('106.conf', 'cores: 0\nostype: redhat\nhostname: ok\n');
    expect(run(['config', 'check', file])).toEqual({ code: 0, out: '', err: '' });
    const r = run(['config', 'check', '--api', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `${file}:1:8: error: cores: less than the minimum 1\n` +
        `${file}:2:9: error: ostype: 'redhat' is not one of debian, devuan, ubuntu, centos, fedora, opensuse, archlinux, alpine, gentoo, nixos, unmanaged\n`,
    );
    expect(run(['config', 'check', '--api', '--proxmox-messages', file]).out).toBe(
      "cores: value must have a minimum value of 1\nostype: value 'redhat' does not have a value in the enumeration 'debian, devuan, ubuntu, centos, fedora, opensuse, archlinux, alpine, gentoo, nixos, unmanaged'\n",
    );
    expect(run(['config', 'json', '--api', '--proxmox', file]).code).toBe(2);
  });
});
