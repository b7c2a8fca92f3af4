/**
 * fast-check arbitraries for VALID container config files as text: every line is one Proxmox reads
 * without an error or a warning — schema keys with values that pass the reader's checks (property
 * strings from {@link netString} and friends), accepted `lxc.*` lines, `#` description comments, a
 * `[pve:pending]` section with a `delete:` list and snapshot sections with `snaptime`/`parent`.
 * (`configText()` in `arbitraries.ts` is the other kind: realistic files including broken lines.)
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { readConfig } from '../config/reader.js';
import { writeConfig } from '../config/writer.js';
import {
  deviceString,
  featuresString,
  ipv4Address,
  mountPointString,
  netString,
  rootfsString,
  startupString,
  unusedString,
} from './property-strings.js';
import type { PropertyStringOptions } from './property-strings.js';

/** Options of {@link validConfigText}. */
export interface ValidConfigOptions {
  /**
   * `true`: the text is what Proxmox's writer stores (`writeConfig(readConfig(text).config)` is the
   * text itself). `false` (the default): keys in any order, comments between them, booleans as
   * `yes`/`on`, property strings in any accepted spelling — the files people write by hand.
   */
  readonly canonical?: boolean;
  /** Include a `[pve:pending]` section sometimes (default true). */
  readonly pending?: boolean;
  /** Most snapshot sections (default 3; 0 for none). */
  readonly maxSnapshots?: number;
}

const word = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), { minLength: 1, maxLength: 8 })
  .map((c) => c.join(''));
const label = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), fc.option(word, { nil: undefined })).map(([a, b]) => a + (b ?? ''));
const dnsName = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));

/** A boolean in one of the spellings the reader accepts (it stores 0/1). */
const bool = (canonical: boolean): fc.Arbitrary<string> =>
  canonical ? fc.constantFrom('0', '1') : fc.constantFrom('0', '1', 'yes', 'no', 'on', 'off', 'true', 'false');

/** Values of the non-indexed keys that may appear in any section. */
function simpleValues(canonical: boolean, property: PropertyStringOptions): Record<string, fc.Arbitrary<string>> {
  return {
    arch: fc.constantFrom('amd64', 'i386', 'arm64', 'armhf', 'riscv32', 'riscv64'),
    cmode: fc.constantFrom('shell', 'console', 'tty'),
    console: bool(canonical),
    cores: fc.integer({ min: 1, max: 128 }).map(String),
    cpulimit: fc.oneof(fc.integer({ min: 0, max: 128 }).map(String), fc.constantFrom('0.5', '1.5', '2.25')),
    cpuunits: fc.integer({ min: 1, max: 10000 }).map(String),
    debug: bool(canonical),
    features: featuresString(property),
    hookscript: fc.constantFrom('local:snippets/hook.pl', 'nfs.share:snippets/x.sh'),
    hostname: dnsName,
    memory: fc.integer({ min: 16, max: 262144 }).map(String),
    nameserver: fc.array(ipv4Address(), { minLength: 1, maxLength: 3 }).map((a) => a.join(' ')),
    onboot: bool(canonical),
    ostype: fc.constantFrom('debian', 'devuan', 'ubuntu', 'centos', 'fedora', 'opensuse', 'archlinux', 'alpine', 'gentoo', 'nixos', 'unmanaged'),
    protection: bool(canonical),
    rootfs: rootfsString(property),
    searchdomain: fc.array(dnsName, { minLength: 1, maxLength: 2 }).map((d) => d.join(' ')),
    startup: startupString(property),
    swap: fc.integer({ min: 0, max: 65536 }).map(String),
    tags: fc.array(word, { minLength: 1, maxLength: 3 }).map((t) => t.join(';')),
    template: bool(canonical),
    timezone: fc.constantFrom('host', 'UTC', 'Europe/Vienna', 'America/New_York'),
    tty: fc.integer({ min: 0, max: 6 }).map(String),
    unprivileged: bool(canonical),
  };
}

/** Indexed key families: the value arbitrary and the highest index used. */
function indexedValues(property: PropertyStringOptions): Record<string, readonly [fc.Arbitrary<string>, number]> {
  return {
    net: [netString(property), 31],
    mp: [mountPointString(property), 255],
    dev: [deviceString(property), 255],
    unused: [unusedString(property), 255],
  };
}

const LXC_LINES = [
  ['lxc.apparmor.profile', 'unconfined'],
  ['lxc.cgroup2.devices.allow', 'c 10:200 rwm'],
  ['lxc.cgroup2.devices.allow', 'c 226:* rwm'],
  ['lxc.mount.entry', '/dev/net dev/net none bind,create=dir'],
  ['lxc.mount.entry', '/srv/data srv/data none bind 0 0'],
  ['lxc.cap.drop', ''],
  ['lxc.idmap', 'u 0 100000 65536'],
  ['lxc.idmap', 'g 0 100000 65536'],
  ['lxc.prlimit.nofile', '65536'],
  ['lxc.environment', 'TERM=xterm'],
  ['lxc.environment.runtime', 'A=1'],
  ['lxc.environment.runtime', 'PATH=/usr/bin'],
  ['lxc.net.0.type', 'veth'],
  ['lxc.sysctl.kernel.msgmax', '65536'],
] as const;

/** An accepted `lxc.*` line, in `:` or `=` form. */
function lxcLine(canonical: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...LXC_LINES), canonical ? fc.constant(':') : fc.constantFrom(':', '='))
    .map(([[key, value], sep]) => (sep === ':' ? `${key}: ${value}` : `${key} = ${value}`).trimEnd());
}

