/**
 * Character classes with Perl's byte semantics. Proxmox matches the file's bytes, so `\s` is ASCII
 * whitespace only; JavaScript's `\s` also matches Unicode spaces (NBSP, U+2028…) and must not be used.
 */

/** Perl `\s`: space, TAB, LF, CR, FF, VT. */
export const WS = '[ \\t\\n\\r\\f\\v]';
/** Perl `\S`. */
export const NON_WS = '[^ \\t\\n\\r\\f\\v]';

/** True when the code unit is Perl `\s`. */
export function isPerlSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Perl truthiness of a string: everything but `''` and `'0'`. */
export function isPerlTrue(value: string | number | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value !== 0;
}
