import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { sectionData } from '../../src/setup/ifcfg.js';
import { renderSuseIfcfg } from '../../src/setup/suse-ifcfg.js';
import { expected, input, readCaseConfig, section } from './ifcfg-cases.js';

const dir = '/etc/sysconfig/network';
const cases = [
  'test-opensuse-001',
  'test-opensuse-002',
  'test-opensuse-003',
  'test-opensuse-004',
  'test-opensuse-005',
  'test-opensuse-slowroll-001',
];

describe('renderSuseIfcfg against upstream expectations', () => {
  for (const testCase of cases) {
    const cfg = readCaseConfig(testCase);
    for (const nic of cfg.nics) {
      it(`${testCase} ${nic.name}`, () => {
        const r = renderSuseIfcfg(nic);
        if (E.isLeft(r)) throw new Error(r.left);
        const ifcfgExp = expected(testCase, `${dir}/ifcfg-${nic.name}`);
        if (ifcfgExp !== undefined) expect(r.right?.ifcfg).toBe(ifcfgExp);
        const routeExp = expected(testCase, `${dir}/ifroute-${nic.name}`);
        const routes = r.right?.routes ?? [];
        if (routeExp === undefined) return;
        const before = input(testCase, `${dir}/ifroute-${nic.name}`);
        // Without lines, a file without a section stays as it was; with lines a new file is a bare section.
        if (routes.length === 0) expect(before).toBe(routeExp);
        else expect(section(sectionData(routes))).toBe(routeExp);
      });
    }
  }
});

describe('renderSuseIfcfg rules', () => {
  const ok = (nic: Parameters<typeof renderSuseIfcfg>[0]) => {
    const r = renderSuseIfcfg(nic);
    if (E.isLeft(r)) throw new Error(r.left);
    return r.right;
  };

  it('ip6=auto alone skips the interface entirely', () => {
    expect(ok({ name: 'eth0', ip6: 'auto' })).toBeUndefined();
    expect(ok({ name: 'eth0', ip: 'manual', ip6: 'auto', gw6: 'fe80::1' })).toBeUndefined();
  });

  it('ip6=auto with v4 dhcp is onboot dhcp4', () => {
    expect(ok({ name: 'eth0', ip: 'dhcp', ip6: 'auto' })).toEqual({
      ifcfg: 'STARTMODE=onboot\nBOOTPROTO=dhcp4\n',
      routes: [],
    });
  });

  it('no addressing at all is manual/static', () => {
    expect(ok({ name: 'eth9' })).toEqual({
      ifcfg: 'STARTMODE=manual\nBOOTPROTO=static\n',
      routes: [],
    });
  });

  it('dhcp with a static v6 keeps the address and the v6 routes; v4 gw ignored with dhcp', () => {
    expect(ok({ name: 'e', ip: 'dhcp', gw: '1.1.1.1', ip6: 'fd00::2/64', gw6: 'fd01::1' })).toEqual(
      {
        ifcfg: 'STARTMODE=onboot\nBOOTPROTO=dhcp4\nIPADDR=fd00::2/64\n',
        routes: ['fd01::1/128 - - e', 'default fd01::1 - e'],
      },
    );
  });

  it('reports unparsable static addresses', () => {
    expect(renderSuseIfcfg({ name: 'e', ip6: 'zz/64' })).toEqual(
      E.left('unable to parse ipv6 address/prefix'),
    );
  });
});
