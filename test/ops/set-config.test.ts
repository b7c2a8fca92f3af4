/**
 * `pct set` semantics (spec §5): a table of every key class of §5.3/§5.4, running and stopped,
 * set and delete, asserting the stored value, what stays pending and the runtime actions.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { PctConfig } from '../../src/config/model.js';
import { readConfig } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import { applyPending, canonicalNet, hotplugPending, pendingChanges, revertPending } from '../../src/ops/apply-pending.js';
import { randomMacAddress } from '../../src/ops/mac-address.js';
import { clampCpuUnits, setConfig, uniqueTags } from '../../src/ops/set-config.js';
import type { SetHost, SetResult } from '../../src/ops/set-config.js';
import type { ConfigAction } from '../../src/ops/actions.js';
import { proxmoxTextOf } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

/** Each failing key's message (`<key>: <why>`), by key. */
const byPath = (ds: readonly Diagnostic[]): Record<string, string> => Object.fromEntries(ds.map((d) => [d.path ?? '', d.message]));

const BASE = `arch: amd64
cores: 1
cpulimit: 2
cpuunits: 1024
dev0: /dev/ttyUSB0
features: nesting=1
hostname: ct1
memory: 512
mp0: local:100/vm-100-disk-1.raw,mp=/data,size=8G
nameserver: 1.1.1.1
net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,type=veth
net12: name=eth12,bridge=vmbr0,hwaddr=BC:24:11:00:00:0C,type=veth
onboot: 1
ostype: debian
rootfs: local:100/vm-100-disk-0.raw,size=8G
swap: 512
unprivileged: 1
unused0: local:100/vm-100-disk-9.raw
`;

const HOST: SetHost = {
  vmid: 100,
  macAddress: () => 'BC:24:11:AA:BB:CC',
  allocateVolume: (storage, size, key) => E.right({ volid: `${storage}:100/vm-100-${key}.raw`, sizeBytes: Number(size) * 1024 ** 3 }),
};

interface Row {
  readonly op: 'set' | 'delete';
  readonly key: string;
  readonly value?: string;
  readonly running: boolean;
  /** The key's value in the main section afterwards (`undefined`: absent). */
  readonly main: string | number | undefined;
  /** Its pending value afterwards. */
  readonly pending?: string | number;
  /** The pending `delete` list afterwards. */
  readonly pendingDelete?: string;
  /** The actions, as `kind` or `kind:detail` strings. */
  readonly actions: readonly string[];
}

const describeAction = (a: ConfigAction): string => {
  switch (a.kind) {
    case 'memory':
      return `memory:${a.memoryMiB}/${a.swapMiB}`;
    case 'cpulimit':
      return `cpulimit:${a.quota}`;
    case 'cpuunits':
      return `cpuunits:${a.weight}`;
    case 'nic-update':
      return `nic-update:${a.changed.join('+')}${a.recreate ? ':recreate' : ''}${a.replug ? ':replug' : ''}${a.rateOnly ? ':rate' : ''}${a.ipconfig ? ':ip' : ''}`;
    case 'destroy-volume':
      return `destroy-volume:${a.volid}`;
    case 'allocate-volume':
      return `allocate-volume:${a.volid}`;
    default:
      return 'key' in a ? `${a.kind}:${a.key}` : a.kind;
  }
};

