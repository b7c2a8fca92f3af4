/**
 * Every row of shared/pve-vectors/property-strings.jsonl through the typed codecs: the same
 * accept/reject decision, the same parsed fields (through the typed → Proxmox mapping), the printed
 * text byte-identical (`print_volume` for mount points), and on rejection the same fields blamed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { describe, expect, it } from 'vitest';
import { readSharedJsonl } from '../support/shared.js';
import { OBJECT_SPECS } from '../support/object-specs.js';
import { apiCodecs, readerCodecs } from '../../src/typed/properties.js';
import { fastParse, printObject, proxmoxValues } from '../../src/typed/property-object.js';
import type { TypedObject } from '../../src/typed/property-object.js';
import type { StartupOrder } from '../../src/typed/startup.js';
import type { MountIdmap } from '../../src/typed/field-kinds.js';

interface WrapperResult {
  ok: boolean;
  parsed?: Record<string, unknown>;
  printed?: string;
  error?: string;
}

interface Row {
  format: 'net' | 'rootfs' | 'mp' | 'features' | 'dev' | 'unused' | 'startup';
  input: string;
  ok: boolean;
  parsed?: Record<string, string | number>;
  printed?: string;
  error?: string;
  errors?: Record<string, string>;
  volume?: WrapperResult;
  device?: WrapperResult;
}

const rows = readSharedJsonl<Row>('pve-vectors', 'property-strings.jsonl');
const SPECS = OBJECT_SPECS;
const CODEC_KEY = { net: 'net', rootfs: 'rootfs', mp: 'mp', features: 'features', dev: 'dev', unused: 'unused', startup: 'startup' } as const;

/** The fields an io-ts failure blames (the last context entry's key), or `[]` for a whole-value error. */
function blamed(errors: t.Errors): string[] {
  return errors
    .map((e) => (e.context.length > 1 ? (e.context[e.context.length - 1] as t.ContextEntry).key : ''))
    .filter((k) => k !== '')
    .sort();
}

const cases = rows.map((row, i) => [`#${i} ${row.format} ${JSON.stringify(row.input)}`, row] as const);

describe('typed codecs on property-strings.jsonl', () => {
  it('covers every row', () => expect(rows).toHaveLength(942));

  it.each(cases)('%s', (_label, row) => {
    const codec = readerCodecs[CODEC_KEY[row.format]] as t.Type<unknown, string, string>;
    const decoded = codec.decode(row.input);
    expect(E.isRight(decoded)).toBe(row.ok);
    if (E.isLeft(decoded)) {
      expect(blamed(decoded.left)).toEqual(Object.keys(row.errors ?? {}).sort());
      if (row.errors === undefined) expect(decoded.left.map((e) => e.message)).toEqual([row.error]);
      else for (const e of decoded.left) expect(e.message).toBe(row.errors[(e.context[e.context.length - 1] as t.ContextEntry).key]);
      return;
    }
    const value = decoded.right;
    if (row.format === 'startup') {
      const s = value as StartupOrder;
      const expected = row.parsed as Record<string, string>;
      expect(Object.keys(s).filter((k) => k !== 'raw').sort()).toEqual(Object.keys(expected).sort());
      for (const k of ['order', 'up', 'down'] as const) if (expected[k] !== undefined) expect(s[k]).toBe(Number(expected[k]));
      // Proxmox stores startup verbatim: encoding an unchanged value gives the input back.
      expect(codec.encode(value)).toBe(row.input);
      return;
    }
    const spec = SPECS[row.format];
    const fields = { ...proxmoxValues(spec, value as TypedObject) };
    if (row.format === 'rootfs' || row.format === 'mp') {
      // Sizes: the typed value holds bytes (parse_volume); the text is compared through the raw parse.
      const volume = row.volume as WrapperResult;
      expect(volume.ok).toBe(true);
      const parsed = volume.parsed as Record<string, unknown>;
      const v = value as { size?: number; idmap?: MountIdmap; path?: string };
      expect(v.size).toBe(parsed['size']);
      if (parsed['idmap'] !== undefined) {
        const idmap = parsed['idmap'] === 'passthrough' ? 'passthrough' : (parsed['idmap'] as string[][]).map(([type, c, d, n]) => ({ type, container: Number(c), disk: Number(d), count: Number(n) }));
        expect(v.idmap).toEqual(idmap);
      }
      if (row.format === 'mp') expect(v.path).toBe(parsed['mp']);
      expect(codec.encode(value)).toBe(volume.printed);
    } else {
      expect(codec.encode(value)).toBe(row.printed);
    }
    expect(fields).toEqual(row.parsed);
    expect(printObject(spec, value as TypedObject)).toBe(codec.encode(value));
    if (row.format === 'dev') {
      const device = row.device as WrapperResult;
      const api = apiCodecs.dev.decode(row.input);
      expect(E.isRight(api)).toBe(device.ok);
      if (E.isLeft(api)) expect(api.left.map((e) => e.message)).toEqual([device.error]);
    }
  });

  describe('the fast parser alone makes Proxmox decision on every row', () => {
    const objectCases = cases.filter(([, r]) => r.format !== 'startup');
    it.each(objectCases)('%s', (_label, row) => {
      const fast = fastParse(SPECS[row.format as Exclude<Row['format'], 'startup'>], row.input);
      expect(fast === undefined ? undefined : { ...fast }).toEqual(row.ok ? row.parsed : undefined);
    });
  });
});
