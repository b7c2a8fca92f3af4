/** Perl's default `sort` order. */

/**
 * Perl's `sort` order on byte strings. Comparing code points gives the same order as comparing the
 * UTF-8 bytes (plain `<` on UTF-16 code units would not, for astral characters).
 */
export function compareBytewise(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
