import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from '../../src/config/description-codec.js';
import { decodeUtf8, encodeUtf8 } from '../../src/encoding/utf8.js';

/** decode_text as spec'd, over bytes: URI-unescape the UTF-8 bytes, then decode them. */
function referenceDecodeText(text: string): string {
  const bytes = encodeUtf8(text);
  const out: number[] = [];
  const hex = (b: number): number => (b >= 48 && b <= 57 ? b - 48 : b >= 65 && b <= 70 ? b - 55 : b >= 97 && b <= 102 ? b - 87 : -1);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x25 && i + 2 < bytes.length && hex(bytes[i + 1] as number) >= 0 && hex(bytes[i + 2] as number) >= 0) {
      out.push(hex(bytes[i + 1] as number) * 16 + hex(bytes[i + 2] as number));
      i += 2;
    } else out.push(b);
  }
  return decodeUtf8(out);
}

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

  it('decodes exactly as the byte-level definition does', () => {
    const piece = fc.oneof(
      fc.constantFrom('%', '%4', '%41', '%c3', '%A4', '%e4', '%zz', '%F0%9F', '%98%80', 'ä', '€', '😀', 'a', ' '),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join('')), (s) => {
        expect(decodeText(s)).toBe(referenceDecodeText(s));
      }),
      { numRuns: 20000 },
    );
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
