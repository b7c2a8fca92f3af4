/**
 * The random source Perl uses for `rand` (Perl ≥ 5.20 ships its own drand48 on every platform):
 * a 48-bit linear congruential generator. Seeded like Perl's `srand(N)`, {@link drand48} reproduces
 * Perl's `rand()` sequence exactly, which is what the crontab randomisation of the setup tests
 * depends on (`srand(0)` → minutes 10, 44, 5, 51, …).
 */
import type { RandomSource } from './random-source.js';

/** The 48-bit generator state, split into two 24-bit halves so that every product stays exact. */
export interface Drand48State {
  readonly hi: number;
  readonly lo: number;
}

const TWO_24 = 0x1000000;
const TWO_48 = TWO_24 * TWO_24;
// Multiplier 0x5DEECE66D split at bit 24; increment 0xB.
const A_HI = 0x5de;
const A_LO = 0xece66d;
const C = 0xb;

/**
 * The state after Perl's `srand(seed)`: `((seed mod 2^32) << 16) | 0x330E`. Perl reads the seed as
 * an unsigned integer: the sign is dropped (`srand(-7)` is `srand(7)`), a fraction truncated, and
 * a value beyond 64 bits or not a number becomes UV_MAX; the U32 cast then keeps the low 32 bits.
 */
export function drand48Seed(seed: number): Drand48State {
  const magnitude = Math.trunc(Math.abs(seed));
  const s =
    Number.isFinite(magnitude) && magnitude < 2 ** 64 ? magnitude % 0x100000000 : 0xffffffff;
  // s << 16 | 0x330E, split at bit 24: the low 8 bits of s land in the low half.
  return { hi: Math.floor(s / 0x100), lo: (s % 0x100) * 0x10000 + 0x330e };
}

/** One generator step: `state = (state × 0x5DEECE66D + 0xB) mod 2^48`. */
export function drand48Next(state: Drand48State): Drand48State {
  const p0 = state.lo * A_LO + C;
  const lo = p0 % TWO_24;
  const p1 = state.hi * A_LO + state.lo * A_HI + Math.floor(p0 / TWO_24);
  return { hi: p1 % TWO_24, lo };
}

/** The value in [0, 1) a state stands for: `state / 2^48` (exact in a double). */
export function drand48Value(state: Drand48State): number {
  return (state.hi * TWO_24 + state.lo) / TWO_48;
}

/**
 * A {@link RandomSource} that yields Perl's `rand()` sequence after `srand(seed)`. Each source
 * keeps its own state; two sources with the same seed yield the same sequence.
 */
export function drand48(seed: number): RandomSource {
  let state = drand48Seed(seed);
  return {
    next(): number {
      state = drand48Next(state);
      return drand48Value(state);
    },
  };
}
