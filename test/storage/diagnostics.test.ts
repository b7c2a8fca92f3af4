import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseStorageConfig, volumePath } from '../../src/storage/index.js';
import type { VolumePathOptions } from '../../src/storage/index.js';

const located = (text: string) =>
  parseStorageConfig(text).diagnostics.map((d) => [
    d.code,
    d.severity,
    d.line,
    d.path,
    d.message,
    d.proxmoxText,
  ]);

describe('storage.cfg diagnostics: codes, lines and paths', () => {
  it('STORAGE_IGNORED_LINE at the top level and inside a section', () => {
    expect(located('junk here\ndir: a1\n\tpath /x\n\t\nlvm: b1\n')).toStrictEqual([
      [
        'STORAGE_IGNORED_LINE',
        'warning',
        1,
        undefined,
        'file storage.cfg line 1 - ignore config line: junk here',
        'file storage.cfg line 1 - ignore config line: junk here\n',
      ],
      [
        'STORAGE_IGNORED_LINE',
        'warning',
        4,
        'a1',
        // the message drops the trailing tab (messageOfProxmoxText); Proxmox's text keeps it
        "file storage.cfg line 4 (section 'a1') - ignore config line:",
        "file storage.cfg line 4 (section 'a1') - ignore config line: \t\n",
      ],
      // a header right after a body line is a body line that does not parse
      [
        'STORAGE_IGNORED_LINE',
        'warning',
        5,
        'a1',
        "file storage.cfg line 5 (section 'a1') - ignore config line: lvm: b1",
        "file storage.cfg line 5 (section 'a1') - ignore config line: lvm: b1\n",
      ],
    ]);
  });

  it('STORAGE_UNSUPPORTED_TYPE and STORAGE_INVALID_ID skip the whole section', () => {
    const r = parseStorageConfig(
      'Dir: ok1\n\tpath /a\n\nnope: x1\n\tpath /b\n\ndir: x_\n\tpath /c\n',
    );
    expect(r.order).toStrictEqual(['ok1']);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.path])).toStrictEqual([
      ['STORAGE_UNSUPPORTED_TYPE', 4, 'x1'],
      ['STORAGE_INVALID_ID', 7, 'x_'],
    ]);
  });

  it('STORAGE_INVALID_VALUE: boolean and integer type checks, a value-less string, a foreign key', () => {
    const r = parseStorageConfig('dir: d1\n\tpath /a\n\tdisable yes\n');
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.path])).toStrictEqual([
      ['STORAGE_INVALID_VALUE', 'warning', 3, 'd1.disable'],
    ]);
    expect(
      parseStorageConfig(
        'dir: d1\n\tpath /a\n\tdisable yes\n\tmax-protected-backups x\n\tformat\n\ttype lvm\n',
      ).diagnostics.map((d) => d.proxmoxText),
    ).toStrictEqual([
      "file storage.cfg line 3 (section 'd1') - unable to parse value of 'disable': type check ('boolean') failed - got 'yes'\n",
      "file storage.cfg line 4 (section 'd1') - unable to parse value of 'max-protected-backups': type check ('integer') failed - got 'x'\n",
      "file storage.cfg line 5 (section 'd1') - unable to parse value of 'format': got undefined value\n",
      "file storage.cfg line 6 (section 'd1') - unable to parse value of 'type': unexpected property 'type'\n",
    ]);
  });

  it('STORAGE_UNSUPPORTED_CONTENT (Proxmox prints it without a prefix) and STORAGE_SECTION_INVALID', () => {
    const r = parseStorageConfig(
      'lvmthin: t1\n\tvgname pve\n\tthinpool data\n\tcontent images,backup\n\n# trailing\ndir: d2\n\tpath /a b\n# c\n',
    );
    expect(r.diagnostics.map((d) => [d.code, d.line, d.proxmoxText])).toStrictEqual([
      ['STORAGE_UNSUPPORTED_CONTENT', 4, "storage does not support content type 'backup'\n"],
      [
        'STORAGE_SECTION_INVALID',
        8,
        "file storage.cfg line 8 (skip section 'd2'): illegal path for directory storage: /a b\n",
      ],
    ]);
    expect(r.ids['t1']).toStrictEqual({
      type: 'lvmthin',
      vgname: 'pve',
      thinpool: 'data',
      content: ['images'],
    });
    expect(r.ids['d2']).toBeNull();
  });

  it('a line "0" ends a section like an empty line (Perl truthiness); the file name is a parameter', () => {
    const r = parseStorageConfig('dir: d3\n\tpath /a\n0\n\tcontent images\n', {
      filename: '/etc/pve/storage.cfg',
    });
    expect(r.diagnostics.map((d) => d.proxmoxText)).toStrictEqual([
      'file /etc/pve/storage.cfg line 4 - ignore config line: \tcontent images\n',
    ]);
  });

  it('a repeated section replaces the earlier one and takes its position; ids have no prototype', () => {
    const r = parseStorageConfig(
      'dir: a1\n\tpath /a\n\ndir: b1\n\tpath /b\n\ndir: a1\n\tpath /c\n\ndir: __proto__x\n\tpath /p\n',
    );
    expect(r.order).toStrictEqual(['b1', 'a1']);
    expect(r.ids['a1']?.['path']).toBe('/c');
    expect(Object.getPrototypeOf(r.ids)).toBeNull();
  });
});

