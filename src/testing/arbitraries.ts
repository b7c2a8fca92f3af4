/**
 * fast-check arbitraries for container configs, for test harnesses that check config round trips.
 * `configText()` makes realistic files (comments, keys, lxc lines, pending and snapshot sections,
 * CRLF, odd whitespace and a few broken lines); `configLine()` one line of such a file.
 */
import fc from 'fast-check';
import { containerKeys } from '../schema/container-schema.js';
import type {
  DevicePassthrough,
  Features,
  MountPoint,
  NetInterface,
  RootFs,
  StartupOrder,
} from '../typed/index.js';

const hostnames = ['ct1', 'web-01', 'db.example.com', 'CT102'];
const simpleValues: Record<string, fc.Arbitrary<string>> = {
  arch: fc.constantFrom('amd64', 'i386', 'arm64'),
  cores: fc.integer({ min: 1, max: 64 }).map(String),
  cpulimit: fc.constantFrom('0', '1.5', '2', '0.25'),
  cpuunits: fc.constantFrom('100', '1024', '10000'),
  hostname: fc.constantFrom(...hostnames),
  memory: fc.integer({ min: 16, max: 65536 }).map(String),
  nameserver: fc.constantFrom('1.1.1.1', '8.8.8.8 8.8.4.4', '127.0.0.1,192.168.0.1'),
  onboot: fc.constantFrom('0', '1', 'yes', 'off'),
  ostype: fc.constantFrom('debian', 'ubuntu', 'alpine', 'centos'),
  searchdomain: fc.constantFrom('example.com', 'lan'),
  swap: fc.integer({ min: 0, max: 8192 }).map(String),
  tags: fc.constantFrom('web', 'a;b', 'prod,db'),
  tty: fc.integer({ min: 0, max: 6 }).map(String),
  unprivileged: fc.constantFrom('0', '1'),
  features: fc.constantFrom('nesting=1', 'keyctl=1,nesting=1', 'fuse=1,mount=nfs;cifs'),
  startup: fc.constantFrom('order=1', 'order=2,up=30', 'up=5,down=10'),
  rootfs: fc.constantFrom(
    'local-lvm:vm-100-disk-0,size=8G',
    'local:100/vm-100-disk-0.raw,size=4G',
    'rbd:vm-101-disk-0,size=32G,acl=1',
  ),
};
const indexed: Record<string, fc.Arbitrary<string>> = {
  net: fc.constantFrom(
    'name=eth0,bridge=vmbr0,ip=dhcp',
    'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=10.0.0.5/24,gw=10.0.0.1,type=veth',
    'name=eth1,bridge=vmbr1,ip6=auto,tag=20,firewall=1',
  ),
  mp: fc.constantFrom(
    'local-lvm:vm-100-disk-1,mp=/data,size=16G',
    '/srv/share,mp=/mnt/share,ro=1',
    'local:100/x.raw,mp=/x,backup=1',
  ),
  unused: fc.constantFrom('local-lvm:vm-100-disk-9', 'local:100/vm-100-disk-3.raw'),
  dev: fc.constantFrom('/dev/ttyUSB0,mode=0660', '/dev/dri/renderD128,gid=104'),
};

const lxcLines = fc.constantFrom(
  'lxc.cgroup2.devices.allow: c 10:200 rwm',
  'lxc.mount.entry: /dev/net dev/net none bind,create=dir',
  'lxc.cap.drop =',
  'lxc.apparmor.profile = unconfined',
  'lxc.environment.runtime: A=1',
  'lxc.idmap: u 0 100000 65536',
  'lxc.cgroup.devices.allow: a',
  'lxc.rootfs.path: /x',
  'lxc.bogus: 1',
);

const commentText = fc.oneof(
  fc.constantFrom('', ' note', 'a%3Ab 100%', ' ä € 😀', '%zz', '\t'),
  fc.string({ maxLength: 12 }).filter((s) => !/[\n]/.test(s)),
);

/** One line of a config file (without its newline). */
export function configLine(): fc.Arbitrary<string> {
  const key = fc.constantFrom(...Object.keys(simpleValues));
  const keyed = key.chain((k) =>
    (simpleValues[k] as fc.Arbitrary<string>).map((v) => `${k}: ${v}`),
  );
  const indexedLine = fc
    .tuple(fc.constantFrom(...Object.keys(indexed)), fc.integer({ min: 0, max: 12 }))
    .chain(([k, i]) => (indexed[k] as fc.Arbitrary<string>).map((v) => `${k}${i}: ${v}`));
  return fc.oneof(
    { weight: 6, arbitrary: keyed },
    { weight: 4, arbitrary: indexedLine },
    { weight: 2, arbitrary: commentText.map((t) => `#${t}`) },
    { weight: 2, arbitrary: lxcLines },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        'description: from key%3A',
        'delete: swap;cores',
        'snapstate: prepare',
        'foo: bar',
        '  memory: 5',
        'hostname : x',
        'memory:',
        'env: A=1',
      ),
    },
  );
}

