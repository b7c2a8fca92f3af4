/**
 * A real Debian rootfs (built from Debian's packages by test/support/debian-rootfs.sh, cached),
 * driven through the CLI exactly as a person would: `pctkit detect`, `pctkit plan` and
 * `pctkit apply` (in-process through `runCli`) with the real planner, for a two-NIC config (static
 * IPv4 with a gateway outside the subnet, DHCPv6). The result is then checked with the
 * distribution's own tools in a chroot: getent, ifquery, sshd -t, ssh-keygen -lf.
 *
 * Runs as root. Outside CI it skips (saying why) when not root or when the rootfs cannot be built;
 * in CI (CI=true) it never skips: not being root or failing to build the rootfs fails it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { processIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { inCi, isRoot } from './support.js';

const HOSTNAME = 'ct1.example.com';
const SHORT = 'ct1';
const ADDRESS = '10.0.0.2';
const GATEWAY = '192.168.99.1'; // outside 10.0.0.0/24
const NOW = '2025-01-15T10:00:00Z';
const DAYS = Math.floor(Date.parse(NOW) / 86_400_000);
const PASSWORD_HASH = '$6$pctkitsalt$0123456789abcdefABCDEF./';
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbB admin@example';

/** The container config: two NICs, DNS of its own (the host's is not consulted). */
const CONFIG = `arch: amd64
hostname: ${HOSTNAME}
memory: 512
nameserver: 10.0.0.1
net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=${ADDRESS}/24,gw=${GATEWAY},type=veth
net1: name=eth1,bridge=vmbr0,hwaddr=BC:24:11:00:00:02,ip6=dhcp,type=veth
ostype: debian
searchdomain: example.com
`;

/** Runs `pctkit ARGS` in-process. */
function pctkit(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    ...processIo,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  };
  const code = runCli(args, io);
  return { code, out, err };
}

interface JsonOutcome {
  readonly op: string;
  readonly path: string;
  readonly status: string;
  readonly changes: readonly string[];
}

const changedOf = (out: string): { path: string; changes: readonly string[] }[] =>
  (JSON.parse(out) as { outcomes: JsonOutcome[] }).outcomes
    .filter((o) => o.status === 'changed')
    .map((o) => ({ path: o.path, changes: o.changes }));

const script = join(import.meta.dirname, '..', 'support', 'debian-rootfs.sh');

let skipReason: string | undefined;
let work: string | undefined;
let rootfs = '';
let configFile = '';
let buildSeconds = 0;

