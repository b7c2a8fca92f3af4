import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  mapId,
  planCreate,
  planPostCreate,
  templateCompression,
} from '../../src/create/index.js';
import { writeConfig } from '../../src/config/writer.js';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { debianTree } from '../support/debian-tree.js';

const host = () => ({ random: drand48(1) });

describe('templateCompression', () => {
  it.each([
    ['a.tar', 'none'],
    ['local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', 'zstd'],
    ['x.tar.gz', 'gzip'],
    ['x.tar.xz', 'xz'],
    ['x.tar.bz2', 'bzip2'],
    ['x.tar.lzo', 'lzo'],
  ])('%s → %s', (name, want) => {
    expect(templateCompression(name)).toEqual(E.right(want));
  });
  it('names an unknown compression as Proxmox does', () => {
    const r = templateCompression('/t/x.tar.lz4');
    expect(E.isLeft(r) && r.left[0].proxmoxText).toBe('unrecognized compression format: .lz4\n');
    expect(E.isLeft(r) && r.left[0].code).toBe('TEMPLATE_COMPRESSION_UNKNOWN');
  });
  it.each(['/t/x.tgz', '/t/x.tar.gz.part', '/t/x'])('refuses %s', (name) => {
    const r = templateCompression(name);
    expect(E.isLeft(r) && r.left[0].proxmoxText).toBe(
      `file does not look like a template archive: ${name}\n`,
    );
  });
});

function okPlan(options: Record<string, string>, extra: object = {}) {
  const r = planCreate(
    { vmid: 100, template: 'local:vztmpl/d.tar.zst', options },
    { ...host(), ...extra },
  );
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
}

