/** Perl's `\s` as code (Perl matches bytes, so only ASCII whitespace counts). */
import { PERL_SPACE } from './regex-classes.js';

/** True when the UTF-16 code unit is Perl `\s`: space, TAB, LF, VT, FF, CR. */
export function isPerlSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Perl `m/^\s*$/` on `text` (or on `text[start, end)`): empty or whitespace only. */
export function isPerlBlank(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) if (!isPerlSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Index of the first non-`\s` character at or after `from` (`text.length` when none). */
export function skipPerlSpace(text: string, from = 0): number {
  let i = from;
  while (i < text.length && isPerlSpace(text.charCodeAt(i))) i++;
  return i;
}

/** End index of `text` without its trailing Perl `\s` (Perl `\s*$`), not below `from`. */
export function perlTrimEnd(text: string, from = 0): number {
  let j = text.length;
  while (j > from && isPerlSpace(text.charCodeAt(j - 1))) j--;
  return j;
}

/** A regex matching a run of Perl `\s` (for `split(/\s+/, …)`). */
export const PERL_SPACE_RUN_RE = new RegExp(`${PERL_SPACE}+`);

/** Perl `s/^\s+//`. */
export function perlTrimStart(text: string): string {
  return text.slice(skipPerlSpace(text));
}
