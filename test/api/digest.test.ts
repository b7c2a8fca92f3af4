import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configDigest } from '../../src/api/index.js';

const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

describe('configDigest', () => {
  // The ASCII fast path and the UTF-8 encoder must give the bytes the file holds.
  it.each([
    ['empty', ''],
    ['ASCII', 'arch: amd64\nhostname: ct\n#a note\n'],
    ['ASCII up to DEL', 'x\u007f'],
    ['non-ASCII late in the text', 'hostname: ct\n#caf\u00e9 \u20ac \u{1f600}\n'],
    ['non-ASCII first', '\u00e9'],
  ])('%s: SHA-1 of the UTF-8 bytes', (_label, text) => {
    expect(configDigest(text)).toBe(sha1(Buffer.from(text, 'utf8')));
    expect(configDigest(new TextEncoder().encode(text))).toBe(configDigest(text));
  });
  it('a lone surrogate is hashed as U+FFFD', () => {
    expect(configDigest('#\ud800\n')).toBe(sha1(Buffer.from('#\ufffd\n', 'utf8')));
  });
});
