/**
 * The network lines (spec A.1 row 21): one veth per `netN`, keys sorted as strings (`net0`,
 * `net1`, `net10`, `net2`), its MTU (the NIC's or the bridge's), and, for host-managed interfaces
 * that are up, the addresses LXC configures itself. Bridge, VLAN, firewall and rate are applied by
 * `lxcnetaddbr` when the interface comes up, from the PVE config, so they are not in this file.
 */
import type { ConfigSection, ConfigValue } from '../config/model.js';
import { netFormat } from '../schema/formats/net.js';
import { isPerlTrue } from '../perl/index.js';
import type { RandomSource } from '../random/random-source.js';
import { randomMacAddress } from '../ops/mac-address.js';
import type { HostFacts } from './host-facts.js';
import { ownValue } from './host-facts.js';
import { sectionProperty } from './lxc-features.js';
import type { LxcLines } from './lxc-lines.js';
import { numify } from './perl-numbers.js';
import type { LxcConfigDiagnostic } from './start-diagnostics.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { startError, stop } from './start-diagnostics.js';

const NET_KEY = /^net(\d+)$/;

/** The `netN` keys sorted as Perl's `sort` sorts them (as strings). */
export function netKeys(values: Readonly<Record<string, ConfigValue>>): string[] {
  return Object.keys(values)
    .filter((key) => NET_KEY.test(key))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Options of the network lines. */
export interface NetworkOptions {
  readonly vmid: number;
  readonly lxcMajor: number;
  readonly random: RandomSource;
  /** The datacenter's `mac_prefix` for NICs without `hwaddr`. */
  readonly macPrefix?: string;
}

/** Adds the lines of every `netN`, or stops with Proxmox's error for the first bad one. */
export function addNetworkLines(
  lines: LxcLines,
  notes: LxcConfigDiagnostic[],
  section: ConfigSection,
  facts: HostFacts,
  options: NetworkOptions,
): void {
  for (const key of netKeys(section.values)) {
    const index = (NET_KEY.exec(key) as RegExpExecArray)[1] as string;
    const net = sectionProperty(section, key, netFormat);
    const prefix = `lxc.net.${index}`;
    lines.add(`${prefix}.type`, 'veth');
    lines.add(`${prefix}.veth.pair`, `veth${options.vmid}i${index}`);
    let hwaddr = net['hwaddr'];
    if (hwaddr === undefined) {
      // Proxmox draws a fresh address (and does not store it): a start-time MAC is never stable.
      hwaddr = randomMacAddress(options.random, options.macPrefix);
      notes.push(
        diagnostic(
          'notice',
          'LXC_RANDOM_HWADDR',
          `${key} has no hwaddr: the interface gets the random address ${hwaddr} for this start only`,
          {
            path: `${key}.hwaddr`,
          },
        ),
      );
    }
    lines.add(`${prefix}.hwaddr`, String(hwaddr), `${key}.hwaddr`);
    if (net['name'] !== undefined) lines.add(`${prefix}.name`, String(net['name']), `${key}.name`);

    const bridge = net['bridge'] === undefined ? '' : String(net['bridge']);
    const bridgeMtu = ownValue(facts.bridgeMtu, bridge);
    if (bridgeMtu === undefined)
      stop(
        startError('LXC_BRIDGE_MISSING', `bridge '${bridge}' does not exist\n`, {
          path: `${key}.bridge`,
        }),
      );
    const mtu = net['mtu'];
    if (isPerlTrue(mtu) && numify(mtu as ConfigValue) > bridgeMtu) {
      stop(
        startError(
          'LXC_MTU_TOO_BIG',
          `${key}: MTU size '${String(mtu)}' is bigger than bridge MTU '${bridgeMtu}'\n`,
          { path: `${key}.mtu` },
        ),
      );
    }
    lines.add(`${prefix}.mtu`, mtu === undefined ? String(bridgeMtu) : String(mtu), `${key}.mtu`);
    if (options.lxcMajor >= 4) lines.add(`${prefix}.script.up`, '/usr/share/lxc/lxcnetaddbr');

    if (!isPerlTrue(net['host-managed']) || isPerlTrue(net['link_down'])) continue;
    const ip = net['ip'];
    if (ip !== undefined && ip !== 'dhcp' && ip !== 'manual')
      lines.add(`${prefix}.ipv4.address`, String(ip), `${key}.ip`);
    if (net['gw'] !== undefined)
      lines.add(`${prefix}.ipv4.gateway`, String(net['gw']), `${key}.gw`);
    const ip6 = net['ip6'];
    if (ip6 === 'auto') {
      stop(
        startError(
          'LXC_SLAAC_HOST_MANAGED',
          `${key}: SLAAC is not supported for host-managed network configuration\n`,
          { path: `${key}.ip6` },
        ),
      );
    }
    if (ip6 !== undefined && ip6 !== 'dhcp' && ip6 !== 'manual')
      lines.add(`${prefix}.ipv6.address`, String(ip6), `${key}.ip6`);
    if (net['gw6'] !== undefined)
      lines.add(`${prefix}.ipv6.gateway`, String(net['gw6']), `${key}.gw6`);
    lines.add(`${prefix}.flags`, 'up');
  }
}
