/**
 * fast-check arbitraries for container configs, for test harnesses that check config round trips.
 * `configText()` makes realistic files (comments, keys, lxc lines, pending and snapshot sections,
 * CRLF, odd whitespace and a few broken lines); `configLine()` one line of such a file.
 */
import fc from 'fast-check';

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
  rootfs: fc.constantFrom('local-lvm:vm-100-disk-0,size=8G', 'local:100/vm-100-disk-0.raw,size=4G', 'rbd:vm-101-disk-0,size=32G,acl=1'),
};
const indexed: Record<string, fc.Arbitrary<string>> = {
  net: fc.constantFrom(
    'name=eth0,bridge=vmbr0,ip=dhcp',
    'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=10.0.0.5/24,gw=10.0.0.1,type=veth',
    'name=eth1,bridge=vmbr1,ip6=auto,tag=20,firewall=1',
  ),
  mp: fc.constantFrom('local-lvm:vm-100-disk-1,mp=/data,size=16G', '/srv/share,mp=/mnt/share,ro=1', 'local:100/x.raw,mp=/x,backup=1'),
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
  const keyed = key.chain((k) => (simpleValues[k] as fc.Arbitrary<string>).map((v) => `${k}: ${v}`));
  const indexedLine = fc
    .tuple(fc.constantFrom(...Object.keys(indexed)), fc.integer({ min: 0, max: 12 }))
    .chain(([k, i]) => (indexed[k] as fc.Arbitrary<string>).map((v) => `${k}${i}: ${v}`));
  return fc.oneof(
    { weight: 6, arbitrary: keyed },
    { weight: 4, arbitrary: indexedLine },
    { weight: 2, arbitrary: commentText.map((t) => `#${t}`) },
    { weight: 2, arbitrary: lxcLines },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'description: from key%3A', 'delete: swap;cores', 'snapstate: prepare', 'foo: bar', '  memory: 5', 'hostname : x', 'memory:', 'env: A=1') },
  );
}

/** A config file: main section, maybe pending, maybe snapshots; LF or CRLF, maybe no final newline. */
export function configText(): fc.Arbitrary<string> {
  const section = fc.array(configLine(), { maxLength: 12 });
  const header = fc.constantFrom('[pve:pending]', '[snap1]', '[before-upgrade]', '[Snap_2]', '[snap1]');
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
