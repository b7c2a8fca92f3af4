/**
 * The public face of pctkit/schema: every function that can fail returns `Result<A, Code>`, one
 * diagnostic per failing field (`path` the field, or `<key>.<field>`), one-line messages, and
 * Proxmox's text split over the diagnostics' `proxmoxText` so that `proxmoxTextOf` joins it back.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { Result } from '../../src/diagnostics/result.js';
import { proxmoxTextOf } from '../../src/diagnostics/diagnostic.js';
import {
  checkApiValue,
  checkConfigValue,
  deviceFormat,
  netFormat,
  parseDevice,
  parsePropertyString,
  parseVolume,
  printDevice,
  printPropertyString,
  printVolume,
} from '../../src/schema/index.js';
import * as internal from '../../src/schema/check-value.js';

/** The failure's code, path and message per diagnostic, and its joined Proxmox text. */
function failureOf<A>(r: Result<A>): { diagnostics: string[][]; text: string } {
  if (E.isRight(r)) throw new Error(`expected a failure, got ${JSON.stringify(r.right)}`);
  for (const d of r.left) {
    expect(d.severity).toBe('error');
    expect(d.message).not.toMatch(/\n/);
  }
  return {
    diagnostics: r.left.map((d) => [d.code, d.path ?? '', d.message]),
    text: proxmoxTextOf(r.left),
  };
}

describe('property strings', () => {
  it('parsePropertyString: PROPERTY_STRING_INVALID, one per field, sorted as Proxmox lists them', () => {
    const f = failureOf(parsePropertyString(netFormat, 'name=eth0,ip=bad,hwaddr=nope'));
    expect(f.diagnostics).toEqual([
      [
        'PROPERTY_STRING_INVALID',
        'hwaddr',
        'hwaddr: invalid format - value does not look like a valid unicast MAC address',
      ],
      [
        'PROPERTY_STRING_INVALID',
        'ip',
        'ip: invalid format - value does not look like a valid ipv4 network configuration',
      ],
    ]);
    expect(f.text).toBe(
      'format error\n' +
        'hwaddr: invalid format - value does not look like a valid unicast MAC address\n\n' +
        'ip: invalid format - value does not look like a valid ipv4 network configuration\n\n',
    );
  });

  it('each field diagnostic carries its own line of Proxmox’s text; the first also the title', () => {
    const r = checkConfigValue('net0', 'name=eth0,ip=bad,hwaddr=nope');
    expect(E.isLeft(r) && r.left.map((d) => d.proxmoxText)).toEqual([
      'format error\nhwaddr: invalid format - value does not look like a valid unicast MAC address\n\n',
      'ip: invalid format - value does not look like a valid ipv4 network configuration\n\n',
    ]);
  });

  it('parsePropertyString: a syntax error is one diagnostic without a path', () => {
    const r = parsePropertyString(netFormat, 'name=eth0,name=eth1');
    expect(r).toEqual(
      E.left([
        {
          code: 'PROPERTY_STRING_INVALID',
          severity: 'error',
          message: 'duplicate key in comma-separated list property: name',
          proxmoxText: 'duplicate key in comma-separated list property: name\n',
        },
      ]),
    );
  });

  it('parsePropertyString: an accepted string is the parsed object', () => {
    const r = parsePropertyString(netFormat, 'name=eth0,firewall=yes');
    expect(E.isRight(r) && { ...r.right }).toEqual({ name: 'eth0', firewall: 1 });
  });

  it('printPropertyString: PROPERTY_STRING_UNPRINTABLE for a missing field and for a comma', () => {
    expect(failureOf(printPropertyString(netFormat, { bridge: 'vmbr0' }))).toEqual({
      diagnostics: [
        ['PROPERTY_STRING_UNPRINTABLE', 'name', 'name: property is missing and it is not optional'],
      ],
      text: 'format error\nname: property is missing and it is not optional\n',
    });
    expect(failureOf(printPropertyString(deviceFormat, { path: '/dev/a,b' }))).toEqual({
      diagnostics: [
        ['PROPERTY_STRING_UNPRINTABLE', 'path', 'path: illegal value with commas for path'],
      ],
      text: 'illegal value with commas for path\n',
    });
    expect(printPropertyString(netFormat, { name: 'eth0', bridge: 'vmbr0' })).toEqual(
      E.right('name=eth0,bridge=vmbr0'),
    );
  });

  it('parseVolume / printVolume: VOLUME_KEY_UNKNOWN, and field paths under the key', () => {
    expect(failureOf(parseVolume('net0', 'local:1'))).toEqual({
      diagnostics: [['VOLUME_KEY_UNKNOWN', 'net0', 'net0: parse_volume - unknown type: net0']],
      text: 'parse_volume - unknown type: net0\n',
    });
    expect(failureOf(printVolume('foo', { type: 'volume', volume: 'x' }))).toEqual({
      diagnostics: [['VOLUME_KEY_UNKNOWN', 'foo', 'foo: print_volume - unknown type: foo']],
      text: 'print_volume - unknown type: foo\n',
    });
    expect(failureOf(parseVolume('mp0', 'local:1,mp=/mnt,size=abc'))).toEqual({
      diagnostics: [
        [
          'PROPERTY_STRING_INVALID',
          'mp0.size',
          'mp0.size: invalid format - value does not look like a valid disk size: abc',
        ],
      ],
      text: 'format error\nsize: invalid format - value does not look like a valid disk size: abc\n\n',
    });
    expect(failureOf(printVolume('mp0', { type: 'bind', volume: '/a', mp: '/mnt/a,b' }))).toEqual({
      diagnostics: [
        ['PROPERTY_STRING_UNPRINTABLE', 'mp0.mp', 'mp0.mp: illegal value with commas for mp'],
      ],
      text: 'illegal value with commas for mp\n',
    });
    const ok = parseVolume('rootfs', 'local:100/vm-100-disk-0.raw,size=8G');
    expect(E.isRight(ok) && printVolume('rootfs', ok.right)).toEqual(
      E.right('local:100/vm-100-disk-0.raw,size=8G'),
    );
  });

  it('parseDevice / printDevice: DEVICE_PATH_MISSING, PROPERTY_STRING_INVALID, PROPERTY_STRING_UNPRINTABLE', () => {
    expect(failureOf(parseDevice('mode=0666'))).toEqual({
      diagnostics: [['DEVICE_PATH_MISSING', 'path', 'path: Path has to be defined']],
      text: 'Path has to be defined\n',
    });
    expect(failureOf(parseDevice('/dev/null,uid=-1'))).toEqual({
      diagnostics: [
        ['PROPERTY_STRING_INVALID', 'uid', 'uid: value must have a minimum value of 0'],
      ],
      text: 'format error\nuid: value must have a minimum value of 0\n',
    });
    expect(failureOf(printDevice({ path: '/dev/a,b' })).diagnostics[0]?.[0]).toBe(
      'PROPERTY_STRING_UNPRINTABLE',
    );
    const ok = parseDevice('/dev/null,mode=0666');
    expect(E.isRight(ok) && printDevice(ok.right)).toEqual(E.right('/dev/null,mode=0666'));
  });
});

