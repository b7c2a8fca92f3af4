/** Properties: the parser, writer, paths and mount plan never throw, and plans are JSON data. */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { planMounts } from '../../src/start/index.js';
import { parseStorageConfig, volumePath, writeStorageConfig } from '../../src/storage/index.js';
import { configText, validConfigText } from '../../src/testing/index.js';
import { storageCases } from './vectors.js';

const storages = storageCases.map((c) => parseStorageConfig(c.storageCfg));

/** storage.cfg-like text: headers, property lines, comments and blank lines from a small alphabet. */
const storageLine = fc.oneof(
  fc.constantFrom('', '#c', '0', ' ', '\t'),
  fc
    .tuple(
      fc.constantFrom(
        'dir',
        'lvm',
        'lvmthin',
        'zfspool',
        'nfs',
        'cifs',
        'btrfs',
        'rbd',
        'Dir',
        'x',
      ),
      fc.constantFrom('local', 'a1', 'b-2', '1x', 'constructor', '__proto__'),
    )
    .map(([t, id]) => `${t}: ${id}`),
  fc
    .tuple(
      fc.constantFrom(
        'path',
        'content',
        'vgname',
        'thinpool',
        'pool',
        'server',
        'export',
        'share',
        'nodes',
        'disable',
        'shared',
        'content-dirs',
        'mountpoint',
        'foo',
      ),
      fc.constantFrom(
        '',
        ' /mnt/x',
        ' images,rootdir',
        ' none,iso',
        ' pve',
        ' 1',
        ' yes',
        ' iso=isos',
        ' /a//b/',
        ' a b',
      ),
    )
    .map(([k, v]) => `\t${k}${v}`),
);
const storageText = fc.array(storageLine, { maxLength: 30 }).map((lines) => lines.join('\n'));

describe('properties', () => {
  it('parseStorageConfig never throws; the canonical text is a fixed point', () => {
    fc.assert(
      fc.property(fc.oneof(storageText, fc.string()), (text) => {
        const once = parseStorageConfig(text);
        const first = writeStorageConfig(once);
        // an emptied list reads back as the type's default: then the second text is the fixed point
        const second = writeStorageConfig(parseStorageConfig(first));
        const emptied = Object.values(once.ids).some(
          (e) => e !== null && Object.values(e).some((v) => Array.isArray(v) && v.length === 0),
        );
        if (!emptied) expect(second).toBe(first);
        expect(writeStorageConfig(parseStorageConfig(second))).toBe(second);
        expect(parseStorageConfig(first).diagnostics).toStrictEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('volumePath never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...storages),
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        (storage, volid, snapshot) => {
          volumePath(storage, volid, snapshot === undefined ? {} : { snapshot });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('planMounts never throws for any config, and its plan is JSON data', () => {
    fc.assert(
      fc.property(
        fc.oneof(configText(), validConfigText()),
        fc.constantFrom(...storages),
        (text, storage) => {
          const r = planMounts(readConfig(text).config.main, storage, { vmid: 100 });
          expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
        },
      ),
      { numRuns: 200 },
    );
  });
});
