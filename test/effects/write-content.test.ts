import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlanToRootfs } from '../../src/effects/index.js';
import { TEXT_CHUNK, textContent } from '../../src/effects/write-content.js';
import { bytesToText, textToBytes } from '../../src/encoding/lossless-text.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { type Scratch, makeScratch } from './support.js';

/** The chunks joined, each copied as it comes (the buffer behind them is reused). */
const concat = (chunks: Iterable<Uint8Array>): Buffer => {
  const copies: Buffer[] = [];
  for (const c of chunks) copies.push(Buffer.from(c));
  return Buffer.concat(copies);
};

// Code units that matter to the lossless mapping: ASCII, NUL, CR, a BOM, 2- and 3-byte characters,
// the halves of a pair, escaped bytes (U+DC80–U+DCFF) and low surrogates that are not escapes.
const units = [
  'a',
  '\n',
  '\0',
  '\r',
  '\ufeff',
  'é',
  '€',
  '\ud83d',
  '\ude00',
  '\udc80',
  '\udcff',
  '\udc00',
  '\udfff',
];

describe('textContent: a planned text encoded a chunk at a time', () => {
  it('gives the bytes of textToBytes at every chunk size, pairs and escapes on the boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...units), { maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        (parts, chunk) => {
          const text = parts.join('');
          const want = textToBytes(text);
          const content = textContent(text, chunk);
          expect(content.size).toBe(want.length);
          expect(Buffer.from(concat(content.chunks())).equals(Buffer.from(want))).toBe(true);
          expect(Buffer.from(content.bytes()).equals(Buffer.from(want))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips any bytes through bytesToText (invalid UTF-8 included)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 7 }),
        (bytes, chunk) => {
          const content = textContent(bytesToText(bytes), chunk);
          expect(content.size).toBe(bytes.length);
          expect(Buffer.from(concat(content.chunks())).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a pair straddling the default chunk boundary stays one character', () => {
    const text = 'x'.repeat(TEXT_CHUNK - 1) + '\ud83d\ude00' + '\udcff' + 'y'.repeat(10);
    const content = textContent(text);
    const chunks = [...content.chunks()].map((c) => c.length);
    expect(chunks.length).toBe(2);
    expect(Buffer.from(content.bytes()).equals(Buffer.from(textToBytes(text)))).toBe(true);
  });
});

describe('apply writes and compares large files a chunk at a time', () => {
  let s: Scratch;
  beforeEach(() => {
    s = makeScratch();
  });
  afterEach(() => s.cleanup());

  // Several chunks long, with an escaped byte, a pair, a CR and a NUL right at chunk boundaries.
  const big = (): string => {
    const parts: string[] = [];
    for (let i = 0; i < 5; i++) {
      parts.push(
        '#'.repeat(TEXT_CHUNK - 1 - (i % 2)),
        ['\udcff', '\ud83d\ude00', '\r', '\0', 'é'][i] ?? '',
      );
    }
    return parts.join('') + 'no final newline';
  };
  const write = (content: string): PlanOperation[] => [
    { op: 'write', path: '/etc/hosts', content, mode: 0o644, reason: 'hosts' },
  ];
  const apply = (plan: PlanOperation[]) => {
    const r = applyPlanToRootfs(s.rootfs, plan);
    if (E.isLeft(r)) throw new Error(r.left[0].message);
    return r.right;
  };
  const hosts = (): string => join(s.rootfs, 'etc', 'hosts');

  it('writes exactly the lossless bytes, then finds them unchanged', () => {
    const text = big();
    expect(apply(write(text)).changed.length).toBe(1);
    expect(readFileSync(hosts()).equals(Buffer.from(textToBytes(text)))).toBe(true);
    const again = apply(write(text));
    expect(again.changed).toEqual([]);
    expect(again.mutations).toBe(0);
  });

  it('a one-byte difference anywhere (same size) is a content change, and is rewritten', () => {
    const text = big();
    const bytes = Buffer.from(textToBytes(text));
    for (const at of [0, TEXT_CHUNK - 1, TEXT_CHUNK, 2 * TEXT_CHUNK + 7, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
      writeFileSync(hosts(), changed);
      const r = apply(write(text));
      expect(r.changed.map((o) => o.changes)).toEqual([['content']]);
      expect(readFileSync(hosts()).equals(bytes)).toBe(true);
    }
  });

  it('a file that only starts with the content, or lacks its end, is a content change', () => {
    const text = big();
    const bytes = Buffer.from(textToBytes(text));
    for (const other of [Buffer.concat([bytes, Buffer.from('x')]), bytes.subarray(0, -1)]) {
      writeFileSync(hosts(), other);
      expect(apply(write(text)).changed.map((o) => o.changes)).toEqual([['content']]);
      expect(statSync(hosts()).size).toBe(bytes.length);
    }
  });

  it('a dry run reports the same change and the diff without writing', () => {
    const text = big();
    writeFileSync(hosts(), 'old\n');
    const r = applyPlanToRootfs(s.rootfs, write(text), { dryRun: true });
    if (E.isLeft(r)) throw new Error(r.left[0].message);
    expect(r.right.changed.map((o) => o.changes)).toEqual([['content']]);
    expect(r.right.diff).toContain('-old');
    expect(readFileSync(hosts(), 'utf8')).toBe('old\n');
  });
});
