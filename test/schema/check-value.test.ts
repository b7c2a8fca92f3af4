import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { checkApiValue, checkConfigValue } from '../../src/schema/check-value.js';
import type { ValueCheckFailureKind } from '../../src/schema/check-value.js';
import { perlIntOfDigits } from '../../src/perl/index.js';

const ok = (value: string | number) => E.right(value);
const fail = (kind: ValueCheckFailureKind, message: string) => E.left({ kind, message });

describe('checkConfigValue: keys', () => {
  it('rejects keys outside the schema', () => {
    expect(checkConfigValue('foo', 'bar')).toEqual(fail('unknown-key', "unknown setting 'foo'\n"));
    expect(checkConfigValue('vmstate', 'x')).toEqual(
      fail('unknown-key', "unknown setting 'vmstate'\n"),
    );
    expect(checkConfigValue('digest', 'abc')).toEqual(
      fail('unknown-key', "unknown setting 'digest'\n"),
    );
    expect(checkConfigValue('__proto__', 'x')).toEqual(
      fail('unknown-key', "unknown setting '__proto__'\n"),
    );
    expect(checkConfigValue('toString', 'x')).toEqual(
      fail('unknown-key', "unknown setting 'toString'\n"),
    );
  });

  it('knows the indexed families and their bounds', () => {
    expect(checkConfigValue('net31', 'name=eth0')).toEqual(ok('name=eth0'));
    expect(checkConfigValue('net32', 'name=eth0')).toEqual(
      fail('unknown-key', "unknown setting 'net32'\n"),
    );
    expect(checkConfigValue('net01', 'name=eth0')).toEqual(
      fail('unknown-key', "unknown setting 'net01'\n"),
    );
    expect(checkConfigValue('mp255', '/a,mp=/b')).toEqual(ok('/a,mp=/b'));
    expect(checkConfigValue('mp256', '/a,mp=/b')).toEqual(
      fail('unknown-key', "unknown setting 'mp256'\n"),
    );
    expect(checkConfigValue('unused255', 'local:x')).toEqual(ok('local:x'));
    expect(checkConfigValue('dev255', '/dev/null')).toEqual(ok('/dev/null'));
    expect(checkConfigValue('dev256', '/dev/null')).toEqual(
      fail('unknown-key', "unknown setting 'dev256'\n"),
    );
  });

  it('rejects line feeds and carriage returns before the type check', () => {
    expect(checkConfigValue('memory', '512\n')).toEqual(
      fail('line-feed', 'property contains a line feed\n'),
    );
    expect(checkConfigValue('hostname', 'a\rb')).toEqual(
      fail('line-feed', 'property contains a line feed\n'),
    );
  });
});

describe('checkConfigValue: types', () => {
  it.each([
    ['1', 1],
    ['yes', 1],
    ['YES', 1],
    ['On', 1],
    ['true', 1],
    ['0', 0],
    ['no', 0],
    ['Off', 0],
    ['FALSE', 0],
  ])('boolean %j → %d', (input, expected) => {
    expect(checkConfigValue('onboot', input)).toEqual(ok(expected));
  });

  it.each(['2', '01', 'y', ' 1', '1 ', 'enabled', ''])('boolean rejects %j', (input) => {
    expect(checkConfigValue('onboot', input)).toEqual(
      fail('type', `type check ('boolean') failed - got '${input}'\n`),
    );
  });

  it('integers lose leading zeros and become numbers', () => {
    expect(checkConfigValue('memory', '0512')).toEqual(ok(512));
    expect(checkConfigValue('memory', '0')).toEqual(ok(0));
    expect(checkConfigValue('swap', '000')).toEqual(ok(0));
  });

  it('integer ranges are not checked by the reader', () => {
    expect(checkConfigValue('cores', '0')).toEqual(ok(0));
    expect(checkConfigValue('tty', '7')).toEqual(ok(7));
  });

  it.each(['-5', '+1', '1.0', '1e3', ' 5', '0x10'])('integer rejects %j', (input) => {
    expect(checkConfigValue('memory', input)).toEqual(
      fail('type', `type check ('integer') failed - got '${input}'\n`),
    );
  });

  it('corpus 068: `cores: 2 features:`', () => {
    expect(checkConfigValue('cores', '2 features:')).toEqual(
      fail('type', "type check ('integer') failed - got '2 features:'\n"),
    );
  });

  it('integers beyond 2^53 keep Perl’s text', () => {
    expect(perlIntOfDigits('9007199254740993')).toBe('9007199254740993');
    expect(perlIntOfDigits('18446744073709551615')).toBe('18446744073709551615');
    expect(perlIntOfDigits('18446744073709551616')).toBe('1.84467440737096e+19');
    expect(perlIntOfDigits('100000000000000000000')).toBe('1e+20');
    expect(checkConfigValue('snaptime', '0001700000000')).toEqual(ok(1700000000));
  });

  it('numbers keep the original text', () => {
    expect(checkConfigValue('cpulimit', '1.50')).toEqual(ok('1.50'));
    expect(checkConfigValue('cpulimit', '2')).toEqual(ok('2'));
    expect(checkConfigValue('cpulimit', '9999')).toEqual(ok('9999'));
  });

  it.each(['.5', '1.', '1e2', '-1', '+1', '1,5', ''])('number rejects %j', (input) => {
    expect(checkConfigValue('cpulimit', input)).toEqual(
      fail('type', `type check ('number') failed - got '${input}'\n`),
    );
  });
});

