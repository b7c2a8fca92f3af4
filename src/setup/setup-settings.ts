/**
 * The config values the in-container setup looks at (spec §6), read from the main
 * {@link ConfigSection}: hostname, `netN` interfaces, `tty`, `unprivileged`, DNS, timezone and the
 * raw `lxc.idmap` entries (owner of created files, §1.5).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection, ConfigValue } from '../config/model.js';
import { netFormat } from '../schema/formats/net.js';
import { parsePropertyString } from '../schema/property-string.js';
import { splitList } from '../perl/index.js';
import type { DnsSettings, NicAddressing } from './ip-network.js';
import type { Owner } from './plan.js';

/** One `netN` entry with a name, in the shape the network writers use. */
export interface NetInterface extends NicAddressing {
  /** N of `netN`. */
  readonly index: number;
}

/**
 * Host-side DNS defaults, used per value when the config has no `nameserver`/`searchdomain`.
 * Proxmox takes the host's first three `nameserver` lines and the first domain of its last
 * `search`/`domain` line; its test mode uses `8.8.8.8 8.8.8.9` / `proxmox.com`.
 */
export interface HostDns {
  readonly nameservers: readonly string[];
  readonly searchdomains: readonly string[];
}

/** The parsed view of the config that the setup steps use. */
export interface SetupSettings {
  /** `hostname` when set and non-empty. */
  readonly hostname?: string;
  /** Named `netN` interfaces in ascending N. */
  readonly nets: readonly NetInterface[];
  /** `tty` (getty count), default 2. */
  readonly tty: number;
  /** `unprivileged: 1`. */
  readonly unprivileged: boolean;
  /** `timezone`, when set. */
  readonly timezone?: string;
  /** Host-side owner of created files when the container is id-mapped. */
  readonly owner?: Owner;
}

const text = (v: ConfigValue | undefined): string | undefined =>
  v === undefined ? undefined : String(v);

/** Perl truthiness of a config value. */
function truthy(v: ConfigValue | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v !== 0;
}

/**
 * The named `net0`…`net31` interfaces of a section, in ascending index. A value that does not
 * parse as a `net` property string is an error (Proxmox dies in `parse_lxc_network`).
 */
export function netInterfaces(section: ConfigSection): E.Either<string, NetInterface[]> {
  const nets: NetInterface[] = [];
  for (let index = 0; index < 32; index++) {
    const raw = section.values[`net${index}`];
    if (raw === undefined) continue;
    const parsed = parsePropertyString(netFormat, String(raw));
    if (E.isLeft(parsed))
      return E.left(`unable to parse net${index}: ${parsed.left.message.trimEnd()}`);
    const get = (key: string): string | undefined => {
      const v = parsed.right[key];
      return v === undefined ? undefined : String(v);
    };
    const name = get('name');
    if (name === undefined || name === '') continue;
    nets.push({ index, name, ip: get('ip'), gw: get('gw'), ip6: get('ip6'), gw6: get('gw6') });
  }
  return E.right(nets);
}

/**
 * The DNS lookup (§4.3): the config's `nameserver`/`searchdomain` when defined, else the host
 * values; the two fall back independently.
 */
export function dnsSettings(section: ConfigSection, host: HostDns): DnsSettings {
  const ns = text(section.values['nameserver']);
  const search = text(section.values['searchdomain']);
  return {
    nameservers: ns !== undefined ? splitList(ns) : [...host.nameservers],
    searchdomains: search !== undefined ? splitList(search) : [...host.searchdomains],
  };
}

/**
 * The host-side root of an id-mapped container (§1.5): the host ids mapped to container id 0 by
 * raw `lxc.idmap` entries, else 100000/100000 for `unprivileged: 1`, else undefined.
 */
export function idMapOwner(section: ConfigSection): Owner | undefined {
  let uid: number | undefined;
  let gid: number | undefined;
  let mapped = false;
  for (const [key, value] of section.lxc) {
    if (key !== 'lxc.idmap') continue;
    const m = /^([ug])[ \t]+(\d+)[ \t]+(\d+)[ \t]+(\d+)[ \t]*$/.exec(value.trim());
    if (m === null) continue;
    mapped = true;
    if (Number(m[2]) !== 0) continue;
    if (m[1] === 'u') uid = Number(m[3]);
    else gid = Number(m[3]);
  }
  if (mapped) return { uid: uid ?? 0, gid: gid ?? 0 };
  if (truthy(section.values['unprivileged'])) return { uid: 100000, gid: 100000 };
  return undefined;
}

/** Reads the {@link SetupSettings} of a main config section (fails on an unparsable `netN`). */
export function setupSettings(section: ConfigSection): E.Either<string, SetupSettings> {
  const hostname = text(section.values['hostname']);
  const ttyRaw = section.values['tty'];
  const tty = ttyRaw === undefined || !/^\d+$/.test(String(ttyRaw)) ? 2 : Number(ttyRaw);
  const timezone = text(section.values['timezone']);
  const owner = idMapOwner(section);
  const nets = netInterfaces(section);
  if (E.isLeft(nets)) return nets;
  return E.right({
    ...(hostname !== undefined && hostname !== '' ? { hostname } : {}),
    nets: nets.right,
    tty,
    unprivileged: truthy(section.values['unprivileged']),
    ...(timezone !== undefined && timezone !== '' ? { timezone } : {}),
    ...(owner !== undefined ? { owner } : {}),
  });
}
