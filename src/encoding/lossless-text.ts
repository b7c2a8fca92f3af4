/**
 * Bytes ⇄ text without loss ("surrogateescape", as Python does it for file names): valid UTF-8
 * decodes as usual, and each byte that is not part of a valid sequence becomes the lone surrogate
 * U+DC80–U+DCFF (`0xDC00 + byte`), which encodes back to that very byte. Proxmox reads config files
 * as bytes, so a command that edits one line must give back every other byte unchanged — invalid
 * UTF-8, NUL, CR, a BOM or a missing final newline included. Valid UTF-8 never decodes to a lone
 * surrogate, so the mapping is a bijection on byte strings.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { utf8Sequence } from './utf8.js';

/** The byte an escaped code unit stands for, or -1. */
function escapedByte(unit: number): number {
  return unit >= 0xdc80 && unit <= 0xdcff ? unit - 0xdc00 : -1;
}

/*
 * Both directions scan by hand into preallocated buffers (no per-byte arrays): they run on files of
 * tens of megabytes (a 20 MB /etc/hosts in `apply`).
 */
const ESCAPE_BASE = 0xdc80;
const CHUNK = 8192;

/** Decodes bytes as UTF-8; each byte outside a valid sequence becomes U+DC00 + byte. */
export function bytesToText(input: ArrayLike<number>): string {
  const bytes = input instanceof Uint8Array ? input : Uint8Array.from(input);
  const n = bytes.length;
  if (n === 0) return '';
  // The code units are gathered in one reused plain array of small integers, which
  // `String.fromCharCode.apply` takes as it is (a typed array would first be copied into a fresh
  // argument list, eight bytes per code unit, on every call). No byte gives more than one unit.
  const size = Math.min(CHUNK, n);
  const units = new Array<number>(size).fill(0);
  const parts: string[] = [];
  let fill = 0;
  const flush = (): void => {
    parts.push(String.fromCharCode.apply(null, units));
    fill = 0;
  };
  let i = 0;
  while (i < n) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      units[fill++] = b0;
      i++;
      if (fill === size) flush();
      continue;
    }
    const seq = utf8Sequence(bytes, i);
    if (seq < 0) {
      // Only the lead byte is escaped; the bytes after it are looked at again on their own.
      units[fill++] = ESCAPE_BASE + b0 - 0x80;
      i++;
      if (fill === size) flush();
      continue;
    }
    let cp = seq >> 3;
    i += seq & 7;
    if (cp >= 0x10000) {
      // A pair may straddle two pieces: joined, they make it whole again.
      cp -= 0x10000;
      units[fill++] = 0xd800 + (cp >> 10);
      if (fill === size) flush();
      cp = 0xdc00 + (cp & 0x3ff);
    }
    units[fill++] = cp;
    if (fill === size) flush();
  }
  if (fill > 0) {
    units.length = fill;
    flush();
  }
  return parts.length === 1 ? (parts[0] as string) : parts.join('');
}

/**
 * Encodes a string losslessly: the escapes U+DC80–U+DCFF become their bytes again; any other lone
 * surrogate (which no decoded file contains) becomes U+FFFD, as in UTF-8 encoders.
 */
export function textToBytes(text: string): Uint8Array {
  const n = text.length;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
      size += 4;
      i++;
    } else if (c >= ESCAPE_BASE && c <= 0xdcff) size += 1;
    else size += 3;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        continue;
      }
      if (c >= ESCAPE_BASE && c <= 0xdcff) {
        out[o++] = c - ESCAPE_BASE + 0x80;
        continue;
      }
      c = 0xfffd;
    }
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 0x3f);
    out[o++] = 0x80 | (c & 0x3f);
  }
  return out;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Whether the code unit at `i` stands for a byte (and is not the low half of a pair). */
function isEscapedAt(text: string, i: number): boolean {
  if (escapedByte(text.charCodeAt(i)) === -1) return false;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
  return prev < 0xd800 || prev > 0xdbff;
}

/** The code of the notice below. */
export type InvalidUtf8Code =
  /** A line holds bytes that are not UTF-8 (notice): Proxmox keeps them in values and turns them into U+FFFD in comments, silently. */
  'INVALID_UTF8';

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
