/**
 * IPv4/IPv6 address grammar (RFC 3986 `IPv4address` / `IPv6address`, the grammar pve-common's
 * address checks follow) and the address-based formats: `ipv4`, `ipv6`, `ip`, `pve-ipv4-config`,
 * `pve-ipv6-config` and `lxc-ip-with-ll-iface`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { PERL_END } from '../perl/index.js';
import type { FormatResult } from './format-result.js';
import { scanIpv4, scanIpv4Config } from './format-scanners.js';

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
/** Dotted-quad IPv4, octets 0–255 without leading zeros (regex source, unanchored). */
export const IPV4_SOURCE = `(?:(?:${OCTET}\\.){3}${OCTET})`;

const H16 = '(?:[0-9a-fA-F]{1,4})';
const LS32 = `(?:${H16}:${H16}|${IPV4_SOURCE})`;
/** IPv6 in every RFC 4291 text form, including an embedded IPv4 tail (regex source, unanchored). */
export const IPV6_SOURCE =
  '(?:' +
  [
    `(?:${H16}:){6}${LS32}`,
    `::(?:${H16}:){5}${LS32}`,
    `(?:${H16})?::(?:${H16}:){4}${LS32}`,
    `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
    `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
    `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
    `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
    `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
    `(?:(?:${H16}:){0,6}${H16})?::`,
  ]
    .map((alt) => `(?:${alt})`)
    .join('|') +
  ')';

const IPV6_RE = new RegExp(`^${IPV6_SOURCE}${PERL_END}`);
const IP_RE = new RegExp(`^(?:${IPV4_SOURCE}|${IPV6_SOURCE})${PERL_END}`);
const CIDR6_RE = new RegExp(`^${IPV6_SOURCE}/([0-9]+)${PERL_END}`);
const IPV6_KEYWORD_RE = new RegExp(`^(?:auto|dhcp|manual)${PERL_END}`);
const LINK_LOCAL_RE = /^(fe80:[^%]+)%([^\n]*)\n?$/i;
const IFACE_RE = new RegExp(`^[A-Za-z][A-Za-z0-9_]{1,20}(?:[:.][0-9]+)?${PERL_END}`);

/** True for a dotted-quad IPv4 address. */
export function isIpv4(value: string): boolean {
  // `^IPV4_SOURCE\n?$`, scanned by hand (the hot address check of `gw`).
  return scanIpv4(value);
}

/** True for an IPv6 address (no zone index, no prefix). */
export function isIpv6(value: string): boolean {
  return IPV6_RE.test(value);
}

/** True for an IPv4 or IPv6 address. */
export function isIp(value: string): boolean {
  return IP_RE.test(value);
}

/** A CIDR prefix in range (leading zeros accepted, like Perl's numeric comparison). */
function prefixWithin(match: RegExpExecArray | null, max: number): boolean {
  if (match === null) return false;
  const prefix = Number(match[1]);
  return prefix > 7 && prefix <= max;
}

/** `ipv4` format. */
export function verifyIpv4(value: string): FormatResult {
  return isIpv4(value) ? E.right(value) : E.left('value does not look like a valid IPv4 address\n');
}

/** `ipv6` format. */
export function verifyIpv6(value: string): FormatResult {
  return isIpv6(value) ? E.right(value) : E.left('value does not look like a valid IPv6 address\n');
}

/** `ip` format (v4 or v6). Error text unverified against PVE (not in the vectors). */
export function verifyIp(value: string): FormatResult {
  return isIp(value) ? E.right(value) : E.left('value does not look like a valid IP address\n');
}

/** `pve-ipv4-config`: `dhcp`, `manual`, or an IPv4 CIDR with prefix 8–32. */
export function verifyIpv4Config(value: string): FormatResult {
  // `^(?:dhcp|manual)\n?$`, or `^IPV4_SOURCE/([0-9]+)\n?$` with the prefix in range, scanned by hand.
  return scanIpv4Config(value)
    ? E.right(value)
    : E.left('value does not look like a valid ipv4 network configuration\n');
}

/** `pve-ipv6-config`: `auto`, `dhcp`, `manual`, or an IPv6 CIDR with prefix 8–128. */
export function verifyIpv6Config(value: string): FormatResult {
  return IPV6_KEYWORD_RE.test(value) || prefixWithin(CIDR6_RE.exec(value), 128)
    ? E.right(value)
    : E.left('value does not look like a valid ipv6 network configuration\n');
}

/** True for a network interface name as pve-common's `pve-iface` accepts it. */
export function isInterfaceName(value: string): boolean {
  return IFACE_RE.test(value);
}

/**
 * `lxc-ip-with-ll-iface`: an IP address, or a link-local `fe80:…%<iface>` address with a zone.
 * On failure the `ip` format's message is reported (as pve-container does).
 */
export function verifyIpWithLinkLocalInterface(value: string): FormatResult {
  const m = LINK_LOCAL_RE.exec(value);
  if (m !== null && isIp(m[1] as string) && isInterfaceName(m[2] as string)) return E.right(value);
  return verifyIp(value);
}
