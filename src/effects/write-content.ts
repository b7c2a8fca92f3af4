/**
 * What a write puts into a file, produced chunk by chunk: a planned file's text is encoded (with the
 * lossless mapping of encoding/lossless-text.ts) one slice at a time into a small reused buffer, so
 * comparing it with the file on disk and writing it never holds a second copy of a large file
 * (a 20 MB /etc/hosts) as bytes. The whole content exists at once only when asked for
 * ({@link WriteContent.bytes}: a dry run's overlay, a diff).
 */
/** A file's new content: its size in bytes, and its bytes in order. */
export interface WriteContent {
  /** The size in bytes. */
  readonly size: number;
  /**
   * The bytes, in chunks. A chunk is only valid until the next one is asked for (the buffer is
   * reused): copy what must be kept.
   */
  chunks(): Iterable<Uint8Array>;
  /** All the bytes at once (a fresh array). */
  bytes(): Uint8Array;
}

/** Content that is already bytes (a generated key). */
export function bytesContent(bytes: Uint8Array): WriteContent {
  return { size: bytes.length, chunks: () => [bytes], bytes: () => bytes };
}

// An escaped byte (U+DC80–U+DCFF) not preceded by a high surrogate (see encoding/lossless-text.ts).
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/** Code units per chunk (each encodes to at most 3 bytes). */
export const TEXT_CHUNK = 1 << 16;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * The chunk boundaries of `text`: every `chunk` code units, or one more where that would split a
 * surrogate pair (a chunk must not start with the low half of a pair: it would read as an escaped
 * byte).
 */
function* slices(text: string, chunk: number): Generator<[number, number]> {
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + chunk);
    if (to < text.length && isHigh(text.charCodeAt(to - 1)) && isLow(text.charCodeAt(to))) to++;
    yield [from, to];
    from = to;
  }
}

/**
 * Encodes `text` (no pair split at its ends) into `out` at 0 as the lossless mapping does: Node's
 * UTF-8 encoder for the runs between escaped bytes, the byte itself for each escape. Returns the
 * byte count; `out` must hold 3 bytes per code unit.
 */
function encodeInto(text: string, out: Buffer): number {
  let from = 0;
  let n = 0;
  for (const m of text.matchAll(ESCAPED_BYTE)) {
    if (m.index > from) n += out.write(text.slice(from, m.index), n, 'utf8');
    out[n++] = text.charCodeAt(m.index) - 0xdc00;
    from = m.index + 1;
  }
  if (from < text.length) n += out.write(from === 0 ? text : text.slice(from), n, 'utf8');
  return n;
}

/** The lossless byte length of `text` (no pair split at its ends), without encoding it. */
function encodedLength(text: string): number {
  let escapes = 0;
  for (const _ of text.matchAll(ESCAPED_BYTE)) escapes++;
  // Node counts an escape (a lone surrogate) as the 3 bytes of U+FFFD; it stands for 1 byte.
  return Buffer.byteLength(text, 'utf8') - 2 * escapes;
}

/**
 * A planned file's text as content: the same bytes as `textToBytes(text)` (encoding/lossless-text.ts),
 * encoded `chunk` code units at a time (a parameter for tests).
 */
export function textContent(text: string, chunk: number = TEXT_CHUNK): WriteContent {
  if (text.length <= chunk) {
    const out = Buffer.allocUnsafe(3 * text.length);
    return bytesContent(new Uint8Array(out.subarray(0, encodeInto(text, out))));
  }
  const chunks = function* (): Generator<Uint8Array> {
    const out = Buffer.allocUnsafeSlow(3 * (chunk + 1));
    for (const [from, to] of slices(text, chunk))
      yield out.subarray(0, encodeInto(text.slice(from, to), out));
  };
  let size: number | undefined;
  const content: WriteContent = {
    get size(): number {
      if (size === undefined) {
        size = 0;
        for (const [from, to] of slices(text, chunk)) size += encodedLength(text.slice(from, to));
      }
      return size;
    },
    chunks,
    bytes: () => {
      const all = new Uint8Array(content.size);
      let n = 0;
      for (const c of chunks()) {
        all.set(c, n);
        n += c.length;
      }
      return all;
    },
  };
  return content;
}
