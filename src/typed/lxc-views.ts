/**
 * Structured, read-only views of common raw `lxc.*` pairs: `lxc.idmap`, `lxc.mount.entry` and the
 * cgroup device rules. The pairs stay the source of truth: encoding ignores the views, and a value
 * that does not parse simply has no view entry.
 */
import * as t from 'io-ts/lib/index.js';

/** `lxc.idmap: u 0 100000 65536`: container ids from `container` map to host ids from `host`. */
export const LxcIdmapEntry = t.readonly(
  t.type({
    /** Index of the pair in `pairs`. */
    pair: t.number,
    type: t.union([t.literal('u'), t.literal('g')]),
    container: t.number,
    host: t.number,
    count: t.number,
  }),
  'LxcIdmapEntry',
);
/** One `lxc.idmap` line (see {@link LxcIdmapEntry}). */
export type LxcIdmapEntry = t.TypeOf<typeof LxcIdmapEntry>;

/**
 * `lxc.mount.entry: /dev/net dev/net none bind,create=dir 0 0` (fstab fields): `source`, `target`
 * (relative to the container root), `fstype`, `options` (split on `,`), `dump`, `pass`.
 */
export const LxcMountEntry = t.readonly(
  t.intersection([
    t.type({ pair: t.number, source: t.string, target: t.string, fstype: t.string, options: t.readonlyArray(t.string) }),
    t.partial({ dump: t.string, pass: t.string }),
  ]),
  'LxcMountEntry',
);
/** One `lxc.mount.entry` line (see {@link LxcMountEntry}). */
export type LxcMountEntry = t.TypeOf<typeof LxcMountEntry>;

/**
 * A cgroup device rule, `lxc.cgroup2.devices.allow: c 226:128 rwm` (also `deny`, and the cgroup v1
 * `lxc.cgroup.devices.*` keys): `type` `a` (all), `b` or `c`; `major`/`minor` a number or `'*'`;
 * `access` from `rwm`. `a` alone allows or denies everything.
 */
export const LxcDeviceRule = t.readonly(
  t.intersection([
    t.type({
      pair: t.number,
      cgroup: t.union([t.literal(1), t.literal(2)]),
      allow: t.boolean,
      type: t.union([t.literal('a'), t.literal('b'), t.literal('c')]),
    }),
    t.partial({ major: t.union([t.number, t.literal('*')]), minor: t.union([t.number, t.literal('*')]), access: t.string }),
  ]),
  'LxcDeviceRule',
);
/** One cgroup device rule (see {@link LxcDeviceRule}). */
export type LxcDeviceRule = t.TypeOf<typeof LxcDeviceRule>;

/** The raw `lxc.*` pairs of a section (in file order) with the structured views. */
export const LxcSettings = t.readonly(
  t.type({
    pairs: t.readonlyArray(t.readonly(t.tuple([t.string, t.string]))),
    idmap: t.readonlyArray(LxcIdmapEntry),
    mountEntries: t.readonlyArray(LxcMountEntry),
    deviceRules: t.readonlyArray(LxcDeviceRule),
  }),
  'LxcSettings',
);
/** The raw `lxc.*` pairs of a section with the structured views (see {@link LxcSettings}). */
export type LxcSettings = t.TypeOf<typeof LxcSettings>;

const IDMAP_RE = /^([ug])[ \t]+([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)$/;
const DEVICE_RE = /^([abc])(?:[ \t]+(\*|[0-9]+):(\*|[0-9]+)(?:[ \t]+([rwm]+))?)?$/;
const WS_RE = /[ \t]+/;

function idOrStar(text: string): number | '*' {
  return text === '*' ? '*' : Number(text);
}

/** Builds the views of a section's raw `lxc.*` pairs. */
export function lxcSettings(pairs: ReadonlyArray<readonly [string, string]>): LxcSettings {
  const idmap: LxcIdmapEntry[] = [];
  const mountEntries: LxcMountEntry[] = [];
  const deviceRules: LxcDeviceRule[] = [];
  for (let pair = 0; pair < pairs.length; pair++) {
    const [key, value] = pairs[pair] as readonly [string, string];
    if (key === 'lxc.idmap') {
      const m = IDMAP_RE.exec(value);
      if (m !== null) {
        idmap.push({ pair, type: m[1] as 'u' | 'g', container: Number(m[2]), host: Number(m[3]), count: Number(m[4]) });
      }
    } else if (key === 'lxc.mount.entry') {
      const f = value.split(WS_RE);
      if (f.length >= 4 && f.length <= 6 && f[0] !== '') {
        mountEntries.push({
          pair,
          source: f[0] as string,
          target: f[1] as string,
          fstype: f[2] as string,
          options: (f[3] as string).split(','),
          ...(f[4] !== undefined ? { dump: f[4] } : {}),
          ...(f[5] !== undefined ? { pass: f[5] } : {}),
        });
      }
    } else if (key.startsWith('lxc.cgroup')) {
      const cgroup = key.startsWith('lxc.cgroup2.') ? 2 : key.startsWith('lxc.cgroup.') ? 1 : 0;
      const rule = key.slice(cgroup === 2 ? 12 : 11);
      if (cgroup === 0 || (rule !== 'devices.allow' && rule !== 'devices.deny')) continue;
      const m = DEVICE_RE.exec(value);
      if (m === null) continue;
      deviceRules.push({
        pair,
        cgroup,
        allow: rule === 'devices.allow',
        type: m[1] as 'a' | 'b' | 'c',
        ...(m[2] !== undefined ? { major: idOrStar(m[2]), minor: idOrStar(m[3] as string) } : {}),
        ...(m[4] !== undefined ? { access: m[4] } : {}),
      });
    }
  }
  return { pairs, idmap, mountEntries, deviceRules };
}