describe('checkConfigValue: strings and formats', () => {
  it('does not check enum, pattern or maxLength', () => {
    expect(checkConfigValue('ostype', 'redhat')).toEqual(ok('redhat'));
    expect(checkConfigValue('lock', 'bogus')).toEqual(ok('bogus'));
    expect(checkConfigValue('arch', 'sparc')).toEqual(ok('sparc'));
    expect(checkConfigValue('description', 'x'.repeat(9000))).toEqual(ok('x'.repeat(9000)));
    expect(checkConfigValue('entrypoint', '\u0001')).toEqual(ok('\u0001'));
    expect(checkConfigValue('parent', 'a'.repeat(60))).toEqual(ok('a'.repeat(60)));
  });

  it('returns property strings verbatim (not normalised)', () => {
    const net = 'bridge=vmbr0,hwaddr=12:34:56:78:90:12,ip=dhcp,name=eth0,type=veth';
    expect(checkConfigValue('net0', net)).toEqual(ok(net));
    expect(checkConfigValue('rootfs', 'volume=local:x,size=8GiB')).toEqual(
      ok('volume=local:x,size=8GiB'),
    );
    expect(checkConfigValue('features', 'nesting=yes')).toEqual(ok('nesting=yes'));
  });

  it('reports property-string field errors with the exact multi-line text', () => {
    expect(checkConfigValue('net0', 'name=eth0,hwaddr=<MAC>')).toEqual(
      E.left({
        kind: 'format',
        message:
          'format error\nhwaddr: invalid format - value does not look like a valid unicast MAC address\n\n',
        fields: {
          hwaddr: 'invalid format - value does not look like a valid unicast MAC address\n',
        },
      }),
    );
    expect(checkConfigValue('rootfs', 'size=8G')).toEqual(
      E.left({
        kind: 'format',
        message: 'format error\nvolume: property is missing and it is not optional\n',
        fields: { volume: 'property is missing and it is not optional' },
      }),
    );
  });

  it('corpus 077: a `# comment` inside an mp value', () => {
    const value =
      '/mnt/qnap_pbs,mp=/mnt/qnap_pbs,ro=1                             # F1 added 2026-05-08';
    const got = '1                             # F1 added 2026-05-08';
    expect(checkConfigValue('mp4', value)).toEqual(
      E.left({
        kind: 'format',
        message: `format error\nro: type check ('boolean') failed - got '${got}'\n`,
        fields: { ro: `type check ('boolean') failed - got '${got}'` },
      }),
    );
  });

  it('reports parse errors of property strings without fields', () => {
    expect(checkConfigValue('features', '1')).toEqual(
      fail('format', 'value without key, but schema does not define a default key\n'),
    );
    expect(checkConfigValue('mp0', 'local:x,local:y,mp=/a')).toEqual(
      fail('format', 'duplicate key in comma-separated list property: volume\n'),
    );
  });

  it('dev values need no path at this level', () => {
    expect(checkConfigValue('dev0', 'mode=0660')).toEqual(ok('mode=0660'));
  });

  it('checks startup with its own parser', () => {
    expect(checkConfigValue('startup', 'up=5,order=2')).toEqual(ok('up=5,order=2'));
    expect(checkConfigValue('startup', '0')).toEqual(
      fail('format', 'unable to parse startup options\n'),
    );
    expect(checkConfigValue('startup', 'order=x')).toEqual(
      fail('format', 'unable to parse startup options\n'),
    );
  });

  it('checks simple formats and lists', () => {
    expect(checkConfigValue('hostname', 'ct-1.example.com')).toEqual(ok('ct-1.example.com'));
    expect(checkConfigValue('hostname', 'bad_name')).toEqual(
      fail('format', 'value does not look like a valid DNS name\n'),
    );
    expect(checkConfigValue('nameserver', '1.1.1.1,8.8.8.8;fe80::1%eth0 2001:db8::1')).toEqual(
      ok('1.1.1.1,8.8.8.8;fe80::1%eth0 2001:db8::1'),
    );
    expect(checkConfigValue('nameserver', '1.1.1.1 dns.google')).toEqual(
      fail('format', 'value does not look like a valid IP address\n'),
    );
    expect(checkConfigValue('searchdomain', 'a.example b.example')).toEqual(
      ok('a.example b.example'),
    );
    expect(checkConfigValue('searchdomain', 'example.com.')).toEqual(
      fail('format', 'value does not look like a valid DNS name\n'),
    );
    expect(checkConfigValue('tags', 'web;db,prod')).toEqual(ok('web;db,prod'));
    expect(checkConfigValue('tags', 'a b!')).toEqual(fail('format', 'invalid characters in tag\n'));
    expect(checkConfigValue('hookscript', 'local:snippets/hook.pl')).toEqual(
      ok('local:snippets/hook.pl'),
    );
    expect(checkConfigValue('hookscript', '/root/hook.pl')).toEqual(
      fail('format', "unable to parse volume ID '/root/hook.pl'\n"),
    );
    expect(checkConfigValue('parent', 'snap1')).toEqual(ok('snap1'));
    expect(checkConfigValue('parent', '1snap')).toEqual(
      fail('format', "invalid configuration ID '1snap'\n"),
    );
  });

  it('accepts host, UTC and listed zones; any zone without a list', () => {
    const timezones = new Set(['Europe/Zurich']);
    expect(checkConfigValue('timezone', 'host', { timezones })).toEqual(ok('host'));
    expect(checkConfigValue('timezone', 'UTC', { timezones })).toEqual(ok('UTC'));
    expect(checkConfigValue('timezone', 'Europe/Zurich', { timezones })).toEqual(
      ok('Europe/Zurich'),
    );
    expect(checkConfigValue('timezone', 'Mars/Olympus', { timezones })).toEqual(
      fail('format', "invalid time zone 'Mars/Olympus'\n"),
    );
    expect(checkConfigValue('timezone', 'Mars/Olympus')).toEqual(ok('Mars/Olympus'));
  });
});

