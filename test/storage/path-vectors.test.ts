import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseStorageConfig, volumePath } from '../../src/storage/index.js';
import { storageCases } from './vectors.js';

describe('volume path vectors through the library', () => {
  for (const c of storageCases) {
    if (c.paths.length === 0) continue;
    it(`${c.name}: ${c.paths.length} paths`, () => {
      const storage = parseStorageConfig(c.storageCfg);
      for (const p of c.paths) {
        const r = volumePath(storage, p.volid, p.snapshot === null ? {} : { snapshot: p.snapshot });
        if (p.error !== undefined) {
          expect(E.isLeft(r), p.volid).toBe(true);
          if (E.isLeft(r)) {
            expect(r.left[0].proxmoxText).toBe(p.error);
            expect(r.left[0].severity).toBe('error');
          }
        } else {
          expect(r, p.volid).toMatchObject({ _tag: 'Right' });
          if (E.isRight(r))
            expect({
              path: r.right.path,
              owner: r.right.owner,
              vtype: r.right.vtype,
            }).toStrictEqual({ path: p.path, owner: p.owner, vtype: p.vtype });
        }
      }
    });
  }
});
