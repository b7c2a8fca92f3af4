import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { planMounts } from '../../src/start/mount-plan.js';
import type { MountPlan, MountPlanOptions } from '../../src/start/mount-plan.js';
import { resolveMountIdmap } from '../../src/start/mount-idmap.js';
import { parseStorageConfig } from '../../src/storage/index.js';

const STORAGE = parseStorageConfig(
  'dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup,rootdir,images\n\n' +
    'lvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n\tcontent rootdir,images\n\n' +
    'zfspool: local-zfs\n\tpool rpool/data\n\tcontent images,rootdir\n\n' +
    'lvm: vg\n\tvgname vg1\n\tcontent images\n\n' +
    'dir: off\n\tpath /mnt/off\n\tdisable\n\n' +
    'dir: pinned\n\tpath /mnt/pinned\n\tnodes pve2\n\n' +
    'rbd: ceph\n\tpool vms\n\tcontent rootdir\n',
);

function plan(config: string, options: Partial<MountPlanOptions> = {}) {
  return planMounts(readConfig(config).config.main, STORAGE, { vmid: 100, ...options });
}

function ok(config: string, options: Partial<MountPlanOptions> = {}): MountPlan {
  const r = plan(config, options);
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
}

function refusals(config: string, options: Partial<MountPlanOptions> = {}) {
  const r = plan(config, options);
  if (E.isRight(r)) throw new Error('expected a refusal');
  return r.left
    .filter((d) => d.severity === 'error')
    .map((d) => [d.code, d.proxmoxText ?? d.message, d.path]);
}

describe('planMounts: kinds, order and sources', () => {
  it('rootfs first, then mp by number (not by path depth); volume, bind and device kinds', () => {
    const p = ok(
      'rootfs: local-lvm:vm-100-disk-0,size=8G\nmp10: /dev/sdb1,mp=/a\nmp1: /srv/share,mp=/a/b/\nmp0: local:100/vm-100-disk-1.raw,mp=/data\n',
    );
    expect(p.rootfsPath).toBe('/var/lib/lxc/100/rootfs');
    expect(p.mounts.map((m) => [m.key, m.kind, m.method, m.source, m.target])).toStrictEqual([
      ['rootfs', 'volume', 'direct', '/dev/pve/vm-100-disk-0', '/var/lib/lxc/100/rootfs'],
      [
        'mp0',
        'volume',
        'loop',
        '/var/lib/vz/images/100/vm-100-disk-1.raw',
        '/var/lib/lxc/100/rootfs/data',
      ],
      ['mp1', 'bind', 'bind', '/srv/share', '/var/lib/lxc/100/rootfs/a/b'],
      ['mp10', 'device', 'direct', '/dev/sdb1', '/var/lib/lxc/100/rootfs/a'],
    ]);
    expect(p.mounts[0]).toMatchObject({
      staging: '/var/lib/lxc/.pve-staged-mounts/rootfs',
      containerPath: '/',
      options: [],
      storage: {
        id: 'local-lvm',
        type: 'lvmthin',
        vtype: 'images',
        format: 'raw',
        isBase: false,
        owner: '100',
      },
    });
    expect(p.mounts[1]).toMatchObject({ loopReadOnly: false });
    expect(p.mounts[2]?.options).toStrictEqual(['bind']);
    // plans are data
    expect(JSON.parse(JSON.stringify(p))).toStrictEqual(p);
  });

  it('a subvolume is bind mounted; a zvol and an rbd volume mounted directly', () => {
    const p = ok(
      'rootfs: local-zfs:subvol-100-disk-0\nmp0: local-zfs:vm-100-disk-1,mp=/z\nmp1: ceph:vm-100-disk-2,mp=/c\n',
      {
        facts: { cephFsid: 'f5' },
      },
    );
    expect(p.mounts.map((m) => [m.method, m.source])).toStrictEqual([
      ['bind', '/rpool/data/subvol-100-disk-0'],
      ['direct', '/dev/zvol/rpool/data/vm-100-disk-1'],
      ['direct', '/dev/rbd-pve/f5/vms/vm-100-disk-2'],
    ]);
  });

  it('an rbd volume without the fsid keeps a placeholder and says so', () => {
    const p = ok('rootfs: ceph:vm-100-disk-0\n');
    expect(p.mounts[0]?.source).toBe('/dev/rbd-pve/<fsid>/vms/vm-100-disk-0');
    expect(p.diagnostics.map((d) => [d.code, d.path])).toStrictEqual([
      ['RBD_FSID_UNKNOWN', 'rootfs'],
    ]);
  });
});

