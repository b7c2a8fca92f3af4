/**
 * Perl's regex classes as regex source, with Perl's byte semantics. Proxmox matches a file's UTF-8
 * bytes without Unicode rules, so `\s`, `\d` and `\w` are ASCII-only, and `$` also matches before a
 * final `\n`. JavaScript's `\s` (Unicode spaces: U+00A0, U+2028…) must not stand in for Perl's.
 */

/** Perl `\s` on bytes: space, TAB, LF, VT, FF, CR (regex source). */
export const PERL_SPACE = '[\\t\\n\\v\\f\\r ]';

/** Perl `\S` on bytes (regex source). */
export const PERL_NON_SPACE = '[^\\t\\n\\v\\f\\r ]';

/** Perl's `$` without `/m`: end of string, or before a final newline (use where Perl writes `$`). */
export const PERL_END = '\\n?$';
