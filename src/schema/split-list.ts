/** pve-common's `split_list`, which the `*-list` formats use to cut a value into items. */
import { PERL_SPACE, perlSplit } from './perl-text.js';

const SPACE_RUN_RE = new RegExp(`${PERL_SPACE}+`);
const LEADING_SPACE_RE = new RegExp(`^${PERL_SPACE}+`);

/**
 * Splits a list value: on NUL when it contains one; otherwise `,` and `;` become spaces, leading
 * whitespace is dropped and the rest is split on whitespace runs. Trailing empty items are dropped
 * (Perl `split`); a NUL-separated list keeps leading empty items.
 */
export function splitList(text: string): string[] {
  if (text.includes('\0')) return perlSplit(text, '\0');
  const spaced = text.replace(/[,;]/g, ' ').replace(LEADING_SPACE_RE, '');
  return perlSplit(spaced, SPACE_RUN_RE);
}
