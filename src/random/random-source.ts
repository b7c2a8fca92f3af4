/**
 * Randomness as a parameter: the pure core never calls `Math.random`; planners that need random
 * numbers (crontab minutes, MAC addresses) take a {@link RandomSource}.
 */

/** A stream of uniformly distributed numbers in [0, 1), like Perl's `rand()`. */
export interface RandomSource {
  /** The next number in [0, 1). Advances the source. */
  next(): number;
}

/** Perl's `rand(max)`: the next number scaled to [0, max). */
export function perlRand(source: RandomSource, max = 1): number {
  return source.next() * max;
}

/** Perl's `int(rand(max))` for a positive `max`: an integer in [0, max). */
export function perlRandInt(source: RandomSource, max: number): number {
  return Math.floor(source.next() * max);
}
