/**
 * Hand-written scanners for the formats every config line goes through (IPv4 addresses and
 * networks, MAC addresses, DNS names, disk sizes): each is exactly its regex in `ip-address.ts`,
 * `simple-formats.ts` and `disk-size.ts` (anchored, Perl `\n?$` at the end), on plain char codes,
 * without a regex call or a match array. The tests check each against its regex.
 */

/** The end of `text` as Perl `\n?$` sees it: before one final line feed. */
function endOf(text: string): number {
  const n = text.length;
  return n > 0 && text.charCodeAt(n - 1) === 0x0a ? n - 1 : n;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/**
 * `(?:(?:OCTET\.){3}OCTET)` on all of `text[start, end)`: four dot-separated decimal octets 0–255
 * without leading zeros.
 */
function isIpv4Range(text: string, start: number, end: number): boolean {
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= end || text.charCodeAt(i) !== 0x2e /* . */) return false;
      i++;
    }
    const first = i;
    let value = 0;
    while (i < end && i - first < 4) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) break;
      value = value * 10 + (c - 0x30);
      i++;
    }
    const length = i - first;
    if (length === 0 || length > 3 || value > 255) return false;
    if (length > 1 && text.charCodeAt(first) === 0x30 /* 0 */) return false;
  }
  return i === end;
}

/** The `ipv4` format's regex: `^IPv4\n?$`. */
export function scanIpv4(text: string): boolean {
  return isIpv4Range(text, 0, endOf(text));
}

/**
 * The `pve-ipv4-config` format: `^(?:dhcp|manual)\n?$`, or `^IPv4/([0-9]+)\n?$` with a prefix from
 * 8 to 32 (its digits read as a number, leading zeros allowed).
 */
export function scanIpv4Config(text: string): boolean {
  const end = endOf(text);
  const slash = text.indexOf('/');
  if (slash === -1 || slash >= end) {
    const length = end;
    return (length === 4 && text.startsWith('dhcp')) || (length === 6 && text.startsWith('manual'));
  }
  if (slash + 1 === end || !isIpv4Range(text, 0, slash)) return false;
  let prefix = 0;
  for (let i = slash + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return false;
    prefix = prefix * 10 + (c - 0x30);
  }
  return prefix > 7 && prefix <= 32;
}

/** The `mac-addr` format: `^[0-9a-f][02468ace](?::[0-9a-f]{2}){5}\n?$`, any case. */
export function scanMacAddress(text: string): boolean {
  if (endOf(text) !== 17) return false;
  if (!isHex(text.charCodeAt(0))) return false;
  const c1 = text.charCodeAt(1);
  // An even hex digit: 0 2 4 6 8 (even codes) or a c e, either case (odd codes).
  if (!isHex(c1) || (c1 <= 0x39 ? (c1 & 1) !== 0 : (c1 & 1) !== 1)) return false;
  for (let i = 2; i < 17; i += 3) {
    if (text.charCodeAt(i) !== 0x3a /* : */) return false;
    if (!isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) return false;
  }
  return true;
}

/**
 * The `dns-name` format: `^(?:LABEL\.)*LABEL\n?$` with LABEL `[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?`:
 * dot-separated labels of letters, digits and `-`, none empty, none starting or ending with `-`.
 */
export function scanDnsName(text: string): boolean {
  const end = endOf(text);
  let labelStart = 0;
  for (let i = 0; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 0x2e /* . */) {
      if (i === labelStart) return false;
      if (!isAlnum(text.charCodeAt(labelStart)) || !isAlnum(text.charCodeAt(i - 1))) return false;
      labelStart = i + 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!isAlnum(c) && c !== 0x2d /* - */) return false;
  }
  return true;
}

/** The `disk-size` format: `^[0-9]+(?:\.[0-9]+)?(?:[KMGT](?:iB)?)?\n?$`. */
export function scanDiskSize(text: string): boolean {
  const end = endOf(text);
  let i = 0;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return false;
  if (i < end && text.charCodeAt(i) === 0x2e /* . */) {
    const fraction = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === fraction) return false;
  }
  if (i === end) return true;
  const unit = text.charCodeAt(i);
  if (unit !== 0x4b /* K */ && unit !== 0x4d /* M */ && unit !== 0x47 /* G */ && unit !== 0x54 /* T */) return false;
  i++;
  return i === end || (i + 2 === end && text.charCodeAt(i) === 0x69 /* i */ && text.charCodeAt(i + 1) === 0x42 /* B */);
}