describe('checkApiValue', () => {
  it('checks ranges, enums, patterns and lengths the reader skips', () => {
    expect(checkApiValue('cores', '0')).toEqual(
      fail('constraint', 'value must have a minimum value of 1'),
    );
    expect(checkApiValue('tty', '7')).toEqual(
      fail('constraint', 'value must have a maximum value of 6'),
    );
    expect(checkApiValue('memory', '+1024')).toEqual(ok(1024));
    expect(checkApiValue('ostype', 'redhat')).toEqual(
      fail(
        'constraint',
        "value 'redhat' does not have a value in the enumeration 'debian, devuan, ubuntu, centos, fedora, opensuse, archlinux, alpine, gentoo, nixos, unmanaged'",
      ),
    );
    expect(checkApiValue('entrypoint', '/sbin/init\u0001')).toEqual(
      fail('constraint', 'value does not match the regex pattern'),
    );
    expect(checkApiValue('env', 'A=1\u0000B=')).toEqual(ok('A=1\u0000B='));
    expect(checkApiValue('parent', 'a'.repeat(41))).toEqual(
      fail('constraint', 'value may only be 40 characters long'),
    );
    expect(checkApiValue('cpulimit', '1.5')).toEqual(ok('1.5'));
  });

  it('normalises booleans and wraps format errors', () => {
    expect(checkApiValue('onboot', 'yes')).toEqual(ok(1));
    expect(checkApiValue('onboot', 'maybe')).toEqual(
      fail('type', "type check ('boolean') failed - got 'maybe'"),
    );
    expect(checkApiValue('hostname', 'a_b')).toEqual(
      fail('format', 'invalid format - value does not look like a valid DNS name\n'),
    );
    expect(checkApiValue('net0', 'name=eth0,tag=4095')).toEqual(
      E.left({
        kind: 'format',
        message: 'invalid format - format error\ntag: value must have a maximum value of 4094\n',
        fields: { tag: 'value must have a maximum value of 4094' },
      }),
    );
    expect(checkApiValue('nope', '1')).toEqual(
      fail(
        'unknown-key',
        'property is not defined in schema and the schema does not allow additional properties',
      ),
    );
  });
});
