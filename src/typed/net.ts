/**
 * `net0`…`net31`: a container NIC (`pve-lxc-network`) as a typed value, and its text codec.
 */
import * as t from 'io-ts/lib/index.js';
import { netFormat } from '../schema/formats/net.js';
import { booleanKind, integerKind, integerListKind, ipv4ConfigKind, ipv6ConfigKind, literalKind, numberKind, stringKind } from './field-kinds.js';
import { compileSpec } from './property-object.js';
import { objectCodec } from './object-codec.js';

/**
 * A container NIC, e.g. `{ name: 'eth0', bridge: 'vmbr0', hwaddr: 'BC:24:11:00:00:01',
 * ip: { cidr: '10.0.0.5/24' }, gw: '10.0.0.1', firewall: true }`. Field ↔ Proxmox key:
 * `linkDown` ↔ `link_down`, `hostManaged` ↔ `host-managed`, the others by the same name.
 * `raw` is the text as found when it is not the canonical print (see docs/formats/net.md).
 */
export const NetInterface = t.readonly(
  t.intersection([
    t.type({ name: t.string }),
    t.partial({
      bridge: t.string,
      hwaddr: t.string,
      ip: ipv4ConfigKind.shape,
      gw: t.string,
      ip6: ipv6ConfigKind.shape,
      gw6: t.string,
      firewall: t.boolean,
      tag: t.number,
      trunks: integerListKind.shape,
      rate: t.number,
      mtu: t.number,
      linkDown: t.boolean,
      hostManaged: t.boolean,
      type: t.literal('veth'),
      raw: t.string,
    }),
  ]),
  'NetInterface',
);
/** A container NIC (see {@link NetInterface}). */
export type NetInterface = t.TypeOf<typeof NetInterface>;

/** The `net` format with its typed fields. */
export const netSpec = compileSpec({
  name: 'net',
  format: netFormat,
  fields: [
    { key: 'name', name: 'name', kind: stringKind },
    { key: 'bridge', name: 'bridge', kind: stringKind },
    { key: 'hwaddr', name: 'hwaddr', kind: stringKind },
    { key: 'ip', name: 'ip', kind: ipv4ConfigKind },
    { key: 'gw', name: 'gw', kind: stringKind },
    { key: 'ip6', name: 'ip6', kind: ipv6ConfigKind },
    { key: 'gw6', name: 'gw6', kind: stringKind },
    { key: 'firewall', name: 'firewall', kind: booleanKind },
    { key: 'tag', name: 'tag', kind: integerKind },
    { key: 'trunks', name: 'trunks', kind: integerListKind },
    { key: 'rate', name: 'rate', kind: numberKind },
    { key: 'mtu', name: 'mtu', kind: integerKind },
    { key: 'link_down', name: 'linkDown', kind: booleanKind },
    { key: 'host-managed', name: 'hostManaged', kind: booleanKind },
    { key: 'type', name: 'type', kind: literalKind('veth') },
  ],
});

/** Text codec of a `netN` value: decodes like Proxmox's reader, encodes like `print_property_string`. */
export const netCodec = objectCodec<NetInterface>('NetInterfaceText', netSpec, NetInterface);
