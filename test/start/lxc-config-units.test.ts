/** Behaviours of planLxcConfig the vectors do not cover (spec A.1), and the CPU list helpers. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { drand48 } from '../../src/random/drand48.js';
import { chooseCpus, parseCpuList, printCpuList } from '../../src/start/cpu-list.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import type { HostFacts } from '../../src/start/host-facts.js';
import { planLxcConfig } from '../../src/start/lxc-config.js';
import type { LxcConfigPlan } from '../../src/start/lxc-config.js';
import { loadLxcConfigCases } from './lxc-vectors.js';

const v1 = loadLxcConfigCases().find((c) => c.name === 'v1-unpriv-debian-nesting');
const decoded = decodeHostFacts(v1?.factsJson);
if (v1 === undefined || E.isLeft(decoded)) throw new Error('missing case');
const baseFacts = decoded.right;
const BASE = 'arch: amd64\nostype: debian\nrootfs: local-lvm:vm-100-disk-0,size=8G\n';

function plan(text: string, facts: Partial<HostFacts> = {}) {
  return planLxcConfig(
    readConfig(BASE + text).config.main,
    { ...baseFacts, ...facts },
    { vmid: 100, random: drand48(1) },
  );
}
function config(text: string, facts: Partial<HostFacts> = {}): LxcConfigPlan {
  const r = plan(text, facts);
  if (E.isLeft(r)) throw new Error(r.left.map((d) => d.proxmoxText ?? d.message).join(''));
  return r.right;
}
function error(text: string, facts: Partial<HostFacts> = {}): string | undefined {
  const r = plan(text, facts);
  return E.isLeft(r)
    ? (r.left[r.left.length - 1]?.proxmoxText ?? r.left[r.left.length - 1]?.message)
    : undefined;
}

describe('planLxcConfig beyond the vectors', () => {
  it('refuses an MTU above the bridge MTU and a missing bridge= with Proxmox texts', () => {
    expect(error('net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,mtu=9000\n')).toBe(
      "net0: MTU size '9000' is bigger than bridge MTU '1500'\n",
    );
    expect(error('net0: name=eth0,hwaddr=BC:24:11:00:00:01\n')).toBe("bridge '' does not exist\n");
  });

  it('uses the old syscalld socket only when it is the only (non-symlink) one', () => {
    const feat = 'unprivileged: 1\nfeatures: mknod=1\n';
    expect(
      config(feat, { syscalldNewSocket: false, syscalldOldSocket: 'file' }).files?.config,
    ).toContain('lxc.seccomp.notify.proxy = unix:/run/pve/lxc-syscalld.sock\n');
    expect(
      config(feat, { syscalldNewSocket: false, syscalldOldSocket: 'symlink' }).files?.config,
    ).toContain('unix:/run/pve-lxc-syscalld/socket\n');
    expect(
      config(feat, { syscalldNewSocket: true, syscalldOldSocket: 'file' }).files?.config,
    ).toContain('unix:/run/pve-lxc-syscalld/socket\n');
  });

  it('a raw seccomp profile drops the block and warns about keyctl and mknod', () => {
    const p = config('unprivileged: 1\nfeatures: keyctl=1,mknod=1\nlxc.seccomp.profile: /x\n');
    expect(p.files?.rulesSeccomp).toBeUndefined();
    expect(p.files?.config).not.toContain('rules.seccomp');
    expect(p.warnings.map((w) => w.proxmoxText)).toEqual([
      'explicitly configured lxc.seccomp.profile overrides the following settings: features:keyctl, features:mknod\n',
    ]);
    expect(config('unprivileged: 1\nlxc.seccomp.profile: /x\n').warnings).toEqual([]);
  });

  it('cpuunits needs a known cgroup mode; memory and swap follow the formulas', () => {
    expect(error('cpuunits: 100\n', { cgroupMode: null })).toBe('unknown cgroup mode\n');
    const p = config('memory: 20000\nswap: 3\n').files?.config ?? '';
    expect(p).toContain(
      `lxc.cgroup2.memory.max = ${20000 * 2 ** 20}\nlxc.cgroup2.memory.high = ${(20000 - 128) * 2 ** 20}\nlxc.cgroup2.memory.swap.max = ${3 * 2 ** 20}\n`,
    );
    expect(config('memory: 9007199254740\n').files?.config).toContain(
      'lxc.cgroup2.memory.max = 9444732965738250240\n',
    );
  });

  it('missing ostype and rootfs, no common.seccomp, console off without a v2 hierarchy', () => {
    expect(
      planLxcConfig(readConfig('arch: amd64\n').config.main, baseFacts, {
        vmid: 1,
        random: drand48(1),
      }),
    ).toMatchObject({
      left: [{ code: 'LXC_MISSING_OSTYPE' }],
    });
    expect(
      planLxcConfig(readConfig('arch: amd64\nostype: debian\n').config.main, baseFacts, {
        vmid: 1,
        random: drand48(1),
      }),
    ).toMatchObject({
      left: [{ code: 'LXC_MISSING_ROOTFS', proxmoxText: "missing 'rootfs' configuration\n" }],
    });
    expect(error('unprivileged: 1\n', { commonSeccomp: null })).toContain('common.seccomp');
    const off = config('console: 0\n', { cgroupV2Controllers: null }).files?.config ?? '';
    expect(off).toContain('lxc.console.path = none\nlxc.tty.max = 2\n');
  });

  it('a NIC without hwaddr gets a MAC from the random source, with a notice', () => {
    const p = config('net0: name=eth0,bridge=vmbr0\n');
    expect(p.files?.config).toMatch(
      /lxc\.net\.0\.hwaddr = BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2}\n/,
    );
    expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([['LXC_RANDOM_HWADDR', 'notice']]);
    expect(config('net0: name=eth0,bridge=vmbr0\n').files?.config).toBe(p.files?.config);
  });
});

describe('parameters', () => {
  it('an invalid vmid is an error, not a path', () => {
    for (const vmid of [NaN, -1, 1.5, 1e21]) {
      const r = planLxcConfig(readConfig(BASE).config.main, baseFacts, {
        vmid,
        random: drand48(1),
      });
      expect(E.isLeft(r) && r.left[0]?.code).toBe('LXC_INVALID_VMID');
    }
  });
});

describe('CPU lists', () => {
  it('parses, prints and chooses like PVE', () => {
    expect(parseCpuList('8,0-3,2\n')).toEqual([0, 1, 2, 3, 8]);
    expect(parseCpuList('x,3-1,,5')).toEqual([5]);
    expect(parseCpuList('0-99999999').length).toBe(8192);
    expect(printCpuList([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(printCpuList([])).toBe('');
    // README: cores 2 of 0-7 with srand(1) in the first vector gives the line of v1's lxc.config.
    const v1Line =
      v1.lxcConfigs[0]?.split('\n').find((l) => l.startsWith('lxc.cgroup2.cpuset.cpus')) ?? '';
    expect(
      `lxc.cgroup2.cpuset.cpus = ${printCpuList(chooseCpus(parseCpuList('0-7'), 2, drand48(1)))}`,
    ).toBe(v1Line);
  });
});
