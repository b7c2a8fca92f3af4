/**
 * RHEL network-scripts (spec §5.5, CentOS < 10): `/etc/sysconfig/network-scripts/ifcfg-<if>`, the
 * route lines for `route-<if>` / `route6-<if>` (written as a PVE section, prepend mode), and the
 * `NETWORKING=` / `NETWORKING_IPV6=` / `HOSTNAME=` edits of `/etc/sysconfig/network`.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type DnsSettings,
  type NicAddressing,
  dottedNetmask,
  gatewayInNetwork,
  isLinkLocal6,
  isStatic4,
  isStatic6,
  parseCidrOrError,
} from './ip-network.js';

export const NETWORK_SCRIPTS_DIR = '/etc/sysconfig/network-scripts';
export const SYSCONFIG_NETWORK = '/etc/sysconfig/network';

/** What the network-scripts writer produces for one interface. */
export interface IfcfgFiles {
  /** Content of `ifcfg-<if>`, or undefined when the interface is skipped (no BOOTPROTO, no data). */
  readonly ifcfg: string | undefined;
  /** Lines for the PVE section of `route-<if>` (empty: the section is removed). */
  readonly routes: readonly string[];
  /** Lines for the PVE section of `route6-<if>`. */
  readonly routes6: readonly string[];
}

/** The BOOTPROTO value: `dhcp`, `none` for static v4 or a configured v6, else empty. */
function bootProto(nic: NicAddressing): string {
  if (nic.ip === 'dhcp') return 'dhcp';
  if (isStatic4(nic.ip)) return 'none';
  if (nic.ip6 !== undefined && nic.ip6 !== 'manual') return 'none';
  return '';
}

/**
 * Renders `ifcfg-<if>` and the route lines for one interface. `uuid` is the connection UUID (a fresh
 * one per run in Proxmox). Fails with Proxmox's message when a static address does not parse.
 */
export function renderIfcfg(
  nic: NicAddressing,
  dns: DnsSettings,
  uuid: string,
): E.Either<string, IfcfgFiles> {
  const data: string[] = [];
  const routes: string[] = [];
  const routes6: string[] = [];
  const name = nic.name;

  if (isStatic4(nic.ip)) {
    const cidr = parseCidrOrError(nic.ip, 4);
    if (E.isLeft(cidr)) return cidr;
    data.push(`IPADDR=${cidr.right.address}`, `NETMASK=${dottedNetmask(cidr.right.prefix)}`);
    if (nic.gw !== undefined) {
      data.push(`GATEWAY=${nic.gw}`);
      if (!gatewayInNetwork(cidr.right, nic.gw)) {
        routes.push(`${nic.gw} dev ${name}`, `default via ${nic.gw} dev ${name}`);
      }
    }
  }

  if (nic.ip6 !== undefined && nic.ip6 !== 'manual') {
    data.push('IPV6INIT=yes');
    if (nic.ip6 === 'auto') data.push('IPV6_AUTOCONF=yes');
    else if (nic.ip6 === 'dhcp') data.push('DHCPV6C=yes');
    else if (isStatic6(nic.ip6)) {
      const cidr = parseCidrOrError(nic.ip6, 6);
      if (E.isLeft(cidr)) return cidr;
      data.push(`IPV6ADDR=${nic.ip6}`, 'IPV6_AUTOCONF=no');
      if (nic.gw6 !== undefined) {
        if (!gatewayInNetwork(cidr.right, nic.gw6) && !isLinkLocal6(nic.gw6)) {
          routes6.push(`${nic.gw6} dev ${name}`, `default via ${nic.gw6} dev ${name}`);
        } else {
          data.push(`IPV6_DEFAULTGW=${nic.gw6}`);
        }
      }
    }
  }

  dns.nameservers.forEach((ns, i) => data.push(`DNS${i + 1}=${ns}`));
  if (dns.searchdomains.length > 0) data.push(`DOMAIN=${dns.searchdomains.join(' ')}`);

  const proto = bootProto(nic);
  if (data.length === 0 && proto === '')
    return E.right({ ifcfg: undefined, routes: [], routes6: [] });

  const head = [`DEVICE=${name}`, 'ONBOOT=yes', `UUID=${uuid}`, `BOOTPROTO=${proto}`];
  const ifcfg = [...head, ...data].map((l) => l + '\n').join('');
  return E.right({ ifcfg, routes, routes6 });
}

/** The data string handed to the section editor for a list of lines (one LF each). */
export function sectionData(lines: readonly string[]): string {
  return lines.map((l) => l + '\n').join('');
}

// Perl's `^`/`$` under /m and its byte-string `\s`: only LF ends a line, only ASCII is whitespace.
const BOL = '(?<![^\\n])';
const EOL = '(?![^\\n])';
const NON_SPACE = '[^ \\t\\n\\r\\f\\v]';

/** Sets `KEY=yes`: replaces the first `KEY=<non-space>` at a line start, else appends a line. */
function setYes(content: string, key: string): string {
  const re = new RegExp(`${BOL}${key}=${NON_SPACE}+`);
  if (re.test(content)) return content.replace(re, () => `${key}=yes`);
  return content + `${key}=yes\n`;
}

/**
 * The `/etc/sysconfig/network` rewrite after the interfaces were written: `NETWORKING=yes` when some
 * interface has `ip` set (any value), `NETWORKING_IPV6=yes` when some interface has `ip6` set.
 */
export function updateSysconfigNetworking(
  content: string,
  flags: { readonly ipv4: boolean; readonly ipv6: boolean },
): string {
  let out = content;
  if (flags.ipv4) out = setYes(out, 'NETWORKING');
  if (flags.ipv6) out = setYes(out, 'NETWORKING_IPV6');
  return out;
}

/**
 * The `/etc/sysconfig/network` hostname edit (CentOS family set_hostname): the first line
 * `HOSTNAME=<value>` (horizontal whitespace around the value allowed) becomes `HOSTNAME=<hostname>`;
 * without such a line `HOSTNAME=<hostname>\n` is appended (no check for a missing final LF).
 */
export function setSysconfigHostname(content: string, hostname: string): string {
  const re = new RegExp(`${BOL}HOSTNAME=[ \\t]*${NON_SPACE}+[ \\t]*${EOL}`);
  if (re.test(content)) return content.replace(re, () => `HOSTNAME=${hostname}`);
  return content + `HOSTNAME=${hostname}\n`;
}
