import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseDocument, printDocument } from '../../src/config/document.js';
import { readConfig } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import type { ConfigSection, PctConfig } from '../../src/config/model.js';
import { assertCanonical, assertLosslessRoundTrip, configLine, configText, validConfigText } from '../../src/testing/index.js';

const canonicalOf = (text: string): string => {
  const written = writeConfig(readConfig(text).config);
  if (E.isLeft(written)) throw new Error(written.left[0].message);
  return written.right;
};

// The writer drops trailing empty description lines (Perl's split), so `#` alone at the end vanishes.
const section = (s: ConfigSection) => ({ ...s, description: (s.description ?? '').replace(/\n+$/, '') });
const comparable = (c: PctConfig) => ({
  main: section(c.main),
  pending: section(c.pending),
  snapshots: Object.fromEntries(Object.entries(c.snapshots).map(([name, s]) => [name, section(s)])),
});

describe('configText() and configLine()', () => {
  it('every generated file survives the lossless round trip', () => {
    fc.assert(fc.property(configText(), (text) => assertLosslessRoundTrip(text)), { numRuns: 500 });
  });

  it('configLine() never contains a line break', () => {
    fc.assert(fc.property(configLine(), (line) => !/[\r\n]/.test(line)));
  });

  it('the canonical text of any generated file is canonical (the writer is idempotent)', () => {
    fc.assert(
      fc.property(configText(), (text) => {
        const written = writeConfig(readConfig(text).config);
        if (E.isRight(written)) assertCanonical(written.right);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validConfigText()', () => {
  it('reads without an error, warning or notice, keeps every line, and round-trips losslessly', () => {
    fc.assert(
      fc.property(validConfigText(), (text) => {
        expect(readConfig(text).diagnostics).toEqual([]);
        assertLosslessRoundTrip(text);
        const doc = parseDocument(text);
        expect(printDocument(doc)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('has pending sections, snapshots, lxc lines and comments often enough to matter', () => {
    const samples = fc.sample(validConfigText(), { numRuns: 300, seed: 7 });
    const share = (re: RegExp): number => samples.filter((t) => re.test(t)).length / samples.length;
    expect(share(/^\[pve:pending\]$/m)).toBeGreaterThan(0.2);
    expect(share(/^\[(?!pve:pending)[^\]]+\]$/m)).toBeGreaterThan(0.3);
    expect(share(/^snaptime: \d+$/m)).toBeGreaterThan(0.3);
    expect(share(/^parent: /m)).toBeGreaterThan(0.3);
    expect(share(/^delete: /m)).toBeGreaterThan(0.1);
    expect(share(/^lxc\./m)).toBeGreaterThan(0.5);
    expect(share(/^#/m)).toBeGreaterThan(0.5);
    expect(share(/^(net|mp|dev|unused)\d+: /m)).toBeGreaterThan(0.5);
  });

  it('with { canonical: true } is exactly what Proxmox stores', () => {
    fc.assert(
      fc.property(validConfigText({ canonical: true }), (text) => {
        assertCanonical(text);
        expect(readConfig(text).diagnostics).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('without canonical: the writer rewrites it to a canonical text with the same model', () => {
    fc.assert(
      fc.property(validConfigText(), (text) => {
        const canonical = canonicalOf(text);
        assertCanonical(canonical);
        expect(comparable(readConfig(canonical).config)).toEqual(comparable(readConfig(text).config));
      }),
      { numRuns: 200 },
    );
  });

  it('honours { pending: false, maxSnapshots: 0 }', () => {
    fc.assert(fc.property(validConfigText({ pending: false, maxSnapshots: 0 }), (text) => !/^\[/m.test(text)));
  });
});
