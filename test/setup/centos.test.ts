import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { redhatReleaseVersion } from '../../src/setup/os/centos.js';
import {
  UPSTART_POWER_STATUS_CONF_TEXT,
  UPSTART_START_TTYS_CONF_TEXT,
  UPSTART_TTY_CONF_TEXT,
} from '../../src/setup/centos-upstart.js';
import { SECURETTY, run, runHook } from './centos-family-harness.js';

const centos = (release: string, extra: Record<string, unknown> = {}) => ({
  '/etc/redhat-release': release,
  '/etc/securetty': SECURETTY,
  '/etc/rc.d/rc.sysinit': '/sbin/start_udev\n',
  '/etc/sysconfig/network': 'NETWORKING=no\nHOSTNAME=old.example.com\n',
  '/etc/systemd/system': { dir: true as const },
  ...extra,
});

describe('redhatReleaseVersion', () => {
  it.each([
    ['CentOS release 6.3 (Final)', '6.3'],
    ['CentOS Linux release 7.9.2009 (Core)', '7.9'],
    ['CentOS Stream release 10 (Coughlan)', '10'],
    ['Rocky Linux release 9.3 (Blue Onyx)', '9.3'],
    ['AlmaLinux release 8.10 (Cerulean Leopard)', '8.10'],
    ['Fedora release 25 (Twenty Five)', '25'],
    ['fedora-release', undefined],
  ])('%s → %s', (text, version) => expect(redhatReleaseVersion(text)).toBe(version));
});

describe('CentOS template fixup', () => {
  it('CentOS 6 writes the upstart jobs, fixes rc.sysinit, locale, securetty, masks units', () => {
    const r = run({
      type: 'centos',
      version: '6.3',
      files: centos('CentOS release 6.3 (Final)\n'),
      config: {},
      hook: 'template-fixup',
    });
    expect(r.read('/etc/init/tty.conf')).toBe(UPSTART_TTY_CONF_TEXT);
    expect(r.read('/etc/init/start-ttys.conf')).toBe(UPSTART_START_TTYS_CONF_TEXT);
    expect(r.read('/etc/init/power-status-changed.conf')).toBe(UPSTART_POWER_STATUS_CONF_TEXT);
    expect(r.read('/etc/rc.d/rc.sysinit')).toBe('#/sbin/start_udev\n');
    expect(r.read('/etc/locale.conf')).toBe('LANG=C.utf8');
    expect(r.read('/etc/securetty')).toBe(
      SECURETTY + '\nlxc/console\nlxc/tty1\nlxc/tty2\nlxc/tty3\nlxc/tty4\n',
    );
    expect(r.link('/etc/systemd/system/sys-kernel-config.mount')).toBe('/dev/null');
    expect(r.link('/etc/systemd/system/sys-kernel-debug.mount')).toBe('/dev/null');
    expect(r.link('/etc/systemd/system/dev-mqueue.mount')).toBeUndefined();
  });

  it('CentOS 6 keeps existing jobs, only adding --nohangup to tty.conf', () => {
    const files = centos('CentOS release 6.3 (Final)\n', {
      '/etc/init/tty.conf': 'instance $TTY\nexec /sbin/mingetty $TTY\n',
      '/etc/init/start-ttys.conf': 'custom\n',
      '/etc/init/power-status-changed.conf': 'custom power\n',
    });
    const r = run({ type: 'centos', version: '6.3', files, config: {}, hook: 'template-fixup' });
    expect(r.read('/etc/init/tty.conf')).toBe(
      'instance $TTY\nexec /sbin/mingetty --nohangup $TTY\n',
    );
    expect(r.read('/etc/init/start-ttys.conf')).toBe('custom\n');
    expect(r.read('/etc/init/power-status-changed.conf')).toBe('custom power\n');
  });

  it('CentOS 6 without rc.sysinit fails like Proxmox', () => {
    const files: Record<string, unknown> = centos('CentOS release 6.3 (Final)\n');
    delete files['/etc/rc.d/rc.sysinit'];
    const r = runHook({
      type: 'centos',
      version: '6.3',
      files: files as ReturnType<typeof centos>,
      config: {},
      hook: 'template-fixup',
    });
    expect(E.isLeft(r) && r.left.message).toBe(
      "can't open '/etc/rc.d/rc.sysinit' - No such file or directory",
    );
  });

  it('CentOS 7 has no upstart step and keeps an existing locale.conf', () => {
    const files = centos('CentOS Linux release 7.9.2009 (Core)\n', {
      '/etc/locale.conf': 'LANG=de_DE.UTF-8\n',
    });
    const r = run({
      type: 'centos',
      version: '7.9',
      files,
      config: { unprivileged: 1 },
      hook: 'template-fixup',
    });
    expect(r.read('/etc/init/tty.conf')).toBeUndefined();
    expect(r.read('/etc/rc.d/rc.sysinit')).toBe('/sbin/start_udev\n');
    expect(r.read('/etc/locale.conf')).toBe('LANG=de_DE.UTF-8\n');
    expect(r.read('/etc/securetty')).toBe(SECURETTY + '\ntty3\ntty4\n');
  });
});

