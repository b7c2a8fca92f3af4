/**
 * The arithmetic of the limit lines as Perl does it on config values: a value is numified (a stored
 * integer as is, text by its numeric prefix), `int()` truncates, and the result prints as Perl
 * prints numbers (integers exactly up to 2^64, `%.15g` beyond).
 */
import { perlNumber, perlNumberText } from '../perl/index.js';
import type { ConfigValue } from '../config/model.js';

/** Perl's numeric value of a stored config value. */
export function numify(value: ConfigValue): number {
  return typeof value === 'number' ? value : perlNumber(value);
}

/** How Perl prints `int(n)`. */
export function intText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Inf' : '-Inf';
  const i = Math.trunc(n);
  return i === 0 ? '0' : perlNumberText(i);
}

/**
 * `int(value × factor)` for an integer factor: exact like Perl's integer arithmetic when `value` is
 * an integer and the product leaves the doubles' exact range (Perl keeps integers exact in
 * [-2^63, 2^64)).
 */
export function scaledIntText(value: number, factor: number): string {
  const product = value * factor;
  if (
    Number.isSafeInteger(value) &&
    !Number.isSafeInteger(product) &&
    product < 2 ** 64 &&
    product >= -(2 ** 63)
  ) {
    return (BigInt(value) * BigInt(factor)).toString();
  }
  return intText(product);
}
