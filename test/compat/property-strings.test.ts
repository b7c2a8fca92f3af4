/**
 * Every row of shared/pve-vectors/property-strings.jsonl: parse decision, parsed object, printed
 * text (with Perl's int() on raw sizes and its warnings), error text and per-field errors, and the
 * mount-point (`volume`) and device (`device`) wrappers.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { readSharedJsonl } from '../support/shared.js';
import { parsePropertyString, parsePropertyStringExact } from '../../src/schema/property-string.js';
import { printPropertyStringDetailed } from '../../src/schema/print-property-string.js';
import { parseStartup } from '../../src/schema/startup.js';
import { checkConfigValue } from '../../src/schema/check-value.js';
import {
  parseDevice,
  parseVolume,
  printDevice,
  printVolume,
  propertyStringFormats,
} from '../../src/schema/formats/index.js';
import type { PropertyStringFormatName } from '../../src/schema/formats/index.js';

interface WrapperResult {
  ok: boolean;
  parsed?: Record<string, unknown>;
  printed?: string;
  error?: string;
}

interface Row {
  format: PropertyStringFormatName | 'startup';
  input: string;
  ok: boolean;
  parsed?: Record<string, string | number>;
  printed?: string;
  print_warnings?: string[];
  error?: string;
  errors?: Record<string, string>;
  volume?: WrapperResult;
  device?: WrapperResult;
  note?: string;
}

const rows = readSharedJsonl<Row>('pve-vectors', 'property-strings.jsonl');
const VOLUME_KEY = { rootfs: 'rootfs', mp: 'mp0', unused: 'unused0' } as const;
const CONFIG_KEY = {
  net: 'net0',
  rootfs: 'rootfs',
  mp: 'mp0',
  features: 'features',
  startup: 'startup',
  dev: 'dev0',
  unused: 'unused0',
} as const;

function label(row: Row, i: number): string {
  return `#${i} ${row.format} ${JSON.stringify(row.input)}`;
}

describe('property-strings.jsonl', () => {
  it('has the documented 942 rows', () => {
    expect(rows).toHaveLength(942);
  });

  describe.each(['net', 'rootfs', 'mp', 'features', 'dev', 'unused'] as const)('%s', (name) => {
    const cases = rows
      .map((row, i) => [label(row, i), row] as const)
      .filter(([, r]) => r.format === name);
    it.each(cases)('%s', (_label, row) => {
      const format = propertyStringFormats[name];
      const result = parsePropertyString(format, row.input);
      expect(E.isRight(result)).toBe(row.ok);
      if (E.isRight(result)) {
        expect({ ...result.right }).toEqual(row.parsed);
        const printed = printPropertyStringDetailed(format, result.right);
        expect(printed).toEqual(E.right({ text: row.printed, warnings: row.print_warnings ?? [] }));
      } else {
        expect(result.left.message).toBe(row.error);
        expect({ ...result.left.fields }).toEqual(row.errors ?? {});
        // Per-field errors are a `format error`; any other refusal is the parser's.
        expect(result.left.kind).toBe(row.errors === undefined ? 'syntax' : 'fields');
      }

      if (name === 'rootfs' || name === 'mp' || name === 'unused') {
        const expected = row.volume as WrapperResult;
        const volume = parseVolume(VOLUME_KEY[name], row.input);
        expect(E.isRight(volume)).toBe(expected.ok);
        if (E.isRight(volume)) {
          expect(JSON.parse(JSON.stringify(volume.right))).toEqual(expected.parsed);
          expect(printVolume(VOLUME_KEY[name], volume.right)).toEqual(E.right(expected.printed));
        } else {
          expect(volume.left.message).toBe(expected.error);
          // The property string's own failure, or else parse_volume's size check.
          expect(volume.left.kind).toBe(E.isLeft(result) ? result.left.kind : 'size');
        }
      }
      if (name === 'dev') {
        const expected = row.device as WrapperResult;
        const device = parseDevice(row.input);
        expect(E.isRight(device)).toBe(expected.ok);
        if (E.isRight(device)) {
          expect({ ...device.right }).toEqual(expected.parsed);
          expect(printDevice(device.right)).toEqual(E.right(expected.printed));
        } else {
          expect(device.left.message).toBe(expected.error);
          // The property string's own failure, or else parse_device's missing path.
          expect(device.left.kind).toBe(E.isLeft(result) ? result.left.kind : 'device-path');
        }
      }
    });
  });

  // parsePropertyString answers accepted inputs from its fast path: the exact engine alone must make
  // the same decision, with the same values in the same order.
  describe('the exact engine alone agrees on every row', () => {
    const cases = rows
      .map((row, i) => [label(row, i), row] as const)
      .filter(([, r]) => r.format !== 'startup');
    it.each(cases)('%s', (_label, row) => {
      const format = propertyStringFormats[row.format as PropertyStringFormatName];
      const exact = parsePropertyStringExact(format, row.input);
      const fast = parsePropertyString(format, row.input);
      expect(E.isRight(exact)).toBe(row.ok);
      if (E.isRight(exact) && E.isRight(fast)) {
        expect({ ...exact.right }).toEqual(row.parsed);
        expect(Object.keys(fast.right)).toEqual(Object.keys(exact.right));
      } else if (E.isLeft(exact)) expect(exact.left.message).toBe(row.error);
    });
  });

  // README §2: the file reader's per-key check accepts exactly the ok rows, with the same errors.
  describe('checkConfigValue agrees on every row', () => {
    const cases = rows.map((row, i) => [label(row, i), row] as const);
    it.each(cases)('%s', (_label, row) => {
      const result = checkConfigValue(CONFIG_KEY[row.format], row.input);
      if (row.ok) expect(result).toEqual(E.right(row.input));
      else {
        const fields = row.errors === undefined ? {} : { fields: row.errors };
        // A line break in the value is refused before the property string is looked at.
        const kind = /[\n\r]/.test(row.input) ? 'line-feed' : 'format';
        expect(result).toEqual(E.left({ kind, message: row.error, ...fields }));
      }
    });
  });

  describe('startup', () => {
    const cases = rows
      .map((row, i) => [label(row, i), row] as const)
      .filter(([, r]) => r.format === 'startup');
    it.each(cases)('%s', (_label, row) => {
      const result = parseStartup(row.input);
      expect(result).toEqual(row.ok ? E.right(row.parsed) : E.left(row.error));
    });
  });
});
