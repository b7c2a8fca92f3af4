import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type FsEntryInput, fsSnapshot } from '../../src/os/fs-snapshot.js';
import {
  type PluginConstructor,
  SUSE_UNRECOGNIZED_LOCATION,
  UBUNTU_KNOWN_VERSIONS,
  alpinePlugin,
  archlinuxPlugin,
  centosPlugin,
  debianPlugin,
  devuanPlugin,
  fedoraPlugin,
  gentooPlugin,
  nixosPlugin,
  openeulerPlugin,
  perlNumber,
  readFirstLine,
  susePlugin,
  ubuntuPlugin,
  unmanagedPlugin,
} from '../../src/os/plugin-version.js';

function run(
  plugin: PluginConstructor,
  files: Record<string, FsEntryInput> = {},
  osRelease: Record<string, string> = {},
): unknown {
  const r = plugin({
    snapshot: fsSnapshot(files),
    osRelease: new Map(Object.entries(osRelease)),
    rootfs: '/rootfs',
  });
  return E.isLeft(r) ? r.left.message : r.right;
}

describe('perlNumber', () => {
  it.each([
    ['17.10', 17.1],
    ['10.1', 10.1],
    [' 42abc', 42],
    ['abc', 0],
    ['', 0],
    ['-3.5e2x', -350],
    ['.5', 0.5],
    ['1.', 1],
    ['0x10', 0],
    ['inf', Infinity],
  ])('%j → %d', (s, n) => {
    expect(perlNumber(s)).toBe(n);
  });
});

describe('readFirstLine', () => {
  const s = fsSnapshot({
    '/a': 'one\ntwo\n',
    '/b': '',
    '/c': '\nx',
    '/d': 'no newline',
    '/e': 'cr\r\n',
  });
  it('is the first line without LF, undefined for missing or empty files', () => {
    expect(readFirstLine(s, '/a')).toBe('one');
    expect(readFirstLine(s, '/b')).toBeUndefined();
    expect(readFirstLine(s, '/c')).toBe('');
    expect(readFirstLine(s, '/d')).toBe('no newline');
    expect(readFirstLine(s, '/e')).toBe('cr\r');
    expect(readFirstLine(s, '/missing')).toBeUndefined();
  });
});

describe('Debian', () => {
  const v = (content: string): unknown => run(debianPlugin, { '/etc/debian_version': content });
  it.each([
    ['7.0\n', 7],
    ['6.0.10\n', 6],
    ['11.1\n', 11],
    ['13.1', 13],
    ['stretch/sid\n', 9],
    ['buster/sid\n', 10],
    ['bullseye/sid\n', 11],
    ['bookworm/sid\n', 12],
    ['trixie/sid\n', 13],
    ['forky/sid\n', 14],
    ['kali-rolling\n', 12],
    ['4.0\n', 4],
    ['12.5junk\n', 12],
  ])('%j → %i', (content, version) => {
    expect(v(content)).toEqual({ version, warnings: [] });
  });

  it('warns beyond the tested release', () => {
    const msg =
      "The container's Debian version '15' is newer than the tested version '14'. While everything may work fine, full compatibility cannot be guaranteed. Please check for PVE system updates.\n";
    expect(v('duke/sid\n')).toEqual({ version: 15, warnings: [msg] });
    expect(v('15.0\n')).toEqual({ version: 15, warnings: [msg] });
  });

  it('dies on missing, unparsable and old versions', () => {
    expect(run(debianPlugin)).toBe('unable to read version info\n');
    expect(v('')).toBe('unable to read version info\n');
    expect(v('jessie/sid\n')).toBe("unable to parse version info 'jessie/sid'\n");
    expect(v('3.1\n')).toBe("Container Debian version '3' is too old\n");
  });
});

