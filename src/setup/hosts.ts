/**
 * `/etc/hosts` (spec §4.2) and the template fixup that drops `127.0.1.1 LXC_NAME` lines (§4.14).
 */
import { matchesOutsidePveSections, perlLines } from './marked-section.js';
import type { PlanBuilder } from './plan-builder.js';
import type { NetInterface } from './setup-settings.js';

const HOSTS = '/etc/hosts';

/** The short name: the hostname up to its first dot. */
export function hostnamePart(hostname: string): string {
  const dot = hostname.indexOf('.');
  return dot < 0 ? hostname : hostname.slice(0, dot);
}

/**
 * The names of the host line: `<fqdn> <short>` for a dotted hostname (search domains ignored),
 * else `<name>.<domain>` per search domain followed by `<name>`.
 */
export function hostsNames(hostname: string, searchdomains: readonly string[]): string {
  if (hostname.includes('.')) return `${hostname} ${hostnamePart(hostname)}`;
  return [...searchdomains.map((d) => `${hostname}.${d}`), hostname].join(' ');
}

/** The address for the host line: net0's static `ip`, else its static `ip6`, without prefix. */
export function hostAddress(nets: readonly NetInterface[]): string | undefined {
  const net0 = nets.find((n) => n.index === 0);
  if (net0 === undefined) return undefined;
  const strip = (ip: string): string => ip.replace(/\/.*$/s, '');
  if (net0.ip !== undefined && net0.ip !== 'dhcp' && net0.ip !== 'manual') return strip(net0.ip);
  if (net0.ip6 !== undefined && net0.ip6 !== 'auto' && net0.ip6 !== 'dhcp' && net0.ip6 !== 'manual')
    return strip(net0.ip6);
  return undefined;
}

/**
 * The PVE section of `/etc/hosts`, given the current file content (undefined when it is not a
 * regular file): localhost lines unless present outside PVE sections, then the host line.
 */
export function renderHostsSection(
  existing: string | undefined,
  hostname: string,
  searchdomains: readonly string[],
  address: string | undefined,
): string {
  let section = '';
  // Proxmox looks for the lines in what `remove_pve_sections` leaves.
  const outside = (line: RegExp): boolean =>
    existing !== undefined && matchesOutsidePveSections(existing, line);
  if (!outside(/^[ \t]*127\.0\.0\.1[ \t]+/m)) section += '127.0.0.1 localhost.localnet localhost\n';
  if (!outside(/^[ \t]*::1[ \t]+/m)) section += '::1 localhost.localnet localhost\n';
  const names = hostsNames(hostname, searchdomains);
  if (address !== undefined) section += `${address} ${names}\n`;
  else if (hostnamePart(hostname) !== 'localhost') section += `127.0.1.1 ${names}\n`;
  else section += '127.0.1.1 localhost\n';
  return section;
}

/** Updates the PVE section of `/etc/hosts` (append mode), unless `.pve-ignore.hosts` exists. */
export function updateEtcHosts(
  b: PlanBuilder,
  hostname: string,
  searchdomains: readonly string[],
  nets: readonly NetInterface[],
): void {
  if (b.isIgnored(HOSTS)) return;
  let existing: string | undefined;
  if (b.fileExists(HOSTS)) {
    existing = b.getContents(HOSTS);
    if (existing === undefined) return;
  }
  const section = renderHostsSection(existing, hostname, searchdomains, hostAddress(nets));
  b.modifyFile(HOSTS, section, `hosts entries for ${hostname}`);
}

/** Template fixup: drops `127.0.1.1 LXC_NAME` lines from an existing `/etc/hosts` and rewrites it. */
export function removeLxcNameFromHosts(b: PlanBuilder): void {
  if (b.realPath(HOSTS) === undefined) return;
  const content = b.getContents(HOSTS);
  if (content === undefined) return;
  const kept = perlLines(content).filter((line) => !/^127.0.1.1[\t\n\v\f\r ]+LXC_NAME$/.test(line));
  b.setContents(
    HOSTS,
    kept.join('\n') + '\n',
    'remove the template placeholder LXC_NAME from hosts',
  );
}
