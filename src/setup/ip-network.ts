/**
 * Address arithmetic and the per-interface addressing data shared by the RHEL (ifcfg,
 * NetworkManager), SUSE (ifcfg/ifroute) and Gentoo (`/etc/conf.d/net`) renderers: parsing IPv4/IPv6
 * addresses and `addr/prefix` values, dotted netmasks, and the "is the gateway inside the
 * interface's network" test (spec §6.3).
 */
import * as E from 'fp-ts/lib/Either.js';

/**
 * The part of a `netN` value the in-container setup looks at (spec §6.1), as raw config strings.
 * `ip` is `dhcp`, `manual` or `<ipv4>/<prefix>`; `ip6` is `auto`, `dhcp`, `manual` or
 * `<ipv6>/<prefix>`; `gw`/`gw6` are plain addresses.
 */
export interface NicAddressing {
  readonly name: string;
  readonly ip?: string | undefined;
  readonly gw?: string | undefined;
  readonly ip6?: string | undefined;
  readonly gw6?: string | undefined;
}

/** Name servers and search domains after the DNS lookup (spec §4.3) and list splitting (§6.6). */
export interface DnsSettings {
  readonly nameservers: readonly string[];
  readonly searchdomains: readonly string[];
}

export type IpFamily = 4 | 6;

/** A parsed address: its family and its value as an unsigned integer (32 or 128 bits). */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** A parsed `addr/prefix` value; `address` keeps the text before the slash unchanged. */
export interface IpCidr {
  readonly family: IpFamily;
  readonly address: string;
  readonly prefix: number;
  readonly value: bigint;
}

const DEC_OCTET = /^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** Parses a dotted-quad IPv4 address (four decimal octets 0–255). */
export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!DEC_OCTET.test(part)) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/** Parses an IPv6 address in any RFC 4291 text form (`::` compression, trailing dotted IPv4). */
export function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === '') return [];
    const out: bigint[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIPv4(part);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEXTET.test(part)) {
        out.push(BigInt(parseInt(part, 16)));
      } else return undefined;
    }
    return out;
  };
  const head = groups(halves[0] as string);
  if (head === undefined) return undefined;
  let all: bigint[];
  if (halves.length === 2) {
    const tail = groups(halves[1] as string);
    if (tail === undefined) return undefined;
    // An IPv4 tail is only valid at the very end, never in the head before `::`.
    if ((halves[0] as string).includes('.')) return undefined;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    all = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  } else {
    all = head;
  }
  if (all.length !== 8) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 address (no prefix, no zone index). */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIPv6(text);
  if (v6 !== undefined) return { family: 6, value: v6 };
  return undefined;
}

const familyBits = (family: IpFamily): number => (family === 4 ? 32 : 128);

/** Parses `<address>/<prefix>` of the given family; undefined when it does not have that shape. */
export function parseCidr(text: string, family: IpFamily): IpCidr | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (m === null) return undefined;
  const address = m[1] as string;
  const prefix = Number(m[2]);
  if (prefix > familyBits(family)) return undefined;
  const value = family === 4 ? parseIPv4(address) : parseIPv6(address);
  if (value === undefined) return undefined;
  return { family, address, prefix, value };
}

/** Like {@link parseCidr}, but an error value with Proxmox's message when the shape is wrong. */
export function parseCidrOrError(text: string, family: IpFamily): E.Either<string, IpCidr> {
  const cidr = parseCidr(text, family);
  if (cidr !== undefined) return E.right(cidr);
  return E.left(
    family === 4 ? 'unable to parse ipv4 address/mask' : 'unable to parse ipv6 address/prefix',
  );
}

const maskOf = (family: IpFamily, prefix: number): bigint => {
  const bits = BigInt(familyBits(family));
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
};

/** The dotted-quad netmask of an IPv4 prefix length (`24` → `255.255.255.0`). */
export function dottedNetmask(prefix: number): string {
  const mask = maskOf(4, Math.max(0, Math.min(32, prefix)));
  return [24n, 16n, 8n, 0n].map((shift) => String((mask >> shift) & 0xffn)).join('.');
}

/**
 * Whether `gateway` lies inside the network of `cidr` (host bits cleared), spec §6.3. A gateway that
 * does not parse as an address of the same family is outside.
 */
export function gatewayInNetwork(cidr: IpCidr, gateway: string): boolean {
  const gw = cidr.family === 4 ? parseIPv4(gateway) : parseIPv6(gateway);
  if (gw === undefined) return false;
  const mask = maskOf(cidr.family, cidr.prefix);
  return (gw & mask) === (cidr.value & mask);
}

/** Whether an IPv6 address lies in `fe80::/10`. */
export function isLinkLocal6(address: string): boolean {
  const v = parseIPv6(address);
  return v !== undefined && v >> 118n === 0x3fan;
}

/** `ip` (or `ip6`) holds a static address, i.e. is set and not one of the mode keywords. */
export function isStatic4(ip: string | undefined): ip is string {
  return ip !== undefined && ip !== 'dhcp' && ip !== 'manual';
}

/** `ip6` holds a static address, i.e. is set and not `auto`, `dhcp` or `manual`. */
export function isStatic6(ip6: string | undefined): ip6 is string {
  return ip6 !== undefined && ip6 !== 'auto' && ip6 !== 'dhcp' && ip6 !== 'manual';
}

/** Splits name servers by family, dropping entries that are not plain addresses (spec §5.5). */
export function nameserversByFamily(nameservers: readonly string[]): {
  readonly v4: readonly string[];
  readonly v6: readonly string[];
} {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const ns of nameservers) {
    const ip = parseIp(ns);
    if (ip?.family === 4) v4.push(ns);
    else if (ip?.family === 6) v6.push(ns);
  }
  return { v4, v6 };
}
