/**
 * `/etc/network/interfaces` for the Debian family and Alpine (spec §5.1 setup_network): the
 * interface model built from the `netN` entries, the stanza printer, and the merge into an
 * existing file (existing stanzas keep their positions, their managed attributes are rewritten,
 * new stanzas are appended in byte-wise sorted name order, `auto lo` is prepended when missing).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { IpCidr } from './ip-network.js';
import { dottedNetmask, gatewayInNetwork, isLinkLocal6, parseCidr } from './ip-network.js';
import type { NetInterface } from './setup-settings.js';

/** The addressing of one family of one interface: a mode keyword or a static address. */
export type FamilyConfig =
  | { readonly mode: string }
  | { readonly address: string; readonly netmask: string; readonly cidr: string };

/** What the model holds for one interface name. */
export interface InterfaceModel {
  readonly ip?: FamilyConfig;
  readonly gw?: string;
  readonly needsRoute: boolean;
  readonly ip6?: FamilyConfig;
  readonly gw6?: string;
  readonly needsRoute6: boolean;
}

/** `address <cidr>` (Debian ≥ 10, Alpine ≥ 3.13) or `address` + `netmask` (everything else). */
export type AddressStyle = 'cidr' | 'netmask';

/**
 * Builds the model from the named interfaces (later duplicates of a name overwrite earlier ones;
 * Proxmox's order there is hash order). Interfaces with none of ip/gw/ip6/gw6 are left out.
 */
export function interfaceModel(
  nets: readonly NetInterface[],
): E.Either<string, ReadonlyMap<string, InterfaceModel>> {
  const model = new Map<string, InterfaceModel>();
  for (const net of nets) {
    if (
      net.ip === undefined &&
      net.gw === undefined &&
      net.ip6 === undefined &&
      net.gw6 === undefined
    )
      continue;
    let ip: FamilyConfig | undefined;
    let cidr4: IpCidr | undefined;
    if (net.ip === 'dhcp' || net.ip === 'manual') ip = { mode: net.ip };
    else if (net.ip !== undefined) {
      cidr4 = parseCidr(net.ip, 4);
      if (cidr4 === undefined || cidr4.prefix < 8)
        return E.left('unable to parse ipv4 address/mask');
      ip = { address: cidr4.address, netmask: dottedNetmask(cidr4.prefix), cidr: net.ip };
    }
    let ip6: FamilyConfig | undefined;
    let cidr6: IpCidr | undefined;
    if (net.ip6 === 'auto' || net.ip6 === 'dhcp' || net.ip6 === 'manual') ip6 = { mode: net.ip6 };
    else if (net.ip6 !== undefined) {
      cidr6 = parseCidr(net.ip6, 6);
      if (cidr6 === undefined) return E.left('unable to parse ipv6 address/prefix');
      ip6 = { address: cidr6.address, netmask: String(cidr6.prefix), cidr: net.ip6 };
    }
    const needsRoute =
      net.gw !== undefined && cidr4 !== undefined && !gatewayInNetwork(cidr4, net.gw);
    const needsRoute6 =
      net.gw6 !== undefined &&
      cidr6 !== undefined &&
      !gatewayInNetwork(cidr6, net.gw6) &&
      !isLinkLocal6(net.gw6);
    model.set(net.name, {
      ...(ip !== undefined ? { ip } : {}),
      ...(net.gw !== undefined ? { gw: net.gw } : {}),
      needsRoute,
      ...(ip6 !== undefined ? { ip6 } : {}),
      ...(net.gw6 !== undefined ? { gw6: net.gw6 } : {}),
      needsRoute6,
    });
  }
  return E.right(model);
}

const HEAD = '# --- BEGIN PVE ---';
const TAIL = '# --- END PVE ---';

const LEGACY = [
  /^post-up[\t\n\v\f\r ]+ip[\t\n\v\f\r ]+route[\t\n\v\f\r ]+add[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)[\t\n\v\f\r ]+dev[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)$/,
  /^post-up[\t\n\v\f\r ]+ip[\t\n\v\f\r ]+route[\t\n\v\f\r ]+add[\t\n\v\f\r ]+default[\t\n\v\f\r ]+via[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)[\t\n\v\f\r ]+dev[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)$/,
  /^pre-down[\t\n\v\f\r ]+ip[\t\n\v\f\r ]+route[\t\n\v\f\r ]+del[\t\n\v\f\r ]+default[\t\n\v\f\r ]+via[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)[\t\n\v\f\r ]+dev[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)$/,
  /^pre-down[\t\n\v\f\r ]+ip[\t\n\v\f\r ]+route[\t\n\v\f\r ]+del[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)[\t\n\v\f\r ]+dev[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)$/,
];

/**
 * Drops the managed route lines from a stanza's attributes: a marked block when there is one,
 * else every run of the four legacy route lines with the same gateway and device.
 */
export function cleanAttributes(attrs: readonly string[]): string[] {
  if (attrs.some((a) => a === HEAD || a === TAIL)) {
    const kept: string[] = [];
    let inside = false;
    for (const a of attrs) {
      if (a === HEAD) inside = true;
      else if (a === TAIL) inside = false;
      else if (!inside) kept.push(a);
    }
    return kept;
  }
  const kept: string[] = [];
  for (let i = 0; i < attrs.length; i++) {
    const run = attrs.slice(i, i + 4).map((a, k) => (LEGACY[k] as RegExp).exec(a));
    if (run.length === 4 && run.every((m) => m !== null)) {
      const [gw, dev] = [run[0]?.[1], run[0]?.[2]];
      if (run.every((m) => m?.[1] === gw && m?.[2] === dev)) {
        i += 3;
        continue;
      }
    }
    kept.push(attrs[i] as string);
  }
  return kept;
}

