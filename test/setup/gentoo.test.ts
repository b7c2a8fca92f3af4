import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { SECURETTY, run, runHook } from './centos-family-harness.js';

const base = {
  '/etc/securetty': SECURETTY,
  '/etc/hosts': '127.0.1.1 LXC_NAME\n',
  '/etc/inittab':
    'id:3:initdefault:\nc1:12345:respawn:/sbin/agetty 38400 tty1 linux\nc2:2345:respawn:/sbin/agetty 38400 tty2 linux\n',
  '/etc/conf.d/hostname': 'hostname="localhost"\n',
  '/etc/conf.d/net': 'config_eth0="dhcp"\n',
  '/etc/init.d/net.lo': { file: '#!/sbin/openrc-run\n', mode: 0o755 },
};

describe('Gentoo plugin', () => {
  it('template fixup: securetty without a tty prefix even when privileged, LXC_NAME cleanup', () => {
    const r = run({ type: 'gentoo', files: base, config: {}, hook: 'template-fixup' });
    expect(r.read('/etc/securetty')).toBe('console\ntty1\ntty2\ntty3\ntty4\n');
    expect(r.read('/etc/hosts')).toBe('\n');
  });

  it('post-create: inittab, conf.d/net (replace mode), net.<if> links, conf.d/hostname', () => {
    const r = run({
      type: 'gentoo',
      files: base,
      config: {
        hostname: 'ct7.example.com',
        tty: 3,
        net0: 'name=eth0,ip=10.0.0.2/24,gw=10.0.0.1,ip6=fc00::2/64,gw6=fc00::1',
        net1: 'name=eth1,ip=manual',
        net2: 'name=eth2,ip=dhcp',
      },
    });
    expect(r.read('/etc/inittab')).toBe(
      'id:3:initdefault:\n1::respawn:/sbin/agetty 38400 tty1\n2::respawn:/sbin/agetty 38400 tty2\n3::respawn:/sbin/agetty 38400 tty3\n',
    );
    expect(r.read('/etc/conf.d/net')).toBe(
      '# --- BEGIN PVE ---\nmodules="$modules ifconfig"\nconfig_eth0="10.0.0.2/24\nfc00::2/64"\n' +
        'routes_eth0="default gw 10.0.0.1\n-6 -host fc00::1 dev eth0\n-6 default gw fc00::1"\n' +
        'config_eth2="dhcp"\n# --- END PVE ---\n',
    );
    expect(r.link('/etc/init.d/net.eth0')).toBe('net.lo');
    expect(r.link('/etc/init.d/net.eth1')).toBeUndefined();
    expect(r.link('/etc/init.d/net.eth2')).toBe('net.lo');
    expect(r.read('/etc/conf.d/hostname')).toBe('hostname="ct7"\n');
    expect(r.read('/etc/hosts')).toContain('10.0.0.2 ct7.example.com ct7\n');
    expect(r.read('/etc/hostname')).toBeUndefined();
  });

  it('a second run keeps user lines outside the section of conf.d/net', () => {
    const files = {
      ...base,
      '/etc/conf.d/net': 'x="1"\n# --- BEGIN PVE ---\nold\n# --- END PVE ---\ny="2"\n',
    };
    const r = run({
      type: 'gentoo',
      files,
      config: { net0: 'name=eth0,ip=dhcp' },
      hook: 'setup-network',
    });
    expect(r.read('/etc/conf.d/net')).toBe(
      'x="1"\n# --- BEGIN PVE ---\nmodules="$modules ifconfig"\nconfig_eth0="dhcp"\n# --- END PVE ---\ny="2"\n',
    );
  });

  it.each([
    ['/etc/inittab', "can't open '/etc/inittab' - No such file or directory"],
    ['/etc/conf.d/hostname', "can't open '/etc/conf.d/hostname' - No such file or directory"],
  ])('a missing %s fails the hook', (path, message) => {
    const files: Record<string, unknown> = { ...base };
    delete files[path];
    const r = runHook({ type: 'gentoo', files: files as typeof base, config: {} });
    expect(E.isLeft(r) && r.left.message).toBe(message);
    expect(E.isLeft(r) && r.left.code).toBe('SETUP_READ_FAILED');
  });
});
