/** The Perl primitives of src/perl: ASCII-only whitespace, truthiness, split, numbers, sort order. */
import { describe, expect, it } from 'vitest';
import {
  compareBytewise,
  isDigits,
  isPerlBlank,
  isPerlNumber,
  isPerlSpace,
  isPerlTrue,
  isUnsignedDecimal,
  perlNumber,
  perlSplit,
  perlTrimStart,
  splitList,
} from '../../src/perl/index.js';

describe('Perl primitives', () => {
  it('whitespace is ASCII only', () => {
    for (const c of ' \t\n\v\f\r') expect(isPerlSpace(c.charCodeAt(0))).toBe(true);
    for (const c of '\u00a0\u2028\u2029\u0085\ufeff')
      expect(isPerlSpace(c.charCodeAt(0))).toBe(false);
    expect(isPerlBlank(' \t\n')).toBe(true);
    expect(isPerlBlank('\u00a0')).toBe(false);
    expect(perlTrimStart('\u2028 x')).toBe('\u2028 x');
  });

  it('truthiness', () => {
    expect([undefined, '', '0', 0].map((v) => isPerlTrue(v))).toEqual([false, false, false, false]);
    expect(['00', '0.0', ' ', 'a', 1].map((v) => isPerlTrue(v))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('split and split_list', () => {
    expect(perlSplit('a,,b,,', ',')).toEqual(['a', '', 'b']);
    expect(perlSplit('', ',')).toEqual([]);
    expect(splitList(' a;b, c\u00a0d')).toEqual(['a', 'b', 'c\u00a0d']);
    expect(splitList('\0a\0b\0')).toEqual(['', 'a', 'b']);
  });

  it('numbers', () => {
    expect(perlNumber('17.10')).toBe(17.1);
    expect(perlNumber('6.0.10')).toBe(6);
    expect(perlNumber(undefined)).toBe(0);
    expect(perlNumber('\u00a012')).toBe(0);
    expect(isPerlNumber('.5')).toBe(true);
    expect(isPerlNumber('5.\n')).toBe(true);
    expect(isDigits('0512')).toBe(true);
    expect(isDigits('\u0661')).toBe(false);
    expect(isUnsignedDecimal('1.50')).toBe(true);
    expect(isUnsignedDecimal('1.')).toBe(false);
  });

  it('sort is bytewise (code points), not UTF-16 units', () => {
    expect(['\u{1f600}', '\uffff', 'a'].sort(compareBytewise)).toEqual([
      'a',
      '\uffff',
      '\u{1f600}',
    ]);
  });
});