/** A config file: main section, maybe pending, maybe snapshots; LF or CRLF, maybe no final newline. */
export function configText(): fc.Arbitrary<string> {
  const section = fc.array(configLine(), { maxLength: 12 });
  const header = fc.constantFrom(
    '[pve:pending]',
    '[snap1]',
    '[before-upgrade]',
    '[Snap_2]',
    '[snap1]',
  );
  return fc
    .tuple(
      section,
      fc.array(fc.tuple(header, section), { maxLength: 3 }),
      fc.constantFrom('\n', '\n', '\r\n'),
      fc.boolean(),
    )
    .map(([main, rest, eol, finalNewline]) => {
      const lines = [...main];
      for (const [h, body] of rest) lines.push('', h, ...body);
      const text = lines.join(eol);
      return finalNewline && text !== '' ? text + eol : text;
    });
}

// ---------------------------------------------------------------------------------------------
// Typed configs (src/typed): values in their canonical form, so that encoding and decoding them
// gives them back exactly. Every property of the schema is used.

const nameChars = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.'.split(''),
);
const ifaceName = fc.array(nameChars, { minLength: 1, maxLength: 10 }).map((c) => c.join(''));
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const hex4 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const ipv6 = fc.oneof(
  fc.tuple(hex4, hex4).map(([a, b]) => `fd00:${a}::${b}`),
  fc.constantFrom('fe80::1', '2001:db8::1', '::1'),
);
const macAddress = fc
  .tuple(
    fc.integer({ min: 0, max: 127 }),
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 5, maxLength: 5 }),
  )
  .map(([first, rest]) =>
    [first * 2, ...rest].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':'),
  );
const storageVolume = fc
  .tuple(
    fc.constantFrom('local', 'local-lvm', 'zfs_1', 'rbd'),
    fc.integer({ min: 100, max: 999 }),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([s, id, d]) => `${s}:vm-${id}-disk-${d}`);
const hostPath = fc.constantFrom('/srv/data', '/mnt/pve/nas/media', '/dev/sdb1', '/tank/share');
const ctPath = fc.constantFrom('/data', '/mnt/media', '/var/lib/app', 'relative/dir');
const diskSize = fc.oneof(
  fc.integer({ min: 0, max: 4096 }).map((g) => g * 1024 ** 3),
  fc.integer({ min: 1, max: 2 ** 40 }),
);
const bool = fc.boolean();
const idmapEntries = fc.array(
  fc.record({
    type: fc.constantFrom('u' as const, 'g' as const),
    container: fc.nat(70000),
    disk: fc.nat(200000),
    count: fc.integer({ min: 1, max: 65536 }),
  }),
  { minLength: 1, maxLength: 3 },
);
const mountIdmap = fc.oneof(fc.constant('passthrough' as const), idmapEntries);
const mountOption = fc.constantFrom('discard', 'lazytime', 'noatime', 'nodev', 'noexec', 'nosuid');

const volumeFields = {
  size: diskSize,
  acl: bool,
  mountOptions: fc.array(mountOption, { minLength: 1, maxLength: 3 }),
  idmap: mountIdmap,
  ro: bool,
  quota: bool,
  replicate: bool,
  shared: bool,
};

/** A typed NIC (`NetInterface`) in canonical form. */
export function typedNetInterface(): fc.Arbitrary<NetInterface> {
  return fc.record(
    {
      name: ifaceName,
      bridge: ifaceName,
      hwaddr: macAddress,
      ip: fc.oneof(
        fc.constantFrom('dhcp' as const, 'manual' as const),
        fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([a, p]) => ({ cidr: `${a}/${p}` })),
      ),
      gw: ipv4,
      ip6: fc.oneof(
        fc.constantFrom('auto' as const, 'dhcp' as const, 'manual' as const),
        fc.tuple(ipv6, fc.integer({ min: 8, max: 128 })).map(([a, p]) => ({ cidr: `${a}/${p}` })),
      ),
      gw6: ipv6,
      firewall: bool,
      tag: fc.integer({ min: 1, max: 4094 }),
      trunks: fc.array(fc.integer({ min: 1, max: 4094 }), { minLength: 1, maxLength: 4 }),
      rate: fc.integer({ min: 0, max: 100000 }).map((n) => n / 100),
      mtu: fc.integer({ min: 64, max: 65535 }),
      linkDown: bool,
      hostManaged: bool,
      type: fc.constant('veth' as const),
    },
    { requiredKeys: ['name'] },
  );
}