/** A description comment line (`#` and text; the text avoids `%` so it decodes to itself). */
const commentLine = fc
  .oneof(
    fc.constantFrom('', ' web server', ' managed by pctkit', ' ä € 😀', ' owner: ops', '\ttabbed'),
    fc.string({ maxLength: 24 }).filter((s) => !/[\n\r%]/.test(s) && s.trim() === s && s !== ''),
  )
  .map((t) => `#${t}`);

const snapshotName = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-'.split('')), { minLength: 1, maxLength: 12 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((name) => name !== 'pve');

interface SectionOptions {
  readonly canonical: boolean;
  readonly property: PropertyStringOptions;
  /** `key: value` lines that must be there (snaptime, parent). */
  readonly fixed: readonly string[];
  readonly maxKeys: number;
}

/** One section's lines: comments, keys (each at most once), lxc lines; shuffled unless canonical. */
function sectionLines(options: SectionOptions): fc.Arbitrary<string[]> {
  const simple = simpleValues(options.canonical, options.property);
  const indexed = indexedValues(options.property);
  const simpleLines = fc
    .shuffledSubarray(Object.keys(simple), { maxLength: options.maxKeys })
    .chain((keys) => fc.tuple(...keys.map((k) => (simple[k] as fc.Arbitrary<string>).map((v) => `${k}: ${v}`))));
  const indexedLines = fc
    .uniqueArray(
      fc.tuple(fc.constantFrom(...Object.keys(indexed)), fc.nat(3)).map(([family, n]) => {
        const [, max] = indexed[family] as readonly [fc.Arbitrary<string>, number];
        return [family, Math.min(n, max)] as const;
      }),
      { maxLength: 5, selector: ([family, n]) => `${family}${n}` },
    )
    .chain((keys) => fc.tuple(...keys.map(([family, n]) => (indexed[family] as readonly [fc.Arbitrary<string>, number])[0].map((v) => `${family}${n}: ${v}`))));
  return fc
    .tuple(fc.array(commentLine, { maxLength: 3 }), simpleLines, indexedLines, fc.array(lxcLine(options.canonical), { maxLength: 3 }))
    .chain(([comments, keys, indexedKeys, lxc]) => {
      const body = [...options.fixed, ...keys, ...indexedKeys];
      if (options.canonical) return fc.constant([...comments, ...body, ...lxc]);
      // Hand-written order: comments and keys mixed; lxc lines anywhere after the comments too.
      return fc.shuffledSubarray([...body, ...lxc, ...comments], { minLength: body.length + lxc.length + comments.length });
    });
}

/**
 * A valid config file as text: a main section, sometimes `[pve:pending]` (keys and a `delete:`
 * list), and snapshot sections each with `snaptime` and, for the later ones, `parent`. Reading it
 * gives no error and no warning diagnostic. With `{ canonical: true }` the text is exactly what
 * Proxmox's writer stores, so `assertCanonical` holds for it.
 */
export function validConfigText(options: ValidConfigOptions = {}): fc.Arbitrary<string> {
  const canonical = options.canonical === true;
  const property: PropertyStringOptions = { canonical };
  const maxSnapshots = options.maxSnapshots ?? 3;
  const pendingDelete = fc
    .subarray(['swap', 'cores', 'mp0', 'net1', 'nameserver', 'searchdomain', 'description'], { minLength: 1, maxLength: 3 })
    .chain((keys) => fc.tuple(fc.constant(keys), fc.boolean(), fc.constantFrom(',', ';')))
    .map(([keys, force, sep]) => `delete: ${(force ? ['!' + (keys[0] as string), ...keys.slice(1)] : keys).join(sep)}`);
  const pending = options.pending === false
    ? fc.constant(undefined)
    : fc.option(
        fc
          .tuple(sectionLines({ canonical, property, fixed: [], maxKeys: 3 }), fc.option(pendingDelete, { nil: undefined }))
          .map(([lines, del]) => (del === undefined ? lines : [...lines, del]))
          .filter((lines) => lines.length > 0),
        { nil: undefined },
      );
  const snapshots = fc
    .uniqueArray(snapshotName, { maxLength: maxSnapshots })
    .chain((names) =>
      fc.tuple(
        ...names.map((name, i) =>
          fc
            .integer({ min: 1_500_000_000, max: 1_900_000_000 })
            .chain((time) => {
              const fixed = [`snaptime: ${time}`, ...(i > 0 ? [`parent: ${names[i - 1] as string}`] : [])];
              return sectionLines({ canonical, property, fixed, maxKeys: 4 }).map((lines) => [name, lines] as const);
            }),
        ),
      ),
    );
  const main = sectionLines({ canonical, property, fixed: [], maxKeys: 8 });
  const text = fc.tuple(main, pending, snapshots).map(([mainLines, pendingLines, snaps]) => {
    const names = snaps.map(([name]) => name);
    const parent = names.length > 0 ? [`parent: ${names[names.length - 1] as string}`] : [];
    const lines = [...mainLines, ...parent];
    if (pendingLines !== undefined) lines.push('', '[pve:pending]', ...pendingLines);
    for (const [name, body] of snaps) lines.push('', `[${name}]`, ...body);
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  });
  if (!canonical) return text;
  return text
    .map((t) => {
      const written = writeConfig(readConfig(t).config);
      return E.isRight(written) ? written.right : undefined;
    })
    .filter((t): t is string => t !== undefined);
}
