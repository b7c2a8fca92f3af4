import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  checkFormat,
  isFormatName,
  verifyConfigId,
  verifyDevicePath,
  verifyDnsName,
  verifyMacAddress,
  verifyMountPointString,
  verifyTag,
  verifyVolumeId,
} from '../../src/schema/simple-formats.js';
import {
  isIpv4,
  isIpv6,
  verifyIp,
  verifyIpv4Config,
  verifyIpv6Config,
  verifyIpWithLinkLocalInterface,
} from '../../src/schema/ip-address.js';
import { splitList } from '../../src/perl/index.js';
import { parseStartup } from '../../src/schema/startup.js';
import type { FormatVerifier } from '../../src/schema/format-result.js';

function accepts(verify: FormatVerifier, values: string[]): void {
  for (const v of values) expect(verify(v), JSON.stringify(v)).toEqual(E.right(v));
}
function rejects(verify: FormatVerifier, values: string[], message: (v: string) => string): void {
  for (const v of values) expect(verify(v), JSON.stringify(v)).toEqual(E.left(message(v)));
}

describe('IP addresses', () => {
  it('IPv4: dotted quad, octets 0-255, no leading zeros', () => {
    for (const v of ['0.0.0.0', '10.0.0.1', '255.255.255.255', '192.168.1.10'])
      expect(isIpv4(v)).toBe(true);
    for (const v of [
      '010.0.0.1',
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.4 ',
      '',
      '１.2.3.4',
      '1.2.3.04',
    ])
      expect(isIpv4(v), v).toBe(false);
  });

  it('IPv6: compressed, full, embedded IPv4', () => {
    for (const v of [
      '::',
      '::1',
      'fe80::1',
      '2001:db8::',
      '1:2:3:4:5:6:7:8',
      '::ffff:10.0.0.1',
      '1::2:3:4:5:6:7',
      'A:B::C',
    ])
      expect(isIpv6(v), v).toBe(true);
    for (const v of [
      '1:2:3:4:5:6:7:8:9',
      '2001:db8:::1',
      '1::2::3',
      'fe80::1%eth0',
      ':::',
      '12345::',
      '1:2:3:4:5:6:7::8:9',
      '::ffff:010.0.0.1',
    ])
      expect(isIpv6(v), v).toBe(false);
  });

  it('Perl `$` lets one final newline through', () => {
    expect(isIpv4('10.0.0.1\n')).toBe(true);
    expect(isIpv4('10.0.0.1\n\n')).toBe(false);
  });

  it('ip', () => {
    accepts(verifyIp, ['10.0.0.1', '2001:db8::1']);
    rejects(
      verifyIp,
      ['dns.google', '10.0.0.1/24'],
      () => 'value does not look like a valid IP address\n',
    );
  });

  it('pve-ipv4-config / pve-ipv6-config', () => {
    accepts(verifyIpv4Config, ['dhcp', 'manual', '10.0.0.1/8', '10.0.0.1/032']);
    rejects(
      verifyIpv4Config,
      ['auto', '10.0.0.1/7', '10.0.0.1/33', '10.0.0.1'],
      () => 'value does not look like a valid ipv4 network configuration\n',
    );
    accepts(verifyIpv6Config, ['auto', 'dhcp', 'manual', 'fd00::1/64', '::/8', '::1/128']);
    rejects(
      verifyIpv6Config,
      ['fd00::1/7', 'fd00::1/129', 'fd00::1', 'DHCP'],
      () => 'value does not look like a valid ipv6 network configuration\n',
    );
  });

  it('lxc-ip-with-ll-iface', () => {
    accepts(verifyIpWithLinkLocalInterface, [
      '10.0.0.1',
      'fe80::1%eth0',
      'FE80::1%vmbr0.10',
      'fe80::1%eth0:1',
    ]);
    rejects(
      verifyIpWithLinkLocalInterface,
      ['fe80::1%', 'fe80::1%0eth', 'fd00::1%eth0', 'fe80::1%e'],
      () => 'value does not look like a valid IP address\n',
    );
  });
});

