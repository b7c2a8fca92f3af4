/**
 * The `raw` rule, decided without printing: a decoded property string carries `raw` exactly when
 * its text is not the canonical print of its typed value. The decoder decides it from the parser's
 * layout flag and the texts of the non-text fields; this checks that decision against the printer,
 * on generated texts in any spelling (blank parts, keys out of order, `volume=` named, `yes`/`on`,
 * `1024M`, a repeated false default), on Proxmox's vector rows, and through the reader (which hands
 * its own parse to the typed layer).
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { decodeConfig } from '../../src/typed/decode-config.js';
import { decodeObject, printCanonical } from '../../src/typed/property-object.js';
import type { CompiledObjectSpec, TypedObject } from '../../src/typed/property-object.js';
import { propertyStringArbitraries } from '../../src/testing/property-strings.js';
import { readSharedJsonl } from '../support/shared.js';
import { OBJECT_SPECS } from '../support/object-specs.js';
import type { ObjectFormat } from '../support/object-specs.js';

type Format = ObjectFormat;
const SPECS = OBJECT_SPECS;
const CONFIG_KEY: Record<Format, string> = { net: 'net3', rootfs: 'rootfs', mp: 'mp7', features: 'features', dev: 'dev2', unused: 'unused4' };
const FORMATS = Object.keys(SPECS) as Format[];

/** The rule by definition: `raw` iff the canonical print of the typed fields differs from the text. */
function expectRawRule(spec: CompiledObjectSpec, input: string, typed: TypedObject): void {
  const { raw, ...fields } = typed;
  const canonical = printCanonical(spec, fields) === input;
  expect(raw === undefined, `${spec.name}: ${JSON.stringify(input)} prints ${JSON.stringify(printCanonical(spec, fields))}`).toBe(canonical);
  if (raw !== undefined) expect(raw).toBe(input);
}

/**
 * `input` on a config line through the reader and the section decoder (which decodes from the
 * reader's own parse), beside `decodeObject` of the text the reader stored (the line's value is
 * trimmed).
 */
function expectReaderAgrees(format: Format, input: string): void {
  const key = CONFIG_KEY[format];
  const read = readConfig(`${key}: ${input}\n`);
  const stored = read.config.main.values[key];
  if (typeof stored !== 'string') return;
  const direct = decodeObject(SPECS[format], stored);
  const typed = decodeConfig(read).current as Record<string, unknown>;
  const m = /^([a-z]+)(\d+)$/.exec(key);
  const viaReader =
    m === null || format === 'rootfs' || format === 'features'
      ? typed[key]
      : (typed[m[1] as string] as Record<string, TypedObject> | undefined)?.[m[2] as string];
  expect(viaReader).toEqual(E.isRight(direct) ? direct.right : undefined);
  if (E.isRight(direct)) expectRawRule(SPECS[format], stored, direct.right);
}

/** Spellings no generator writes: blank parts, a leading or trailing comma, a doubled comma. */
function withBlankParts(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.constantFrom(',', ' ,', ', ', ',,'), fc.constantFrom('start', 'end', 'middle'))
    .map(([t, blank, where]) => {
      if (where === 'start') return blank + t;
      if (where === 'end') return t + blank;
      const i = t.indexOf(',');
      return i === -1 ? t + blank : t.slice(0, i) + blank + t.slice(i);
    });
}

describe('the raw rule without printing', () => {
  for (const format of FORMATS) {
    const spec = SPECS[format];
    const arbitrary = propertyStringArbitraries[format];
    const texts = fc.oneof(arbitrary(), arbitrary({ canonical: false }), withBlankParts(arbitrary({ canonical: false })));

    it(`${format}: decodeObject sets raw exactly when the text is not the canonical print`, () => {
      let withRaw = 0;
      let withoutRaw = 0;
      fc.assert(
        fc.property(texts, (input) => {
          const r = decodeObject(spec, input);
          if (E.isLeft(r)) return;
          expectRawRule(spec, input, r.right);
          if (r.right['raw'] === undefined) withoutRaw++;
          else withRaw++;
        }),
        { numRuns: 400 },
      );
      // Both outcomes are exercised.
      expect(withRaw).toBeGreaterThan(20);
      expect(withoutRaw).toBeGreaterThan(20);
    });

    it(`${format}: the reader's parse gives the same typed value as decoding the text`, () => {
      fc.assert(
        fc.property(texts, (input) => expectReaderAgrees(format, input)),
        { numRuns: 300 },
      );
    });
  }

  it('hand cases: each breaks one condition of a canonical layout', () => {
    const cases: Array<[Format, string, boolean]> = [
      ['mp', '/a,mp=/b', false],
      ['mp', 'volume=/a,mp=/b', true],
      ['mp', 'mp=/b,/a', true],
      ['mp', '/a,mp=/b,', true],
      ['mp', ',/a,mp=/b', true],
      ['mp', '/a,,mp=/b', true],
      ['mp', '/a,mp=/b,backup=1', false],
      ['mp', '/a,mp=/b,backup=yes', true],
      ['mp', '/a,mp=/b,size=1024M', true],
      ['mp', '/a,mp=/b,size=1G', false],
      ['mp', 'volume=0,/a,mp=/b', true],
      ['net', 'name=eth0,tag=5', false],
      ['net', 'name=eth0,tag=+5', true],
      ['net', 'tag=5,name=eth0', true],
      ['features', '', false],
      ['features', ' ', true],
      ['features', 'nesting=1', false],
      ['features', 'nesting=on', true],
    ];
    for (const [format, input, raw] of cases) {
      const r = decodeObject(SPECS[format], input);
      expect(E.isRight(r), `${format}: ${input}`).toBe(true);
      if (E.isLeft(r)) continue;
      expect(r.right['raw'] !== undefined, `${format}: ${JSON.stringify(input)}`).toBe(raw);
      expectRawRule(SPECS[format], input, r.right);
      expectReaderAgrees(format, input);
    }
  });

  it("every accepted row of Proxmox's property-string vectors", () => {
    const rows = readSharedJsonl<{ format: string; input: string; ok: boolean }>('pve-vectors', 'property-strings.jsonl');
    let checked = 0;
    for (const row of rows) {
      if (!row.ok || !(row.format in SPECS)) continue;
      const format = row.format as Format;
      const r = decodeObject(SPECS[format], row.input);
      expect(E.isRight(r)).toBe(true);
      if (E.isLeft(r)) continue;
      expectRawRule(SPECS[format], row.input, r.right);
      if (!row.input.includes('\n')) expectReaderAgrees(format, row.input);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });
});
