import { describe, expect, it } from 'vitest';
import { drand48, drand48Next, drand48Seed, drand48Value } from '../../src/random/drand48.js';
import { perlRand, perlRandInt } from '../../src/random/random-source.js';

// Expected values printed by `perl -e 'srand(S); printf("%.17g\n", rand()) for 1..N'` (perl 5.36).
describe('drand48 (Perl rand)', () => {
  it('reproduces srand(0) exactly', () => {
    const r = drand48(0);
    expect([r.next(), r.next(), r.next(), r.next(), r.next()]).toEqual([
      0.17082803610628972, 0.74990198048496381, 0.09637165562356742, 0.87046522702707563,
      0.57730350679510778,
    ]);
  });

  it('gives the crontab minutes of the setup tests after srand(0)', () => {
    const r = drand48(0);
    const minutes = Array.from({ length: 20 }, () => perlRandInt(r, 59));
    expect(minutes).toEqual([
      10, 44, 5, 51, 34, 46, 40, 21, 51, 43, 26, 20, 43, 15, 23, 45, 49, 33, 42, 4,
    ]);
  });

  it('reproduces other seeds, including the 32-bit truncation of the seed', () => {
    const r42 = drand48(42);
    expect([r42.next(), r42.next(), r42.next()]).toEqual([
      0.74452500006100664, 0.34270147871890799, 0.11108528244416149,
    ]);
    const rMax = drand48(4294967295);
    expect([rMax.next(), rMax.next()]).toEqual([0.30002572744070122, 0.045311516241298477]);
    const r7 = drand48(7);
    const rWrapped = drand48(4294967296 + 7);
    const expected = [0.2664441967654092, 0.68203523019062118];
    expect([r7.next(), r7.next()]).toEqual(expected);
    // perl: srand(-7) and srand(7.9) are srand(7); srand(2**64) and srand("nan") are srand(UV_MAX).
    expect(drand48(-7).next()).toBe(0.2664441967654092);
    expect(drand48(7.9).next()).toBe(0.2664441967654092);
    expect(drand48(-1).next()).toBe(0.041630344771878214);
    expect(drand48(2 ** 64).next()).toBe(0.30002572744070122);
    expect(drand48(Number.NaN).next()).toBe(0.30002572744070122);
    expect([rWrapped.next(), rWrapped.next()]).toEqual(expected);
  });

  it('scales like rand(N)', () => {
    const r = drand48(123456789);
    expect(perlRand(r, 10)).toBe(0.5246846687896678);
    expect(perlRand(r, 1000)).toBe(25.444216651038687);
  });

  it('seeds the state as (seed << 16) | 0x330E and steps it as a 48-bit LCG', () => {
    const s = drand48Seed(0x12345678);
    expect(s.hi * 2 ** 24 + s.lo).toBe(0x12345678 * 2 ** 16 + 0x330e);
    // One step checked against BigInt arithmetic.
    const big = (BigInt(s.hi) * 2n ** 24n + BigInt(s.lo)) * 0x5deece66dn + 0xbn;
    const next = drand48Next(s);
    expect(BigInt(next.hi) * 2n ** 24n + BigInt(next.lo)).toBe(big % 2n ** 48n);
    expect(drand48Value(next)).toBe(Number(big % 2n ** 48n) / 2 ** 48);
  });

  it('keeps separate state per source', () => {
    const a = drand48(0);
    const b = drand48(0);
    a.next();
    expect(b.next()).toBe(0.17082803610628972);
    expect(a.next()).toBe(0.74990198048496381);
  });
});