const NET0_NEW = 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,type=veth';
const ROWS: readonly Row[] = [
  // fast-plug keys
  { op: 'set', key: 'hostname', value: 'ct2', running: true, main: 'ct2', actions: [] },
  { op: 'set', key: 'hostname', value: 'ct2', running: false, main: 'ct2', actions: [] },
  { op: 'set', key: 'onboot', value: 'no', running: true, main: 0, actions: [] },
  { op: 'set', key: 'cores', value: '4', running: true, main: 4, actions: [] },
  { op: 'set', key: 'tags', value: 'B,a;b', running: true, main: 'a;b', actions: [] },
  { op: 'delete', key: 'hostname', running: true, main: undefined, actions: [] },
  { op: 'delete', key: 'onboot', running: false, main: undefined, actions: [] },
  // cpu
  { op: 'set', key: 'cpulimit', value: '1.5', running: true, main: '1.5', actions: ['cpulimit:150000'] },
  { op: 'set', key: 'cpulimit', value: '1.5', running: false, main: '1.5', actions: [] },
  { op: 'delete', key: 'cpulimit', running: true, main: undefined, actions: ['cpulimit:max'] },
  { op: 'set', key: 'cpuunits', value: '20000', running: true, main: 10000, actions: ['cpuunits:10000'] },
  { op: 'set', key: 'cpuunits', value: '20000', running: false, main: 10000, actions: [] },
  { op: 'delete', key: 'cpuunits', running: true, main: undefined, actions: ['cpuunits:100'] },
  { op: 'delete', key: 'cpuunits', running: false, main: undefined, actions: [] },
  // memory and swap
  { op: 'set', key: 'memory', value: '1024', running: true, main: 1024, actions: ['memory:1024/512'] },
  { op: 'set', key: 'memory', value: '1024', running: false, main: 1024, actions: [] },
  { op: 'set', key: 'swap', value: '256', running: true, main: 256, actions: ['memory:512/256'] },
  { op: 'delete', key: 'swap', running: true, main: undefined, actions: ['swap-reset'] },
  { op: 'delete', key: 'swap', running: false, main: undefined, actions: [] },
  // NICs
  { op: 'set', key: 'net0', value: 'bridge=vmbr1,name=eth0,hwaddr=BC:24:11:00:00:01', running: true, main: 'name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:00:01,type=veth', actions: ['nic-update:bridge:replug'] },
  { op: 'set', key: 'net0', value: 'name=eth0,bridge=vmbr0', running: true, main: NET0_NEW, actions: ['nic-update:hwaddr:recreate'] },
  { op: 'set', key: 'net0', value: 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,rate=5', running: true, main: 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,rate=5,type=veth', actions: ['nic-update:rate:rate'] },
  { op: 'set', key: 'net1', value: 'name=eth1,bridge=vmbr0,ip=dhcp', running: true, main: 'name=eth1,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp,type=veth', actions: ['nic-add:net1'] },
  { op: 'set', key: 'net1', value: 'name=eth1,bridge=vmbr0,ip=dhcp', running: false, main: 'name=eth1,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp,type=veth', actions: [] },
  { op: 'set', key: 'net12', value: 'name=eth12,bridge=vmbr0,hwaddr=BC:24:11:00:00:0C,ip=10.0.0.2/24', running: true, main: 'name=eth12,bridge=vmbr0,hwaddr=BC:24:11:00:00:0C,ip=10.0.0.2/24,type=veth', actions: ['nic-update:ip:ip'] },
  { op: 'delete', key: 'net0', running: true, main: undefined, actions: ['nic-remove:net0'] },
  { op: 'delete', key: 'net0', running: false, main: undefined, actions: ['release-ipam:net0'] },
  // the net10..net31 quirk: a running delete stays pending (reproduced)
  { op: 'delete', key: 'net12', running: true, main: 'name=eth12,bridge=vmbr0,hwaddr=BC:24:11:00:00:0C,type=veth', pendingDelete: 'net12', actions: [] },
  { op: 'delete', key: 'net12', running: false, main: undefined, actions: ['release-ipam:net12'] },
  // mount points
  { op: 'set', key: 'mp0', value: 'local:100/vm-100-disk-1.raw,mp=/srv', running: true, main: 'local:100/vm-100-disk-1.raw,mp=/data,size=8G', pending: 'local:100/vm-100-disk-1.raw,mp=/srv', actions: [] },
  { op: 'set', key: 'mp0', value: 'local:100/vm-100-disk-1.raw,mp=/srv,size=8G', running: false, main: 'local:100/vm-100-disk-1.raw,mp=/srv,size=8G', actions: [] },
  { op: 'set', key: 'mp1', value: 'mp=/x,volume=/srv/x', running: true, main: '/srv/x,mp=/x', actions: ['mount-point-add:mp1'] },
  { op: 'set', key: 'mp1', value: 'local:4,mp=/new', running: true, main: 'local:100/vm-100-mp1.raw,mp=/new,size=4G', actions: ['allocate-volume:local:100/vm-100-mp1.raw', 'mount-point-add:mp1'] },
  { op: 'set', key: 'mp1', value: 'local:4,mp=/new', running: false, main: 'local:100/vm-100-mp1.raw,mp=/new,size=4G', actions: ['allocate-volume:local:100/vm-100-mp1.raw'] },
  { op: 'delete', key: 'mp0', running: true, main: 'local:100/vm-100-disk-1.raw,mp=/data,size=8G', pendingDelete: 'mp0', actions: [] },
  { op: 'delete', key: 'mp0', running: false, main: undefined, actions: [] },
  { op: 'delete', key: '!mp0', running: false, main: undefined, actions: ['destroy-volume:local:100/vm-100-disk-1.raw'] },
  // devices
  { op: 'set', key: 'dev0', value: '/dev/ttyUSB1', running: true, main: '/dev/ttyUSB0', pending: '/dev/ttyUSB1', actions: [] },
  { op: 'set', key: 'dev1', value: '/dev/ttyUSB1,mode=0660', running: true, main: '/dev/ttyUSB1,mode=0660', actions: ['device-add:dev1'] },
  { op: 'set', key: 'dev1', value: '/dev/ttyUSB1,mode=0660', running: false, main: '/dev/ttyUSB1,mode=0660', actions: [] },
  { op: 'delete', key: 'dev0', running: true, main: '/dev/ttyUSB0', pendingDelete: 'dev0', actions: [] },
  { op: 'delete', key: 'dev0', running: false, main: undefined, actions: [] },
  // unused volumes
  { op: 'delete', key: 'unused0', running: true, main: undefined, actions: ['destroy-volume:local:100/vm-100-disk-9.raw'] },
  { op: 'delete', key: 'unused0', running: false, main: undefined, actions: ['destroy-volume:local:100/vm-100-disk-9.raw'] },
  // everything else: pending while running, applied verbatim when stopped
  { op: 'set', key: 'nameserver', value: '1.1.1.1,8.8.8.8', running: true, main: '1.1.1.1', pending: '1.1.1.1 8.8.8.8', actions: [] },
  { op: 'set', key: 'nameserver', value: '1.1.1.1,8.8.8.8', running: false, main: '1.1.1.1 8.8.8.8', actions: [] },
  { op: 'set', key: 'rootfs', value: 'local:100/vm-100-disk-0.raw,size=16G', running: true, main: 'local:100/vm-100-disk-0.raw,size=8G', pending: 'local:100/vm-100-disk-0.raw,size=16G', actions: [] },
  { op: 'set', key: 'rootfs', value: 'local:100/vm-100-disk-0.raw,size=16384M', running: false, main: 'local:100/vm-100-disk-0.raw,size=16384M', actions: [] },
  { op: 'set', key: 'features', value: 'nesting=1,keyctl=1', running: true, main: 'nesting=1', pending: 'nesting=1,keyctl=1', actions: [] },
  { op: 'set', key: 'features', value: 'nesting=1,keyctl=1', running: false, main: 'nesting=1,keyctl=1', actions: [] },
  { op: 'delete', key: 'nameserver', running: true, main: '1.1.1.1', pendingDelete: 'nameserver', actions: [] },
  { op: 'delete', key: 'features', running: false, main: undefined, actions: [] },
  { op: 'set', key: 'arch', value: 'arm64', running: true, main: 'amd64', pending: 'arm64', actions: [] },
];

