import { describe, expect, it } from 'vitest';
import { CONTAINER_GETTY, SECURETTY, run } from './centos-family-harness.js';

const fedora = (version: string, extra: Record<string, unknown> = {}) => ({
  '/etc/redhat-release': `Fedora release ${version} (Test)\n`,
  '/etc/securetty': SECURETTY,
  '/etc/hosts': '127.0.1.1 LXC_NAME\n',
  '/etc/systemd/system/getty@.service': '[Service]\n',
  '/etc/systemd/system/getty.target.wants': { dir: true as const },
  '/usr/lib/systemd/system/container-getty@.service': CONTAINER_GETTY,
  ...extra,
});

const NM = '/etc/NetworkManager/system-connections/eth0.nmconnection';
const NETWORKD = '/etc/systemd/network/eth0.network';
const SYSCONFIG = { '/etc/sysconfig/network': '' };

describe('Fedora plugin', () => {
  it('template fixup: securetty, no getty@.service copy, LXC_NAME cleanup, no locale.conf or masks', () => {
    const r = run({
      type: 'fedora',
      version: '41',
      files: fedora('41'),
      config: {},
      hook: 'template-fixup',
    });
    expect(r.read('/etc/securetty')).toBe(
      SECURETTY + '\nlxc/console\nlxc/tty1\nlxc/tty2\nlxc/tty3\nlxc/tty4\n',
    );
    expect(r.read('/etc/systemd/system/getty@.service')).toBeUndefined();
    expect(r.read('/etc/hosts')).toBe('\n');
    expect(r.read('/etc/locale.conf')).toBeUndefined();
    expect(r.link('/etc/systemd/system/sys-kernel-config.mount')).toBeUndefined();
  });

  it.each([
    ['36', false],
    ['37', true],
  ])('Fedora %s writes a networkd-enabling preset: %s', (version, preset) => {
    const r = run({
      type: 'fedora',
      version,
      files: fedora(version),
      config: {},
      hook: 'pre-start',
    });
    const text = r.read('/etc/systemd/system-preset/00-pve.preset');
    expect(text !== undefined && text.includes('enable systemd-networkd.service\n')).toBe(preset);
    expect(
      r.link('/etc/systemd/system/getty.target.wants/container-getty@1.service'),
    ).toBeDefined();
  });

  // version, has /etc/sysconfig/network, NetworkManager keyfile (via the CentOS dispatcher), networkd
  it.each([
    ['24', false, true, false],
    ['25', true, true, true],
    ['25', false, false, true],
    ['27', true, true, true],
    ['28', true, false, true],
    ['41', true, false, true],
  ])(
    'Fedora %s (sysconfig/network: %s): keyfile %s, networkd %s',
    (version, sysconfig, nm, networkd) => {
      const files = fedora(version, sysconfig ? SYSCONFIG : {});
      const r = run({
        type: 'fedora',
        version,
        files,
        config: { net0: 'name=eth0,ip=dhcp' },
        hook: 'setup-network',
      });
      expect(r.read(NM) !== undefined).toBe(nm);
      expect(r.read(NETWORKD) !== undefined).toBe(networkd);
      expect(r.read('/etc/sysconfig/network-scripts/ifcfg-eth0')).toBeUndefined();
    },
  );

  it('uses the CentOS hostname (FQDN, HOSTNAME= in sysconfig/network)', () => {
    const r = run({
      type: 'fedora',
      version: '41',
      files: fedora('41', SYSCONFIG),
      config: { hostname: 'f.example.com' },
    });
    expect(r.read('/etc/hostname')).toBe('f.example.com\n');
    expect(r.read('/etc/sysconfig/network')).toBe('HOSTNAME=f.example.com\n');
  });
});
