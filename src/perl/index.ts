/**
 * Perl's primitives as pve-container relies on them, in one place: truthiness, `split` and
 * `split_list`, `\s` (ASCII only), numbers, regex classes and sort order. Every layer imports
 * these; eslint forbids re-definitions elsewhere and JavaScript `\s` in the pure core.
 */
export { isPerlTrue } from './truthiness.js';
export { perlSplit, splitList } from './split-list.js';
export {
  isPerlBlank,
  isPerlSpace,
  perlTrimEnd,
  perlTrimStart,
  PERL_SPACE_RUN_RE,
  skipPerlSpace,
} from './whitespace.js';
export {
  isDigits,
  isPerlInteger,
  isPerlNumber,
  isUnsignedDecimal,
  perlFormatG15,
  perlIntOfDigits,
  perlIntOfString,
  perlNumber,
  perlNumberText,
  type PerlInt,
} from './numbers.js';
export { PERL_END, PERL_NON_SPACE, PERL_SPACE } from './regex-classes.js';
export { compareBytewise } from './sort.js';