function run(row: Row): SetResult {
  const { config } = readConfig(BASE);
  const request = row.op === 'set' ? { set: { [row.key]: row.value as string }, running: row.running } : { delete: [row.key], running: row.running };
  const result = setConfig(config, request, HOST);
  if (E.isLeft(result)) throw new Error(proxmoxTextOf(result.left));
  return result.right;
}

describe('pct set: hotplug and pending, by key class (spec §5.3, §5.4)', () => {
  it.each(ROWS.map((r) => [`${r.op} ${r.key}${r.value !== undefined ? '=' + r.value : ''} (${r.running ? 'running' : 'stopped'})`, r] as const))('%s', (_label, row) => {
    const out = run(row);
    const key = row.key.replace(/^!/, '');
    expect(out.config.main.values[key]).toBe(row.main);
    expect(out.config.pending.values[key]).toBe(row.pending);
    expect(out.config.pending.delete).toBe(row.pendingDelete);
    expect(out.actions.map(describeAction)).toEqual(row.actions);
    const pendingRow = out.pending.find((p) => p.key === key);
    expect(pendingRow === undefined).toBe(row.pending === undefined && row.pendingDelete === undefined);
  });

  it('covers every key class running and stopped', () => {
    const classes = new Set(ROWS.map((r) => `${r.op}:${r.running}`));
    expect(classes).toEqual(new Set(['set:true', 'set:false', 'delete:true', 'delete:false']));
    expect(ROWS.length).toBeGreaterThanOrEqual(50);
  });

  it('a stopped CT ends with no [pve:pending] section', () => {
    const { config } = readConfig(BASE);
    const out = setConfig(config, { set: { memory: '2048', net1: 'name=eth1,bridge=vmbr0' }, delete: ['swap'], running: false }, HOST);
    expect(E.isRight(out)).toBe(true);
    if (E.isRight(out)) {
      const text = writeConfig(out.right.config);
      expect(E.isRight(text) && text.right.includes('[pve:pending]')).toBe(false);
      expect(out.right.pending).toEqual([]);
    }
  });

  it('the net12 delete notice explains the quirk; the delete applies at the next start', () => {
    const out = run({ op: 'delete', key: 'net12', running: true, main: undefined, actions: [] });
    expect(out.diagnostics).toEqual([
      {
        code: 'PENDING_NET_DELETE_DEFERRED',
        severity: 'notice',
        message: 'deleting net12 stays pending until the next start: Proxmox only hot-unplugs net0 to net9',
        path: 'net12',
      },
    ]);
    const started = applyPending(out.config, HOST);
    expect(started.config.main.values['net12']).toBeUndefined();
    expect(started.config.pending.delete).toBeUndefined();
  });
});

