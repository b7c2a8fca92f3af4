import { describe, expect, it } from 'vitest';
import { CONTAINER_GETTY, SECURETTY, run } from './centos-family-harness.js';

const suse = (extra: Record<string, unknown> = {}) => ({
  '/etc/securetty': SECURETTY,
  '/etc/hosts': '127.0.1.1 LXC_NAME\n127.0.1.1 LXC_NAMEX\n',
  '/usr/share/zoneinfo/UTC': 'TZif',
  '/usr/lib/systemd/system/container-getty@.service': CONTAINER_GETTY,
  '/usr/lib/systemd/system/getty@.service': '[Unit]\nConditionPathExists=/dev/tty0\n',
  ...extra,
});

describe('SUSE plugin', () => {
  it('template fixup: securetty, locale.conf, UTC localtime link, LXC_NAME cleanup', () => {
    const r = run({
      type: 'opensuse',
      version: '15.6',
      files: suse(),
      config: {},
      hook: 'template-fixup',
    });
    expect(r.read('/etc/securetty')).toBe(
      SECURETTY + '\nlxc/console\nlxc/tty1\nlxc/tty2\nlxc/tty3\nlxc/tty4\n',
    );
    expect(r.read('/etc/locale.conf')).toBe('LANG=C.utf8');
    expect(r.link('/etc/localtime')).toBe('/usr/share/zoneinfo/UTC');
    expect(r.read('/etc/hosts')).toBe('127.0.1.1 LXC_NAMEX\n');
  });

  it('template fixup keeps a regular /etc/localtime', () => {
    const r = run({
      type: 'opensuse',
      version: '15.6',
      files: suse({ '/etc/localtime': 'TZif-local' }),
      config: {},
      hook: 'template-fixup',
    });
    expect(r.read('/etc/localtime')).toBe('TZif-local');
    expect(r.link('/etc/localtime')).toBeUndefined();
  });

  it('setup_init: the old getty condition is restored when container-getty exists', () => {
    const files = suse({
      '/usr/lib/systemd/system/getty@.service': '[Unit]\nConditionPathExists=/dev/tty\n',
    });
    const r = run({ type: 'opensuse', version: '15.6', files, config: {}, hook: 'pre-start' });
    expect(r.read('/usr/lib/systemd/system/getty@.service')).toBe(
      '[Unit]\nConditionPathExists=/dev/tty0\n',
    );
    expect(r.read('/usr/lib/systemd/system/container-getty@.service')).toContain(' lxc/tty%I ');
  });

  it('network: ip6=auto alone writes nothing; networkd files only when the image has networkd', () => {
    const config = { net0: 'name=eth0,ip6=auto', net1: 'name=eth1,ip=dhcp' };
    const without = run({
      type: 'opensuse',
      version: '15.6',
      files: suse(),
      config,
      hook: 'setup-network',
    });
    expect(without.read('/etc/sysconfig/network/ifcfg-eth0')).toBeUndefined();
    expect(without.read('/etc/sysconfig/network/ifcfg-eth1')).toBe(
      'STARTMODE=onboot\nBOOTPROTO=dhcp4\n',
    );
    expect(without.read('/etc/systemd/network/eth1.network')).toBeUndefined();
    const withNetworkd = run({
      type: 'opensuse',
      version: '15.6',
      files: suse({ '/usr/lib/systemd/systemd-networkd': { file: '', mode: 0o755 } }),
      config,
      hook: 'setup-network',
    });
    expect(withNetworkd.read('/etc/systemd/network/eth0.network')).toContain(
      'IPv6AcceptRA = true\n',
    );
    expect(withNetworkd.read('/etc/systemd/network/eth1.network')).toContain('DHCP = ipv4\n');
  });

  it('network: an ifroute file holding only the PVE section is deleted when no routes remain', () => {
    const files = suse({
      '/etc/sysconfig/network/ifroute-eth0':
        '# --- BEGIN PVE ---\ndefault 1.1.1.1 0.0.0.0 eth0\n# --- END PVE ---\n',
    });
    const r = run({
      type: 'opensuse',
      version: '15.6',
      files,
      config: { net0: 'name=eth0,ip=dhcp' },
      hook: 'setup-network',
    });
    expect(r.read('/etc/sysconfig/network/ifroute-eth0')).toBeUndefined();
  });

  it('hostname is the Base one (short name)', () => {
    const r = run({
      type: 'opensuse',
      version: '15.6',
      files: suse(),
      config: { hostname: 's.example.com' },
    });
    expect(r.read('/etc/hostname')).toBe('s\n');
  });
});