describe('volume path errors: codes', () => {
  const storage = parseStorageConfig(
    'dir: local\n\tpath /var/lib/vz\n\nlvm: vg\n\tvgname vg1\n\nrbd: ceph\n\tnamespace ns\n\npbs: backup\n\tserver s\n\tdatastore d\n\nbtrfs: bt\n\tpath /b\n',
  );
  const attempt = (volid: string, options: VolumePathOptions = {}) =>
    volumePath(storage, volid, options);
  const failure = (volid: string, options: VolumePathOptions = {}) => {
    const r = attempt(volid, options);
    return E.isLeft(r)
      ? [r.left[0].code, r.left[0].proxmoxText ?? r.left[0].message]
      : ['ok', r.right.path];
  };

  it('VOLUME_ID_INVALID, STORAGE_NOT_FOUND, VOLUME_NAME_INVALID', () => {
    expect(failure('x')).toStrictEqual(['VOLUME_ID_INVALID', "unable to parse volume ID 'x'\n"]);
    expect(failure('zz:1')).toStrictEqual(['STORAGE_NOT_FOUND', "storage 'zz' does not exist\n"]);
    expect(failure('ceph:disk-1')).toStrictEqual([
      'VOLUME_NAME_INVALID',
      "unable to parse rbd volume name 'disk-1'\n",
    ]);
    expect(failure('vg:foo')).toStrictEqual([
      'VOLUME_NAME_INVALID',
      "unable to parse lvm volume name 'foo'\n",
    ]);
  });

  it('SNAPSHOT_UNSUPPORTED: lvm (with the location Proxmox prints) and raw files', () => {
    expect(failure('vg:vm-100-disk-0', { snapshot: 's' })).toStrictEqual([
      'SNAPSHOT_UNSUPPORTED',
      'lvm snapshot is not implemented at /usr/share/perl5/PVE/Storage/LVMPlugin.pm line 567.\n',
    ]);
    expect(failure('local:iso/x.iso', { snapshot: 's' })).toStrictEqual([
      'SNAPSHOT_UNSUPPORTED',
      "can't snapshot this image format\n",
    ]);
  });

  it('STORAGE_TYPE_UNSUPPORTED for types pctkit does not model', () => {
    expect(failure('backup:backup/ct/100/2024-01-01T00:00:00Z')).toStrictEqual([
      'STORAGE_TYPE_UNSUPPORTED',
      "volume paths on storage type 'pbs' are not modelled by pctkit",
    ]);
  });

  it('rbd: RBD_FSID_UNKNOWN notice without the fsid; namespace, default pool, snapshot, fsid by storage', () => {
    const r = attempt('ceph:base-100-disk-0/vm-101-disk-0', { snapshot: 'snap' });
    expect(E.isRight(r) && r.right).toMatchObject({
      path: '/dev/rbd-pve/<fsid>/rbd/ns/vm-101-disk-0@snap',
      owner: '101',
      notices: [{ code: 'RBD_FSID_UNKNOWN', severity: 'notice' }],
    });
    expect(failure('ceph:vm-100-disk-0', { facts: { cephFsid: { ceph: 'abc' } } })).toStrictEqual([
      'ok',
      '/dev/rbd-pve/abc/rbd/ns/vm-100-disk-0',
    ]);
  });

  it('btrfs snapshots; dir rootdir, snippets and import volumes', () => {
    expect(failure('bt:100/vm-100-disk-0.raw', { snapshot: 's1' })).toStrictEqual([
      'ok',
      '/b/images/100/vm-100-disk-0@s1/disk.raw',
    ]);
    expect(failure('bt:100/subvol-100-disk-0.subvol', { snapshot: 's1' })).toStrictEqual([
      'ok',
      '/b/images/100/subvol-100-disk-0.subvol@s1',
    ]);
    expect(failure('local:rootdir/100')).toStrictEqual(['ok', '/var/lib/vz/private/100']);
    expect(failure('local:snippets/hook.pl')).toStrictEqual(['ok', '/var/lib/vz/snippets/hook.pl']);
    expect(failure('local:import/disk.ova')).toStrictEqual(['ok', '/var/lib/vz/import/disk.ova']);
  });
});

