/**
 * The typed view of every input of shared/pve-vectors/canonical/ agrees with Proxmox's parsed
 * structure (`<name>.json`) field by field, reports Proxmox's warnings, and encodes back to what
 * `write_pct_config` writes.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { toProxmoxJson } from '../../src/config/proxmox-json.js';
import { writeConfig } from '../../src/config/writer.js';
import { decodeConfig, encodeConfig } from '../../src/typed/decode-config.js';
import type { PendingChanges } from '../../src/typed/container-config.js';
import { keyInfo } from '../../src/typed/properties.js';
import { parsePendingDeletes } from '../../src/typed/pending-delete.js';
import { loadCanonicalVectors } from '../support/canonical-vectors.js';

const vectors = loadCanonicalVectors();
const SPECIAL = new Set(['pending', 'snapshots', 'description', 'lxc', 'env', 'delete', 'snapstate']);

type Json = Record<string, unknown>;

/** Checks one section of the typed view against Proxmox's JSON of that section, key by key. */
function expectSectionAgrees(typed: PendingChanges, json: Json, where: string): void {
  expect(typed.description, `${where} description`).toBe(json['description']);
  expect(typed.lxc?.pairs ?? [], `${where} lxc`).toEqual(json['lxc'] ?? []);
  expect(typed.env?.join('\0'), `${where} env`).toBe(json['env']);
  expect(typed.snapstate, `${where} snapstate`).toBe(json['snapstate']);
  if (json['delete'] !== undefined) expect(typed.delete, `${where} delete`).toEqual(parsePendingDeletes(json['delete'] as string));
  else expect(typed.delete).toBeUndefined();
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(json)) {
    if (SPECIAL.has(key)) continue;
    seen.add(key);
    const label = `${where} ${key}`;
    const info = keyInfo(key);
    if (info === undefined) {
      expect(typed.unknown?.[key], label).toBe(value);
      continue;
    }
    if (typed.invalid?.[key] !== undefined) {
      expect(typed.invalid[key], label).toBe(value);
      continue;
    }
    const t = typed as Record<string, unknown>;
    const v = info.kind === 'scalar' ? t[info.key] : (t[info.family] as Record<number, unknown> | undefined)?.[info.index];
    expect(v, label).toBeDefined();
    // The typed value is what the codec makes of Proxmox's stored value, and stores back as that value.
    const decoded = info.handler.fromStored(value as string | number);
    expect(decoded, label).toEqual(E.right(v));
    const stored = info.kind === 'scalar' && typed.source?.[key] !== undefined ? typed.source[key] : info.handler.toStored(v);
    expect(stored, label).toEqual(value);
    if (typeof value === 'number') expect(typeof v === 'boolean' ? Number(v) : v, label).toBe(value);
  }
  // Nothing more than Proxmox holds.
  const typedKeys: string[] = [];
  for (const [k, v] of Object.entries(typed)) {
    if (['net', 'mp', 'unused', 'dev'].includes(k)) typedKeys.push(...Object.keys(v as object).map((i) => `${k}${i}`));
    else if (k === 'unknown' || k === 'invalid') typedKeys.push(...Object.keys(v as object));
    else if (!SPECIAL.has(k) && k !== 'source') typedKeys.push(k);
  }
  expect(typedKeys.sort(), `${where} keys`).toEqual([...seen].sort());
}

describe('typed view of the canonical vectors', () => {
  it('has every vector', () => expect(vectors.length).toBe(195));

  describe.each(vectors.map((v) => [`${v.group}/${v.name}`, v] as const))('%s', (_label, v) => {
    const decoded = decodeConfig(v.input);
    const json = v.json as Json;

    it('agrees with the structure Proxmox holds, field by field', () => {
      expectSectionAgrees(decoded.current as PendingChanges, json, 'main');
      expectSectionAgrees(decoded.pending, json['pending'] as Json, 'pending');
      const snapshots = json['snapshots'] as Record<string, Json>;
      expect(Object.keys(decoded.snapshots).sort()).toEqual(Object.keys(snapshots).sort());
      for (const [name, snap] of Object.entries(snapshots)) {
        expectSectionAgrees(decoded.snapshots[name] as PendingChanges, snap, `[${name}]`);
      }
    });

    it('reports exactly the warnings Proxmox prints', () => {
      const text = decoded.diagnostics.map((d) => (d.proxmoxText === undefined ? '' : `vm ${v.vmid} - ${d.proxmoxText}`)).join('');
      expect(text).toBe(v.warnings);
    });

    it('encodes back to the structure and text Proxmox writes', () => {
      const encoded = encodeConfig(decoded);
      expect(JSON.parse(JSON.stringify(toProxmoxJson(encoded)))).toEqual(json);
      expect(writeConfig(encoded)).toEqual(E.right(v.written));
    });

    it('is a fixed point on the written text', () => {
      const again = decodeConfig(v.written);
      expect(writeConfig(encodeConfig(again))).toEqual(E.right(v.written));
      const { diagnostics: _d1, ...typedAgain } = again;
      const { diagnostics: _d2, ...typedTwice } = decodeConfig(E.getOrElse(() => '')(writeConfig(encodeConfig(again))));
      expect(typedTwice).toEqual(typedAgain);
    });
  });
});