describe('pct set: description and env are keys like any other', () => {
  it('description is fast-plugged on a running CT and applied on a stopped one', () => {
    const { config } = readConfig(BASE);
    for (const running of [true, false]) {
      const out = setConfig(config, { set: { description: 'web server\nsecond line' }, running }, HOST);
      expect(E.isRight(out) && out.right.config.main.description).toBe('web server\nsecond line');
      expect(E.isRight(out) && out.right.config.pending.description).toBeUndefined();
    }
  });

  it('env stays pending on a running CT and is written as lxc.environment.runtime lines', () => {
    const { config } = readConfig(BASE);
    const out = setConfig(config, { set: { env: 'A=1\0B=2' }, running: true }, HOST);
    expect(E.isRight(out) && out.right.config.pending.env).toBe('A=1\0B=2');
    const text = E.isRight(out) ? writeConfig(out.right.config) : E.left(undefined);
    expect(E.isRight(text) && text.right.endsWith('[pve:pending]\nlxc.environment.runtime: A=1\nlxc.environment.runtime: B=2\n')).toBe(true);
  });
});

describe('pct set: validation and warnings', () => {
  const { config } = readConfig(BASE);

  it('names each offending key and changes nothing', () => {
    const out = setConfig(config, { set: { memory: '8', arch: 'sparc', hostname: 'ok', net1: 'name=eth1,tag=4095' }, delete: ['rootfs'], running: false }, HOST);
    expect(E.isLeft(out)).toBe(true);
    if (E.isLeft(out)) {
      expect(out.left.map((d) => [d.code, d.severity, d.path])).toEqual([
        ['SET_PARAMETER_INVALID', 'error', 'arch'],
        ['SET_PARAMETER_INVALID', 'error', 'memory'],
        ['SET_PARAMETER_INVALID', 'error', 'net1'],
        ['SET_PARAMETER_INVALID', 'error', 'rootfs'],
      ]);
      expect(byPath(out.left)['memory']).toBe('memory: value must have a minimum value of 16');
      expect(byPath(out.left)['rootfs']).toBe("rootfs: unable to delete required option 'rootfs'");
      // Proxmox's message: the title line, then one line per key (the first diagnostic carries the title).
      expect(out.left[0]?.proxmoxText?.startsWith('Parameter verification failed.\narch: ')).toBe(true);
      expect(out.left[3]?.proxmoxText).toBe("rootfs: unable to delete required option 'rootfs'\n");
      expect(proxmoxTextOf(out.left)).toBe(
        [
          'Parameter verification failed.',
          "arch: value 'sparc' does not have a value in the enumeration 'amd64, i386, arm64, armhf, riscv32, riscv64'",
          'memory: value must have a minimum value of 16',
          'net1: invalid format - format error',
          'tag: value must have a maximum value of 4094',
          "rootfs: unable to delete required option 'rootfs'",
          '',
        ].join('\n'),
      );
    }
  });

  it('refuses read-only, internal and conflicting parameters', () => {
    const out = setConfig(config, { set: { unprivileged: '0', parent: 'x', swap: '1' }, delete: ['unprivileged', 'swap'], running: false }, HOST);
    expect(E.isLeft(out) && byPath(out.left)).toEqual({
      unprivileged: "unprivileged: unable to delete read-only option: 'unprivileged'",
      parent: 'parent: property is not defined in schema and the schema does not allow additional properties',
      swap: "swap: you can't use '-swap' and '-delete swap' at the same time",
    });
  });

  it('refuses mount point and unused deletes under protection', () => {
    const prot = readConfig(BASE + 'protection: 1\n').config;
    const out = setConfig(prot, { delete: ['mp0', 'unused0'], running: false }, HOST);
    expect(E.isLeft(out) && byPath(out.left)).toEqual({
      mp0: "mp0: can't remove CT 100 volume 'mp0' - protection mode enabled",
      unused0: "unused0: can't remove CT 100 volume 'unused0' - protection mode enabled",
    });
  });

  it('names keys such as __proto__ like any other (no prototype tricks)', () => {
    const out = setConfig(config, { delete: ['__proto__'], revert: ['constructor'], running: false }, HOST);
    expect(E.isLeft(out) && out.left.map((d) => [d.code, d.path])).toEqual([
      ['SET_PARAMETER_INVALID', '__proto__'],
      ['SET_PARAMETER_INVALID', 'constructor'],
    ]);
  });

  it('refuses a locked CT unless skipLock', () => {
    const locked = readConfig(BASE + 'lock: backup\n').config;
    expect(setConfig(locked, { set: { cores: '2' }, running: false })).toEqual(
      E.left([{ code: 'SET_CT_LOCKED', severity: 'error', message: 'CT is locked (backup)', path: 'lock', proxmoxText: 'CT is locked (backup)\n' }]),
    );
    expect(E.isRight(setConfig(locked, { set: { cores: '2' }, running: false, skipLock: true }))).toBe(true);
  });

  it('warns about deleting a key that is not set, and goes on', () => {
    const out = setConfig(config, { delete: ['timezone'], set: { cores: '3' }, running: false }, HOST);
    expect(E.isRight(out) && out.right.diagnostics).toEqual([
      {
        code: 'SET_DELETE_NOT_SET',
        severity: 'warning',
        message: "cannot delete 'timezone' - not set in current configuration!",
        path: 'timezone',
        proxmoxText: "cannot delete 'timezone' - not set in current configuration!\n",
      },
    ]);
    expect(E.isRight(out) && out.right.config.main.values['cores']).toBe(3);
  });

  it('rejects host-managed with SLAAC unless the link is down', () => {
    const bad = setConfig(config, { set: { net1: 'name=eth1,host-managed=1,ip6=auto' }, running: false }, HOST);
    expect(E.isLeft(bad) && bad.left.map((d) => d.path)).toEqual(['net1']);
    expect(E.isRight(setConfig(config, { set: { net1: 'name=eth1,host-managed=1,ip6=auto,link_down=1' }, running: false }, HOST))).toBe(true);
  });

  it('fails a hotplug without a MAC generator, naming the key', () => {
    const out = setConfig(config, { set: { net1: 'name=eth1' }, running: true }, {});
    expect(E.isLeft(out) && out.left).toEqual([
      {
        code: 'PENDING_HOTPLUG_FAILED',
        severity: 'error',
        message: 'net1: unable to hotplug net1: no MAC address generator given for a NIC without hwaddr',
        path: 'net1',
        // Proxmox's line keeps the reason's own newline.
        proxmoxText: 'Parameter verification failed.\nnet1: unable to hotplug net1: no MAC address generator given for a NIC without hwaddr\n\n',
      },
    ]);
  });

  it('fails a stopped CT whose change cannot be applied, naming the key; nothing is written', () => {
    const out = setConfig(config, { set: { mp1: 'local:4,mp=/y' }, running: false }, {});
    expect(E.isLeft(out) && out.left.map((d) => [d.code, d.severity, d.path, d.proxmoxText])).toEqual([
      [
        'PENDING_NOT_APPLIED',
        'error',
        'mp1',
        'Parameter verification failed.\nmp1: unable to apply pending change mp1 : no storage given to allocate a new volume\n\n',
      ],
    ]);
  });

  it('clamps cpuunits per cgroup version and normalises tags', () => {
    expect(clampCpuUnits(20000, 2)).toBe(10000);
    expect(clampCpuUnits(1, 1)).toBe(2);
    expect(clampCpuUnits(1, 2)).toBe(1);
    expect(uniqueTags('Web;db,web')).toBe('db;web');
    expect(uniqueTags('Web;db,web', { caseSensitive: true, ordering: 'config' })).toBe('Web;db;web');
  });
});

