import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type DetectConfig,
  type Detection,
  type DetectionError,
  OS_TYPES,
  detectOs,
} from '../../src/os/detect.js';
import { type FsEntryInput, fsSnapshot } from '../../src/os/fs-snapshot.js';
import { loadSetupTestTree } from '../support/load-tree.js';
import { listShared, readShared } from '../support/shared.js';

const AMD64 = new Uint8Array([
  0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0,
]);
const FALLBACK = 'Falling back to amd64.\nUse `pct set VMID --arch ARCH` to change.\n';

function detect(
  files: Record<string, FsEntryInput>,
  config: DetectConfig = {},
): E.Either<readonly [DetectionError], Detection> {
  return detectOs(fsSnapshot({ '/bin/sh': AMD64, ...files }), config);
}
const ok = (r: E.Either<readonly [DetectionError], Detection>): Detection => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${r.left[0].message}`);
  return r.right;
};
const err = (r: E.Either<readonly [DetectionError], Detection>): DetectionError => {
  if (E.isRight(r)) throw new Error(`expected failure, got ${r.right.type}`);
  expect(r.left).toHaveLength(1);
  return r.left[0];
};

describe('choosing the plugin', () => {
  it('uses os-release ID when it is a plugin key', () => {
    for (const [id, files] of [
      ['debian', { '/etc/debian_version': '12.1\n' }],
      ['alpine', {}],
      ['archlinux', {}],
      ['nixos', {}],
      ['unmanaged', {}],
    ] as const) {
      expect(ok(detect({ '/etc/os-release': `ID=${id}\n`, ...files })).type).toBe(id);
    }
  });

  it.each([
    ['opensuse-leap', 'opensuse', '15.2'],
    ['opensuse-tumbleweed', 'opensuse', '20240901'],
    ['opensuse-slowroll', 'opensuse', '20240901'],
    ['sles', 'opensuse', '12.2'],
    ['openEuler', 'openeuler', '24.03'],
    ['arch', 'archlinux', ''],
    ['rocky', 'centos', ''],
    ['almalinux', 'centos', ''],
  ])('maps the alias ID %s to %s', (id, type, versionId) => {
    const d = ok(
      detect({
        '/etc/os-release': `ID="${id}"\nVERSION_ID="${versionId}"\n`,
        '/etc/redhat-release': 'Rocky Linux release 9.3 (Blue Onyx)\n',
      }),
    );
    expect(d.type).toBe(type);
  });

  it('is case-sensitive for IDs (openeuler is a key, OPENEULER is unknown)', () => {
    const e = err(detect({ '/etc/os-release': 'ID=OPENEULER\n' }));
    expect(e.stderr).toEqual([
      "unknown ID 'OPENEULER' in /etc/os-release file, trying fallback detection\n",
    ]);
    expect(e.warnings.map((w) => w.code)).toEqual(['DETECT_UNKNOWN_OS_ID']);
    expect(e).toMatchObject({
      code: 'UNDETECTABLE',
      severity: 'error',
      message: 'unable to detect OS distribution',
      path: 'ostype',
      proxmoxText: 'unable to detect OS distribution\n',
    });
  });

  it.each([
    [
      'ubuntu',
      {
        '/etc/lsb-release': 'DISTRIB_ID=ubuntu\nDISTRIB_RELEASE=22.04\n',
        '/etc/debian_version': 'bookworm/sid\n',
      },
    ],
    [
      'debian',
      {
        '/etc/lsb-release': 'DISTRIB_ID=Mint\n',
        '/etc/debian_version': '12.1\n',
        '/etc/devuan_version': 'ascii',
      },
    ],
    ['devuan', { '/etc/devuan_version': 'ascii\n', '/etc/SuSE-release': '' }],
    ['opensuse', { '/etc/SuSE-brand': '', '/etc/fedora-release': '' }],
    ['fedora', { '/etc/fedora-release': '', '/etc/redhat-release': '' }],
    ['centos', { '/etc/centos-release': '', '/etc/arch-release': '' }],
    ['archlinux', { '/etc/arch-release': '', '/etc/alpine-release': '' }],
    ['alpine', { '/etc/alpine-release': '', '/etc/gentoo-release': '' }],
    ['gentoo', { '/etc/gentoo-release': '', '/nix/store': { dir: true } }],
    ['nixos', { '/nix/store': { dir: true }, '/etc/openEuler-release': '' }],
    ['openeuler', { '/etc/openEuler-release': '' }],
  ] as const)('falls back to file probes in order: %s first', (type, files) => {
    const r = detect(files);
    expect(E.isLeft(r) ? r.left[0].type : r.right.type).toBe(type);
  });

  it('probes with -f / -d semantics: dangling links and directories do not count', () => {
    const r = detect({
      '/etc/debian_version': { symlink: '/missing' },
      '/etc/devuan_version': { dir: true },
      '/nix/store': 'not a dir',
      '/etc/alpine-release': { symlink: '../usr/lib/alpine-release' },
      '/usr/lib/alpine-release': '3.20.0\n',
    });
    expect(ok(r).type).toBe('alpine');
    expect(ok(r).version).toBe('3.20.0');
  });

  it('dies when /etc/os-release exists but nothing matched, else falls back to unmanaged', () => {
    const e = err(detect({ '/etc/os-release': 'NAME=x\n' }));
    expect(e).toMatchObject({
      code: 'UNDETECTABLE',
      proxmoxText: 'unable to detect OS distribution\n',
      stderr: [],
    });
    expect(e.type).toBeUndefined();
    // /usr/lib/os-release is read for the ID but does not count for the final check.
    const d = ok(detect({ '/usr/lib/os-release': 'ID=linuxmint\n' }));
    expect(d.type).toBe('unmanaged');
    expect(d.stderr).toEqual([
      "unknown ID 'linuxmint' in /etc/os-release file, trying fallback detection\n",
      "/etc/os-release file not found and autodetection failed, falling back to 'unmanaged'\n",
    ]);
    expect(d.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['DETECT_UNKNOWN_OS_ID', 'warning'],
      ['DETECT_FALLBACK_UNMANAGED', 'warning'],
    ]);
    expect(d.stdout).toEqual([FALLBACK]);
    expect(d.version).toBeUndefined();
  });

  it('treats ID "0" as empty (Perl truthiness)', () => {
    expect(err(detect({ '/etc/os-release': 'ID=0\n' })).stderr).toEqual([]);
  });
});

describe('configured ostype', () => {
  it('warns on a mismatch but keeps the detected type and overwrites ostype', () => {
    const d = ok(detect({ '/etc/debian_version': '11.1\n' }, { ostype: 'centos' }));
    expect(d.type).toBe('debian');
    expect(d.config).toEqual({ ostype: 'debian', arch: 'amd64' });
    expect(d.warnings).toEqual([
      {
        code: 'DETECT_OSTYPE_MISMATCH',
        severity: 'warning',
        message: 'got unexpected ostype (debian != centos)',
        proxmoxText: 'got unexpected ostype (debian != centos)\n',
      },
    ]);
  });

  it('adds the /etc warning when /etc is missing', () => {
    const d = ok(
      detect({ '/nix/store': { dir: true }, '/sbin/init': '#!/bin/sh\n' }, { ostype: 'debian' }),
    );
    expect(d.warnings.map((w) => [w.code, w.proxmoxText])).toEqual([
      ['DETECT_NO_ETC', 'WARNING: /etc not present in CT, is the rootfs mounted?\n'],
      ['DETECT_OSTYPE_MISMATCH', 'got unexpected ostype (nixos != debian)\n'],
    ]);
    expect(d.config.arch).toBe('amd64');
    expect(d.arch.source).toBe('detected');
  });

  it('never rescues a failed detection', () => {
    const e = err(detect({ '/etc/os-release': 'ID=foo\n' }, { ostype: 'debian' }));
    expect(e.proxmoxText).toBe('unable to detect OS distribution\n');
    expect(e.config).toEqual({ ostype: 'debian' });
  });

  it('unmanaged skips detection entirely (and architecture detection)', () => {
    const d = ok(detect({ '/etc/os-release': 'ID=debian\n' }, { ostype: 'unmanaged' }));
    expect(d).toMatchObject({
      type: 'unmanaged',
      pluginClass: 'PVE::LXC::Setup::Unmanaged',
      stderr: [],
      stdout: [FALLBACK],
    });
    expect(d.arch).toEqual({ arch: 'amd64', source: 'fallback', stdout: [FALLBACK], stderr: [] });
  });

  it('an explicit type skips detection; an unknown one dies', () => {
    const d = detectOs(
      fsSnapshot({ '/bin/sh': AMD64 }),
      { ostype: 'centos' },
      { type: 'archlinux' },
    );
    expect(ok(d)).toMatchObject({ type: 'archlinux', warnings: [] });
    const e = err(detectOs(fsSnapshot({}), {}, { type: 'windows' }));
    expect(e).toMatchObject({
      code: 'NO_SUCH_OS_TYPE',
      message: "no such OS type 'windows'",
      proxmoxText: "no such OS type 'windows'\n",
    });
  });
});

describe('plugin results', () => {
  it('reports the plugin attempted when its constructor dies, with rootfs in host paths', () => {
    const r = detectOs(
      fsSnapshot({ '/etc/os-release': 'ID=ubuntu\n' }),
      { ostype: 'ubuntu' },
      { rootfs: '/var/lib/lxc/100/rootfs' },
    );
    expect(err(r)).toMatchObject({
      code: 'FILE_UNREADABLE',
      type: 'ubuntu',
      pluginClass: 'PVE::LXC::Setup::Ubuntu',
      message: "can't open '/var/lib/lxc/100/rootfs/etc/lsb-release' - No such file or directory",
      proxmoxText: "can't open '/var/lib/lxc/100/rootfs/etc/lsb-release' - No such file or directory\n",
      config: { ostype: 'ubuntu' },
      stdout: [],
    });
  });

  it('puts plugin warnings after detection warnings and before architecture messages', () => {
    const d = ok(detect({ '/etc/debian_version': '16.0\n', '/bin/sh': 'x' }, { ostype: 'alpine' }));
    expect(d.stderr.map((l) => l.slice(0, 30))).toEqual([
      'got unexpected ostype (debian ',
      "The container's Debian version",
      "'/bin/sh' does not resolve to ",
      'Architecture detection failed:',
    ]);
    // The warnings are the stderr lines before the architecture's, as diagnostics.
    expect(d.warnings.map((w) => w.code)).toEqual(['DETECT_OSTYPE_MISMATCH', 'DETECT_UNTESTED_VERSION']);
    expect(d.warnings.map((w) => w.proxmoxText)).toEqual(d.stderr.slice(0, 2));
    expect(d.arch.failure?.code).toBe('NOT_ELF');
  });

  it('leaves a configured arch alone', () => {
    const d = ok(
      detect({ '/etc/debian_version': '12\n', '/bin/sh': 'not elf' }, { arch: 'arm64' }),
    );
    expect(d.arch).toEqual({ arch: 'arm64', source: 'config', stdout: [], stderr: [] });
    expect(d.stdout).toEqual([]);
  });

  it('exports every plugin key', () => {
    expect(OS_TYPES).toHaveLength(12);
  });
});

/** Spec §8: detection results of the upstream setup tests (pve-tests/setup/test-*). */
const SETUP_TESTS: Record<string, readonly [string, number | string, string?]> = {
  'test-alpine-001': ['alpine', '3.8.0'],
  'test-alpine-002': ['alpine', '3.13.1'],
  'test-alpine-003': ['alpine', '3.13.1'],
  'test-centos10-001': ['centos', '10'],
  'test-centos10-002': ['centos', '10'],
  'test-centos6-001': ['centos', '6.3'],
  'test-centos6-002': ['centos', '6.3'],
  'test-centos8-001': ['centos', '8.3'],
  'test-debian-001': ['debian', 7],
  'test-debian-002': ['debian', 7],
  'test-debian-003': ['debian', 7, 'i386'],
  'test-debian-004': ['debian', 7, 'i386'],
  'test-debian-005': ['debian', 7],
  'test-debian-006': ['debian', 7],
  'test-debian-007': ['debian', 7],
  'test-debian-008': ['debian', 7, 'i386'],
  'test-debian-009': ['debian', 7],
  'test-debian-010': ['debian', 6],
  'test-debian-011': ['debian', 8],
  'test-debian-012': ['debian', 8],
  'test-debian-013': ['debian', 8],
  'test-debian-014': ['debian', 7],
  'test-debian-015': ['debian', 11],
  'test-debian-016': ['debian', 13],
  'test-devuan-001': ['devuan', 8],
  'test-devuan-002': ['devuan', 9, 'i386'],
  'test-fedora-001': ['fedora', '41'],
  'test-opensuse-001': ['opensuse', '13.2'],
  'test-opensuse-002': ['opensuse', '13.1'],
  'test-opensuse-003': ['opensuse', '42.2'],
  'test-opensuse-004': ['opensuse', '20170729'],
  'test-opensuse-005': ['opensuse', '12.2'],
  'test-opensuse-slowroll-001': ['opensuse', '20240901'],
};

describe('upstream setup test trees', () => {
  it('lists all 33 cases', () => {
    expect(listShared('pve-tests', 'setup').filter((n) => n.startsWith('test-'))).toEqual(
      Object.keys(SETUP_TESTS).sort(),
    );
  });

  it.each(Object.entries(SETUP_TESTS))('%s', (test, [type, version, arch]) => {
    const conf = readShared('pve-tests', 'setup', test, 'config');
    const ostype = /^ostype:\s*(\S+)/m.exec(conf)?.[1];
    const confArch = /^arch:\s*(\S+)/m.exec(conf)?.[1];
    const d = ok(
      detectOs(loadSetupTestTree(test), {
        ...(ostype && { ostype }),
        ...(confArch && { arch: confArch }),
      }),
    );
    expect([d.type, d.version, d.warnings]).toEqual([type, version, []]);
    // Only test-fedora-001 has a /bin/sh (a partial amd64 ELF header); the others fall back.
    expect(d.config.arch).toBe(arch ?? 'amd64');
    expect(d.arch.source).toBe(
      arch ? 'config' : test === 'test-fedora-001' ? 'detected' : 'fallback',
    );
  });
});
