/**
 * UUIDs as a parameter: the ifcfg (`UUID=`) and NetworkManager (`uuid=`) writers take a
 * {@link UuidSource}. Proxmox's setup tests mock `UUID::uuid()` to return the all-zero UUID; in
 * production the effects layer supplies real random UUIDs.
 */
import type { RandomSource } from './random-source.js';

/** A stream of UUID strings in the canonical lower-case 8-4-4-4-12 form. */
export interface UuidSource {
  /** The next UUID. Advances the source. */
  next(): string;
}

/** The nil UUID that Proxmox's test harness returns for every call. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** A source that always yields {@link NIL_UUID}, as in the upstream setup tests. */
export const nilUuidSource: UuidSource = { next: () => NIL_UUID };

/** A source of version-4 (random) UUIDs whose 122 random bits come from `random`, 8 bits a draw. */
export function uuidV4Source(random: RandomSource): UuidSource {
  return {
    next(): string {
      const bytes: number[] = [];
      for (let i = 0; i < 16; i++) bytes.push(Math.floor(random.next() * 256));
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
