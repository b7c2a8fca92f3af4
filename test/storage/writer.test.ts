import { describe, expect, it } from 'vitest';
import { parseStorageConfig, writeStorageConfig } from '../../src/storage/index.js';
import { storageCases } from './vectors.js';

describe('writeStorageConfig', () => {
  it('writes sections in order: disable, required options, then the others, sorted', () => {
    const parsed = parseStorageConfig(
      'zfspool: zz\n\tsparse 1\n\tpool tank\n\tdisable\n\tcontent rootdir,images\n\tnodes b,a\n\nnfs: nas\n\texport /e\n\tserver s\n\tcontent-dirs iso=isos,images=img\n',
    );
    expect(writeStorageConfig(parsed)).toBe(
      'zfspool: zz\n\tdisable\n\tpool tank\n\tcontent images,rootdir\n\tnodes a,b\n\tsparse 1\n\n' +
        'nfs: nas\n\texport /e\n\tpath /mnt/pve/nas\n\tserver s\n\tcontent images\n\tcontent-dirs images=img,iso=isos\n\n' +
        'dir: local\n\tpath /var/lib/vz\n\tcontent backup,images,iso,rootdir,snippets,vztmpl\n\tprune-backups keep-all=1\n\n',
    );
  });

  it('drops sections Proxmox dropped and writes a boolean 0', () => {
    const parsed = parseStorageConfig(
      'dir: local\n\tpath /var/lib/vz\n\tmkdir 0\n\nlvmthin: t\n\tvgname pve\n',
    );
    expect(writeStorageConfig(parsed)).toBe(
      'dir: local\n\tpath /var/lib/vz\n\tcontent images,rootdir\n\tmkdir 0\n\n',
    );
  });

  it('leaves out a content-dirs map the parse emptied, as an emptied list (a fixed point)', () => {
    // Every item of `a b` names an unsupported content type: the map is empty. Written as
    // `content-dirs ` it would read back as no value, so the second write would differ.
    const parsed = parseStorageConfig('dir: a1\n\tpath /mnt/x\n\tcontent-dirs a b\n');
    const dirs = parsed.ids['a1']?.['content-dirs'];
    expect(typeof dirs).toBe('object');
    expect(Object.keys(dirs as object)).toEqual([]);
    const text = writeStorageConfig(parsed);
    expect(text).toBe(
      'dir: a1\n\tpath /mnt/x\n\tcontent images,rootdir\n\n' +
        'dir: local\n\tpath /var/lib/vz\n\tcontent backup,images,iso,rootdir,snippets,vztmpl\n\tprune-backups keep-all=1\n\n',
    );
    expect(writeStorageConfig(parseStorageConfig(text))).toBe(text);
  });

  it('is a fixed point on every vector: parse(write(parse(x))) has the same ids', () => {
    for (const c of storageCases) {
      const once = parseStorageConfig(c.storageCfg);
      const text = writeStorageConfig(once);
      const twice = parseStorageConfig(text);
      expect(twice.diagnostics, c.name).toStrictEqual([]);
      // priority is not an option (only the synthesized local has it): it is not written back
      const live = Object.fromEntries(
        Object.entries(once.ids)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => [
            k,
            Object.fromEntries(Object.entries(v as object).filter(([p]) => p !== 'priority')),
          ]),
      );
      expect(JSON.parse(JSON.stringify(twice.ids)), c.name).toStrictEqual(
        JSON.parse(JSON.stringify(live)),
      );
      expect(writeStorageConfig(twice), c.name).toBe(text);
    }
  });
});
