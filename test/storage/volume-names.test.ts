/**
 * The public volume-id and volume-name parsers of `pctkit/storage` return the library's result
 * shape: the parsed value, or one coded diagnostic carrying Proxmox's text.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseVolname, parseVolumeId } from '../../src/storage/index.js';

describe('parseVolumeId', () => {
  it('cuts a volume id into storage id and volume name', () => {
    expect(parseVolumeId('local-lvm:vm-100-disk-0')).toEqual(
      E.right({ storeId: 'local-lvm', volname: 'vm-100-disk-0' }),
    );
  });

  it("refuses a string without a storage id with VOLUME_ID_INVALID and Proxmox's text", () => {
    const r = parseVolumeId('/srv/data');
    expect(E.isLeft(r) && r.left).toEqual([
      expect.objectContaining({
        code: 'VOLUME_ID_INVALID',
        severity: 'error',
        path: '/srv/data',
        message: "unable to parse volume ID '/srv/data'",
        proxmoxText: "unable to parse volume ID '/srv/data'\n",
      }),
    ]);
  });
});

describe('parseVolname', () => {
  it('reads a volume name as the storage type does', () => {
    const r = parseVolname('dir', '100/vm-100-disk-0.raw');
    expect(E.isRight(r) && r.right).toMatchObject({
      vtype: 'images',
      name: 'vm-100-disk-0.raw',
      vmid: '100',
      format: 'raw',
      isBase: false,
    });
    expect(E.isRight(parseVolname('zfspool', 'subvol-100-disk-0'))).toBe(true);
  });

  it("refuses a name the type cannot parse with VOLUME_NAME_INVALID and Proxmox's text", () => {
    const r = parseVolname('lvm', 'bad name');
    expect(E.isLeft(r) && r.left[0]).toMatchObject({
      code: 'VOLUME_NAME_INVALID',
      path: 'bad name',
    });
    expect(E.isLeft(r) && r.left[0].proxmoxText).toMatch(/\n$/);
  });

  it('says STORAGE_TYPE_UNSUPPORTED for a type pctkit does not model', () => {
    const r = parseVolname('iscsi', 'lun0');
    expect(E.isLeft(r) && r.left).toEqual([
      expect.objectContaining({
        code: 'STORAGE_TYPE_UNSUPPORTED',
        message: "volume names on storage type 'iscsi' are not modelled by pctkit",
      }),
    ]);
  });
});
