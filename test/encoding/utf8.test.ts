import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../../src/encoding/utf8.js';

describe('UTF-8', () => {
  it('encodes like TextEncoder', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
      expect(encodeUtf8(s)).toEqual(new TextEncoder().encode(s));
    }));
  });
  it('decodes like TextDecoder (WHATWG replacement per maximal subpart)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
      expect(decodeUtf8(b)).toBe(new TextDecoder().decode(b));
    }), { numRuns: 5000 });
  });
});
