import { describe, expect, it } from 'vitest';
import {
  parseStorageConfig,
  proxmoxWarnings,
  sortedJson,
  storageConfigJson,
} from '../../src/storage/index.js';
import { storageCases } from './vectors.js';

describe('storage.cfg vectors through the library', () => {
  it('has all 19 cases', () => {
    expect(storageCases.length).toBe(19);
  });
  for (const c of storageCases) {
    it(`${c.name}: ids, order and warnings`, () => {
      const parsed = parseStorageConfig(c.storageCfg);
      // value and type: a JSON round trip keeps numbers numbers and strings strings
      expect(JSON.parse(JSON.stringify(parsed.ids))).toStrictEqual(c.ids);
      expect(parsed.order).toStrictEqual(c.order);
      expect(proxmoxWarnings(parsed.diagnostics)).toBe(c.warnings);
      expect(sortedJson(storageConfigJson(parsed))).toBe(
        sortedJson({ ids: c.ids, order: c.order, warnings: c.warnings }),
      );
    });
  }
});