describe('pending: revert, apply at start, earlier pending entries', () => {
  const running = (): PctConfig => {
    const { config } = readConfig(BASE);
    const out = setConfig(config, { set: { arch: 'arm64', nameserver: '9.9.9.9', net2: 'name=eth2,bridge=vmbr0' }, delete: ['mp0'], running: true }, HOST);
    if (E.isLeft(out)) throw new Error(proxmoxTextOf(out.left));
    return out.right.config;
  };

  it('leaves pending entries of earlier calls alone', () => {
    const out = setConfig(running(), { set: { memory: '1024' }, running: false }, HOST);
    expect(E.isRight(out) && out.right.config.pending.values).toEqual({ arch: 'arm64', nameserver: '9.9.9.9' });
    expect(E.isRight(out) && out.right.config.pending.delete).toBe('mp0');
  });

  it('reverts one key or everything', () => {
    const conf = running();
    expect(revertPending(conf, ['arch']).pending.values).toEqual({ nameserver: '9.9.9.9' });
    expect(revertPending(conf, ['mp0']).pending.delete).toBeUndefined();
    expect(revertPending(conf).pending).toEqual({ values: {}, lxc: [] });
    const out = setConfig(conf, { revert: ['nameserver'], running: true }, HOST);
    expect(E.isRight(out) && out.right.config.pending.values).toEqual({ arch: 'arm64' });
  });

  it('apply at start moves everything, mp0 becomes unused1', () => {
    const started = applyPending(running(), HOST);
    expect(started.config.pending).toEqual({ values: {}, lxc: [] });
    expect(started.config.main.values['arch']).toBe('arm64');
    expect(started.config.main.values['mp0']).toBeUndefined();
    expect(started.config.main.values['unused1']).toBe('local:100/vm-100-disk-1.raw');
    expect(pendingChanges(running()).filter((c) => c.delete !== undefined)).toEqual([{ key: 'mp0', value: 'local:100/vm-100-disk-1.raw,mp=/data,size=8G', delete: 1 }]);
  });

  it('a failing pending change is reported and stays pending', () => {
    const { config } = readConfig('memory: 512\n\n[pve:pending]\nnet3: name=eth3\nmp4: local:2,mp=/x\n');
    const started = applyPending(config, {});
    expect(started.diagnostics.map((d) => [d.code, d.severity, d.path, d.proxmoxText])).toEqual([
      ['PENDING_NOT_APPLIED', 'warning', 'mp4', 'unable to apply pending change mp4 : no storage given to allocate a new volume\n'],
      ['PENDING_NOT_APPLIED', 'warning', 'net3', 'unable to apply pending change net3 : no MAC address generator given for a NIC without hwaddr\n'],
    ]);
    expect(Object.keys(started.config.pending.values).sort()).toEqual(['mp4', 'net3']);
  });

  it('hotplugPending applies memory and swap together, once', () => {
    const { config } = readConfig('memory: 512\nswap: 0\n\n[pve:pending]\nmemory: 20480\nswap: 1024\n');
    const out = hotplugPending(config, HOST);
    expect(E.isRight(out) && out.right.actions).toEqual([
      { kind: 'memory', memoryMiB: 20480, swapMiB: 1024, memoryMaxBytes: 20480 * 2 ** 20, memoryHighBytes: (20480 - 128) * 2 ** 20, swapMaxBytes: 1024 * 2 ** 20 },
    ]);
  });

  it('generates MAC addresses from a random source with the datacenter prefix', () => {
    let i = 0;
    const values = [0.99, 0.5, 0.25, 0.125, 0.0625, 0.03125];
    const mac = randomMacAddress({ next: () => values[i++ % values.length] as number });
    expect(mac).toBe('BC:24:11:20:10:08');
    expect(randomMacAddress({ next: () => 0.99 }, '')).toBe('FE:FD:FD:FD:FD:FD');
  });

  it('canonicalNet prints a NIC as Proxmox stores it, or fails with Proxmox\'s text', () => {
    const ok = canonicalNet('bridge=vmbr0,name=eth1', { macAddress: () => 'BC:24:11:00:00:09' });
    expect(E.isRight(ok) && ok.right.text).toBe('name=eth1,bridge=vmbr0,hwaddr=BC:24:11:00:00:09,type=veth');
    expect(canonicalNet('name=eth1', {})).toEqual(
      E.left([
        {
          code: 'PENDING_NET_INVALID',
          severity: 'error',
          message: 'no MAC address generator given for a NIC without hwaddr',
          proxmoxText: 'no MAC address generator given for a NIC without hwaddr\n',
        },
      ]),
    );
    const bad = canonicalNet('name=eth1,tag=4095', {});
    expect(E.isLeft(bad) && bad.left.map((d) => d.code)).toEqual(['PENDING_NET_INVALID']);
  });
});
