import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from '../../src/config/description-codec.js';

describe('description encoding (spec §1.4 round-trip table)', () => {
  it.each([
    ['100%', '100%25'],
    ['a:b', 'a%3Ab'],
    ['ä', '%C3%A4'],
    ['tab\there', 'tab%09here'],
    ['c1\r', 'c1%0D'],
    ['# ;=\'"\\', '# ;=\'"\\'],
    ['\x7f', '%7F'],
  ])('encodes %j as %j', (text, encoded) => {
    expect(encodeText(text)).toBe(encoded);
  });

  it('decodes valid escapes of either case and leaves invalid ones', () => {
    expect(decodeText('%41%zz%e4')).toBe('A%zz\uFFFD');
    expect(decodeText('%c3%A4')).toBe('ä');
    expect(decodeText('100%')).toBe('100%');
    expect(decodeText('%')).toBe('%');
    expect(decodeText('%4')).toBe('%4');
  });

  it('round-trips any text through encode then decode', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => decodeText(encodeText(s)) === s));
  });

  it('encodes to printable ASCII without % except as escapes, and no colon', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const e = encodeText(s);
        return /^[\x20-\x7e]*$/.test(e) && !e.includes(':') && !/%(?![0-9A-F]{2})/.test(e);
      }),
    );
  });
});
