/**
 * The typed view: codecs at both levels, the `raw`/`source` rules, encoding after edits,
 * diagnostics with fields and positions, lxc views, pending deletes, and all corpus configs.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import {
  apiCodecs,
  decodeConfig,
  encodeConfig,
  lxcSettings,
  netCodec,
  propertyCodec,
  readerCodecs,
  rootfsCodec,
  startupCodec,
} from '../../src/typed/index.js';
import type { NetInterface, TypedConfig } from '../../src/typed/index.js';
import { corpusConfigs, pveTestConfigs } from '../support/config-files.js';

function write(typed: TypedConfig): string {
  return E.getOrElse((e: readonly { message: string }[]) => `ERROR ${e[0]?.message}`)(writeConfig(encodeConfig(typed)));
}

describe('text codecs', () => {
  it('decode net0 into a structured NIC and print it as Proxmox does', () => {
    const r = netCodec.decode('bridge=vmbr0,name=eth0,ip=10.0.0.5/24,gw=10.0.0.1,firewall=yes,tag=+5,trunks=10;20');
    expect(r).toEqual(
      E.right({
        name: 'eth0',
        bridge: 'vmbr0',
        ip: { cidr: '10.0.0.5/24' },
        gw: '10.0.0.1',
        firewall: true,
        tag: 5,
        trunks: [10, 20],
        raw: 'bridge=vmbr0,name=eth0,ip=10.0.0.5/24,gw=10.0.0.1,firewall=yes,tag=+5,trunks=10;20',
      }),
    );
    if (E.isLeft(r)) return;
    // Unchanged fields keep their text (`+5`), booleans print as 0/1, order is Proxmox's.
    expect(netCodec.encode(r.right)).toBe('name=eth0,bridge=vmbr0,firewall=1,gw=10.0.0.1,ip=10.0.0.5/24,tag=+5,trunks=10;20');
    // An edited field prints canonically.
    expect(netCodec.encode({ ...r.right, tag: 7, ip: 'dhcp' })).toBe('name=eth0,bridge=vmbr0,firewall=1,gw=10.0.0.1,ip=dhcp,tag=7,trunks=10;20');
    // A value built from scratch has no raw text.
    const nic: NetInterface = { name: 'eth1', bridge: 'vmbr1', ip6: 'auto', hostManaged: true };
    expect(netCodec.encode(nic)).toBe('name=eth1,bridge=vmbr1,host-managed=1,ip6=auto');
    expect(netCodec.decode(netCodec.encode(nic))).toEqual(E.right(nic));
  });

  it('decode sizes to bytes and print them with format_size', () => {
    const r = rootfsCodec.decode('local:x,size=1024M');
    expect(r).toEqual(E.right({ volume: 'local:x', size: 1024 ** 3, raw: 'local:x,size=1024M' }));
    if (E.isRight(r)) expect(rootfsCodec.encode(r.right)).toBe('local:x,size=1G');
  });

  it('blame fields on failure, one io-ts error per field, with Proxmox texts', () => {
    const r = readerCodecs.net.decode('name=eth0,hwaddr=01:00:00:00:00:00,tag=4095');
    expect(E.isLeft(r)).toBe(true);
    if (E.isRight(r)) return;
    expect(r.left.map((e) => [e.context[e.context.length - 1]?.key, e.message])).toEqual([
      ['hwaddr', 'invalid format - value does not look like a valid unicast MAC address\n'],
      ['tag', 'value must have a maximum value of 4094'],
    ]);
  });

  it('scalars: reader level as the file reader, API level as pct set', () => {
    expect(readerCodecs.memory.decode('0512')).toEqual(E.right(512));
    expect(readerCodecs.onboot.decode('yes')).toEqual(E.right(true));
    expect(readerCodecs.cores.decode('0')).toEqual(E.right(0));
    expect(E.isLeft(apiCodecs.cores.decode('0'))).toBe(true);
    expect(readerCodecs.ostype.decode('redhat')).toEqual(E.right('redhat'));
    const api = apiCodecs.ostype.decode('redhat');
    expect(E.isLeft(api) && api.left[0]?.message).toMatch(/does not have a value in the enumeration/);
    expect(E.isLeft(readerCodecs.memory.decode('-5'))).toBe(true);
    expect(readerCodecs.tags.decode('b;a,c')).toEqual(E.right(['b', 'a', 'c']));
    expect(readerCodecs.tags.encode(['b', 'a'])).toBe('b;a');
    expect(readerCodecs.nameserver.encode(['1.1.1.1', '8.8.8.8'])).toBe('1.1.1.1 8.8.8.8');
    expect(E.isLeft(apiCodecs.dev.decode('mode=0660'))).toBe(true);
    expect(E.isRight(readerCodecs.dev.decode('mode=0660'))).toBe(true);
    expect(propertyCodec('net31')).toBe(readerCodecs.net);
    expect(propertyCodec('net32')).toBeUndefined();
    expect(propertyCodec('mp255', 'api')).toBe(apiCodecs.mp);
  });

  it('startup keeps its text while unchanged', () => {
    const r = startupCodec.decode('up=5,order=2');
    expect(r).toEqual(E.right({ order: 2, up: 5, raw: 'up=5,order=2' }));
    if (E.isRight(r)) {
      expect(startupCodec.encode(r.right)).toBe('up=5,order=2');
      expect(startupCodec.encode({ ...r.right, up: 6 })).toBe('order=2,up=6');
    }
  });
});

describe('decodeConfig / encodeConfig', () => {
  const text = [
    '#notes%3A here',
    'cpulimit: 1.50',
    'memory: 0512',
    'net0: bridge=vmbr0,name=eth0',
    'onboot: yes',
    'ostype: redhat',
    'rootfs: local:x,size=8G',
    'tags: b,a',
    'vmstate: x',
    'cores: 2 features:',
    'lxc.idmap: u 0 100000 65536',
    'lxc.mount.entry: /dev/net dev/net none bind,create=dir 0 0',
    'lxc.cgroup2.devices.allow: c 10:200 rwm',
    'lxc.environment.runtime: A=1',
    '',
    '[pve:pending]',
    'memory: 1024',
    'delete: swap;!cores',
    '',
    '[snap1]',
    'snapstate: prepare',
    'memory: 256',
    '',
  ].join('\n');
  const decoded = decodeConfig(text);

  it('types every key and keeps what the types cannot hold', () => {
    const c = decoded.current;
    expect(c.description).toBe('notes: here\n');
    expect(c.cpulimit).toBe(1.5);
    expect(c.memory).toBe(512);
    expect(c.onboot).toBe(true);
    expect(c.ostype).toBe('redhat');
    expect(c.net).toEqual({ 0: { name: 'eth0', bridge: 'vmbr0', raw: 'bridge=vmbr0,name=eth0' } });
    expect(c.rootfs).toEqual({ volume: 'local:x', size: 8 * 1024 ** 3 });
    expect(c.tags).toEqual(['b', 'a']);
    expect(c.env).toEqual(['A=1']);
    expect(c.unknown).toEqual({ vmstate: 'x' });
    expect(c.invalid).toEqual({ cores: '2 features:' });
    expect(c.source).toEqual({ cpulimit: '1.50', tags: 'b,a' });
    expect(decoded.pending.memory).toBe(1024);
    expect(decoded.pending.delete).toEqual([
      { key: 'cores', force: true },
      { key: 'swap', force: false },
    ]);
    expect(decoded.snapshots['snap1']).toEqual({ memory: 256, snapstate: 'prepare' });
  });

  it('has structured views of the lxc pairs', () => {
    expect(decoded.current.lxc).toEqual({
      pairs: [
        ['lxc.idmap', 'u 0 100000 65536'],
        ['lxc.mount.entry', '/dev/net dev/net none bind,create=dir 0 0'],
        ['lxc.cgroup2.devices.allow', 'c 10:200 rwm'],
      ],
      idmap: [{ pair: 0, type: 'u', container: 0, host: 100000, count: 65536 }],
      mountEntries: [{ pair: 1, source: '/dev/net', target: 'dev/net', fstype: 'none', options: ['bind', 'create=dir'], dump: '0', pass: '0' }],
      deviceRules: [{ pair: 2, cgroup: 2, allow: true, type: 'c', major: 10, minor: 200, access: 'rwm' }],
    });
    expect(lxcSettings([['lxc.cgroup.devices.deny', 'a'], ['lxc.idmap', 'bogus']]).deviceRules).toEqual([{ pair: 0, cgroup: 1, allow: false, type: 'a' }]);
  });

  it('encodes back to the canonical text, and edits print canonically', () => {
    expect(write(decoded)).toBe(E.getOrElse(() => '')(writeConfig(readConfig(text).config)));
    const edited: TypedConfig = {
      ...decoded,
      current: { ...decoded.current, cpulimit: 2, tags: ['b', 'a', 'c'], net: { 0: { ...(decoded.current.net?.[0] as NetInterface), firewall: true } } },
    };
    const out = write(edited);
    expect(out).toContain('cpulimit: 2\n');
    expect(out).toContain('tags: b;a;c\n');
    expect(out).toContain('net0: name=eth0,bridge=vmbr0,firewall=1\n');
    expect(out).toContain('memory: 512\n');
  });

  it('diagnostics name key, field, line, column and reason, and keep Proxmox texts', () => {
    const d = decodeConfig('hostname: ok\nnet0: name=eth0,gw=300.1.1.1,hwaddr=01:00:00:00:00:00\n').diagnostics;
    expect(d.map((x) => [x.message, x.line, x.column, x.field, x.level])).toEqual([
      ['net0.gw: not a valid IPv4 address', 2, 20, 'gw', 'reader'],
      ['net0.hwaddr: not a valid unicast MAC address', 2, 37, 'hwaddr', 'reader'],
    ]);
    expect(d[0]?.proxmoxText).toBe(
      "unable to parse value of 'net0' - format error\ngw: invalid format - value does not look like a valid IPv4 address\n\nhwaddr: invalid format - value does not look like a valid unicast MAC address\n\n",
    );
    expect(d[1]?.proxmoxText).toBeUndefined();
  });

  it('the API level reports per section, at the value', () => {
    const d = decodeConfig('tty: 7\nostype: debian\n\n[snap]\ncores: 0\n', { level: 'api' }).diagnostics;
    expect(d.map((x) => [x.code, x.section, x.key, x.line, x.column, x.message])).toEqual([
      ['API_INVALID_VALUE', '', 'tty', 1, 6, 'tty: greater than the maximum 6'],
      ['API_INVALID_VALUE', 'snap', 'cores', 5, 8, 'cores: less than the minimum 1'],
    ]);
    expect(decodeConfig('tty: 7\n').diagnostics).toEqual([]);
  });
});

describe('every real config', () => {
  const files = [...corpusConfigs(), ...pveTestConfigs()];
  it('has the 78 corpus configs', () => expect(corpusConfigs()).toHaveLength(78));

  it.each(files.map((f) => [f.label, f] as const))('%s decodes at both levels and encodes to the canonical text', (_label, f) => {
    const read = readConfig(f.text);
    const reader = decodeConfig(read);
    const api = decodeConfig(read, { level: 'api' });
    expect(reader.diagnostics.filter((d) => d.level === 'api')).toEqual([]);
    expect(api.diagnostics.filter((d) => d.level === 'reader')).toEqual(reader.diagnostics);
    expect(write(reader)).toBe(E.getOrElse(() => 'WRITE ERROR')(writeConfig(read.config)));
    for (const d of reader.diagnostics) {
      if (d.code === 'INVALID_VALUE') expect(d.message.startsWith(`${d.key}${d.field === undefined ? '' : '.' + d.field}: `)).toBe(true);
    }
  });

  it('the broken corpus files get the field-level diagnostics of what Proxmox reports', () => {
    const byLabel = new Map(corpusConfigs().map((f) => [f.label, f.text]));
    const summary = (label: string): string[] =>
      decodeConfig(byLabel.get(label) as string).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(summary('corpus/062.conf')).toEqual(['9:60 net0.hwaddr: not a valid unicast MAC address']);
    expect(summary('corpus/066.conf')).toEqual([
      '5:44 net0.gw: not a valid IPv4 address',
      '5:65 net0.hwaddr: not a valid unicast MAC address',
      '5:79 net0.ip: not a valid ipv4 network configuration',
      '6:37 net1.hwaddr: not a valid unicast MAC address',
    ]);
    expect(summary('corpus/068.conf')).toEqual([
      "2:8 cores: not an integer: '2 features:'",
      '3:7 unable to parse config: keyctl=1',
      '8:9 rootfs.volume: required but missing',
    ]);
    expect(summary('corpus/077.conf')[0]).toBe("10:40 mp4.ro: not a boolean: '1                             # F1 added 2026-05-08'");
  });
});