describe('CentOS init, network and hostname', () => {
  it.each([
    ['7.9', false],
    ['8.3', true],
  ])('version %s writes presets: %s', (version, preset) => {
    const r = run({
      type: 'centos',
      version,
      files: centos(`CentOS Linux release ${version}\n`),
      config: {},
      hook: 'pre-start',
    });
    expect(r.read('/etc/systemd/system-preset/00-pve.preset') !== undefined).toBe(preset);
  });

  it('network-scripts: route sections prepended to user routes, flags and FQDN hostname', () => {
    const files = centos('Rocky Linux release 9.3 (Blue Onyx)\n', {
      '/etc/sysconfig/network-scripts/route-eth0': '10.9.0.0/16 via 10.0.0.254\n',
    });
    const r = run({
      type: 'centos',
      version: '9.3',
      files,
      config: {
        hostname: 'web.example.com',
        net0: 'name=eth0,ip=10.0.0.2/24,gw=10.1.0.1',
        nameserver: '10.0.0.53',
      },
    });
    expect(r.read('/etc/sysconfig/network-scripts/ifcfg-eth0')).toBe(
      'DEVICE=eth0\nONBOOT=yes\nUUID=UUID\nBOOTPROTO=none\nIPADDR=10.0.0.2\nNETMASK=255.255.255.0\n' +
        'GATEWAY=10.1.0.1\nDNS1=10.0.0.53\nDOMAIN=example.org\n',
    );
    expect(r.read('/etc/sysconfig/network-scripts/route-eth0')).toBe(
      '# --- BEGIN PVE ---\n10.1.0.1 dev eth0\ndefault via 10.1.0.1 dev eth0\n# --- END PVE ---\n10.9.0.0/16 via 10.0.0.254\n',
    );
    expect(r.read('/etc/sysconfig/network-scripts/route6-eth0')).toBeUndefined();
    expect(r.read('/etc/sysconfig/network')).toBe('NETWORKING=yes\nHOSTNAME=web.example.com\n');
    expect(r.read('/etc/hostname')).toBe('web.example.com\n');
    expect(r.read('/etc/hosts')).toContain('10.0.0.2 web.example.com web\n');
  });

  it('a route section that becomes empty is deleted when it is the whole file', () => {
    const files = centos('CentOS Linux release 7.9\n', {
      '/etc/sysconfig/network-scripts/route-eth0':
        '# --- BEGIN PVE ---\n1.1.1.1 dev eth0\n# --- END PVE ---\n',
    });
    const r = run({
      type: 'centos',
      version: '7.9',
      files,
      config: { net0: 'name=eth0,ip=10.0.0.2/24,gw=10.0.0.1' },
      hook: 'setup-network',
    });
    expect(r.read('/etc/sysconfig/network-scripts/route-eth0')).toBeUndefined();
  });

  it('CentOS Stream 10 writes NetworkManager keyfiles (0600) instead of ifcfg', () => {
    const r = run({
      type: 'centos',
      version: '10',
      files: centos('CentOS Stream release 10 (Coughlan)\n'),
      config: { net0: 'name=eth0,ip6=auto', nameserver: '2001:db8::53' },
      hook: 'setup-network',
    });
    const op = r.operations.find(
      (o) => o.path === '/etc/NetworkManager/system-connections/eth0.nmconnection',
    );
    expect(op?.op === 'write' && op.mode).toBe(0o600);
    expect(r.read('/etc/NetworkManager/system-connections/eth0.nmconnection')).toContain(
      '[ipv6]\nmethod=auto\ndns=2001:db8::53\ndns-search=example.org\n',
    );
    expect(r.read('/etc/sysconfig/network-scripts/ifcfg-eth0')).toBeUndefined();
    expect(r.read('/etc/sysconfig/network')).toBe('NETWORKING=no\nHOSTNAME=old.example.com\n');
  });

  it('the dispatcher reads redhat-release again: an unparsable one counts as 0 (network-scripts)', () => {
    const r = run({
      type: 'centos',
      version: '10',
      files: centos('mystery\n'),
      config: { net0: 'name=eth0,ip=dhcp' },
      hook: 'setup-network',
    });
    expect(r.read('/etc/sysconfig/network-scripts/ifcfg-eth0')).toContain('BOOTPROTO=dhcp\n');
  });

  it('an invalid static address fails the network step', () => {
    const r = runHook({
      type: 'centos',
      version: '7.9',
      files: centos('CentOS Linux release 7.9\n'),
      config: { net0: 'name=eth0,ip=10.0.0.2' },
      hook: 'setup-network',
    });
    expect(E.isLeft(r) && r.left.code).toBe('SETUP_INVALID_CONFIG');
  });

  it('without a hostname: localhost everywhere, HOSTNAME appended when missing', () => {
    const files = centos('CentOS Linux release 7.9\n', {
      '/etc/sysconfig/network': 'NETWORKING=yes',
    });
    const r = run({ type: 'centos', version: '7.9', files, config: {}, hook: 'pre-start' });
    expect(r.read('/etc/hostname')).toBe('localhost\n');
    expect(r.read('/etc/sysconfig/network')).toBe('NETWORKING=yesHOSTNAME=localhost\n');
  });
});