describe('Devuan', () => {
  it.each([
    ['jessie', 8],
    ['ASCII', 9],
    ['ascii/ceres', 9],
    ['beowulf', 10],
    ['chimaera/ceres', 11],
    ['daedalus', 12],
    ['excalibur/ceres', 13],
  ])('%s → %i', (name, version) => {
    expect(run(devuanPlugin, { '/etc/devuan_version': `${name}\n` })).toEqual({
      version,
      devuanVersion: name.toLowerCase(),
      warnings: [],
    });
  });

  it('dies on missing and unknown releases', () => {
    expect(run(devuanPlugin)).toBe('unable to read version info\n');
    expect(run(devuanPlugin, { '/etc/devuan_version': 'Ceres\n' })).toBe(
      "unsupported Devuan version 'ceres'\n",
    );
  });
});

describe('Ubuntu', () => {
  const lsb = (id: string, release: string): Record<string, string> => ({
    '/etc/lsb-release': `DISTRIB_ID=${id}\nDISTRIB_RELEASE=${release}\nDISTRIB_CODENAME=x\n`,
  });

  it('knows 12.04 … 26.10', () => {
    expect(UBUNTU_KNOWN_VERSIONS.has('12.04')).toBe(true);
    expect(UBUNTU_KNOWN_VERSIONS.has('16.10')).toBe(true);
    expect(UBUNTU_KNOWN_VERSIONS.has('26.10')).toBe(true);
    expect(UBUNTU_KNOWN_VERSIONS.has('13.04')).toBe(false);
    expect(UBUNTU_KNOWN_VERSIONS.has('27.04')).toBe(false);
    expect(UBUNTU_KNOWN_VERSIONS.size).toBe(26);
  });

  it('accepts known versions, any DISTRIB_ID case', () => {
    expect(run(ubuntuPlugin, lsb('Ubuntu', '22.04'))).toEqual({ version: '22.04', warnings: [] });
    expect(run(ubuntuPlugin, lsb('ubuntu', '17.10'))).toEqual({ version: '17.10', warnings: [] });
  });

  it('warns for unknown newer versions and dies for unknown old ones', () => {
    expect(run(ubuntuPlugin, lsb('Ubuntu', '27.04'))).toEqual({
      version: '27.04',
      warnings: [
        "The container's Ubuntu version '27.04' is not in the known version list. As it's newer than the minimum supported version it's likely to work OK, but full compatibility cannot be guaranteed. Please check for PVE system updates.\n",
      ],
    });
    expect(run(ubuntuPlugin, lsb('Ubuntu', '13.04'))).toBe(
      "unsupported ancient Ubuntu version '13.04'\n",
    );
  });

  it('dies without lsb-release, without DISTRIB_ID=Ubuntu or without a release', () => {
    expect(run(ubuntuPlugin)).toBe(
      "can't open '/rootfs/etc/lsb-release' - No such file or directory\n",
    );
    expect(run(ubuntuPlugin, lsb('LinuxMint', '17.3'))).toBe('got unknown DISTRIB_ID\n');
    expect(run(ubuntuPlugin, lsb('Ubuntu', '22'))).toBe('unable to read version info\n');
    expect(run(ubuntuPlugin, { '/etc/lsb-release': 'DISTRIB_ID=Ubuntu \n' })).toBe(
      'got unknown DISTRIB_ID\n',
    );
  });
});

describe('CentOS', () => {
  const v = (line: string): unknown => run(centosPlugin, { '/etc/redhat-release': `${line}\n` });
  it.each([
    ['CentOS release 6.3 (Final)', '6.3'],
    ['CentOS Linux release 7.1.1503 (Core)', '7.1'],
    ['CentOS Stream release 10 (Coughlan)', '10'],
    ['Rocky Linux release 9.3 (Blue Onyx)', '9.3'],
    ['Mageia release 5 (Official) for x86_64', '5'],
    ['Red Hat release 10.9', '10.9'],
  ])('%s → %s', (line, version) => {
    expect(v(line)).toEqual({ version, warnings: [] });
  });

  it('dies on missing, unparsable and unsupported versions', () => {
    expect(run(centosPlugin)).toBe('unable to read version info\n');
    expect(run(centosPlugin, { '/etc/centos-release': 'CentOS release 7\n' })).toBe(
      'unable to read version info\n',
    );
    expect(v('Fedora 30')).toBe("unable to parse centos version 'Fedora 30'\n");
    expect(v('CentOS release 4.9')).toBe("unsupported centos version '4.9'\n");
    expect(v('CentOS release 11')).toBe("unsupported centos version '11'\n");
  });
});

