/**
 * Id maps at start: the container's own map (`parse_id_maps`: raw `lxc.idmap` lines, else the
 * default 100000/65536 map of an unprivileged container) and a mount point's `idmap` option
 * resolved against it (`resolve_mountpoint_idmap`, spec A.2): the map an idmapped mount applies,
 * from ids on the volume to host ids.
 */
import type { ConfigSection } from '../config/model.js';
import { isPerlTrue } from '../perl/index.js';
import { lxcSettings } from '../typed/lxc-views.js';

/** One id map range: `count` ids from `from` map to ids from `to`. */
export interface IdRange {
  readonly type: 'u' | 'g';
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** The container's id map (container id → host id); empty for a privileged container without one. */
export function containerIdMap(section: ConfigSection): readonly IdRange[] {
  const raw = lxcSettings(section.lxc).idmap.map((e) => ({
    type: e.type,
    from: e.container,
    to: e.host,
    count: e.count,
  }));
  if (raw.length > 0) return raw;
  if (!isPerlTrue(section.values['unprivileged'])) return [];
  return [
    { type: 'u', from: 0, to: 100000, count: 65536 },
    { type: 'g', from: 0, to: 100000, count: 65536 },
  ];
}

/** A container id mapped through the map (the host id a device node is owned by); undefined when unmapped. */
export function mapToHost(
  map: readonly IdRange[],
  type: 'u' | 'g',
  id: number,
): number | undefined {
  for (const r of map)
    if (r.type === type && id >= r.from && id < r.from + r.count) return r.to + (id - r.from);
  return undefined;
}

/** One `idmap` exception of a mount point: container ids from `ct` are disk ids from `disk`. */
export interface IdmapException {
  readonly type: 'u' | 'g';
  readonly ct: number;
  readonly disk: number;
  readonly count: number;
}

/** Two exceptions of one type whose container or disk ranges overlap. */
export interface IdmapOverlap {
  readonly first: IdmapException;
  readonly second: IdmapException;
  readonly side: 'container' | 'disk';
}

/** The first overlap among the exceptions (the check `validate_id_maps` makes), if any. */
export function findIdmapOverlap(exceptions: readonly IdmapException[]): IdmapOverlap | undefined {
  for (let i = 0; i < exceptions.length; i++)
    for (let j = 0; j < i; j++) {
      const a = exceptions[j] as IdmapException;
      const b = exceptions[i] as IdmapException;
      if (a.type !== b.type) continue;
      if (a.ct < b.ct + b.count && b.ct < a.ct + a.count)
        return { first: a, second: b, side: 'container' };
      if (a.disk < b.disk + b.count && b.disk < a.disk + a.count)
        return { first: a, second: b, side: 'disk' };
    }
  return undefined;
}

/**
 * The map of an idmapped mount, disk id → host id, for each chunk of the container map: container
 * ids without an exception keep their host id on both sides (identity on host ids), an exception
 * maps `disk + k` to the host id of container id `ct + k`. With the default map and
 * `u:1000:1000:1`: `u 100000→100000 ×1000, u 1000→101000 ×1, u 101001→101001 ×64535`.
 */
export function resolveMountIdmap(
  map: readonly IdRange[],
  exceptions: readonly IdmapException[],
): readonly IdRange[] {
  const out: IdRange[] = [];
  for (const chunk of map) {
    const end = chunk.from + chunk.count;
    const inside = exceptions
      .filter((e) => e.type === chunk.type && e.ct >= chunk.from && e.ct < end)
      .sort((a, b) => a.ct - b.ct);
    let at = chunk.from;
    const identity = (upTo: number): void => {
      if (upTo > at) {
        const host = chunk.to + (at - chunk.from);
        out.push({ type: chunk.type, from: host, to: host, count: upTo - at });
      }
    };
    for (const e of inside) {
      identity(e.ct);
      const count = Math.min(e.count, end - e.ct);
      out.push({ type: chunk.type, from: e.disk, to: chunk.to + (e.ct - chunk.from), count });
      at = e.ct + count;
    }
    identity(end);
  }
  return out;
}
