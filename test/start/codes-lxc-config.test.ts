/** The codes of planLxcConfig's diagnostics, one condition each (the texts are checked elsewhere). */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { drand48 } from '../../src/random/drand48.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import type { HostFacts } from '../../src/start/host-facts.js';
import { planLxcConfig } from '../../src/start/lxc-config.js';
import { loadLxcConfigCases } from './lxc-vectors.js';

const v1 = loadLxcConfigCases().find((c) => c.name === 'v1-unpriv-debian-nesting');
const decoded = decodeHostFacts(v1?.factsJson);
if (v1 === undefined || E.isLeft(decoded)) throw new Error('missing case');
const baseFacts = decoded.right;
const BASE = 'arch: amd64\nostype: debian\nrootfs: local-lvm:vm-100-disk-0,size=8G\n';
const NIC = 'net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01';

function plan(text: string, facts: Partial<HostFacts> = {}) {
  return planLxcConfig(
    readConfig(BASE + text).config.main,
    { ...baseFacts, ...facts },
    { vmid: 100, random: drand48(1) },
  );
}
/** The code of the error that stops the plan. */
function errorCode(text: string, facts: Partial<HostFacts> = {}): string | undefined {
  const r = plan(text, facts);
  return E.isLeft(r) ? r.left[r.left.length - 1]?.code : undefined;
}

describe('planLxcConfig codes', () => {
  it('host facts that stop the plan', () => {
    expect(errorCode('', { lxcVersionOutput: 'not a version\n' })).toBe('LXC_VERSION_UNKNOWN');
    expect(errorCode('unprivileged: 1\n', { commonSeccomp: null })).toBe(
      'LXC_COMMON_SECCOMP_MISSING',
    );
    expect(
      errorCode('unprivileged: 1\nfeatures: mknod=1\n', { kernelRelease: '4.15.18-1-pve' }),
    ).toBe('LXC_KERNEL_TOO_OLD');
    expect(errorCode('cpuunits: 100\n', { cgroupMode: null })).toBe('LXC_CGROUP_MODE_UNKNOWN');
  });

  it('property strings and devices', () => {
    expect(errorCode('features: bogus=1\n')).toBe('LXC_INVALID_PROPERTY');
    expect(errorCode('dev0: mode=0660\n')).toBe('LXC_DEVICE_NO_PATH');
    expect(errorCode('dev0: /dev/nothing-here\n', { devices: {} })).toBe('LXC_DEVICE_MISSING');
    expect(errorCode('dev0: /dev/a-file\n', { devices: { '/dev/a-file': { type: 'file' } } })).toBe(
      'LXC_NOT_A_DEVICE',
    );
  });

  it('network', () => {
    expect(errorCode('net0: name=eth0,hwaddr=BC:24:11:00:00:01\n')).toBe('LXC_BRIDGE_MISSING');
    expect(errorCode(`${NIC},mtu=9000\n`)).toBe('LXC_MTU_TOO_BIG');
    expect(errorCode(`${NIC},host-managed=1,ip6=auto\n`)).toBe('LXC_SLAAC_HOST_MANAGED');
  });

  it('a raw seccomp profile that overrides features warns', () => {
    const r = plan('unprivileged: 1\nfeatures: keyctl=1\nlxc.seccomp.profile: /x\n');
    expect(E.isRight(r) && r.right.warnings.map((w) => w.code)).toEqual([
      'LXC_SECCOMP_PROFILE_OVERRIDES',
    ]);
  });
});
