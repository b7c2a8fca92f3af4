/**
 * The public (Result-returning) functions of pctkit/schema on every row of
 * shared/pve-vectors/property-strings.jsonl: the same decision as Proxmox, one diagnostic per
 * field Proxmox lists (`path` the field, or `<key>.<field>`), and `proxmoxTextOf` giving Proxmox's
 * error text byte for byte.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { readSharedJsonl } from '../support/shared.js';
import { proxmoxTextOf } from '../../src/diagnostics/diagnostic.js';
import type { Result } from '../../src/diagnostics/result.js';
import {
  checkConfigValue,
  parseDevice,
  parsePropertyString,
  parseVolume,
  propertyStringFormats,
} from '../../src/schema/index.js';
import type { PropertyStringFormatName } from '../../src/schema/index.js';

interface Row {
  format: PropertyStringFormatName | 'startup';
  input: string;
  ok: boolean;
  error?: string;
  errors?: Record<string, string>;
  volume?: { ok: boolean; error?: string };
  device?: { ok: boolean; error?: string };
}

const rows = readSharedJsonl<Row>('pve-vectors', 'property-strings.jsonl');
const KEY = {
  net: 'net0',
  rootfs: 'rootfs',
  mp: 'mp0',
  features: 'features',
  dev: 'dev0',
  unused: 'unused0',
} as const;

/** Asserts the failure's shape and returns its paths and joined Proxmox text. */
function failure<A>(r: Result<A>): { paths: string[]; text: string } {
  if (E.isRight(r)) throw new Error('expected a failure');
  for (const d of r.left) {
    expect(d.severity).toBe('error');
    expect(d.message).not.toMatch(/\n/);
    expect(d.message.length).toBeGreaterThan(0);
  }
  return {
    paths: r.left.flatMap((d) => (d.path === undefined ? [] : [d.path])),
    text: proxmoxTextOf(r.left),
  };
}

const fieldsOf = (row: Row, prefix?: string): string[] =>
  Object.keys(row.errors ?? {})
    .sort()
    .map((f) => (prefix === undefined ? f : `${prefix}.${f}`));

describe('property-strings.jsonl through the public Result functions', () => {
  const cases = rows
    .map((row, i) => [`#${i} ${row.format} ${JSON.stringify(row.input)}`, row] as const)
    .filter(([, r]) => r.format !== 'startup');
  it('covers failures with and without fields', () => {
    expect(cases.filter(([, r]) => !r.ok && r.errors !== undefined).length).toBeGreaterThan(20);
    expect(cases.filter(([, r]) => !r.ok && r.errors === undefined).length).toBeGreaterThan(5);
  });
  it.each(cases)('%s', (_label, row) => {
    const name = row.format as PropertyStringFormatName;
    const key = KEY[name];
    const parsed = parsePropertyString(propertyStringFormats[name], row.input);
    expect(E.isRight(parsed)).toBe(row.ok);
    const checked = checkConfigValue(key, row.input);
    expect(E.isRight(checked)).toBe(row.ok);
    if (!row.ok) {
      const p = failure(parsed);
      expect(p.text).toBe(row.error);
      expect(p.paths).toEqual(fieldsOf(row));
      if (E.isLeft(parsed))
        expect(new Set(parsed.left.map((d) => d.code))).toEqual(
          new Set(['PROPERTY_STRING_INVALID']),
        );
      const c = failure(checked);
      expect(c.text).toBe(row.error);
      expect(c.paths).toEqual(row.errors === undefined ? [key] : fieldsOf(row, key));
      if (E.isLeft(checked))
        expect(new Set(checked.left.map((d) => d.code))).toEqual(new Set(['VALUE_INVALID']));
    }
    if (row.volume !== undefined && !row.volume.ok) {
      expect(failure(parseVolume(key, row.input)).text).toBe(row.volume.error);
    }
    if (row.device !== undefined && !row.device.ok) {
      expect(failure(parseDevice(row.input)).text).toBe(row.device.error);
    }
  });
});