describe('planMounts: options as Proxmox assembles them', () => {
  it('mountoptions filter: read-write keeps discard/lazytime/noatime/nodev/noexec/nosuid; acl appended', () => {
    const p = ok('rootfs: local:100/vm-100-disk-0.raw,mountoptions=noatime;nodev;discard,acl=1\n');
    expect(p.mounts[0]?.options).toStrictEqual(['noatime,nodev,discard,acl']);
  });

  it('read-only keeps only nodev/noexec/nosuid, adds ro last, and the loop is read-only', () => {
    const p = ok('rootfs: local:100/vm-100-disk-0.raw,mountoptions=noatime;nosuid;lazytime,ro=1\n');
    expect(p.mounts[0]).toMatchObject({
      options: ['nosuid', 'ro'],
      readOnly: true,
      loopReadOnly: true,
    });
  });

  it('acl=0 has no effect; quota adds the journaled quota options on raw and device mounts', () => {
    const raw = ok('rootfs: local-lvm:vm-100-disk-0,acl=0,quota=1\n');
    expect(raw.mounts[0]).toMatchObject({
      options: ['usrjquota=aquota.user,grpjquota=aquota.group,jqfmt=vfsv0'],
      quota: true,
    });
    const dev = ok(
      'rootfs: local-lvm:vm-100-disk-0\nmp0: /dev/sdc,mp=/q,quota=1,ro=1,mountoptions=nodev\nmp1: /dev/sdd,mp=/r,quota=1,mountoptions=noatime\n',
    );
    expect(dev.mounts[1]).toMatchObject({ options: ['nodev', 'ro'], quota: false });
    expect(dev.mounts[2]).toMatchObject({
      options: ['noatime', 'usrjquota=aquota.user,grpjquota=aquota.group,jqfmt=vfsv0'],
      quota: true,
    });
  });

  it('a read-only bind mount is remounted read-only; quota on bind mounts only warns', () => {
    const p = ok(
      'rootfs: local-lvm:vm-100-disk-0\nmp0: /srv/a,mp=/a,ro=1,mountoptions=noexec;noatime\nmp1: /srv/b,mp=/b,quota=1\nmp2: local-zfs:subvol-100-disk-1,mp=/c,quota=1\n',
    );
    expect(p.mounts[1]).toMatchObject({ options: ['bind', 'noexec'], remountReadOnly: true });
    expect(p.diagnostics.map((d) => [d.code, d.proxmoxText, d.path])).toStrictEqual([
      ['MOUNT_QUOTA_BIND', 'cannot enable quota control for bind mounts\n', 'mp1'],
      ['MOUNT_QUOTA_BIND', 'cannot enable quota control for bind mounted subvolumes\n', 'mp2'],
    ]);
  });

  it('an iso is mounted ro; a base image ro,noload', () => {
    const p = ok(
      'rootfs: local-lvm:vm-100-disk-0\nmp0: local:iso/debian.iso,mp=/iso,mountoptions=noatime\nmp1: local-lvm:base-100-disk-1,mp=/base\n',
    );
    expect(p.mounts[1]).toMatchObject({
      options: ['ro'],
      readOnly: true,
      method: 'loop',
      loopReadOnly: true,
    });
    expect(p.mounts[2]).toMatchObject({ options: ['ro,noload'], readOnly: true, method: 'direct' });
  });

  it('acl on a zfs subvolume sets the dataset acltype first; keepattrs is carried', () => {
    const p = ok(
      'rootfs: local-zfs:subvol-100-disk-0,acl=0\nmp0: local-zfs:subvol-100-disk-1,mp=/k,acl=1,keepattrs=1\n',
    );
    expect(p.mounts[0]?.commands).toStrictEqual([
      ['zfs', 'set', 'acltype=noacl', 'rpool/data/subvol-100-disk-0'],
    ]);
    expect(p.mounts[1]).toMatchObject({
      commands: [['zfs', 'set', 'acltype=posixacl', 'rpool/data/subvol-100-disk-1']],
      keepAttrs: true,
    });
  });
});

