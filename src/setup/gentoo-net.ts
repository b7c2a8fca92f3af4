/**
 * Gentoo (OpenRC netifrc) files (spec §5.10): the PVE section of `/etc/conf.d/net`, the
 * `/etc/init.d/net.<if>` links, `/etc/inittab` gettys and `/etc/conf.d/hostname`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type NicAddressing, gatewayInNetwork, isStatic4, parseCidrOrError } from './ip-network.js';
import { perlLines } from './marked-section.js';

export const GENTOO_NET_CONF = '/etc/conf.d/net';
export const GENTOO_HOSTNAME_CONF = '/etc/conf.d/hostname';

/** The section data for `/etc/conf.d/net` and the interfaces that need an `net.<if>` link. */
export interface GentooNetConfig {
  /** Data for the PVE section (replace mode), ending with LF. */
  readonly data: string;
  /** Interfaces that got config or route lines, in output order. */
  readonly linkedInterfaces: readonly string[];
}

/**
 * Renders `/etc/conf.d/net`'s PVE section. Interfaces are taken in the given order (Proxmox walks a
 * hash, so its order is not defined; callers pass ascending `netN` index). Reproduces two QUIRKs:
 * `ip6=auto` becomes a config line `auto`, and an IPv6 gateway always gets a host route when `ip6` is
 * set to anything but `dhcp`/`manual` (Proxmox checks IPv6 reachability with the IPv4 routine).
 */
export function renderGentooNet(nics: readonly NicAddressing[]): E.Either<string, GentooNetConfig> {
  let data = 'modules="$modules ifconfig"\n';
  const linked: string[] = [];
  for (const nic of nics) {
    const config: string[] = [];
    const routes: string[] = [];
    let cidr4 = undefined;
    if (nic.ip === 'dhcp') config.push('dhcp');
    else if (isStatic4(nic.ip)) {
      const parsed = parseCidrOrError(nic.ip, 4);
      if (E.isLeft(parsed)) return parsed;
      cidr4 = parsed.right;
      config.push(nic.ip);
    }
    if (nic.gw !== undefined) {
      if (cidr4 !== undefined && !gatewayInNetwork(cidr4, nic.gw))
        routes.push(`-host ${nic.gw} dev ${nic.name}`);
      routes.push(`default gw ${nic.gw}`);
    }
    const ip6Configured = nic.ip6 !== undefined && nic.ip6 !== 'dhcp' && nic.ip6 !== 'manual';
    if (ip6Configured) config.push(nic.ip6 as string);
    if (nic.gw6 !== undefined) {
      if (ip6Configured) routes.push(`-6 -host ${nic.gw6} dev ${nic.name}`);
      routes.push(`-6 default gw ${nic.gw6}`);
    }
    if (config.length > 0) data += `config_${nic.name}="${config.join('\n')}"\n`;
    if (routes.length > 0) data += `routes_${nic.name}="${routes.join('\n')}"\n`;
    if (config.length > 0 || routes.length > 0) linked.push(nic.name);
  }
  return E.right({ data, linkedInterfaces: linked });
}

/** The `/etc/init.d/net.<if>` link path and its (relative) target. */
export function gentooNetLink(ifname: string): { readonly path: string; readonly target: string } {
  return { path: `/etc/init.d/net.${ifname}`, target: 'net.lo' };
}

// `^\s*c?\d+:\d*:[^:]*:.*getty` with Perl's ASCII `\s` (LF cannot occur inside a line).
const GENTOO_GETTY_LINE = /^[ \t\r\f\v]*c?[0-9]+:[0-9]*:[^:\n]*:[^\n]*getty/;

/** `/etc/inittab` for Gentoo: getty lines dropped, `agetty` lines for ttys 1…`ttyCount` appended. */
export function renderGentooInittab(content: string, ttyCount: number): string {
  const kept = perlLines(content).filter((l) => !GENTOO_GETTY_LINE.test(l));
  let out = kept.join('\n') + '\n';
  for (let id = 1; id <= ttyCount; id++) out += `${id}::respawn:/sbin/agetty 38400 tty${id}\n`;
  return out;
}

/** `/etc/conf.d/hostname` for a (short) host name. */
export function renderGentooHostname(namepart: string): string {
  return `hostname="${namepart}"\n`;
}
