import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  renderIfcfg,
  sectionData,
  setSysconfigHostname,
  updateSysconfigNetworking,
} from '../../src/setup/ifcfg.js';
import {
  type DnsSettings,
  dottedNetmask,
  gatewayInNetwork,
  isLinkLocal6,
  nameserversByFamily,
  parseCidr,
  parseIPv6,
  parseIp,
} from '../../src/setup/ip-network.js';
import { expected, input, readCaseConfig, section } from './ifcfg-cases.js';

const UUID = '00000000-0000-0000-0000-000000000000';
const dir = '/etc/sysconfig/network-scripts';

describe('address helpers', () => {
  it.each([
    [8, '255.0.0.0'],
    [20, '255.255.240.0'],
    [24, '255.255.255.0'],
    [32, '255.255.255.255'],
  ])('dottedNetmask(%i) = %s', (prefix, mask) => expect(dottedNetmask(prefix)).toBe(mask));

  it.each([
    ['1.2.3.4/24', '1.2.3.1', true],
    ['1.2.3.4/24', '4.3.2.1', false],
    ['10.0.0.100/32', '11.0.0.1', false],
    ['10.0.0.100/32', '10.0.0.100', true],
    ['192.168.3.102/20', '192.168.2.1', true],
  ])('v4 %s reaches %s: %s', (cidr, gw, inside) =>
    expect(gatewayInNetwork(parseCidr(cidr, 4)!, gw)).toBe(inside),
  );

  it.each([
    ['2000::1/64', '20ff::1', false],
    ['2001:1::/64', '2001:1::ffff', true],
    ['fc00::1/64', 'fc00:1::ff', false],
    ['fc00::1/64', 'not-an-ip', false],
  ])('v6 %s reaches %s: %s', (cidr, gw, inside) =>
    expect(gatewayInNetwork(parseCidr(cidr, 6)!, gw)).toBe(inside),
  );

  it.each([
    ['fe80::1', true],
    ['febf::1', true],
    ['fec0::1', false],
    ['20ff::1', false],
  ])('isLinkLocal6(%s) = %s', (a, ll) => expect(isLinkLocal6(a)).toBe(ll));

  it('parses IPv6 forms and rejects junk', () => {
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('::ffff:1.2.3.4')).toBe(0xffff01020304n);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    for (const bad of [
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
      '12345::',
      ':1',
      '1.2.3.4::',
    ]) {
      expect(parseIPv6(bad)).toBeUndefined();
    }
    expect(parseIp('1.2.3.256')).toBeUndefined();
    expect(parseIp('1.2.3')).toBeUndefined();
  });

  it('classifies name servers by family and drops unparsable ones', () => {
    expect(nameserversByFamily(['127.0.0.1', '::1', 'fe80::1%eth0', 'x', '192.168.0.1'])).toEqual({
      v4: ['127.0.0.1', '192.168.0.1'],
      v6: ['::1'],
    });
  });
});

describe('renderIfcfg against upstream expectations', () => {
  for (const testCase of ['test-centos6-001', 'test-centos6-002', 'test-centos8-001']) {
    const cfg = readCaseConfig(testCase);
    for (const nic of cfg.nics) {
      it(`${testCase} ${nic.name}`, () => {
        const r = renderIfcfg(nic, cfg.dns, UUID);
        expect(E.isRight(r)).toBe(true);
        if (E.isLeft(r)) return;
        const ifcfgExp = expected(testCase, `${dir}/ifcfg-${nic.name}`);
        if (ifcfgExp !== undefined) expect(r.right.ifcfg).toBe(ifcfgExp);
        const routeExp = expected(testCase, `${dir}/route-${nic.name}`);
        if (routeExp !== undefined) expect(section(sectionData(r.right.routes))).toBe(routeExp);
        else expect(r.right.routes).toEqual([]);
        const route6Exp = expected(testCase, `${dir}/route6-${nic.name}`);
        if (route6Exp !== undefined) expect(section(sectionData(r.right.routes6))).toBe(route6Exp);
        else expect(r.right.routes6).toEqual([]);
      });
    }
  }

  it('test-centos6-001 eth2 (no addresses) still gets a file with an empty BOOTPROTO', () => {
    const cfg = readCaseConfig('test-centos6-001');
    const r = renderIfcfg(cfg.nics[2]!, cfg.dns, UUID);
    expect(r).toEqual(
      E.right({
        ifcfg:
          'DEVICE=eth2\nONBOOT=yes\nUUID=00000000-0000-0000-0000-000000000000\nBOOTPROTO=\n' +
          'DNS1=8.8.8.8\nDNS2=8.8.8.9\nDOMAIN=proxmox.com\n',
        routes: [],
        routes6: [],
      }),
    );
  });

  it('sysconfig/network: NETWORKING flags then HOSTNAME (centos6-001/002, centos8-001)', () => {
    const cases: Array<[string, boolean, boolean, string]> = [
      ['test-centos6-001', true, false, 'test1'],
      ['test-centos6-002', true, true, 'test2'],
      ['test-centos8-001', false, true, 'test1'],
    ];
    for (const [testCase, ipv4, ipv6, host] of cases) {
      const start = input(testCase, '/etc/sysconfig/network')!;
      const out = setSysconfigHostname(updateSysconfigNetworking(start, { ipv4, ipv6 }), host);
      expect(out).toBe(expected(testCase, '/etc/sysconfig/network'));
    }
  });
});

