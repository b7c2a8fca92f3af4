/**
 * The systemd-networkd writer (`setup_systemd_networkd`, spec §4.16): one
 * `/etc/systemd/network/<name>.network` per named `netN`, fully rewritten each run (files of
 * removed interfaces are never deleted). Used by Ubuntu ≥ 17.10, NixOS, Fedora ≥ 25, Arch and SUSE.
 */
import type { NicAddressing } from './ip-network.js';
import { gatewayInNetwork, isLinkLocal6, parseCidr } from './ip-network.js';
import type { PlanBuilder } from './plan-builder.js';

/** The directory networkd reads `.network` files from. */
export const NETWORKD_DIR = '/etc/systemd/network';

/** The `.network` file text for one interface. */
export function renderNetworkdUnit(nic: NicAddressing): string {
  let text = `[Match]\nName = ${nic.name}\n\n[Network]\nDescription = Interface ${nic.name} autoconfigured by PVE\n`;
  const routes: string[] = [];
  let dhcp4 = false;
  let dhcp6 = false;
  let acceptRa = false;
  const { ip, gw, ip6, gw6 } = nic;
  if (ip !== undefined && ip !== 'dhcp' && ip !== 'manual') text += `Address = ${ip}\n`;
  else if (ip === 'dhcp') dhcp4 = true;
  if (gw !== undefined) {
    text += `Gateway = ${gw}\n`;
    if (ip !== undefined && ip !== 'dhcp' && ip !== 'manual') {
      const cidr = parseCidr(ip, 4);
      if (cidr === undefined || !gatewayInNetwork(cidr, gw))
        routes.push(`\n[Route]\nDestination = ${gw}/32\nScope = link\n`);
    }
  }
  if (ip6 !== undefined && ip6 !== 'auto' && ip6 !== 'dhcp' && ip6 !== 'manual')
    text += `Address = ${ip6}\n`;
  else if (ip6 === 'dhcp') {
    dhcp6 = true;
    acceptRa = true;
  } else if (ip6 === 'auto') acceptRa = true;
  if (gw6 !== undefined) {
    acceptRa = false;
    text += `Gateway = ${gw6}\n`;
    if (ip6 !== undefined && ip6 !== 'auto' && ip6 !== 'dhcp' && ip6 !== 'manual') {
      const cidr = parseCidr(ip6, 6);
      if ((cidr === undefined || !gatewayInNetwork(cidr, gw6)) && !isLinkLocal6(gw6)) {
        routes.push(`\n[Route]\nDestination = ${gw6}/128\nScope = link\n`);
      }
    }
  }
  const dhcp = dhcp4 && dhcp6 ? 'yes' : dhcp4 ? 'ipv4' : dhcp6 ? 'ipv6' : 'no';
  text += `DHCP = ${dhcp}\nIPv6AcceptRA = ${acceptRa ? 'true' : 'false'}\n`;
  return text + routes.join('');
}

/** Writes the `.network` file of every named interface (make_path first, 0644). */
export function setupSystemdNetworkd(b: PlanBuilder, nets: readonly NicAddressing[]): void {
  for (const nic of nets) {
    b.makePath(NETWORKD_DIR, 'systemd-networkd configuration directory');
    b.setContents(
      `${NETWORKD_DIR}/${nic.name}.network`,
      renderNetworkdUnit(nic),
      `systemd-networkd config of ${nic.name}`,
    );
  }
}