describe('value checks', () => {
  it('VALUE_KEY_UNKNOWN at both levels, with each level’s text', () => {
    expect(failureOf(checkConfigValue('nope', '1'))).toEqual({
      diagnostics: [['VALUE_KEY_UNKNOWN', 'nope', "nope: unknown setting 'nope'"]],
      text: "unknown setting 'nope'\n",
    });
    expect(failureOf(checkApiValue('nope', '1'))).toEqual({
      diagnostics: [
        [
          'VALUE_KEY_UNKNOWN',
          'nope',
          'nope: property is not defined in schema and the schema does not allow additional properties',
        ],
      ],
      text: 'property is not defined in schema and the schema does not allow additional properties',
    });
  });

  it('VALUE_INVALID: the key as path, or <key>.<field> per field of a property string', () => {
    expect(failureOf(checkConfigValue('memory', 'abc'))).toEqual({
      diagnostics: [
        ['VALUE_INVALID', 'memory', "memory: type check ('integer') failed - got 'abc'"],
      ],
      text: "type check ('integer') failed - got 'abc'\n",
    });
    expect(failureOf(checkApiValue('cores', '0'))).toEqual({
      diagnostics: [['VALUE_INVALID', 'cores', 'cores: value must have a minimum value of 1']],
      text: 'value must have a minimum value of 1',
    });
    const api = failureOf(checkApiValue('net0', 'name=eth0,hwaddr=zz,ip=x'));
    expect(api.diagnostics.map((d) => d[1])).toEqual(['net0.hwaddr', 'net0.ip']);
    expect(api.text.startsWith('invalid format - format error\nhwaddr: ')).toBe(true);
  });

  it('the joined Proxmox text is the internal check’s text, byte for byte', () => {
    const samples: Array<[string, string]> = [
      ['net0', 'name=eth0,hwaddr=zz,ip=x,gw=y'],
      ['rootfs', 'local:1,size=x,mp=/'],
      ['mp0', 'volume=a,volume=b'],
      ['features', 'nesting=maybe'],
      ['hostname', 'a\nb'],
      ['cores', 'many'],
      ['ostype', 'plan9'],
      ['tags', 'a b'],
    ];
    for (const [key, value] of samples) {
      for (const [pub, inner] of [
        [checkConfigValue, internal.checkConfigValue],
        [checkApiValue, internal.checkApiValue],
      ] as const) {
        const expected = inner(key, value);
        const actual = pub(key, value);
        if (E.isRight(expected)) expect(actual).toEqual(expected);
        else expect(failureOf(actual).text).toBe(expected.left.message);
      }
    }
  });

  it('an accepted value is what Proxmox stores', () => {
    expect(checkConfigValue('cores', '0512')).toEqual(E.right(512));
    expect(checkApiValue('onboot', 'yes')).toEqual(E.right(1));
    expect(checkConfigValue('net0', 'name=eth0')).toEqual(E.right('name=eth0'));
  });
});