function routeBlock(gw: string, ifname: string): string {
  return (
    `${HEAD}\n` +
    `\tpost-up ip route add ${gw} dev ${ifname}\n` +
    `\tpost-up ip route add default via ${gw} dev ${ifname}\n` +
    `\tpre-down ip route del default via ${gw} dev ${ifname}\n` +
    `\tpre-down ip route del ${gw} dev ${ifname}\n` +
    `${TAIL}\n`
  );
}

type Family = 4 | 6;

class InterfacesPrinter {
  readonly autoSeen = new Set<string>();
  private readonly done = new Set<string>();

  constructor(
    private readonly model: ReadonlyMap<string, InterfaceModel>,
    private readonly style: AddressStyle,
  ) {}

  isDone(ifname: string, family: Family): boolean {
    return this.done.has(`${family}:${ifname}`);
  }

  stanza(ifname: string, family: Family, attrs: readonly string[]): string {
    let out = '';
    if (!this.autoSeen.has(ifname)) {
      out += `auto ${ifname}\n`;
      this.autoSeen.add(ifname);
    }
    this.done.add(`${family}:${ifname}`);
    const d = this.model.get(ifname);
    const conf = family === 4 ? d?.ip : d?.ip6;
    if (d === undefined || conf === undefined) return out;
    const inet = family === 4 ? 'inet' : 'inet6';
    if ('mode' in conf) return out + `iface ${ifname} ${inet} ${conf.mode}\n\n`;
    out += `iface ${ifname} ${inet} static\n`;
    out +=
      this.style === 'cidr'
        ? `\taddress ${conf.cidr}\n`
        : `\taddress ${conf.address}\n\tnetmask ${conf.netmask}\n`;
    const kept = cleanAttributes(attrs);
    const gw = family === 4 ? d.gw : d.gw6;
    if (gw !== undefined)
      out += (family === 4 ? d.needsRoute : d.needsRoute6)
        ? routeBlock(gw, ifname)
        : `\tgateway ${gw}\n`;
    for (const a of kept) out += `\t${a}\n`;
    return out + '\n';
  }
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The new `/etc/network/interfaces` for the model, merged into the existing text (undefined when
 * there is no file). Returns undefined when the model is empty (the file is left alone).
 */
export function renderInterfaces(
  existing: string | undefined,
  model: ReadonlyMap<string, InterfaceModel>,
  style: AddressStyle,
): string | undefined {
  if (model.size === 0) return undefined;
  const printer = new InterfacesPrinter(model, style);
  let out = '';
  let section: { ifname: string; family: Family; attrs: string[] } | undefined;
  const flush = (): void => {
    if (section !== undefined) out += printer.stanza(section.ifname, section.family, section.attrs);
    section = undefined;
  };
  const lines = existing === undefined ? [] : existing.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith(HEAD) || line.startsWith(TAIL)) {
      if (section !== undefined) section.attrs.push(line);
      continue;
    }
    if (line.startsWith('#')) {
      out += line + '\n';
      continue;
    }
    if (/^[\t\n\v\f\r ]*$/.test(line)) {
      if (section !== undefined) flush();
      else out += line + '\n';
      continue;
    }
    const iface =
      /^[\t\n\v\f\r ]*iface[\t\n\v\f\r ]+([^\t\n\v\f\r ]+)[\t\n\v\f\r ]+(inet6?)[\t\n\v\f\r ]+[^\t\n\v\f\r ]+[\t\n\v\f\r ]*$/.exec(
        line,
      );
    if (iface !== null) {
      flush();
      const ifname = iface[1] as string;
      if (model.has(ifname)) section = { ifname, family: iface[2] === 'inet' ? 4 : 6, attrs: [] };
      else out += line + '\n';
      continue;
    }
    const auto = /^[\t\n\v\f\r ]*auto[\t\n\v\f\r ]+(.*)$/.exec(line);
    if (auto !== null) {
      for (const word of (auto[1] as string).split(/[\t\n\v\f\r ]+/))
        if (word !== '') printer.autoSeen.add(word);
      flush();
      out += line + '\n';
      continue;
    }
    if (
      /^[\t\n\v\f\r ]*(?:mapping[\t\n\v\f\r ]|allow-|source[\t\n\v\f\r ]|source-directory[\t\n\v\f\r ])/.test(
        line,
      )
    ) {
      flush();
      out += line + '\n';
      continue;
    }
    const attr =
      section !== undefined ? /^[\t\n\v\f\r ]*([^\t\n\v\f\r ]+)[\t\n\v\f\r ]/.exec(line) : null;
    if (section !== undefined && attr !== null) {
      if (!['address', 'netmask', 'gateway', 'broadcast'].includes(attr[1] as string))
        section.attrs.push(line.replace(/^[\t\n\v\f\r ]+/, ''));
      continue;
    }
    out += line + '\n';
  }
  flush();
  let separator = out !== '' && !out.endsWith('\n\n');
  for (const ifname of [...model.keys()].sort(byteOrder)) {
    const d = model.get(ifname) as InterfaceModel;
    for (const family of [4, 6] as const) {
      if (printer.isDone(ifname, family) || (family === 4 ? d.ip : d.ip6) === undefined) continue;
      if (separator) {
        out += '\n';
        separator = false;
      }
      out += printer.stanza(ifname, family, []);
    }
  }
  if (!printer.autoSeen.has('lo'))
    out = 'auto lo\niface lo inet loopback\niface lo inet6 loopback\n\n' + out;
  return out;
}
