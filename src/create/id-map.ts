/**
 * The id map of a container: which host uid/gid each container id becomes. Proxmox extracts a
 * template inside a user namespace built from this map (`lxc-usernsexec -m u:<ct>:<host>:<len> …`),
 * so the kernel shifts every owner; an offline extractor applies the same map itself.
 */
import type { ConfigSection } from '../config/model.js';
import { isPerlTrue } from '../perl/index.js';
import { valueText } from '../config/writer.js';

/** One range: container ids `ct … ct+length-1` are host ids `host … host+length-1`. */
export interface IdMapRange {
  readonly kind: 'u' | 'g';
  readonly ct: number;
  readonly host: number;
  readonly length: number;
}

/** The ranges in file order; empty for a privileged container (ids are kept as they are). */
export type IdMap = readonly IdMapRange[];

/** Proxmox's default map of an unprivileged container: 0–65535 → 100000–165535. */
export const DEFAULT_ID_MAP: IdMap = [
  { kind: 'u', ct: 0, host: 100000, length: 65536 },
  { kind: 'g', ct: 0, host: 100000, length: 65536 },
];

/**
 * The map of a config section: its raw `lxc.idmap` entries (`u 0 100000 65536`) in file order,
 * else the default map when `unprivileged` is set, else none.
 */
export function idMapOf(section: ConfigSection): IdMap {
  const ranges: IdMapRange[] = [];
  for (const [key, value] of section.lxc) {
    if (key !== 'lxc.idmap') continue;
    const m = /^([ug])[ \t]+(\d+)[ \t]+(\d+)[ \t]+(\d+)[ \t]*$/.exec(value.trim());
    if (m === null) continue;
    ranges.push({
      kind: m[1] as 'u' | 'g',
      ct: Number(m[2]),
      host: Number(m[3]),
      length: Number(m[4]),
    });
  }
  if (ranges.length > 0) return ranges;
  const unpriv = section.values['unprivileged'];
  return unpriv !== undefined && isPerlTrue(valueText(unpriv)) ? DEFAULT_ID_MAP : [];
}

/**
 * The host id of container id `id` (first matching range, as the kernel's map); `id` itself when
 * the map is empty (privileged); `undefined` when no range of that kind covers it.
 */
export function mapId(map: IdMap, kind: 'u' | 'g', id: number): number | undefined {
  if (map.length === 0) return id;
  for (const r of map) {
    if (r.kind === kind && id >= r.ct && id - r.ct < r.length) return r.host + (id - r.ct);
  }
  return undefined;
}

/** The `-m` arguments of `lxc-usernsexec` for a map (`u:0:100000:65536`). */
export function usernsexecArgs(map: IdMap): string[] {
  return map.map((r) => `${r.kind}:${r.ct}:${r.host}:${r.length}`);
}
