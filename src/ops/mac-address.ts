/**
 * MAC addresses for NICs given without `hwaddr` (`PVE::Tools::random_ether_addr`): six random bytes,
 * the first with the multicast bit cleared and the locally-administered bit set, printed in
 * upper-case hex, then the datacenter's `mac_prefix` (default `BC:24:11`) laid over the start.
 * Randomness is a parameter; Proxmox hashes its PID, the time and the node name instead, so the
 * addresses themselves cannot match, only their shape.
 */
import type { RandomSource } from '../random/random-source.js';
import { perlRandInt } from '../random/random-source.js';

/** The default `mac_prefix` of a Proxmox datacenter. */
export const DEFAULT_MAC_PREFIX = 'BC:24:11';

/** A random unicast MAC address with `prefix` (upper-cased) over its first characters. */
export function randomMacAddress(random: RandomSource, prefix: string = DEFAULT_MAC_PREFIX): string {
  const bytes: number[] = [];
  for (let i = 0; i < 6; i++) bytes.push(perlRandInt(random, 256));
  bytes[0] = ((bytes[0] as number) & 0xfe) | 0x02;
  const addr = bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
  return prefix.toUpperCase() + addr.slice(prefix.length);
}