describe('Perl text semantics', () => {
  it('a value with a CR inside is a line feed error, not an ignored line (Perl `.` matches CR)', () => {
    expect(
      parseStorageConfig('dir: d1\n\tpath /a\n\tprune-backups keep\rall\n').diagnostics.map(
        (d) => d.proxmoxText,
      ),
    ).toStrictEqual([
      "file storage.cfg line 3 (section 'd1') - unable to parse value of 'prune-backups': property contains a line feed\n",
    ]);
  });

  it('paths are canonicalised like File::Spec->canonpath', () => {
    const r = parseStorageConfig('dir: d1\n\tpath /a//b/./c/\n\nbtrfs: b1\n\tpath /x/.\n');
    expect([r.ids['d1']?.['path'], r.ids['b1']?.['path']]).toStrictEqual(['/a/b/c', '/x']);
  });
});

describe('dir volume names', () => {
  const storage = parseStorageConfig('dir: d1\n\tpath /s\n');
  const path = (volid: string): string => {
    const r = volumePath(storage, volid);
    return E.isLeft(r)
      ? (r.left[0].proxmoxText as string)
      : `${r.right.vtype} ${String(r.right.owner)} ${r.right.path}`;
  };
  it('iso, template and backup extensions as pve-storage matches them', () => {
    expect(path('d1:iso/A.ISO')).toBe('iso null /s/template/iso/A.ISO');
    expect(path('d1:iso/a.img')).toBe('iso null /s/template/iso/a.img');
    expect(path('d1:iso/a.raw')).toBe("unable to parse directory volume name 'iso/a.raw'\n");
    expect(path('d1:vztmpl/x.tar.xz')).toBe('vztmpl null /s/template/cache/x.tar.xz');
    expect(path('d1:vztmpl/x.tar')).toBe("unable to parse directory volume name 'vztmpl/x.tar'\n");
    expect(path('d1:backup/vzdump-qemu-101-x.vma.zst')).toBe(
      'backup 101 /s/dump/vzdump-qemu-101-x.vma.zst',
    );
    expect(path('d1:backup/other.tgz')).toBe('backup null /s/dump/other.tgz');
  });
  it('image files: formats, base images, linked clones', () => {
    expect(path('d1:100/vm-100-disk-0.img')).toBe(
      "unable to parse volume filename 'vm-100-disk-0.img'\n",
    );
    expect(path('d1:100/base-100-disk-0.raw/101/vm-101-disk-0.qcow2')).toBe(
      'images 101 /s/images/101/vm-101-disk-0.qcow2',
    );
    expect(path('d1:100/bad name/101/vm-101-disk-0.qcow2')).toBe(
      "unable to parse directory volume name '100/bad name/101/vm-101-disk-0.qcow2'\n",
    );
    expect(path('d1:100/x.raw/101/y')).toBe("unable to parse volume filename 'y'\n");
  });
});
