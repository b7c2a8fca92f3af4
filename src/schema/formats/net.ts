/** The `net[n]` property-string format (Proxmox `pve-lxc-network`). */
import type { PropertyStringFormat } from '../property-schema.js';

const NAME_PATTERN = '[-_.A-Za-z0-9]+';

/** `net0`…`net31`: a virtual NIC. `name` is required; there is no default key. */
export const netFormat = {
  name: {
    type: 'string',
    pattern: NAME_PATTERN,
    description: 'Interface name inside the container.',
    formatDescription: 'string',
  },
  bridge: {
    type: 'string',
    pattern: NAME_PATTERN,
    optional: true,
    description: 'Host bridge the NIC is attached to.',
    formatDescription: 'bridge',
  },
  hwaddr: {
    type: 'string',
    format: 'mac-addr',
    optional: true,
    description: 'Unicast MAC address (I/G bit clear).',
    formatDescription: 'XX:XX:XX:XX:XX:XX',
  },
  ip: {
    type: 'string',
    format: 'pve-ipv4-config',
    optional: true,
    description: 'IPv4 address in CIDR form, or dhcp / manual.',
    formatDescription: '(IPv4/CIDR|dhcp|manual)',
  },
  gw: {
    type: 'string',
    format: 'ipv4',
    optional: true,
    description: 'Default IPv4 gateway.',
    formatDescription: 'GatewayIPv4',
  },
  ip6: {
    type: 'string',
    format: 'pve-ipv6-config',
    optional: true,
    description: 'IPv6 address in CIDR form, or auto / dhcp / manual.',
    formatDescription: '(IPv6/CIDR|auto|dhcp|manual)',
  },
  gw6: {
    type: 'string',
    format: 'ipv6',
    optional: true,
    description: 'Default IPv6 gateway.',
    formatDescription: 'GatewayIPv6',
  },
  firewall: {
    type: 'boolean',
    optional: true,
    description: 'Use the host firewall rules on this interface.',
  },
  tag: {
    type: 'integer',
    minimum: 1,
    maximum: 4094,
    optional: true,
    description: 'VLAN tag.',
  },
  trunks: {
    type: 'string',
    pattern: '[0-9]+(?:;[0-9]+)*',
    optional: true,
    description: 'VLAN ids passed through the interface, separated by `;`.',
    formatDescription: 'vlanid[;vlanid...]',
  },
  rate: {
    type: 'number',
    optional: true,
    description: 'Rate limit in MB/s.',
    formatDescription: 'mbps',
  },
  mtu: {
    type: 'integer',
    minimum: 64,
    maximum: 65535,
    optional: true,
    description: 'Maximum transfer unit.',
  },
  link_down: {
    type: 'boolean',
    optional: true,
    description: 'Keep the link down, as if the cable were unplugged.',
  },
  'host-managed': {
    type: 'boolean',
    optional: true,
    description: 'The host configures the interface; the container leaves it alone.',
  },
  type: {
    type: 'string',
    enum: ['veth'],
    optional: true,
    description: 'Network interface type.',
  },
} as const satisfies PropertyStringFormat;
