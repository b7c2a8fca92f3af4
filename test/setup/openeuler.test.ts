import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { CONTAINER_GETTY, SECURETTY, run, runHook } from './centos-family-harness.js';

const base = {
  '/etc/securetty': SECURETTY,
  '/etc/hosts': '127.0.1.1 LXC_NAME\n',
  '/etc/redhat-release': 'openEuler release 24.03 (LTS)\n',
  '/etc/systemd/system': { dir: true as const },
  '/etc/systemd/system/getty.target.wants': { dir: true as const },
  '/usr/lib/systemd/system/container-getty@.service': CONTAINER_GETTY,
};

describe('openEuler plugin', () => {
  it('template fixup: LXC_NAME cleanup and three masked units, securetty untouched', () => {
    const r = run({
      type: 'openeuler',
      version: '24.03',
      files: base,
      config: {},
      hook: 'template-fixup',
    });
    expect(r.read('/etc/hosts')).toBe('\n');
    for (const unit of ['sys-kernel-config.mount', 'sys-kernel-debug.mount', 'dev-mqueue.mount']) {
      expect(r.link(`/etc/systemd/system/${unit}`), unit).toBe('/dev/null');
    }
    expect(r.read('/etc/securetty')).toBe(SECURETTY);
    expect(r.read('/etc/locale.conf')).toBeUndefined();
  });

  it('post-create: default presets, container-getty, CentOS network dispatch and FQDN hostname', () => {
    const r = run({
      type: 'openeuler',
      version: '24.03',
      files: base,
      config: { hostname: 'oe.example.com', net0: 'name=eth0,ip=dhcp', nameserver: '10.0.0.53' },
    });
    expect(r.read('/etc/systemd/system-preset/00-pve.preset')).not.toContain('networkd');
    expect(r.read('/etc/systemd/system-preset/00-pve.preset')).toContain(
      'enable container-getty@.service\n',
    );
    expect(
      r.link('/etc/systemd/system/getty.target.wants/container-getty@2.service'),
    ).toBeDefined();
    // redhat-release says 24.03 ≥ 10: NetworkManager keyfiles.
    expect(r.read('/etc/NetworkManager/system-connections/eth0.nmconnection')).toBe(
      '[connection]\nid=eth0\nuuid=UUID\ntype=ethernet\ninterface-name=eth0\n' +
        '[ipv4]\nmethod=auto\ndns=10.0.0.53\ndns-search=example.org\n[ipv6]\nmethod=disabled\n',
    );
    expect(r.read('/etc/hostname')).toBe('oe.example.com\n');
  });

  it('setup_network fails without /etc/redhat-release', () => {
    const files: Record<string, unknown> = { ...base };
    delete files['/etc/redhat-release'];
    const r = runHook({
      type: 'openeuler',
      version: '24.03',
      files: files as typeof base,
      config: {},
      hook: 'setup-network',
    });
    expect(E.isLeft(r) && r.left.message).toBe(
      "can't open '/etc/redhat-release' - No such file or directory",
    );
  });
});
