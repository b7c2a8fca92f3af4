/**
 * NetworkManager keyfiles (spec §5.5, CentOS ≥ 10 and the CentOS dispatcher as reached from Fedora):
 * `/etc/NetworkManager/system-connections/<if>.nmconnection`, mode 0600, no blank lines.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type DnsSettings,
  type NicAddressing,
  gatewayInNetwork,
  isLinkLocal6,
  isStatic4,
  isStatic6,
  nameserversByFamily,
  parseCidrOrError,
} from './ip-network.js';

export const NM_CONNECTIONS_DIR = '/etc/NetworkManager/system-connections';
/** Keyfiles hold secrets in general, so NetworkManager only reads them when private. */
export const NM_CONNECTION_MODE = 0o600;

/** The keyfile path of an interface. */
export function nmConnectionPath(ifname: string): string {
  return `${NM_CONNECTIONS_DIR}/${ifname}.nmconnection`;
}

/** `dns=` / `dns-search=` lines for one family, only when that family has name servers. */
function dnsLines(servers: readonly string[], searchdomains: readonly string[]): string[] {
  if (servers.length === 0) return [];
  const out = [`dns=${servers.join(';')}`];
  if (searchdomains.length > 0) out.push(`dns-search=${searchdomains.join(';')}`);
  return out;
}

/**
 * Renders the keyfile of one interface; `uuid` is the connection UUID (fresh per run in Proxmox).
 * Fails with Proxmox's message when a static address does not parse.
 */
export function renderNmConnection(
  nic: NicAddressing,
  dns: DnsSettings,
  uuid: string,
): E.Either<string, string> {
  const ns = nameserversByFamily(dns.nameservers);
  const lines = [
    '[connection]',
    `id=${nic.name}`,
    `uuid=${uuid}`,
    'type=ethernet',
    `interface-name=${nic.name}`,
    '[ipv4]',
  ];

  if (nic.ip === undefined || nic.ip === 'manual') {
    lines.push('method=disabled');
  } else {
    if (nic.ip === 'dhcp') lines.push('method=auto');
    else if (isStatic4(nic.ip)) {
      const cidr = parseCidrOrError(nic.ip, 4);
      if (E.isLeft(cidr)) return cidr;
      lines.push('method=manual', `addresses=${nic.ip}`);
      if (nic.gw !== undefined) {
        lines.push(`gateway=${nic.gw}`);
        if (!gatewayInNetwork(cidr.right, nic.gw)) lines.push(`routes=${nic.gw}`);
      }
    }
    lines.push(...dnsLines(ns.v4, dns.searchdomains));
  }

  lines.push('[ipv6]');
  if (nic.ip6 === undefined || nic.ip6 === 'manual') {
    lines.push('method=disabled');
  } else {
    if (nic.ip6 === 'auto' || nic.ip6 === 'dhcp') lines.push('method=auto');
    else if (isStatic6(nic.ip6)) {
      const cidr = parseCidrOrError(nic.ip6, 6);
      if (E.isLeft(cidr)) return cidr;
      lines.push('method=manual', `address=${nic.ip6}`);
      if (nic.gw6 !== undefined) {
        if (!gatewayInNetwork(cidr.right, nic.gw6) && !isLinkLocal6(nic.gw6))
          lines.push(`routes=${nic.gw6}`);
        else lines.push(`gateway=${nic.gw6}`);
      }
    }
    lines.push(...dnsLines(ns.v6, dns.searchdomains));
  }

  return E.right(lines.map((l) => l + '\n').join(''));
}