beforeAll(() => {
  if (!isRoot) {
    if (inCi) throw new Error('CI must run as root: the real-rootfs test needs chroot');
    skipReason = 'not root (building the rootfs and chroot need root)';
    return;
  }
  const t0 = performance.now();
  const built = spawnSync('bash', [script], {
    encoding: 'utf8',
    timeout: 30 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  buildSeconds = (performance.now() - t0) / 1000;
  const cached = built.stdout.trim().split('\n').pop() ?? '';
  if (built.status !== 0 || cached === '') {
    const why = `the Debian rootfs could not be built: ${(built.stderr || String(built.error)).trim().split('\n').slice(-5).join(' | ')}`;
    if (inCi) throw new Error(why);
    skipReason = why;
    return;
  }
  work = mkdtempSync(join(tmpdir(), 'pctkit-real-'));
  rootfs = join(work, 'rootfs');
  const cp = spawnSync('cp', ['-a', '--reflink=auto', cached, rootfs]);
  if (cp.status !== 0) throw new Error(`cannot copy ${cached}: ${cp.stderr}`);
  configFile = join(work, '100.conf');
  writeFileSync(configFile, CONFIG);
}, 35 * 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const inChroot = (...argv: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync('chroot', [rootfs, ...argv], {
    encoding: 'utf8',
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('a real Debian rootfs', () => {
  const inputs = [
    '--seed',
    '42',
    '--now',
    NOW,
    '--password-hash',
    PASSWORD_HASH,
    '--ssh-key',
    SSH_KEY,
  ];

  it('pctkit detect: Debian, with its version and arch', (ctx) => {
    if (skipReason !== undefined) {
      console.warn(`real-rootfs: skipped: ${skipReason}`);
      ctx.skip();
    }
    console.info(`real-rootfs: rootfs ready after ${buildSeconds.toFixed(1)} s (0 when cached)`);
    const r = pctkit('detect', rootfs, '--config', configFile, '--json');
    expect([r.code, r.err]).toEqual([0, '']);
    const d = JSON.parse(r.out) as { type: string; version: number; arch: string };
    expect(d.type).toBe('debian');
    const debianVersion = readFileSync(join(rootfs, 'etc/debian_version'), 'utf8');
    expect(d.version).toBe(parseInt(debianVersion, 10));
    expect(d.arch).toBe('amd64');
    const text = pctkit('detect', rootfs);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`ostype: debian\nversion: ${d.version}\n`);
  });

  it('pctkit plan: the real planner, one line per operation with its reason', (ctx) => {
    if (skipReason !== undefined) ctx.skip();
    const json = pctkit('plan', configFile, rootfs, '--json', ...inputs);
    expect([json.code, json.err]).toEqual([0, '']);
    const plan = JSON.parse(json.out) as {
      operations: { op: string; path: string; reason: string }[];
    };
    const targets = plan.operations.map((o) => `${o.op} ${o.path}`);
    for (const t of [
      'write /etc/network/interfaces',
      'write /etc/hosts',
      'write /etc/hostname',
      'write /etc/resolv.conf',
      'write /etc/shadow',
      'write /root/.ssh/authorized_keys',
      'ssh-host-key /etc/ssh/ssh_host_rsa_key',
      'ssh-host-key /etc/ssh/ssh_host_ecdsa_key',
      'ssh-host-key /etc/ssh/ssh_host_ed25519_key',
    ])
      expect(targets).toContain(t);
    const text = pctkit('plan', configFile, rootfs, ...inputs);
    expect(text.code).toBe(0);
    const lines = text.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^post-create plan for .* \\(debian \\d+, amd64\\): ${plan.operations.length} operations$`,
      ),
    );
    expect(lines.slice(1).map((l) => l.replace(/^ +(\S+) +(\S+).*: (.*)$/, '$1 $2: $3'))).toEqual(
      plan.operations.map((o) => `${o.op === 'mkdir' ? 'mkdir' : o.op} ${o.path}: ${o.reason}`),
    );
  });

  it('pctkit apply: applies the plan; a re-apply changes only what Proxmox changes on every run', (ctx) => {
    if (skipReason !== undefined) ctx.skip();
    const first = pctkit('apply', configFile, rootfs, '--json', ...inputs);
    expect(first.code, first.err).toBe(0);
    const changed = changedOf(first.out).map((c) => c.path);
    for (const p of [
      '/etc/network/interfaces',
      '/etc/hosts',
      '/etc/hostname',
      '/etc/shadow',
      '/root/.ssh/authorized_keys',
    ])
      expect(changed).toContain(p);
    for (const keyType of ['rsa', 'ecdsa', 'ed25519']) {
      expect(changed).toContain(`/etc/ssh/ssh_host_${keyType}_key`);
      expect(first.err).toContain(`ssh host ${keyType} key: new ${keyType} key pair`); // progress
      expect(statSync(join(rootfs, `etc/ssh/ssh_host_${keyType}_key`)).mode & 0o777).toBe(0o600);
      expect(statSync(join(rootfs, `etc/ssh/ssh_host_${keyType}_key.pub`)).mode & 0o777).toBe(
        0o644,
      );
    }
    // Without --keep-ssh-host-keys a re-apply would replace the host keys (Proxmox's post-create),
    // and (Proxmox's quirk) rewrite authorized_keys with mode 0644 instead of 0700.
    const dry = pctkit('apply', configFile, rootfs, '--dry-run', '--json', ...inputs);
    expect(dry.code, dry.err).toBe(0);
    expect(changedOf(dry.out)).toEqual([
      { path: '/root/.ssh/authorized_keys', changes: ['mode'] },
      ...['rsa', 'ecdsa', 'ed25519'].map((t) => ({
        path: `/etc/ssh/ssh_host_${t}_key`,
        changes: ['content'],
      })),
    ]);
    const second = pctkit('apply', configFile, rootfs, '--keep-ssh-host-keys', '--json', ...inputs);
    expect(second.code, second.err).toBe(0);
    expect(changedOf(second.out)).toEqual([
      { path: '/root/.ssh/authorized_keys', changes: ['mode'] },
    ]);
    const third = pctkit('apply', configFile, rootfs, '--keep-ssh-host-keys', ...inputs);
    expect(third.code, third.err).toBe(0);
    expect(third.out).toMatch(/: 0 changed, \d+ unchanged, 0 skipped\n$/);
  });

  it('getent shadow: root has the given hash and the day of --now', (ctx) => {
    if (skipReason !== undefined) ctx.skip();
    const r = inChroot('getent', 'shadow', 'root');
    expect(r.status).toBe(0);
    expect(r.stdout.split(':').slice(0, 3)).toEqual(['root', PASSWORD_HASH, String(DAYS)]);
    expect(readFileSync(join(rootfs, 'root/.ssh/authorized_keys'), 'utf8')).toBe(
      `# --- BEGIN PVE ---\n${SSH_KEY}\n# --- END PVE ---\n`,
    );
  });

  it('getent hosts resolves the hostname to the configured address', (ctx) => {
    if (skipReason !== undefined) ctx.skip();
    for (const name of [SHORT, HOSTNAME]) {
      const r = inChroot('getent', 'hosts', name);
      expect([name, r.status, r.stdout.trim().split(/\s+/)[0]]).toEqual([name, 0, ADDRESS]);
    }
  });

  it('ifquery reads the written interfaces file', (ctx) => {
    if (skipReason !== undefined) ctx.skip();
    const list = inChroot('ifquery', '--list', '-a');
    expect(list.stderr).toBe('');
    expect(list.stdout.trim().split('\n')).toEqual(['lo', 'eth0', 'eth1']);
    const eth0 = inChroot('ifquery', 'eth0');
    expect(eth0.status).toBe(0);
    // ifupdown splits the CIDR address and reports post-up lines as `up`
    expect(eth0.stdout).toContain(`address: ${ADDRESS}\n`);
    expect(eth0.stdout).toContain('netmask: 255.255.255.0\n');
    expect(eth0.stdout).toContain(`up: ip route add ${GATEWAY} dev eth0\n`);
    expect(eth0.stdout).toContain(`up: ip route add default via ${GATEWAY} dev eth0\n`);
    const eth1 = inChroot('ifquery', 'eth1');
    expect(eth1.status).toBe(0);
    expect(eth1.stdout).toContain('accept_ra: 1\n'); // the inet6 dhcp stanza
  });

  it('sshd -t accepts the generated host keys and ssh-keygen -lf reads each', (ctx) => {
    if (skipReason !== undefined) ctx.skip();
    mkdirSync(join(rootfs, 'run/sshd'), { recursive: true }); // systemd's RuntimeDirectory at boot
    const sshd = inChroot('/usr/sbin/sshd', '-t');
    expect([sshd.status, sshd.stderr]).toEqual([0, '']);
    for (const keyType of ['rsa', 'ecdsa', 'ed25519']) {
      for (const file of [
        `/etc/ssh/ssh_host_${keyType}_key`,
        `/etc/ssh/ssh_host_${keyType}_key.pub`,
      ]) {
        const r = inChroot('ssh-keygen', '-lf', file);
        expect([file, r.status]).toEqual([file, 0]);
        expect(r.stdout).toMatch(
          new RegExp(`^\\d+ SHA256:\\S+ root@${SHORT} \\(${keyType.toUpperCase()}\\)\\n$`),
        );
      }
    }
  });
});
