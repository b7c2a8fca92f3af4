import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { nmConnectionPath, renderNmConnection } from '../../src/setup/nmconnection.js';
import { expected, readCaseConfig } from './ifcfg-cases.js';

const UUID = '00000000-0000-0000-0000-000000000000';

describe('renderNmConnection against upstream expectations', () => {
  for (const testCase of ['test-centos10-001', 'test-centos10-002']) {
    const cfg = readCaseConfig(testCase);
    for (const nic of cfg.nics) {
      it(`${testCase} ${nic.name}`, () => {
        const exp = expected(testCase, nmConnectionPath(nic.name));
        expect(exp).toBeDefined();
        expect(renderNmConnection(nic, cfg.dns, UUID)).toEqual(E.right(exp));
      });
    }
  }
});

describe('renderNmConnection rules', () => {
  const head = (n: string) => `[connection]\nid=${n}\nuuid=U\ntype=ethernet\ninterface-name=${n}\n`;
  const dns = {
    nameservers: ['10.0.0.53', 'fd00::53', 'fe80::1%eth0', '2001:db8::53'],
    searchdomains: ['a.example', 'b.example'],
  };

  it("v4 dhcp and v6 auto both carry their family's name servers", () => {
    expect(renderNmConnection({ name: 'eth0', ip: 'dhcp', ip6: 'auto' }, dns, 'U')).toEqual(
      E.right(
        head('eth0') +
          '[ipv4]\nmethod=auto\ndns=10.0.0.53\ndns-search=a.example;b.example\n' +
          '[ipv6]\nmethod=auto\ndns=fd00::53;2001:db8::53\ndns-search=a.example;b.example\n',
      ),
    );
  });

  it('manual and absent are disabled without DNS lines', () => {
    expect(renderNmConnection({ name: 'eth1', ip: 'manual', ip6: 'manual' }, dns, 'U')).toEqual(
      E.right(head('eth1') + '[ipv4]\nmethod=disabled\n[ipv6]\nmethod=disabled\n'),
    );
  });

  it('no dns-search without name servers of the family', () => {
    const r = renderNmConnection(
      { name: 'e', ip6: 'dhcp' },
      { nameservers: ['1.1.1.1'], searchdomains: ['x'] },
      'U',
    );
    expect(r).toEqual(E.right(head('e') + '[ipv4]\nmethod=disabled\n[ipv6]\nmethod=auto\n'));
  });

  it('on-net and link-local v6 gateways become gateway=, v4 on-net has no routes=', () => {
    const r = renderNmConnection(
      { name: 'e', ip: '10.1.1.5/24', gw: '10.1.1.1', ip6: 'fd00::5/64', gw6: 'fe80::1' },
      { nameservers: [], searchdomains: ['x'] },
      'U',
    );
    expect(r).toEqual(
      E.right(
        head('e') +
          '[ipv4]\nmethod=manual\naddresses=10.1.1.5/24\ngateway=10.1.1.1\n' +
          '[ipv6]\nmethod=manual\naddress=fd00::5/64\ngateway=fe80::1\n',
      ),
    );
  });

  it('reports unparsable static addresses', () => {
    expect(renderNmConnection({ name: 'e', ip: 'bogus' }, dns, 'U')).toEqual(
      E.left('unable to parse ipv4 address/mask'),
    );
  });
});
