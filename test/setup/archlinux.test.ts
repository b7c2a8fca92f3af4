import { describe, expect, it } from 'vitest';
import { CONTAINER_GETTY, SECURETTY, run } from './centos-family-harness.js';

const base = {
  '/etc/securetty': SECURETTY,
  '/etc/hosts': '127.0.1.1 LXC_NAME\n127.0.0.1 localhost\n',
  '/usr/lib/systemd/system/container-getty@.service': CONTAINER_GETTY,
  '/etc/systemd/system/getty.target.wants': { dir: true as const },
};

describe('Arch Linux plugin', () => {
  it.each([
    [{}, 'console\ntty1\ntty2\nlxc/console\nlxc/tty1\nlxc/tty2\nlxc/tty3\nlxc/tty4\n'],
    [{ unprivileged: 1 }, 'console\ntty1\ntty2\ntty3\ntty4\n'],
  ])('template fixup with %j: securetty and LXC_NAME cleanup', (extra, securetty) => {
    const r = run({
      type: 'archlinux',
      files: base,
      config: { hostname: 'ct1', ...extra },
      hook: 'template-fixup',
    });
    expect(r.read('/etc/securetty')).toBe(securetty);
    expect(r.read('/etc/hosts')).toBe('127.0.0.1 localhost\n');
  });

  it('post-create: networkd preset, container-getty, .network files, short hostname', () => {
    const r = run({
      type: 'archlinux',
      files: base,
      config: {
        hostname: 'ct1.example.com',
        tty: 1,
        net0: 'name=eth0,ip=10.0.0.2/24,gw=10.0.0.1',
        net1: 'name=eth1,ip6=auto',
      },
    });
    expect(r.read('/etc/systemd/system-preset/00-pve.preset')).toBe(
      '# Added by PVE at create-time for first-boot configuration.\n' +
        'enable container-getty@.service\ndisable getty@.service\ndisable sys-kernel-config.mount\n' +
        'disable sys-kernel-debug.mount\nenable systemd-networkd.service\n',
    );
    expect(r.read('/usr/lib/systemd/system/container-getty@.service')).toContain(' lxc/tty%I ');
    expect(r.link('/etc/systemd/system/getty.target.wants/container-getty@1.service')).toBe(
      '/usr/lib/systemd/system/container-getty@.service',
    );
    expect(
      r.link('/etc/systemd/system/getty.target.wants/container-getty@2.service'),
    ).toBeUndefined();
    expect(r.read('/etc/systemd/network/eth0.network')).toBe(
      '[Match]\nName = eth0\n\n[Network]\nDescription = Interface eth0 autoconfigured by PVE\n' +
        'Address = 10.0.0.2/24\nGateway = 10.0.0.1\nDHCP = no\nIPv6AcceptRA = false\n',
    );
    expect(r.read('/etc/systemd/network/eth1.network')).toContain('IPv6AcceptRA = true\n');
    expect(r.read('/etc/hostname')).toBe('ct1\n');
    expect(r.read('/etc/hosts')).toContain('10.0.0.2 ct1.example.com ct1\n');
  });

  it('writes no ifcfg, NetworkManager or conf.d files', () => {
    const r = run({ type: 'archlinux', files: base, config: { net0: 'name=eth0,ip=dhcp' } });
    const paths = r.operations.map((o) => o.path);
    expect(paths.filter((p) => /sysconfig|NetworkManager|conf\.d|locale\.conf/.test(p))).toEqual(
      [],
    );
  });
});