describe('simple formats', () => {
  it('dns-name', () => {
    accepts(verifyDnsName, ['a', 'ct1', 'my-host.example.com', '1.2.3.4', 'A-1']);
    rejects(
      verifyDnsName,
      ['', '-a', 'a-', 'a_b', 'a..b', 'a.', 'é'],
      () => 'value does not look like a valid DNS name\n',
    );
  });

  it('mac-addr: unicast only, case kept', () => {
    accepts(verifyMacAddress, ['BC:24:11:00:00:01', 'bc:24:11:aB:cD:eF', '02:00:00:00:00:00']);
    rejects(
      verifyMacAddress,
      ['01:00:5E:00:00:01', 'BC-24-11-00-00-01', 'BC:24:11:00:00'],
      () => 'value does not look like a valid unicast MAC address\n',
    );
  });

  it('pve-volume-id', () => {
    accepts(verifyVolumeId, ['local:x', 'lo:x', 'a.b_c-d:vm-1-disk-0', 'local:x:y']);
    rejects(
      verifyVolumeId,
      ['l:x', 'local', 'local:', '1a:x', 'a-:x', ' local:x', 'local:a\nb'],
      (v) => `unable to parse volume ID '${v}'\n`,
    );
  });

  it('pve-configid, pve-tag', () => {
    accepts(verifyConfigId, ['ab', 'snap_1-x', 'A1']);
    rejects(verifyConfigId, ['a', '1a', 'a b', 'a.b'], (v) => `invalid configuration ID '${v}'\n`);
    accepts(verifyTag, ['a', '_x', '1', 'a+b.c-d']);
    rejects(verifyTag, ['', '-a', '+a', 'a b', 'ä'], () => 'invalid characters in tag\n');
  });

  it('pve-lxc-mp-string', () => {
    accepts(verifyMountPointString, ['/mnt/x', 'data', './x', '/mnt/.hidden', '/mnt/..x', '/']);
    rejects(
      verifyMountPointString,
      ['/a/./b', '/a/../b', '/a/.', '/a/..', '../a', '/a/..\n'],
      (v) => `${v} contains illegal character sequences\n`,
    );
  });

  it('pve-lxc-dev-string', () => {
    accepts(verifyDevicePath, ['/dev/null', '/dev/', '/dev/.hidden', '/dev/..x', '/dev/tty USB0']);
    rejects(
      verifyDevicePath,
      ['/dev', 'dev/null', '/tmp/x', '/dev/./x', '/dev/..', '/dev/.'],
      (v) => `${v} is not a valid device path\n`,
    );
  });
});

describe('lists', () => {
  it('split_list', () => {
    expect(splitList('a,b;c  d')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList('  a ,, b ')).toEqual(['a', 'b']);
    expect(splitList('')).toEqual([]);
    expect(splitList(' ; ')).toEqual([]);
    expect(splitList('a b\0c\0\0')).toEqual(['a b', 'c']);
    expect(splitList('\0a')).toEqual(['', 'a']);
    expect(splitList('a\u00a0b')).toEqual(['a\u00a0b']);
  });

  it('checkFormat with -list checks every item, empty lists pass', () => {
    expect(checkFormat('pve-tag-list', 'a;b c')).toEqual(E.right('a;b c'));
    expect(checkFormat('pve-tag-list', '')).toEqual(E.right(''));
    expect(checkFormat('dns-name-list', 'ok.example bad_one')).toEqual(
      E.left('value does not look like a valid DNS name\n'),
    );
    expect(checkFormat('dns-name-list', '\0a')).toEqual(
      E.left('value does not look like a valid DNS name\n'),
    );
    expect(checkFormat('mac-addr', '01:00:00:00:00:00')).toEqual(
      E.left('value does not look like a valid unicast MAC address\n'),
    );
  });

  it('isFormatName', () => {
    expect(isFormatName('dns-name-list')).toBe(true);
    expect(isFormatName('ipv4')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('nope-list')).toBe(false);
  });
});

describe('startup', () => {
  it('parses order/up/down; later duplicates win', () => {
    expect(parseStartup('1,up=2,down=3')).toEqual(E.right({ order: '1', up: '2', down: '3' }));
    expect(parseStartup('order=1,2')).toEqual(E.right({ order: '2' }));
    expect(parseStartup(' ,')).toEqual(E.right({}));
    expect(parseStartup('00')).toEqual(E.right({ order: '00' }));
  });

  it('rejects empty, "0" and malformed parts', () => {
    for (const v of ['', '0', 'order=1;up=2', 'up=', 'order=-1', ' 1'])
      expect(parseStartup(v), v).toEqual(E.left('unable to parse startup options\n'));
  });
});