describe('createConfig', () => {
  it('defaults: unprivileged, rootfs local:4 as a raw image of 4G, the default id map', () => {
    const p = okPlan({});
    expect(p.config.main.values['unprivileged']).toBe(1);
    expect(p.config.main.values['rootfs']).toBe('local:100/vm-100-disk-0.raw,size=4G');
    expect(p.idMap).toHaveLength(2);
    expect(mapId(p.idMap, 'u', 0)).toBe(100000);
    expect(mapId(p.idMap, 'g', 65535)).toBe(165535);
    expect(mapId(p.idMap, 'u', 65536)).toBeUndefined();
    expect(p.extraction.proxmoxCommand.slice(0, 6)).toEqual([
      'lxc-usernsexec',
      '-m',
      'u:0:100000:65536',
      '-m',
      'g:0:100000:65536',
      '--',
    ]);
    expect(p.extraction.proxmoxCommand).toContain('--zstd');
  });
  it('privileged: no id map, ids kept', () => {
    const p = okPlan({ unprivileged: '0' });
    expect(p.config.main.values['unprivileged']).toBeUndefined();
    expect(p.idMap).toEqual([]);
    expect(mapId(p.idMap, 'u', 12345)).toBe(12345);
    expect(p.extraction.proxmoxCommand[0]).toBe('tar');
  });
  it('normalises through pct set: nameserver, searchdomain, tags, netN with veth and a MAC', () => {
    const p = okPlan({
      nameserver: '1.1.1.1,  8.8.8.8',
      searchdomain: 'a.example;b.example',
      tags: 'Zed;alpha,beta',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
    });
    const v = p.config.main.values;
    expect(v['nameserver']).toBe('1.1.1.1 8.8.8.8');
    expect(v['searchdomain']).toBe('a.example b.example');
    expect(v['tags']).toBe('alpha;beta;zed');
    expect(v['net0']).toMatch(
      /^name=eth0,bridge=vmbr0,hwaddr=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},ip=dhcp,type=veth$/,
    );
    // The same seed gives the same MAC.
    expect(okPlan({ net0: 'name=eth0,bridge=vmbr0' }).config.main.values['net0']).toBe(
      okPlan({ net0: 'name=eth0,bridge=vmbr0' }).config.main.values['net0'],
    );
  });
  it('sizes and names volumes from the storage facts, lowest free index per storage', () => {
    const storages = {
      local: {
        type: 'dir',
        content: ['rootdir'],
        volumes: ['100/vm-100-disk-0.raw', '101/vm-101-disk-1.raw'],
      },
      tank: { type: 'zfspool', content: ['rootdir', 'images'] },
      lvm: { type: 'lvmthin', content: ['rootdir'], volumes: ['vm-100-disk-0', 'vm-100-disk-2'] },
    };
    const p = okPlan(
      { rootfs: 'tank:8', mp0: 'lvm:0.5,mp=/srv', mp1: '2,mp=/data,backup=1', mp2: 'lvm:1,mp=/x' },
      { storages },
    );
    const v = p.config.main.values;
    expect(v['rootfs']).toBe('tank:subvol-100-disk-0,size=8G');
    expect(v['mp0']).toBe('lvm:vm-100-disk-1,mp=/srv,size=512M');
    expect(v['mp1']).toBe('local:100/vm-100-disk-1.raw,mp=/data,backup=1,size=2G');
    expect(v['mp2']).toBe('lvm:vm-100-disk-3,mp=/x,size=1G');
    expect(p.volumes.map((x) => [x.key, x.format, x.size])).toEqual([
      ['rootfs', 'subvol', 8 * 2 ** 30],
      ['mp0', 'raw', 512 * 2 ** 20],
      ['mp1', 'raw', 2 * 2 ** 30],
      ['mp2', 'raw', 2 ** 30],
    ]);
    expect(p.extraction.mounts.map((m) => m.path)).toEqual(['/', '/srv', '/data', '/x']);
  });
  it('--storage applies to bare sizes and the default rootfs', () => {
    const storages = { fast: { type: 'lvmthin', content: ['rootdir'] } };
    expect(okPlan({ storage: 'fast' }, { storages }).config.main.values['rootfs']).toBe(
      'fast:vm-100-disk-0,size=4G',
    );
    expect(
      okPlan({ storage: 'fast', rootfs: '10' }, { storages }).config.main.values['rootfs'],
    ).toBe('fast:vm-100-disk-0,size=10G');
  });
  it("collects Proxmox's errors for bad combinations", () => {
    const r = createConfig(
      {
        vmid: 100,
        template: 't.tar',
        options: { mp0: 'local:1,mp=/a', memory: 'lots', mp1: '/srv/x,mp=/b' },
      },
      { ...host(), root: false },
    );
    expect(E.isLeft(r)).toBe(true);
    const texts = E.isLeft(r) ? r.left.map((d) => d.proxmoxText) : [];
    expect(texts).toContain("mount points configured, but 'rootfs' not set - aborting\n");
    expect(texts).toContain('Only root can pass arbitrary filesystem paths.\n');
    const codes = E.isLeft(r) ? r.left.map((d) => d.code) : [];
    expect(codes).toContain('CREATE_MOUNT_POINTS_WITHOUT_ROOTFS');
    expect(codes).toContain('CREATE_ROOT_ONLY_PATH');
    expect(
      texts.some(
        (t) => t?.startsWith('Parameter verification failed.\n') && t.includes('memory: '),
      ),
    ).toBe(true);
  });
  it('refuses storages that do not exist or lack rootdir', () => {
    const storages = { iso: { type: 'dir', content: ['iso'] } };
    const r = createConfig(
      { vmid: 7, template: 't.tar', options: { rootfs: 'iso:1', mp0: 'nope:1,mp=/x' } },
      { ...host(), storages },
    );
    const texts = E.isLeft(r) ? r.left.map((d) => d.proxmoxText) : [];
    expect(texts).toEqual([
      "storage 'iso' does not support container directories\n",
      "storage 'nope' does not exist\n",
    ]);
    expect(E.isLeft(r) && r.left.map((d) => d.code)).toEqual([
      'CREATE_STORAGE_NO_ROOTDIR',
      'CREATE_NO_SUCH_STORAGE',
    ]);
  });
  it('warns about unusedN and ignores it', () => {
    const p = okPlan({ unused0: 'local:100/vm-100-disk-9.raw' });
    expect(p.config.main.values['unused0']).toBeUndefined();
    expect(p.diagnostics.map((d) => d.code)).toEqual(['CREATE_UNUSED_IGNORED']);
  });
  it('reports both a template and a parameter error at once', () => {
    const r = planCreate({ vmid: 1, template: 'x.zip', options: { cores: 'x' } }, host());
    expect(E.isLeft(r) && r.left.map((d) => d.code)).toEqual([
      'TEMPLATE_NOT_ARCHIVE',
      'CREATE_INVALID_PARAMETER',
    ]);
  });
});

