import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { readConfig } from '../../src/config/reader.js';
import type { CliIo } from '../../src/cli/io.js';
import {
  bytesToText,
  invalidUtf8Notices,
  showEscapedBytes,
  textToBytes,
} from '../../src/encoding/lossless-text.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('lossless bytes ⇄ text', () => {
  it('every byte string comes back unchanged', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(hex(textToBytes(bytesToText(b)))).toBe(hex(b));
      }),
      { numRuns: 5000 },
    );
  });

  it('valid UTF-8 decodes as TextDecoder does; only invalid bytes become U+DC80–U+DCFF', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const b = new TextEncoder().encode(s);
        expect(bytesToText(b)).toBe(s);
      }),
    );
    expect(bytesToText(Uint8Array.from([0x61, 0xff, 0xe2, 0x82, 0xc3, 0xa4]))).toBe(
      'a\udcff\udce2\udc82ä',
    );
    // An encoded surrogate is not UTF-8: escaped byte by byte, so it cannot be mistaken for an escape.
    expect(bytesToText(Uint8Array.from([0xed, 0xb3, 0xbf]))).toBe('\udced\udcb3\udcbf');
  });

  it('notices name the first byte that is not UTF-8 on each line; terminals see \\xHH', () => {
    const text = bytesToText(
      Uint8Array.from([
        ...Buffer.from('ok\nab'),
        0xff,
        0x41,
        0xfe,
        0x0a,
        0xf0,
        0x9f,
        0x98,
        0x80,
        0x80,
      ]),
    );
    expect(invalidUtf8Notices(text).map((n) => [n.code, n.severity, n.line, n.column])).toEqual([
      ['INVALID_UTF8', 'notice', 2, 3],
      ['INVALID_UTF8', 'notice', 3, 3],
    ]);
    expect(invalidUtf8Notices(text)[0]?.message).toContain('not UTF-8: 2 bytes (first 0xFF)');
    expect(showEscapedBytes(text)).toBe('ok\nab\\xFFA\\xFE\n😀\\x80');
  });
});

/** An in-memory CLI io over bytes, as the real one reads and writes them. */
function bytesIo(files: Map<string, Uint8Array>): CliIo & { err: () => string } {
  let err = '';
  return {
    stdout: () => undefined,
    stderr: (t) => void (err += t),
    readFile: (p) => {
      const b = files.get(p);
      if (b === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return bytesToText(b);
    },
    writeFile: (p, t) => void files.set(p, textToBytes(t)),
    err: () => err,
  };
}

const bytesWithout = (excluded: readonly number[]) =>
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((b) => b.filter((x) => !excluded.includes(x)))
    .filter((b) => b.length > 0);
const WS = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20];
const line = fc.oneof(
  fc.constantFrom(
    'arch: amd64',
    'hostname: ct',
    'memory: 512',
    'ostype: debian',
    'cores: 2',
    'swap: 0',
  ),
  bytesWithout([0x0a]).map((b) => Buffer.concat([Buffer.from('#'), b]).toString('latin1')),
  bytesWithout(WS).map((b) =>
    Buffer.concat([Buffer.from('lxc.apparmor.profile: '), b]).toString('latin1'),
  ),
  bytesWithout([0x0a]).map((b) => Buffer.from(b).toString('latin1')),
);
const file = fc
  .tuple(fc.array(line, { maxLength: 8 }), fc.boolean())
  .map(([lines, finalNewline]) =>
    Buffer.from(lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : ''), 'latin1'),
  );
const edit: fc.Arbitrary<string[]> = fc.oneof<fc.Arbitrary<string[]>[]>(
  fc
    .integer({ min: 1, max: 64 })
    .map((n) => ['config', 'set', 'F', '--cores', String(n), '--preserve-format']),
  fc.integer({ min: 1, max: 64 }).map((n) => ['config', 'set', 'F', '--cores', String(n)]),
  fc.constant(['config', 'set', 'F', '--delete', 'swap', '--preserve-format']),
  fc.constant(['config', 'fmt', '--write', 'F']),
);

describe('random byte files × random edits', () => {
  it('a refused edit leaves every byte; an accepted one changes only what it meant to', () => {
    fc.assert(
      fc.property(file, edit, (before, args) => {
        const files = new Map([['/x/100.conf', Uint8Array.from(before)]]);
        const io = bytesIo(files);
        const code = runCli(
          args.map((a) => (a === 'F' ? '/x/100.conf' : a)),
          io,
        );
        const after = Buffer.from(files.get('/x/100.conf') as Uint8Array);
        if (code !== 0) {
          expect(after.equals(before), io.err()).toBe(true);
          return;
        }
        // Written only when Proxmox would keep everything (no errors: no dropped line).
        expect(
          readConfig(bytesToText(before)).diagnostics.filter((d) => d.severity === 'error'),
        ).toEqual([]);
        const oldLines = before.toString('latin1').split('\n');
        const newLines = after.toString('latin1').split('\n');
        if (args.includes('--preserve-format')) {
          // Only the edited key's lines differ (and a final newline the edit had to add).
          const key = args.includes('--delete') ? 'swap' : 'cores';
          const other = (ls: string[]): string[] =>
            ls.filter((l) => !l.startsWith(`${key}:`) && l !== '');
          expect(other(newLines)).toEqual(other(oldLines));
        } else {
          // The canonical writer keeps every value's bytes (comments are re-encoded as Proxmox does).
          for (const l of oldLines) if (l.startsWith('lxc.')) expect(newLines).toContain(l);
        }
      }),
      { numRuns: 500 },
    );
  });
});
