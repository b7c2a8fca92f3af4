import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { formatSize, parseSize, verifyDiskSize } from '../../src/schema/disk-size.js';
import { perlFormatG15, perlIntOfString } from '../../src/perl/index.js';

describe('parseSize', () => {
  it.each([
    ['0', 0],
    ['1536', 1536],
    ['8K', 8192],
    ['8KiB', 8192],
    ['1.5G', 1610612736],
    ['0.1K', 102],
    ['1.2345G', 1325534281],
    ['1024T', 1125899906842624],
    ['8G\n', 8589934592],
  ])('%j → %d', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['8g', '8GB', '8Gi', '8 G', '.5G', '8.G', '-1G', '1P', '1e3', '', ' 8G'])(
    'rejects %j',
    (text) => {
      expect(parseSize(text)).toBeUndefined();
      expect(verifyDiskSize(text)).toEqual(
        E.left(`value does not look like a valid disk size: ${text}\n`),
      );
    },
  );
});

describe('formatSize', () => {
  it.each([
    [0, '0T'],
    [1, '1'],
    [1023, '1023'],
    [1024, '1K'],
    [1536, '1536'],
    [1610612736, '1536M'],
    [1073741824, '1G'],
    [1099511627776, '1T'],
    [1125899906842624, '1024T'],
    [102.9, '102'],
  ])('%d → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('Perl numeric conversions', () => {
  it('int() of a size string warns about trailing text', () => {
    const where = 'X.pm line 1';
    expect(perlIntOfString('8G', where)).toEqual({
      value: 8,
      warning: 'Argument "8G" isn\'t numeric in int at X.pm line 1.\n',
    });
    expect(perlIntOfString('1.5G', where).value).toBe(1);
    expect(perlIntOfString('1536', where)).toEqual({ value: 1536 });
    expect(perlIntOfString('8\n', where)).toEqual({ value: 8 });
    expect(perlIntOfString('8G\n', where).warning).toBe(
      'Argument "8G\\n" isn\'t numeric in int at X.pm line 1.\n',
    );
    expect(perlIntOfString('x', where)).toEqual({
      value: 0,
      warning: 'Argument "x" isn\'t numeric in int at X.pm line 1.\n',
    });
  });

  it('%.15g', () => {
    expect(perlFormatG15(1e20)).toBe('1e+20');
    expect(perlFormatG15(2 ** 64)).toBe('1.84467440737096e+19');
    expect(perlFormatG15(1.5)).toBe('1.5');
  });
});
