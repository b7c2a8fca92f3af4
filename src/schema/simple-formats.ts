/**
 * The named non-property-string formats of the container schema and their verifiers, plus
 * `checkFormat`, which also handles the `<name>-list` variants (items from `split_list`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FormatResult, FormatVerifier } from './format-result.js';
import { PERL_END, splitList } from '../perl/index.js';
import { verifyDiskSize } from './disk-size.js';
import { scanDnsName, scanMacAddress } from './format-scanners.js';
import { verifyStartupOrder } from './startup.js';
import {
  verifyIp,
  verifyIpv4,
  verifyIpv4Config,
  verifyIpv6,
  verifyIpv6Config,
  verifyIpWithLinkLocalInterface,
} from './ip-address.js';

const VOLUME_ID_RE = /^[A-Za-z][A-Za-z0-9._-]*[A-Za-z0-9]:[^\n]+\n?$/;
const CONFIG_ID_RE = new RegExp(`^[A-Za-z][A-Za-z0-9_-]+${PERL_END}`);
const TAG_RE = new RegExp(`^[A-Za-z0-9_][A-Za-z0-9_+.-]*${PERL_END}`);
const MP_ILLEGAL_RES = [/\/\.\.?\//, /\/\.\.?\n?$/, /^\.\.\//];
const DEV_DOT_SEGMENT_RE = /\/\.\.?(?:\/|\n?$)/;
const DEV_PREFIX_RE = /^\/dev\//;

/** `dns-name`. Error text unverified against PVE (not in the vectors). */
export function verifyDnsName(value: string): FormatResult {
  // `^(?:LABEL\.)*LABEL\n?$`, scanned by hand (see `scanDnsName`).
  return scanDnsName(value)
    ? E.right(value)
    : E.left('value does not look like a valid DNS name\n');
}

/** `mac-addr`: six hex pairs joined by `:`, unicast (I/G bit clear), any case. */
export function verifyMacAddress(value: string): FormatResult {
  // `^[0-9a-f][02468ace](?::[0-9a-f]{2}){5}\n?$` (any case), scanned by hand.
  return scanMacAddress(value)
    ? E.right(value)
    : E.left('value does not look like a valid unicast MAC address\n');
}

/** `pve-volume-id`: `<storage id>:<volume name>` (storage id ≥ 2 chars, starts with a letter). */
export function verifyVolumeId(value: string): FormatResult {
  return VOLUME_ID_RE.test(value)
    ? E.right(value)
    : E.left(`unable to parse volume ID '${value}'\n`);
}

/** `pve-configid`. Error text unverified against PVE (not in the vectors). */
export function verifyConfigId(value: string): FormatResult {
  return CONFIG_ID_RE.test(value)
    ? E.right(value)
    : E.left(`invalid configuration ID '${value}'\n`);
}

/** `pve-tag`. Error text unverified against PVE (not in the vectors). */
export function verifyTag(value: string): FormatResult {
  return TAG_RE.test(value) ? E.right(value) : E.left('invalid characters in tag\n');
}

/** `pve-lxc-mp-string`: no `/./` or `/../`, no trailing `/.` or `/..`, no leading `../`. */
export function verifyMountPointString(value: string): FormatResult {
  return MP_ILLEGAL_RES.some((re) => re.test(value))
    ? E.left(`${value} contains illegal character sequences\n`)
    : E.right(value);
}

/** `pve-lxc-dev-string`: starts with `/dev/`, no `.`/`..` path segment. */
export function verifyDevicePath(value: string): FormatResult {
  return isDevicePath(value) ? E.right(value) : E.left(`${value} is not a valid device path\n`);
}

function isDevicePath(value: string): boolean {
  return !DEV_DOT_SEGMENT_RE.test(value) && DEV_PREFIX_RE.test(value);
}

/** Verifiers by format name (the base names; `-list` variants go through {@link checkFormat}). */
export const simpleFormats = {
  'dns-name': verifyDnsName,
  ipv4: verifyIpv4,
  ipv6: verifyIpv6,
  ip: verifyIp,
  'mac-addr': verifyMacAddress,
  'disk-size': verifyDiskSize,
  'pve-volume-id': verifyVolumeId,
  'pve-configid': verifyConfigId,
  'pve-tag': verifyTag,
  'lxc-ip-with-ll-iface': verifyIpWithLinkLocalInterface,
  'pve-lxc-mp-string': verifyMountPointString,
  'pve-lxc-dev-string': verifyDevicePath,
  'pve-ipv4-config': verifyIpv4Config,
  'pve-ipv6-config': verifyIpv6Config,
  'pve-startup-order': verifyStartupOrder,
} as const satisfies Readonly<Record<string, FormatVerifier>>;

/** A base format name. */
export type SimpleFormatName = keyof typeof simpleFormats;

/** A format name as the schema writes it: a base name or `<base>-list`. */
export type FormatName = SimpleFormatName | `${SimpleFormatName}-list`;

/** True when `name` is a known format name (with or without `-list`). */
export function isFormatName(name: string): name is FormatName {
  const base = name.endsWith('-list') ? name.slice(0, -5) : name;
  return Object.prototype.hasOwnProperty.call(simpleFormats, base);
}

/**
 * pve-common's `check_format` for a named format: a `-list` format checks every `split_list` item
 * (an empty list is valid) and reports the first failing item's message.
 */
export function checkFormat(name: FormatName, value: string): FormatResult {
  if (name.endsWith('-list')) {
    const verify = simpleFormats[name.slice(0, -5) as SimpleFormatName];
    for (const item of splitList(value)) {
      const r = verify(item);
      if (E.isLeft(r)) return r;
    }
    return E.right(value);
  }
  return simpleFormats[name as SimpleFormatName](value);
}