describe('renderIfcfg rules', () => {
  const noDns: DnsSettings = { nameservers: [], searchdomains: [] };
  const render = (nic: Parameters<typeof renderIfcfg>[0], dns = noDns) => {
    const r = renderIfcfg(nic, dns, 'U');
    if (E.isLeft(r)) throw new Error(r.left);
    return r.right;
  };

  it('skips an interface with nothing to write', () => {
    expect(render({ name: 'eth0' }).ifcfg).toBeUndefined();
    expect(
      render({ name: 'eth0', ip: 'manual', ip6: 'manual', gw: '1.1.1.1' }).ifcfg,
    ).toBeUndefined();
  });

  it('dhcp v4 ignores the gateway; dhcp v6 sets DHCPV6C', () => {
    expect(
      render({ name: 'eth0', ip: 'dhcp', gw: '1.2.3.1', ip6: 'dhcp', gw6: 'fe80::1' }).ifcfg,
    ).toBe('DEVICE=eth0\nONBOOT=yes\nUUID=U\nBOOTPROTO=dhcp\nIPV6INIT=yes\nDHCPV6C=yes\n');
  });

  it('ip6 alone makes BOOTPROTO none; DNS and DOMAIN lines for every server and domain', () => {
    const dns = {
      nameservers: ['1.1.1.1', '::1', '9.9.9.9'],
      searchdomains: ['a.example', 'b.example'],
    };
    expect(render({ name: 'eth1', ip6: 'auto' }, dns).ifcfg).toBe(
      'DEVICE=eth1\nONBOOT=yes\nUUID=U\nBOOTPROTO=none\nIPV6INIT=yes\nIPV6_AUTOCONF=yes\n' +
        'DNS1=1.1.1.1\nDNS2=::1\nDNS3=9.9.9.9\nDOMAIN=a.example b.example\n',
    );
  });

  it('on-net v6 gateway becomes IPV6_DEFAULTGW, off-net one a route6 pair', () => {
    const on = render({ name: 'eth0', ip6: 'fd00::5/64', gw6: 'fd00::1' });
    expect(on.ifcfg).toContain('IPV6_DEFAULTGW=fd00::1\n');
    expect(on.routes6).toEqual([]);
    const off = render({ name: 'eth0', ip6: 'fd00::5/64', gw6: 'fd01::1' });
    expect(off.ifcfg).not.toContain('IPV6_DEFAULTGW');
    expect(off.routes6).toEqual(['fd01::1 dev eth0', 'default via fd01::1 dev eth0']);
  });

  it('reports unparsable static addresses as errors', () => {
    expect(renderIfcfg({ name: 'eth0', ip: '1.2.3.4' }, noDns, 'U')).toEqual(
      E.left('unable to parse ipv4 address/mask'),
    );
    expect(renderIfcfg({ name: 'eth0', ip6: 'fd00::1' }, noDns, 'U')).toEqual(
      E.left('unable to parse ipv6 address/prefix'),
    );
  });
});

describe('sysconfig/network edits', () => {
  it.each([
    ['', { ipv4: true, ipv6: true }, 'NETWORKING=yes\nNETWORKING_IPV6=yes\n'],
    [
      'NETWORKING=no\nNETWORKING_IPV6=no\n',
      { ipv4: true, ipv6: false },
      'NETWORKING=yes\nNETWORKING_IPV6=no\n',
    ],
    [
      'NETWORKING=no\nNETWORKING=no\n',
      { ipv4: true, ipv6: false },
      'NETWORKING=yes\nNETWORKING=no\n',
    ],
    ['XNETWORKING=no\n', { ipv4: true, ipv6: false }, 'XNETWORKING=no\nNETWORKING=yes\n'],
    ['A=1', { ipv4: false, ipv6: false }, 'A=1'],
  ])('%j with %j', (start, flags, out) =>
    expect(updateSysconfigNetworking(start, flags)).toBe(out),
  );

  it.each([
    ['HOSTNAME=old\nX=1\n', 'HOSTNAME=new\nX=1\n'],
    ['HOSTNAME= \told \nHOSTNAME=two\n', 'HOSTNAME=new\nHOSTNAME=two\n'],
    ['HOSTNAME=a b\n', 'HOSTNAME=a b\nHOSTNAME=new\n'],
    ['X=1', 'X=1HOSTNAME=new\n'],
  ])('hostname edit of %j', (start, out) => expect(setSysconfigHostname(start, 'new')).toBe(out));

  it('inserts replacement text literally', () => {
    expect(setSysconfigHostname('HOSTNAME=x\n', "$&$'")).toBe("HOSTNAME=$&$'\n");
  });
});
