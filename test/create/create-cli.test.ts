import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../src/cli/main.js';
import { processSetupHost } from '../../src/cli/setup-commands.js';

const isRoot = process.getuid?.() === 0;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  return {
    out,
    err,
    written,
    io: {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      readFile: () => '',
      writeFile: (p: string, t: string) => void written.set(p, t),
    },
  };
}

describe('pctkit create', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-create-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run prints the config, the extraction command and the volumes', async () => {
    const c = capture();
    const code = await runCliAsync(
      [
        'create',
        '100',
        'local:vztmpl/debian-12.tar.zst',
        '--dry-run',
        '--seed',
        '1',
        '--net0',
        'name=eth0,bridge=vmbr0',
      ],
      c.io,
    );
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('rootfs: local:100/vm-100-disk-0.raw,size=4G\n');
    expect(text).toMatch(/net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:[0-9A-F:]{8},type=veth\n/);
    expect(text).toContain(
      'lxc-usernsexec -m u:0:100000:65536 -m g:0:100000:65536 -- tar xpf - --zstd',
    );
  });

  it("reports Proxmox's errors and exits 1; the sync entry point names the async one", async () => {
    const c = capture();
    expect(await runCliAsync(['create', '100', '/t/x.tar.lz4', '--dry-run'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('unrecognized compression format: .lz4');
    const d = capture();
    expect(runCli(['create', '100', 'x.tar'], d.io)).toBe(2);
    expect(d.err.join('')).toContain('runCliAsync');
  });

  it.runIf(isRoot || process.env['CI'] !== undefined)(
    'creates from a small Debian-like template',
    async () => {
      const src = join(dir, 'src');
      mkdirSync(join(src, 'etc/network'), { recursive: true });
      mkdirSync(join(src, 'root'));
      mkdirSync(join(src, 'dev'));
      writeFileSync(join(src, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
      writeFileSync(join(src, 'etc/debian_version'), '12.7\n');
      writeFileSync(join(src, 'etc/hostname'), 'localhost\n');
      writeFileSync(join(src, 'etc/hosts'), '127.0.0.1 localhost\n');
      writeFileSync(join(src, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
      writeFileSync(join(src, 'etc/shadow'), 'root:*:19000:0:99999:7:::\n');
      writeFileSync(join(src, 'etc/network/interfaces'), 'auto lo\niface lo inet loopback\n');
      execFileSync('tar', ['-C', src, '--numeric-owner', '-czf', join(dir, 'tiny.tar.gz'), '.']);
      const target = join(dir, 'ct');
      mkdirSync(target);
      const c = capture();
      const code = await runCliAsync(
        [
          'create',
          '123',
          join(dir, 'tiny.tar.gz'),
          '--rootfs',
          target,
          '--config',
          join(dir, '123.conf'),
          '--hostname',
          'tiny',
          '--nameserver',
          '192.0.2.1',
          '--seed',
          '2',
          '--no-ssh-host-keys',
          '--arch',
          'amd64',
        ],
        c.io,
        { ...processSetupHost, stderrIsTTY: false },
      );
      expect(c.err.join('')).toMatch(/extracted: 12 members, 150 bytes, 1 skipped/);
      expect(code).toBe(0);
      expect(c.written.get(join(dir, '123.conf'))).toBe(
        'arch: amd64\nhostname: tiny\nmemory: 512\nnameserver: 192.0.2.1\nostype: debian\nrootfs: local:123/vm-123-disk-0.raw,size=4G\nswap: 512\nunprivileged: 1\n',
      );
      expect(readFileSync(join(target, 'etc/hostname'), 'utf8')).toBe('tiny\n');
      expect(readFileSync(join(target, 'etc/resolv.conf'), 'utf8')).toContain(
        'nameserver 192.0.2.1',
      );
    },
  );
});
