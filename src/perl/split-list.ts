/** Perl's `split` and pve-common's `split_list`. */
import { PERL_SPACE_RUN_RE, perlTrimStart } from './whitespace.js';

/** Perl `split(/<sep>/, text)`: trailing empty fields are dropped, leading and inner ones kept. */
export function perlSplit(text: string, separator: string | RegExp): string[] {
  if (text === '') return [];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * pve-common's `split_list` (the `*-list` formats, `nameserver`, `tags`): on NUL when the value
 * contains one; otherwise `,` and `;` become spaces, leading whitespace is dropped and the rest is
 * split on whitespace runs (Perl `\s`, ASCII only). Trailing empty items are dropped (Perl
 * `split`); a NUL-separated list keeps leading empty items.
 */
export function splitList(text: string): string[] {
  if (text.includes('\0')) return perlSplit(text, '\0');
  return perlSplit(perlTrimStart(text.replace(/[,;]/g, ' ')), PERL_SPACE_RUN_RE);
}
