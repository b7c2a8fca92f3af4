/**
 * The config digest Proxmox sends with every GET and checks on every PUT: the SHA-1 (hex) of the
 * whole raw file, all sections included. SHA-1 comes from `@noble/hashes` (audited, pure
 * JavaScript, no Node built-ins), so the core still runs unchanged in a browser.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeUtf8 } from '../encoding/utf8.js';

/**
 * The text's bytes: for ASCII (nearly every config) its code units copied straight into the
 * array, which is several times faster than the general encoder's growing list; anything else
 * goes to {@link encodeUtf8}.
 */
function fileBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return encodeUtf8(text);
    bytes[i] = c;
  }
  return bytes;
}

/** SHA-1 hex of the file: its bytes, or its text encoded as UTF-8 (what was read from disk). */
export function configDigest(file: string | Uint8Array): string {
  return bytesToHex(sha1(typeof file === 'string' ? fileBytes(file) : file));
}
