import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  gentooNetLink,
  renderGentooHostname,
  renderGentooInittab,
  renderGentooNet,
} from '../../src/setup/gentoo-net.js';

describe('renderGentooNet', () => {
  it('reproduces the spec example (v4 on-net, v6 static with the always-host-route quirk)', () => {
    const r = renderGentooNet([
      { name: 'eth0', ip: '10.0.0.2/24', gw: '10.0.0.1', ip6: 'fc00::2/64', gw6: 'fc00::1' },
    ]);
    expect(r).toEqual(
      E.right({
        data:
          'modules="$modules ifconfig"\n' +
          'config_eth0="10.0.0.2/24\nfc00::2/64"\n' +
          'routes_eth0="default gw 10.0.0.1\n-6 -host fc00::1 dev eth0\n-6 default gw fc00::1"\n',
        linkedInterfaces: ['eth0'],
      }),
    );
  });

  it.each([
    [
      'v4 off-net gw gets a host route',
      { ip: '10.0.0.2/24', gw: '10.9.0.1' },
      '10.0.0.2/24',
      '-host 10.9.0.1 dev e\ndefault gw 10.9.0.1',
    ],
    ['dhcp keeps its default gw', { ip: 'dhcp', gw: '10.9.0.1' }, 'dhcp', 'default gw 10.9.0.1'],
    [
      'manual contributes a gw only',
      { ip: 'manual', gw: '10.9.0.1' },
      undefined,
      'default gw 10.9.0.1',
    ],
    [
      'ip6 auto is a config line and gets a host route (quirk)',
      { ip6: 'auto', gw6: 'fe80::1' },
      'auto',
      '-6 -host fe80::1 dev e\n-6 default gw fe80::1',
    ],
    [
      'ip6 dhcp is ignored, gw6 default only',
      { ip6: 'dhcp', gw6: 'fd00::1' },
      undefined,
      '-6 default gw fd00::1',
    ],
    ['ip6 manual is ignored', { ip6: 'manual' }, undefined, undefined],
  ])('%s', (_title, nic, config, routes) => {
    const r = renderGentooNet([{ name: 'e', ...nic }]);
    if (E.isLeft(r)) throw new Error(r.left);
    let data = 'modules="$modules ifconfig"\n';
    if (config !== undefined) data += `config_e="${config}"\n`;
    if (routes !== undefined) data += `routes_e="${routes}"\n`;
    expect(r.right.data).toBe(data);
    expect(r.right.linkedInterfaces).toEqual(
      config !== undefined || routes !== undefined ? ['e'] : [],
    );
  });

  it("keeps the caller's interface order and links only interfaces with lines", () => {
    const r = renderGentooNet([
      { name: 'eth1', ip: 'dhcp' },
      { name: 'eth0' },
      { name: 'eth2', ip6: 'fd00::1/64' },
    ]);
    expect(r).toEqual(
      E.right({
        data: 'modules="$modules ifconfig"\nconfig_eth1="dhcp"\nconfig_eth2="fd00::1/64"\n',
        linkedInterfaces: ['eth1', 'eth2'],
      }),
    );
  });

  it('reports unparsable static v4 addresses', () => {
    expect(renderGentooNet([{ name: 'e', ip: '10.0.0.1' }])).toEqual(
      E.left('unable to parse ipv4 address/mask'),
    );
  });

  it('links net.<if> to net.lo (relative)', () => {
    expect(gentooNetLink('eth0')).toEqual({ path: '/etc/init.d/net.eth0', target: 'net.lo' });
  });
});

describe('renderGentooInittab', () => {
  const base =
    'id:3:initdefault:\n' +
    'c1:12345:respawn:/sbin/agetty 38400 tty1 linux\n' +
    '  2:2345:respawn:/sbin/agetty 38400 tty2 linux\n' +
    's0:12345:respawn:/sbin/agetty -L 9600 ttyS0 vt100\n' +
    'x:a:b:getty\n' +
    '\n\n';
  it.each([
    [0, 'id:3:initdefault:\ns0:12345:respawn:/sbin/agetty -L 9600 ttyS0 vt100\nx:a:b:getty\n'],
    [
      2,
      'id:3:initdefault:\ns0:12345:respawn:/sbin/agetty -L 9600 ttyS0 vt100\nx:a:b:getty\n' +
        '1::respawn:/sbin/agetty 38400 tty1\n2::respawn:/sbin/agetty 38400 tty2\n',
    ],
  ])('tty %i', (tty, out) => expect(renderGentooInittab(base, tty)).toBe(out));

  it('an empty inittab becomes a single LF plus gettys', () => {
    expect(renderGentooInittab('', 1)).toBe('\n1::respawn:/sbin/agetty 38400 tty1\n');
  });
});

it('renderGentooHostname quotes the short name', () => {
  expect(renderGentooHostname('ct1')).toBe('hostname="ct1"\n');
});
