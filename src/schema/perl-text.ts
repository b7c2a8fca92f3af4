/**
 * Perl string semantics the schema code depends on. Proxmox matches the value's UTF-8 bytes without
 * Unicode rules, so `\s`, `\d` and `\w` are ASCII-only, and a regex `$` also matches before a final
 * `\n`. JavaScript's `\s` (Unicode spaces) and `.` (excludes `\r`, U+2028/9) must not stand in for them.
 */

/** Perl `\s` on bytes: space, TAB, LF, VT, FF, CR (regex source). */
export const PERL_SPACE = '[\\t\\n\\v\\f\\r ]';

const BLANK_RE = new RegExp(`^${PERL_SPACE}*$`);

/** Perl `m/^\s*$/`: empty or whitespace only. */
export function isPerlBlank(text: string): boolean {
  return BLANK_RE.test(text);
}

/** Perl's `$` without `/m`: end of string, or before a final newline (use where Perl writes `$`). */
export const PERL_END = '\\n?$';

/** Perl `split(/<sep>/, text)`: trailing empty fields are dropped, leading ones kept. */
export function perlSplit(text: string, separator: string | RegExp): string[] {
  if (text === '') return [];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Perl truthiness of a scalar: everything but `undef`, `''`, `'0'` and the number 0. */
export function isPerlTrue(value: string | number | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value !== 0;
}

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
