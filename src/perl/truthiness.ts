/** Perl's truth of a scalar. */

/**
 * Perl truthiness: everything is true but `undef`, `''`, `'0'` and the number 0. On a string it
 * narrows to `string` when true (the false branch still admits `''` and `'0'`).
 */
export function isPerlTrue(value: string | undefined): value is string;
export function isPerlTrue(value: string | number | undefined): boolean;
export function isPerlTrue(value: string | number | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value !== 0;
}