/** A typed root volume (`RootFs`) in canonical form. */
export function typedRootFs(): fc.Arbitrary<RootFs> {
  return fc.record(
    { volume: fc.oneof(storageVolume, hostPath), ...volumeFields },
    { requiredKeys: ['volume'] },
  );
}

/** A typed mount point (`MountPoint`) in canonical form. */
export function typedMountPoint(): fc.Arbitrary<MountPoint> {
  return fc.record(
    {
      volume: fc.oneof(storageVolume, hostPath),
      path: ctPath,
      ...volumeFields,
      backup: bool,
      keepAttrs: bool,
    },
    { requiredKeys: ['volume', 'path'] },
  );
}

/** Typed `Features` in canonical form. */
export function typedFeatures(): fc.Arbitrary<Features> {
  return (
    fc
      .record(
        {
          mount: fc.array(fc.constantFrom('nfs', 'cifs', 'ext4', 'fuse_x'), {
            minLength: 1,
            maxLength: 3,
          }),
          nesting: bool,
          keyctl: bool,
          fuse: bool,
          mknod: bool,
          forceRwSys: bool,
        },
        { requiredKeys: [] },
      )
      // An empty features string cannot be written: `features:` with no value is not a config line.
      .filter((f) => Object.keys(f).length > 0)
  );
}

/** A typed device (`DevicePassthrough`) in canonical form. */
export function typedDevice(): fc.Arbitrary<DevicePassthrough> {
  return fc.record(
    {
      path: fc.constantFrom('/dev/dri/renderD128', '/dev/ttyUSB0', '/dev/net/tun'),
      mode: fc.integer({ min: 0, max: 0o777 }).map((m) => '0' + m.toString(8).padStart(3, '0')),
      uid: fc.nat(100000),
      gid: fc.nat(100000),
      denyWrite: bool,
    },
    { requiredKeys: ['path'] },
  );
}

/** Typed `StartupOrder` in canonical form (at least one part). */
export function typedStartup(): fc.Arbitrary<StartupOrder> {
  return fc
    .record({ order: fc.nat(1000), up: fc.nat(600), down: fc.nat(600) }, { requiredKeys: [] })
    .filter((s) => Object.keys(s).length > 0);
}

function indexedTyped<T>(value: fc.Arbitrary<T>, max: number): fc.Arbitrary<Record<number, T>> {
  return fc
    .array(fc.tuple(fc.nat(max), value), { minLength: 1, maxLength: 3 })
    .map((entries) => Object.fromEntries(entries) as Record<number, T>);
}

const lxcPair = fc.oneof(
  fc.tuple(
    fc.constant('lxc.idmap'),
    fc
      .tuple(
        fc.constantFrom('u', 'g'),
        fc.nat(1000),
        fc.nat(200000),
        fc.integer({ min: 1, max: 65536 }),
      )
      .map((p) => p.join(' ')),
  ),
  fc.tuple(
    fc.constant('lxc.mount.entry'),
    fc.constantFrom(
      '/dev/net dev/net none bind,create=dir',
      '/srv/x mnt/x none rbind,optional 0 0',
    ),
  ),
  fc.tuple(
    fc.constantFrom('lxc.cgroup2.devices.allow', 'lxc.cgroup.devices.deny'),
    fc.constantFrom('a', 'c 10:200 rwm', 'b *:* m', 'c 226:128 rw'),
  ),
  fc.tuple(
    fc.constantFrom('lxc.cap.drop', 'lxc.apparmor.profile', 'lxc.mount.auto'),
    fc.constantFrom('', 'unconfined', 'proc:rw sys:rw'),
  ),
);

const descriptionText = fc
  .array(
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => !s.includes('\n') && s.trim() !== '' && s !== '0'),
    { minLength: 1, maxLength: 3 },
  )
  .map((lines) => lines.map((l) => l + '\n').join(''));

/** Any value of an enum key of the container schema. */
function enumOf<K extends 'arch' | 'cmode' | 'lock' | 'ostype'>(
  key: K,
): fc.Arbitrary<(typeof containerKeys)[K]['enum'][number]> {
  return fc.constantFrom(...containerKeys[key].enum);
}

