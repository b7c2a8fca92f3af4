/**
 * UTF-8 without TextEncoder/TextDecoder, so that the pure core needs no host APIs.
 * Decoding replaces malformed sequences with U+FFFD per maximal subpart (WHATWG, like Perl's Encode).
 */

/** Encodes a string (lone surrogates become U+FFFD) as UTF-8 bytes. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else cp = 0xfffd;
    } else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000)
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
  }
  return Uint8Array.from(out);
}

/**
 * The UTF-8 sequence at `i` (a non-ASCII lead byte): `(codePoint << 3) | length` when it is
 * well-formed, else minus the length of its maximal invalid subpart (at least 1). One definition
 * for every decoder (the replacing one here, the lossless one in lossless-text.ts).
 */
export function utf8Sequence(bytes: ArrayLike<number>, i: number): number {
  const b0 = bytes[i] as number;
  let need: number;
  let cp: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    need = 1;
    cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    cp = b0 & 0x0f;
    if (b0 === 0xe0) lower = 0xa0;
    if (b0 === 0xed) upper = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 === 0xf0) lower = 0x90;
    if (b0 === 0xf4) upper = 0x8f;
  } else return -1;
  const n = bytes.length;
  for (let k = 1; k <= need; k++) {
    const b = i + k < n ? (bytes[i + k] as number) : -1;
    if (b < lower || b > upper) return -k;
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
  }
  return (cp << 3) | (need + 1);
}

/** Decodes UTF-8 bytes; each maximal invalid subpart becomes one U+FFFD. */
export function decodeUtf8(bytes: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    }
    const seq = utf8Sequence(bytes, i);
    if (seq < 0) {
      out += '\uFFFD';
      i -= seq;
      continue;
    }
    out += String.fromCodePoint(seq >> 3);
    i += seq & 7;
  }
  return out;
}
