/**
 * SUSE wicked/sysconfig network files (spec §5.8): `/etc/sysconfig/network/ifcfg-<if>` and the route
 * lines for the PVE section of `/etc/sysconfig/network/ifroute-<if>` (prepend mode).
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type NicAddressing,
  gatewayInNetwork,
  isLinkLocal6,
  isStatic4,
  isStatic6,
  parseCidrOrError,
} from './ip-network.js';

export const SUSE_NETWORK_DIR = '/etc/sysconfig/network';

/** What the SUSE writer produces for one interface; `undefined` when the interface is skipped. */
export interface SuseIfcfgFiles {
  /** Content of `ifcfg-<if>`. */
  readonly ifcfg: string;
  /** Lines for the PVE section of `ifroute-<if>` (empty: the section is removed). */
  readonly routes: readonly string[];
}

/**
 * Renders `ifcfg-<if>` and the route lines of one interface. Returns `undefined` when the interface
 * is configured but has neither an address nor DHCP (e.g. `ip6=auto` alone): Proxmox then writes
 * neither file. Fails with Proxmox's message when a static address does not parse.
 */
export function renderSuseIfcfg(nic: NicAddressing): E.Either<string, SuseIfcfgFiles | undefined> {
  const configured =
    (nic.ip !== undefined && nic.ip !== 'manual') ||
    (nic.ip6 !== undefined && nic.ip6 !== 'manual');
  const addresses: string[] = [];
  const routes: string[] = [];
  let dhcp4 = false;
  let dhcp6 = false;

  if (nic.ip === 'dhcp') dhcp4 = true;
  else if (isStatic4(nic.ip)) {
    const cidr = parseCidrOrError(nic.ip, 4);
    if (E.isLeft(cidr)) return cidr;
    addresses.push(nic.ip);
    if (nic.gw !== undefined) {
      if (!gatewayInNetwork(cidr.right, nic.gw))
        routes.push(`${nic.gw} 0.0.0.0 255.255.255.255 ${nic.name}`);
      routes.push(`default ${nic.gw} 0.0.0.0 ${nic.name}`);
    }
  }

  if (nic.ip6 === 'dhcp') dhcp6 = true;
  else if (isStatic6(nic.ip6)) {
    const cidr = parseCidrOrError(nic.ip6, 6);
    if (E.isLeft(cidr)) return cidr;
    addresses.push(nic.ip6);
    if (nic.gw6 !== undefined) {
      if (!gatewayInNetwork(cidr.right, nic.gw6) && !isLinkLocal6(nic.gw6)) {
        routes.push(`${nic.gw6}/128 - - ${nic.name}`);
      }
      routes.push(`default ${nic.gw6} - ${nic.name}`);
    }
  }

  let addressLines: string[];
  if (addresses.length >= 2) addressLines = addresses.map((a, i) => `IPADDR_${i + 1}=${a}`);
  else if (addresses.length === 1) addressLines = [`IPADDR=${addresses[0] as string}`];
  else if (configured && !dhcp4 && !dhcp6) return E.right(undefined);
  else addressLines = [];

  const bootproto = dhcp4 && dhcp6 ? 'dhcp' : dhcp4 ? 'dhcp4' : dhcp6 ? 'dhcp6' : 'static';
  const lines = [
    `STARTMODE=${configured ? 'onboot' : 'manual'}`,
    `BOOTPROTO=${bootproto}`,
    ...addressLines,
  ];
  return E.right({ ifcfg: lines.map((l) => l + '\n').join(''), routes });
}
