/**
 * `checkLxcKey` answers an allowed key first; that is only Proxmox's order of rules if no allowed key
 * matches a rule checked before the allowed list (a renamed `lxc.limit.*` or a deprecated name).
 */
import { describe, expect, it } from 'vitest';
import { allowedLxcKeys, checkLxcKey, deprecatedLxcKeys } from '../../src/config/lxc-keys.js';

describe('the allowed lxc keys', () => {
  it('match no rule Proxmox checks before the allowed list', () => {
    const clashes = [...allowedLxcKeys].filter(
      (k) => k.startsWith('lxc.limit.') || Object.prototype.hasOwnProperty.call(deprecatedLxcKeys, k),
    );
    expect(clashes).toEqual([]);
  });

  it('are allowed, and the earlier rules still apply to the others', () => {
    for (const k of allowedLxcKeys) expect(checkLxcKey(k)).toEqual({ kind: 'allowed' });
    expect(checkLxcKey('lxc.limit.nofile').kind).toBe('renamed');
    expect(checkLxcKey('lxc.id_map').kind).toBe('deprecated');
    expect(checkLxcKey('lxc.rootfs.path').kind).toBe('forbidden');
    expect(checkLxcKey('lxc.cgroup.devices.allow').kind).toBe('cgroup-v1');
    expect(checkLxcKey('lxc.nope').kind).toBe('unknown');
  });
});
