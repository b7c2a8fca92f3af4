/**
 * A real Debian rootfs (built from Debian's packages by test/support/debian-rootfs.sh, cached):
 * read it, detect it, plan a two-NIC setup (static IPv4 with a gateway outside the subnet, DHCPv6),
 * apply it through the adapter, then check the result with the distribution's own tools in a
 * chroot: getent, ifquery, sshd -t, ssh-keygen -lf.
 *
 * Runs as root. Outside CI it skips (saying why) when not root or when the rootfs cannot be built;
 * in CI (CI=true) it never skips: not being root or failing to build the rootfs fails it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyReport, applyPlanToRootfs, readRootfs } from '../../src/effects/index.js';
import { type Detection, detectOs } from '../../src/os/detect.js';
import type { FsSnapshot } from '../../src/os/fs-snapshot.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { inCi, isRoot } from './support.js';

const HOSTNAME = 'ct1.example.com';
const SHORT = 'ct1';
const ADDRESS = '10.0.0.2';
const GATEWAY = '192.168.99.1'; // outside 10.0.0.0/24

/**
 * The plan, hand-made the way Proxmox's Debian plugin writes these files, until the planners land.
 * To use the real planner, replace `handMadePlan` in `makePlan` below by a call of `planSetup`.
 */
function handMadePlan(_snapshot: FsSnapshot, _detection: Detection): PlanOperation[] {
  const interfaces =
    'auto lo\niface lo inet loopback\n\n' +
    `auto eth0\niface eth0 inet static\n\taddress ${ADDRESS}/24\n` +
    `# --- BEGIN PVE ---\n\tpost-up ip route add ${GATEWAY} dev eth0\n\tpost-up ip route add default via ${GATEWAY} dev eth0\n` +
    `\tpre-down ip route del default via ${GATEWAY} dev eth0\n\tpre-down ip route del ${GATEWAY} dev eth0\n# --- END PVE ---\n\n` +
    'auto eth1\niface eth1 inet6 dhcp\n\n';
  const hosts = `127.0.0.1 localhost.localdomain localhost\n# --- BEGIN PVE ---\n${ADDRESS} ${HOSTNAME} ${SHORT}\n# --- END PVE ---\n`;
  return [
    {
      op: 'write',
      path: '/etc/network/interfaces',
      content: interfaces,
      mode: 0o644,
      reason: 'network (eth0 static, eth1 dhcp6)',
    },
    {
      op: 'write',
      path: '/etc/hostname',
      content: `${SHORT}\n`,
      mode: 0o644,
      reason: `set hostname (hostname: ${HOSTNAME})`,
    },
    { op: 'write', path: '/etc/hosts', content: hosts, mode: 0o644, reason: 'hosts' },
    ...(['rsa', 'ecdsa', 'ed25519'] as const).map((keyType): PlanOperation => ({
      op: 'ssh-host-key',
      path: `/etc/ssh/ssh_host_${keyType}_key`,
      keyType,
      comment: `root@${SHORT}`,
      reason: `ssh host ${keyType} key`,
    })),
  ];
}

const makePlan = handMadePlan;

const script = join(import.meta.dirname, '..', 'support', 'debian-rootfs.sh');

let skipReason: string | undefined;
let work: string | undefined;
let rootfs = '';
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
  let report: ApplyReport;

  it('is read, detected, planned and applied; a second apply changes nothing', (ctx) => {
    if (skipReason !== undefined) {
      console.warn(`real-rootfs: skipped: ${skipReason}`);
      ctx.skip();
    }
    console.info(`real-rootfs: rootfs ready after ${buildSeconds.toFixed(1)} s (0 when cached)`);
    const snap = readRootfs(rootfs);
    if (E.isLeft(snap)) throw new Error(snap.left.message);
    const detection = detectOs(snap.right, {});
    if (E.isLeft(detection)) throw new Error(detection.left.message);
    expect(detection.right.type).toBe('debian');
    const plan = makePlan(snap.right, detection.right);
    const applied = applyPlanToRootfs(rootfs, plan, { snapshot: snap.right });
    if (E.isLeft(applied)) throw new Error(applied.left.message);
    report = applied.right;
    expect(report.changed.length).toBe(plan.length);
    const again = applyPlanToRootfs(rootfs, plan, {
      snapshot: snap.right,
      hostKeys: 'keep-existing',
    });
    if (E.isLeft(again)) throw new Error(again.left.message);
    expect(again.right.changed).toEqual([]);
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