describe('Fedora and openEuler', () => {
  it('accept VERSION_ID from the minimum on', () => {
    expect(run(fedoraPlugin, {}, { VERSION_ID: '22' })).toEqual({ version: '22', warnings: [] });
    expect(run(fedoraPlugin, {}, { VERSION_ID: '41' })).toEqual({ version: '41', warnings: [] });
    expect(run(openeulerPlugin, {}, { VERSION_ID: '24.03' })).toEqual({
      version: '24.03',
      warnings: [],
    });
  });

  it('reject lower and missing versions', () => {
    expect(run(fedoraPlugin, {}, { VERSION_ID: '21' })).toBe("unsupported Fedora release '21'\n");
    expect(run(fedoraPlugin, {}, { VERSION_ID: '10' })).toBe("unsupported Fedora release '10'\n");
    expect(run(fedoraPlugin, {}, { VERSION_ID: 'rawhide' })).toBe(
      "unsupported Fedora release 'rawhide'\n",
    );
    expect(run(fedoraPlugin)).toBe("unsupported Fedora release ''\n");
    expect(run(openeulerPlugin, {}, { VERSION_ID: '20.03' })).toBe(
      "unsupported openEuler release '20.03'\n",
    );
  });
});

describe('SUSE', () => {
  const v = (version: string | undefined, id = 'opensuse'): unknown =>
    run(susePlugin, {}, version === undefined ? { ID: id } : { ID: id, VERSION_ID: version });
  it.each([
    ['42.1'],
    ['42.3'],
    ['43.0'],
    ['13.1'],
    ['13.2'],
    ['15.0'],
    ['15.6'],
    ['16.0'],
    ['20170729'],
    ['20240901'],
  ])('accepts %s', (version) => {
    expect(v(version)).toEqual({ version, warnings: [] });
  });

  it('accepts 12.x only for sles', () => {
    expect(v('12.2', 'sles')).toEqual({ version: '12.2', warnings: [] });
    expect(v('12.2')).toBe("unsupported suse release '12.2'\n");
  });

  it('rejects other versions with the reference messages', () => {
    expect(v('13.3')).toBe("unsupported suse release '13.3'\n");
    expect(v('14.0')).toBe("unsupported suse release '14.0'\n");
    expect(v('20160917')).toBe("unsupported suse tumbleweed release '20160917'\n");
    expect(v('20171301')).toBe("unsupported suse tumbleweed release '20171301'\n");
    expect(v('20170132')).toBe("unsupported suse tumbleweed release '20170132'\n");
    const unrecognized = `unrecognized suse release at ${SUSE_UNRECOGNIZED_LOCATION}.\n`;
    expect(v(undefined)).toBe(unrecognized);
    expect(v('15')).toBe(unrecognized);
    expect(v('15.6.1')).toBe(unrecognized);
  });
});

describe('plugins without version checks', () => {
  it('Alpine keeps the first line of alpine-release, or null', () => {
    expect(run(alpinePlugin, { '/etc/alpine-release': '3.13.1\n' })).toEqual({
      version: '3.13.1',
      warnings: [],
    });
    expect(run(alpinePlugin)).toEqual({ version: null, warnings: [] });
  });

  it('Arch and NixOS keep 0, Unmanaged keeps nothing', () => {
    expect(run(archlinuxPlugin)).toEqual({ version: 0, warnings: [] });
    expect(run(nixosPlugin)).toEqual({ version: 0, warnings: [] });
    expect(run(unmanagedPlugin)).toEqual({ warnings: [] });
  });

  it('Gentoo needs a "Gentoo Base System release" line', () => {
    expect(
      run(gentooPlugin, { '/etc/gentoo-release': 'Gentoo Base System release 2.7\n' }),
    ).toEqual({
      version: 0,
      warnings: [],
    });
    expect(run(gentooPlugin, { '/etc/gentoo-release': 'Funtoo Linux\n' })).toBe(
      'unrecognized gentoo version: Funtoo Linux\n',
    );
    expect(run(gentooPlugin)).toBe('unable to read version info\n');
  });
});
