/** readHostFacts on this machine: decodable facts, real device nodes, absent things absent, never a throw. */
import { existsSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readHostFacts } from '../../src/effects/index.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';

describe('readHostFacts', () => {
  it('reads device nodes, files and directories, and leaves missing paths and bridges out', () => {
    const facts = readHostFacts({
      vmid: 999999999,
      bridges: ['pctkit-no-such-bridge', '../etc', 'a/b'],
      devicePaths: ['/dev/null', '/tmp', '/etc/hostname', '/dev/pctkit-no-such-device'],
    });
    expect(E.isRight(decodeHostFacts(facts))).toBe(true);
    expect(facts.devices['/dev/null']).toEqual({ type: 'c', major: 1, minor: 3 });
    expect(facts.devices['/tmp']).toEqual({ type: 'dir' });
    if (existsSync('/etc/hostname'))
      expect(facts.devices['/etc/hostname']).toEqual({ type: 'file' });
    expect(Object.keys(facts.devices)).not.toContain('/dev/pctkit-no-such-device');
    expect(facts.bridgeMtu).toEqual({});
    expect(facts.ctDirExists).toBe(false);
  });

  it('every fact has its type on any host (a non-Proxmox host reads as absent facts)', () => {
    const facts = readHostFacts();
    expect(E.isRight(decodeHostFacts(facts))).toBe(true);
    if (!existsSync('/usr/share/lxc/config')) expect(facts.lxcConfigFiles).toEqual([]);
    if (!existsSync('/usr/share/lxc/config/common.seccomp')) expect(facts.commonSeccomp).toBeNull();
    if (!existsSync('/run/pve-lxc-syscalld/socket')) expect(facts.syscalldNewSocket).toBe(false);
  });
});
