/**
 * Bytes ⇄ text without loss ("surrogateescape", as Python does it for file names): valid UTF-8
 * decodes as usual, and each byte that is not part of a valid sequence becomes the lone surrogate
 * U+DC80–U+DCFF (`0xDC00 + byte`), which encodes back to that very byte. Proxmox reads config files
 * as bytes, so a command that edits one line must give back every other byte unchanged — invalid
 * UTF-8, NUL, CR, a BOM or a missing final newline included. Valid UTF-8 never decodes to a lone
 * surrogate, so the mapping is a bijection on byte strings.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The byte an escaped code unit stands for, or -1. */
function escapedByte(unit: number): number {
  return unit >= 0xdc80 && unit <= 0xdcff ? unit - 0xdc00 : -1;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: ArrayLike<number>, i: number): number {
  const n = bytes.length;
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lower = 0xa0;
    if (b0 === 0xed) upper = 0x9f; // no encoded surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lower = 0x90;
    if (b0 === 0xf4) upper = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const b = i + k < n ? (bytes[i + k] as number) : -1;
    if (b < lower || b > upper) return 0;
    lower = 0x80;
    upper = 0xbf;
  }
  return need + 1;
}

/** Decodes bytes as UTF-8; each byte outside a valid sequence becomes U+DC00 + byte. */
export function bytesToText(bytes: ArrayLike<number>): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  const flush = (): void => {
    parts.push(String.fromCharCode(...chunk));
    chunk = [];
  };
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      chunk.push(b0);
      i++;
    } else {
      const len = sequenceLength(bytes, i);
      if (len === 0) {
        chunk.push(0xdc00 + b0);
        i++;
      } else {
        let cp = len === 2 ? b0 & 0x1f : len === 3 ? b0 & 0x0f : b0 & 0x07;
        for (let k = 1; k < len; k++) cp = (cp << 6) | ((bytes[i + k] as number) & 0x3f);
        if (cp >= 0x10000) {
          cp -= 0x10000;
          chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else chunk.push(cp);
        i += len;
      }
    }
    if (chunk.length >= 8192) flush();
  }
  flush();
  return parts.join('');
}

/**
 * Encodes text as UTF-8, turning U+DC80–U+DCFF back into their bytes. Any other lone surrogate
 * (text that did not come from `bytesToText`) becomes U+FFFD, as `encodeUtf8` does.
 */
export function textToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out[o++] = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        continue;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const byte = escapedByte(cp);
      if (byte !== -1) {
        out[o++] = byte;
        continue;
      }
      cp = 0xfffd;
    }
    if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, o);
}

/** Whether the code unit at `i` stands for a byte (and is not the low half of a pair). */
function isEscapedAt(text: string, i: number): boolean {
  if (escapedByte(text.charCodeAt(i)) === -1) return false;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
  return prev < 0xd800 || prev > 0xdbff;
}

/** The code of the notice below. */
export type InvalidUtf8Code = 'INVALID_UTF8';

/**
 * One notice per line that holds bytes which are not UTF-8 (in text from `bytesToText`): Proxmox
 * keeps such bytes in values and turns them into U+FFFD in comments, and says nothing. `line` and
 * `column` (UTF-16 code units, 1-based) point at the first such byte of the line.
 */
export function invalidUtf8Notices(
  text: string,
  file?: string,
): Array<Diagnostic<InvalidUtf8Code>> {
  const notices: Array<Diagnostic<InvalidUtf8Code>> = [];
  let line = 1;
  let lineStart = 0;
  let reportedLine = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (line === reportedLine || !isEscapedAt(text, i)) continue;
    let bytes = 0;
    for (let j = i; j < text.length && text.charCodeAt(j) !== 0x0a; j++)
      if (isEscapedAt(text, j)) bytes++;
    const hex = (unit - 0xdc00).toString(16).toUpperCase().padStart(2, '0');
    notices.push({
      code: 'INVALID_UTF8',
      severity: 'notice',
      message: `not UTF-8: ${bytes} byte${bytes === 1 ? '' : 's'} (first 0x${hex}); Proxmox keeps such bytes in values and turns them into U+FFFD in comments`,
      line,
      column: i - lineStart + 1,
      ...(file !== undefined ? { file } : {}),
    });
    reportedLine = line;
  }
  return notices;
}

/** Shows each byte that is not UTF-8 (U+DC80–U+DCFF from `bytesToText`) as `\xHH`, for a terminal. */
export function showEscapedBytes(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isEscapedAt(text, i)) continue;
    out +=
      text.slice(copied, i) +
      '\\x' +
      (text.charCodeAt(i) - 0xdc00).toString(16).toUpperCase().padStart(2, '0');
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