describe('planMounts: refusals with Proxmox messages', () => {
  it('quota on an unprivileged container', () => {
    expect(
      refusals('unprivileged: 1\nrootfs: local-lvm:vm-100-disk-0,quota=1\nmp0: /srv,mp=/s\n'),
    ).toStrictEqual([
      [
        'MOUNT_QUOTA_UNPRIVILEGED',
        'Quotas are not supported by unprivileged containers.\n',
        'rootfs',
      ],
    ]);
  });

  it('a storage without rootdir content; an unsupported format', () => {
    expect(
      refusals('rootfs: vg:vm-100-disk-0\nmp0: local:100/vm-100-disk-1.qcow2,mp=/q\n'),
    ).toStrictEqual([
      ['MOUNT_STORAGE_NO_ROOTDIR', "storage 'vg' does not support containers\n", 'rootfs'],
      ['MOUNT_UNSUPPORTED_FORMAT', "unsupported image format 'qcow2'\n", 'mp0'],
    ]);
  });

  it('a symlink on the way to a target (rootfs snapshot); missing directories are created', () => {
    const rootfs = fsSnapshot({
      '/mnt': { dir: true },
      '/mnt/link': { symlink: '/tmp' },
      '/srv': { dir: true },
    });
    expect(
      refusals('rootfs: local-lvm:vm-100-disk-0\nmp0: /data,mp=/mnt/link/x\n', { rootfs }),
    ).toStrictEqual([
      ['MOUNT_TARGET_SYMLINK', 'symlink encountered at: /var/lib/lxc/100/rootfs/mnt/link\n', 'mp0'],
    ]);
    const p = ok(
      'rootfs: local-lvm:vm-100-disk-0\nmp0: /data,mp=/srv/a/b\nmp1: /x,mp=/srv/a/b/link/c\nmp2: /y,mp=/opt/x/y\n',
      {
        rootfs: fsSnapshot({ '/srv/a/b/link': { symlink: '/' } }),
      },
    );
    expect(p.mounts[1]?.createsDirectories).toBeUndefined();
    // below an earlier mount the rootfs snapshot says nothing: neither checked nor created
    expect(p.mounts[2]?.createsDirectories).toBeUndefined();
    expect(p.mounts[3]?.createsDirectories).toStrictEqual(['/opt', '/opt/x', '/opt/x/y']);
  });

  it('storage errors: missing storage, bad volume name, disabled, not on this node', () => {
    expect(
      refusals(
        'rootfs: nope:vm-100-disk-0\nmp0: local-lvm:100/x,mp=/a\nmp1: off:100/vm-100-disk-1.raw,mp=/b\nmp2: pinned:100/vm-100-disk-2.raw,mp=/c\n',
        {
          node: 'pve1',
        },
      ),
    ).toStrictEqual([
      ['STORAGE_NOT_FOUND', "storage 'nope' does not exist\n", 'rootfs'],
      ['VOLUME_NAME_INVALID', "lvm name '100/x' contains illegal characters\n", 'mp0'],
      ['MOUNT_STORAGE_DISABLED', "storage 'off' is disabled\n", 'mp1'],
      ['MOUNT_STORAGE_NOT_ON_NODE', "storage 'pinned' is not available on node 'pve1'\n", 'mp2'],
    ]);
  });

  it('overlapping idmap entries', () => {
    expect(
      refusals(
        'unprivileged: 1\nrootfs: local-lvm:vm-100-disk-0\nmp0: /srv,mp=/s,idmap=u:1000:1000:10;u:1005:2000:1\n',
      ),
    ).toStrictEqual([
      [
        'MOUNT_IDMAP_OVERLAP',
        "'mp0' idmap: u container range 1005..1005 overlaps 1000..1009",
        'mp0.idmap',
      ],
    ]);
    expect(
      refusals(
        'unprivileged: 1\nrootfs: local-lvm:vm-100-disk-0\nmp0: /srv,mp=/s,idmap=g:1:7:2;g:50:8:1\n',
      ),
    ).toStrictEqual([
      ['MOUNT_IDMAP_OVERLAP', "'mp0' idmap: g disk range 8..8 overlaps 7..8", 'mp0.idmap'],
    ]);
  });
});

