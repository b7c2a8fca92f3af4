/**
 * Proxmox's description encoding (pve-common `encode_text` / `decode_text`): `#` comment lines hold
 * the description percent-encoded over its UTF-8 bytes.
 */
import { decodeUtf8, encodeUtf8 } from '../encoding/utf8.js';

const HEX = '0123456789ABCDEF';

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * `decode_text`: un-escape every valid `%XX` (either case; other `%` stay), then read the bytes as
 * UTF-8 with U+FFFD for malformed sequences. The input is the line's text as decoded from the file,
 * so only runs of escaped bytes need UTF-8 decoding: a literal character is a complete sequence and
 * never continues an escaped one.
 */
export function decodeText(text: string): string {
  let percent = text.indexOf('%');
  if (percent === -1) return text;
  let out = '';
  let copied = 0;
  while (percent !== -1) {
    const bytes: number[] = [];
    let i = percent;
    while (i + 2 < text.length && text.charCodeAt(i) === 0x25) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) break;
      bytes.push(hi * 16 + lo);
      i += 3;
    }
    if (bytes.length === 0) {
      percent = text.indexOf('%', percent + 1);
      continue;
    }
    out += text.slice(copied, percent) + decodeUtf8(bytes);
    copied = i;
    percent = text.indexOf('%', i);
  }
  return out + text.slice(copied);
}

/** Whether `encode_text` keeps a byte literal: 0x20–0x24, 0x26–0x39, 0x3B–0x7E. */
function isLiteral(b: number): boolean {
  return (b >= 0x20 && b <= 0x24) || (b >= 0x26 && b <= 0x39) || (b >= 0x3b && b <= 0x7e);
}

/**
 * `encode_text`: UTF-8 encode, then percent-escape (upper-case hex) control characters, `%`, `:`,
 * DEL and every byte ≥ 0x80.
 */
export function encodeText(text: string): string {
  let simple = true;
  for (let i = 0; i < text.length; i++) {
    if (!isLiteral(text.charCodeAt(i))) {
      simple = false;
      break;
    }
  }
  if (simple) return text;
  let out = '';
  for (const b of encodeUtf8(text)) {
    out += isLiteral(b) ? String.fromCharCode(b) : '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}
