import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  classifyMountPoint,
  deviceFormat,
  featuresFormat,
  mountPointFormat,
  netFormat,
  parseDevice,
  parseVolume,
  printDevice,
  printVolume,
  propertyStringFormats,
  rootfsFormat,
  unusedFormat,
} from '../../src/schema/formats/index.js';
import type { ParsedVolume } from '../../src/schema/formats/index.js';

describe('format descriptors', () => {
  it('are registered under their names', () => {
    expect(propertyStringFormats).toEqual({
      net: netFormat,
      rootfs: rootfsFormat,
      mp: mountPointFormat,
      features: featuresFormat,
      dev: deviceFormat,
      unused: unusedFormat,
    });
  });

  it('have the documented keys, required keys and default keys', () => {
    const required = (f: object) =>
      Object.entries(f)
        .filter(([, s]) => (s as { optional?: boolean }).optional !== true)
        .map(([k]) => k);
    const defaultKey = (f: object) =>
      Object.entries(f)
        .filter(([, s]) => (s as { defaultKey?: boolean }).defaultKey === true)
        .map(([k]) => k);
    expect(Object.keys(netFormat).sort()).toEqual([
      'bridge',
      'firewall',
      'gw',
      'gw6',
      'host-managed',
      'hwaddr',
      'ip',
      'ip6',
      'link_down',
      'mtu',
      'name',
      'rate',
      'tag',
      'trunks',
      'type',
    ]);
    expect(required(netFormat)).toEqual(['name']);
    expect(defaultKey(netFormat)).toEqual([]);
    expect(Object.keys(rootfsFormat).sort()).toEqual([
      'acl',
      'idmap',
      'mountoptions',
      'quota',
      'replicate',
      'ro',
      'shared',
      'size',
      'volume',
    ]);
    expect(required(rootfsFormat)).toEqual(['volume']);
    expect(required(mountPointFormat).sort()).toEqual(['mp', 'volume']);
    expect(defaultKey(mountPointFormat)).toEqual(['volume']);
    expect(Object.keys(featuresFormat).sort()).toEqual([
      'force_rw_sys',
      'fuse',
      'keyctl',
      'mknod',
      'mount',
      'nesting',
    ]);
    expect(required(deviceFormat)).toEqual([]);
    expect(defaultKey(deviceFormat)).toEqual(['path']);
    expect(defaultKey(unusedFormat)).toEqual(['volume']);
    for (const f of Object.values(propertyStringFormats))
      for (const s of Object.values(f)) expect(s.description.length).toBeGreaterThan(0);
  });
});

describe('parseVolume / printVolume', () => {
  it('classifies mount points', () => {
    expect(['local:x', '/dev/sdb', '/dev', '/mnt/x', 'data'].map(classifyMountPoint)).toEqual([
      'volume',
      'device',
      'bind',
      'bind',
      'volume',
    ]);
  });

  it('rootfs: bytes, type and mp', () => {
    const v = parseVolume('rootfs', 'local:x,size=1.5G,idmap=u:0:1:2;g:3:4:5');
    expect(E.map((x: ParsedVolume) => ({ ...x }))(v)).toEqual(
      E.right({
        volume: 'local:x',
        size: 1610612736,
        type: 'volume',
        mp: '/',
        idmap: [
          ['u', '0', '1', '2'],
          ['g', '3', '4', '5'],
        ],
      }),
    );
    expect(E.chain((x: ParsedVolume) => printVolume('rootfs', x))(v)).toEqual(
      E.right('local:x,idmap=u:0:1:2;g:3:4:5,size=1536M'),
    );
  });

  it('mpN and unusedN keys', () => {
    const mp = parseVolume('mp17', 'mp=/data,volume=/srv/x,backup=yes');
    expect(E.chain((x: ParsedVolume) => printVolume('mp17', x))(mp)).toEqual(
      E.right('/srv/x,mp=/data,backup=1'),
    );
    const unused = parseVolume('unused3', 'volume=local:vm-1-disk-0');
    expect(E.map((x: ParsedVolume) => ({ ...x }))(unused)).toEqual(
      E.right({ volume: 'local:vm-1-disk-0', type: 'volume' }),
    );
  });

  it('unknown keys are refused like Proxmox does', () => {
    expect(parseVolume('net0', 'local:x')).toEqual(
      E.left({ kind: 'volume-key', message: 'parse_volume - unknown type: net0\n', fields: {} }),
    );
    expect(printVolume('mp', { volume: 'x', type: 'volume' })).toEqual(
      E.left({ kind: 'volume-key', message: 'print_volume - unknown type: mp\n', fields: {} }),
    );
  });

  it('printing a rootfs uses the mp format, so mp must be present', () => {
    expect(printVolume('rootfs', { volume: 'local:x', type: 'volume' })).toEqual(
      E.left({
        kind: 'fields',
        message: 'format error\nmp: property is missing and it is not optional\n',
        fields: { mp: 'property is missing and it is not optional' },
      }),
    );
  });
});

describe('parseDevice / printDevice', () => {
  it('requires a path', () => {
    expect(parseDevice('uid=1')).toEqual(
      E.left({ kind: 'device-path', message: 'Path has to be defined\n', fields: {} }),
    );
    expect(parseDevice('/dev/a,/dev/b')).toEqual(
      E.left({
        kind: 'syntax',
        message: 'duplicate key in comma-separated list property: path\n',
        fields: {},
      }),
    );
  });

  it('prints path bare, the rest sorted', () => {
    const d = parseDevice('/dev/ttyUSB0,mode=0660,uid=1000,gid=20,deny-write=1');
    expect(E.chain(printDevice)(d)).toEqual(
      E.right('/dev/ttyUSB0,deny-write=1,gid=20,mode=0660,uid=1000'),
    );
  });
});