describe('planPostCreate', () => {
  it('detects, plans setup, then applies the defaults (B.1 example)', () => {
    const p = okPlan({});
    const r = planPostCreate(p, {
      snapshot: debianTree(),
      now: 1_700_000_000,
      random: drand48(0),
      uuid: () => '00000000-0000-0000-0000-000000000000',
      hostDns: { nameservers: ['192.0.2.53'], searchdomains: ['example.org'] },
    });
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    // No /bin/sh in this tree: arch falls back to amd64 with Proxmox's hint.
    expect(r.right.configText).toBe(
      'arch: amd64\nhostname: CT100\nmemory: 512\nostype: debian\nrootfs: local:100/vm-100-disk-0.raw,size=4G\nswap: 512\nunprivileged: 1\n',
    );
    const ops = r.right.setup.operations;
    // The CT side gets `localhost` (hostname default comes after setup), host DNS, `*` password, keys.
    const paths = ops.map((o) => ('path' in o ? o.path : ''));
    expect(paths).toContain('/etc/resolv.conf');
    expect(paths).toContain('/etc/ssh/ssh_host_ed25519_key');
    expect(JSON.stringify(ops)).toContain('192.0.2.53');
    expect(JSON.stringify(ops)).toContain('root:*:');
    expect(
      r.right.diagnostics.some((d) => d.proxmoxText?.startsWith('Falling back to amd64.')),
    ).toBe(true);
    expect(
      r.right.diagnostics.find((d) => d.proxmoxText?.startsWith('Falling back to amd64.'))?.code,
    ).toBe('CREATE_DETECTION_WARNING');
  });
  it('overrides a given ostype with the detected one and warns as Proxmox does', () => {
    const p = okPlan({ ostype: 'alpine', nameserver: '1.1.1.1', arch: 'arm64' });
    const r = planPostCreate(p, {
      snapshot: debianTree(),
      now: 0,
      random: drand48(0),
      uuid: () => 'u',
      hostDns: { nameservers: ['192.0.2.53'], searchdomains: [] },
      sshHostKeys: false,
    });
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    expect(r.right.config.main.values['ostype']).toBe('debian');
    expect(r.right.config.main.values['arch']).toBe('arm64');
    expect(r.right.diagnostics.map((d) => [d.code, d.proxmoxText])).toContainEqual([
      'CREATE_OSTYPE_OVERRIDDEN',
      'got unexpected ostype (debian != alpine)\n',
    ]);
    expect(JSON.stringify(r.right.setup.operations)).not.toContain('192.0.2.53');
  });
  it('fails with detection’s text on an undetectable tree', () => {
    const r = planPostCreate(okPlan({}), {
      snapshot: fsSnapshot({ '/etc/os-release': 'ID=\n' }),
      now: 0,
      random: drand48(0),
      uuid: () => 'u',
      hostDns: { nameservers: [], searchdomains: [] },
    });
    expect(E.isLeft(r) && r.left[0].proxmoxText).toBe('unable to detect OS distribution\n');
    expect(E.isLeft(r) && r.left[0].code).toBe('CREATE_DETECTION_FAILED');
  });
  it('the pre-extraction config is writable too', () => {
    expect(E.isRight(writeConfig(okPlan({ hostname: 'a' }).config))).toBe(true);
  });
});
