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
 * UTF-8 with U+FFFD for malformed sequences. The input is the line's text as decoded from the file.
 */
export function decodeText(text: string): string {
  if (!text.includes('%')) {
    // Fast path: nothing to un-escape; the text is already decoded.
    return text;
  }
  const bytes = encodeUtf8(text);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x25 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1] as number);
      const lo = hexValue(bytes[i + 2] as number);
      if (hi >= 0 && lo >= 0) {
        out.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out.push(b);
  }
  return decodeUtf8(out);
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
