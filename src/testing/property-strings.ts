/**
 * fast-check arbitraries for valid property strings of the container schema: `net[n]`, `rootfs`,
 * `mp[n]`, `features`, `dev[n]`, `unused[n]`, and the `startup` value (which has its own parser).
 *
 * Every string produced here is accepted by Proxmox's parser (`parse_property_string` against the
 * format of `src/schema/formats/`); the arbitraries check that themselves. By default the strings
 * are canonical — what `print_property_string` writes: the default key bare, then the required keys,
 * then the rest, each group sorted; booleans as `0`/`1`; sizes in their shortest exact unit. With
 * `{ canonical: false }` the keys come in any order and booleans and sizes in any spelling Proxmox
 * accepts (`yes`, `on`, `8192M`, `2GiB`, …).
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { deviceFormat } from '../schema/formats/device.js';
import { featuresFormat } from '../schema/formats/features.js';
import { mountPointFormat, rootfsFormat } from '../schema/formats/mount-point.js';
import { netFormat } from '../schema/formats/net.js';
import { unusedFormat } from '../schema/formats/unused.js';
import { printPropertyString } from '../schema/print-property-string.js';
import { parsePropertyString } from '../schema/property-string.js';
import type { PropertyStringFormat, PropertyValue } from '../schema/property-schema.js';
import { parseStartup } from '../schema/startup.js';

/** Options of the property-string arbitraries. */
export interface PropertyStringOptions {
  /**
   * `true` (the default): the text `print_property_string` writes. `false`: keys in any order, the
   * default key bare or named, booleans and sizes in any accepted spelling.
   */
  readonly canonical?: boolean;
}

/** One generated key: the value to print canonically and one accepted spelling of it as text. */
interface Field {
  readonly value: PropertyValue;
  readonly spelled: string;
}

interface FieldSpec {
  readonly arbitrary: fc.Arbitrary<Field>;
  readonly required?: boolean;
}

const same = (arbitrary: fc.Arbitrary<string | number>): fc.Arbitrary<Field> =>
  arbitrary.map((value) => ({ value, spelled: String(value) }));

const TRUE_SPELLINGS = ['1', 'on', 'yes', 'true', 'ON', 'Yes', 'TRUE'] as const;
const FALSE_SPELLINGS = ['0', 'off', 'no', 'false', 'OFF', 'No', 'False'] as const;

const boolField: fc.Arbitrary<Field> = fc
  .boolean()
  .chain((b) =>
    fc.constantFrom(...(b ? TRUE_SPELLINGS : FALSE_SPELLINGS)).map((spelled) => ({ value: b ? 1 : 0, spelled })),
  );

const UNITS = ['', 'K', 'M', 'G', 'T'] as const;

/** A disk size: bytes for printing, and `<n>[K|M|G|T][iB]` (or plain bytes) as spelled. */
const sizeField: fc.Arbitrary<Field> = fc
  .tuple(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('', 'iB'), fc.boolean())
  .map(([n, unit, suffix, asBytes]) => {
    const bytes = n * 1024 ** unit;
    return { value: bytes, spelled: asBytes ? String(bytes) : `${n}${UNITS[unit] ?? ''}${suffix}` };
  });

const hex2 = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, '0').toUpperCase());

/** A unicast MAC address (I/G bit clear), upper case as Proxmox generates them. */
export function macAddress(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 0, max: 127 }).map((n) => (n * 2).toString(16).padStart(2, '0').toUpperCase()), fc.array(hex2, { minLength: 5, maxLength: 5 }))
    .map(([first, rest]) => [first, ...rest].join(':'));
}

const octet = fc.integer({ min: 0, max: 255 });

/** A dotted-quad IPv4 address. */
export function ipv4Address(): fc.Arbitrary<string> {
  return fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
}

const hex4 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));

/** An IPv6 address, in full or `::`-compressed form. */
export function ipv6Address(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(hex4, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
    fc.tuple(fc.constantFrom('fd00', 'fe80', '2001:db8', 'fc00:1'), fc.array(hex4, { minLength: 1, maxLength: 3 })).map(([p, g]) => `${p}::${g.join(':')}`),
  );
}

const nameChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const word = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(nameChars, { minLength: min, maxLength: max }).map((c) => c.join(''));

const storage = fc.constantFrom('local', 'local-lvm', 'local-zfs', 'rbd', 'nfs.backup', 'ceph_pool1');
const ctid = fc.integer({ min: 100, max: 999999 });