/** The fields of a typed config section (`ContainerConfig`), every property available. */
export function typedSectionFields() {
  return {
    arch: enumOf('arch'),
    cmode: enumOf('cmode'),
    console: bool,
    cores: fc.integer({ min: 1, max: 8192 }),
    cpulimit: fc.integer({ min: 0, max: 819200 }).map((n) => n / 100),
    cpuunits: fc.nat(500000),
    debug: bool,
    description: descriptionText,
    entrypoint: fc.constantFrom('/sbin/init', '/usr/bin/app --serve'),
    env: fc.array(fc.constantFrom('A=1', 'PATH=/bin:/usr/bin', 'EMPTY='), {
      minLength: 1,
      maxLength: 3,
    }),
    features: typedFeatures(),
    hookscript: fc.constantFrom('local:snippets/hook.pl'),
    hostname: fc.constantFrom('ct1', 'web-01', 'db.example.com'),
    lock: enumOf('lock'),
    memory: fc.integer({ min: 16, max: 1 << 20 }),
    nameserver: fc.array(fc.oneof(ipv4, ipv6), { minLength: 1, maxLength: 3 }),
    onboot: bool,
    ostype: enumOf('ostype'),
    parent: fc.constantFrom('snap1', 'before-upgrade'),
    protection: bool,
    rootfs: typedRootFs(),
    searchdomain: fc.array(fc.constantFrom('example.com', 'lan', 'a-b.c'), {
      minLength: 1,
      maxLength: 2,
    }),
    snaptime: fc.nat(2 ** 31),
    startup: typedStartup(),
    swap: fc.nat(1 << 20),
    tags: fc.array(fc.constantFrom('web', 'db', 'prod', 'x_1'), { minLength: 1, maxLength: 3 }),
    template: bool,
    timezone: fc.constantFrom('host', 'UTC', 'Europe/Berlin'),
    tty: fc.integer({ min: 0, max: 6 }),
    unprivileged: bool,
    net: indexedTyped(typedNetInterface(), 30),
    mp: indexedTyped(typedMountPoint(), 254),
    unused: indexedTyped(
      fc.record({ volume: fc.constantFrom('spare:vm-100-disk-7', 'spare:vm-100-disk-8') }),
      254,
    ),
    dev: indexedTyped(typedDevice(), 254),
    lxc: fc.array(lxcPair, { minLength: 1, maxLength: 4 }),
    unknown: fc.constantFrom({ vmstate: 'local:state-1' }, { foo: 'bar baz' }),
    invalid: fc.constantFrom(
      { mp255: 'no,such,thing' },
      { dev255: 'mode=abc' },
      { net31: 'ip=nope' },
    ),
  };
}

/** A generated typed section: `ContainerConfig` fields, with `lxc` still as raw pairs. */
export type TypedSectionInput = Partial<{
  [K in keyof ReturnType<typeof typedSectionFields>]: ReturnType<
    typeof typedSectionFields
  >[K] extends fc.Arbitrary<infer T>
    ? T
    : never;
}>;

/** A generated typed config, `lxc` pairs turned into the caller's view type `L`. */
export interface TypedConfigInput<L> {
  readonly current: TypedSectionWith<L>;
  readonly pending: TypedSectionWith<L> & {
    readonly delete?: ReadonlyArray<{ key: string; force: boolean }>;
  };
  readonly snapshots: Record<string, TypedSectionWith<L> & { readonly snapstate?: string }>;
}

/** A typed section whose `lxc` pairs have the caller's view type. */
export type TypedSectionWith<L> = Omit<TypedSectionInput, 'lxc'> & { readonly lxc?: L };

/**
 * A typed config section in canonical form (`lxc` as raw pairs; {@link typedConfig} turns them into
 * `LxcSettings` with the caller's view builder).
 */
export function typedSection(): fc.Arbitrary<TypedSectionInput> {
  return fc.record(typedSectionFields(), { requiredKeys: [] });
}

/**
 * A whole typed config (`{ current, pending, snapshots }`) in canonical form, before the `lxc`
 * pairs are given their views: pass `lxcSettings` from src/typed to complete it.
 */
export function typedConfig<L>(
  lxcView: (pairs: ReadonlyArray<readonly [string, string]>) => L,
): fc.Arbitrary<TypedConfigInput<L>> {
  const withViews = typedSection().map((s) => {
    const { lxc, ...rest } = s;
    return lxc === undefined
      ? rest
      : { ...rest, lxc: lxcView(lxc as ReadonlyArray<readonly [string, string]>) };
  });
  const deletes = fc
    .uniqueArray(fc.constantFrom('cores', 'memory', 'net1', 'mp3', 'swap'), {
      minLength: 1,
      maxLength: 3,
    })
    .chain((keys) => fc.tuple(...keys.sort().map((key) => bool.map((force) => ({ key, force })))));
  const pending = fc
    .tuple(withViews, fc.option(deletes, { nil: undefined }))
    .map(([s, d]) => (d === undefined ? s : { ...s, delete: d }));
  const snapshot = fc
    .tuple(withViews, fc.option(fc.constantFrom('prepare', 'delete'), { nil: undefined }))
    .map(([s, st]) => (st === undefined ? s : { ...s, snapstate: st }));
  const snapName = fc.constantFrom('snap1', 'before-upgrade', 'Snap_2', 'vzdump');
  return fc.record({
    current: withViews,
    pending,
    snapshots: fc.dictionary(snapName, snapshot, { maxKeys: 3 }),
  });
}