describe('planMounts: id maps and devices', () => {
  it("resolves a mount point's idmap against the default map (the spec's example)", () => {
    const p = ok(
      'unprivileged: 1\nrootfs: local-lvm:vm-100-disk-0\nmp0: /srv,mp=/s,idmap=u:1000:1000:1;g:100:50:5\nmp1: /srv2,mp=/t,idmap=passthrough\n',
    );
    expect(p.mounts[1]?.idmap).toStrictEqual({
      passthrough: false,
      map: [
        { type: 'u', from: 100000, to: 100000, count: 1000 },
        { type: 'u', from: 1000, to: 101000, count: 1 },
        { type: 'u', from: 101001, to: 101001, count: 64535 },
        { type: 'g', from: 100000, to: 100000, count: 100 },
        { type: 'g', from: 50, to: 100100, count: 5 },
        { type: 'g', from: 100105, to: 100105, count: 65431 },
      ],
    });
    expect(p.mounts[2]?.idmap).toStrictEqual({ passthrough: true, map: p.idMap });
    expect(p.rootOwner).toStrictEqual({ uid: 100000, gid: 100000 });
    expect(ok('rootfs: local-lvm:vm-100-disk-0\n').rootOwner).toStrictEqual({ uid: 0, gid: 0 });
    expect(
      resolveMountIdmap(
        [{ type: 'u', from: 0, to: 5, count: 4 }],
        [{ type: 'u', ct: 3, disk: 9, count: 9 }],
      ),
    ).toStrictEqual([
      { type: 'u', from: 5, to: 5, count: 3 },
      { type: 'u', from: 9, to: 8, count: 1 },
    ]);
  });

  it('a privileged container ignores idmap with a warning', () => {
    const p = ok('rootfs: local-lvm:vm-100-disk-0\nmp0: /srv,mp=/s,idmap=passthrough\n');
    expect(p.mounts[1]?.idmap).toBeUndefined();
    expect(p.diagnostics.map((d) => [d.code, d.proxmoxText])).toStrictEqual([
      [
        'MOUNT_IDMAP_IGNORED',
        "'mp0' - ignoring 'idmap' option unsupported by privileged container\n",
      ],
    ]);
  });

  it('passthrough devices: nodes, default mode, owners mapped through raw lxc.idmap', () => {
    const p = ok(
      'rootfs: local-lvm:vm-100-disk-0\ndev0: /dev/dri/card0,mode=0666,uid=33,gid=44\ndev1: /dev/ttyUSB0,deny-write=1\n' +
        'lxc.idmap: u 0 200000 65536\nlxc.idmap: g 0 300000 65536\n',
      {
        deviceNodes: {
          '/dev/dri/card0': { type: 'c', major: 226, minor: 0 },
          '/dev/ttyUSB0': { type: 'c', major: 188, minor: 0 },
        },
      },
    );
    expect(p.devices).toStrictEqual([
      {
        key: 'dev0',
        path: '/dev/dri/card0',
        node: '/var/lib/lxc/100/passthrough/dev/dri/card0',
        mode: '0666',
        containerUid: 33,
        containerGid: 44,
        uid: 200033,
        gid: 300044,
        denyWrite: false,
        device: { type: 'c', major: 226, minor: 0, listEntry: 'c:226:0:/dev/dri/card0' },
      },
      {
        key: 'dev1',
        path: '/dev/ttyUSB0',
        node: '/var/lib/lxc/100/passthrough/dev/ttyUSB0',
        mode: '0660',
        containerUid: 0,
        containerGid: 0,
        uid: 200000,
        gid: 300000,
        denyWrite: true,
        device: { type: 'c', major: 188, minor: 0, listEntry: 'c:188:0:/dev/ttyUSB0' },
      },
    ]);
  });

  it('device refusals: an unmapped owner, a node missing on the host', () => {
    expect(
      refusals('unprivileged: 1\nrootfs: local-lvm:vm-100-disk-0\ndev0: /dev/null,uid=70000\n'),
    ).toStrictEqual([
      [
        'MOUNT_DEVICE_ID_UNMAPPED',
        "'dev0': uid 70000 is not mapped by the container's id map",
        'dev0',
      ],
    ]);
    expect(
      refusals('rootfs: local-lvm:vm-100-disk-0\ndev0: /dev/gone\n', { deviceNodes: {} }),
    ).toStrictEqual([
      [
        'MOUNT_DEVICE_MISSING',
        "'dev0': device '/dev/gone' is not among the host's device nodes",
        'dev0',
      ],
    ]);
  });

  it('entries that do not parse are skipped, with a notice', () => {
    const p = ok('rootfs: local-lvm:vm-100-disk-0\nmp0: /srv,mp=/s,bogus=1\ndev0: mode=0600\n');
    expect(p.mounts.map((m) => m.key)).toStrictEqual(['rootfs']);
    expect(p.diagnostics.map((d) => [d.code, d.path])).toStrictEqual([
      ['MOUNT_ENTRY_SKIPPED', 'mp0'],
      ['MOUNT_ENTRY_SKIPPED', 'dev0'],
    ]);
  });
});