/** A storage volume id (`local-lvm:vm-100-disk-0`, `local:100/vm-100-disk-1.raw`, …). */
export function volumeId(): fc.Arbitrary<string> {
  return fc
    .tuple(storage, ctid, fc.integer({ min: 0, max: 20 }), fc.constantFrom('vm', 'subvol', 'dir'))
    .map(([s, id, n, style]) =>
      style === 'dir' ? `${s}:${id}/vm-${id}-disk-${n}.raw` : `${s}:${style}-${id}-disk-${n}`,
    );
}

/** An absolute path of plain components (no `.`, `..`, commas or spaces). */
export function absolutePath(): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(word(1, 8), fc.constantFrom('srv', 'mnt', 'data', 'var', 'lib', 'my-dir', 'a_b', 'x.y')), { minLength: 1, maxLength: 4 })
    .map((parts) => '/' + parts.join('/'));
}

const devicePath = fc.oneof(
  fc.constantFrom('/dev/ttyUSB0', '/dev/dri/renderD128', '/dev/net/tun', '/dev/fuse', '/dev/kvm', '/dev/sdb1'),
  word(1, 8).map((w) => `/dev/${w}`),
);

const mountOptions = fc
  .subarray(['discard', 'lazytime', 'noatime', 'nodev', 'noexec', 'nosuid'], { minLength: 1 })
  .map((o) => o.join(';'));
const idmapEntry = fc
  .tuple(fc.constantFrom('u', 'g'), fc.nat(65535), fc.nat(200000), fc.integer({ min: 1, max: 65536 }))
  .map((e) => e.join(':'));
const idmap = fc.oneof(fc.constant('passthrough'), fc.array(idmapEntry, { minLength: 1, maxLength: 3 }).map((e) => e.join(';')));

function build(
  format: PropertyStringFormat,
  specs: Readonly<Record<string, FieldSpec>>,
  options: PropertyStringOptions,
  minKeys = 0,
): fc.Arbitrary<string> {
  const keys = Object.keys(specs);
  const defaultKey = keys.find((k) => format[k]?.defaultKey === true);
  const fields = keys.map((k) => {
    const spec = specs[k] as FieldSpec;
    return spec.required === true ? spec.arbitrary : fc.option(spec.arbitrary, { nil: undefined, freq: 2 });
  });
  const present = fc
    .tuple(...fields)
    .map((values) => keys.flatMap((k, i) => (values[i] === undefined ? [] : [[k, values[i]] as const])))
    .filter((entries) => entries.length >= minKeys);
  const text =
    options.canonical === false
      ? present.chain((entries) =>
          fc
            .tuple(fc.shuffledSubarray([...entries], { minLength: entries.length }), fc.boolean())
            .map(([shuffled, bare]) =>
              shuffled.map(([k, f]) => (k === defaultKey && bare ? f.spelled : `${k}=${f.spelled}`)).join(','),
            ),
        )
      : present.map((entries) => {
          const data: Record<string, PropertyValue> = {};
          for (const [k, f] of entries) data[k] = f.value;
          const printed = printPropertyString(format, data);
          return E.isRight(printed) ? printed.right : undefined;
        });
  return text.filter((s): s is string => s !== undefined && E.isRight(parsePropertyString(format, s)));
}

/** A valid `net[n]` value: `name=eth0,bridge=vmbr0,hwaddr=…,ip=…,…`. */
export function netString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  return build(
    netFormat,
    {
      name: { required: true, arbitrary: same(fc.oneof(fc.integer({ min: 0, max: 9 }).map((n) => `eth${n}`), word(1, 8))) },
      bridge: { arbitrary: same(fc.integer({ min: 0, max: 4094 }).map((n) => `vmbr${n}`)) },
      hwaddr: { arbitrary: same(macAddress()) },
      ip: {
        arbitrary: same(
          fc.oneof(
            fc.constantFrom('dhcp', 'manual'),
            fc.tuple(ipv4Address(), fc.integer({ min: 8, max: 32 })).map(([a, p]) => `${a}/${p}`),
          ),
        ),
      },
      gw: { arbitrary: same(ipv4Address()) },
      ip6: {
        arbitrary: same(
          fc.oneof(
            fc.constantFrom('auto', 'dhcp', 'manual'),
            fc.tuple(ipv6Address(), fc.integer({ min: 8, max: 128 })).map(([a, p]) => `${a}/${p}`),
          ),
        ),
      },
      gw6: { arbitrary: same(ipv6Address()) },
      firewall: { arbitrary: boolField },
      tag: { arbitrary: same(fc.integer({ min: 1, max: 4094 })) },
      trunks: { arbitrary: same(fc.array(fc.integer({ min: 1, max: 4094 }), { minLength: 1, maxLength: 4 }).map((t) => t.join(';'))) },
      rate: { arbitrary: same(fc.oneof(fc.integer({ min: 1, max: 10000 }), fc.constantFrom(0.5, 2.5, 12.75))) },
      mtu: { arbitrary: same(fc.integer({ min: 64, max: 65535 })) },
      link_down: { arbitrary: boolField },
      'host-managed': { arbitrary: boolField },
      type: { arbitrary: same(fc.constant('veth')) },
    },
    options,
  );
}

const volumeSpecs = (volume: fc.Arbitrary<string>): Record<string, FieldSpec> => ({
  volume: { required: true, arbitrary: same(volume) },
  size: { arbitrary: sizeField },
  acl: { arbitrary: boolField },
  mountoptions: { arbitrary: same(mountOptions) },
  idmap: { arbitrary: same(idmap) },
  ro: { arbitrary: boolField },
  quota: { arbitrary: boolField },
  replicate: { arbitrary: boolField },
  shared: { arbitrary: boolField },
});

/** A valid `rootfs` value: a storage volume (sometimes a host device) plus options. */
export function rootfsString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  return build(rootfsFormat, volumeSpecs(fc.oneof({ weight: 4, arbitrary: volumeId() }, { weight: 1, arbitrary: devicePath })), options);
}

/** A valid `mp[n]` value: a volume, device or bind mount with its `mp=` path and options. */
export function mountPointString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  return build(
    mountPointFormat,
    {
      ...volumeSpecs(fc.oneof({ weight: 3, arbitrary: volumeId() }, { weight: 2, arbitrary: absolutePath() }, { weight: 1, arbitrary: devicePath })),
      mp: { required: true, arbitrary: same(absolutePath()) },
      backup: { arbitrary: boolField },
      keepattrs: { arbitrary: boolField },
    },
    options,
  );
}

/** A valid `features` value with at least one feature. */
export function featuresString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  return build(
    featuresFormat,
    {
      mount: { arbitrary: same(fc.subarray(['nfs', 'cifs', 'ext4', 'fuse_x'], { minLength: 1 }).map((m) => m.join(';'))) },
      nesting: { arbitrary: boolField },
      keyctl: { arbitrary: boolField },
      fuse: { arbitrary: boolField },
      mknod: { arbitrary: boolField },
      force_rw_sys: { arbitrary: boolField },
    },
    options,
    1,
  );
}

/** A valid `dev[n]` value: a `/dev/` path plus mode, owner and `deny-write`. */
export function deviceString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  return build(
    deviceFormat,
    {
      path: { required: true, arbitrary: same(devicePath) },
      mode: { arbitrary: same(fc.integer({ min: 0, max: 0o777 }).map((m) => '0' + m.toString(8).padStart(3, '0'))) },
      uid: { arbitrary: same(fc.nat(100000)) },
      gid: { arbitrary: same(fc.nat(100000)) },
      'deny-write': { arbitrary: boolField },
    },
    options,
  );
}

/** A valid `unused[n]` value: a volume id (canonical and bare, or as `volume=…`). */
export function unusedString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  return build(unusedFormat, { volume: { required: true, arbitrary: same(volumeId()) } }, options);
}

/**
 * A valid `startup` value. Canonical: `order=N,up=N,down=N` in that order, each part optional (at
 * least one). Otherwise: any order, `order=` sometimes left out.
 */
export function startupString(options: PropertyStringOptions = {}): fc.Arbitrary<string> {
  const n = fc.nat(9999).map(String);
  return fc
    .record(
      { order: fc.option(n, { nil: undefined }), up: fc.option(n, { nil: undefined }), down: fc.option(n, { nil: undefined }) },
    )
    .chain(({ order, up, down }) => {
      const parts: Array<readonly [string, string]> = [];
      if (order !== undefined) parts.push(['order', order]);
      if (up !== undefined) parts.push(['up', up]);
      if (down !== undefined) parts.push(['down', down]);
      if (options.canonical !== false) return fc.constant(parts.map(([k, v]) => `${k}=${v}`).join(','));
      return fc
        .tuple(fc.shuffledSubarray(parts, { minLength: parts.length }), fc.boolean())
        .map(([shuffled, bare]) => shuffled.map(([k, v]) => (k === 'order' && bare ? v : `${k}=${v}`)).join(','));
    })
    .filter((s) => E.isRight(parseStartup(s)));
}

/** The property-string arbitraries by the name of their format (`startup` included). */
export const propertyStringArbitraries = {
  net: netString,
  rootfs: rootfsString,
  mp: mountPointString,
  features: featuresString,
  dev: deviceString,
  unused: unusedString,
  startup: startupString,
} as const satisfies Readonly<Record<string, (options?: PropertyStringOptions) => fc.Arbitrary<string>>>;
